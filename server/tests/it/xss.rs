//! A corpus of script-injection payloads goes through every text field of every form;
//! wherever a page shows the text again, it must be inert: escaped in text, never
//! breaking out of an attribute, never a `javascript:` link.

use crate::common::{thing, TestApp};

/// Classic payloads (tags, attribute breakouts, URL schemes, encodings, template and
/// script-context escapes). At least 30, as the security requirements ask.
const PAYLOADS: [&str; 34] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<body onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "\"><script>alert(1)</script>",
    "'><script>alert(1)</script>",
    "\" onmouseover=\"alert(1)",
    "' onfocus='alert(1)' autofocus='",
    "\" autofocus onfocus=alert(1) x=\"",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</style><img src=x onerror=alert(1)>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"https://evil.example/\">",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "{{constructor.constructor('alert(1)')()}}",
    "${alert(1)}\\u003cscript\\u003e",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
];

fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Asserts that `html` shows `payload` only as inert text.
fn assert_inert(html: &str, payload: &str, context: &str) {
    if payload.contains('<') {
        let at = html
            .find(payload)
            .map(|i| &html[i.saturating_sub(300)..(i + 100).min(html.len())]);
        assert!(
            at.is_none(),
            "{context}: raw markup from {payload:?} in the page: {at:?}"
        );
    }
    let in_tag = |pos: usize| {
        let before = &html[..pos];
        before.rfind('<') > before.rfind('>')
    };
    // Inside a tag, the text may only sit within a double-quoted attribute value that
    // it cannot close.
    let in_quoted_value = |pos: usize| {
        let tag_start = html[..pos].rfind('<').unwrap_or(0);
        html[tag_start..pos].matches('"').count() % 2 == 1 && !payload.contains('"')
    };
    for (pos, _) in html.match_indices(payload) {
        assert!(
            !in_tag(pos) || in_quoted_value(pos),
            "{context}: {payload:?} appears unescaped inside a tag"
        );
    }
    // A javascript: URL as a real attribute value (not as text that shows one).
    let lower = html.to_ascii_lowercase();
    for attr in [" href=", " src=", " action=", " formaction=", " data="] {
        for (pos, _) in lower.match_indices(&format!("{attr}\"javascript:")) {
            assert!(!in_tag(pos), "{context}: javascript: URL for {payload:?}");
        }
    }
    let variants = [
        payload.to_string(),
        escape_text(payload),
        escape_text(payload).replace('"', "&quot;"),
        payload.replace('&', "&amp;").replace('"', "&quot;"),
        escape_text(payload)
            .replace('"', "&quot;")
            .replace('\'', "&#39;"),
    ];
    assert!(
        variants.iter().any(|v| html.contains(v.as_str())),
        "{context}: {payload:?} is not shown back at all"
    );
}

