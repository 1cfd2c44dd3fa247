//! The knowledge-graph view: an entry's neighbourhood through the API and on its page,
//! drawn as SVG with a link per node and written out as a nested list.

use crate::common::TestApp;
use crate::search::create;
use axum::http::StatusCode;
use serde_json::{json, Value};

async fn thing(app: &TestApp, name: &str, de: &str) -> String {
    create(
        app,
        "things",
        json!({"type": "component", "name": {"default": name, "translations": {"de": de}},
               "manufacturer": {"name": "ACME"}}),
    )
    .await
}

async fn relate(app: &TestApp, source: &str, target: &str, ty: &str) {
    create(
        app,
        "relationships",
        json!({"source_type": "thing", "source_id": source, "target_type": "thing",
               "target_id": target, "relationship_type": ty, "direction": "unidirectional"}),
    )
    .await;
}

fn labels(n: &Value) -> Vec<(String, u64)> {
    n["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["label"].as_str().unwrap().to_string(),
                g["hops"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn an_entrys_neighbourhood_is_drawn_and_listed_up_to_the_hops_asked() {
    let app = TestApp::new().await;
    let pump = thing(&app, "Vibration pump", "Schwingpumpe").await;
    let machine = thing(&app, "Espresso machine", "Espressomaschine").await;
    let housing = thing(&app, "Brass housing", "Messinggehäuse").await;
    let lonely = thing(&app, "Lonely knob", "Einsamer Knopf").await;
    relate(&app, &pump, &machine, "part_of").await;
    relate(&app, &housing, &pump, "part_of").await;
    let story = create(
        &app,
        "stories",
        json!({"type": "repair", "thing_id": machine, "title": {"default": "Descaling the machine"},
               "procedure": [{"order": 1, "description": {"default": "Run the descaler"}}]}),
    )
    .await;

    let one = app
        .get(&format!("/api/v1/things/{pump}/graph?lang=de"))
        .await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.text);
    let n = one.json();
    assert_eq!(n["hops"], 1);
    let mut got = labels(&n);
    got.sort();
    assert_eq!(
        got,
        [
            ("Espressomaschine".to_string(), 1),
            ("Messinggehäuse".to_string(), 1),
            ("Schwingpumpe".to_string(), 0),
        ]
    );
    assert_eq!(n["nodes"][0]["id"], pump.as_str(), "the start first");
    let two = app
        .get(&format!("/api/v1/things/{pump}/graph?hops=2"))
        .await
        .json();
    assert!(labels(&two).contains(&("Descaling the machine".to_string(), 2)));
    let edges = two["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 3);
    assert!(edges.contains(&json!({"from": story, "to": machine, "type": "applies_to"})));
    assert!(edges.contains(&json!({"from": pump, "to": machine, "type": "part_of"})));

    for bad in ["hops=0", "hops=4", "hops=two", "depth=2"] {
        let r = app.get(&format!("/api/v1/things/{pump}/graph?{bad}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(r.json()["error"]["code"], "bad_parameter");
    }
    let unknown = app
        .get("/api/v1/things/0190c4f2-0000-7000-8000-000000000000/graph")
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let alone = app
        .get(&format!("/api/v1/things/{lonely}/graph"))
        .await
        .json();
    assert_eq!(labels(&alone), [("Lonely knob".to_string(), 0)]);

    let page = app.page(&format!("/things/{pump}?hops=2"), "en").await.text;
    assert!(page.contains("class=\"graph-drawing\""), "{page}");
    for id in [&machine, &housing, &story] {
        let link = if *id == story { "stories" } else { "things" };
        assert!(
            page.matches(&format!("href=\"/{link}/{id}\"")).count() >= 2,
            "{id}: a node in the drawing and an item in the list"
        );
    }
    assert!(
        page.contains("part of: "),
        "the machine, read from the pump"
    );
    assert!(
        page.contains("has part: "),
        "the housing, read from the pump"
    );
    assert!(
        page.contains("covered by: "),
        "the story, read from the machine"
    );
    assert!(page.contains("aria-current=\"true\""));
    let one_hop = app.page(&format!("/things/{pump}"), "en").await.text;
    let section = one_hop
        .split("id=\"graph\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap();
    assert!(section.contains(&format!("href=\"/things/{machine}\"")));
    assert!(
        !section.contains(&format!("href=\"/stories/{story}\"")),
        "two hops away"
    );
    let none = app.page(&format!("/things/{lonely}"), "en").await.text;
    assert!(none.contains("Nothing is linked to this entry yet."));
}

#[tokio::test]
async fn the_explorer_starts_from_a_search_and_opens_entries_by_links() {
    let app = TestApp::new().await;
    let pump = thing(&app, "Vibration pump", "Schwingpumpe").await;
    let machine = thing(&app, "Espresso machine", "Espressomaschine").await;
    let housing = thing(&app, "Brass housing", "Messinggehäuse").await;
    let grinder = thing(&app, "Burr grinder", "Kegelmahlwerk").await;
    relate(&app, &pump, &machine, "part_of").await;
    relate(&app, &housing, &pump, "part_of").await;
    relate(&app, &grinder, &machine, "part_of").await;
    app.indexed().await;

    let found = app.page("/explore?q=pump", "en").await.text;
    let start_link = format!("href=\"/explore?start={pump}#graph\"");
    assert!(found.contains(&start_link), "a hit to start from: {found}");

    let graph_of = |page: &str| {
        page.split("id=\"graph\"")
            .nth(1)
            .and_then(|rest| rest.split("</section>").next())
            .unwrap_or_default()
            .to_string()
    };
    let started = graph_of(&app.page(&format!("/explore?start={pump}"), "en").await.text);
    assert!(started.contains(&format!("href=\"/things/{machine}\"")));
    assert!(
        !started.contains(&format!("href=\"/things/{grinder}\"")),
        "the grinder is two hops away"
    );
    let open_machine = format!("href=\"/explore?start={pump}&amp;open={machine}#graph\"");
    assert!(started.contains(&open_machine), "{started}");

    let opened = graph_of(
        &app.page(&format!("/explore?start={pump}&open={machine}"), "de")
            .await
            .text,
    );
    assert!(
        opened.contains(&format!("href=\"/things/{grinder}\"")),
        "{opened}"
    );
    assert!(opened.contains("Kegelmahlwerk"));
    assert!(
        opened.contains(&format!("href=\"/explore?start={pump}#graph\"")),
        "closing the machine again"
    );
    assert!(opened.contains(&format!("href=\"/explore?start={grinder}#graph\"")));
    let unknown = app
        .page("/explore?start=0190c4f2-0000-7000-8000-000000000000", "en")
        .await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(unknown
        .text
        .contains("No thing, story or guide has this id."));
    let nonsense = app.page("/explore?start=%3Cscript%3E&open=,,,", "en").await;
    assert_eq!(nonsense.status, StatusCode::OK);
    assert!(!nonsense.text.contains("<script>"));
}
