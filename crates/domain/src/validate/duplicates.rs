//! Finds a key given twice in one JSON object, which a parser would otherwise resolve
//! silently by keeping the last value.

use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use std::collections::HashSet;
use std::fmt;

/// Walks a document and fails on the first object with a repeated key.
struct Unique;

impl<'de> DeserializeSeed<'de> for Unique {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Unique {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(A::Error::custom(format!("the key \"{key}\" appears twice")));
            }
            map.next_value_seed(Unique)?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Unique)?.is_some() {}
        Ok(())
    }

    fn visit_bool<E: Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// The repeated key of the first object that has one, as a message; `None` when every
/// object's keys are distinct or the text is not JSON (the parser reports that).
pub fn duplicate_key(bytes: &[u8]) -> Option<String> {
    let mut d = serde_json::Deserializer::from_slice(bytes);
    match Unique.deserialize(&mut d) {
        Err(e) if e.is_data() => Some(e.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_repeated_keys_at_any_depth() {
        assert!(duplicate_key(br#"{"a": 1, "a": 2}"#).is_some());
        assert!(duplicate_key(br#"{"x": [{"b": 1}, {"b": 2, "b": 3}]}"#)
            .is_some_and(|m| m.contains("\"b\" appears twice")));
        assert_eq!(duplicate_key(br#"{"a": {"a": 1}, "b": [1, "a"]}"#), None);
        assert_eq!(duplicate_key(b"not json"), None);
    }
}
