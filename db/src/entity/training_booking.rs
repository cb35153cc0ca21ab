use sea_orm::entity::prelude::*;

/// One person's seat or waiting-list place in a session. Cancelled bookings stay (staff see
/// who dropped out); at most one booking per (session, person) is not cancelled (unique index).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_bookings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: i32,
    pub user_id: i32,
    pub organization_id: i32,
    pub booked_by: i32,
    /// domain::training::BookingStatus::as_str().
    pub status: String,
    pub booked_at: DateTimeUtc,
    pub cancelled_at: Option<DateTimeUtc>,
    pub cancelled_by: Option<i32>,
    /// When a waiting-list place became a seat.
    pub promoted_at: Option<DateTimeUtc>,
    pub attended: Option<bool>,
    pub reminded_at: Option<DateTimeUtc>,
    pub feedback_asked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
