//! Knowledge-base articles and their versions. Every change to an article bumps
//! `kb_generation` in its own transaction and stamps the article with the new value, so each
//! instance's search index reads exactly what changed since it last looked.
use chrono::Utc;
use domain::knowledge::{ArticleDraft, ArticleLang, ArticleStatus, Category, Visibility};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, Statement};

use crate::entity::{
    kb_article::{self, Entity as Article, Model},
    kb_article_version::{self, Entity as Version},
};

/// Bumps the generation counter and answers its new value. The row stays locked until the
/// caller's transaction ends (PostgreSQL row lock; SQLite's single writer), so changes commit
/// in the order of their values and a reader that has seen N has seen everything below N.
pub async fn bump_generation(tx: &impl ConnectionTrait) -> Result<i64, DbErr> {
    let backend = tx.get_database_backend();
    let row = tx
        .query_one_raw(Statement::from_string(backend, "UPDATE kb_generation SET n = n + 1 WHERE id = 1 RETURNING n"))
        .await?
        .ok_or_else(|| DbErr::Custom("kb_generation has no row".into()))?;
    row.try_get("", "n")
}

/// The current generation: one indexed read a search makes to know its index is fresh.
pub async fn generation(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    let backend = db.get_database_backend();
    let row = db.query_one_raw(Statement::from_string(backend, "SELECT n FROM kb_generation WHERE id = 1")).await?;
    Ok(match row {
        Some(r) => r.try_get("", "n")?,
        None => 0,
    })
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Article::find_by_id(id).one(db).await
}

/// The given articles, in one query.
pub async fn find_many(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<Model>, DbErr> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Article::find().filter(kb_article::Column::Id.is_in(ids.iter().copied())).all(db).await
}

pub async fn version(db: &impl ConnectionTrait, article_id: i32, number: i32) -> Result<Option<kb_article_version::Model>, DbErr> {
    Version::find().filter(kb_article_version::Column::ArticleId.eq(article_id)).filter(kb_article_version::Column::Number.eq(number)).one(db).await
}

/// Every version of an article, newest first, without bodies' weight mattering (articles
/// have tens of versions, not thousands).
pub async fn versions(db: &impl ConnectionTrait, article_id: i32) -> Result<Vec<kb_article_version::Model>, DbErr> {
    Version::find().filter(kb_article_version::Column::ArticleId.eq(article_id)).order_by_desc(kb_article_version::Column::Number).all(db).await
}

/// The articles of a translation pair.
pub async fn pair(db: &impl ConnectionTrait, pair_id: i32) -> Result<Vec<Model>, DbErr> {
    Article::find().filter(kb_article::Column::PairId.eq(pair_id)).order_by_asc(kb_article::Column::Id).all(db).await
}

fn json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

/// A version's content back in domain form (`None` if a stored value no longer parses).
pub fn draft_of(v: &kb_article_version::Model) -> Option<ArticleDraft> {
    Some(ArticleDraft {
        title: v.title.clone(),
        body: v.body.clone(),
        category: Category::parse(&v.category)?,
        lang: ArticleLang::parse(&v.lang)?,
        tags: serde_json::from_str(&v.tags_json).unwrap_or_default(),
        models: serde_json::from_str(&v.models_json).unwrap_or_default(),
        software: serde_json::from_str(&v.software_json).unwrap_or_default(),
        visibility: Visibility::parse(&v.visibility)?,
        orgs: serde_json::from_str(&v.orgs_json).unwrap_or_default(),
    })
}

