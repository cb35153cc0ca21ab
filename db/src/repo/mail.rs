//! The outbox: mail written with the change that caused it, delivered by the server's job.
//!
//! Several server instances may share one database, each with its own delivery job. A run
//! first claims the rows it will send ([`claim`]: its own token and an expiry), sends only
//! those, and marks each sent; another run skips claimed rows until the claim expires, which
//! happens only if the claiming instance died (or hung) before finishing. So each message goes
//! out once, and a message caught in a crash goes out later instead of never.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait, LockBehavior, LockType, Order, Query},
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::{
    entity::outbound_mail::{self, Column, Entity as Mail, Model},
    Db, DbKind,
};

/// The longest wait between two attempts while a relay is down (the waits double from a
/// minute up to this, and the message is retried as long as the relay is down: nothing is
/// dropped because a relay was away for a night).
pub const MAX_BACKOFF_SECS: i64 = 3600;

/// The wait before attempt `attempts + 1`, after `attempts` failed ones.
pub fn backoff_secs(attempts: i32) -> i64 {
    let doublings = attempts.clamp(1, 16) - 1;
    Ord::min(60_i64 << doublings, MAX_BACKOFF_SECS)
}

/// A message as its writer gives it to the outbox.
#[derive(Clone, Debug, Default)]
pub struct Outgoing<'a> {
    pub to: &'a str,
    pub subject: &'a str,
    pub text: &'a str,
    pub html: Option<&'a str>,
    /// The one-click unsubscribe address (List-Unsubscribe).
    pub unsubscribe_url: Option<&'a str>,
    /// Not before this (the end of the person's quiet hours).
    pub not_before: Option<DateTime<Utc>>,
}

/// How long a claim holds. A run sends its batch well within it (and stops sending when its
/// claim is about to run out); after it, the rows are free for another run.
pub const CLAIM_SECS: i64 = 5 * 60;

/// A plain-text message, to go at once.
pub async fn enqueue(tx: &impl ConnectionTrait, to: &str, subject: &str, body: &str, now: DateTime<Utc>) -> Result<Model, DbErr> {
    enqueue_mail(tx, &Outgoing { to, subject, text: body, ..Default::default() }, now).await
}

pub async fn enqueue_mail(tx: &impl ConnectionTrait, m: &Outgoing<'_>, now: DateTime<Utc>) -> Result<Model, DbErr> {
    outbound_mail::ActiveModel {
        to_address: Set(m.to.to_string()),
        subject: Set(m.subject.to_string()),
        body: Set(m.text.to_string()),
        html_body: Set(m.html.map(str::to_string)),
        unsubscribe_url: Set(m.unsubscribe_url.map(str::to_string)),
        next_attempt_at: Set(m.not_before.filter(|t| *t > now)),
        gave_up_at: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        claimed_by: Set(None),
        claimed_until: Set(None),
        ..Default::default()
    }
    .insert(tx)
    .await
}

/// Unsent, not given up on, due (past its quiet hours or backoff), and not claimed by a run
/// whose claim still holds at `now`.
fn free(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(Column::SentAt.is_null())
        .add(Column::GaveUpAt.is_null())
        .add(Condition::any().add(Column::NextAttemptAt.is_null()).add(Column::NextAttemptAt.lte(now)))
        .add(Condition::any().add(Column::ClaimedUntil.is_null()).add(Column::ClaimedUntil.lt(now)))
}

/// Claims up to `limit` free messages (oldest first) for one delivery run until
/// `now + CLAIM_SECS`, and returns them; no other run gets them while the claim holds.
///
/// One `UPDATE … WHERE id IN (SELECT … LIMIT n)`: on PostgreSQL the inner select takes the
/// rows `FOR UPDATE SKIP LOCKED`, so concurrent runs claim different rows instead of queueing,
/// and the outer condition is checked again on the row as committed, so a row another run
/// just claimed is never taken over. On SQLite the write transaction is the only writer.
pub async fn claim(db: &Db, now: DateTime<Utc>, limit: u64) -> Result<Vec<Model>, DbErr> {
    let token = format!("{:016x}{:016x}", rand::random::<u64>(), rand::random::<u64>());
    let until = now + Duration::seconds(CLAIM_SECS);
    let mut pick = Query::select();
    pick.column(Column::Id).from(Mail).cond_where(free(now)).order_by(Column::Id, Order::Asc).limit(limit);
    if db.kind == DbKind::Postgres {
        pick.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let tx = db.begin_write().await?;
    Mail::update_many()
        .col_expr(Column::ClaimedBy, Expr::value(token.clone()))
        .col_expr(Column::ClaimedUntil, Expr::value(until))
        .filter(Column::Id.in_subquery(pick))
        .filter(free(now))
        .exec(&*tx)
        .await?;
    let claimed = Mail::find().filter(Column::ClaimedBy.eq(token)).filter(Column::SentAt.is_null()).order_by_asc(Column::Id).all(&*tx).await?;
    tx.commit().await?;
    Ok(claimed)
}

/// The message is still under the claim it was read with.
fn held(m: &Model) -> Condition {
    match &m.claimed_by {
        Some(token) => Condition::all().add(Column::ClaimedBy.eq(token.as_str())),
        None => Condition::all().add(Column::ClaimedBy.is_null()),
    }
}

/// The claim a message was delivered under is over: sent. False if the claim had run out and
/// another run took the message meanwhile (it may then go out twice; the claim's length makes
/// that a hung instance's problem only).
pub async fn mark_sent(db: &impl ConnectionTrait, m: &Model, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let res = Mail::update_many()
        .col_expr(Column::SentAt, Expr::value(now))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(Column::ClaimedBy, Expr::value(Option::<String>::None))
        .col_expr(Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(Column::Id.eq(m.id))
        .filter(held(m))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Not delivered this time: counted and the claim released. A `permanent` failure (the relay
/// refused the address or the message for good) is given up on; any other is retried after
/// [`backoff_secs`].
pub async fn mark_failed(db: &impl ConnectionTrait, m: &Model, error: &str, permanent: bool, now: DateTime<Utc>) -> Result<(), DbErr> {
    let (gave_up, next) = if permanent { (Some(now), None) } else { (None, Some(now + Duration::seconds(backoff_secs(m.attempts + 1)))) };
    Mail::update_many()
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(Column::GaveUpAt, Expr::value(gave_up))
        .col_expr(Column::NextAttemptAt, Expr::value(next))
        .col_expr(Column::LastError, Expr::value(error.chars().take(2000).collect::<String>()))
        .col_expr(Column::ClaimedBy, Expr::value(Option::<String>::None))
        .col_expr(Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(Column::Id.eq(m.id))
        .filter(held(m))
        .exec(db)
        .await?;
    Ok(())
}
