use sea_orm::entity::prelude::*;

/// An emergency plan (vendor support, spare parts purchase, disaster response) proposed on a
/// request; it starts only when a manager authorises it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "emergency_plans")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    /// domain::ticket::EmergencyKind
    pub kind: String,
    /// domain::ticket::EmergencyStatus
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub requested_by: i32,
    pub requested_at: DateTimeUtc,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
