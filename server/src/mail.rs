//! Delivers the outbox (`outbound_mail`) with lettre: over SMTP when `PORTAL_SMTP_URL` is set
//! (e.g. `smtps://user:pass@smtp.example.com`), otherwise as `.eml` files in the mail
//! directory (demo, tests, or a relay that picks files up). Each run claims the messages it
//! sends first (`db::repo::mail::claim`), so several instances on one database send each
//! message once; a claim left by an instance that died expires and the message is retried. A
//! message is marked sent only after the transport accepted it. A relay that is down (or says
//! "try later") is retried with a doubling wait (`db::repo::mail::backoff_secs`) for as long
//! as it is down; only a permanent refusal (a bad address, a 5xx answer) gives a message up.
use std::{path::PathBuf, time::Duration};

use chrono::Utc;
use lettre::{
    message::{
        header::{ContentType, HeaderName, HeaderValue},
        Mailbox, MultiPart,
    },
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

#[derive(Clone)]
pub struct Mailer {
    pub from: Mailbox,
    pub transport: Transport,
}

impl Mailer {
    pub fn new(from: &str, smtp_url: Option<&str>, dir: PathBuf) -> Result<Mailer, String> {
        let from: Mailbox = from.parse().map_err(|e| format!("PORTAL_MAIL_FROM={from}: {e}"))?;
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map_err(|e| format!("PORTAL_SMTP_URL: {e}"))?.build()),
            None => Transport::Files(dir),
        };
        Ok(Mailer { from, transport })
    }

    async fn send(&self, m: &db::entity::outbound_mail::Model) -> Result<(), Failure> {
        let to: Mailbox = m.to_address.parse().map_err(|e| Failure::permanent(format!("bad address: {e}")))?;
        let mut builder = Message::builder().from(self.from.clone()).to(to).subject(m.subject.clone());
        if let Some(url) = &m.unsubscribe_url {
            // RFC 8058: mail clients show "unsubscribe" and POST to the address without asking.
            builder = builder
                .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{url}>")))
                .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click".into()));
        }
        let message = match &m.html_body {
            Some(html) => builder.multipart(MultiPart::alternative_plain_html(m.body.clone(), html.clone())),
            None => builder.header(ContentType::TEXT_PLAIN).body(m.body.clone()),
        }
        .map_err(|e| Failure::permanent(e.to_string()))?;
        match &self.transport {
            Transport::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| Failure { permanent: e.is_permanent(), error: e.to_string() }),
            Transport::Files(dir) => {
                tokio::fs::create_dir_all(dir).await.map_err(|e| Failure::transient(e.to_string()))?;
                AsyncFileTransport::<Tokio1Executor>::new(dir).send(message).await.map(|_| ()).map_err(|e| Failure::transient(e.to_string()))
            }
        }
    }
}

/// Why a message did not go, and whether trying again could help.
#[derive(Debug)]
pub struct Failure {
    pub permanent: bool,
    pub error: String,
}

impl Failure {
    fn permanent(error: String) -> Failure {
        Failure { permanent: true, error }
    }

    fn transient(error: String) -> Failure {
        Failure { permanent: false, error }
    }
}

/// How many messages one run claims: at most this many are held up if the instance dies.
const BATCH: u64 = 50;

/// Stop sending this long before the run's claim runs out: a message sent after that could
/// also be sent by the run that takes over the expired claim.
const CLAIM_MARGIN_SECS: i64 = 30;

/// Claims what is waiting (so another instance's run skips it), sends it, marks each message
/// sent; returns how many went out.
pub async fn deliver(db: &db::Db, mailer: &Mailer) -> Result<usize, db::DbErr> {
    let mut sent = 0;
    for m in db::repo::mail::claim(db, Utc::now(), BATCH).await? {
        if m.claimed_until.is_some_and(|until| Utc::now() + chrono::Duration::seconds(CLAIM_MARGIN_SECS) >= until) {
            // Slow transport: leave the rest to expire and go out with a later run.
            tracing::warn!(mail = m.id, "mail claim about to run out; leaving the rest for the next run");
            break;
        }
        match mailer.send(&m).await {
            Ok(()) => {
                if !db::repo::mail::mark_sent(&db.conn, &m, Utc::now()).await? {
                    tracing::warn!(mail = m.id, "mail sent after its claim ran out; it may go out twice");
                }
                sent += 1;
            }
            Err(f) => {
                tracing::warn!(mail = m.id, error = %f.error, permanent = f.permanent, "mail not delivered");
                db::repo::mail::mark_failed(&db.conn, &m, &f.error, f.permanent, Utc::now()).await?;
            }
        }
    }
    Ok(sent)
}

/// Delivers the outbox every `every`.
pub fn spawn_delivery(db: db::Db, mailer: Mailer, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match deliver(&db, &mailer).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(messages = n, "mail delivered"),
                Err(e) => tracing::warn!(error = %e, "mail delivery run failed"),
            }
        }
    });
}
