//! Text search: stemming per language, typos, common words, facets, edits and
//! deletes, restarts and rebuilds, bad queries, and the page without JavaScript.

use super::*;
use crate::common::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

/// Each language's stemmer: an inflected query word finds (and highlights) the form
/// in the text, also for a reader of another language. The highlight comes from that
/// language's stemmer (a word the index has is never taken for a typo), so this cannot
/// pass through typo tolerance.
#[tokio::test]
async fn each_language_finds_other_forms_of_a_word() {
    let app = TestApp::new().await;
    let cases = [
        (
            "en",
            "batteries",
            "Swapping the battery of a laptop",
            "battery",
        ),
        (
            "de",
            "Pumpen",
            "Die Pumpe der Kaffeemaschine brummt",
            "Pumpe",
        ),
        ("es", "bombas", "Cambiar la bomba de agua", "bomba"),
        ("fr", "pompes", "Remplacer la pompe vibrante", "pompe"),
        ("it", "pompe", "Sostituire la pompa dell'acqua", "pompa"),
        (
            "nl",
            "pompen",
            "De pomp van de koffiemachine vervangen",
            "pomp",
        ),
        ("pt", "correias", "Trocar a correia do motor", "correia"),
    ];
    let mut made = Vec::new();
    for (lang, _, text, _) in cases {
        let body = if lang == "en" {
            json!({"type": "device", "name": {"default": format!("Thing {lang}")},
                   "description": {"default": text}, "manufacturer": {"name": "ACME"}})
        } else {
            thing(
                &format!("Thing {lang}"),
                lang,
                &format!("Ding {lang}"),
                text,
            )
        };
        made.push(create(&app, "things", body).await);
    }
    app.indexed().await;
    for ((lang, query, _, word), id) in cases.iter().zip(&made) {
        let r = search(&app, &format!("q={}&lang={lang}", enc(query))).await;
        assert!(
            ids(&r).contains(id),
            "{lang}: {query} should find {word}: {r}"
        );
        assert!(
            highlighted(&r, id).iter().any(|h| h == word),
            "{lang}: {query} should highlight {word}: {r}"
        );
    }
    let r = search(&app, "q=Pumpen&lang=fr").await;
    assert!(
        ids(&r).contains(&made[1]),
        "a German word finds German content for a French reader: {r}"
    );
}

#[tokio::test]
async fn languages_without_a_stemmer_and_the_readers_language_first() {
    let app = TestApp::new().await;
    let polish = create(
        &app,
        "things",
        thing(
            "Water pump",
            "pl",
            "Pompa wodna",
            "Wymiana pompy wodnej w ekspresie",
        ),
    )
    .await;
    let english_only = create(
        &app,
        "things",
        json!({"type": "component", "name": {"default": "Vibratory pump"},
               "manufacturer": {"name": "Ulka"}}),
    )
    .await;
    let with_german = create(
        &app,
        "things",
        json!({"type": "component", "name": {"default": "Vibratory pump",
               "translations": {"de": "Vibrationspumpe Pumpe"}}, "manufacturer": {"name": "Ulka"}}),
    )
    .await;
    app.indexed().await;
    let r = search(&app, "q=wodnej&lang=pl").await;
    assert_eq!(ids(&r), vec![polish.clone()], "{r}");

    let de = search(&app, "q=pump&lang=de").await;
    let order = ids(&de);
    let pos = |id: &str| order.iter().position(|x| x == id);
    assert!(
        pos(&with_german) < pos(&english_only),
        "German readers see the entry available in German first: {de}"
    );
    let hit = &de["hits"][0];
    assert_eq!(hit["title"], json!("Vibrationspumpe Pumpe"));
    assert_eq!(hit["fell_back"], json!(false));
}

