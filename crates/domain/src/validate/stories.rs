//! Validation of stories and guides: what they apply to, and their procedure steps.

use super::*;

impl Validator<'_> {
    pub(super) fn applies_to(&mut self, m: &Map<String, Value>) {
        let has_id = present(m, "thing_id").is_some();
        let has_cat = present(m, "thing_category").is_some();
        match (has_id, has_cat) {
            (false, false) => self.push("thing_id", "one_of_required", &[]),
            (true, true) => self.push("thing_category", "mutually_exclusive", &[]),
            _ => {}
        }
        self.entity_id("", m, "thing_id", false);
        if let Some(c) = present(m, "thing_category") {
            let path = "thing_category";
            if let Some(c) = self.object(path, c, &["category", "subcategory", "attributes"]) {
                self.req_string(path, c, "category", MAX_SHORT);
                self.opt_string(path, c, "subcategory", MAX_SHORT);
                if let Some(a) = present(c, "attributes") {
                    self.string_map("thing_category.attributes", a);
                }
            }
        }
    }

    pub(super) fn steps(&mut self, path: &str, v: &Value, required_nonempty: bool) {
        let Some(steps) = v.as_array() else {
            self.push(
                path,
                "wrong_type",
                &[("expected", "a list of steps".into())],
            );
            return;
        };
        if required_nonempty && steps.is_empty() {
            self.push(path, "empty", &[]);
        }
        if steps.len() > MAX_STEPS {
            self.push(path, "too_many", &[("max", MAX_STEPS.to_string())]);
        }
        let mut orders = BTreeSet::new();
        for (i, step) in steps.iter().enumerate() {
            let spath = join(path, &i.to_string());
            let Some(s) = self.object(
                &spath,
                step,
                &["id", "order", "description", "warnings", "tools", "media"],
            ) else {
                continue;
            };
            if let Some(id) = self.opt_string(&spath, s, "id", 64) {
                if !id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    self.push(join(&spath, "id"), "invalid_id", &[]);
                }
            }
            if let Some(o) = self.required(&spath, s, "order") {
                match o.as_u64() {
                    Some(n) if (1..=10_000).contains(&n) => {
                        if !orders.insert(n) {
                            self.push(
                                join(&spath, "order"),
                                "duplicate_order",
                                &[("order", n.to_string())],
                            );
                        }
                    }
                    Some(_) => self.push(
                        join(&spath, "order"),
                        "out_of_range",
                        &[("min", "1".into()), ("max", "10000".into())],
                    ),
                    None => self.push(
                        join(&spath, "order"),
                        "wrong_type",
                        &[("expected", "a whole number".into())],
                    ),
                }
            }
            if let Some(d) = self.required(&spath, s, "description") {
                self.localized(&join(&spath, "description"), d, MAX_TEXT);
            }
            if let Some(w) = present(s, "warnings") {
                let wpath = join(&spath, "warnings");
                match w.as_array() {
                    Some(ws) => {
                        if ws.len() > 20 {
                            self.push(&wpath, "too_many", &[("max", "20".into())]);
                        }
                        for (j, w) in ws.iter().enumerate() {
                            self.localized(&join(&wpath, &j.to_string()), w, 1000);
                        }
                    }
                    None => self.push(
                        wpath,
                        "wrong_type",
                        &[("expected", "a list of texts".into())],
                    ),
                }
            }
            self.opt_string_list(&spath, s, "tools");
            if let Some(media) = present(s, "media") {
                self.string_list(&join(&spath, "media"), media, 20, 2000);
            }
        }
    }

    pub(super) fn story(&mut self, v: &Value) {
        let Some(m) = self.object(
            "",
            v,
            &[
                "thing_id",
                "thing_category",
                "type",
                "title",
                "summary",
                "procedure",
                "hidden",
            ],
        ) else {
            return;
        };
        self.hidden(m);
        self.applies_to(m);
        let t = self.req_string("", m, "type", MAX_SHORT);
        self.check_vocab("type", t, &self.vocab.story_types.clone());
        if let Some(t) = self.required("", m, "title") {
            self.localized("title", t, MAX_NAME);
        }
        if let Some(s) = present(m, "summary") {
            self.localized("summary", s, MAX_TEXT);
        }
        if let Some(p) = self.required("", m, "procedure") {
            self.steps("procedure", p, true);
        }
    }

    pub(super) fn guide(&mut self, v: &Value) {
        let Some(m) = self.object(
            "",
            v,
            &["thing_id", "thing_category", "type", "content", "hidden"],
        ) else {
            return;
        };
        self.hidden(m);
        self.applies_to(m);
        if let Some(t) = self.required("", m, "type") {
            if let Some(t) = self.object("type", t, &["primary", "secondary"]) {
                let p = self.req_string("type", t, "primary", MAX_SHORT);
                self.check_vocab("type.primary", p, &self.vocab.guide_primary.clone());
                let s = self.opt_string("type", t, "secondary", MAX_SHORT);
                self.check_vocab("type.secondary", s, &self.vocab.guide_secondary.clone());
            }
        }
        let Some(c) = self.required("", m, "content") else {
            return;
        };
        let Some(c) = self.object(
            "content",
            c,
            &["title", "summary", "requirements", "warnings", "procedure"],
        ) else {
            return;
        };
        if let Some(t) = self.required("content", c, "title") {
            self.localized("content.title", t, MAX_NAME);
        }
        if let Some(s) = present(c, "summary") {
            self.localized("content.summary", s, MAX_TEXT);
        }
        if let Some(r) = present(c, "requirements") {
            let rpath = "content.requirements";
            if let Some(r) = self.object(
                rpath,
                r,
                &["skills", "tools", "materials", "certifications"],
            ) {
                for key in ["skills", "tools", "materials", "certifications"] {
                    self.opt_string_list(rpath, r, key);
                }
            }
        }
        if let Some(w) = present(c, "warnings") {
            let wpath = "content.warnings";
            match w.as_array() {
                Some(ws) => {
                    if ws.len() > 50 {
                        self.push(wpath, "too_many", &[("max", "50".into())]);
                    }
                    for (i, w) in ws.iter().enumerate() {
                        let p = join(wpath, &i.to_string());
                        if let Some(w) = self.object(&p, w, &["severity", "message"]) {
                            let sev = self.req_string(&p, w, "severity", 20);
                            self.check_vocab(
                                &join(&p, "severity"),
                                sev,
                                &self.vocab.warning_severities.clone(),
                            );
                            if let Some(msg) = self.required(&p, w, "message") {
                                self.localized(&join(&p, "message"), msg, 1000);
                            }
                        }
                    }
                }
                None => self.push(
                    wpath,
                    "wrong_type",
                    &[("expected", "a list of warnings".into())],
                ),
            }
        }
        if let Some(p) = present(c, "procedure") {
            self.steps("content.procedure", p, false);
        }
    }
}
