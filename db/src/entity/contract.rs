use sea_orm::entity::prelude::*;

/// `calendar_json` / `limits_json` hold domain::sla::BusinessCalendar / TimeLimits.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contracts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organization_id: i32,
    pub tier: String,
    #[sea_orm(column_type = "Text")]
    pub calendar_json: String,
    #[sea_orm(column_type = "Text")]
    pub limits_json: String,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub created_at: DateTimeUtc,
    /// Grows with every edit; the admin form sends back the one it was opened at.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
