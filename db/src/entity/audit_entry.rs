use sea_orm::entity::prelude::*;

/// One staff action in the audit log (append-only).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub actor_id: i32,
    pub actor_role: String,
    pub action: String,
    /// What it was done to, e.g. `SR-2026-000123` or `contract 4`.
    pub subject: String,
    pub organization_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub detail: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
