use sea_orm::entity::prelude::*;

/// One line of a request's timeline. `body` is JSON whose shape depends on `kind`;
/// `public = false` lines are staff-only and never leave the server for a customer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub request_id: i32,
    pub actor_id: Option<i32>,
    pub kind: String,
    pub public: bool,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
