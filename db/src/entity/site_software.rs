use sea_orm::entity::prelude::*;

/// An application running at a customer site.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "site_software")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organization_id: i32,
    pub site_id: i32,
    pub name: String,
    pub version: String,
    pub platform: String,
    pub go_live: Option<Date>,
    /// JSON list of device ids (devices of the same site).
    #[sea_orm(column_type = "Text")]
    pub device_ids: String,
    pub updated_at: DateTimeUtc,
    pub updated_by: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
