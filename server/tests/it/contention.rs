//! Property: many clients editing the same few entries at once through the HTTP API,
//! with PUT and PATCH, fresh, old and no If-Match, never get a 5xx, and the log they
//! leave behind passes `thingdata verify`.

use crate::common::{thing, TestApp};
use crate::verify::run_verify;
use axum::http::{Method, StatusCode};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::Arc;
use tokio::sync::Mutex;

#[derive(Clone, Debug)]
enum Base {
    /// The head as the client just read it.
    Fresh,
    /// A revision this client saw earlier (by position; wraps around).
    Earlier(usize),
    /// No If-Match: the server takes its current head.
    None,
}

#[derive(Clone, Debug)]
struct Edit {
    entity: usize,
    put: bool,
    field: u8,
    value: u8,
    base: Base,
}

fn edit() -> impl Strategy<Value = Edit> {
    let base = prop_oneof![
        Just(Base::Fresh),
        (0usize..4).prop_map(Base::Earlier),
        Just(Base::None)
    ];
    (0usize..2, any::<bool>(), 0u8..3, 0u8..4, base).prop_map(
        |(entity, put, field, value, base)| Edit {
            entity,
            put,
            field,
            value,
            base,
        },
    )
}

fn change(field: u8, value: u8) -> Value {
    match field {
        0 => json!({"name": {"default": format!("Kettle {value}")}}),
        1 => json!({"properties": {"serial_number": format!("SN-{value}")}}),
        _ => json!({"description": {"default": format!("Boils water, take {value}")}}),
    }
}

async fn one_client(app: Arc<TestApp>, paths: Arc<Vec<String>>, edits: Vec<Edit>) -> Vec<String> {
    let mut seen: Vec<Vec<String>> = vec![Vec::new(); paths.len()];
    let mut failures = Vec::new();
    for e in edits {
        let path = &paths[e.entity];
        let now = app.get(path).await;
        if now.status != StatusCode::OK {
            failures.push(format!("GET {path} → {}: {}", now.status, now.text));
            continue;
        }
        let now = now.json();
        let head = now["revision"].as_str().unwrap_or_default().to_string();
        seen[e.entity].push(head.clone());
        let base = match e.base {
            Base::Fresh => Some(head),
            Base::Earlier(i) => Some(seen[e.entity][i % seen[e.entity].len()].clone()),
            Base::None => None,
        };
        let headers: Vec<(&str, &str)> = base.iter().map(|b| ("if-match", b.as_str())).collect();
        let reply = if e.put {
            let mut body = now.clone();
            service::knowledge::merge_patch(&mut body, &change(e.field, e.value));
            app.call(Method::PUT, path, Some(&body), &headers).await
        } else {
            app.call(
                Method::PATCH,
                path,
                Some(&change(e.field, e.value)),
                &headers,
            )
            .await
        };
        // 200 saved or merged; 409 conflict or stale (the body names which and why).
        if !matches!(reply.status, StatusCode::OK | StatusCode::CONFLICT) {
            failures.push(format!(
                "{} {path} → {}: {}",
                if e.put { "PUT" } else { "PATCH" },
                reply.status,
                reply.text
            ));
        }
    }
    failures
}

async fn run(clients: Vec<Vec<Edit>>) {
    // Every client is the admin here: lift the per-token rate so only contention counts.
    let app = Arc::new(TestApp::with(|s| s.limits.api_per_token_per_minute = 1_000_000).await);
    let mut paths = Vec::new();
    for name in ["Kettle", "Toaster"] {
        let r = app.post("/api/v1/things", &thing(name)).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        paths.push(format!(
            "/api/v1/things/{}",
            r.json()["id"].as_str().unwrap()
        ));
    }
    let paths = Arc::new(paths);
    let failures = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for edits in clients {
        let (app, paths, failures) = (app.clone(), paths.clone(), failures.clone());
        tasks.push(tokio::spawn(async move {
            let mine = one_client(app, paths, edits).await;
            failures.lock().await.extend(mine);
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let failures = failures.lock().await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for path in paths.iter() {
        assert_eq!(app.get(path).await.status, StatusCode::OK);
    }
    let (ok, report) = run_verify(&app);
    assert!(ok, "{report}");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2,
        // Each case is a whole instance under load; a failure's own report names the
        // requests, so shrinking would only re-run it many times.
        max_shrink_iters: 0,
        ..ProptestConfig::default()
    })]

    #[test]
    fn concurrent_edits_through_the_api_never_fail_the_server(
        clients in prop::collection::vec(prop::collection::vec(edit(), 4..8), 32..33)
    ) {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(4)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(run(clients));
    }
}
