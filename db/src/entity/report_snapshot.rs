use sea_orm::entity::prelude::*;

/// A closed period's figures (`domain::report::Figures` as JSON), frozen when it ended.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_snapshots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `all` or `org:ID` (`domain::report::Scope::key`).
    pub scope: String,
    pub kind: String,
    /// The period's first day, `YYYY-MM-DD`.
    pub start: String,
    #[sea_orm(column_type = "Text")]
    pub figures_json: String,
    pub computed_at: DateTimeUtc,
    pub recomputed_by: Option<i32>,
    pub recomputed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
