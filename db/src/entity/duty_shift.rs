use sea_orm::entity::prelude::*;

/// One engineer on duty on one day's shift of an assurance period.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "duty_shifts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub period_id: i32,
    pub day: Date,
    pub shift: String,
    pub engineer_id: i32,
    pub phone: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
