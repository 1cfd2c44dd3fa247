//! UI translations from the Fluent files in `locales/`, compiled into the binary
//! and the client bundle so both render the same words.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::LazyLock;

use domain::lang::DEFAULT_LANG;

pub const SOURCES: [(&str, &str); 7] = [
    ("en", include_str!("../../locales/en/main.ftl")),
    ("de", include_str!("../../locales/de/main.ftl")),
    ("fr", include_str!("../../locales/fr/main.ftl")),
    ("es", include_str!("../../locales/es/main.ftl")),
    ("nl", include_str!("../../locales/nl/main.ftl")),
    ("it", include_str!("../../locales/it/main.ftl")),
    ("ar", include_str!("../../locales/ar/main.ftl")),
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
                let res =
                    FluentResource::try_new((*src).to_string()).unwrap_or_else(|(res, _)| res);
                // Duplicate ids are reported by the locale tests; keep the first.
                let _ = bundle.add_resource(res);
                (*tag, bundle)
            })
            .collect(),
    )
});

/// Translates `key` into `lang`, falling back to English, then to the key itself.
pub fn translate(lang: &str, key: &str, args: &[(&str, String)]) -> String {
    let fargs = (!args.is_empty()).then(|| {
        let mut a = FluentArgs::new();
        for (k, v) in args {
            // Counts must be numbers for Fluent to pick the plural form.
            match v.parse::<u32>() {
                Ok(n) if !v.starts_with('0') || v == "0" => a.set(*k, n),
                _ => a.set(*k, v.clone()),
            }
        }
        a
    });
    for tag in [lang, DEFAULT_LANG] {
        let Some((_, bundle)) = BUNDLES.0.iter().find(|(t, _)| *t == tag) else {
            continue;
        };
        if let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return bundle
                .format_pattern(pattern, fargs.as_ref(), &mut errors)
                .into_owned();
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
    fn translates_with_fallback() {
        assert_eq!(translate("de", "nav-things", &[]), "Dinge");
        assert_eq!(translate("xx", "nav-things", &[]), "Things");
        assert_eq!(translate("en", "no-such-key", &[]), "no-such-key");
    }
}

#[cfg(test)]
mod completeness {
    use super::*;
    use domain::lang::LANGUAGES;
    use domain::problem::CODES;
    use domain::vocab::Vocabularies;
    use domain::EntityKind;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn ids(src: &str) -> BTreeSet<String> {
        src.lines()
            .filter(|l| !l.starts_with([' ', '#', '*', '[']) && l.contains(" ="))
            .filter_map(|l| l.split(" =").next())
            .map(|s| s.trim().to_string())
            .collect()
    }

    fn rust_files(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                rust_files(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }

    /// Literal keys passed to `t("…")` / `ta("…", …)` anywhere in the app's source.
    fn used_keys() -> BTreeSet<String> {
        let mut files = Vec::new();
        rust_files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut keys = BTreeSet::new();
        for src in files {
            for marker in [".t(\"", ".ta(\""] {
                for (pos, _) in src.match_indices(marker) {
                    let rest = &src[pos + marker.len()..];
                    if let Some(end) = rest.find('"') {
                        keys.insert(rest[..end].to_string());
                    }
                }
            }
        }
        keys
    }

    fn dynamic_keys() -> BTreeSet<String> {
        let v = Vocabularies::default();
        let mut keys: BTreeSet<String> = CODES.iter().map(|c| format!("problem-{c}")).collect();
        for k in EntityKind::ALL {
            keys.insert(format!("kind-{}", k.as_str()));
            keys.insert(format!("kind-{}-plural", k.as_str()));
            keys.insert(format!("action-create-{}", k.as_str()));
            keys.insert(format!("vocab-{}", k.as_str()));
        }
        keys.extend(
            domain::vocab::VOCABULARIES
                .iter()
                .map(|name| format!("vocab-{name}")),
        );
        for list in [
            v.thing_types,
            v.story_types,
            v.guide_primary,
            v.guide_secondary,
            v.relationship_types,
            v.directions,
            v.warning_severities,
            v.dimension_units,
            v.fault_types,
        ] {
            keys.extend(list.into_iter().map(|x| format!("vocab-{x}")));
        }
        let slug = |s: &str| {
            s.split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join("-")
        };
        keys.extend(
            domain::repair::STATUSES
                .iter()
                .map(|s| format!("repair-status-{}", slug(s))),
        );
        keys.extend(
            domain::repair::BARRIERS
                .iter()
                .map(|b| format!("repair-barrier-{}", slug(b))),
        );
        keys.extend(
            domain::outcome::RESULTS
                .iter()
                .map(|r| format!("outcome-result-{r}")),
        );
        keys.extend(
            domain::instance::REGISTRATION_MODES
                .iter()
                .map(|m| format!("registration-{m}")),
        );
        for k in [
            "vocab-op-create",
            "vocab-op-update",
            "vocab-op-delete",
            "notice-stale",
            "notice-not-yours",
            "notice-gone",
            "delete-error-confirm",
            "delete-error-stale",
            "revert-error-stale",
            "revert-error-invalid",
            "revert-error-gone",
            "notice-merged",
            "notice-resolved",
            "conflict-error-invalid",
            "conflict-error-custom",
            "conflict-error-closed",
            "conflict-error-forbidden",
            "revert-error-forbidden",
            "delete-error-forbidden",
        ] {
            keys.insert(k.to_string());
        }
        keys
    }

    #[test]
    fn every_language_has_every_message() {
        let en = ids(SOURCES[0].1);
        for (tag, src) in SOURCES {
            assert_eq!(ids(src), en, "{tag} differs from en");
            assert!(
                FluentResource::try_new(src.to_string()).is_ok(),
                "{tag} has syntax errors"
            );
        }
        let mut missing = Vec::new();
        for key in used_keys().into_iter().chain(dynamic_keys()) {
            for (tag, _) in LANGUAGES {
                if !has_message(tag, &key) {
                    missing.push(format!("{tag}: {key}"));
                }
            }
        }
        assert!(missing.is_empty(), "missing messages: {missing:?}");
        assert!(used_keys().len() > 100);
        assert_eq!(
            LANGUAGES.map(|(t, _)| t).to_vec(),
            SOURCES.map(|(t, _)| t).to_vec(),
            "every UI language has its Fluent file, in the same order"
        );
    }

    /// A message nothing names is dead weight for every translator: each id must be a
    /// string literal in the app's or the server's source, or start with a prefix the
    /// source completes with `format!` (`"vocab-{}"`).
    #[test]
    fn every_message_is_used() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        rust_files(&root.join("src"), &mut files);
        rust_files(&root.join("../server/src"), &mut files);
        let (mut literals, mut prefixes) = (BTreeSet::new(), BTreeSet::new());
        for src in &files {
            for piece in src.split('"').skip(1).step_by(2) {
                let word =
                    |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_".contains(c);
                if piece.chars().all(word) {
                    literals.insert(piece.to_string());
                } else if let Some((head, _)) = piece.split_once('{') {
                    if head.ends_with('-') && head.chars().all(word) {
                        prefixes.insert(head.to_string());
                    }
                }
            }
        }
        let unused: Vec<String> = ids(SOURCES[0].1)
            .into_iter()
            .filter(|id| !literals.contains(id) && !prefixes.iter().any(|p| id.starts_with(p)))
            .collect();
        assert!(unused.is_empty(), "messages no page uses: {unused:?}");
    }
}
