//! The app under test on its own runtime, the panics of its threads, and calls.
use super::*;

pub(super) static PANICS: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

pub(super) fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current().name().unwrap_or("").to_string();
            if thread.starts_with("matrix-app-") {
                let payload = info.payload();
                let msg = payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_default();
                let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
                if let Ok(mut p) = PANICS.lock() {
                    p.push((thread, format!("{msg} (at {at})")));
                }
            }
            previous(info);
        }));
    });
}

pub(super) fn panics_of(prefix: &str) -> Vec<String> {
    PANICS.lock().map(|p| p.iter().filter(|(t, _)| t.starts_with(prefix)).map(|(_, m)| m.clone()).collect()).unwrap_or_default()
}

/// Stack size of the app's threads. A debug build's futures are large: the default 2 MiB
/// overflowed while the matrix rendered pages.
pub(super) const APP_STACK: usize = 8 << 20;

/// Starts the app on a fresh database, on a runtime of its own (threads named `prefix`).
/// Sign-in limits are lifted: the tests sign in far more often than a person would.
pub(super) async fn start(backend: Backend, label: &str) -> Option<(TestApp, String)> {
    install_panic_hook();
    let url = fresh_database(backend).await?;
    let mut config = Config::for_tests(&url);
    config.signin_per_account = 1_000_000;
    config.signin_per_address = 1_000_000;
    let prefix = format!("matrix-app-{label}-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    let (tx, rx) = std::sync::mpsc::channel();
    let name = prefix.clone();
    std::thread::Builder::new()
        .name(name.clone())
        .stack_size(APP_STACK)
        .spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_stack_size(APP_STACK)
                .thread_name(name)
                .enable_all()
                .build()
                .expect("a runtime for the app");
            rt.block_on(async move {
                let app = Application::build(config).await.expect("app builds");
                tx.send((app.port(), app.state.db.clone())).expect("the test waits");
                let _ = app.run_until_stopped().await;
            });
        })
        .expect("the app's thread");
    let (port, db) = tokio::task::spawn_blocking(move || rx.recv().expect("the app started")).await.unwrap();
    Some((TestApp { base: format!("http://127.0.0.1:{port}"), backend, db }, prefix))
}

pub(super) fn new_client() -> Client {
    Client::builder().cookie_store(true).redirect(Policy::none()).timeout(StdDuration::from_secs(120)).build().unwrap()
}

pub(super) async fn sign_in(app: &TestApp, email: &str) -> Client {
    let c = new_client();
    let r = app.call(&c, "sign_in", &[("email", email), ("password", PASSWORD)]).await;
    assert!(signed_in_ok(&r), "sign in {email}: {} {}", r.status, r.body);
    c
}

/// One answer, or why there was none (a panicking handler drops the connection).
pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) body: String,
    pub(super) location: String,
}

pub(super) async fn send(req: reqwest::RequestBuilder) -> Result<Answer, String> {
    // A request that never reached the server (a pooled connection closed as it was reused,
    // or no local port free for a moment under ~30k calls) is sent once more: that is the
    // client's side, not an answer of the portal. Panics are caught by the hook, not by this.
    let again = req.try_clone();
    let res = match req.send().await {
        Ok(res) => res,
        Err(e) if e.is_connect() || e.is_request() => match again {
            Some(again) => {
                tokio::time::sleep(StdDuration::from_millis(50)).await;
                again.send().await.map_err(|e2| format!("no answer: {e}; sent again: {e2}"))?
            }
            None => return Err(format!("no answer: {e}")),
        },
        Err(e) => return Err(format!("no answer: {e}")),
    };
    let status = res.status().as_u16();
    let location = res.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or("").to_string();
    if res.headers().get("content-type").is_some_and(|t| t.to_str().unwrap_or("").starts_with("text/event-stream")) {
        return Ok(Answer { status, body: String::new(), location });
    }
    let body = res.text().await.map_err(|e| format!("answer cut off ({status}): {e}"))?;
    Ok(Answer { status, body, location })
}

pub(super) async fn post_fn(app: &TestApp, c: &Client, f: &str, content_type: &str, body: Vec<u8>) -> Result<Answer, String> {
    send(c.post(format!("{}/api/{f}", app.base)).header("origin", &app.base).header("content-type", content_type).body(body)).await
}

pub(super) const FORM: &str = "application/x-www-form-urlencoded";
pub(super) const JSON: &str = "application/json";

/// Percent-encodes every byte but the unreserved ones, as a form does.
pub(super) fn enc(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len());
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(b) {
            s.push(*b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

pub(super) fn form_body(pairs: &[(String, Vec<u8>)]) -> Vec<u8> {
    pairs.iter().map(|(k, v)| format!("{}={}", enc(k.as_bytes()), enc(v))).collect::<Vec<_>>().join("&").into_bytes()
}
