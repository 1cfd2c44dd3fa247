//! Localized text: an original with translations, and how display falls back to the
//! original.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Text in a default language plus translations keyed by BCP 47 tag.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalizedText {
    pub default: String,
    #[serde(default)]
    pub translations: BTreeMap<String, String>,
}

/// What to show for a requested language, and whether it had to fall back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved<'a> {
    pub text: &'a str,
    pub fell_back: bool,
}

impl LocalizedText {
    pub fn new(default: impl Into<String>) -> Self {
        Self {
            default: default.into(),
            translations: BTreeMap::new(),
        }
    }

    /// Requested language, then its primary subtag (`de-AT` → `de`), then `default`.
    pub fn resolve(&self, lang: &str) -> Resolved<'_> {
        let exact = self
            .translations
            .iter()
            .find(|(tag, _)| tag.eq_ignore_ascii_case(lang));
        let primary = lang.split('-').next().unwrap_or(lang);
        let by_primary = || {
            self.translations.iter().find(|(tag, _)| {
                tag.split('-')
                    .next()
                    .is_some_and(|p| p.eq_ignore_ascii_case(primary))
            })
        };
        match exact.or_else(by_primary) {
            Some((_, text)) if !text.is_empty() => Resolved {
                text,
                fell_back: false,
            },
            _ => Resolved {
                text: &self.default,
                // English is the language of `default` by convention of this instance.
                fell_back: !primary.eq_ignore_ascii_case("en"),
            },
        }
    }

    pub fn get(&self, lang: &str) -> &str {
        self.resolve(lang).text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_default_and_says_so() {
        let mut t = LocalizedText::new("Pump");
        t.translations.insert("de".into(), "Pumpe".into());
        assert_eq!(t.resolve("de").text, "Pumpe");
        assert!(!t.resolve("de").fell_back);
        assert_eq!(t.resolve("de-AT").text, "Pumpe");
        assert_eq!(t.resolve("fr").text, "Pump");
        assert!(t.resolve("fr").fell_back);
        assert!(!t.resolve("en").fell_back);
    }
}