async fn insert_version(tx: &impl ConnectionTrait, article_id: i32, number: i32, d: &ArticleDraft, by: i32, note: &str) -> Result<(), DbErr> {
    kb_article_version::ActiveModel {
        article_id: Set(article_id),
        number: Set(number),
        title: Set(d.title.clone()),
        body: Set(d.body.clone()),
        category: Set(d.category.as_str().into()),
        lang: Set(d.lang.as_str().into()),
        tags_json: Set(json(&d.tags)),
        models_json: Set(json(&d.models)),
        software_json: Set(json(&d.software)),
        visibility: Set(d.visibility.as_str().into()),
        orgs_json: Set(serde_json::to_string(&d.orgs).unwrap_or_else(|_| "[]".into())),
        author_id: Set(by),
        note: Set(note.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(())
}

/// Where a new article comes from.
pub struct NewArticle<'a> {
    pub draft: &'a ArticleDraft,
    pub by: i32,
    /// The article it translates (its pair is joined).
    pub pair_id: Option<i32>,
    pub request_id: Option<i32>,
    pub note: &'a str,
    pub status: ArticleStatus,
}

/// A new article with its first version, in the caller's transaction.
pub async fn create(tx: &impl ConnectionTrait, a: NewArticle<'_>) -> Result<Model, DbErr> {
    let seq = bump_generation(tx).await?;
    let now = Utc::now();
    let published = a.status == ArticleStatus::Published;
    let row = kb_article::ActiveModel {
        pair_id: Set(a.pair_id),
        lang: Set(a.draft.lang.as_str().into()),
        status: Set(a.status.as_str().into()),
        latest_version: Set(1),
        published_version: Set(published.then_some(1)),
        latest_author: Set(a.by),
        request_id: Set(a.request_id),
        index_seq: Set(seq),
        created_by: Set(a.by),
        created_at: Set(now),
        updated_at: Set(now),
        published_at: Set(published.then_some(now)),
        version: Set(1),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    insert_version(tx, row.id, 1, a.draft, a.by, a.note).await?;
    Ok(row)
}

/// Links two articles as translations of each other (both get the pair's id).
pub async fn set_pair(tx: &impl ConnectionTrait, ids: &[i32], pair_id: i32) -> Result<(), DbErr> {
    Article::update_many()
        .col_expr(kb_article::Column::PairId, sea_orm::sea_query::Expr::value(pair_id))
        .filter(kb_article::Column::Id.is_in(ids.iter().copied()))
        .exec(tx)
        .await?;
    Ok(())
}

/// A new version of an article still at `version`: it becomes a draft again (readers keep
/// the published version until this one is). `None` when someone saved it meanwhile.
pub async fn save_version(tx: &impl ConnectionTrait, article: &Model, version: i32, d: &ArticleDraft, by: i32, note: &str) -> Result<Option<Model>, DbErr> {
    let seq = bump_generation(tx).await?;
    let number = article.latest_version + 1;
    let row = kb_article::ActiveModel {
        lang: Set(d.lang.as_str().into()),
        status: Set(ArticleStatus::Draft.as_str().into()),
        latest_version: Set(number),
        latest_author: Set(by),
        index_seq: Set(seq),
        updated_at: Set(Utc::now()),
        version: Set(version + 1),
        ..Default::default()
    };
    let res = Article::update_many().set(row).filter(kb_article::Column::Id.eq(article.id)).filter(kb_article::Column::Version.eq(version)).exec(tx).await?;
    if res.rows_affected != 1 {
        return Ok(None);
    }
    insert_version(tx, article.id, number, d, by, note).await?;
    find(tx, article.id).await
}

/// A review step on an article still at `version`: the new status, and the version readers
/// see (`Published`: the newest; `Withdrawn`: none; otherwise unchanged).
pub async fn set_status(tx: &impl ConnectionTrait, article: &Model, version: i32, status: ArticleStatus) -> Result<bool, DbErr> {
    let seq = bump_generation(tx).await?;
    let now = Utc::now();
    let mut row = kb_article::ActiveModel {
        status: Set(status.as_str().into()),
        index_seq: Set(seq),
        updated_at: Set(now),
        version: Set(version + 1),
        ..Default::default()
    };
    match status {
        ArticleStatus::Published => {
            row.published_version = Set(Some(article.latest_version));
            row.published_at = Set(Some(now));
        }
        ArticleStatus::Withdrawn => row.published_version = Set(None),
        ArticleStatus::Draft | ArticleStatus::InReview => {}
    }
    let res = Article::update_many().set(row).filter(kb_article::Column::Id.eq(article.id)).filter(kb_article::Column::Version.eq(version)).exec(tx).await?;
    Ok(res.rows_affected == 1)
}

/// An article as search sees it: its published version, or `None` when nothing of it is
/// published (any more).
pub struct Indexed {
    pub article: Model,
    pub published: Option<kb_article_version::Model>,
}

/// Articles changed after generation `since`, in batches of `limit` by `index_seq` (the
/// index loads 20,000 articles in a few of these), with their published versions.
pub async fn changed_since(db: &impl ConnectionTrait, since: i64, limit: u64) -> Result<Vec<Indexed>, DbErr> {
    let articles = Article::find().filter(kb_article::Column::IndexSeq.gt(since)).order_by_asc(kb_article::Column::IndexSeq).limit(limit).all(db).await?;
    let keys: Vec<(i32, i32)> = articles.iter().filter_map(|a| a.published_version.map(|v| (a.id, v))).collect();
    let mut versions = std::collections::HashMap::new();
    for chunk in keys.chunks(500) {
        let ids: Vec<i32> = chunk.iter().map(|(a, _)| *a).collect();
        let rows = Version::find().filter(kb_article_version::Column::ArticleId.is_in(ids)).all(db).await?;
        for v in rows {
            if chunk.iter().any(|(a, n)| *a == v.article_id && *n == v.number) {
                versions.insert(v.article_id, v);
            }
        }
    }
    Ok(articles
        .into_iter()
        .map(|a| {
            let published = a.published_version.and_then(|_| versions.remove(&a.id));
            Indexed { article: a, published }
        })
        .collect())
}

/// The staff list: articles in a status (any when `None`), most recently changed first.
pub async fn list(db: &impl ConnectionTrait, status: Option<ArticleStatus>, limit: u64) -> Result<Vec<Model>, DbErr> {
    let mut q = Article::find();
    if let Some(s) = status {
        q = q.filter(kb_article::Column::Status.eq(s.as_str()));
    }
    q.order_by_desc(kb_article::Column::UpdatedAt).order_by_desc(kb_article::Column::Id).limit(limit).all(db).await
}

/// The newest versions of the given articles (titles for lists).
pub async fn latest_versions(db: &impl ConnectionTrait, articles: &[Model]) -> Result<Vec<kb_article_version::Model>, DbErr> {
    let mut out = vec![];
    for chunk in articles.chunks(500) {
        let ids: Vec<i32> = chunk.iter().map(|a| a.id).collect();
        let rows = Version::find().filter(kb_article_version::Column::ArticleId.is_in(ids)).all(db).await?;
        out.extend(rows.into_iter().filter(|v| chunk.iter().any(|a| a.id == v.article_id && a.latest_version == v.number)));
    }
    Ok(out)
}