/// The text inputs and textareas (`f[…]`) of a form page, by name.
fn text_fields(html: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (tag, skip_types) in [("<input ", true), ("<textarea ", false)] {
        for chunk in html.split(tag).skip(1) {
            let head = chunk.split('>').next().unwrap_or("");
            let is_text = !skip_types
                || !["hidden", "checkbox", "radio", "submit", "number"]
                    .iter()
                    .any(|t| head.contains(&format!("type=\"{t}\"")));
            if let Some(name) = head
                .split("name=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
            {
                if is_text
                    && name.starts_with("f[")
                    && !name.contains("base_revision")
                    && name != "f[id]"
                {
                    names.push(name.replace("&amp;", "&"));
                }
            }
        }
    }
    names
}

async fn follow(app: &TestApp, r: &crate::common::Reply) -> String {
    let loc = r.header("location");
    assert!(
        loc.starts_with('/'),
        "expected a redirect, got {} {}",
        r.status,
        r.text
    );
    app.page_as(&loc, "en", Some(&app.cookie)).await.text
}

#[tokio::test]
async fn script_payloads_in_every_form_field_render_inert() {
    let app = TestApp::with(|s| s.limits.login_per_ip_per_minute = 100_000).await;
    let t1 = app.post("/api/v1/things", &thing("Kettle")).await.json();
    let t2 = app.post("/api/v1/things", &thing("Lid")).await.json();
    let (t1, t2) = (
        t1["id"].as_str().unwrap().to_string(),
        t2["id"].as_str().unwrap().to_string(),
    );
    let selects: [(&str, Vec<(&str, &str)>); 4] = [
        ("thing", vec![("f[type]", "device")]),
        ("story", vec![("f[type]", "repair")]),
        ("guide", vec![("f[type.primary]", "manual")]),
        (
            "relationship",
            vec![
                ("f[source_type]", "thing"),
                ("f[target_type]", "thing"),
                ("f[relationship_type]", "part_of"),
                ("f[direction]", "unidirectional"),
            ],
        ),
    ];
    // Free-text fields that also save, so the payload shows on the entry's own page.
    let saving: [(&str, Vec<&str>); 4] = [
        (
            "thing",
            vec![
                "f[name.default]",
                "f[description.default]",
                "f[manufacturer.name]",
                "f[properties.serial_number]",
            ],
        ),
        ("story", vec!["f[title.default]", "f[summary.default]"]),
        (
            "guide",
            vec![
                "f[content.title.default]",
                "f[content.summary.default]",
                "f[content.requirements.tools]",
            ],
        ),
        ("relationship", vec!["f[metadata]"]),
    ];
    let mut checked = 0;
    for ((kind, choose), (_, free)) in selects.iter().zip(saving.iter()) {
        let plural = format!(
            "{}{}",
            kind.trim_end_matches('y'),
            if kind.ends_with('y') { "ies" } else { "s" }
        );
        let form = app
            .page_as(&format!("/{plural}/new"), "en", Some(&app.cookie))
            .await
            .text;
        let fields = text_fields(&form);
        assert!(fields.len() >= 2, "{kind}: {fields:?}");
        for p in PAYLOADS {
            // Every text field at once: invalid somewhere, so the form comes back with it.
            let mut all: Vec<(&str, &str)> = vec![("kind", kind)];
            all.extend(choose.iter().copied());
            all.extend(fields.iter().map(|f| (f.as_str(), p)));
            let r = app
                .form("/sfn/save", &all, &format!("http://td.test/{plural}/new"))
                .await;
            assert_inert(
                &follow(&app, &r).await,
                p,
                &format!("{kind} form, all fields"),
            );

            // Free text on an otherwise valid entry: saved and shown on its page.
            let mut one: Vec<(&str, String)> = vec![("kind", kind.to_string())];
            one.extend(choose.iter().map(|(k, v)| (*k, v.to_string())));
            match *kind {
                "story" | "guide" => one.push(("f[thing_id]", t1.clone())),
                "relationship" => {
                    one.push(("f[source_id]", t2.clone()));
                    one.push(("f[target_id]", t1.clone()));
                }
                _ => {}
            }
            for f in free {
                let v = if *f == "f[metadata]" {
                    format!("note={p}")
                } else {
                    p.to_string()
                };
                one.push((f, v));
            }
            let one: Vec<(&str, &str)> = one.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = app
                .form("/sfn/save", &one, &format!("http://td.test/{plural}/new"))
                .await;
            let page = follow(&app, &r).await;
            assert_inert(&page, p, &format!("{kind} page"));
            if *kind == "relationship" {
                // One relationship per pair and type: remove it for the next payload.
                let loc = r.header("location");
                let id = loc
                    .trim_start_matches("/relationships/")
                    .split('?')
                    .next()
                    .unwrap_or("");
                app.call(
                    axum::http::Method::DELETE,
                    &format!("/api/v1/relationships/{id}"),
                    None,
                    &[("x-confirm-delete", "true")],
                )
                .await;
            }
            checked += 2;
        }
    }

    for p in PAYLOADS {
        let r = app
            .form_as(
                "/sfn/register",
                &[
                    ("username", p),
                    ("email", p),
                    ("password", "long enough pw 1"),
                    ("password_again", "long enough pw 1"),
                ],
                "http://td.test/register",
                None,
            )
            .await;
        assert_inert(
            &app.page_as(&r.header("location"), "en", None).await.text,
            p,
            "sign-up form",
        );

        let r = app
            .form_as(
                "/sfn/login",
                &[("username", p), ("password", "x")],
                "http://td.test/login",
                None,
            )
            .await;
        assert_inert(
            &app.page_as(&r.header("location"), "en", None).await.text,
            p,
            "sign-in form",
        );

        let r = app
            .form(
                "/sfn/admin_settings_save",
                &[
                    ("name", p),
                    ("description", p),
                    ("languages", p),
                    ("registration", "open"),
                ],
                "http://td.test/admin/settings",
            )
            .await;
        assert_inert(&follow(&app, &r).await, p, "settings form");

        let q: String = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs([("actor", p), ("target", p)])
            .finish();
        let audit = app
            .page_as(&format!("/admin/audit?{q}"), "en", Some(&app.cookie))
            .await;
        assert_inert(&audit.text, p, "audit filter form");

        let r = app
            .form(
                "/sfn/moderate",
                &[
                    ("kind", "thing"),
                    ("id", &t1),
                    ("intent", "hide"),
                    ("reason", p),
                ],
                "http://td.test/things",
            )
            .await;
        assert_inert(&follow(&app, &r).await, p, "hide reason, moderator view");
        let reader = app.page_as(&format!("/things/{t1}"), "en", None).await;
        assert_inert(&reader.text, p, "hide reason, reader view");
        app.form(
            "/sfn/moderate",
            &[("kind", "thing"), ("id", &t1), ("intent", "unhide")],
            "http://td.test/things",
        )
        .await;
        checked += 6;
    }
    assert!(checked >= 30 * 14, "{checked}");
}
