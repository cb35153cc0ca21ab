use sea_orm::entity::prelude::*;

/// A contract's inspection plan; `settings_json` holds `domain::inspection::PlanSettings`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspection_plans")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contract_id: i32,
    pub organization_id: i32,
    #[sea_orm(column_type = "Text")]
    pub settings_json: String,
    pub template_id: i32,
    /// The day the settings took effect: generation plans nothing before it.
    pub effective_from: Date,
    pub updated_by: Option<i32>,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
