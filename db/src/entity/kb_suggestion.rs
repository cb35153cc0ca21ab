use sea_orm::entity::prelude::*;

/// An article suggested on one new-request form (`token`), and what came of it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_suggestions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub token: String,
    pub article_id: i32,
    pub user_id: i32,
    pub org_id: i32,
    pub shown_at: DateTimeUtc,
    pub opened_at: Option<DateTimeUtc>,
    pub solved_at: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
