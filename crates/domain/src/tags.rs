//! Free tags on things, stories and guides: one spelling per tag (trimmed, lowercase,
//! single spaces), so "Descaling " and "descaling" are the same tag everywhere.

use serde_json::Value;

/// Characters a tag may be at most.
pub const MAX_TAG: usize = 50;
/// Tags per entry.
pub const MAX_TAGS: usize = 20;

/// The tag's one spelling. Lowercasing keeps the number of characters (a letter whose
/// lowercase is longer stays as it is), so a tag within the limit stays within it.
pub fn normalize(tag: &str) -> String {
    let lower: String = tag
        .chars()
        .map(|c| {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(one), None) => one,
                _ => c,
            }
        })
        .collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `s` is a tag as stored: in its one spelling, not empty, without the list
/// separators `,` and `;` or control characters.
pub fn is_tag(s: &str) -> bool {
    !s.is_empty() && !s.chars().any(|c| c == ',' || c == ';' || c.is_control()) && normalize(s) == s
}

/// Writes an input's `tags` in their one spelling, each once (first place kept). What
/// is not a string is left for validation to report.
pub fn tidy(input: &mut Value) {
    let Some(Value::Array(tags)) = input.get_mut("tags") else {
        return;
    };
    let mut seen: Vec<Value> = Vec::with_capacity(tags.len());
    for t in tags.drain(..) {
        let t = match t {
            Value::String(s) => Value::String(normalize(&s)),
            other => other,
        };
        if !(t.is_string() && seen.contains(&t)) {
            seen.push(t);
        }
    }
    *tags = seen;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tags_have_one_spelling() {
        assert_eq!(normalize("  Descaling\tKettle "), "descaling kettle");
        assert_eq!(normalize("ÉLECTRONIQUE"), "électronique");
        assert_eq!(normalize("İ").chars().count(), 1);
        assert!(is_tag("descaling"));
        assert!(!is_tag("Descaling"));
        assert!(!is_tag("a, b"));
        assert!(!is_tag(""));
        let mut v = json!({"tags": ["Pump", "pump ", "  ", 3, "seal"]});
        tidy(&mut v);
        assert_eq!(v["tags"], json!(["pump", "", 3, "seal"]));
    }
}