#[tokio::test]
async fn a_misspelt_word_still_finds_its_target() {
    let app = TestApp::new().await;
    let kettle = create(
        &app,
        "things",
        json!({"type": "device", "name": {"default": "Electric kettle"}, "manufacturer": {"name": "Philips"}}),
    )
    .await;
    let pump = create(
        &app,
        "things",
        json!({"type": "component", "name": {"default": "Vibratory water pump"}, "manufacturer": {"name": "Ulka"}}),
    )
    .await;
    app.indexed().await;
    let found = search(&app, "q=kettel").await;
    assert_eq!(ids(&found), vec![kettle.clone()]);
    // The reader is told what was searched instead, spelt as in the titles, and the
    // word is marked in the title as in the snippet.
    assert_eq!(found["corrected"], json!("kettle"), "{found}");
    assert_eq!(
        found["hits"][0]["title_marks"],
        json!([{"text": "Electric ", "highlight": false}, {"text": "kettle", "highlight": true}]),
        "{found}"
    );
    let page = app.page("/search?q=kettel", "en").await;
    assert!(
        page.text.contains("Showing results for")
            && page.text.contains(r#"href="/search?q=kettle""#)
            && page.text.contains("<mark>kettle</mark>"),
        "{}",
        page.text
    );
    let exact = search(&app, "q=kettle").await;
    assert!(exact.get("corrected").is_none(), "{exact}");
    assert_eq!(
        ids(&search(&app, "q=vibratroy+pump").await),
        vec![pump.clone()]
    );
    assert_eq!(ids(&search(&app, "q=phillips").await), vec![kettle]);
    // Short words must match exactly: one letter off in three is another word.
    assert!(ids(&search(&app, "q=pum").await).is_empty());

    // Suggestions complete the word being typed.
    let s = app.get("/api/v1/search/suggest?q=vibr").await.json();
    assert_eq!(s["suggestions"], json!(["Vibratory water pump"]));
    let s = app.get("/api/v1/search/suggest?q=electric+ke").await.json();
    assert_eq!(s["suggestions"], json!(["Electric kettle"]));
    let s = app.get("/api/v1/search/suggest?q=").await.json();
    assert_eq!(s["suggestions"], json!([]));
    // Unknown parameters are refused, as on /search.
    let r = app.get("/api/v1/search/suggest?q=vibr&kind=thing").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text);
    assert_eq!(r.json()["error"]["code"], "bad_parameter");
}

/// Hyphenated words need their parts, not their exact sequence (a quoted phrase still
/// does); a very common word next to rarer ones ranks but does not filter, as in
/// "plaquettes de frein" finding "plaquettes frein" after the entries that have "de".
#[tokio::test]
async fn hyphenated_and_very_common_words() {
    let app = TestApp::new().await;
    let washer = create(
        &app,
        "things",
        thing(
            "Washing machine",
            "fr",
            "Lave-linge",
            "Le linge se lave à 40 degrés.",
        ),
    )
    .await;
    let other = create(
        &app,
        "things",
        thing(
            "Laundry basket",
            "fr",
            "Panier",
            "Pour le linge que l'on lave à la main.",
        ),
    )
    .await;
    let k = &app.state.knowledge;
    let filler: Vec<(String, Value)> = (0..1200)
        .map(|i| {
            (
                service::knowledge::new_id(),
                thing(
                    &format!("Chair {i}"),
                    "fr",
                    &format!("Chaise {i}"),
                    "Une chaise de cuisine.",
                ),
            )
        })
        .collect();
    k.create_many(domain::EntityKind::Thing, filler, "admin")
        .await
        .unwrap();
    let with_de = create(
        &app,
        "things",
        thing(
            "Brake pads",
            "fr",
            "Plaquettes de frein",
            "Jeu de plaquettes de frein avant.",
        ),
    )
    .await;
    let without_de = create(
        &app,
        "things",
        thing(
            "Brake pad set",
            "fr",
            "Frein : plaquettes",
            "Plaquettes pour frein à disque.",
        ),
    )
    .await;
    app.indexed().await;

    let found = ids(&search(&app, "q=lave-linge&lang=fr").await);
    assert!(
        found.contains(&washer) && found.contains(&other),
        "{found:?}"
    );
    let exact = ids(&search(&app, &format!("q={}&lang=fr", enc("\"lave-linge\""))).await);
    assert_eq!(exact, vec![washer]);

    let r = search(&app, &format!("q={}&lang=fr", enc("plaquettes de frein"))).await;
    assert_eq!(ids(&r), vec![with_de.clone(), without_de.clone()], "{r}");
    assert_eq!(r["total"], 2);
    // With no entry having all the rarer words, any of them will do, but not "de" alone.
    let r = search(&app, &format!("q={}&lang=fr", enc("plaquettes de voiture"))).await;
    assert_eq!(r["relaxed"], true, "{r}");
    assert_eq!(r["total"], 2, "{r}");
}

