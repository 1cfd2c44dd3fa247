//! Every request limit in one place: API rates per IP and per token, sign-in and
//! sign-up rates per IP, and the lockout back-off after failed sign-ins per account.
//! Counters live in this process's memory; each app node limits on its own.

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The `[limits]` table of the configuration file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// API requests per minute from one IP address without a token.
    pub api_per_ip_per_minute: u32,
    /// API requests per minute with one personal token.
    pub api_per_token_per_minute: u32,
    /// Sign-in, sign-up and setup attempts per minute from one IP address.
    pub login_per_ip_per_minute: u32,
    /// "This worked for me" answers (new or changed) per minute from one account.
    pub outcomes_per_user_per_minute: u32,
    /// Failed sign-ins in a row before an account is locked.
    pub lockout_after_failures: u32,
    /// The first lockout; each further failure doubles it.
    pub lockout_base_seconds: u64,
    pub lockout_max_seconds: u64,
    /// Bytes in one uploaded file.
    pub media_max_bytes: u64,
    /// Pixels in one image (width × height); an animation counts all its frames.
    pub media_max_pixels: u64,
    pub media_max_width: u32,
    pub media_max_height: u32,
    /// Frames in one animation.
    pub media_max_frames: u32,
    /// Memory one image decoder may allocate at once, in bytes.
    pub media_max_decode_bytes: u64,
    /// Media bytes (originals and variants) one account may store; 0 for no limit.
    pub media_quota_per_user_bytes: u64,
    /// Media bytes the whole instance may store; 0 for no limit.
    pub media_quota_bytes: u64,
    /// Hours an upload no revision names is kept before the clean-up removes it.
    pub media_gc_grace_hours: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            api_per_ip_per_minute: 600,
            api_per_token_per_minute: 1200,
            login_per_ip_per_minute: 30,
            outcomes_per_user_per_minute: 6,
            lockout_after_failures: 5,
            lockout_base_seconds: 30,
            lockout_max_seconds: 3600,
            media_max_bytes: 25_000_000,
            media_max_pixels: 50_000_000,
            media_max_width: 12_000,
            media_max_height: 12_000,
            media_max_frames: 200,
            media_max_decode_bytes: 256 * 1024 * 1024,
            media_quota_per_user_bytes: 1_000_000_000,
            media_quota_bytes: 0,
            media_gc_grace_hours: 24,
        }
    }
}

/// The client's address as the router determined it (peer address, or the first
/// `X-Forwarded-For` hop behind a trusted proxy).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientIp(pub String);

/// Refused: try again after this many seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryAfter(pub u64);

struct Bucket {
    tokens: f64,
    last: Instant,
}

#[derive(Default)]
struct Failures {
    count: u32,
    locked_until: Option<Instant>,
}

/// Entries beyond this many are pruned of idle ones, so a flood of addresses cannot
/// grow memory without bound.
const PRUNE_AT: usize = 50_000;

pub struct Limiter {
    limits: Limits,
    buckets: Mutex<HashMap<String, Bucket>>,
    failures: Mutex<HashMap<String, Failures>>,
}

impl Limiter {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            buckets: Mutex::default(),
            failures: Mutex::default(),
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Takes one token from the bucket `key` that refills `per_minute` tokens a minute.
    fn take(&self, key: String, per_minute: u32) -> Result<(), RetryAfter> {
        let now = Instant::now();
        let capacity = f64::from(per_minute.max(1));
        let rate = capacity / 60.0;
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(());
        };
        if buckets.len() > PRUNE_AT {
            buckets.retain(|_, b| now.duration_since(b.last) < Duration::from_secs(60));
        }
        let b = buckets.entry(key).or_insert(Bucket {
            tokens: capacity,
            last: now,
        });
        b.tokens = (b.tokens + now.duration_since(b.last).as_secs_f64() * rate).min(capacity);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(RetryAfter(((1.0 - b.tokens) / rate).ceil().max(1.0) as u64))
        }
    }

    pub fn api_by_ip(&self, ip: &str) -> Result<(), RetryAfter> {
        self.take(format!("api-ip:{ip}"), self.limits.api_per_ip_per_minute)
    }

    /// `token_key` identifies the token without being it (a hash prefix).
    pub fn api_by_token(&self, token_key: &str) -> Result<(), RetryAfter> {
        self.take(
            format!("api-token:{token_key}"),
            self.limits.api_per_token_per_minute,
        )
    }

    pub fn outcome_by_user(&self, username: &str) -> Result<(), RetryAfter> {
        self.take(
            format!("outcome-user:{username}"),
            self.limits.outcomes_per_user_per_minute,
        )
    }

    pub fn login_by_ip(&self, ip: &str) -> Result<(), RetryAfter> {
        self.take(
            format!("login-ip:{ip}"),
            self.limits.login_per_ip_per_minute,
        )
    }

    /// Whether `account` is locked out after failed sign-ins.
    pub fn account_locked(&self, account: &str) -> Result<(), RetryAfter> {
        let now = Instant::now();
        let Ok(f) = self.failures.lock() else {
            return Ok(());
        };
        match f.get(account).and_then(|f| f.locked_until) {
            Some(until) if until > now => {
                Err(RetryAfter(until.duration_since(now).as_secs().max(1)))
            }
            _ => Ok(()),
        }
    }

    /// Counts a failed sign-in; returns the lockout it starts, if any.
    pub fn login_failed(&self, account: &str) -> Option<RetryAfter> {
        let now = Instant::now();
        let mut map = self.failures.lock().ok()?;
        if map.len() > PRUNE_AT {
            map.retain(|_, f| f.locked_until.is_some_and(|u| u > now));
        }
        let f = map.entry(account.to_string()).or_default();
        f.count += 1;
        let over = f.count.checked_sub(self.limits.lockout_after_failures)?;
        let secs = self
            .limits
            .lockout_base_seconds
            .saturating_mul(1u64 << over.min(20))
            .min(self.limits.lockout_max_seconds);
        f.locked_until = Some(now + Duration::from_secs(secs));
        Some(RetryAfter(secs))
    }

    pub fn login_succeeded(&self, account: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(account);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_refuse_past_the_rate_and_say_when_to_retry() {
        let l = Limiter::new(Limits {
            api_per_ip_per_minute: 3,
            ..Limits::default()
        });
        for _ in 0..3 {
            assert_eq!(l.api_by_ip("10.0.0.1"), Ok(()));
        }
        let Err(RetryAfter(secs)) = l.api_by_ip("10.0.0.1") else {
            panic!("the fourth request in a minute must be refused");
        };
        assert!((1..=20).contains(&secs), "{secs}");
        assert_eq!(
            l.api_by_ip("10.0.0.2"),
            Ok(()),
            "other addresses are separate"
        );
    }

    #[test]
    fn lockout_starts_after_the_allowed_failures_and_doubles() {
        let l = Limiter::new(Limits {
            lockout_after_failures: 2,
            lockout_base_seconds: 30,
            lockout_max_seconds: 100,
            ..Limits::default()
        });
        assert_eq!(l.login_failed("ada"), None);
        assert_eq!(l.account_locked("ada"), Ok(()));
        assert_eq!(l.login_failed("ada"), Some(RetryAfter(30)));
        assert!(l.account_locked("ada").is_err());
        assert_eq!(l.login_failed("ada"), Some(RetryAfter(60)));
        assert_eq!(l.login_failed("ada"), Some(RetryAfter(100)), "capped");
        assert_eq!(l.account_locked("bob"), Ok(()));
        l.login_succeeded("ada");
        assert_eq!(l.account_locked("ada"), Ok(()));
    }
}
