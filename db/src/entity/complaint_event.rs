use sea_orm::entity::prelude::*;

/// One step in a complaint's history: who did what (`domain::complaint::ComplaintAction`, or
/// `submitted`), with its note (a rejection's reason). Never changed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complaint_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub complaint_id: i32,
    pub actor_id: Option<i32>,
    pub action: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
