//! The timeline of a request.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entity::request_event::{self, Entity as Event, Model};

pub async fn insert(tx: &impl ConnectionTrait, request_id: i32, actor_id: Option<i32>, line: &domain::ticket::Line, public: bool) -> Result<Model, DbErr> {
    let (kind, body) = line.to_stored();
    request_event::ActiveModel {
        request_id: Set(request_id),
        actor_id: Set(actor_id),
        kind: Set(kind),
        public: Set(public),
        body: Set(body.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(tx)
    .await
}

/// In order; staff-only lines only when `include_internal`.
pub async fn list(db: &impl ConnectionTrait, request_id: i32, include_internal: bool) -> Result<Vec<Model>, DbErr> {
    let mut q = Event::find().filter(request_event::Column::RequestId.eq(request_id));
    if !include_internal {
        q = q.filter(request_event::Column::Public.eq(true));
    }
    q.order_by_asc(request_event::Column::Id).all(db).await
}
