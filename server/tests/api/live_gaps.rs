//! The live feed is complete and follows the caller's rights. On PostgreSQL an event's id is
//! assigned at insert, not at commit, so an event may commit after one with a higher id: it
//! still reaches open streams and reconnecting browsers, once. And an open stream ends when
//! its session ends (sign-out, deactivation) or the user's role changes, without delivering
//! anything more.
use std::time::{Duration, Instant};

use futures::StreamExt;
use sea_orm::TransactionTrait;

use crate::{
    both,
    helpers::*,
    requests::{act, submit},
};

/// An open `/live` stream that tells a quiet stream from an ended one.
struct Sse {
    stream: std::pin::Pin<Box<dyn futures::Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
    buf: String,
}

#[derive(Debug, PartialEq)]
enum Next {
    Event(i64, String),
    Quiet,
    Ended,
}

impl Sse {
    async fn open(app: &TestApp, client: &reqwest::Client, since: Option<i64>, last_event_id: Option<i64>) -> Sse {
        let url = match since {
            Some(s) => format!("{}/live?since={s}", app.base),
            None => format!("{}/live", app.base),
        };
        let mut req = client.get(url);
        if let Some(id) = last_event_id {
            req = req.header("last-event-id", id.to_string());
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 200);
        Sse { stream: Box::pin(res.bytes_stream()), buf: String::new() }
    }

    async fn next(&mut self, within: Duration) -> Next {
        let deadline = Instant::now() + within;
        loop {
            while let Some(end) = self.buf.find("\n\n") {
                let block: String = self.buf.drain(..end + 2).collect();
                let (mut id, mut kind) = (0, String::new());
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        id = v.trim().parse().unwrap_or(0);
                    } else if let Some(v) = line.strip_prefix("event:") {
                        kind = v.trim().to_string();
                    }
                }
                if id > 0 {
                    return Next::Event(id, kind);
                }
            }
            let Some(left) = deadline.checked_duration_since(Instant::now()) else { return Next::Quiet };
            match tokio::time::timeout(left, self.stream.next()).await {
                Ok(Some(Ok(chunk))) => self.buf.push_str(&String::from_utf8_lossy(&chunk)),
                Ok(_) => return Next::Ended,
                Err(_) => return Next::Quiet,
            }
        }
    }

    /// Every event id within `within` (stops early when the stream ends).
    async fn ids(&mut self, within: Duration) -> Vec<i64> {
        let deadline = Instant::now() + within;
        let mut ids = vec![];
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next(left).await {
                Next::Event(id, _) => ids.push(id),
                _ => return ids,
            }
        }
    }
}

fn note_for(user_id: i32) -> db::repo::live_events::Audience {
    db::repo::live_events::Audience { request_id: None, organization_id: None, requester_id: None, user_id: Some(user_id) }
}

both!(an_event_that_commits_after_a_later_one_is_still_delivered, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let uid = app.user_id("user@acme.example").await;
    let mut open = Sse::open(&app, &user, None, None).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    // Event A gets its id first but commits last (on SQLite writers are serialised, so there
    // A simply commits first: the same code must deliver both).
    let (a, b) = if app.backend == Backend::Postgres {
        let tx = app.db.conn.begin().await.unwrap();
        let a = db::repo::live_events::insert(&tx, domain::live::LiveKind::Notification, note_for(uid)).await.unwrap().id as i64;
        let b = db::repo::live_events::insert(&app.db.conn, domain::live::LiveKind::Notification, note_for(uid)).await.unwrap().id as i64;
        assert!(b > a);
        assert_eq!(open.next(Duration::from_secs(3)).await, Next::Event(b, "notification".into()), "the later event arrives first");
        tokio::time::sleep(Duration::from_millis(300)).await;
        tx.commit().await.unwrap();
        (a, b)
    } else {
        let a = db::repo::live_events::insert(&app.db.conn, domain::live::LiveKind::Notification, note_for(uid)).await.unwrap().id as i64;
        let b = db::repo::live_events::insert(&app.db.conn, domain::live::LiveKind::Notification, note_for(uid)).await.unwrap().id as i64;
        (a, b)
    };
    // A browser that had seen B (and so resumes from B) reconnects after A committed.
    let mut got = open.ids(Duration::from_secs(4)).await;
    got.retain(|&id| id != b);
    assert_eq!(got, vec![a], "the late event reaches the open stream, once");

    // (On SQLite A committed first, so a browser that saw B saw A: it resumes from before A.)
    let resume = if app.backend == Backend::Postgres { b } else { a - 1 };
    for (since, header) in [(Some(resume), None), (None, Some(resume))] {
        let mut back = Sse::open(&app, &user, since, header).await;
        let ids = back.ids(Duration::from_millis(1500)).await;
        assert!(ids.contains(&a), "a browser resuming from {resume} hears of {a}: {ids:?}");
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "once each: {ids:?}");
    }
});

