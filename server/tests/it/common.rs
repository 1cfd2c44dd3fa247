//! Test helper: the real router over a real database — a fresh SQLite file, or a fresh
//! PostgreSQL database when TEST_DATABASE_URL points at a server.

use app::state::AppState;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use server::config::Settings;
use std::sync::Arc;
use tower::ServiceExt;

pub struct TestApp {
    /// A signed-in admin's session cookie and API token, used by default.
    pub cookie: String,
    pub token: String,
    pub router: Router,
    pub state: AppState,
    pub settings: Settings,
    _dir: tempfile::TempDir,
    /// Last, so the instance lets go of the database before it is dropped.
    _db: Option<Arc<TestDatabase>>,
}

/// A PostgreSQL database made for one test, dropped when the last node using it goes,
/// so repeated runs do not fill the disk.
pub struct TestDatabase {
    admin_url: String,
    name: String,
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        // Its own thread and runtime: this runs inside the test's runtime, which cannot block on itself.
        let dropped = std::thread::spawn(move || {
            use sqlx::Executor;
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            rt.block_on(async {
                let mut conn =
                    <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url).await?;
                conn.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str())
                    .await
                    .map(|_| ())
            })
            .map_err(|e| e.to_string())
        })
        .join();
        if let Ok(Err(e)) = dropped {
            eprintln!("could not drop test database {}: {e}", self.name);
        }
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }
}

async fn fresh_postgres(admin_url: &str) -> (String, Arc<TestDatabase>) {
    use sqlx::Executor;
    sqlx::any::install_default_drivers();
    let name = format!("td_test_{}", uuid::Uuid::now_v7().simple());
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(admin_url)
        .await
        .unwrap_or_else(|e| panic!("cannot reach TEST_DATABASE_URL: {e}"));
    conn.execute(format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap_or_else(|e| panic!("cannot create test database: {e}"));
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(admin_url);
    let url = format!("{base}/{name}");
    let db = TestDatabase {
        admin_url: admin_url.to_string(),
        name,
    };
    (url, Arc::new(db))
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with(|_| {}).await
    }

    /// A fresh instance with adjusted settings (limits, proxy, …) and its admin.
    pub async fn with(adjust: impl FnOnce(&mut Settings)) -> Self {
        let mut app = Self::without_users(adjust).await;
        let (cookie, token) = app.user("admin", "admin").await;
        app.cookie = cookie;
        app.token = token;
        app
    }

    /// A fresh instance on its first start: nobody has an account yet.
    pub async fn without_users(adjust: impl FnOnce(&mut Settings)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let (database_url, db) = match std::env::var("TEST_DATABASE_URL") {
            Ok(url) if !url.is_empty() => {
                let (url, db) = fresh_postgres(&url).await;
                (Some(url), Some(db))
            }
            _ => (None, None),
        };
        let settings = Settings {
            bind: "127.0.0.1:0".into(),
            database_url,
            data_dir: dir.path().to_path_buf(),
            public_url: Some("http://td.test".into()),
            site_root: dir.path().join("site"),
            secret_key: None,
            limits: Default::default(),
            trust_proxy: false,
            tls: None,
            media: Default::default(),
        };
        let mut settings = settings;
        adjust(&mut settings);
        let state = server::app_state(&settings).await.unwrap();
        Self {
            cookie: String::new(),
            token: String::new(),
            router: server::router::build(state.clone()),
            state,
            settings,
            _dir: dir,
            _db: db,
        }
    }

    /// Stops this instance (its search indexer lets go of the index) and starts it
    /// again on the same data directory and database, keeping the admin's credentials.
    pub async fn restart(self) -> Self {
        self.state.search.shutdown().await;
        self.state.federation_worker.shutdown().await;
        let TestApp {
            cookie,
            token,
            settings,
            _dir,
            _db,
            ..
        } = self;
        let state = server::app_state(&settings).await.unwrap();
        Self {
            cookie,
            token,
            router: server::router::build(state.clone()),
            state,
            settings,
            _dir,
            _db,
        }
    }

    /// A second app node on the same database, with its own data directory (and so its
    /// own search index) and the same instance keys, as an operator would run it.
    pub async fn second_node(&self) -> Self {
        let dir = tempfile::tempdir().unwrap();
        for f in [server::KEY_FILE, service::secrets::SECRET_FILE] {
            let from = self.settings.data_dir.join(f);
            if from.exists() {
                std::fs::copy(&from, dir.path().join(f)).unwrap();
            }
        }
        let mut settings = self.settings.clone();
        settings.database_url = Some(self.settings.database_url());
        settings.data_dir = dir.path().to_path_buf();
        let state = server::app_state(&settings).await.unwrap();
        Self {
            cookie: self.cookie.clone(),
            token: self.token.clone(),
            router: server::router::build(state.clone()),
            state,
            settings,
            _dir: dir,
            _db: self._db.clone(),
        }
    }

    /// Waits until the search index has caught up with every revision so far.
    pub async fn indexed(&self) {
        let head = self.state.knowledge.log_head().await.unwrap();
        for _ in 0..200 {
            let s = self.state.search.status();
            if s.cursor >= head && !s.rebuilding {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!(
            "search index did not catch up with revision {head}: {:?}",
            self.state.search.status()
        );
    }

    /// Creates a user with `role` and returns (session cookie, API token) for them.
    pub async fn user(&self, name: &str, role: &str) -> (String, String) {
        let password = "test password 123";
        self.state
            .accounts
            .create_user(name, &format!("{name}@example.org"), password, role)
            .await
            .unwrap();
        let token = self
            .state
            .accounts
            .create_token(name, "tests")
            .await
            .unwrap();
        let referer = format!("{}/login", self.settings.public_url());
        let r = self
            .form_as(
                "/sfn/login",
                &[("username", name), ("password", password)],
                &referer,
                None,
            )
            .await;
        let cookie = session_cookie(&r).unwrap_or_else(|| panic!("no session cookie for {name}"));
        (cookie, token)
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .unwrap_or_else(|e| match e {});
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes())
            .unwrap();
        Reply {
            status,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    /// An API call as the admin, unless `headers` name their own `authorization`.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let bearer = format!("Bearer {}", self.token);
        let mut all: Vec<(&str, &str)> = headers.to_vec();
        if !headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        {
            all.push(("authorization", &bearer));
        }
        self.call_as(method, path, body, &all).await
    }

    /// An API call with exactly these headers (anonymous without `authorization`).
    pub async fn call_as(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut b = Request::builder().method(method).uri(path);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let req = match body {
            Some(v) => b
                .header("content-type", "application/json")
                .body(Body::from(v.to_string())),
            None => b.body(Body::empty()),
        }
        .unwrap();
        self.send(req).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None, &[]).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.call(Method::POST, path, Some(body), &[]).await
    }

    pub async fn page(&self, path: &str, lang: &str) -> Reply {
        self.page_as(path, lang, None).await
    }

    pub async fn page_as(&self, path: &str, lang: &str, cookie: Option<&str>) -> Reply {
        let req = Request::builder()
            .uri(path)
            .header("accept", "text/html")
            .header("accept-language", lang)
            .header("cookie", cookie.unwrap_or(""))
            .body(Body::empty())
            .unwrap();
        self.send(req).await
    }

    /// Posts a form the way a browser without JavaScript does.
    /// As the signed-in admin.
    pub async fn form(&self, path: &str, fields: &[(&str, &str)], referer: &str) -> Reply {
        self.form_as(path, fields, referer, Some(&self.cookie))
            .await
    }

    /// The same, carrying a cookie header (a signed-in browser).
    pub async fn form_as(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        referer: &str,
        cookie: Option<&str>,
    ) -> Reply {
        let body: String = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields.iter())
            .finish();
        let req = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", referer)
            .header("cookie", cookie.unwrap_or(""))
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }
}

