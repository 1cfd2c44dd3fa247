//! Repair records and impact: records validate as ORDS says, the figures follow the
//! Restart Project's method in each of its branches and cite the factor table, filters
//! narrow them, success rates carry Wilson intervals, and the fast entry form records
//! one item after another without JavaScript.

use crate::common::TestApp;
use axum::http::StatusCode;
use serde_json::{json, Value};

fn repair(category: u32, status: &str, date: &str) -> Value {
    json!({
        "data_provider": "Repair Café Testville",
        "country": "NLD",
        "product_category": domain::repair::ords_name(category).unwrap_or("Misc"),
        "product_category_id": category,
        "repair_status": status,
        "group_identifier": "Repair Café Testville",
        "event_date": date,
    })
}

async fn record(app: &TestApp, body: Value) -> String {
    let r = app.post("/api/v1/repairs", &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_str().unwrap().to_string()
}

fn close(a: &Value, b: f64) -> bool {
    a.as_f64().is_some_and(|a| (a - b).abs() < 1e-6)
}

#[tokio::test]
async fn figures_follow_the_restart_method_and_cite_the_factor_table() {
    let app = TestApp::new().await;
    let kettle = 14;
    let misc = domain::repair::MISC_CATEGORY;
    record(&app, repair(kettle, "Fixed", "2025-05-03")).await;
    record(&app, repair(kettle, "Fixed", "2025-05-03")).await;
    let mut powered = repair(misc, "Fixed", "2025-05-03");
    powered["x_weight_kg"] = json!(3.0);
    record(&app, powered).await;
    let mut unpowered = repair(misc, "Fixed", "2025-06-07");
    unpowered["x_weight_kg"] = json!(2.0);
    unpowered["x_powered"] = json!(false);
    record(&app, unpowered).await;
    record(&app, repair(misc, "Fixed", "2025-06-07")).await;
    let mut dead = repair(kettle, "End of life", "2025-06-07");
    dead["repair_barrier_if_end_of_life"] = json!("Spare parts not available");
    let dead = record(&app, dead).await;
    let mut laptop = repair(16, "Repairable", "2025-06-07");
    laptop["country"] = json!("BEL");
    record(&app, laptop).await;

    let r = app.get("/api/v1/impact").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let f = r.json();
    assert_eq!(f["items"], 7);
    assert_eq!(f["items_by_status"]["Fixed"], 5);
    assert_eq!(f["items_by_status"]["End of life"], 1);
    // Two kettles at 1.25 kg, and the two Misc items' own estimates.
    assert!(close(&f["waste_prevented_kg"], 2.5 + 3.0 + 2.0), "{f}");
    // Kettles: footprint 44.32 × 0.5 each; Misc: estimate × ratio × 0.5.
    let co2e: f64 = 2.0 * 44.32 * 0.5 + 3.0 * 32.06679233 * 0.5 + 2.0 * 17.70147059 * 0.5;
    assert!(
        close(&f["co2e_prevented_kg"], (co2e * 1000.0).round() / 1000.0),
        "{f}"
    );
    assert_eq!(
        f["fixed_without_factor"], 1,
        "the Misc item without an estimate"
    );
    assert_eq!(f["factor_table"]["name"], "ORDS category LCA reference");
    assert_eq!(f["factor_table"]["version"], "openrepair-tools-ccd642f");
    assert!(
        f.get("co2e_range_kg").is_none(),
        "the table gives no bounds"
    );
    assert_eq!(f["social"]["groups"], 1);
    assert_eq!(f["social"]["events"], 2, "one group on two days");
    assert_eq!(f["social"]["instances"], 1);
    assert!(close(&f["social"]["items_per_event"], 3.5), "{f}");

    let f = app.get("/api/v1/impact?category=14").await.json();
    assert_eq!(f["items"], 3);
    assert!(close(&f["waste_prevented_kg"], 2.5), "{f}");
    let f = app
        .get("/api/v1/impact?from=2025-06-01&to=2025-06-30&country=nld")
        .await
        .json();
    assert_eq!(f["items"], 3, "{f}");
    let f = app
        .get("/api/v1/impact?group=repair%20caf%C3%A9%20testville")
        .await
        .json();
    assert_eq!(f["items"], 7, "a group is matched whatever its case");

    // A taxonomy category stands for its ORDS id: the seeded "Kettle" category.
    let kettles = app.get("/api/v1/categories?ords_id=14").await.json()["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let f = app
        .get(&format!("/api/v1/impact?category={kettles}"))
        .await
        .json();
    assert_eq!(f["items"], 3, "{f}");

    // Deleting a record takes it out of the figures.
    let head = app.get(&format!("/api/v1/repairs/{dead}")).await;
    let r = app
        .call(
            axum::http::Method::DELETE,
            &format!("/api/v1/repairs/{dead}"),
            None,
            &[
                ("x-confirm-delete", "true"),
                ("if-match", &head.header("etag")),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    let f = app.get("/api/v1/impact").await.json();
    assert_eq!(f["items"], 6);
    assert!(f["items_by_status"].get("End of life").is_none(), "{f}");

    for bad in [
        "/api/v1/impact?country=NL1",
        "/api/v1/impact?from=2025-02-30",
        "/api/v1/impact?category=kettle",
        "/api/v1/impact?category=0",
        "/api/v1/impact?colour=red",
        "/api/v1/impact?country=",
        "/api/v1/impact/success-rates?by=colour",
        "/api/v1/impact/success-rates",
    ] {
        let r = app.get(bad).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.text);
        assert_eq!(r.json()["error"]["code"], "bad_parameter", "{bad}");
    }
    let r = app
        .get("/api/v1/impact?category=0190a000-0000-7000-8000-000000000000")
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);

    // A model's page says how its repairs went, with the interval beside the rate.
    let r = app
        .post("/api/v1/things", &crate::common::thing("Senseo HD7810"))
        .await;
    let senseo = r.json()["id"].as_str().unwrap().to_string();
    for status in ["Fixed", "Fixed", "End of life"] {
        let mut r = repair(36, status, "2025-06-07");
        r["x_thing_id"] = json!(senseo);
        record(&app, r).await;
    }
    let mut wrong = repair(36, "Fixed", "2025-06-07");
    wrong["x_thing_id"] = json!(dead);
    let r = app.post("/api/v1/repairs", &wrong).await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a record names a thing: {}",
        r.text
    );
    let page = app.page(&format!("/things/{senseo}"), "en").await.text;
    assert!(page.contains("Named in 3 repair records."), "{page}");
    assert!(
        page.contains("(2 of 3 with a known outcome; 95 % interval"),
        "{page}"
    );
    assert!(page.contains(&format!("/impact?thing={senseo}")), "{page}");
}

#[tokio::test]
async fn success_rates_carry_counts_and_wilson_intervals() {
    let app = TestApp::new().await;
    for status in ["Fixed", "Fixed", "End of life", "Unknown"] {
        let mut r = repair(14, status, "2025-05-03");
        r["brand"] = json!("Philips");
        record(&app, r).await;
    }
    let mut unknown_brand = repair(16, "Repairable", "2025-05-03");
    unknown_brand["brand"] = json!("Unknown");
    record(&app, unknown_brand).await;

    let r = app.get("/api/v1/impact/success-rates?by=category").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let items = r.json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 2);
    let kettle = &items[0];
    assert_eq!(kettle["value"], "14");
    // Unknown outcomes are not counted: 2 fixed of 3.
    assert_eq!(
        (kettle["fixed"].clone(), kettle["n"].clone()),
        (json!(2), json!(3))
    );
    assert!(close(&kettle["rate"], 2.0 / 3.0));
    let expected = domain::impact::wilson(2, 3).unwrap();
    assert!(close(&kettle["interval"]["low"], expected.low), "{kettle}");
    assert!(
        close(&kettle["interval"]["high"], expected.high),
        "{kettle}"
    );
    assert!(kettle["interval"]["low"].as_f64().unwrap() > 0.2);
    assert!(kettle["interval"]["high"].as_f64().unwrap() < 0.95);

    // "Unknown" is ORDS' way of saying no brand.
    let brands = app
        .get("/api/v1/impact/success-rates?by=brand")
        .await
        .json();
    assert_eq!(brands["items"].as_array().unwrap().len(), 1, "{brands}");
    assert_eq!(brands["items"][0]["value"], "philips");
}