#[tokio::test]
async fn facets_count_narrow_and_combine() {
    let app = TestApp::new().await;
    let steel_kettle = create(
        &app,
        "things",
        json!({"type": "device", "name": {"default": "Steel kettle"}, "manufacturer": {"name": "ACME"},
               "properties": {"materials": ["stainless steel", "glass"]}}),
    )
    .await;
    create(
        &app,
        "things",
        json!({"type": "device", "name": {"default": "Plastic kettle"}, "manufacturer": {"name": "Brandt"},
               "properties": {"materials": ["abs plastic"]}}),
    )
    .await;
    create(
        &app,
        "things",
        json!({"type": "tool", "name": {"default": "Kettle descaling brush"}, "manufacturer": {"name": "ACME"}}),
    )
    .await;
    let story = create(
        &app,
        "stories",
        json!({"type": "repair", "title": {"default": "Kettle does not switch off"},
               "thing_category": {"category": "Appliances", "subcategory": "Kettles"},
               "procedure": [{"order": 1, "description": {"default": "Replace the kettle thermostat"},
                              "tools": ["Torx T10 screwdriver"]}]}),
    )
    .await;
    app.indexed().await;

    let all = search(&app, "q=kettle").await;
    assert_eq!(all["total"], json!(4), "{all}");
    assert_eq!(facet_count(&all, "kind", "thing"), Some(3));
    assert_eq!(facet_count(&all, "kind", "story"), Some(1));
    assert_eq!(facet_count(&all, "thing_type", "device"), Some(2));
    assert_eq!(facet_count(&all, "manufacturer", "ACME"), Some(2));
    assert_eq!(facet_count(&all, "material", "stainless steel"), Some(1));
    // An old free category is words to find, not a facet (the taxonomy's categories are).
    assert_eq!(facet_count(&all, "category", "appliances"), None);
    assert_eq!(
        ids(&search(&app, "q=appliances").await),
        std::slice::from_ref(&story)
    );
    assert_eq!(facet_count(&all, "tool", "torx t10 screwdriver"), Some(1));
    assert_eq!(facet_count(&all, "story_type", "repair"), Some(1));
    assert_eq!(facet_count(&all, "language", "en"), Some(4));
    assert_eq!(facet_count(&all, "origin", "td.test"), Some(4));

    let devices = search(&app, "q=kettle&thing_type=device").await;
    assert_eq!(devices["total"], json!(2));
    // A dimension in use still counts its other values, so they can be added.
    assert_eq!(facet_count(&devices, "thing_type", "tool"), Some(1));
    let selected = devices["facets"]
        .as_array()
        .and_then(|g| g.iter().find(|g| g["name"] == json!("thing_type")))
        .map(|g| g["values"].clone())
        .unwrap();
    assert!(selected
        .as_array()
        .into_iter()
        .flatten()
        .any(|v| v["value"] == json!("device") && v["selected"] == json!(true)));

    let both = search(&app, "q=kettle&thing_type=device&material=stainless+steel").await;
    assert_eq!(ids(&both), vec![steel_kettle]);
    let either = search(&app, "q=kettle&kind=story&kind=thing&thing_type=tool").await;
    assert_eq!(
        either["total"],
        json!(1),
        "types of things filter things only"
    );
    let stories = search(&app, "kind=story").await;
    assert_eq!(
        ids(&stories),
        vec![story],
        "an empty query browses by facet"
    );
}