/// `name=value` of the session cookie a response sets.
pub fn session_cookie(r: &Reply) -> Option<String> {
    r.headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("thingdata_session="))
        .map(|c| c.split(';').next().unwrap_or("").to_string())
}

pub fn thing(name: &str) -> Value {
    serde_json::json!({
        "type": "device",
        "name": {"default": name, "translations": {"de": format!("{name} (de)")}},
        "manufacturer": {"name": "ACME", "website": "https://acme.example"},
        "properties": {"materials": ["steel", "abs plastic"]}
    })
}

/// An instance served on its own loopback port, as peers reach it: federation tests
/// run several of these, each with its own database. `allow_private_peers` is on, as
/// loopback peers need.
pub struct Node {
    pub app: TestApp,
    pub url: String,
    port: u16,
    server: Option<tokio::task::JoinHandle<()>>,
}

impl Node {
    pub async fn start(name: &str) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().map(|a| a.port()).unwrap();
        let url = format!("http://127.0.0.1:{port}");
        let u = url.clone();
        let app = TestApp::with(move |s| s.public_url = Some(u)).await;
        let mut settings = app.state.instance.get();
        settings.name = name.to_string();
        settings.allow_private_peers = true;
        app.state
            .instance
            .save(settings, "tests", "")
            .await
            .unwrap();
        let mut node = Self {
            app,
            url,
            port,
            server: None,
        };
        node.serve(listener);
        node
    }

    fn serve(&mut self, listener: tokio::net::TcpListener) {
        let router = self
            .app
            .router
            .clone()
            .into_make_service_with_connect_info::<server::guard::PeerAddr>();
        self.server = Some(tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        }));
    }

    /// Stops serving at once, as a killed process would (deliveries in flight fail).
    pub async fn kill(&mut self) {
        if let Some(s) = self.server.take() {
            s.abort();
            let _ = s.await;
        }
        self.app.state.federation_worker.shutdown().await;
    }

    /// Starts again on the same port, data directory and database.
    pub async fn restart(mut self) -> Self {
        self.kill().await;
        self.app.state.search.shutdown().await;
        let Node { app, url, port, .. } = self;
        let app = app.restart().await;
        let mut listener = None;
        for _ in 0..50 {
            match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
                Ok(l) => {
                    listener = Some(l);
                    break;
                }
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
            }
        }
        let mut node = Node {
            app,
            url,
            port,
            server: None,
        };
        node.serve(listener.unwrap_or_else(|| panic!("port {port} stayed busy")));
        node
    }
}

/// The category taxonomy every instance seeds at first start.
pub fn taxonomy_seed() -> Value {
    serde_json::from_str(include_str!(
        "../../../crates/service/data/taxonomy-seed.json"
    ))
    .expect("the shipped seed is JSON")
}

/// Runs the real `thingdata` binary on the app's database and data directory: (success,
/// standard output and error).
pub fn cli(app: &TestApp, args: &[&str], secret: Option<&str>, stdin: &str) -> (bool, String) {
    use std::io::Write;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_thingdata"));
    cmd.args(args)
        .env("DATABASE_URL", app.settings.database_url())
        .env("THINGDATA_DATA_DIR", &app.settings.data_dir)
        .env("RUST_LOG", "error")
        .env_remove("THINGDATA_SECRET_KEY")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    if let Some(s) = secret {
        cmd.env("THINGDATA_SECRET_KEY", s);
    }
    let mut child = cmd.spawn().unwrap();
    if let Some(mut i) = child.stdin.take() {
        let _ = i.write_all(stdin.as_bytes());
    }
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}
