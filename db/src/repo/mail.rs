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

/// After this many failed attempts a message is left for a person to look at.
pub const MAX_ATTEMPTS: i32 = 5;

/// How long a claim holds. A run sends its batch well within it (and stops sending when its
/// claim is about to run out); after it, the rows are free for another run.
pub const CLAIM_SECS: i64 = 5 * 60;

pub async fn enqueue(tx: &impl ConnectionTrait, to: &str, subject: &str, body: &str, now: DateTime<Utc>) -> Result<Model, DbErr> {
    outbound_mail::ActiveModel {
        to_address: Set(to.to_string()),
        subject: Set(subject.to_string()),
        body: Set(body.to_string()),
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

/// Unsent, not given up on, and not claimed by a run whose claim still holds at `now`.
fn free(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(Column::SentAt.is_null())
        .add(Column::Attempts.lt(MAX_ATTEMPTS))
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

/// Not delivered this time: counted, and the claim released so the next run retries it.
pub async fn mark_failed(db: &impl ConnectionTrait, m: &Model, error: &str) -> Result<(), DbErr> {
    Mail::update_many()
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .col_expr(Column::LastError, Expr::value(error.chars().take(2000).collect::<String>()))
        .col_expr(Column::ClaimedBy, Expr::value(Option::<String>::None))
        .col_expr(Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(Column::Id.eq(m.id))
        .filter(held(m))
        .exec(db)
        .await?;
    Ok(())
}
