//! The notification centre's rows.
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use domain::{notice::UNREAD_SHOWN, notify::MailPlan};
use sea_orm::sea_query::Query;

use crate::entity::notification::{self, Entity as Notification, Model};

/// What `notifications.mail` holds while a mail waits, and once it went.
pub const MAIL_NOW: &str = "now";
pub const MAIL_DIGEST: &str = "digest";
pub const MAIL_SENT: &str = "sent";
pub const MAIL_DIGESTED: &str = "digested";

pub async fn insert(
    tx: &impl ConnectionTrait,
    user_id: i32,
    request_id: Option<i32>,
    n: &domain::notice::Notification,
    mail: MailPlan,
) -> Result<Model, DbErr> {
    let (kind, body) = n.to_stored();
    let (mail, mail_after) = match mail {
        MailPlan::None => (None, None),
        MailPlan::At(at) => (Some(MAIL_NOW.to_string()), Some(at)),
        MailPlan::Digest => (Some(MAIL_DIGEST.to_string()), None),
    };
    notification::ActiveModel {
        user_id: Set(user_id),
        request_id: Set(request_id),
        kind: Set(kind),
        body: Set(body.to_string()),
        created_at: Set(Utc::now()),
        read_at: Set(None),
        mail: Set(mail),
        mail_after: Set(mail_after),
        ..Default::default()
    }
    .insert(tx)
    .await
}

/// How many notifications the user has not read, counted up to `UNREAD_SHOWN + 1`: the count
/// is read on every page (the bell), and counting all of them read one index entry per unread
/// notification (6,000 for a busy site manager in the million-request benchmark, the largest
/// single query of a page).
pub async fn unread_count(db: &impl ConnectionTrait, user_id: i32) -> Result<u64, DbErr> {
    let mut unread = Query::select();
    unread
        .column(notification::Column::Id)
        .from(notification::Entity)
        .and_where(notification::Column::UserId.eq(user_id))
        .and_where(notification::Column::ReadAt.is_null())
        .limit(UNREAD_SHOWN + 1);
    super::count_rows(db, unread).await
}

pub async fn latest(db: &impl ConnectionTrait, user_id: i32, limit: u64) -> Result<Vec<Model>, DbErr> {
    Notification::find().filter(notification::Column::UserId.eq(user_id)).order_by_desc(notification::Column::Id).limit(limit).all(db).await
}

/// Marks the user's notifications read (all, or those of one request).
pub async fn mark_read(db: &impl ConnectionTrait, user_id: i32, request_id: Option<i32>) -> Result<u64, DbErr> {
    let mut q = Notification::update_many()
        .col_expr(notification::Column::ReadAt, sea_orm::sea_query::Expr::value(Utc::now()))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(r) = request_id {
        q = q.filter(notification::Column::RequestId.eq(r));
    }
    Ok(q.exec(db).await?.rows_affected)
}

/// Notifications whose own mail is due (oldest first).
pub async fn mail_due(db: &impl ConnectionTrait, now: DateTime<Utc>, limit: u64) -> Result<Vec<Model>, DbErr> {
    Notification::find()
        .filter(notification::Column::Mail.eq(MAIL_NOW))
        .filter(notification::Column::MailAfter.lte(now))
        .order_by_asc(notification::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Moves notifications' mail from one state to the next; the number moved. Guarded by the
/// state they were read in, so of two instances composing the same mail only one moves it
/// (the other's transaction sees 0 and writes nothing).
pub async fn mark_mail(tx: &impl ConnectionTrait, ids: &[i32], from: &str, to: &str) -> Result<u64, DbErr> {
    let res = Notification::update_many()
        .col_expr(notification::Column::Mail, sea_orm::sea_query::Expr::value(to))
        .filter(notification::Column::Id.is_in(ids.iter().copied()))
        .filter(notification::Column::Mail.eq(from))
        .exec(tx)
        .await?;
    Ok(res.rows_affected)
}

/// The people with notifications waiting for their digest.
pub async fn digest_users(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<i32>, DbErr> {
    Notification::find()
        .select_only()
        .column(notification::Column::UserId)
        .filter(notification::Column::Mail.eq(MAIL_DIGEST))
        .distinct()
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
}

/// One person's notifications waiting for the digest, oldest first.
pub async fn digest_items(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<Model>, DbErr> {
    Notification::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::Mail.eq(MAIL_DIGEST))
        .order_by_asc(notification::Column::Id)
        .limit(500)
        .all(db)
        .await
}
