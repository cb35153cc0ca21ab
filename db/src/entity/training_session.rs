use sea_orm::entity::prelude::*;

/// A training session staff scheduled. Times are instants; `tz` is the zone they were typed
/// in (shown and edited in it). `confirmed_count` counts confirmed bookings and is moved only
/// by the seat statements in `repo::training`, never by a read-modify-write.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    /// domain::training::TrainingKind::as_str().
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub trainer: String,
    pub tz: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub booking_deadline: DateTimeUtc,
    /// domain::training::DeliveryMode::as_str().
    pub delivery: String,
    #[sea_orm(column_type = "Text")]
    pub place: String,
    #[sea_orm(column_type = "Text")]
    pub link: String,
    pub capacity: i32,
    pub invited_all: bool,
    /// domain::training::SessionStatus::as_str().
    pub status: String,
    pub confirmed_count: i32,
    pub sequence: i32,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub cancelled_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub cancel_reason: Option<String>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
