//! Turning notifications into mail, outside the transactions that wrote them: each due
//! notification's own mail, and once a day each person's digest. Every mail is written to the
//! outbox in the same transaction that marks its notifications mailed, guarded by the state
//! they were read in, so two instances running this at once write each mail once. The outbox
//! (`server::mail`) then delivers it.
use chrono::{DateTime, Utc};
use db::entity::{notification, user};
use db::repo::{self, mail::Outgoing, notifications as notes};
use domain::notice::Notification;
use domain::notify::{digest_due, EventKind};

use super::mail_text::{self, Links};
use crate::error::AppError;
use crate::i18n::Lang;

/// What one run did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MailRun {
    pub single: usize,
    pub digests: usize,
}

pub async fn run(db: &db::Db, base_url: &str, now: DateTime<Utc>) -> Result<MailRun, AppError> {
    Ok(MailRun { single: mail_due(db, base_url, now).await?, digests: send_digests(db, base_url, now).await? })
}

fn parsed(n: &notification::Model) -> Option<Notification> {
    Notification::from_stored(&n.kind, serde_json::from_str(&n.body).unwrap_or_default())
}

/// The unsubscribe kind stored for a digest's link: it turns off every kind set to "digest".
pub const DIGEST_SCOPE: &str = "digest";

/// Each notification whose own mail is due, one mail each.
async fn mail_due(db: &db::Db, base_url: &str, now: DateTime<Utc>) -> Result<usize, AppError> {
    let mut sent = 0;
    for n in notes::mail_due(&db.conn, now, 200).await? {
        let tx = db.begin_write().await?;
        // Another instance took it since we read it: its transaction wrote the mail.
        if notes::mark_mail(&*tx, &[n.id], notes::MAIL_NOW, notes::MAIL_SENT).await? != 1 {
            continue;
        }
        let (Some(note), Some(person)) = (parsed(&n), repo::users::find(&*tx, n.user_id).await?.filter(|u| u.active)) else {
            tx.commit().await?; // marked: nothing to send, nothing to retry
            continue;
        };
        let kind = EventKind::of(&note.notice);
        let token = repo::mail_prefs::new_unsubscribe(&*tx, person.id, kind.as_str(), now).await?;
        let (page, one_click) = unsubscribe_urls(base_url, &token);
        let text = mail_text::one(lang_of(&person), &person.display_name, &note, &Links { base: base_url, unsubscribe: &page });
        enqueue(&*tx, &person, &text, &one_click, now).await?;
        tx.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

/// The digests due at `now`: a person's waiting notifications in one mail, once a day after
/// the digest hour in their contract's zone.
async fn send_digests(db: &db::Db, base_url: &str, now: DateTime<Utc>) -> Result<usize, AppError> {
    let mut sent = 0;
    for user_id in notes::digest_users(&db.conn, 500).await? {
        let Some(person) = repo::users::find(&db.conn, user_id).await? else { continue };
        let tz = super::contract_calendar::zone(&db.conn, person.organization_id).await?;
        let stored = repo::mail_prefs::load(&db.conn, user_id).await?;
        if !digest_due(stored.last_digest_on, now, tz) {
            continue;
        }
        let items = notes::digest_items(&db.conn, user_id).await?;
        let ids: Vec<i32> = items.iter().map(|n| n.id).collect();
        let tx = db.begin_write().await?;
        if notes::mark_mail(&*tx, &ids, notes::MAIL_DIGEST, notes::MAIL_DIGESTED).await? != ids.len() as u64 {
            continue; // another instance is sending this digest
        }
        repo::mail_prefs::set_last_digest(&*tx, user_id, now.with_timezone(&tz).date_naive()).await?;
        let listed: Vec<(Notification, DateTime<Utc>)> = items.iter().filter_map(|n| Some((parsed(n)?, n.created_at))).collect();
        if person.active && !listed.is_empty() {
            let token = repo::mail_prefs::new_unsubscribe(&*tx, user_id, DIGEST_SCOPE, now).await?;
            let (page, one_click) = unsubscribe_urls(base_url, &token);
            let text = mail_text::digest(lang_of(&person), &person.display_name, &listed, tz, &Links { base: base_url, unsubscribe: &page });
            enqueue(&*tx, &person, &text, &one_click, now).await?;
            sent += 1;
        }
        tx.commit().await?;
    }
    Ok(sent)
}

fn lang_of(u: &user::Model) -> Lang {
    Lang::parse(&u.lang).unwrap_or_default()
}

/// A mail's unsubscribe page and the one-click address for its List-Unsubscribe header (every
/// mail that carries a link: notifications, digests, surveys).
pub fn unsubscribe_urls(base_url: &str, token: &str) -> (String, String) {
    (format!("{base_url}{}", domain::href::unsubscribe(token)), format!("{base_url}{}", domain::href::unsubscribe_one_click(token)))
}

async fn enqueue(
    tx: &impl db::sea_orm::ConnectionTrait,
    to: &user::Model,
    m: &mail_text::MailText,
    one_click: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let out = Outgoing { to: &to.email, subject: &m.subject, text: &m.text, html: Some(&m.html), unsubscribe_url: Some(one_click), not_before: None };
    repo::mail::enqueue_mail(tx, &out, now).await?;
    Ok(())
}
