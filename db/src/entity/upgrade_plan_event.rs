use sea_orm::entity::prelude::*;

/// A line of a plan's history: who did what to which revision, and when.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "upgrade_plan_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub actor_id: i32,
    /// `domain::equipment::upgrade::PlanEventKind`.
    pub kind: String,
    pub revision: i32,
    /// JSON: the event's details (a device and its result, a refusal's reason).
    #[sea_orm(column_type = "Text")]
    pub detail: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
