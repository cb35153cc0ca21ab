//! The outbox against a real SMTP server (aiosmtpd, which the tests start; installed by
//! scripts/setup.sh): two instances deliver each mail once, HTML mail arrives as
//! multipart/alternative with the one-click unsubscribe headers, a relay that is down is
//! retried with backoff and nothing is lost, and only a permanent refusal gives a mail up.
use std::{
    path::{Path, PathBuf},
    process::{Child, Command},
    time::Duration as StdDuration,
};

use chrono::{Duration, Utc};
use db::sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

use crate::{
    consistency::drain,
    helpers::{fresh_database, Backend},
};

/// The Python that has aiosmtpd: `PORTAL_TEST_SMTP_PYTHON` (the test command sets it, and then
/// a missing server fails the test). Unset, the test is skipped with a line saying so.
fn python() -> Option<String> {
    match std::env::var("PORTAL_TEST_SMTP_PYTHON") {
        Ok(p) => {
            let ok = Command::new(&p).args(["-c", "import aiosmtpd"]).status().is_ok_and(|s| s.success());
            assert!(ok, "PORTAL_TEST_SMTP_PYTHON={p} has no aiosmtpd: run scripts/setup.sh --test");
            Some(p)
        }
        Err(_) => {
            eprintln!("PORTAL_TEST_SMTP_PYTHON unset: SMTP test skipped");
            None
        }
    }
}

/// An aiosmtpd server that stores what it receives in a Maildir; stopped when dropped.
struct Sink {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Sink {
    async fn start(python: &str, port: u16, dir: &Path) -> Sink {
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir)
            .spawn()
            .expect("aiosmtpd starts");
        // Owned by the sink at once: stopped (killed and waited for) on every path.
        let sink = Sink { child, port, dir: dir.to_path_buf() };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return sink;
            }
            tokio::time::sleep(StdDuration::from_millis(100)).await;
        }
        panic!("aiosmtpd did not listen on {port}");
    }

    fn stop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }

    /// Every message received, as its raw text.
    fn messages(&self) -> Vec<String> {
        ["new", "cur"]
            .iter()
            .flat_map(|d| std::fs::read_dir(self.dir.join(d)).into_iter().flatten())
            .filter_map(|e| e.ok())
            .map(|e| std::fs::read_to_string(e.path()).unwrap())
            .collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.stop();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn mail_row(db: &db::Db, id: i32) -> db::entity::outbound_mail::Model {
    db::entity::outbound_mail::Entity::find_by_id(id).one(&db.conn).await.unwrap().unwrap()
}

async fn through_a_real_smtp_server(backend: Backend) {
    let Some(python) = python() else { return };
    let Some(url) = fresh_database(backend).await else { return };
    let dir = std::env::temp_dir().join(format!("portal-test-smtp-{}", uuid::Uuid::new_v4()));
    let port = free_port();
    let mut sink = Sink::start(&python, port, &dir).await;
    let one = db::connect(&url).await.unwrap();
    let two = db::connect(&url).await.unwrap();
    let relay = format!("smtp://127.0.0.1:{}", sink.port);
    let mailer = || server::mail::Mailer::new("Test Portal <portal@test.example>", Some(&relay), dir.join("unused")).unwrap();

    // Two instances, one relay: each mail once.
    const N: usize = 40;
    for i in 0..N {
        let subject = format!("Message {i}");
        let to = format!("person{i}@acme.example");
        let html = (i % 2 == 0).then_some("<p>Hello <b>there</b></p>");
        let unsubscribe = (i % 2 == 0).then_some("http://portal.test/mail/unsubscribe/abc/one-click");
        let out = db::repo::mail::Outgoing { to: &to, subject: &subject, text: "Hello there", html, unsubscribe_url: unsubscribe, not_before: None };
        db::repo::mail::enqueue_mail(&one.conn, &out, Utc::now()).await.unwrap();
    }
    let (a, b) = tokio::join!(tokio::spawn(drain(one.clone(), mailer())), tokio::spawn(drain(two.clone(), mailer())));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a + b, N, "{backend:?}");
    let got = sink.messages();
    assert_eq!(got.len(), N, "{backend:?}: the server received each mail once (workers sent {a} and {b})");
    for i in 0..N {
        let subject = format!("Subject: Message {i}\r\n");
        let same: Vec<&String> = got.iter().filter(|m| m.replace("\r\n", "\n").contains(&subject.replace("\r\n", "\n"))).collect();
        assert_eq!(same.len(), 1, "{backend:?}: message {i}");
        if i % 2 == 0 {
            let m = same[0];
            assert!(m.contains("multipart/alternative") && m.contains("text/html") && m.contains("text/plain"), "{m}");
            assert!(m.contains("List-Unsubscribe: <http://portal.test/mail/unsubscribe/abc/one-click>"), "{m}");
            assert!(m.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{m}");
        }
    }

    // The relay goes down: the mail waits, with a growing pause between attempts.
    sink.stop();
    let m = db::repo::mail::enqueue(&one.conn, "late@acme.example", "While the relay was down", "Hello", Utc::now()).await.unwrap();
    assert_eq!(drain(one.clone(), mailer()).await, 0);
    let row = mail_row(&one, m.id).await;
    assert_eq!((row.attempts, row.sent_at, row.gave_up_at), (1, None, None), "{backend:?}: counted, kept");
    assert!(row.last_error.is_some());
    let wait = row.next_attempt_at.unwrap() - Utc::now();
    assert!(wait > Duration::seconds(50) && wait <= Duration::seconds(60), "{backend:?}: a minute's backoff, {wait}");
    assert_eq!(drain(two.clone(), mailer()).await, 0, "{backend:?}: not retried before its time");
    assert_eq!(mail_row(&one, m.id).await.attempts, 1);

    // Back up, and the time has come: it goes, once.
    let sink = Sink::start(&python, port, &dir).await;
    let mut due = row.into_active_model();
    due.next_attempt_at = Set(Some(Utc::now() - Duration::seconds(1)));
    due.update(&one.conn).await.unwrap();
    assert_eq!(drain(one.clone(), mailer()).await, 1, "{backend:?}");
    assert!(sink.messages().iter().any(|m| m.contains("While the relay was down")));
    assert_eq!(sink.messages().len(), N + 1);
    assert!(mail_row(&one, m.id).await.sent_at.is_some());

    // An address no relay can take is given up at once, not retried for ever.
    let bad = db::repo::mail::enqueue(&one.conn, "not an address", "Nowhere", "Hello", Utc::now()).await.unwrap();
    assert_eq!(drain(one.clone(), mailer()).await, 0);
    let row = mail_row(&one, bad.id).await;
    assert!(row.gave_up_at.is_some() && row.sent_at.is_none(), "{backend:?}: {row:?}");
    assert_eq!(drain(two.clone(), mailer()).await, 0);
    assert_eq!(mail_row(&one, bad.id).await.attempts, 1);
    drop(sink);
    std::fs::remove_dir_all(&dir).ok();
}

mod a_real_smtp_server_gets_each_mail_once_and_a_relay_outage_loses_nothing {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn sqlite() {
        through_a_real_smtp_server(Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn postgres() {
        through_a_real_smtp_server(Backend::Postgres).await
    }
}
