//! Canonical JSON (sorted keys, no whitespace): what revision ids are hashed over.

use serde_json::Value;

/// Canonical JSON: object keys sorted by code point, no insignificant whitespace.
/// Written out explicitly so the result never depends on serde_json's map feature flags.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write(v, &mut out);
    out
}

fn write(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(val) = m.get(k) {
                    write(val, out);
                }
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sorts_keys_at_every_level_without_whitespace() {
        let v = json!({"z": 1, "a": [{"d": true, "c": null}], "m": "x\"y"});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":[{"c":null,"d":true}],"m":"x\"y","z":1}"#
        );
    }
}
