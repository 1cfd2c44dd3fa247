//! Validation of relationships: both ends, the type and the direction.

use super::*;

impl Validator<'_> {
    pub(super) fn relationship(&mut self, v: &Value) {
        let Some(m) = self.object(
            "",
            v,
            &[
                "source_type",
                "source_id",
                "target_type",
                "target_id",
                "relationship_type",
                "direction",
                "metadata",
                "hidden",
            ],
        ) else {
            return;
        };
        self.hidden(m);
        let endpoint_kinds = ["thing", "story", "guide"].map(String::from);
        for side in ["source", "target"] {
            let tkey = format!("{side}_type");
            let t = self.req_string("", m, &tkey, 20);
            self.check_vocab(&tkey, t, &endpoint_kinds);
            self.entity_id("", m, &format!("{side}_id"), true);
        }
        if present(m, "source_id").is_some() && present(m, "source_id") == present(m, "target_id") {
            self.push("target_id", "self_relationship", &[]);
        }
        let rt = self.req_string("", m, "relationship_type", MAX_SHORT);
        self.check_vocab(
            "relationship_type",
            rt,
            &self.vocab.relationship_types.clone(),
        );
        let d = self.req_string("", m, "direction", 20);
        self.check_vocab("direction", d, &self.vocab.directions.clone());
        if let Some(md) = present(m, "metadata") {
            match md.as_object() {
                Some(obj) => {
                    if obj.len() > 50 {
                        self.push("metadata", "too_many", &[("max", "50".into())]);
                    }
                    for (k, val) in obj {
                        let p = join("metadata", k);
                        match val {
                            Value::String(s) if s.chars().count() > 1000 => {
                                self.push(p, "too_long", &[("max", "1000".into())])
                            }
                            Value::String(_) | Value::Number(_) | Value::Bool(_) => {}
                            _ => self.push(
                                p,
                                "wrong_type",
                                &[("expected", "a string, number or boolean".into())],
                            ),
                        }
                    }
                }
                None => self.push(
                    "metadata",
                    "wrong_type",
                    &[("expected", "an object".into())],
                ),
            }
        }
    }
}
