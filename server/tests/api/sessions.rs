//! Sessions through the real router: activity keeps a session alive past the idle time (the
//! row is rewritten at most once a minute, not on every request), idleness ends it, and a
//! request still in flight never brings back a session that sign-out just deleted.
use std::{sync::Arc, time::Duration};

use db::entity::session::{self, Entity as SessionRow};
use reqwest::{cookie::CookieStore, Client};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower_sessions::SessionStore;

use crate::{both, helpers::*, requests::submit};

/// A client whose cookies the test can read (to act as the same browser on a raw socket).
fn client_with_jar() -> (Client, Arc<reqwest::cookie::Jar>) {
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let c = Client::builder().cookie_provider(jar.clone()).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    (c, jar)
}

async fn sign_in(app: &TestApp, email: &str) -> (Client, Arc<reqwest::cookie::Jar>) {
    let (c, jar) = client_with_jar();
    let r = app.call(&c, "sign_in", &[("email", email), ("password", PASSWORD)]).await;
    assert!(signed_in_ok(&r), "sign in {email}: {} {}", r.status, r.body);
    (c, jar)
}

async fn is_signed_in(app: &TestApp, c: &Client) -> bool {
    let r = app.call(c, "current_user", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    !r.body.is_null()
}

/// The session rows of a user (data is tower-sessions' JSON with our `user_id` key).
async fn rows_of(app: &TestApp, user_id: i32) -> Vec<session::Model> {
    let all = SessionRow::find().all(&app.db.conn).await.unwrap();
    all.into_iter().filter(|m| serde_json::from_str::<serde_json::Value>(&m.data).map(|v| v["user_id"] == user_id).unwrap_or(false)).collect()
}

both!(an_active_user_stays_signed_in_past_the_idle_time_and_an_idle_one_does_not, |_app: TestApp| async move {
    // Its own app: four seconds of idleness end a session.
    let Some(app) = spawn_with(_app.backend, |c| c.session_idle = Duration::from_secs(4)).await else { return };
    let (active, _) = sign_in(&app, "user@acme.example").await;
    let (idle, _) = sign_in(&app, "lead@acme.example").await;
    let start = std::time::Instant::now();
    while start.elapsed() < Duration::from_secs(7) {
        assert!(is_signed_in(&app, &active).await, "signed out while working after {:?}", start.elapsed());
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    assert!(is_signed_in(&app, &active).await, "still signed in after 7 s of activity with a 4 s idle time");
    assert!(!is_signed_in(&app, &idle).await, "the idle session has ended");
});

both!(activity_rewrites_the_session_row_at_most_once_a_minute, |app: TestApp| async move {
    let (c, _) = sign_in(&app, "user@acme.example").await;
    let uid = app.user_id("user@acme.example").await;
    let rows = rows_of(&app, uid).await;
    assert_eq!(rows.len(), 1);
    let first = rows[0].clone();
    for _ in 0..5 {
        assert!(is_signed_in(&app, &c).await);
        assert!(app.get(&c, "/requests").await.status().is_success());
    }
    let now = rows_of(&app, uid).await;
    assert_eq!(now[0].expires_at, first.expires_at, "not rewritten by every request");
    assert_eq!(now[0].data, first.data);

    // Pretend the last write was two minutes ago: the next request pushes the expiry forward.
    let mut data: serde_json::Value = serde_json::from_str(&first.data).unwrap();
    for key in ["signed_in_at", "touched_at"] {
        if let Some(t) = data[key].as_i64() {
            data[key] = (t - 120).into();
        }
    }
    let old_expiry = first.expires_at - chrono::Duration::seconds(120);
    let mut row = first.clone().into_active_model();
    row.data = Set(data.to_string());
    row.expires_at = Set(old_expiry);
    row.update(&app.db.conn).await.unwrap();
    assert!(is_signed_in(&app, &c).await);
    let moved = rows_of(&app, uid).await[0].expires_at;
    assert!(moved > old_expiry + chrono::Duration::seconds(110), "activity pushed the expiry forward: {old_expiry} -> {moved}");
    assert!(moved >= chrono::Utc::now() + chrono::Duration::minutes(59), "a full idle time from now: {moved}");
    // And again not on the next requests.
    for _ in 0..3 {
        assert!(is_signed_in(&app, &c).await);
    }
    assert_eq!(rows_of(&app, uid).await[0].expires_at, moved);
});

both!(saving_a_deleted_session_does_not_bring_it_back, |app: TestApp| async move {
    let store = server::session_store::DbSessionStore::new(app.db.clone());
    let (c, _) = sign_in(&app, "user@acme.example").await;
    let uid = app.user_id("user@acme.example").await;
    let row = rows_of(&app, uid).await.remove(0);
    let id: tower_sessions::session::Id = row.id.parse().unwrap();
    let record = store.load(&id).await.unwrap().expect("the signed-in session");
    // Sign out, then a request that loaded the session before finishes and saves it.
    let r = app.call(&c, "sign_out", &[]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.status);
    assert!(rows_of(&app, uid).await.is_empty());
    store.save(&record).await.unwrap();
    assert!(rows_of(&app, uid).await.is_empty(), "save re-inserted a signed-out session");
    assert!(store.load(&id).await.unwrap().is_none());
    // Creating still works (sign-in and a password change cycle the id through `create`).
    let mut fresh = tower_sessions::session::Record { id: Default::default(), data: record.data.clone(), expiry_date: record.expiry_date };
    store.create(&mut fresh).await.unwrap();
    assert!(store.load(&fresh.id).await.unwrap().is_some());
    fresh.data.insert("x".into(), 1.into());
    store.save(&fresh).await.unwrap();
    assert_eq!(store.load(&fresh.id).await.unwrap().unwrap().data["x"], 1);
});

// A slow upload that loaded the session before sign-out and finishes after it.
both!(a_request_in_flight_at_sign_out_does_not_resurrect_the_session, |_app: TestApp| async move {
    // Idle time 8 s: a session untouched for 2 s is due for a touch by the next request.
    let Some(app) = spawn_with(_app.backend, |c| c.session_idle = Duration::from_secs(8)).await else { return };
    let (c, jar) = sign_in(&app, "user@acme.example").await;
    let number = submit(&app, &c, "Printer jams", "3").await;
    let uid = app.user_id("user@acme.example").await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let url: reqwest::Url = app.base.parse().unwrap();
    let cookie = jar.cookies(&url).unwrap().to_str().unwrap().to_string();

    let boundary = "XBOUNDARYX";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"note.txt\"\r\nContent-Type: text/plain\r\n\r\nhello there\r\n--{boundary}--\r\n"
    );
    let (head_part, rest) = body.split_at(40);
    let mut sock = tokio::net::TcpStream::connect(url.socket_addrs(|| None).unwrap()[0]).await.unwrap();
    let head = format!(
        "POST /requests/{number}/attachments HTTP/1.1\r\nHost: {host}\r\nOrigin: {base}\r\nCookie: {cookie}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n",
        host = url.authority(),
        base = app.base,
        len = body.len()
    );
    sock.write_all(head.as_bytes()).await.unwrap();
    sock.write_all(head_part.as_bytes()).await.unwrap();
    sock.flush().await.unwrap();
    // The handler has read the session and waits for the rest of the body.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let r = app.call(&c, "sign_out", &[]).await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.status);
    assert!(rows_of(&app, uid).await.is_empty());
    sock.write_all(rest.as_bytes()).await.unwrap();
    let mut reply = String::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), sock.read_to_string(&mut reply)).await;
    assert!(reply.starts_with("HTTP/1.1"), "{reply}");
    assert!(rows_of(&app, uid).await.is_empty(), "the in-flight request brought the session back: {}", reply.lines().next().unwrap_or(""));
    // The old cookie no longer signs anyone in.
    let again = client();
    let r = again.post(format!("{}/api/current_user", app.base)).header("origin", &app.base).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(r.text().await.unwrap(), "null");
});
