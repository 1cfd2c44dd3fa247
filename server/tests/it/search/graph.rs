//! Searches that follow the knowledge graph, and indexes kept per app node.

use super::*;
use crate::common::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

#[tokio::test]
async fn searches_follow_the_knowledge_graph() {
    let app = TestApp::new().await;
    let thing = |name: &str, kind: &str, identifier: Option<&str>| {
        let mut t =
            json!({"type": kind, "name": {"default": name}, "manufacturer": {"name": "ACME"}});
        if let Some(i) = identifier {
            t["identifier"] = json!(i);
        }
        t
    };
    let machine = create(
        &app,
        "things",
        thing(
            "Espresso machine",
            "device",
            Some("thing:appliance/acme/e1"),
        ),
    )
    .await;
    let pump = create(&app, "things", thing("Vibration pump", "component", None)).await;
    let aluminium = create(&app, "things", thing("Aluminium", "material", None)).await;
    let bike = create(&app, "things", thing("Bicycle frame", "component", None)).await;
    let story = |title: &str, about: Value| {
        let mut s = json!({"type": "repair", "title": {"default": title},
                           "procedure": [{"order": 1, "description": {"default": "Do it"}}]});
        if let Some(o) = s.as_object_mut() {
            for (k, v) in about.as_object().into_iter().flatten() {
                o.insert(k.clone(), v.clone());
            }
        }
        s
    };
    let descale = create(
        &app,
        "stories",
        story("Descaling", json!({"thing_id": machine})),
    )
    .await;
    let new_pump = create(
        &app,
        "stories",
        story("New pump", json!({"thing_id": pump})),
    )
    .await;
    let by_category = create(
        &app,
        "stories",
        story(
            "Cleaning any appliance",
            json!({"thing_category": {"category": "Appliances"}}),
        ),
    )
    .await;
    let unrelated = create(
        &app,
        "stories",
        story("Truing a wheel", json!({"thing_id": bike})),
    )
    .await;
    let manual = create(
        &app,
        "guides",
        json!({"type": {"primary": "manual"}, "thing_category": {"category": "Coffee"},
               "content": {"title": {"default": "Service manual"}}}),
    )
    .await;
    let rel = |s: &str, st: &str, t: &str, tt: &str, ty: &str| {
        json!({"source_type": st, "source_id": s, "target_type": tt, "target_id": t,
               "relationship_type": ty, "direction": "unidirectional"})
    };
    let pump_of_machine = create(
        &app,
        "relationships",
        rel(&pump, "thing", &machine, "thing", "part_of"),
    )
    .await;
    create(
        &app,
        "relationships",
        rel(&machine, "thing", &aluminium, "thing", "made_of"),
    )
    .await;
    let bike_of_aluminium = create(
        &app,
        "relationships",
        rel(&bike, "thing", &aluminium, "thing", "made_of"),
    )
    .await;
    create(
        &app,
        "relationships",
        rel(&manual, "guide", &machine, "thing", "applies_to"),
    )
    .await;
    app.indexed().await;

    let sorted = |r: Value| {
        let mut v = ids(&r);
        v.sort();
        v
    };
    let set = |mut v: Vec<&String>| {
        v.sort();
        v.into_iter().cloned().collect::<Vec<_>>()
    };
    assert_eq!(
        sorted(search(&app, &format!("applies_to={machine}")).await),
        set(vec![&descale, &new_pump, &by_category, &manual]),
        "directly, through a component, through the category and by relationship"
    );
    assert_eq!(
        sorted(search(&app, &format!("related_to={machine}&hops=1")).await),
        set(vec![&pump, &aluminium, &descale, &manual])
    );
    assert_eq!(
        sorted(search(&app, &format!("related_to={machine}&hops=2")).await),
        set(vec![&pump, &aluminium, &descale, &manual, &new_pump, &bike])
    );
    assert_eq!(
        sorted(
            search(
                &app,
                &format!("related_to={aluminium}&via=made_of&kind=thing")
            )
            .await
        ),
        set(vec![&machine, &bike]),
        "things made of a material"
    );
    assert_eq!(
        ids(&search(&app, &format!("q=pump&related_to={machine}&hops=2")).await).first(),
        Some(&pump),
        "text and graph combine; the nearer entry first"
    );
    for bad in [
        format!("related_to={machine}&hops=4"),
        "related_to=%3Cscript%3E".to_string(),
    ] {
        let r = app.get(&format!("/api/v1/search?{bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.text);
    }
    // A well-formed id of no such entry (applies_to takes things only) is not found.
    for unknown in [
        "related_to=01930000-0000-7000-8000-00000000dead".to_string(),
        format!("applies_to={descale}"),
    ] {
        let r = app.get(&format!("/api/v1/search?{unknown}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{unknown}: {}", r.text);
        assert_eq!(r.json()["error"]["code"], "not_found", "{}", r.text);
    }
    assert!(!ids(&search(&app, &format!("applies_to={machine}")).await).contains(&unrelated));

    // The thing's page offers what people who looked at it also looked at.
    let page = app.page(&format!("/things/{machine}"), "en").await;
    assert!(page.text.contains("Related knowledge"), "{}", page.text);
    assert!(page.text.contains(&format!("/stories/{new_pump}")));
    assert!(page.text.contains(&format!("/things/{bike}")));

    // Once many things are made of aluminium it is a hub: walks reach it but do not go
    // through it, except from it.
    let k = &app.state.knowledge;
    let kind = domain::EntityKind::Thing;
    let cans: Vec<(String, Value)> = (0..::search::graph::HUB_EDGES)
        .map(|i| {
            (
                service::knowledge::new_id(),
                thing(&format!("Can {i}"), "device", None),
            )
        })
        .collect();
    let can_ids: Vec<String> = cans.iter().map(|(id, _)| id.clone()).collect();
    k.create_many(kind, cans, "admin").await.unwrap();
    let made_of = can_ids
        .iter()
        .map(|c| {
            let r = rel(c, "thing", &aluminium, "thing", "made_of");
            (service::knowledge::new_id(), r)
        })
        .collect();
    k.create_many(domain::EntityKind::Relationship, made_of, "admin")
        .await
        .unwrap();
    app.indexed().await;
    assert_eq!(
        sorted(search(&app, &format!("related_to={machine}&hops=2")).await),
        set(vec![&pump, &aluminium, &descale, &manual, &new_pump]),
        "not through the hub"
    );
    let r = search(&app, &format!("related_to={aluminium}&via=made_of")).await;
    assert_eq!(
        r["total"],
        ::search::graph::HUB_EDGES + 2,
        "from the hub itself"
    );
    let page = app.page(&format!("/things/{machine}"), "en").await;
    assert!(!page.text.contains(&format!("/things/{bike}")));

    // Walks see hidden and deleted relationships go at once.
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/relationships/{bike_of_aluminium}/hide"),
            Some(&json!({"reason": "wrong material"})),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = search(&app, &format!("related_to={aluminium}&via=made_of")).await;
    assert!(!ids(&r).contains(&bike), "hidden relationship");
    assert_eq!(r["total"], ::search::graph::HUB_EDGES + 1);
    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/relationships/{pump_of_machine}"),
            None,
            &[("x-confirm-delete", "true")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    assert_eq!(
        sorted(search(&app, &format!("related_to={machine}&hops=1")).await),
        set(vec![&aluminium, &descale, &manual]),
        "deleted relationship"
    );
    assert!(
        !ids(&search(&app, &format!("applies_to={machine}")).await).contains(&new_pump),
        "no longer through the component"
    );
}

#[tokio::test]
async fn every_app_node_keeps_its_own_index_from_the_shared_log() {
    let a = TestApp::new().await;
    let b = a.second_node().await;
    let on_a = create(
        &a,
        "things",
        json!({"type": "device", "name": {"default": "Dishwasher"}, "manufacturer": {"name": "Miele"}}),
    )
    .await;
    let on_b = create(
        &b,
        "things",
        json!({"type": "device", "name": {"default": "Dish rack"}, "manufacturer": {"name": "Miele"}}),
    )
    .await;
    // Writes on the other node do not wake this one's indexer; its poll finds them.
    a.indexed().await;
    b.indexed().await;
    for node in [&a, &b] {
        let mut found = ids(&search(node, "manufacturer=Miele").await);
        found.sort();
        let mut both = vec![on_a.clone(), on_b.clone()];
        both.sort();
        assert_eq!(found, both);
    }
    // A link made on one node is walked on the other at once: each node brings its
    // graph up to the shared log's head before a walk.
    create(
        &b,
        "relationships",
        json!({"source_type": "thing", "source_id": on_b, "target_type": "thing",
               "target_id": on_a, "relationship_type": "part_of", "direction": "unidirectional"}),
    )
    .await;
    assert_eq!(
        ids(&search(&a, &format!("related_to={on_a}")).await),
        vec![on_b.clone()]
    );
    assert_ne!(
        a.settings.data_dir.join("search"),
        b.settings.data_dir.join("search")
    );
}
