//! Waiting-on-customer periods, which pause the on-site and resolution clocks.
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entity::request_pause::{self, Entity as Pause, Model};

pub async fn open(tx: &impl ConnectionTrait, request_id: i32, from: DateTime<Utc>, reason: &str) -> Result<Model, DbErr> {
    request_pause::ActiveModel {
        request_id: Set(request_id),
        paused_from: Set(from),
        paused_to: Set(None),
        reason: Set(reason.to_string()),
        ..Default::default()
    }
    .insert(tx)
    .await
}

pub async fn close_open(tx: &impl ConnectionTrait, request_id: i32, to: DateTime<Utc>) -> Result<(), DbErr> {
    Pause::update_many()
        .col_expr(request_pause::Column::PausedTo, sea_orm::sea_query::Expr::value(to))
        .filter(request_pause::Column::RequestId.eq(request_id))
        .filter(request_pause::Column::PausedTo.is_null())
        .exec(tx)
        .await
        .map(|_| ())
}

pub async fn list(db: &impl ConnectionTrait, request_id: i32) -> Result<Vec<Model>, DbErr> {
    Pause::find().filter(request_pause::Column::RequestId.eq(request_id)).order_by_asc(request_pause::Column::Id).all(db).await
}
