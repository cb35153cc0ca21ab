//! Complaints and their history.
use chrono::{DateTime, Datelike, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use crate::entity::complaint::{self, Entity as Complaint, Model};
use crate::entity::complaint_event;

/// Whose complaints a list holds.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    /// One person's own.
    Complainant(i32),
    /// An organization's (a site manager).
    Organization(i32),
    /// All (the supervisors).
    All,
}

pub struct NewComplaint<'a> {
    pub organization_id: i32,
    pub complainant_id: i32,
    pub request_id: Option<i32>,
    pub concerns_user_id: Option<i32>,
    pub from_survey: bool,
    pub text: &'a str,
    pub ack_due_at: DateTime<Utc>,
    pub answer_due_at: DateTime<Utc>,
}

/// Inserts it and gives it its number (`CP-<year>-<id>`), in the caller's transaction.
pub async fn insert(tx: &impl ConnectionTrait, c: NewComplaint<'_>, now: DateTime<Utc>) -> Result<Model, DbErr> {
    let row = complaint::ActiveModel {
        number: Set(String::new()),
        organization_id: Set(c.organization_id),
        complainant_id: Set(c.complainant_id),
        request_id: Set(c.request_id),
        concerns_user_id: Set(c.concerns_user_id),
        from_survey: Set(c.from_survey),
        text: Set(c.text.to_string()),
        status: Set(domain::complaint::ComplaintStatus::Submitted.as_str().into()),
        ack_due_at: Set(c.ack_due_at),
        answer_due_at: Set(c.answer_due_at),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(0),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    let mut numbered: complaint::ActiveModel = row.into();
    numbered.number = Set(domain::complaint::format_number(now.year(), numbered.id.clone().unwrap() as u32));
    numbered.update(tx).await
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Complaint::find_by_id(id).one(db).await
}

/// Newest first, up to `limit`.
pub async fn list(db: &impl ConnectionTrait, scope: Scope, limit: u64) -> Result<Vec<Model>, DbErr> {
    let q = match scope {
        Scope::Complainant(u) => Complaint::find().filter(complaint::Column::ComplainantId.eq(u)),
        Scope::Organization(o) => Complaint::find().filter(complaint::Column::OrganizationId.eq(o)),
        Scope::All => Complaint::find(),
    };
    q.order_by_desc(complaint::Column::Id).limit(limit).all(db).await
}

/// Saves `row` if the complaint is still at `version` (false: someone changed it first).
pub async fn update_if_version(tx: &impl ConnectionTrait, mut row: complaint::ActiveModel, id: i32, version: i32, now: DateTime<Utc>) -> Result<bool, DbErr> {
    row.version = Set(version + 1);
    row.updated_at = Set(now);
    let res = Complaint::update_many().set(row).filter(complaint::Column::Id.eq(id)).filter(complaint::Column::Version.eq(version)).exec(tx).await?;
    Ok(res.rows_affected == 1)
}

/// Answered complaints left without a reply since before `cutoff`.
pub async fn answered_before(db: &impl ConnectionTrait, cutoff: DateTime<Utc>, limit: u64) -> Result<Vec<Model>, DbErr> {
    Complaint::find()
        .filter(complaint::Column::Status.eq(domain::complaint::ComplaintStatus::Answered.as_str()))
        .filter(complaint::Column::AnsweredAt.lt(cutoff))
        .order_by_asc(complaint::Column::AnsweredAt)
        .limit(limit)
        .all(db)
        .await
}

pub async fn add_event(tx: &impl ConnectionTrait, complaint_id: i32, actor_id: Option<i32>, action: &str, note: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    complaint_event::ActiveModel {
        complaint_id: Set(complaint_id),
        actor_id: Set(actor_id),
        action: Set(action.into()),
        note: Set(note.into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(())
}

pub async fn events(db: &impl ConnectionTrait, complaint_id: i32) -> Result<Vec<complaint_event::Model>, DbErr> {
    complaint_event::Entity::find().filter(complaint_event::Column::ComplaintId.eq(complaint_id)).order_by_asc(complaint_event::Column::Id).all(db).await
}
