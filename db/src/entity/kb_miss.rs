use sea_orm::entity::prelude::*;

/// A search, or a request's title, that found no article: the articles still to write.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_misses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub query_key: String,
    pub query: String,
    pub source: String,
    pub count: i32,
    pub last_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
