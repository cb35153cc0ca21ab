use sea_orm::entity::prelude::*;

/// A device in an upgrade plan: its version when planned, and its result once carried out.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "upgrade_plan_devices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub device_id: i32,
    pub from_version: String,
    /// `domain::equipment::upgrade::DeviceResult`, once recorded.
    pub result: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub result_note: String,
    pub result_at: Option<DateTimeUtc>,
    pub result_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
