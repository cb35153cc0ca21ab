//! Starting the app on a fresh database and talking to it like a browser would.
use std::future::Future;

use reqwest::{redirect::Policy, Client, StatusCode};
use serde_json::Value;
use server::{config::Config, startup::Application};

pub const PASSWORD: &str = db::seed::DEMO_PASSWORD;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Lifts this process's limit of open files to the hard limit, once. Each test's runtime
/// leaves a few descriptors behind for as long as the binary runs (its epoll and wakers, held
/// by the app's background tasks), and some 200 tests outgrow a soft limit of 1,024 (the
/// default of many machines, CI's among them), so the last tests failed there and not here.
fn allow_open_files() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: getrlimit/setrlimit only read and write the struct passed to them.
        unsafe {
            let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max {
                limit.rlim_cur = limit.rlim_max;
                libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
            }
        }
    });
}

/// A new, empty database for one test; `None` when PostgreSQL is not configured.
pub async fn fresh_database(backend: Backend) -> Option<String> {
    allow_open_files();
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(format!("portal-test-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&dir).unwrap();
            Some(format!("sqlite://{}?mode=rwc", dir.join("test.db").display()))
        }
        Backend::Postgres => {
            let Ok(admin_url) = std::env::var("PORTAL_TEST_PG_URL") else {
                if std::env::var("PORTAL_REQUIRE_PG").as_deref() == Ok("1") {
                    panic!("PORTAL_REQUIRE_PG=1 but PORTAL_TEST_PG_URL is not set");
                }
                eprintln!("PostgreSQL test skipped: PORTAL_TEST_PG_URL is not set (scripts/test.sh sets it)");
                return None;
            };
            use sea_orm::{ConnectionTrait, Database};
            let name = format!("portal_test_{}", uuid::Uuid::new_v4().simple());
            let admin = Database::connect(&admin_url).await.expect("connect to the PostgreSQL test cluster");
            admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
            admin.close().await.ok();
            let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap();
            Some(format!("{base}/{name}"))
        }
    }
}

pub struct TestApp {
    pub base: String,
    pub backend: Backend,
    pub db: db::Db,
}

pub async fn spawn(backend: Backend) -> Option<TestApp> {
    spawn_with(backend, |_| {}).await
}

pub async fn spawn_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> Option<TestApp> {
    let url = fresh_database(backend).await?;
    let mut config = Config::for_tests(&url);
    tweak(&mut config);
    let app = Application::build(config).await.expect("app builds");
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());
    Some(TestApp { base, backend, db })
}

/// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
pub fn client() -> Client {
    Client::builder().cookie_store(true).redirect(Policy::none()).build().unwrap()
}

pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
    pub headers: reqwest::header::HeaderMap,
}

impl TestApp {
    /// Calls a server function the way the hydrated app does (form-encoded POST).
    pub async fn call(&self, client: &Client, name: &str, form: &[(&str, &str)]) -> Reply {
        let res = client.post(format!("{}/api/{name}", self.base)).header("origin", &self.base).form(form).send().await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply { status, body, headers }
    }

    /// A page load. A render that never answers fails the test with the page's path after a
    /// minute instead of stalling the run: one PostgreSQL page render hung twice in full runs
    /// (every runtime idle, no query in flight) and passed in seconds when run again.
    pub async fn get(&self, client: &Client, path: &str) -> reqwest::Response {
        let load = client.get(format!("{}{path}", self.base)).send();
        match tokio::time::timeout(std::time::Duration::from_secs(60), load).await {
            Ok(res) => res.unwrap(),
            Err(_) => panic!("GET {path} had no answer after 60 s"),
        }
    }

    /// A new client signed in as `email` (demo password unless given).
    pub async fn signed_in(&self, email: &str) -> Client {
        let c = client();
        let r = self.call(&c, "sign_in", &[("email", email), ("password", PASSWORD)]).await;
        assert!(signed_in_ok(&r), "sign in {email}: {} {}", r.status, r.body);
        c
    }

    /// The id of an organization by name (through the admin API).
    pub async fn org_id(&self, name: &str) -> i32 {
        let admin = self.signed_in("admin@provider.example").await;
        let orgs = self.call(&admin, "list_organizations", &[]).await.body;
        orgs.as_array().unwrap().iter().find(|o| o["name"] == name).unwrap()["id"].as_i64().unwrap() as i32
    }

    pub async fn user_id(&self, email: &str) -> i32 {
        db::repo::users::find_by_email(&self.db.conn, email).await.unwrap().unwrap().id
    }
}

/// A successful sign-in through the JS client: 200 and where to go next.
pub fn signed_in_ok(r: &Reply) -> bool {
    r.status == 200 && r.headers.contains_key("location")
}

/// The field codes of an `Invalid` error body: [(field, code)].
pub fn field_codes(body: &Value) -> Vec<(String, String)> {
    body["Invalid"]
        .as_array()
        .map(|list| list.iter().map(|e| (e["field"].as_str().unwrap().to_string(), e["code"]["code"].as_str().unwrap().to_string())).collect())
        .unwrap_or_default()
}

/// Runs a test body once per backend: `sqlite` and `postgres` variants of each test.
#[macro_export]
macro_rules! both {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::helpers::run($crate::helpers::Backend::Sqlite, $body).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::helpers::run($crate::helpers::Backend::Postgres, $body).await
            }
        }
    };
}

pub async fn run<F, Fut>(backend: Backend, body: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    if let Some(app) = spawn(backend).await {
        body(app).await
    }
}

impl TestApp {
    /// Calls a server function that takes JSON (those with a list of pairs, like survey answers).
    pub async fn call_json(&self, client: &Client, name: &str, body: &Value) -> Reply {
        let res = client.post(format!("{}/api/{name}", self.base)).header("origin", &self.base).json(body).send().await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply { status, body, headers }
    }
}
