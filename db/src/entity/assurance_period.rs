use sea_orm::entity::prelude::*;

/// An assurance period; `org_ids_json` the organizations it covers.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assurance_periods")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub starts_on: Date,
    pub ends_on: Date,
    #[sea_orm(column_type = "Text")]
    pub org_ids_json: String,
    /// Published: the organizations see it and their duty engineer.
    pub published_at: Option<DateTimeUtc>,
    pub created_by: i32,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
