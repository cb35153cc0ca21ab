use sea_orm::entity::prelude::*;

/// An upgrade or patch plan for devices of one organization.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "upgrade_plans")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organization_id: i32,
    pub title: String,
    pub target_version: String,
    #[sea_orm(column_type = "Text")]
    pub steps: String,
    #[sea_orm(column_type = "Text")]
    pub rollback: String,
    #[sea_orm(column_type = "Text")]
    pub impact: String,
    pub window_start: DateTimeUtc,
    pub window_end: DateTimeUtc,
    /// The zone the window was typed in (the organization's contract's).
    pub tz: String,
    /// `domain::equipment::upgrade::PlanStatus`.
    pub status: String,
    pub revision: i32,
    /// The revision the site manager approved (none, or an older one after an edit).
    pub approved_revision: Option<i32>,
    pub proposed_by: i32,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text")]
    pub decision_note: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
