use sea_orm::entity::prelude::*;

/// A message waiting to be mailed, or mailed (`sent_at`). Written in the transaction that
/// decides to send it; the server's mail job claims it, delivers it and marks it sent.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbound_mail")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub to_address: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    pub attempts: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    /// The delivery run that is sending it (`repo::mail::claim`), until `claimed_until`;
    /// after that another run may take it (the claiming instance is presumed dead).
    pub claimed_by: Option<String>,
    pub claimed_until: Option<DateTimeUtc>,
    /// The HTML alternative of `body` (notification mail has one; survey mail is text only).
    #[sea_orm(column_type = "Text", nullable)]
    pub html_body: Option<String>,
    /// The one-click unsubscribe address (the List-Unsubscribe header).
    #[sea_orm(column_type = "Text", nullable)]
    pub unsubscribe_url: Option<String>,
    /// Not sent before this: the end of quiet hours, or the backoff after a failed attempt.
    pub next_attempt_at: Option<DateTimeUtc>,
    /// The relay refused it for good (a permanent error); left for a person to look at.
    pub gave_up_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
