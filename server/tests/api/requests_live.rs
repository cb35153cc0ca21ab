//! The live feed through the real router: changes reach the pages that may show them within
//! a second, never anyone else, and a reconnecting browser catches up from its last id.
use std::time::{Duration, Instant};

use futures::StreamExt;

use crate::{
    both,
    helpers::*,
    requests::{act, submit},
};

/// An open `/live` stream; `next_event` waits for the next event (id, kind, data).
pub struct Listener {
    stream: std::pin::Pin<Box<dyn futures::Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
    buf: String,
}

impl Listener {
    pub async fn open(app: &TestApp, client: &reqwest::Client, since: Option<i64>) -> Listener {
        let url = match since {
            Some(s) => format!("{}/live?since={s}", app.base),
            None => format!("{}/live", app.base),
        };
        let res = client.get(url).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
        Listener { stream: Box::pin(res.bytes_stream()), buf: String::new() }
    }

    pub async fn next_event(&mut self, within: Duration) -> Option<(i64, String, serde_json::Value)> {
        let deadline = Instant::now() + within;
        loop {
            while let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let (mut id, mut kind, mut data) = (0, String::new(), serde_json::Value::Null);
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        id = v.trim().parse().unwrap_or(0);
                    } else if let Some(v) = line.strip_prefix("event:") {
                        kind = v.trim().to_string();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data = serde_json::from_str(v.trim()).unwrap_or_default();
                    }
                }
                if id > 0 {
                    return Some((id, kind, data));
                }
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            match tokio::time::timeout(left, self.stream.next()).await {
                Ok(Some(Ok(chunk))) => self.buf.push_str(&String::from_utf8_lossy(&chunk)),
                _ => return None,
            }
        }
    }
}

both!(changes_reach_open_pages_within_a_second_and_only_theirs, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let outsider = app.signed_in("user@globex.example").await;
    let staff = app.signed_in("dispatcher@provider.example").await;
    let number = submit(&app, &user, "Firewall drops VPN", "2").await;
    let id = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap().id;

    let mut mine = Listener::open(&app, &user, None).await;
    let mut theirs = Listener::open(&app, &outsider, None).await;
    let mut desk = Listener::open(&app, &staff, None).await;
    tokio::time::sleep(Duration::from_millis(200)).await;

    let sent = Instant::now();
    assert_eq!(act(&app, &staff, &number, "triage", &[]).await.status, 200);
    let (_, kind, data) = mine.next_event(Duration::from_secs(1)).await.expect("the requester hears within a second");
    assert!(kind == "request" || kind == "notification", "{kind}");
    let mut got_request = kind == "request" && data["request_id"] == id;
    while !got_request {
        let (_, kind, data) = mine.next_event(Duration::from_secs(1)).await.expect("request event");
        got_request = kind == "request" && data["request_id"] == id;
    }
    assert!(sent.elapsed() < Duration::from_secs(1), "took {:?}", sent.elapsed());
    assert!(desk.next_event(Duration::from_secs(1)).await.is_some(), "staff lists hear it too");
    assert!(theirs.next_event(Duration::from_millis(700)).await.is_none(), "another organization hears nothing");
    assert!(Listener::open_unauthenticated(&app).await, "no stream without signing in");
});

both!(a_reconnecting_browser_catches_up_from_its_last_id, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let staff = app.signed_in("dispatcher@provider.example").await;
    let number = submit(&app, &user, "Switch port flapping", "3").await;
    let since = db::repo::live_events::last_id(&app.db.conn).await.unwrap() as i64;
    // While the customer's phone is offline, two things happen.
    act(&app, &staff, &number, "triage", &[]).await;
    app.call(&staff, "reply_request", &[("number", &number), ("body", "Replacing the cable.")]).await;
    let mut back = Listener::open(&app, &user, Some(since)).await;
    let mut ids = vec![];
    while let Some((id, _, _)) = back.next_event(Duration::from_millis(800)).await {
        ids.push(id);
    }
    assert!(ids.len() >= 2, "missed events are replayed: {ids:?}");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "in order, once each: {ids:?}");
    assert!(ids[0] > since);
});

impl Listener {
    async fn open_unauthenticated(app: &TestApp) -> bool {
        client().get(format!("{}/live", app.base)).send().await.unwrap().status() == 401
    }
}

/// Two instances behind one PostgreSQL: a change made through one reaches a browser
/// connected to the other (LISTEN/NOTIFY wakes the other instance's pump).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_on_one_instance_reaches_listeners_of_another() {
    let Some(url) = fresh_database(Backend::Postgres).await else { return };
    let start = |url: String| async move {
        let app = server::startup::Application::build(server::config::Config::for_tests(&url)).await.unwrap();
        let base = format!("http://127.0.0.1:{}", app.port());
        let db = app.state.db.clone();
        tokio::spawn(app.run_until_stopped());
        TestApp { base, backend: Backend::Postgres, db }
    };
    let a = start(url.clone()).await;
    let b = start(url).await;
    let user_on_b = b.signed_in("user@acme.example").await;
    let number = submit(&b, &user_on_b, "Core switch down", "1").await;
    let mut listener = Listener::open(&b, &user_on_b, None).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let staff_on_a = a.signed_in("dispatcher@provider.example").await;
    let sent = Instant::now();
    assert_eq!(act(&a, &staff_on_a, &number, "triage", &[]).await.status, 200);
    let got = listener.next_event(Duration::from_secs(1)).await;
    assert!(got.is_some(), "instance B's listener heard instance A's change");
    assert!(sent.elapsed() < Duration::from_secs(1), "took {:?}", sent.elapsed());
}
