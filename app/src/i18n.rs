//! UI translations from the Fluent files in `locales/`, compiled into the binary
//! and the client bundle so both render the same words.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::LazyLock;

/// UI languages: tag and the language's own name.
pub const LANGUAGES: [(&str, &str); 2] = [("en", "English"), ("de", "Deutsch")];
pub const DEFAULT_LANG: &str = "en";
pub const LANG_COOKIE: &str = "thingdata_lang";

pub const SOURCES: [(&str, &str); 2] = [
    ("en", include_str!("../../locales/en/main.ftl")),
    ("de", include_str!("../../locales/de/main.ftl")),
];

struct Bundles(Vec<(&'static str, FluentBundle<FluentResource>)>);

static BUNDLES: LazyLock<Bundles> = LazyLock::new(|| {
    Bundles(
        SOURCES
            .iter()
            .map(|(tag, src)| {
                let langid = tag.parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![langid]);
                bundle.set_use_isolating(false);
                let res = FluentResource::try_new((*src).to_string()).unwrap_or_else(|(res, _)| res);
                // Duplicate ids are reported by the locale tests; keep the first.
                let _ = bundle.add_resource(res);
                (*tag, bundle)
            })
            .collect(),
    )
});

/// Picks a supported UI language: exact tag or its primary subtag, else `None`.
pub fn supported(tag: &str) -> Option<&'static str> {
    let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    LANGUAGES.iter().map(|(t, _)| *t).find(|t| *t == primary)
}

/// Best supported language from an Accept-Language header, honouring q-values.
pub fn from_accept_language(header: &str) -> Option<&'static str> {
    let mut candidates: Vec<(f32, &'static str)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let tag = supported(pieces.next()?)?;
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()))
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, tag))
        })
        .collect();
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    candidates.first().map(|(_, t)| *t)
}

/// Translates `key` into `lang`, falling back to English, then to the key itself.
pub fn translate(lang: &str, key: &str, args: &[(&str, String)]) -> String {
    let fargs = (!args.is_empty()).then(|| {
        let mut a = FluentArgs::new();
        for (k, v) in args {
            a.set(*k, v.clone());
        }
        a
    });
    for tag in [lang, DEFAULT_LANG] {
        let Some((_, bundle)) = BUNDLES.0.iter().find(|(t, _)| *t == tag) else {
            continue;
        };
        if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return bundle.format_pattern(pattern, fargs.as_ref(), &mut errors).into_owned();
        }
    }
    key.to_string()
}

pub fn has_message(lang: &str, key: &str) -> bool {
    BUNDLES
        .0
        .iter()
        .find(|(t, _)| *t == lang)
        .is_some_and(|(_, b)| b.has_message(key))
}

/// The page's UI language, provided as context to every component.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct I18n {
    pub lang: &'static str,
}

impl Default for I18n {
    fn default() -> Self {
        Self { lang: DEFAULT_LANG }
    }
}

impl I18n {
    pub fn t(&self, key: &str) -> String {
        translate(self.lang, key, &[])
    }

    pub fn ta(&self, key: &str, args: &[(&str, String)]) -> String {
        translate(self.lang, key, args)
    }
}

pub fn use_i18n() -> I18n {
    leptos::prelude::use_context::<I18n>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_negotiation() {
        assert_eq!(from_accept_language("de-DE,de;q=0.9,en;q=0.8"), Some("de"));
        assert_eq!(from_accept_language("fr;q=1.0, en;q=0.5, de;q=0.7"), Some("de"));
        assert_eq!(from_accept_language("fr"), None);
        assert_eq!(from_accept_language("de;q=0"), None);
    }

    #[test]
    fn translates_with_fallback() {
        assert_eq!(translate("de", "nav-things", &[]), "Dinge");
        assert_eq!(translate("xx", "nav-things", &[]), "Things");
        assert_eq!(translate("en", "no-such-key", &[]), "no-such-key");
    }
}
