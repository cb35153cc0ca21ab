use sea_orm::entity::prelude::*;

/// A complaint to the service supervision (`domain::complaint`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complaints")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub number: String,
    pub organization_id: i32,
    pub complainant_id: i32,
    /// The request it is about; `None`: the service in general.
    pub request_id: Option<i32>,
    /// The request's engineer when the complaint was made (for the reports; never told).
    pub concerns_user_id: Option<i32>,
    pub from_survey: bool,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub status: String,
    pub ack_due_at: DateTimeUtc,
    pub answer_due_at: DateTimeUtc,
    pub acknowledged_at: Option<DateTimeUtc>,
    /// The supervisor who took it up (or answered it).
    pub supervisor_id: Option<i32>,
    pub answered_at: Option<DateTimeUtc>,
    /// What the investigation found: staff only.
    #[sea_orm(column_type = "Text", nullable)]
    pub findings: Option<String>,
    /// What will change, for the customer.
    #[sea_orm(column_type = "Text", nullable)]
    pub changes: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub answer: Option<String>,
    pub closed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
