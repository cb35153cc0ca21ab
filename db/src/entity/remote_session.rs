use sea_orm::entity::prelude::*;

/// A remote-access session an engineer asked for; the customer approves or refuses it, and
/// only an approved one can be completed with its command log.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "remote_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    /// domain::ticket::RemoteStatus
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub plan: String,
    pub requested_by: i32,
    pub requested_at: DateTimeUtc,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub command_log: Option<String>,
    pub completed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
