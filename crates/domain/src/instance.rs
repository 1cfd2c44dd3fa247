//! Instance settings that admins edit in the web UI: how the instance presents itself,
//! under which licence its content is shared, who may sign up, and whether anonymous
//! visitors may read.

use crate::validate::is_language_tag;
use crate::Problem;
use serde::{Deserialize, Serialize};

/// Who may create an account.
pub const REGISTRATION_MODES: [&str; 3] = ["open", "approval", "invite"];

/// An open licence an instance may publish its content under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Licence {
    /// SPDX identifier.
    pub id: &'static str,
    pub name: &'static str,
    pub url: &'static str,
}

/// The licences an admin may choose; the first is the default. All let other instances
/// copy and adapt what they receive, which federation needs.
pub const LICENCES: [Licence; 4] = [
    Licence {
        id: "CC-BY-SA-4.0",
        name: "CC BY-SA 4.0",
        url: "https://creativecommons.org/licenses/by-sa/4.0/",
    },
    Licence {
        id: "CC-BY-4.0",
        name: "CC BY 4.0",
        url: "https://creativecommons.org/licenses/by/4.0/",
    },
    Licence {
        id: "CC0-1.0",
        name: "CC0 1.0",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
    },
    Licence {
        id: "ODbL-1.0",
        name: "ODbL 1.0",
        url: "https://opendatacommons.org/licenses/odbl/1-0/",
    },
];

impl Licence {
    /// The licence with this SPDX id, else the default.
    pub fn of(id: &str) -> Licence {
        LICENCES
            .iter()
            .copied()
            .find(|l| l.id == id)
            .unwrap_or(LICENCES[0])
    }

    /// The licence whose deed is at `url` (how the browser reads it back from the page).
    pub fn by_url(url: &str) -> Option<Licence> {
        LICENCES.iter().copied().find(|l| l.url == url)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InstanceSettings {
    pub name: String,
    pub description: String,
    /// How to reach the people who run the instance (an address or a web page).
    pub contact: String,
    /// SPDX id of the content licence, one of [`LICENCES`].
    pub licence: String,
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
            contact: String::new(),
            licence: LICENCES[0].id.into(),
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
        if self.contact.chars().count() > 200 {
            p.push(Problem::new(
                "contact",
                "too_long",
                &[("max", "200".into())],
            ));
        }
        if !LICENCES.iter().any(|l| l.id == self.licence) {
            p.push(Problem::new(
                "licence",
                "not_in_vocabulary",
                &[(
                    "allowed",
                    LICENCES.iter().map(|l| l.id).collect::<Vec<_>>().join(", "),
                )],
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
