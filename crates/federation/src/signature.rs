//! HTTP Signatures as the fediverse uses them (draft-cavage-http-signatures-12,
//! `hs2019` with ed25519 keys), plus the SHA-256 `Digest` of the body. Pure functions
//! over header values, so the HTTP layers on both sides share one implementation.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use domain::revision::InstanceKey;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use sha2::{Digest as _, Sha256};
use std::time::{Duration, SystemTime};

/// How far a request's `Date` may be from our clock, either way.
pub const CLOCK_SKEW: Duration = Duration::from_secs(300);

/// Headers every signed request covers; requests with a body also cover `digest`.
const COVERED_GET: &str = "(request-target) host date";
const COVERED_POST: &str = "(request-target) host date digest";

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SignatureError {
    #[error("the request is not signed (no Signature header)")]
    Missing,
    #[error("the Signature header is malformed: {0}")]
    Malformed(&'static str),
    #[error("the signature does not cover {0}")]
    NotCovered(&'static str),
    #[error("the Date header is missing or not an HTTP date")]
    BadDate,
    #[error("the Date header is more than five minutes away from our clock")]
    Stale,
    #[error("the Digest header does not match the body")]
    DigestMismatch,
    #[error("the signature does not verify with the key of {0}")]
    Invalid(String),
}

/// The parts of a request a signature is computed over.
pub struct RequestParts<'a> {
    pub method: &'a str,
    /// Path and query, as sent.
    pub target: &'a str,
    pub host: &'a str,
    pub date: &'a str,
    pub digest: Option<&'a str>,
}

/// A parsed `Signature` header.
#[derive(Debug, PartialEq)]
pub struct SignatureHeader {
    pub key_id: String,
    pub headers: Vec<String>,
    pub signature: Vec<u8>,
}

/// `SHA-256=<base64>` of a body.
pub fn digest(body: &[u8]) -> String {
    format!("SHA-256={}", B64.encode(Sha256::digest(body)))
}

/// An RFC 7231 date, as HTTP headers carry it.
pub fn http_date(t: SystemTime) -> String {
    httpdate::fmt_http_date(t)
}

fn signing_string(parts: &RequestParts, covered: &[String]) -> Result<String, SignatureError> {
    let mut lines = Vec::with_capacity(covered.len());
    for h in covered {
        let line = match h.as_str() {
            "(request-target)" => format!(
                "(request-target): {} {}",
                parts.method.to_ascii_lowercase(),
                parts.target
            ),
            "host" => format!("host: {}", parts.host),
            "date" => format!("date: {}", parts.date),
            "digest" => format!(
                "digest: {}",
                parts.digest.ok_or(SignatureError::NotCovered("digest"))?
            ),
            _ => return Err(SignatureError::Malformed("covers a header we do not check")),
        };
        lines.push(line);
    }
    Ok(lines.join("\n"))
}

/// The `Signature` header value for a request.
pub fn sign(key: &InstanceKey, key_id: &str, parts: &RequestParts) -> String {
    let covered = if parts.digest.is_some() {
        COVERED_POST
    } else {
        COVERED_GET
    };
    let list: Vec<String> = covered.split(' ').map(String::from).collect();
    // Every header in `list` is present in `parts`, so this cannot fail.
    let text = signing_string(parts, &list).unwrap_or_default();
    let signature = B64.encode(key.sign_raw(text.as_bytes()));
    format!(
        "keyId=\"{key_id}\",algorithm=\"hs2019\",headers=\"{covered}\",signature=\"{signature}\""
    )
}

/// Splits `k="v",k2="v2"` into pairs; values may contain commas but not quotes.
pub fn parse(header: &str) -> Result<SignatureHeader, SignatureError> {
    let (mut key_id, mut headers, mut signature) = (None, None, None);
    let mut rest = header.trim();
    while !rest.is_empty() {
        let (name, after) = rest
            .split_once('=')
            .ok_or(SignatureError::Malformed("expected name=\"value\""))?;
        let after = after
            .strip_prefix('"')
            .ok_or(SignatureError::Malformed("values must be quoted"))?;
        let (value, after) = after
            .split_once('"')
            .ok_or(SignatureError::Malformed("unterminated value"))?;
        match name.trim() {
            "keyId" => key_id = Some(value.to_string()),
            "headers" => headers = Some(value.to_ascii_lowercase()),
            "signature" => signature = Some(value.to_string()),
            "algorithm" if value != "hs2019" && value != "ed25519" => {
                return Err(SignatureError::Malformed("algorithm must be hs2019"))
            }
            _ => {}
        }
        rest = after.trim_start().trim_start_matches(',').trim_start();
    }
    let signature = B64
        .decode(signature.ok_or(SignatureError::Malformed("no signature"))?)
        .map_err(|_| SignatureError::Malformed("signature is not base64"))?;
    Ok(SignatureHeader {
        key_id: key_id.ok_or(SignatureError::Malformed("no keyId"))?,
        // The draft's default when `headers` is absent.
        headers: headers
            .unwrap_or_else(|| "date".into())
            .split_whitespace()
            .map(String::from)
            .collect(),
        signature,
    })
}

/// Checks what can be checked without the key: coverage, the clock and the digest.
pub fn check_request(
    sig: &SignatureHeader,
    parts: &RequestParts,
    body: Option<&[u8]>,
    now: SystemTime,
) -> Result<(), SignatureError> {
    for needed in ["(request-target)", "host", "date"] {
        if !sig.headers.iter().any(|h| h == needed) {
            return Err(SignatureError::NotCovered(needed));
        }
    }
    let date = httpdate::parse_http_date(parts.date).map_err(|_| SignatureError::BadDate)?;
    let skew = now
        .duration_since(date)
        .or_else(|_| date.duration_since(now))
        .unwrap_or_default();
    if skew > CLOCK_SKEW {
        return Err(SignatureError::Stale);
    }
    if let Some(body) = body {
        if !sig.headers.iter().any(|h| h == "digest") {
            return Err(SignatureError::NotCovered("digest"));
        }
        if parts.digest != Some(digest(body).as_str()) {
            return Err(SignatureError::DigestMismatch);
        }
    }
    Ok(())
}

/// Verifies the signature itself with the signer's hex public key.
pub fn verify(
    sig: &SignatureHeader,
    parts: &RequestParts,
    public_key_hex: &str,
) -> Result<(), SignatureError> {
    let invalid = || SignatureError::Invalid(sig.key_id.clone());
    let text = signing_string(parts, &sig.headers)?;
    let key: [u8; 32] = hex::decode(public_key_hex)
        .ok()
        .and_then(|k| k.try_into().ok())
        .ok_or_else(invalid)?;
    let key = VerifyingKey::from_bytes(&key).map_err(|_| invalid())?;
    let bytes: [u8; 64] = sig.signature.clone().try_into().map_err(|_| invalid())?;
    key.verify(text.as_bytes(), &Signature::from_bytes(&bytes))
        .map_err(|_| invalid())
}

/// The public key as SPKI PEM, the form ActivityPub actor documents carry.
pub fn public_key_pem(public_key_hex: &str) -> String {
    // DER prefix of an ed25519 SubjectPublicKeyInfo (RFC 8410).
    let mut der = vec![
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
    ];
    der.extend(hex::decode(public_key_hex).unwrap_or_default());
    format!(
        "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
        B64.encode(der)
    )
}

/// The hex ed25519 key in an SPKI PEM, or `None` for anything else.
pub fn public_key_from_pem(pem: &str) -> Option<String> {
    let body: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .map(str::trim)
        .collect();
    let der = B64.decode(body).ok()?;
    let key = der.strip_prefix(&[
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
    ])?;
    (key.len() == 32).then(|| hex::encode(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(date: &'a str, digest: Option<&'a str>) -> RequestParts<'a> {
        RequestParts {
            method: "POST",
            target: "/federation/inbox",
            host: "b.example",
            date,
            digest,
        }
    }

    #[test]
    fn a_signed_request_verifies_and_any_change_breaks_it() {
        let key = InstanceKey::generate().unwrap();
        let now = SystemTime::now();
        let date = http_date(now);
        let body = br#"{"type":"Announce"}"#;
        let d = digest(body);
        let header = sign(
            &key,
            "https://a.example/federation/actor#main-key",
            &parts(&date, Some(&d)),
        );
        let sig = parse(&header).unwrap();
        assert_eq!(sig.key_id, "https://a.example/federation/actor#main-key");
        let p = parts(&date, Some(&d));
        assert_eq!(check_request(&sig, &p, Some(body), now), Ok(()));
        assert_eq!(verify(&sig, &p, &key.public_key_hex()), Ok(()));

        assert_eq!(
            check_request(&sig, &p, Some(b"{}"), now),
            Err(SignatureError::DigestMismatch)
        );
        let other = InstanceKey::generate().unwrap();
        assert!(verify(&sig, &p, &other.public_key_hex()).is_err());
        let moved = RequestParts {
            target: "/federation/other",
            ..parts(&date, Some(&d))
        };
        assert!(verify(&sig, &moved, &key.public_key_hex()).is_err());
        let later = now + Duration::from_secs(301);
        assert_eq!(
            check_request(&sig, &p, Some(body), later),
            Err(SignatureError::Stale)
        );
    }

    #[test]
    fn malformed_headers_are_errors_not_panics() {
        for h in [
            "",
            "keyId",
            "keyId=abc",
            "keyId=\"a\",signature=\"***\"",
            "keyId=\"a\",algorithm=\"rsa-sha1\",signature=\"AAAA\"",
            "signature=\"AAAA\"",
        ] {
            assert!(parse(h).is_err(), "{h}");
        }
    }

    #[test]
    fn pem_round_trips() {
        let key = InstanceKey::generate().unwrap();
        let pem = public_key_pem(&key.public_key_hex());
        assert_eq!(public_key_from_pem(&pem), Some(key.public_key_hex()));
        assert_eq!(
            public_key_from_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n"),
            None
        );
    }
}
