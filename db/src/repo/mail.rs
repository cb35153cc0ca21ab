//! The outbox: mail written with the change that caused it, delivered by the server's job.
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entity::outbound_mail::{self, Entity as Mail, Model};

/// After this many failed attempts a message is left for a person to look at.
pub const MAX_ATTEMPTS: i32 = 5;

pub async fn enqueue(tx: &impl ConnectionTrait, to: &str, subject: &str, body: &str, now: DateTime<Utc>) -> Result<Model, DbErr> {
    outbound_mail::ActiveModel {
        to_address: Set(to.to_string()),
        subject: Set(subject.to_string()),
        body: Set(body.to_string()),
        created_at: Set(now),
        sent_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(tx)
    .await
}

pub async fn unsent(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Model>, DbErr> {
    Mail::find()
        .filter(outbound_mail::Column::SentAt.is_null())
        .filter(outbound_mail::Column::Attempts.lt(MAX_ATTEMPTS))
        .order_by_asc(outbound_mail::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

pub async fn mark_sent(db: &impl ConnectionTrait, m: &Model, now: DateTime<Utc>) -> Result<(), DbErr> {
    let mut row: outbound_mail::ActiveModel = m.clone().into();
    row.sent_at = Set(Some(now));
    row.attempts = Set(m.attempts + 1);
    row.update(db).await?;
    Ok(())
}

pub async fn mark_failed(db: &impl ConnectionTrait, m: &Model, error: &str) -> Result<(), DbErr> {
    let mut row: outbound_mail::ActiveModel = m.clone().into();
    row.attempts = Set(m.attempts + 1);
    row.last_error = Set(Some(error.chars().take(2000).collect()));
    row.update(db).await?;
    Ok(())
}
