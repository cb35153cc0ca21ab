use sea_orm::entity::prelude::*;

/// One version of one survey question (`definition` is a JSON
/// `domain::survey::QuestionVersion`); `current` marks the version new surveys ask.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub key: String,
    pub version: i32,
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub definition: String,
    pub current: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
