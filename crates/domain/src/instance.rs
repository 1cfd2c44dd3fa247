//! Instance settings that admins edit in the web UI: how the instance presents itself,
//! who may sign up, and whether anonymous visitors may read.

use crate::validate::is_language_tag;
use crate::Problem;
use serde::{Deserialize, Serialize};

/// Who may create an account.
pub const REGISTRATION_MODES: [&str; 3] = ["open", "approval", "invite"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InstanceSettings {
    pub name: String,
    pub description: String,
    /// Content languages this community works in, most used first.
    pub languages: Vec<String>,
    /// One of [`REGISTRATION_MODES`].
    pub registration: String,
    /// Only signed-in users may read.
    pub private: bool,
    /// Federation may reach peers on private and loopback addresses (local networks,
    /// tests); off by default so a peer URL cannot be used to probe the local network.
    pub allow_private_peers: bool,
}

impl Default for InstanceSettings {
    fn default() -> Self {
        Self {
            name: "ThingData".into(),
            description: String::new(),
            languages: vec!["en".into(), "de".into()],
            registration: "open".into(),
            private: false,
            allow_private_peers: false,
        }
    }
}

impl InstanceSettings {
    /// Every problem with the settings, by field.
    pub fn problems(&self) -> Vec<Problem> {
        let mut p = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            p.push(Problem::new("name", "empty", &[]));
        } else if name.chars().count() > 80 {
            p.push(Problem::new("name", "too_long", &[("max", "80".into())]));
        }
        if self.description.chars().count() > 2000 {
            p.push(Problem::new(
                "description",
                "too_long",
                &[("max", "2000".into())],
            ));
        }
        if self.languages.is_empty() {
            p.push(Problem::new("languages", "empty", &[]));
        } else if self.languages.len() > 30 {
            p.push(Problem::new(
                "languages",
                "too_many",
                &[("max", "30".into())],
            ));
        } else if let Some(bad) = self.languages.iter().find(|l| !is_language_tag(l)) {
            p.push(Problem::new(
                "languages",
                "invalid_language_tag",
                &[("value", bad.clone())],
            ));
        }
        if !REGISTRATION_MODES.contains(&self.registration.as_str()) {
            p.push(Problem::new(
                "registration",
                "not_in_vocabulary",
                &[("allowed", REGISTRATION_MODES.join(", "))],
            ));
        }
        p
    }

    /// Parses the comma- or space-separated language list of the settings form.
    pub fn parse_languages(text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for l in text.split([',', ' ', '\n']).map(str::trim) {
            if !l.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(l)) {
                out.push(l.to_string());
            }
        }
        out
    }
}
