//! Search through the real router and index: stemming per language, typos, facets,
//! the reader's language first, deletes and edits, restarts, rebuilds, bad queries.

mod categories;
mod graph;
mod text;

use crate::common::TestApp;
use axum::http::StatusCode;
use serde_json::{json, Value};

pub async fn create(app: &TestApp, plural: &str, body: Value) -> String {
    let r = app.post(&format!("/api/v1/{plural}"), &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_str().unwrap().to_string()
}

pub fn thing(name: &str, lang: &str, translated: &str, description: &str) -> Value {
    json!({
        "type": "device",
        "name": {"default": name, "translations": {lang: translated}},
        "description": {"default": "A household appliance.", "translations": {lang: description}},
        "manufacturer": {"name": "ACME"},
    })
}

pub async fn search(app: &TestApp, query: &str) -> Value {
    let r = app.get(&format!("/api/v1/search?{query}")).await;
    assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.text);
    r.json()
}

pub fn ids(results: &Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["id"].as_str().map(str::to_string))
        .collect()
}

pub fn highlighted(results: &Value, id: &str) -> Vec<String> {
    results["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|h| h["id"] == json!(id))
        .flat_map(|h| h["snippet"].as_array().cloned().unwrap())
        .filter(|s| s["highlight"] == json!(true))
        .filter_map(|s| s["text"].as_str().map(str::to_string))
        .collect()
}

pub fn facet_count(results: &Value, group: &str, value: &str) -> Option<u64> {
    results["facets"]
        .as_array()?
        .iter()
        .find(|g| g["name"] == json!(group))?["values"]
        .as_array()?
        .iter()
        .find(|v| v["value"] == json!(value))?["count"]
        .as_u64()
}

pub fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
