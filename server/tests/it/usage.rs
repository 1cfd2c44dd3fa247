//! Usage analytics: pages loaded and reached, searches and unanswered searches, and
//! contributions, counted per day with nothing about the visitor; only admins see them.

use crate::common::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode};

async fn load(app: &TestApp, path: &str, agent: &str) -> StatusCode {
    let req = Request::builder()
        .uri(path)
        .header("accept", "text/html")
        .header("user-agent", agent)
        .body(Body::empty())
        .unwrap();
    app.send(req).await.status
}

#[tokio::test]
async fn pages_and_searches_are_counted_per_day_and_only_admins_see_them() {
    let app = TestApp::new().await;
    let r = app
        .post("/api/v1/things", &crate::common::thing("Senseo HD7810"))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();
    app.indexed().await;

    let browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0";
    for _ in 0..3 {
        assert_eq!(load(&app, "/things", browser).await, StatusCode::OK);
    }
    assert_eq!(
        load(&app, &format!("/things/{id}"), browser).await,
        StatusCode::OK
    );
    // Robots, files, API calls and missing pages are not page views.
    assert_eq!(load(&app, "/things", "Googlebot/2.1").await, StatusCode::OK);
    load(&app, "/style.css", browser).await;
    load(&app, "/api/v1/things", browser).await;
    load(&app, "/no-such-page", browser).await;
    // A page the router reaches in the browser reports itself.
    let r = app
        .form_as("/sfn/view", &[("path", "/guides")], "http://td.test/", None)
        .await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.text
    );

    app.get("/api/v1/search?q=senseo").await;
    app.get("/api/v1/search?q=Flux%20%20Capacitor").await;
    app.page("/search?q=flux+capacitor", "en").await;

    let page = app
        .page_as("/admin/usage?days=7", "en", Some(&app.cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    // Without the hydration markers between text pieces.
    let text = page.text.replace("<!>", "");
    let today: String = domain::revision::now_rfc3339().chars().take(10).collect();
    assert!(text.contains(&today), "{text}");
    assert!(text.contains("<code>/things</code> · 3"), "{text}");
    assert!(text.contains("<code>/things/:id</code> · 1"), "{text}");
    assert!(text.contains("<code>/guides</code> · 1"), "{text}");
    assert!(!text.contains("<code>/style.css"), "{text}");
    assert!(text.contains("<code>flux capacitor</code> · 2"), "{text}");
    assert!(
        !text.contains("<code>senseo</code>"),
        "found searches are not listed: {text}"
    );
    assert!(text.contains("Searches that found nothing"), "{text}");
    let usage = app
        .state
        .usage
        .report(7, app.state.knowledge.public_url())
        .await
        .unwrap();
    let day = &usage.days[0];
    assert_eq!(day.day, today);
    // The three lists, the thing, the router's guides, the search page and this page.
    assert_eq!(day.views, 7, "{day:?}");
    assert_eq!(day.searches, 3, "{day:?}");
    assert_eq!(day.empty_searches, 2, "{day:?}");
    assert!(day.contributions >= 1, "the thing made here: {day:?}");
    assert_eq!(usage.days.len(), 7);

    // No cookie is set for counting, and only admins see the page.
    let req = Request::builder()
        .uri("/things")
        .header("accept", "text/html")
        .body(Body::empty())
        .unwrap();
    let res = app.send(req).await;
    assert!(res.headers.get("set-cookie").is_none(), "{:?}", res.headers);
    let (member, _) = app.user("rita", "member").await;
    let page = app.page_as("/admin/usage", "en", Some(&member)).await.text;
    assert!(!page.contains("Most viewed pages"), "{page}");
}
