use sea_orm::entity::prelude::*;

/// An answer to one checklist item, for one device (or the site: `device_id` 0).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection_answers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub inspection_id: i32,
    pub device_id: i32,
    pub item_key: String,
    /// `domain::inspection::Answer`.
    #[sea_orm(column_type = "Text")]
    pub answer_json: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub finding: bool,
    /// The service request opened from this finding.
    pub request_id: Option<i32>,
    pub answered_by: i32,
    pub answered_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
