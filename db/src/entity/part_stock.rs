use sea_orm::entity::prelude::*;

/// How many of a part model are at a location (never below zero: a CHECK and a conditional
/// update keep it so).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "part_stock")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub part_id: i32,
    pub location_id: i32,
    pub quantity: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
