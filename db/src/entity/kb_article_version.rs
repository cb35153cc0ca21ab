use sea_orm::entity::prelude::*;

/// One saved version of an article (every save is one; none is ever changed).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_article_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub article_id: i32,
    pub number: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub category: String,
    pub lang: String,
    #[sea_orm(column_type = "Text")]
    pub tags_json: String,
    #[sea_orm(column_type = "Text")]
    pub models_json: String,
    #[sea_orm(column_type = "Text")]
    pub software_json: String,
    pub visibility: String,
    #[sea_orm(column_type = "Text")]
    pub orgs_json: String,
    pub author_id: i32,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