#[tokio::test]
async fn records_are_checked_as_ords_says() {
    let app = TestApp::new().await;
    let mut bad = repair(14, "Mended", "2025-13-01");
    bad["country"] = json!("nl");
    bad["product_category_id"] = json!(2.5);
    bad["year_of_manufacture"] = json!("85");
    bad["x_powered"] = json!("yes");
    let r = app.post("/api/v1/repairs", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let problems: Vec<(String, String)> = r.json()["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for expected in [
        ("repair_status", "not_in_vocabulary"),
        ("event_date", "invalid_day"),
        ("country", "invalid_country"),
        ("product_category_id", "wrong_type"),
        ("year_of_manufacture", "invalid_year"),
        ("x_powered", "wrong_type"),
    ] {
        assert!(
            problems.contains(&(expected.0.to_string(), expected.1.to_string())),
            "{expected:?} in {problems:?}"
        );
    }
    let mut named_oddly = repair(14, "Fixed", "2025-05-03");
    named_oddly["product_category"] = json!({});
    let r = app.post("/api/v1/repairs", &named_oddly).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let mut zero = repair(14, "Fixed", "2025-05-03");
    zero["product_category_id"] = json!(0);
    let r = app.post("/api/v1/repairs", &zero).await;
    assert!(r.text.contains("out_of_range"), "{}", r.text);
}

#[tokio::test]
async fn the_desk_form_records_one_item_after_another_without_javascript() {
    let app = TestApp::new().await;
    let form = app.page("/repairs/new", "en").await;
    assert_eq!(form.status, StatusCode::OK);
    let today: String = domain::revision::now_rfc3339().chars().take(10).collect();
    assert!(
        form.text.contains(&format!(r#"value="{today}""#)),
        "a new record starts today"
    );
    assert!(
        form.text.contains("Save and record the next"),
        "{}",
        form.text
    );
    assert!(
        form.text.contains(r#"type="radio""#),
        "outcomes are one tap each"
    );

    let r = app
        .form(
            "/sfn/save",
            &[
                ("kind", "repair"),
                ("f[intent]", "save-next"),
                ("f[group_identifier]", "Repair Café Testville"),
                ("f[event_date]", "2025-06-07"),
                ("f[data_provider]", "Testville"),
                ("f[country]", "NLD"),
                ("f[product_category_id]", "14"),
                ("f[partner_product_category]", "Electric kettle"),
                ("f[repair_status]", "Fixed"),
                ("f[x_powered]", "true"),
            ],
            "http://td.test/repairs/new",
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    let next = r.headers["location"].to_str().unwrap().to_string();
    assert!(
        next.starts_with("/repairs/new?") && !next.contains("draft="),
        "{}",
        app.page(&next, "en").await.text
    );
    assert!(next.contains("event_date=2025-06-07"), "{next}");
    let list = app.get("/api/v1/repairs").await.json();
    assert_eq!(list["total"], 1);
    let saved = &list["items"][0];
    assert_eq!(
        saved["product_category"], "Kettle",
        "named from its ORDS id"
    );
    assert_eq!(saved["x_powered"], true);

    // The next form keeps the event and says what was saved.
    let page = app.page(&next, "en").await.text;
    assert!(page.contains("Saved:"), "{page}");
    assert!(page.contains(r#"value="2025-06-07""#), "{page}");
    assert!(page.contains(r#"value="Repair Café Testville""#), "{page}");

    // A mistake keeps everything typed and says what is wrong, in the reader's language.
    let r = app
        .form(
            "/sfn/save",
            &[
                ("kind", "repair"),
                ("f[intent]", "save-next"),
                ("f[event_date]", "2025-06-07"),
                ("f[data_provider]", "Testville"),
                ("f[country]", "Niederlande"),
                ("f[partner_product_category]", "Toaster"),
            ],
            "http://td.test/repairs/new",
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let back = r.headers["location"].to_str().unwrap().to_string();
    assert!(back.contains("draft="), "{back}");
    let page = app.page(&back, "de").await.text;
    assert!(page.contains("dreibuchstabiger ISO"), "{page}");
    assert!(page.contains(r#"value="Toaster""#), "{page}");

    // The record's own page names its outcome in the reader's language.
    let id = saved["id"].as_str().unwrap();
    let page = app.page(&format!("/repairs/{id}"), "de").await.text;
    assert!(page.contains("Repariert"), "{page}");
    assert!(page.contains("Electric kettle"), "{page}");
}

/// Every `<svg>…</svg>` in a text.
fn svgs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("<svg") {
        let Some(len) = rest[start..].find("</svg>") else {
            break;
        };
        out.push(rest[start..start + len + 6].to_string());
        rest = &rest[start + len + 6..];
    }
    out
}

/// Parses the whole document as XML; panics with the reader's error if it is not.
fn well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not XML: {e}: {xml}"),
        }
    }
}

#[tokio::test]
async fn dashboards_draw_accessible_charts_with_their_data() {
    let app = TestApp::new().await;
    for (category, status, date) in [
        (14, "Fixed", "2025-05-03"),
        (14, "End of life", "2025-05-03"),
        (16, "Fixed", "2025-06-07"),
        (16, "Fixed", "2025-06-07"),
    ] {
        let mut r = repair(category, status, date);
        if status == "End of life" {
            r["repair_barrier_if_end_of_life"] = json!("No way to open product");
        }
        record(&app, r).await;
    }
    let page = app.page("/impact", "en").await;
    assert_eq!(page.status, StatusCode::OK);
    let charts = svgs(&page.text);
    assert!(charts.len() >= 5, "{}", page.text);
    for svg in &charts {
        well_formed(svg);
        assert!(
            svg.contains(r#"role="img""#)
                && svg.contains("<title id=")
                && svg.contains("<desc id="),
            "{svg}"
        );
    }
    // Every chart has its figures beside it in a table, and as a file.
    assert!(page.text.matches("<caption>").count() >= 5, "{}", page.text);
    assert!(
        page.text.contains("ORDS category LCA reference"),
        "the table is named"
    );
    assert!(page.text.contains("2025-06"), "{}", page.text);
    for file in ["months", "categories", "barriers", "countries"] {
        assert!(
            page.text.contains(&format!("/impact/data/{file}.csv")),
            "{file}"
        );
        let csv = app.get(&format!("/impact/data/{file}.csv")).await;
        assert_eq!(csv.status, StatusCode::OK, "{file}");
        assert!(csv.header("content-type").starts_with("text/csv"), "{file}");
    }
    let months = app.get("/impact/data/months.csv").await.text;
    assert!(months.contains("2025-06,2,2,3.66,265.32,"), "{months}");
    let barriers = app.get("/impact/data/barriers.csv").await.text;
    assert!(
        barriers.contains("No way to open product,1,0,"),
        "{barriers}"
    );

    // In German, and filtered to one group's event: the page and its widget.
    let de = app
        .page(
            "/impact?group=Repair%20Caf%C3%A9%20Testville&from=2025-06-07&to=2025-06-07",
            "de",
        )
        .await
        .text;
    assert!(de.contains("Vermiedener Abfall"), "{de}");
    assert!(
        de.contains("/impact/widget?group=Repair+Caf%C3%A9+Testville&amp;from=2025-06-07"),
        "{de}"
    );
    let widget = app
        .page(
            "/impact/widget?group=Repair%20Caf%C3%A9%20Testville&lang=de",
            "en",
        )
        .await;
    assert_eq!(widget.status, StatusCode::OK);
    assert!(
        widget.text.contains("Reparierte Gegenstände"),
        "{}",
        widget.text
    );
    assert!(widget
        .header("content-security-policy")
        .contains("frame-ancestors *"));
    assert!(
        widget.headers.get("x-frame-options").is_none(),
        "others may frame it"
    );
    assert_eq!(page.header("x-frame-options"), "DENY", "but no other page");
    let image = app.get("/impact/widget.svg?from=2025-06-01").await;
    assert_eq!(image.header("content-type"), "image/svg+xml");
    well_formed(&image.text);
    assert!(
        image.text.contains(">2<"),
        "two items fixed in June: {}",
        image.text
    );

    // The map by country: the page shows it with its description; each country with
    // records is shaded and titled with its figures (all four records are in NLD).
    assert!(
        page.text.contains("/impact/map.svg?lang=en"),
        "{}",
        page.text
    );
    let map = app.get("/impact/map.svg?lang=de").await;
    assert_eq!(map.header("content-type"), "image/svg+xml");
    well_formed(&map.text);
    assert!(map.text.contains(r#"role="img""#), "{}", map.text);
    assert!(
        map.text.contains("Reparaturprotokolle nach Land"),
        "{}",
        map.text
    );
    assert!(
        map.text
            .contains("<title>NLD: 4 Protokolle, 3 repariert</title>"),
        "{}",
        map.text
    );
    assert_eq!(map.text.matches("<title>").count(), 1, "one country titled");
    let r = app.get("/impact/map.svg?country=nowhere").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);

    // A bad filter is said on the page, not a failure.
    let bad = app
        .page("/impact?country=Niederlande&from=gestern", "de")
        .await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(bad.text.contains("dreibuchstabiger ISO"), "{}", bad.text);
    let r = app.get("/impact/data/nothing.csv").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
