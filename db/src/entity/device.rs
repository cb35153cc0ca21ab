use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "devices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organization_id: i32,
    pub site_id: i32,
    pub category: String,
    pub vendor: String,
    pub model: String,
    pub serial: String,
    pub asset_number: String,
    pub name: String,
    pub location: String,
    /// Canonical addresses joined by ", ".
    pub ips: String,
    pub purchase_date: Option<Date>,
    pub warranty_end: Option<Date>,
    pub service_level: String,
    pub firmware: String,
    pub status: String,
    pub config_notes: String,
    pub search: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub updated_by: i32,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
