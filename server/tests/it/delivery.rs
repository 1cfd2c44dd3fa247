//! How the site is delivered: compressed where the client accepts it, and the client
//! bundle from its precompressed copies when the build made them.

use crate::common::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode};

async fn fetch(app: &TestApp, path: &str, accept_encoding: Option<&str>) -> crate::common::Reply {
    let mut req = Request::builder().uri(path).header("accept", "*/*");
    if let Some(enc) = accept_encoding {
        req = req.header("accept-encoding", enc);
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn pages_api_styles_and_bundle_are_compressed_for_clients_that_accept_it() {
    let app = TestApp::new().await;
    let pkg = app.settings.site_root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    // Not a real bundle: bytes that compress, served as the bundle would be.
    std::fs::write(pkg.join("thingdata_bg.wasm"), "\0asm".repeat(20_000)).unwrap();
    std::fs::write(pkg.join("thingdata.js"), "export default 1;\n".repeat(500)).unwrap();

    // The page names the bundle under a path that changes with its content.
    let home = fetch(&app, "/", None).await;
    let js = home
        .text
        .split_once(r#"rel="modulepreload" href=""#)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(href, _)| href.to_string())
        .unwrap();
    assert!(
        js.starts_with("/pkg/")
            && js.ends_with("/thingdata.js")
            && js.len() > "/pkg//thingdata.js".len(),
        "{js}"
    );
    let wasm = js.replace("thingdata.js", "thingdata_bg.wasm");

    for path in [
        "/",
        "/api/v1/things",
        "/style.css",
        wasm.as_str(),
        js.as_str(),
    ] {
        for enc in ["br", "gzip"] {
            let r = fetch(&app, path, Some(enc)).await;
            assert_eq!(r.status, StatusCode::OK, "{path}");
            assert_eq!(r.header("content-encoding"), enc, "{path} with {enc}");
            assert!(
                r.header("vary")
                    .to_ascii_lowercase()
                    .contains("accept-encoding"),
                "{path}"
            );
        }
        let plain = fetch(&app, path, None).await;
        assert_eq!(plain.status, StatusCode::OK, "{path}");
        assert_eq!(
            plain.header("content-encoding"),
            "",
            "{path} without Accept-Encoding"
        );
    }

    // A copy compressed at build time is sent as it is, and kept by browsers for good.
    std::fs::write(pkg.join("thingdata_bg.wasm.br"), "precompressed").unwrap();
    let r = fetch(&app, &wasm, Some("gzip, br")).await;
    assert_eq!(r.header("content-encoding"), "br");
    assert_eq!(r.text, "precompressed");
    assert_eq!(r.header("content-type"), "application/wasm");
    assert_eq!(
        r.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        fetch(&app, &js, None).await.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test]
async fn pages_are_revalidated_and_an_unchanged_page_costs_a_304() {
    let app = TestApp::new().await;
    let first = fetch(&app, "/about", None).await;
    assert_eq!(first.header("cache-control"), "no-cache");
    let etag = first.header("etag");
    assert!(etag.starts_with("W/\""), "{etag}");
    let again = |tag: String| {
        let req = Request::builder()
            .uri("/about")
            .header("if-none-match", tag)
            .body(Body::empty())
            .unwrap();
        app.send(req)
    };
    // Each response has its own CSP nonce; the page is the same all the same.
    let r = again(etag.clone()).await;
    assert_eq!(r.status, StatusCode::NOT_MODIFIED, "{}", r.text);
    assert!(r.text.is_empty());
    assert_eq!(
        r.header("content-security-policy"),
        "",
        "the stored page keeps its own"
    );
    // Once the page changes, it is sent again.
    let mut settings = app.state.instance.get();
    settings.description = "Now with a description.".into();
    app.state
        .instance
        .save(settings, "tests", "")
        .await
        .unwrap();
    let r = again(etag).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text.contains("Now with a description."));
}

#[tokio::test]
async fn robots_and_the_sitemap_lead_crawlers_to_visible_entries_only() {
    let app = TestApp::new().await;
    let robots = fetch(&app, "/robots.txt", None).await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(robots.text.contains("Disallow: /admin/"), "{}", robots.text);
    assert!(
        robots.text.contains("Sitemap: http://td.test/sitemap.xml"),
        "{}",
        robots.text
    );

    let mut ids = Vec::new();
    for name in ["Kettle", "Toaster", "Secret"] {
        let r = app
            .post("/api/v1/things", &crate::common::thing(name))
            .await;
        ids.push(r.json()["id"].as_str().unwrap().to_string());
    }
    let r = app
        .post(
            &format!("/api/v1/things/{}/hide", ids[2]),
            &serde_json::json!({"reason": "spam"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let index = fetch(&app, "/sitemap.xml", None).await;
    assert_eq!(
        index.header("content-type"),
        "application/xml; charset=utf-8"
    );
    assert!(
        index
            .text
            .contains("<loc>http://td.test/sitemap/things-0.xml</loc>"),
        "{}",
        index.text
    );
    assert!(
        !index.text.contains("stories-0"),
        "no stories, no page: {}",
        index.text
    );
    let page = fetch(&app, "/sitemap/things-0.xml", None).await;
    assert_eq!(page.status, StatusCode::OK);
    for id in &ids[..2] {
        assert!(
            page.text
                .contains(&format!("<loc>http://td.test/things/{id}</loc>")),
            "{}",
            page.text
        );
    }
    assert!(
        !page.text.contains(&ids[2]),
        "a hidden entry is not listed: {}",
        page.text
    );
    assert!(page.text.contains("<lastmod>"), "{}", page.text);

    for bad in [
        "/sitemap/things-x.xml",
        "/sitemap/planets-0.xml",
        "/sitemap/things-0",
        "/sitemap/relationships-0.xml",
    ] {
        assert_eq!(
            fetch(&app, bad, None).await.status,
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }

    // A private instance asks crawlers to stay out.
    let mut settings = app.state.instance.get();
    settings.private = true;
    app.state
        .instance
        .save(settings, "tests", "")
        .await
        .unwrap();
    let robots = fetch(&app, "/robots.txt", None).await;
    assert_eq!(robots.status, StatusCode::OK);
    assert_eq!(robots.text, "User-agent: *\nDisallow: /\n");
}
