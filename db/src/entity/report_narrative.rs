use sea_orm::entity::prelude::*;

/// The provider's words on one weekly report: done, not done and why, next week's plan.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_narratives")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub scope: String,
    pub start: String,
    #[sea_orm(column_type = "Text")]
    pub done: String,
    #[sea_orm(column_type = "Text")]
    pub not_done: String,
    #[sea_orm(column_type = "Text")]
    pub plan: String,
    pub author_id: i32,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
