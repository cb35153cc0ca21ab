//! The audit log of staff actions: append and read, newest first.
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entity::audit_entry::{self, Entity as Audit, Model};

pub struct Entry<'a> {
    pub actor_id: i32,
    pub actor_role: &'a str,
    pub action: &'a str,
    pub subject: &'a str,
    pub organization_id: Option<i32>,
    pub detail: serde_json::Value,
}

/// Written in the caller's transaction, so an action and its audit line stand or fall together.
pub async fn record(tx: &impl ConnectionTrait, e: Entry<'_>) -> Result<(), DbErr> {
    audit_entry::ActiveModel {
        at: Set(Utc::now()),
        actor_id: Set(e.actor_id),
        actor_role: Set(e.actor_role.to_string()),
        action: Set(e.action.to_string()),
        subject: Set(e.subject.chars().take(100).collect()),
        organization_id: Set(e.organization_id),
        detail: Set(e.detail.to_string()),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(())
}

#[derive(Clone, Debug, Default)]
pub struct AuditQuery {
    pub actor_id: Option<i32>,
    /// Matches the start of the action name (`request.` gives every request action).
    pub action: Option<String>,
    /// An exact subject, e.g. a service number.
    pub subject: Option<String>,
    /// Entries older than this id (keyset pagination: the log only grows).
    pub before_id: Option<i64>,
    pub limit: u64,
}

pub async fn list(db: &impl ConnectionTrait, q: &AuditQuery) -> Result<Vec<Model>, DbErr> {
    let mut c = Condition::all();
    if let Some(a) = q.actor_id {
        c = c.add(audit_entry::Column::ActorId.eq(a));
    }
    if let Some(a) = q.action.as_deref().filter(|a| !a.is_empty()) {
        c = c.add(audit_entry::Column::Action.starts_with(a));
    }
    if let Some(s) = q.subject.as_deref().filter(|s| !s.is_empty()) {
        c = c.add(audit_entry::Column::Subject.eq(s));
    }
    if let Some(b) = q.before_id {
        c = c.add(audit_entry::Column::Id.lt(b));
    }
    Audit::find().filter(c).order_by_desc(audit_entry::Column::Id).limit(q.limit.clamp(1, 200)).all(db).await
}
