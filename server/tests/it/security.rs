//! Security behaviour as users and attackers meet it: CSRF, rate limits, lockout,
//! registration policies, first-run setup, private instances, settings, the audit
//! page, profile changes and secrets at rest.

use crate::common::{cli, session_cookie, thing, TestApp};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};

const PW: &str = "test password 123";

async fn sign_in(app: &TestApp, user: &str, password: &str) -> crate::common::Reply {
    app.form_as(
        "/sfn/login",
        &[("username", user), ("password", password), ("next", "/")],
        "http://td.test/login",
        None,
    )
    .await
}

/// A form post from a browser, with exactly these request headers.
async fn post_form(
    app: &TestApp,
    path: &str,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> crate::common::Reply {
    let body: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields.iter())
        .finish();
    let mut b = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html");
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    app.send(b.body(Body::from(body)).unwrap()).await
}

async fn thing_count(app: &TestApp) -> i64 {
    app.get("/api/v1/things").await.json()["total"]
        .as_i64()
        .unwrap_or(-1)
}

async fn admin_page(app: &TestApp, path: &str) -> crate::common::Reply {
    app.page_as(path, "en", Some(&app.cookie)).await
}

async fn audit_actions(app: &TestApp, query: &str) -> String {
    admin_page(app, &format!("/admin/audit?{query}")).await.text
}

