use sea_orm::entity::prelude::*;

/// A knowledge-base article: its review status and which of its versions readers see. The
/// content is in `kb_article_version`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kb_articles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The translation pair (the id of the pair's first article).
    pub pair_id: Option<i32>,
    pub lang: String,
    /// `domain::knowledge::ArticleStatus` of the newest version.
    pub status: String,
    pub latest_version: i32,
    /// The version readers see; `None` until first published (and after a withdrawal).
    pub published_version: Option<i32>,
    pub latest_author: i32,
    pub request_id: Option<i32>,
    /// The `kb_generation` value of its last change that search sees.
    pub index_seq: i64,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
