//! Validation of things: name, manufacturer, category and properties.

use super::*;

impl Validator<'_> {
    pub(super) fn thing(&mut self, v: &Value) {
        let Some(m) = self.object(
            "",
            v,
            &[
                "type",
                "name",
                "description",
                "identifier",
                "manufacturer",
                "properties",
                "hidden",
            ],
        ) else {
            return;
        };
        self.hidden(m);
        let t = self.req_string("", m, "type", MAX_SHORT);
        self.check_vocab("type", t, &self.vocab.thing_types.clone());
        if let Some(n) = self.required("", m, "name") {
            self.localized("name", n, MAX_NAME);
        }
        if let Some(d) = present(m, "description") {
            self.localized("description", d, MAX_TEXT);
        }
        if let Some(id) = self.opt_string("", m, "identifier", MAX_SHORT) {
            if !is_identifier(id) {
                self.push("identifier", "invalid_identifier", &[]);
            }
        }
        if let Some(mf) = self.required("", m, "manufacturer") {
            if let Some(mf) = self.object("manufacturer", mf, &["name", "website", "contact"]) {
                self.req_string("manufacturer", mf, "name", MAX_NAME);
                if let Some(w) = self.opt_string("manufacturer", mf, "website", 2000) {
                    if !is_http_url(w) {
                        self.push("manufacturer.website", "invalid_url", &[]);
                    }
                }
                if let Some(c) = self.opt_string("manufacturer", mf, "contact", 320) {
                    if !is_email(c) {
                        self.push("manufacturer.contact", "invalid_email", &[]);
                    }
                }
            }
        }
        if let Some(p) = present(m, "properties") {
            self.properties(p);
        }
    }

    pub(super) fn properties(&mut self, v: &Value) {
        let path = "properties";
        let Some(m) = self.object(
            path,
            v,
            &[
                "dimensions",
                "materials",
                "manufacturing_date",
                "serial_number",
            ],
        ) else {
            return;
        };
        if let Some(d) = present(m, "dimensions") {
            let dpath = "properties.dimensions";
            if let Some(d) = self.object(dpath, d, &["width", "height", "depth", "unit"]) {
                for key in ["width", "height", "depth"] {
                    if let Some(x) = present(d, key) {
                        match x.as_f64() {
                            Some(n) if n > 0.0 && n <= 1.0e6 => {}
                            Some(_) => self.push(
                                join(dpath, key),
                                "out_of_range",
                                &[("min", "0".into()), ("max", "1000000".into())],
                            ),
                            None => self.push(
                                join(dpath, key),
                                "wrong_type",
                                &[("expected", "a number".into())],
                            ),
                        }
                    }
                }
                let unit = self.req_string(dpath, d, "unit", 10);
                self.check_vocab(
                    "properties.dimensions.unit",
                    unit,
                    &self.vocab.dimension_units.clone(),
                );
            }
        }
        self.opt_string_list(path, m, "materials");
        if let Some(date) = self.opt_string(path, m, "manufacturing_date", 10) {
            if !is_partial_date(date) {
                self.push("properties.manufacturing_date", "invalid_date", &[]);
            }
        }
        self.opt_string(path, m, "serial_number", MAX_SHORT);
    }
}
