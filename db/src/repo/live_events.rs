//! The live feed table: written in the same transaction as the change it announces.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entity::live_event::{self, Entity as LiveEvent, Model};

pub struct Audience {
    pub request_id: Option<i32>,
    pub organization_id: Option<i32>,
    pub requester_id: Option<i32>,
    pub user_id: Option<i32>,
}

pub async fn insert(tx: &impl ConnectionTrait, kind: domain::live::LiveKind, a: Audience) -> Result<Model, DbErr> {
    let m = live_event::ActiveModel {
        kind: Set(kind.as_str().to_string()),
        request_id: Set(a.request_id),
        organization_id: Set(a.organization_id),
        requester_id: Set(a.requester_id),
        user_id: Set(a.user_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    // Wake every other instance's pump at commit (PostgreSQL); this instance's is woken by
    // `WriteTx::commit`.
    if tx.get_database_backend() == sea_orm::DbBackend::Postgres {
        tx.execute_unprepared("NOTIFY portal_live").await?;
    }
    Ok(m)
}

pub async fn after(db: &impl ConnectionTrait, id: i32, limit: u64) -> Result<Vec<Model>, DbErr> {
    LiveEvent::find().filter(live_event::Column::Id.gt(id)).order_by_asc(live_event::Column::Id).limit(limit).all(db).await
}

pub async fn last_id(db: &impl ConnectionTrait) -> Result<i32, DbErr> {
    Ok(LiveEvent::find().order_by_desc(live_event::Column::Id).one(db).await?.map(|m| m.id).unwrap_or(0))
}

/// The events among `ids` that exist (committed) now; a primary-key lookup each.
pub async fn by_ids(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<Model>, DbErr> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    LiveEvent::find().filter(live_event::Column::Id.is_in(ids.iter().copied())).order_by_asc(live_event::Column::Id).all(db).await
}
