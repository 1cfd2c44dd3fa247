//! Repair events and readers' outcomes: events give the social figures by Restarters'
//! formula and list their records; a reader's "this worked for me" is one answer per
//! person per entry, changed rather than duplicated, counted per step and apart from
//! repair records.

use crate::common::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

async fn create(app: &TestApp, plural: &str, body: Value) -> String {
    let r = app.post(&format!("/api/v1/{plural}"), &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_str().unwrap().to_string()
}

fn repair(date: &str, event: Option<&str>) -> Value {
    let mut r = json!({
        "data_provider": "Testville", "product_category_id": 14, "repair_status": "Fixed",
        "group_identifier": "Repair Café Testville", "event_date": date, "country": "NLD",
    });
    if let Some(e) = event {
        r["x_event_id"] = json!(e);
    }
    r
}

#[tokio::test]
async fn events_give_people_and_hours_volunteered_and_list_their_records() {
    let app = TestApp::new().await;
    let june = create(
        &app,
        "events",
        json!({"group_identifier": "Repair Café Testville", "event_date": "2025-06-07",
               "place": "Library", "country": "NLD", "participants": 30, "volunteers": 5, "hours": 4}),
    )
    .await;
    // Volunteers not counted: Restarters' 12 hours, plus the host's 9.
    create(
        &app,
        "events",
        json!({"group_identifier": "repair café testville", "event_date": "2025-07-05", "participants": 12}),
    )
    .await;
    let first = create(&app, "repairs", repair("2025-06-07", Some(&june))).await;
    create(&app, "repairs", repair("2025-06-07", Some(&june))).await;
    // The same group's day without naming the event, and a day with no event recorded.
    create(&app, "repairs", repair("2025-06-07", None)).await;
    create(&app, "repairs", repair("2025-08-02", None)).await;

    let f = app.get("/api/v1/impact").await.json();
    let s = &f["social"];
    assert_eq!(s["groups"], 1, "{f}");
    assert_eq!(s["events"], 3, "June, July and August, each once: {f}");
    assert_eq!(s["participants"], 42, "{f}");
    assert_eq!(s["volunteers"], 5, "{f}");
    assert_eq!(
        s["hours_volunteered"],
        (9.0 + 5.0 * 4.0) + (9.0 + 12.0),
        "{f}"
    );

    let f = app
        .get(&format!("/api/v1/impact?event={june}"))
        .await
        .json();
    assert_eq!(f["items"], 2, "{f}");
    assert_eq!(f["social"]["events"], 1, "{f}");
    assert_eq!(f["social"]["participants"], 30, "{f}");
    assert_eq!(f["social"]["hours_volunteered"], 29.0, "{f}");
    let r = app.get("/api/v1/impact?event=june").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    // A category filter keeps the events where such an item was repaired.
    let f = app.get("/api/v1/impact?category=16").await.json();
    assert!(f["social"].get("participants").is_none(), "{f}");

    // A record naming the event must name its group and day.
    let r = app
        .post("/api/v1/repairs", &repair("2025-06-08", Some(&june)))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert!(r.text.contains("event_mismatch"), "{}", r.text);
    let r = app
        .post("/api/v1/repairs", &repair("2025-06-07", Some(&first)))
        .await;
    assert!(r.text.contains("type_mismatch"), "{}", r.text);

    // The event's page: its figures, its records, and the desk form for the next one.
    let page = app.page(&format!("/events/{june}"), "en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text.contains("2 items brought, 2 fixed"),
        "{}",
        page.text
    );
    assert!(
        page.text.contains(&format!("/repairs/{first}")),
        "{}",
        page.text
    );
    assert!(page.text.contains("Hours volunteered"), "{}", page.text);
    let here = format!("/repairs/new?x_event_id={june}");
    assert!(page.text.contains(&here), "{}", page.text);
    let form = app
        .page(
            &format!(
                "{here}&group_identifier=Repair%20Caf%C3%A9%20Testville&event_date=2025-06-07"
            ),
            "en",
        )
        .await;
    assert!(
        form.text.contains(&format!(r#"value="{june}""#)),
        "{}",
        form.text
    );
    assert!(
        form.text.contains("Repair Café Testville · 2025-06-07"),
        "the event is named: {}",
        form.text
    );
    let list = app
        .page("/events?group=Repair%20Caf%C3%A9%20Testville", "de")
        .await;
    assert!(list.text.contains("2025-07-05"), "{}", list.text);
    let dash = app.page(&format!("/impact?event={june}"), "en").await.text;
    assert!(dash.contains("Participants"), "{dash}");
}

fn guide() -> Value {
    json!({
        "type": {"primary": "tutorial"},
        "thing_category": {"category": "Kettle"},
        "content": {
            "title": {"lang": "en", "default": "Replace a kettle switch"},
            "procedure": [
                {"order": 1, "description": {"lang": "en", "default": "Unplug it"}},
                {"order": 2, "description": {"lang": "en", "default": "Open the base"}},
                {"order": 3, "description": {"lang": "en", "default": "Swap the switch"}}
            ]
        }
    })
}

async fn answer(app: &TestApp, cookie: &str, id: &str, fields: &[(&str, &str)]) -> String {
    let mut all = vec![("kind", "guide"), ("id", id)];
    all.extend_from_slice(fields);
    let r = app
        .form_as("/sfn/outcome", &all, "http://td.test/guides", Some(cookie))
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    r.headers["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn a_readers_outcome_is_changed_not_duplicated() {
    let app = TestApp::new().await;
    let id = create(&app, "guides", guide()).await;
    let (alice, _) = app.user("alice", "member").await;
    let (bob, bob_token) = app.user("bob", "member").await;

    let page = app.page(&format!("/guides/{id}"), "en").await.text;
    assert!(page.contains("Nobody has said yet"), "{page}");
    assert!(page.contains("Sign in to say"), "{page}");

    let to = answer(
        &app,
        &alice,
        &id,
        &[("result", "failed"), ("failed_step", "2")],
    )
    .await;
    assert!(to.contains("outcome=saved"), "{to}");
    let to = answer(
        &app,
        &alice,
        &id,
        &[("result", "worked"), ("note", "New switch from the shop")],
    )
    .await;
    assert!(to.contains("outcome=saved"), "{to}");
    let list = app.get("/api/v1/outcomes").await.json();
    assert_eq!(list["total"], 1, "changed, not added: {list}");
    assert_eq!(list["items"][0]["result"], "worked");
    assert!(list["items"][0].get("failed_step").is_none(), "{list}");
    let outcome = list["items"][0]["id"].as_str().unwrap().to_string();
    let history = app
        .get(&format!("/api/v1/outcomes/{outcome}/history"))
        .await;
    assert_eq!(
        history.json()["items"].as_array().map(Vec::len),
        Some(2),
        "{}",
        history.text
    );

    // Bob answers through the API: a second POST is his answer changed, too.
    let auth = format!("Bearer {bob_token}");
    let mine = json!({"entry_type": "guide", "entry_id": id, "result": "partly"});
    let r = app
        .call(
            Method::POST,
            "/api/v1/outcomes",
            Some(&mine),
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let bobs = r.json()["id"].as_str().unwrap().to_string();
    let mine = json!({"entry_type": "guide", "entry_id": id, "result": "failed", "failed_step": 3});
    let r = app
        .call(
            Method::POST,
            "/api/v1/outcomes",
            Some(&mine),
            &[("authorization", &auth)],
        )
        .await;
    assert_eq!(r.json()["id"], bobs.as_str(), "{}", r.text);
    // Nobody else can write Bob's answer, nor a second one of their own under another id.
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/outcomes/{bobs}"),
            Some(&mine),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
    assert!(r.text.contains("not_your_outcome"), "{}", r.text);

    let page = app
        .page_as(&format!("/guides/{id}"), "en", Some(&alice))
        .await
        .text;
    assert!(page.contains("Worked for 1 of 2 people."), "{page}");
    assert!(page.contains("Step 3 did not work for 1"), "{page}");
    assert!(page.contains("Your answer: It worked."), "{page}");
    assert!(page.contains("Change my answer"), "{page}");
    let page = app
        .page_as(&format!("/guides/{id}"), "de", Some(&bob))
        .await
        .text;
    assert!(
        page.contains("Hat bei 1 von 2 Personen funktioniert."),
        "{page}"
    );

    // No answer chosen: said in the reader's language, nothing saved.
    let to = answer(&app, &bob, &id, &[("result", "")]).await;
    assert!(to.contains("outcome_error="), "{to}");
    let page = app.page_as(&to, "en", Some(&bob)).await.text;
    assert!(page.contains("Choose whether it worked."), "{to}");
    // Signed out, the form sends to sign in.
    let r = app
        .form_as(
            "/sfn/outcome",
            &[("kind", "guide"), ("id", &id), ("result", "worked")],
            "http://td.test/",
            None,
        )
        .await;
    assert!(
        r.headers["location"]
            .to_str()
            .unwrap()
            .starts_with("/login"),
        "{:?}",
        r.headers
    );

    let rates = app
        .get("/api/v1/impact/success-rates?by=guide")
        .await
        .json();
    let own = &rates["self_reported"][0];
    assert_eq!(own["value"], id.as_str(), "{rates}");
    assert_eq!(own["n"], 2, "{rates}");
    assert_eq!(own["worked"], 1, "{rates}");
    assert_eq!(own["partly"], 0, "{rates}");
    assert!(own["interval"]["low"].as_f64().unwrap() < 0.5, "{rates}");
    assert_eq!(
        rates["items"],
        json!([]),
        "no repair record names it: {rates}"
    );
    let rates = app
        .get("/api/v1/impact/success-rates?by=guide&group=x")
        .await
        .json();
    assert_eq!(rates["self_reported"], json!([]), "{rates}");
    let rates = app
        .get("/api/v1/impact/success-rates?by=brand")
        .await
        .json();
    assert!(rates.get("self_reported").is_none(), "{rates}");
}

#[tokio::test]
async fn answers_are_limited_per_person() {
    let app = TestApp::with(|s| s.limits.outcomes_per_user_per_minute = 2).await;
    let id = create(&app, "guides", guide()).await;
    let (carol, _) = app.user("carol", "member").await;
    for _ in 0..2 {
        let to = answer(&app, &carol, &id, &[("result", "worked")]).await;
        assert!(to.contains("outcome=saved"), "{to}");
    }
    let to = answer(&app, &carol, &id, &[("result", "failed")]).await;
    assert!(to.contains("outcome_error=rate_limited"), "{to}");
    let page = app.page_as(&to, "fr", Some(&carol)).await.text;
    assert!(page.contains("Trop de réponses"), "{page}");
}
