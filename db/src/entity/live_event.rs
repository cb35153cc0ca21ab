use sea_orm::entity::prelude::*;

/// A change that open pages may need to show. It names what changed and who may hear of it,
/// never the content: browsers fetch the content through server functions that check access.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "live_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: String,
    pub request_id: Option<i32>,
    pub organization_id: Option<i32>,
    pub requester_id: Option<i32>,
    /// Set for events meant for one user only (their notifications).
    pub user_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
