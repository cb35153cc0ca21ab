//! Clients that hang up while a page renders (a phone switching networks, the end of a load
//! run) must not make the server panic. Dropping a render half-way used to tear Leptos'
//! reactive owner down outside its arena: "the `sandboxed-arenas` feature is active, but no
//! Arena is active", once per dropped page.
use std::{
    sync::{
        atomic::{AtomicU64, Ordering},
        Once,
    },
    time::Duration,
};

use tokio::{io::AsyncWriteExt, net::TcpStream};

use crate::{both, helpers::*, requests::submit};

static ARENA_PANICS: AtomicU64 = AtomicU64::new(0);
static HOOK: Once = Once::new();

/// Counts the arena panics of every server task in this test binary (the message is Leptos'
/// own, so no other test's failure is counted), and keeps the default report.
fn count_arena_panics() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let payload = info.payload();
            let msg = payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_default();
            if msg.contains("Arena") {
                ARENA_PANICS.fetch_add(1, Ordering::SeqCst);
            }
            previous(info);
        }));
    });
}

/// The session cookie of a fresh sign-in, for raw connections.
async fn session_cookie(app: &TestApp, email: &str) -> String {
    let r = app.call(&client(), "sign_in", &[("email", email), ("password", PASSWORD)]).await;
    assert!(signed_in_ok(&r), "{}", r.body);
    let cookie = r.headers.get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find(|v| v.starts_with("portal_session=")).unwrap();
    cookie.split(';').next().unwrap().to_string()
}

/// Sends a GET and hangs up after `after`, before (or while) the answer comes.
async fn get_and_hang_up(base: &str, path: &str, cookie: &str, after: Duration) {
    let host = base.trim_start_matches("http://");
    let Ok(mut s) = TcpStream::connect(host).await else { return };
    let req = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nAccept: text/html\r\n\r\n");
    if s.write_all(req.as_bytes()).await.is_err() {
        return;
    }
    tokio::time::sleep(after).await;
    drop(s);
}

both!(pages_under_load_and_clients_hanging_up_cause_no_panic, |app: TestApp| async move {
    count_arena_panics();
    let user = app.signed_in("user@acme.example").await;
    let mut numbers = vec![];
    for i in 0..3 {
        numbers.push(submit(&app, &user, &format!("Printer jam {i}"), "3").await);
    }
    let cookie = session_cookie(&app, "lead@acme.example").await;
    let paths: Vec<String> =
        ["/", "/requests", "/notifications", "/training"].iter().map(|s| s.to_string()).chain(numbers.iter().map(|n| format!("/requests/{n}"))).collect();
    // Every page renders whole for a client that waits.
    let lead = app.signed_in("lead@acme.example").await;
    for path in &paths {
        assert_eq!(app.get(&lead, path).await.status(), 200, "{path}");
    }
    let before = ARENA_PANICS.load(Ordering::SeqCst);
    // Leave a dead arena behind on the worker threads all the time, as a finished render does:
    // any reactive read outside a render's own arena (Leptos sets it only while it polls the
    // render) then panics at once instead of once in a few thousand pages.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let poisoners: Vec<_> = (0..2)
        .map(|_| {
            let stop = stop.clone();
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    drop(leptos::prelude::Owner::new_root(None));
                    tokio::task::yield_now().await;
                }
            })
        })
        .collect();
    // Many renders at once, on every worker thread, some cut off by a client hanging up at
    // staggered moments, from at once to well into the render.
    for round in 0..12u64 {
        let mut tasks = vec![];
        for (i, path) in paths.iter().enumerate() {
            let after = Duration::from_micros((round * 7 + i as u64 * 3) % 40 * 250);
            let (base, cut, cookie) = (app.base.clone(), path.clone(), cookie.clone());
            tasks.push(tokio::spawn(async move { get_and_hang_up(&base, &cut, &cookie, after).await }));
            for _ in 0..3 {
                let (c, url) = (lead.clone(), format!("{}{path}", app.base));
                tasks.push(tokio::spawn(async move {
                    let _ = c.get(url).send().await.and_then(|r| r.error_for_status());
                }));
            }
        }
        for t in tasks {
            t.await.unwrap();
        }
    }
    // Renders cut off above finish (or are torn down) within a moment.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    stop.store(true, Ordering::Relaxed);
    for p in poisoners {
        p.await.unwrap();
    }
    // The server still answers, and nothing panicked.
    assert_eq!(app.get(&lead, "/requests").await.status(), 200);
    let panics = ARENA_PANICS.load(Ordering::SeqCst) - before;
    assert_eq!(panics, 0, "{panics} arena panics from pages rendered under load");
});

// A dispatch is two saved steps (triage, then assignment). A client that hangs up must not
// stop it between them: the call is driven by hand and dropped after a growing budget, and
// every request ends either untouched (dropped before it began) or assigned, never triaged
// and left unassigned. Pages and server functions run to completion in a task of their own.
both!(a_dispatch_cut_off_by_the_client_is_never_left_half_done, |first: TestApp| async move {
    use tower::ServiceExt;
    // An instance of our own, whose router the test also drives by hand.
    let url = fresh_database(first.backend).await.unwrap();
    let built = server::startup::Application::build(server::config::Config::for_tests(&url)).await.unwrap();
    let router = built.router();
    let app = TestApp { base: format!("http://127.0.0.1:{}", built.port()), backend: first.backend, db: built.state.db.clone() };
    tokio::spawn(built.run_until_stopped());
    let user = app.signed_in("user@acme.example").await;
    let desk = app.signed_in("dispatcher@provider.example").await;
    let engineer = app.user_id("engineer@provider.example").await.to_string();
    let cookie = session_cookie(&app, "dispatcher@provider.example").await;
    let mut cut_off = 0;
    let mut numbers = vec![];
    for attempt in 0..30u64 {
        let number = submit(&app, &user, &format!("Router {attempt} down"), "3").await;
        let body = format!("number={number}&engineer_id={engineer}");
        let req = axum::http::Request::post("/api/dispatch_request")
            .header("cookie", &cookie)
            .header("origin", &app.base)
            .header("host", app.base.trim_start_matches("http://"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap();
        let mut fut = Box::pin(router.clone().oneshot(req));
        match tokio::time::timeout(Duration::from_millis(1 + attempt), &mut fut).await {
            Ok(res) => assert_eq!(res.unwrap().status(), 200, "{number}"),
            Err(_) => cut_off += 1,
        }
        drop(fut);
        numbers.push(number);
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(cut_off > 0, "no dispatch was cut off: the budgets are too long for this machine");
    let mut half_done = vec![];
    for number in &numbers {
        let status = crate::requests::detail(&app, &desk, number).await.body["status"].as_str().unwrap().to_string();
        assert!(status == "new" || status == "assigned" || status == "triaged", "{number}: {status}");
        if status == "triaged" {
            half_done.push(number.clone());
        }
    }
    assert!(half_done.is_empty(), "{} of {cut_off} cut-off dispatches left triaged and unassigned: {half_done:?}", half_done.len());
});