enum Cut {
    SignOut,
    Deactivate,
}

/// The longest an open stream may go on trusting its last check of the caller's rights.
const CHECK_CACHE: Duration = Duration::from_millis(2500);

/// Opens the customer's stream on one of their requests, then takes the right away; a change
/// to the request must not be delivered, and the stream must end within seconds.
async fn stream_ends_when(app: &TestApp, cut: Cut) {
    let customer = app.signed_in("user@acme.example").await;
    let staff = app.signed_in("dispatcher@provider.example").await;
    let admin = app.signed_in("admin@provider.example").await;
    let number = submit(app, &customer, "Server room too warm", "3").await;
    let mut s = Sse::open(app, &customer, None, None).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The stream works: the customer hears of a change to their request.
    assert_eq!(act(app, &staff, &number, "triage", &[]).await.status, 200);
    assert!(matches!(s.next(Duration::from_secs(2)).await, Next::Event(..)), "delivered before the cut");
    while let Next::Event(..) = s.next(Duration::from_millis(300)).await {}
    let cut_at = Instant::now();
    match cut {
        Cut::SignOut => {
            let r = app.call(&customer, "sign_out", &[]).await;
            assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.status);
        }
        Cut::Deactivate => {
            let uid = app.user_id("user@acme.example").await.to_string();
            let r = app.call(&admin, "set_user_active", &[("user_id", &uid), ("active", "false")]).await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
    }
    // Past the time a check may be trusted (the stream may already have ended: fine).
    tokio::time::sleep(CHECK_CACHE).await;
    app.call(&staff, "reply_request", &[("number", &number), ("body", "On our way.")]).await;
    expect_end(&mut s, cut_at).await;
}

async fn expect_end(s: &mut Sse, cut_at: Instant) {
    match s.next(Duration::from_secs(6).saturating_sub(cut_at.elapsed())).await {
        Next::Event(id, kind) => panic!("delivered after the right was gone: {id} {kind}"),
        Next::Quiet => panic!("the stream is still open {:?} after the cut", cut_at.elapsed()),
        Next::Ended => {}
    }
    assert!(cut_at.elapsed() < Duration::from_secs(6));
}

both!(an_open_stream_ends_at_sign_out, |app: TestApp| async move {
    stream_ends_when(&app, Cut::SignOut).await;
});

both!(an_open_stream_ends_when_the_user_is_deactivated, |app: TestApp| async move {
    stream_ends_when(&app, Cut::Deactivate).await;
});

both!(an_open_stream_ends_when_the_role_changes, |app: TestApp| async move {
    let customer = app.signed_in("user@acme.example").await;
    let uid = app.user_id("user@acme.example").await;
    let admin = app.signed_in("admin@provider.example").await;
    let mut s = Sse::open(&app, &customer, None, None).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let r = app.call(&admin, "set_user_role", &[("user_id", &uid.to_string()), ("role", "site_manager")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let changed = Instant::now();
    tokio::time::sleep(CHECK_CACHE).await;
    // An event the customer could hear before: it must not arrive on the stream opened under
    // the old role (the browser reconnects and gets the new role's view).
    db::repo::live_events::insert(&app.db.conn, domain::live::LiveKind::Notification, note_for(uid)).await.unwrap();
    expect_end(&mut s, changed).await;
    // The browser reconnects with its new rights.
    assert!(app.call(&customer, "current_user", &[]).await.body["role"] == "site_manager");
    let _ = Sse::open(&app, &customer, None, None).await;
});
