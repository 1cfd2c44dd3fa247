//! Bounded fuzzing with proptest (stable Rust has no cargo-fuzz here): the parsers that
//! take outside input — redirect targets, search syntax, HTTP signature headers, JSON
//! bodies, form fields and received revisions — get arbitrary and adversarial input,
//! must never panic, and what they accept must keep their promises. A case that fails
//! is kept in `proptest-regressions/` and replayed first on every run.

use crate::common::TestApp;
use domain::form::{from_fields, Fields};
use domain::revision::{now_rfc3339, InstanceKey, Op, Revision, RevisionDraft};
use domain::vocab::Vocabularies;
use domain::EntityKind;
use proptest::prelude::*;
use serde_json::Value;
use service::knowledge::ServiceError;
use url::Url;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

/// Strings built from the pieces that broke redirect and header handling before.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("/".to_string()),
        Just("//".to_string()),
        Just("\\".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r".to_string()),
        Just("\0".to_string()),
        Just("%09".to_string()),
        Just("%0a".to_string()),
        Just("%2f".to_string()),
        Just("%5c".to_string()),
        Just("@".to_string()),
        Just(":".to_string()),
        Just("..".to_string()),
        Just("example.com".to_string()),
        Just("https:".to_string()),
        Just("\u{202e}".to_string()),
        "[a-z0-9?#=&]{0,6}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|p| p.concat())
}

/// Any JSON value, a few levels deep, with keys that are sometimes real field names.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("name".to_string()),
        Just("default".to_string()),
        Just("translations".to_string()),
        Just("type".to_string()),
        Just("manufacturer".to_string()),
        Just("procedure".to_string()),
        Just("thing_id".to_string()),
        Just("properties".to_string()),
        "[a-z_]{1,8}",
        any::<String>(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::from),
        hostile_text().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn kind() -> impl Strategy<Value = EntityKind> {
    prop::sample::select(EntityKind::ALL.to_vec())
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn redirect_targets_stay_on_this_site(raw in hostile_text()) {
        if let Some(t) = domain::redirect::local_target(&raw) {
            prop_assert!(t.starts_with('/') && !t.starts_with("//"), "{raw:?} → {t:?}");
            prop_assert!(t.bytes().all(|b| b.is_ascii_graphic()), "{raw:?} → {t:?}");
            let base = Url::parse("https://thingdata.invalid/").unwrap();
            let resolved = base.join(&t).unwrap();
            prop_assert_eq!(resolved.origin(), base.origin(), "{:?} → {:?}", raw, t);
        }
    }

    #[test]
    fn search_syntax_never_panics(q in prop_oneof![any::<String>(), "[a-z\" ()+-]{0,40}", hostile_text()]) {
        if let Ok(parsed) = domain::search::syntax::parse(&q) {
            let terms = parsed.required.iter().map(Vec::len).sum::<usize>() + parsed.excluded.len();
            prop_assert!(terms <= domain::search::syntax::MAX_TERMS);
        }
    }

    #[test]
    fn signature_headers_never_panic(header in prop_oneof![
        any::<String>(),
        hostile_text(),
        "(keyId|headers|signature|algorithm)=\"[ -~]{0,30}\"(,(keyId|headers|signature)=\"[ -~]{0,30}\"){0,3}",
    ]) {
        let _ = federation::signature::parse(&header);
    }
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn validation_takes_any_json(kind in kind(), body in json_value()) {
        let vocab = Vocabularies::default();
        if let Ok(valid) = domain::validate::validate(kind, &body, &vocab) {
            // What validation accepts is what a PostgreSQL peer can store, and reads back
            // as valid.
            let value = valid.to_value();
            prop_assert!(!domain::validate::json_has_control_chars(&value));
            prop_assert!(domain::validate::validate(kind, &value, &vocab).is_ok(), "{value}");
        }
    }

    #[test]
    fn form_fields_take_anything(
        kind in kind(),
        fields in prop::collection::btree_map(
            prop_oneof![
                "(name|description|title|summary|type|manufacturer|procedure|properties)(\\.[a-z0-9_]{1,10}){0,3}",
                any::<String>(),
            ],
            prop_oneof![any::<String>(), hostile_text()],
            0..12,
        ),
    ) {
        let fields: Fields = fields;
        let body = from_fields(kind, &fields);
        let _ = domain::validate::validate(kind, &body, &Vocabularies::default());
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// Received revisions: properly signed ones with any body, kind and operation are
    /// taken in or refused as invalid; nothing else (a storage failure, a panic) happens,
    /// and the instance keeps answering.
    #[test]
    fn received_revisions_are_taken_or_refused(
        batch in prop::collection::vec((kind(), 0u8..3, json_value()), 1..4)
    ) {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let app = TestApp::new().await;
            let key = InstanceKey::generate().unwrap();
            let origin = "https://peer.example";
            let revs: Vec<Revision> = batch
                .into_iter()
                .map(|(kind, op, body)| {
                    let id = service::knowledge::new_id();
                    RevisionDraft {
                        entity_uri: format!("{origin}/{}/{id}", kind.plural()),
                        entity_kind: kind,
                        entity_id: id,
                        parents: Vec::new(),
                        body,
                        author: "fuzz".into(),
                        origin_instance: origin.into(),
                        created_at: now_rfc3339(),
                        op: [Op::Create, Op::Update, Op::Delete][op as usize],
                    }
                    .sign(&key)
                })
                .collect();
            match app.state.knowledge.receive_many(revs, None).await {
                Ok(_) | Err(ServiceError::Invalid(_)) => {}
                Err(e) => panic!("a received batch failed otherwise: {e}"),
            }
            assert_eq!(app.get("/health").await.status, axum::http::StatusCode::OK);
        });
    }
}
