//! Emergency plans proposed on a request and their authorisation.
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entity::emergency_plan::{self, Entity as Plan, Model};

pub async fn insert(tx: &impl ConnectionTrait, request_id: i32, kind: &str, reason: &str, by: i32, at: DateTime<Utc>) -> Result<Model, DbErr> {
    emergency_plan::ActiveModel {
        request_id: Set(request_id),
        kind: Set(kind.to_string()),
        status: Set("requested".into()),
        reason: Set(reason.to_string()),
        requested_by: Set(by),
        requested_at: Set(at),
        ..Default::default()
    }
    .insert(tx)
    .await
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Plan::find_by_id(id).one(db).await
}

pub async fn list(db: &impl ConnectionTrait, request_id: i32) -> Result<Vec<Model>, DbErr> {
    Plan::find().filter(emergency_plan::Column::RequestId.eq(request_id)).order_by_asc(emergency_plan::Column::Id).all(db).await
}

/// Decides a plan still awaiting a decision; false if someone decided first.
pub async fn decide(tx: &impl ConnectionTrait, id: i32, status: &str, by: i32, at: DateTime<Utc>) -> Result<bool, DbErr> {
    let row = emergency_plan::ActiveModel { status: Set(status.to_string()), decided_by: Set(Some(by)), decided_at: Set(Some(at)), ..Default::default() };
    let res = Plan::update_many().set(row).filter(emergency_plan::Column::Id.eq(id)).filter(emergency_plan::Column::Status.eq("requested")).exec(tx).await?;
    Ok(res.rows_affected == 1)
}
