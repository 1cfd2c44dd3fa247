//! The UI languages and how a request's language is chosen: the chooser's cookie, then
//! Accept-Language, then English.

/// UI languages: tag and the language's own name. A new language is a folder in
/// `locales/` plus a line here and one in the app's `i18n::SOURCES`.
pub const LANGUAGES: [(&str, &str); 7] = [
    ("en", "English"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("nl", "Nederlands"),
    ("it", "Italiano"),
    ("ar", "العربية"),
];
pub const DEFAULT_LANG: &str = "en";

/// Primary subtags of the languages written right to left.
const RIGHT_TO_LEFT: [&str; 8] = ["ar", "dv", "fa", "he", "ks", "ps", "ur", "yi"];

/// `rtl` for a language written right to left, else `ltr`: the `dir` of an element
/// holding text in `tag`.
pub fn direction(tag: &str) -> &'static str {
    let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
    if RIGHT_TO_LEFT
        .iter()
        .any(|r| r.eq_ignore_ascii_case(primary))
    {
        "rtl"
    } else {
        "ltr"
    }
}
pub const LANG_COOKIE: &str = "thingdata_lang";

/// Picks a supported UI language: exact tag or its primary subtag, else `None`.
pub fn supported(tag: &str) -> Option<&'static str> {
    let primary = tag
        .trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
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
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            (q > 0.0).then_some((q, tag))
        })
        .collect();
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    candidates.first().map(|(_, t)| *t)
}

/// The language for a request, given its `Cookie` header values and its
/// Accept-Language header.
pub fn negotiate<'a>(
    cookie_headers: impl IntoIterator<Item = &'a str>,
    accept_language: Option<&str>,
) -> &'static str {
    cookie_headers
        .into_iter()
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == LANG_COOKIE)
        .and_then(|(_, v)| supported(v))
        .or_else(|| accept_language.and_then(from_accept_language))
        .unwrap_or(DEFAULT_LANG)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_negotiation() {
        assert_eq!(from_accept_language("de-DE,de;q=0.9,en;q=0.8"), Some("de"));
        assert_eq!(
            from_accept_language("pt;q=1.0, en;q=0.5, de;q=0.7"),
            Some("de")
        );
        assert_eq!(from_accept_language("fr-CH"), Some("fr"));
        assert_eq!(from_accept_language("pt"), None);
        assert_eq!(from_accept_language("de;q=0"), None);
    }

    #[test]
    fn arabic_is_written_right_to_left() {
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("ar-EG"), "rtl");
        assert_eq!(direction("fa"), "rtl");
        assert_eq!(direction("de"), "ltr");
        assert_eq!(direction("ar-Latn"), "rtl");
    }

    #[test]
    fn the_cookie_wins_over_accept_language() {
        assert_eq!(negotiate(["a=1; thingdata_lang=de"], Some("en")), "de");
        assert_eq!(negotiate(["thingdata_lang=xx"], Some("de")), "de");
        assert_eq!(negotiate([], Some("pt")), DEFAULT_LANG);
    }
}
