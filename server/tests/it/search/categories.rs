//! Search over the taxonomy: an entry is found by its categories' names and synonyms
//! in each stemmed language, the category facet is a tree counting each entry once,
//! choosing a category finds its descendants' entries, a story filed under a category
//! applies to the things below it, and editing a category re-indexes what it files.

use super::{create, facet_count, ids, search};
use crate::common::{thing, TestApp};
use crate::taxonomy::category;
use axum::http::Method;
use serde_json::{json, Value};

fn facet(results: &Value) -> Vec<(String, u64, u64)> {
    results["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == "category")
        .map(|g| g["values"].as_array().unwrap().clone())
        .unwrap_or_default()
        .iter()
        .map(|v| {
            (
                v["label"].as_str().unwrap_or_default().to_string(),
                v["count"].as_u64().unwrap(),
                v["depth"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[tokio::test]
async fn categories_find_count_filter_and_apply_down_the_tree() {
    let app = TestApp::new().await;
    let coffee = category(&app, "Coffee Maker").await;
    let kitchen = category(&app, "Small kitchen item").await;
    let household = category(&app, "Household appliances").await;
    let mut brewer = thing("Brewmaster 3000");
    brewer["categories"] = json!([coffee]);
    let brewer = create(&app, "things", brewer).await;
    let descaling = create(
        &app,
        "stories",
        json!({"type": "repair", "title": {"default": "Descaling the boiler"}, "categories": [kitchen],
               "procedure": [{"order": 1, "description": {"default": "Soak in citric acid."}}]}),
    )
    .await;
    let other = create(&app, "things", thing("Garden hose")).await;
    app.indexed().await;

    // Words of the categories, never of the entry itself, in four stemmed languages.
    for (q, lang) in [
        ("Kaffeevollautomaten", "de"),
        ("cafetières", "fr"),
        ("espressomachines", "nl"),
        ("espresso machines", "en"),
    ] {
        let found = ids(&search(&app, &format!("q={}&lang={lang}", super::enc(q))).await);
        assert_eq!(found, std::slice::from_ref(&brewer), "{q}");
    }

    // Coffee Maker is under two categories that are both under Household appliances:
    // the thing counts once there, and once more for the story.
    let all = search(&app, "q=&lang=de").await;
    assert_eq!(facet_count(&all, "category", &household), Some(2));
    assert!(facet(&all).iter().all(|(_, _, depth)| *depth == 0));
    assert!(facet(&all).contains(&("Haushaltsgeräte".into(), 2, 0)));

    // Choosing it opens its subcategories below it, and finds what is filed below.
    let chosen = search(&app, &format!("q=&lang=de&category={household}")).await;
    let mut found = ids(&chosen);
    found.sort();
    let mut want = vec![brewer.clone(), descaling.clone()];
    want.sort();
    assert_eq!(found, want);
    assert!(!found.contains(&other));
    let tree = facet(&chosen);
    let at = |label: &str| tree.iter().position(|(l, _, _)| l == label).unwrap();
    assert_eq!(tree[at("Haushaltsgeräte")].2, 0);
    assert_eq!(
        tree[at("Küchenkleingerät")],
        ("Küchenkleingerät".into(), 2, 1)
    );
    assert_eq!(
        tree[at("Elektro-Kleingerät")],
        ("Elektro-Kleingerät".into(), 1, 1)
    );
    assert!(at("Haushaltsgeräte") < at("Küchenkleingerät"));
    assert!(
        !tree.iter().any(|(l, _, _)| l == "Kaffeemaschine"),
        "only one level opens"
    );

    // A story filed under Small kitchen item applies to a coffee maker.
    let applies = search(&app, &format!("q=&applies_to={brewer}")).await;
    assert_eq!(ids(&applies), std::slice::from_ref(&descaling));
    let none = search(&app, &format!("q=&applies_to={other}")).await;
    assert_eq!(ids(&none), Vec::<String>::new());

    // An expert adds a synonym: the entries filed under it are found by it.
    let mut body: Value = app
        .get(&format!("/api/v1/categories/{coffee}"))
        .await
        .json();
    body["synonyms"]["translations"]["de"] = json!("Kaffeeautomat, Brühautomat");
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/categories/{coffee}"),
            Some(&body),
            &[],
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    app.indexed().await;
    let found = ids(&search(&app, "q=Br%C3%BChautomaten&lang=de").await);
    assert_eq!(found, [brewer]);
}
