//! The notification centre's rows.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entity::notification::{self, Entity as Notification, Model};

pub async fn insert(tx: &impl ConnectionTrait, user_id: i32, request_id: Option<i32>, n: &domain::notice::Notification) -> Result<Model, DbErr> {
    let (kind, body) = n.to_stored();
    notification::ActiveModel {
        user_id: Set(user_id),
        request_id: Set(request_id),
        kind: Set(kind),
        body: Set(body.to_string()),
        created_at: Set(Utc::now()),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(tx)
    .await
}

pub async fn unread_count(db: &impl ConnectionTrait, user_id: i32) -> Result<u64, DbErr> {
    Notification::find().filter(notification::Column::UserId.eq(user_id)).filter(notification::Column::ReadAt.is_null()).count(db).await
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
