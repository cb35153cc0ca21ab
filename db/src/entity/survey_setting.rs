use sea_orm::entity::prelude::*;

/// The survey settings (one row, id 1): see `domain::survey::SurveySettings`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i32,
    pub delay_minutes: i32,
    pub expiry_days: i32,
    pub reminder_after_days: i32,
    pub low_score_threshold: i16,
    pub sample_percent: i16,
    pub final_after_days: i32,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
