use sea_orm::entity::prelude::*;

/// One version of a device's configuration backup.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "device_configs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub device_id: i32,
    /// 1, 2, 3 … per device.
    pub number: i32,
    pub file_name: String,
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub size: i32,
    /// Lines whose secrets were masked before storing (0: not masked, or nothing to mask).
    pub masked_lines: i32,
    pub uploaded_by: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