#[tokio::test]
async fn edits_and_deletes_show_in_results_and_hidden_entries_leave() {
    let app = TestApp::new().await;
    let id = create(
        &app,
        "things",
        json!({"type": "device", "name": {"default": "Toaster"}, "manufacturer": {"name": "ACME"}}),
    )
    .await;
    app.indexed().await;
    assert_eq!(ids(&search(&app, "q=toaster").await), vec![id.clone()]);

    let path = format!("/api/v1/things/{id}");
    let r = app
        .call(
            Method::PATCH,
            &path,
            Some(&json!({"name": {"default": "Sandwich grill"}})),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    app.indexed().await;
    assert!(ids(&search(&app, "q=toaster").await).is_empty());
    assert_eq!(ids(&search(&app, "q=sandwich").await), vec![id.clone()]);

    let r = app
        .call(
            Method::POST,
            &format!("{path}/hide"),
            Some(&json!({"reason": "spam"})),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    app.indexed().await;
    assert!(ids(&search(&app, "q=sandwich").await).is_empty());
    let r = app
        .call(Method::POST, &format!("{path}/unhide"), None, &[])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    app.indexed().await;
    assert_eq!(ids(&search(&app, "q=sandwich").await), vec![id.clone()]);

    let r = app
        .call(Method::DELETE, &path, None, &[("x-confirm-delete", "true")])
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    app.indexed().await;
    assert!(ids(&search(&app, "q=sandwich").await).is_empty());
}

/// What people see of three searches. Scores may differ between an index that was
/// edited and a fresh one (deleted documents still count in term statistics), so
/// equally scored hits are compared as a set.
async fn three_results(app: &TestApp) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for q in [
        "q=pump",
        "q=kettle&kind=thing",
        "thing_type=component&sort=recent",
    ] {
        let r = search(app, q).await;
        let mut hits = ids(&r);
        if !q.contains("sort=recent") {
            hits.sort();
        }
        out.push((
            q.to_string(),
            json!({"total": r["total"], "facets": r["facets"], "hits": hits}),
        ));
    }
    out
}

#[tokio::test]
async fn the_index_survives_restarts_and_rebuilds_to_the_same_results() {
    let app = TestApp::new().await;
    for i in 0..30 {
        let (kind, name) = if i % 3 == 0 {
            ("component", format!("Pump {i}"))
        } else {
            ("device", format!("Kettle {i}"))
        };
        create(
            &app,
            "things",
            json!({"type": kind, "name": {"default": name}, "manufacturer": {"name": "ACME"}}),
        )
        .await;
    }
    app.indexed().await;
    let before = three_results(&app).await;
    assert_eq!(before[0].1["total"], json!(10));

    let app = app.restart().await;
    let status = app.state.search.status();
    assert!(!status.rebuilding, "a sound index is reused: {status:?}");
    assert_eq!(status.documents, 30);
    assert_eq!(three_results(&app).await, before);

    app.state.search.shutdown().await;
    let rebuilt = server::reindex(&app.settings).await.unwrap();
    assert_eq!(rebuilt, 30);
    let app = app.restart().await;
    assert_eq!(three_results(&app).await, before);

    // A damaged index is replaced and rebuilt from the database at start-up.
    app.state.search.shutdown().await;
    let dir = app.settings.data_dir.join("search");
    std::fs::write(dir.join("meta.json"), b"{ not json").unwrap();
    let app = app.restart().await;
    app.indexed().await;
    assert_eq!(three_results(&app).await, before);
    let health = app.get("/health").await.json();
    assert_eq!(health["components"]["search_index"]["status"], json!("ok"));
    assert_eq!(health["components"]["search_index"]["documents"], json!(30));
    assert_eq!(health["components"]["search_index"]["lag"], json!(0));
}

#[tokio::test]
async fn bad_queries_and_parameters_get_clear_400s() {
    let app = TestApp::new().await;
    for (query, code) in [
        ("q=%22open", "bad_query"),
        ("q=OR+pump", "bad_query"),
        ("q=pump+-", "bad_query"),
        ("q=pump&limit=0", "bad_parameter"),
        ("q=pump&limit=1000", "bad_parameter"),
        ("q=pump&skip=-1", "bad_parameter"),
        ("q=pump&skip=20000", "bad_parameter"),
        ("q=pump&sort=price", "bad_parameter"),
        ("q=pump&materials=steel", "unknown_parameter"),
    ] {
        let r = app.get(&format!("/api/v1/search?{query}")).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{query}: {}", r.text);
        assert_eq!(r.json()["error"]["code"], json!(code), "{query}");
        assert!(r.json()["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
    }
    let doc = app.get("/api/v1/openapi.json").await.json();
    let params = doc["paths"]["/api/v1/search"]["get"]["parameters"].clone();
    for name in [
        "q",
        "lang",
        "related_to",
        "hops",
        "applies_to",
        "material",
        "language",
    ] {
        assert!(
            params
                .as_array()
                .into_iter()
                .flatten()
                .any(|p| p["name"] == json!(name)),
            "OpenAPI documents {name}"
        );
    }
    let long = "a".repeat(600);
    let r = app.get(&format!("/api/v1/search?q={long}")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.json()["error"]["details"]["reason"],
        json!("query_too_long")
    );
    // Odd but harmless input is searched, not refused.
    for q in ["%26%26", "%E2%80%94", "a%00b", "%22%22", "-%2B-"] {
        let r = app.get(&format!("/api/v1/search?q={q}")).await;
        assert!(
            r.status == StatusCode::OK || r.status == StatusCode::BAD_REQUEST,
            "{q}: {}",
            r.status
        );
    }
}

#[tokio::test]
async fn the_search_page_works_without_javascript() {
    let app = TestApp::new().await;
    let id = create(
        &app,
        "things",
        json!({"type": "device", "name": {"default": "Hair dryer", "translations": {"de": "Haartrockner"}},
               "description": {"default": "The heating element <b>burnt</b> out.",
                               "translations": {"de": "Das Heizelement ist durchgebrannt."}},
               "manufacturer": {"name": "Braun"}}),
    )
    .await;
    create(
        &app,
        "things",
        json!({"type": "tool", "name": {"default": "Heat gun"}, "manufacturer": {"name": "Steinel"}}),
    )
    .await;
    app.indexed().await;

    let home = app.page("/", "en").await;
    assert!(
        home.text.contains(r#"action="/search""#),
        "a search box on every page"
    );

    let r = app.page("/search?q=element", "en").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text.contains(&format!("/things/{id}")), "{}", r.text);
    assert!(r.text.contains("One result"), "{}", r.text);
    assert!(
        r.text.contains("<mark>element</mark>"),
        "highlighted snippet"
    );
    assert!(!r.text.contains("<b>burnt</b>"), "content is escaped");
    assert!(r.text.contains("&lt;b&gt;burnt"), "content is escaped");
    // Facets are plain links that add the value to the search.
    assert!(
        r.text
            .contains(r#"href="/search?q=element&amp;manufacturer=Braun""#),
        "{}",
        r.text
    );

    let r = app.page("/search?q=heizelement", "de").await;
    assert!(
        r.text.contains("Haartrockner"),
        "German title for a German reader"
    );
    assert!(r.text.contains("<mark>Heizelement</mark>"), "{}", r.text);

    let r = app.page("/search?thing_type=tool", "en").await;
    assert!(r.text.contains("Heat gun"));
    assert!(!r.text.contains("Hair dryer"));
    assert!(r.text.contains("Clear all filters"));

    let r = app.page("/search?q=%22heating", "de").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.text.contains("Anführungszeichen"),
        "the error in the reader's language"
    );
    assert!(
        r.text.contains(r#"value="&quot;heating""#),
        "the query is kept in the box"
    );
}

/// A query with no searchable word in it (an emoji, a direction mark, punctuation)
/// finds nothing, rather than everything as an empty query would; with a word beside
/// it, the word is searched.
#[tokio::test]
async fn a_query_of_only_symbols_finds_nothing() {
    let app = TestApp::new().await;
    let kettle = create(
        &app,
        "things",
        thing("Kettle", "de", "Wasserkocher", "Kocht"),
    )
    .await;
    create(&app, "things", thing("Toaster", "de", "Toaster", "Röstet")).await;
    app.indexed().await;
    assert_eq!(search(&app, "q=").await["total"], json!(2));
    for q in [
        "%F0%9F%94%A7",
        "%E2%80%8F",
        "%F0%9F%94%A7+%E2%80%8F",
        "%2A%2A",
    ] {
        let r = search(&app, &format!("q={q}")).await;
        assert_eq!(r["total"], json!(0), "q={q}: {r}");
    }
    let r = search(&app, "q=%F0%9F%94%A7+kettle").await;
    assert_eq!(ids(&r), [kettle]);
}

/// An original records its language, and is stemmed with that language's analyzer:
/// a German original with no translation is found by another form of a German word,
/// listed under the German language facet, and its title is said to be German.
#[tokio::test]
async fn an_original_is_stemmed_in_its_own_language() {
    let app = TestApp::new().await;
    let r = app
        .call(
            Method::POST,
            "/api/v1/things",
            Some(&json!({"type": "device",
                "name": {"default": "Kaffeemaschine"},
                "description": {"default": "Die Pumpe der Kaffeemaschine brummt"},
                "manufacturer": {"name": "ACME"}})),
            &[("content-language", "de")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();
    app.indexed().await;
    let r = search(&app, "q=Pumpen&lang=de").await;
    assert!(
        highlighted(&r, &id).iter().any(|h| h == "Pumpe"),
        "the German stemmer matched: {r}"
    );
    let hit = r["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|h| h["id"] == json!(id))
        .cloned()
        .unwrap_or_default();
    assert_eq!(hit["title_lang"], "de");
    assert_eq!(hit["fell_back"], false);
    assert!(ids(&search(&app, "q=Pumpen&language=de").await).contains(&id));
    assert!(!ids(&search(&app, "q=Pumpen&language=en").await).contains(&id));
    let en = search(&app, "q=Kaffeemaschine&lang=en").await;
    assert_eq!(en["hits"][0]["fell_back"], true, "{en}");
}
