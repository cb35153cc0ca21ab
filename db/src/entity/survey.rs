use sea_orm::entity::prelude::*;

/// The survey of one closed request: who is asked, when (due, expiry), with which question
/// versions, the answer and its verdict, and the follow-up an unhappy answer opened.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "surveys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub request_id: i32,
    pub respondent_id: i32,
    pub organization_id: i32,
    pub site_id: Option<i32>,
    /// The engineer the request was assigned to when it closed (whose work is rated).
    pub engineer_id: Option<i32>,
    pub closed_at: DateTimeUtc,
    pub due_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    /// False when sampling left this request out: no survey is asked.
    pub sampled: bool,
    /// JSON array of `survey_questions.id`: the versions this survey asks.
    #[sea_orm(column_type = "Text")]
    pub question_ids: String,
    pub invited_at: Option<DateTimeUtc>,
    pub reminded_at: Option<DateTimeUtc>,
    pub first_answered_at: Option<DateTimeUtc>,
    pub answered_at: Option<DateTimeUtc>,
    pub overall: Option<i16>,
    pub solved: Option<bool>,
    /// This answer's own verdict.
    pub satisfied: Option<bool>,
    /// Whether the request counts as satisfied: this verdict, or a later follow-up's.
    pub outcome_satisfied: Option<bool>,
    /// JSON `Vec<domain::survey::Answer>`.
    #[sea_orm(column_type = "Text", nullable)]
    pub answers_json: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub comment: Option<String>,
    pub followup_request_id: Option<i32>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
