use sea_orm::entity::prelude::*;

/// An attendee's feedback on a session: one per booking, given once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "training_feedback")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub booking_id: i32,
    pub session_id: i32,
    pub user_id: i32,
    /// JSON `Vec<domain::survey::QuestionVersion>`: the questions as asked.
    #[sea_orm(column_type = "Text")]
    pub questions_json: String,
    /// JSON `Vec<domain::survey::Answer>`.
    #[sea_orm(column_type = "Text")]
    pub answers_json: String,
    pub overall: i16,
    pub satisfied: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub comment: Option<String>,
    pub answered_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
