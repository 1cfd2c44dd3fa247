//! Impact pooled across instances: records travel as signed revisions and are counted
//! once wherever they arrive, by their stable ids, including a file both instances
//! imported; each instance can still show its own records alone.

use super::{connect, eventually};
use crate::common::Node;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;

const SAMPLE: &str = include_str!("../../data/ords-sample/OpenRepairData_v0.3_sample_202507.csv");

async fn import(n: &Node, csv: &str) {
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/repairs/import")
        .header("content-type", "text/csv")
        .header("authorization", format!("Bearer {}", n.app.token))
        .body(Body::from(csv.to_string()))
        .unwrap();
    let r = n.app.send(req).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
}

async fn items(n: &Node, query: &str) -> u64 {
    n.app.get(&format!("/api/v1/impact{query}")).await.json()["items"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn records_are_pooled_across_instances_and_counted_once() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    connect(&a, &b, "trusted", "trusted").await;
    // Both import the same file; each also records one repair of its own.
    import(&a, SAMPLE).await;
    import(&b, SAMPLE).await;
    let own = |group: &str| {
        json!({"data_provider": group, "product_category_id": 14, "repair_status": "Fixed",
               "group_identifier": group, "event_date": "2025-06-07", "country": "NLD"})
    };
    let r = a.app.post("/api/v1/repairs", &own("Repair Café A")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let r = b.app.post("/api/v1/repairs", &own("Repair Café B")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);

    for n in [&a, &b] {
        eventually("both own records arrive", 20, || async {
            items(n, "").await == 65
        })
        .await;
    }
    // Give late deliveries (the other side's copies of the shared file) time to land:
    // they must not add anything.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    for n in [&a, &b] {
        let f = n.app.get("/api/v1/impact").await.json();
        assert_eq!(f["items"], 65, "{f}");
        assert_eq!(f["social"]["instances"], 2, "{f}");
        let rates = n
            .app
            .get("/api/v1/impact/success-rates?by=category")
            .await
            .json();
        let kettle = rates["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["value"] == "14")
            .cloned()
            .unwrap();
        assert_eq!(kettle["n"], 2, "{rates}");
        let conflicts = n.app.get("/api/v1/conflicts").await.json();
        assert_eq!(
            conflicts["total"], 0,
            "the same file twice is no conflict: {conflicts}"
        );
        let csv = n.app.get("/api/v1/repairs.csv").await.text;
        assert_eq!(
            csv.lines().count(),
            66,
            "one line per record, and the header"
        );
    }
    // Each instance can show only what was recorded on it.
    assert_eq!(
        items(&a, "?scope=instance&group=Repair%20Caf%C3%A9%20B").await,
        0
    );
    assert_eq!(
        items(&b, "?scope=instance&group=Repair%20Caf%C3%A9%20B").await,
        1
    );
    assert_eq!(items(&a, "?group=Repair%20Caf%C3%A9%20B").await, 1);
}

async fn outcomes(n: &Node, guide: &str) -> serde_json::Value {
    let rates = n
        .app
        .get(&format!(
            "/api/v1/impact/success-rates?by=guide&guide={guide}"
        ))
        .await
        .json();
    rates["self_reported"][0].clone()
}

#[tokio::test]
async fn readers_outcomes_are_pooled_and_each_person_counts_once() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    connect(&a, &b, "trusted", "trusted").await;
    let guide = json!({"type": {"primary": "tutorial"}, "thing_category": {"category": "Kettle"},
        "content": {"title": {"lang": "en", "default": "Replace a kettle switch"},
                    "procedure": [{"order": 1, "description": {"lang": "en", "default": "Open it"}}]}});
    let r = a.app.post("/api/v1/guides", &guide).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();
    eventually("the guide arrives", 20, || async {
        b.app.get(&format!("/api/v1/guides/{id}")).await.status == StatusCode::OK
    })
    .await;
    // Two people of the same name, one on each instance, are two people.
    let (_, sam_a) = a.app.user("sam", "member").await;
    let (_, sam_b) = b.app.user("sam", "member").await;
    let answer = |n: &'static str, result: &str| {
        let (node, token) = if n == "A" { (&a, &sam_a) } else { (&b, &sam_b) };
        let body = json!({"entry_type": "guide", "entry_id": id, "result": result});
        async move {
            let r = node
                .app
                .call(
                    axum::http::Method::POST,
                    "/api/v1/outcomes",
                    Some(&body),
                    &[("authorization", &format!("Bearer {token}"))],
                )
                .await;
            assert!(r.status.is_success(), "{}", r.text);
        }
    };
    answer("A", "worked").await;
    answer("B", "failed").await;
    for n in [&a, &b] {
        eventually("both answers arrive", 20, || async {
            outcomes(n, &id).await["n"] == 2
        })
        .await;
    }
    // Sam on A changes their mind: still two people, now both failed.
    answer("A", "failed").await;
    for n in [&a, &b] {
        eventually("the changed answer arrives", 20, || async {
            outcomes(n, &id).await["worked"] == 0
        })
        .await;
        let o = outcomes(n, &id).await;
        assert_eq!(o["n"], 2, "{o}");
        let conflicts = n.app.get("/api/v1/conflicts").await.json();
        assert_eq!(conflicts["total"], 0, "{conflicts}");
    }
}