#[tokio::test]
async fn cross_site_form_posts_are_refused_and_change_nothing() {
    let app = TestApp::new().await;
    let fields = [
        ("kind", "thing"),
        ("intent", "save"),
        ("f[type]", "device"),
        ("f[name.default]", "Forged kettle"),
        ("f[manufacturer.name]", "ACME"),
    ];
    let cookie = app.cookie.clone();
    for headers in [
        vec![
            ("cookie", cookie.as_str()),
            ("origin", "https://evil.example"),
        ],
        vec![
            ("cookie", cookie.as_str()),
            ("referer", "https://evil.example/page"),
        ],
        vec![("cookie", cookie.as_str())],
        vec![("cookie", cookie.as_str()), ("origin", "null")],
    ] {
        let r = post_form(&app, "/sfn/save", &fields, &headers).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert_eq!(r.json()["error"]["code"], "cross_site_request");
    }
    // The API with a session cookie is guarded the same way.
    let r = app
        .call_as(
            Method::POST,
            "/api/v1/things",
            Some(&thing("Forged")),
            &[("cookie", &cookie), ("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(thing_count(&app).await, 0);

    // The same request from our own page goes through.
    let r = post_form(
        &app,
        "/sfn/save",
        &fields,
        &[("cookie", &cookie), ("origin", "http://td.test")],
    )
    .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text);
    assert_eq!(thing_count(&app).await, 1);
    let r = app
        .call_as(
            Method::POST,
            "/api/v1/things",
            Some(&thing("From a page script")),
            &[("cookie", &cookie), ("origin", "http://td.test")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();
    let history = app
        .get(&format!("/api/v1/things/{id}/history"))
        .await
        .json();
    assert_eq!(history["items"][0]["author"], "admin", "{history}");
}

#[tokio::test]
async fn api_rate_limits_answer_429_with_retry_after() {
    let app = TestApp::with(|s| {
        s.limits.api_per_ip_per_minute = 5;
        s.limits.api_per_token_per_minute = 8;
    })
    .await;
    for _ in 0..5 {
        let r = app.call_as(Method::GET, "/api/v1/things", None, &[]).await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let r = app.call_as(Method::GET, "/api/v1/things", None, &[]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.header("retry-after").parse::<u64>().unwrap_or(0) >= 1);
    assert_eq!(r.json()["error"]["code"], "rate_limited");
    // A token has its own allowance.
    for _ in 0..8 {
        assert_eq!(app.get("/api/v1/things").await.status, StatusCode::OK);
    }
    assert_eq!(
        app.get("/api/v1/things").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn sign_in_attempts_per_address_are_limited() {
    let app = TestApp::with(|s| s.limits.login_per_ip_per_minute = 4).await;
    // The admin's own sign-in in the test set-up used one attempt.
    for _ in 0..3 {
        assert_eq!(
            sign_in(&app, "admin", "wrong").await.status,
            StatusCode::FOUND
        );
    }
    let r = sign_in(&app, "admin", PW).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.header("retry-after").parse::<u64>().unwrap_or(0) >= 1);
    assert!(r.text.contains("Too many attempts"), "{}", r.text);
    assert!(session_cookie(&r).is_none());
}

#[tokio::test]
async fn repeated_wrong_passwords_lock_the_account() {
    let app = TestApp::with(|s| s.limits.lockout_after_failures = 3).await;
    app.user("ada", "member").await;
    for _ in 0..2 {
        let r = sign_in(&app, "ada", "guess guess guess").await;
        assert!(r.header("location").starts_with("/login?error=1"));
    }
    let r = sign_in(&app, "ada", "guess guess guess").await;
    assert!(
        r.header("location").starts_with("/login?error=locked"),
        "{}",
        r.header("location")
    );
    // Even the right password is refused while the lock lasts.
    let r = sign_in(&app, "ada", PW).await;
    assert!(r.header("location").starts_with("/login?error=locked"));
    assert!(session_cookie(&r).is_none());
    let page = app.page(&r.header("location"), "en").await;
    assert!(
        page.text.contains("This account is locked"),
        "{}",
        page.text
    );
    // Other accounts are not affected.
    assert_eq!(sign_in(&app, "admin", PW).await.header("location"), "/");
    let log = audit_actions(&app, "action=login.locked").await;
    assert!(log.contains("login.locked") && log.contains("ada"), "{log}");
}

async fn save_settings(app: &TestApp, fields: &[(&str, &str)]) -> crate::common::Reply {
    app.form(
        "/sfn/admin_settings_save",
        fields,
        "http://td.test/admin/settings",
    )
    .await
}

async fn set_registration(app: &TestApp, mode: &str) {
    let r = save_settings(
        app,
        &[
            ("name", "Repair Café Nord"),
            ("description", "Fixing things since 2009"),
            ("languages", "en, de, fr"),
            ("registration", mode),
        ],
    )
    .await;
    assert_eq!(r.header("location"), "/admin/settings?saved=1");
}

async fn register(app: &TestApp, name: &str, invite: Option<&str>) -> crate::common::Reply {
    let email = format!("{name}@example.org");
    let mut fields = vec![
        ("username", name),
        ("email", email.as_str()),
        ("password", PW),
        ("password_again", PW),
    ];
    if let Some(code) = invite {
        fields.push(("invite", code));
    }
    app.form_as("/sfn/register", &fields, "http://td.test/register", None)
        .await
}

#[tokio::test]
async fn approval_required_sign_ups_wait_for_an_admin() {
    let app = TestApp::new().await;
    set_registration(&app, "approval").await;
    let page = app.page_as("/register", "en", None).await;
    assert!(page.text.contains("checked by an administrator"));
    let r = register(&app, "newbie", None).await;
    assert_eq!(r.header("location"), "/login?notice=pending");
    assert!(
        session_cookie(&r).is_none(),
        "not signed in before approval"
    );
    let r = sign_in(&app, "newbie", PW).await;
    assert!(r.header("location").starts_with("/login?error=pending"));
    let users = admin_page(&app, "/admin/users").await;
    assert!(users.text.contains("awaiting approval"), "{}", users.text);

    let r = app
        .form(
            "/sfn/admin_user",
            &[
                ("username", "newbie"),
                ("role", "member"),
                ("approve", "yes"),
            ],
            "http://td.test/admin/users",
        )
        .await;
    assert_eq!(r.header("location"), "/admin/users?saved=1");
    assert_eq!(sign_in(&app, "newbie", PW).await.header("location"), "/");
    assert!(audit_actions(&app, "action=user.approve")
        .await
        .contains("newbie"));
}

#[tokio::test]
async fn invite_only_sign_ups_need_an_unused_code() {
    let app = TestApp::new().await;
    set_registration(&app, "invite").await;
    let r = register(&app, "walkin", None).await;
    let form = app.page_as(&r.header("location"), "en", None).await;
    assert!(
        form.text.contains("unknown or already used"),
        "{}",
        form.text
    );
    assert!(sign_in(&app, "walkin", PW)
        .await
        .header("location")
        .contains("error"));

    let r = app
        .form("/sfn/admin_invite", &[], "http://td.test/admin/users")
        .await;
    let code = r
        .header("location")
        .strip_prefix("/admin/users?invite=")
        .unwrap()
        .to_string();
    assert_eq!(code.len(), 20);
    let shown = admin_page(&app, &r.header("location")).await;
    assert!(shown.text.contains(&code));

    let r = register(&app, "invited", Some(&code)).await;
    assert_eq!(r.header("location"), "/account?welcome=1");
    let again = register(&app, "second", Some(&code)).await;
    assert!(again.header("location").starts_with("/register?draft="));
    // A failed sign-up does not use the code up.
    let app2 = TestApp::new().await;
    set_registration(&app2, "invite").await;
    let r = app2
        .form("/sfn/admin_invite", &[], "http://td.test/admin/users")
        .await;
    let code = r.header("location").replace("/admin/users?invite=", "");
    let taken = register(&app2, "admin", Some(&code)).await;
    assert!(taken.header("location").starts_with("/register?draft="));
    assert_eq!(
        register(&app2, "fresh", Some(&code))
            .await
            .header("location"),
        "/account?welcome=1"
    );
}

async fn setup(app: &TestApp, name: &str, password: &str) -> crate::common::Reply {
    let email = format!("{name}@example.org");
    let fields = [
        ("username", name),
        ("email", email.as_str()),
        ("password", password),
        ("password_again", password),
    ];
    app.form_as("/sfn/setup", &fields, "http://td.test/setup", None)
        .await
}

#[tokio::test]
async fn the_setup_page_creates_the_first_admin_and_then_closes() {
    let app = TestApp::without_users(|_| {}).await;
    let page = app.page_as("/setup", "en", None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains("Create administrator"));
    let short = setup(&app, "root", "short").await;
    let again = app.page_as(&short.header("location"), "en", None).await;
    assert!(
        again.text.contains("At least 10 characters"),
        "{}",
        again.text
    );

    let r = setup(&app, "root", PW).await;
    assert_eq!(r.header("location"), "/admin/settings?welcome=1");
    let cookie = session_cookie(&r).unwrap();
    let settings = app
        .page_as(&r.header("location"), "en", Some(&cookie))
        .await;
    assert!(
        settings.text.contains("You are the administrator"),
        "{}",
        settings.text
    );

    let late = setup(&app, "intruder", PW).await;
    assert_eq!(late.header("location"), "/login");
    let users = app.state.accounts.users().await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(
        app.page_as("/setup", "en", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_private_instance_shows_nothing_to_anonymous_visitors() {
    let app = TestApp::new().await;
    app.post("/api/v1/things", &thing("Secret toaster")).await;
    let r = save_settings(
        &app,
        &[
            ("name", "Team wiki"),
            ("languages", "en"),
            ("registration", "invite"),
            ("private", "yes"),
        ],
    )
    .await;
    assert_eq!(r.header("location"), "/admin/settings?saved=1");

    let page = app.page_as("/things", "en", None).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.header("location"), "/login?next=%2Fthings");
    let api = app.call_as(Method::GET, "/api/v1/things", None, &[]).await;
    assert_eq!(api.status, StatusCode::UNAUTHORIZED);
    assert!(!api.text.contains("Secret toaster"));
    let sfn = app
        .form_as("/sfn/list", &[("kind", "thing")], "http://td.test/", None)
        .await;
    assert_eq!(sfn.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.page_as("/login", "en", None).await.status,
        StatusCode::OK
    );
    // Members read as usual, by session or token.
    assert!(admin_page(&app, "/things")
        .await
        .text
        .contains("Secret toaster"));
    assert!(app
        .get("/api/v1/things")
        .await
        .text
        .contains("Secret toaster"));
    assert!(admin_page(&app, "/").await.text.contains("Team wiki"));
}

#[tokio::test]
async fn settings_are_validated_inline_and_audited() {
    let app = TestApp::new().await;
    let r = save_settings(
        &app,
        &[
            ("name", "  "),
            ("languages", "en, not a tag!"),
            ("registration", "everyone"),
        ],
    )
    .await;
    let page = app
        .page_as(&r.header("location"), "de", Some(&app.cookie))
        .await;
    assert!(page.text.contains("Darf nicht leer sein"), "{}", page.text);
    assert!(page.text.contains("not a tag!"));
    assert_eq!(app.state.instance.get().name, "ThingData");

    set_registration(&app, "open").await;
    assert_eq!(app.state.instance.get().languages, ["en", "de", "fr"]);
    let log = audit_actions(&app, "action=settings.change").await;
    assert!(
        log.contains("settings.change") && log.contains("languages"),
        "{log}"
    );
    assert!(
        !log.contains("<code>login.success</code>"),
        "the filter narrows the list"
    );

    let (member, _) = app.user("mia", "member").await;
    let refused = app.page_as("/admin/audit", "en", Some(&member)).await;
    assert!(refused.text.contains("for administrators"));
    assert!(!refused.text.contains("<code>settings.change</code>"));
    let r = app
        .form_as(
            "/sfn/admin_settings_save",
            &[
                ("name", "Mine now"),
                ("languages", "en"),
                ("registration", "open"),
            ],
            "http://td.test/admin/settings",
            Some(&member),
        )
        .await;
    assert!(r.header("location").contains("error=forbidden"));
    assert_eq!(app.state.instance.get().name, "Repair Café Nord");
}

#[tokio::test]
async fn users_change_their_password_and_language() {
    let app = TestApp::new().await;
    let (cookie, _) = app.user("ada", "member").await;
    let change = |current: &'static str, new: &'static str| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            app.form_as(
                "/sfn/password",
                &[
                    ("current_password", current),
                    ("new_password", new),
                    ("new_password_again", new),
                ],
                "http://td.test/account",
                Some(&cookie),
            )
            .await
        }
    };
    let r = change("not my password", "a brand new password").await;
    let page = app
        .page_as(&r.header("location"), "en", Some(&cookie))
        .await;
    assert!(
        page.text.contains("not your current password"),
        "{}",
        page.text
    );
    let r = change(PW, "a brand new password").await;
    assert_eq!(r.header("location"), "/account?saved=password");
    assert!(sign_in(&app, "ada", PW)
        .await
        .header("location")
        .contains("error"));
    assert_eq!(
        sign_in(&app, "ada", "a brand new password")
            .await
            .header("location"),
        "/"
    );

    let r = app
        .form_as(
            "/sfn/preferred_language",
            &[("language", "de")],
            "http://td.test/account",
            Some(&cookie),
        )
        .await;
    assert_eq!(r.header("location"), "/account?saved=language");
    assert!(r.header("set-cookie").contains("thingdata_lang=de"));
    // Signing in elsewhere brings the preferred language along.
    let r = sign_in(&app, "ada", "a brand new password").await;
    let cookies: Vec<String> = r
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_string))
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("thingdata_lang=de")),
        "{cookies:?}"
    );
    let bad = app
        .form_as(
            "/sfn/preferred_language",
            &[("language", "xx")],
            "http://td.test/account",
            Some(&cookie),
        )
        .await;
    assert_eq!(bad.header("location"), "/account?error=language");
}

#[tokio::test]
async fn the_instance_key_is_encrypted_at_rest_and_rotates() {
    let app = TestApp::new().await;
    let dir = &app.settings.data_dir;
    let sealed = std::fs::read_to_string(dir.join("instance.key")).unwrap();
    assert!(sealed.starts_with("thingdata-sealed-v1:"), "{sealed}");
    // No 64-hex-digit plaintext key anywhere in the file.
    assert!(!sealed.split(':').any(|part| part.len() == 64));

    let (ok, out) = cli(
        &app,
        &["verify"],
        Some("a wrong secret that is long enough to try"),
        "",
    );
    assert!(!ok && out.contains("cannot decrypt"), "{out}");
    let (ok, out) = cli(&app, &["verify"], None, "");
    assert!(ok, "{out}");

    let old_secret = std::fs::read_to_string(dir.join("secret.key")).unwrap();
    let (ok, out) = cli(&app, &["keys", "rotate"], None, "");
    assert!(ok, "{out}");
    assert_ne!(
        std::fs::read_to_string(dir.join("secret.key")).unwrap(),
        old_secret
    );
    let (ok, out) = cli(&app, &["verify"], None, "");
    assert!(
        ok,
        "signatures still verify with the same instance key: {out}"
    );

    // Moving to a secret from the environment.
    let secret = "correct horse battery staple and a long tail";
    let (ok, out) = cli(
        &app,
        &["keys", "rotate", "--new-secret-stdin"],
        None,
        &format!("{secret}\n"),
    );
    assert!(ok, "{out}");
    assert!(
        !cli(&app, &["verify"], None, "").0,
        "the file key no longer opens it"
    );
    let (ok, out) = cli(&app, &["verify"], Some(secret), "");
    assert!(ok, "{out}");
    assert!(out.contains("0 problem(s)"));

    // A key file others can read is refused.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(
            dir.join("secret.key"),
            std::fs::Permissions::from_mode(0o644),
        );
        let (ok, out) = cli(&app, &["verify"], None, "");
        assert!(!ok && out.contains("chmod 600"), "{out}");
    }
    let log = audit_actions(&app, "action=keys.rotate").await;
    assert_eq!(log.matches("<code>keys.rotate</code>").count(), 2, "{log}");
    // In words first, with the code beside it.
    assert_eq!(log.matches("Replaced the instance key").count(), 2, "{log}");
}
