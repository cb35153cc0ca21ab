//! Remote-access sessions of a request.
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entity::remote_session::{self, Entity as Remote, Model};

pub async fn insert(tx: &impl ConnectionTrait, request_id: i32, plan: &str, by: i32, at: DateTime<Utc>) -> Result<Model, DbErr> {
    remote_session::ActiveModel {
        request_id: Set(request_id),
        status: Set("requested".into()),
        plan: Set(plan.to_string()),
        requested_by: Set(by),
        requested_at: Set(at),
        ..Default::default()
    }
    .insert(tx)
    .await
}

/// The most recent session of a request (the one the next step applies to).
pub async fn latest(db: &impl ConnectionTrait, request_id: i32) -> Result<Option<Model>, DbErr> {
    Remote::find().filter(remote_session::Column::RequestId.eq(request_id)).order_by_desc(remote_session::Column::Id).one(db).await
}

pub async fn list(db: &impl ConnectionTrait, request_id: i32) -> Result<Vec<Model>, DbErr> {
    Remote::find().filter(remote_session::Column::RequestId.eq(request_id)).order_by_asc(remote_session::Column::Id).all(db).await
}

/// Moves a session from `from` status only (a concurrent decision makes this a no-op: false).
pub async fn update_from(tx: &impl ConnectionTrait, row: remote_session::ActiveModel, id: i32, from: &str) -> Result<bool, DbErr> {
    let res = Remote::update_many().set(row).filter(remote_session::Column::Id.eq(id)).filter(remote_session::Column::Status.eq(from)).exec(tx).await?;
    Ok(res.rows_affected == 1)
}
