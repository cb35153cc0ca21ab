use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_pauses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    pub paused_from: DateTimeUtc,
    pub paused_to: Option<DateTimeUtc>,
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
