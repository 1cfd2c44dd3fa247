//! Numbers and language names in the page's language: CLDR digits, grouping and
//! separators through ICU4X (`icu_decimal`), which covers every UI language.

use crate::i18n::I18n;

/// A count as the page's language writes it (1,234 · 1.234 · 1 234).
pub fn number_text(i: &I18n, n: u64) -> String {
    format(i.lang, n)
}

/// A whole percentage as the page's language writes it (42% · 42 %).
pub fn percent_text(i: &I18n, pct: u64) -> String {
    i.ta("percent", &[("n", format(i.lang, pct))])
}

/// A language by its own name when it is a UI language, else by its tag.
pub fn language_label(tag: &str) -> String {
    domain::lang::LANGUAGES
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(tag))
        .map(|(_, name)| name.to_string())
        .unwrap_or_else(|| tag.to_string())
}

#[cfg(feature = "ssr")]
fn format(lang: &str, n: u64) -> String {
    use icu_decimal::input::Decimal;
    use icu_decimal::DecimalFormatter;
    use std::cell::RefCell;
    use std::collections::HashMap;
    thread_local! {
        // Formatters hold reference-counted data, so each worker thread keeps its own.
        static FORMATTERS: RefCell<HashMap<String, Option<DecimalFormatter>>> =
            RefCell::default();
    }
    FORMATTERS.with_borrow_mut(|cache| {
        let formatter = cache.entry(lang.to_string()).or_insert_with(|| {
            let locale = icu_locale_core::Locale::try_from_str(lang).ok()?;
            DecimalFormatter::try_new(locale.into(), Default::default()).ok()
        });
        match formatter {
            Some(f) => f.format(&Decimal::from(n)).to_string(),
            None => n.to_string(),
        }
    })
}

/// Pages render on the server; an island showing a number would get it as text.
#[cfg(not(feature = "ssr"))]
fn format(_lang: &str, n: u64) -> String {
    n.to_string()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_page_language() {
        let n = |lang: &'static str| number_text(&I18n { lang }, 1_234_567);
        assert_eq!(n("en"), "1,234,567");
        assert_eq!(n("de"), "1.234.567");
        assert_eq!(n("fr"), "1\u{202f}234\u{202f}567");
        assert_eq!(n("nl"), "1.234.567");
        assert_eq!(
            number_text(&I18n { lang: "es" }, 1234),
            "1234",
            "CLDR: no group of one"
        );
    }
}
