//! How the knowledge base is used: readers' "did it help", what became of each article
//! suggested on the new-request form, the searches that found nothing, and article images.
use chrono::Utc;
use domain::knowledge::Outcome;
use sea_orm::{
    sea_query::{Expr, ExprTrait, OnConflict},
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::entity::{kb_feedback, kb_image, kb_miss, kb_suggestion};

/// A reader's answer, replacing their earlier one.
pub async fn set_feedback(db: &impl ConnectionTrait, article_id: i32, user_id: i32, helped: bool) -> Result<(), DbErr> {
    kb_feedback::Entity::insert(kb_feedback::ActiveModel {
        article_id: Set(article_id),
        user_id: Set(user_id),
        helped: Set(helped),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([kb_feedback::Column::ArticleId, kb_feedback::Column::UserId])
            .update_columns([kb_feedback::Column::Helped, kb_feedback::Column::UpdatedAt])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn my_feedback(db: &impl ConnectionTrait, article_id: i32, user_id: i32) -> Result<Option<bool>, DbErr> {
    Ok(kb_feedback::Entity::find()
        .filter(kb_feedback::Column::ArticleId.eq(article_id))
        .filter(kb_feedback::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .map(|f| f.helped))
}

/// Records the articles shown on one form; an article shown again on it is not counted again.
pub async fn shown(db: &impl ConnectionTrait, token: &str, articles: &[i32], user_id: i32, org_id: i32) -> Result<(), DbErr> {
    if articles.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let rows = articles.iter().map(|a| kb_suggestion::ActiveModel {
        token: Set(token.to_string()),
        article_id: Set(*a),
        user_id: Set(user_id),
        org_id: Set(org_id),
        shown_at: Set(now),
        ..Default::default()
    });
    kb_suggestion::Entity::insert_many(rows)
        .on_conflict(OnConflict::columns([kb_suggestion::Column::Token, kb_suggestion::Column::ArticleId]).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Records an outcome of a suggestion on the caller's own form (`article`: `None` for every
/// article shown on it, as "submitted anyway" is). Each outcome is kept once, the first time.
/// Answers how many suggestions it marked.
pub async fn mark(db: &impl ConnectionTrait, token: &str, user_id: i32, article: Option<i32>, outcome: Outcome) -> Result<u64, DbErr> {
    let col = match outcome {
        Outcome::Shown => return Ok(0),
        Outcome::Opened => kb_suggestion::Column::OpenedAt,
        Outcome::Solved => kb_suggestion::Column::SolvedAt,
        Outcome::Submitted => kb_suggestion::Column::SubmittedAt,
    };
    let mut q = kb_suggestion::Entity::update_many()
        .col_expr(col, Expr::value(Utc::now()))
        .filter(kb_suggestion::Column::Token.eq(token))
        .filter(kb_suggestion::Column::UserId.eq(user_id))
        .filter(col.is_null());
    if let Some(a) = article {
        q = q.filter(kb_suggestion::Column::ArticleId.eq(a));
    }
    Ok(q.exec(db).await?.rows_affected)
}

/// Whether the form `token` of this user was shown any article.
pub async fn any_shown(db: &impl ConnectionTrait, token: &str, user_id: i32) -> Result<bool, DbErr> {
    Ok(kb_suggestion::Entity::find().filter(kb_suggestion::Column::Token.eq(token)).filter(kb_suggestion::Column::UserId.eq(user_id)).one(db).await?.is_some())
}

/// Per article: how often it was suggested and what came of it, and readers' answers.
#[derive(Clone, Debug, Default, PartialEq, Eq, FromQueryResult)]
pub struct ArticleUse {
    pub article_id: i32,
    pub shown: i64,
    pub opened: i64,
    pub solved: i64,
    pub submitted: i64,
}

/// Suggestion outcomes counted per article in the database (the figures' one query).
fn usage_select() -> sea_orm::Select<kb_suggestion::Entity> {
    let count = |c: kb_suggestion::Column| Expr::col(c).count();
    kb_suggestion::Entity::find()
        .select_only()
        .column(kb_suggestion::Column::ArticleId)
        .expr_as(count(kb_suggestion::Column::Id), "shown")
        .expr_as(count(kb_suggestion::Column::OpenedAt), "opened")
        .expr_as(count(kb_suggestion::Column::SolvedAt), "solved")
        .expr_as(count(kb_suggestion::Column::SubmittedAt), "submitted")
        .group_by(kb_suggestion::Column::ArticleId)
}

/// Suggestion outcomes per article, most shown first.
pub async fn usage(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<ArticleUse>, DbErr> {
    usage_select()
        .order_by_desc(Expr::col(kb_suggestion::Column::Id).count())
        .order_by_asc(kb_suggestion::Column::ArticleId)
        .limit(limit)
        .into_model::<ArticleUse>()
        .all(db)
        .await
}

/// One article's suggestion outcomes.
pub async fn usage_of(db: &impl ConnectionTrait, article_id: i32) -> Result<ArticleUse, DbErr> {
    Ok(usage_select()
        .filter(kb_suggestion::Column::ArticleId.eq(article_id))
        .into_model::<ArticleUse>()
        .one(db)
        .await?
        .unwrap_or(ArticleUse { article_id, ..Default::default() }))
}

/// A new-request form's suggestion token (43 URL-safe characters, 256 random bits).
pub fn new_form_token() -> String {
    domain::survey::token_from_bytes(rand::random())
}

#[derive(Clone, Debug, Default, PartialEq, Eq, FromQueryResult)]
pub struct Helpfulness {
    pub article_id: i32,
    pub helped: i64,
    pub answers: i64,
}

/// Readers' answers per article, for the given articles.
pub async fn helpfulness(db: &impl ConnectionTrait, articles: &[i32]) -> Result<Vec<Helpfulness>, DbErr> {
    if articles.is_empty() {
        return Ok(vec![]);
    }
    kb_feedback::Entity::find()
        .select_only()
        .column(kb_feedback::Column::ArticleId)
        .expr_as(Expr::cust("SUM(CASE WHEN helped THEN 1 ELSE 0 END)"), "helped")
        .expr_as(Expr::col(kb_feedback::Column::Id).count(), "answers")
        .filter(kb_feedback::Column::ArticleId.is_in(articles.iter().copied()))
        .group_by(kb_feedback::Column::ArticleId)
        .into_model::<Helpfulness>()
        .all(db)
        .await
}

/// Counts a search (or a request's title) that found nothing, once per distinct text and
/// source. `key` is the normalised text.
pub async fn missed(db: &impl ConnectionTrait, key: &str, query: &str, source: &str) -> Result<(), DbErr> {
    kb_miss::Entity::insert(kb_miss::ActiveModel {
        query_key: Set(key.to_string()),
        query: Set(query.to_string()),
        source: Set(source.to_string()),
        count: Set(1),
        last_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([kb_miss::Column::QueryKey, kb_miss::Column::Source])
            .value(kb_miss::Column::Count, Expr::col((kb_miss::Entity, kb_miss::Column::Count)).add(1))
            .update_columns([kb_miss::Column::LastAt, kb_miss::Column::Query])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The searches that found nothing, most asked first.
pub async fn misses(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<kb_miss::Model>, DbErr> {
    kb_miss::Entity::find().order_by_desc(kb_miss::Column::Count).order_by_desc(kb_miss::Column::LastAt).limit(limit).all(db).await
}

pub async fn add_image(
    db: &impl ConnectionTrait,
    article_id: i32,
    filename: &str,
    content_type: &str,
    data: Vec<u8>,
    by: i32,
) -> Result<kb_image::Model, DbErr> {
    kb_image::ActiveModel {
        article_id: Set(article_id),
        filename: Set(filename.to_string()),
        content_type: Set(content_type.to_string()),
        size: Set(data.len() as i64),
        data: Set(data),
        uploaded_by: Set(by),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
}

pub async fn image(db: &impl ConnectionTrait, id: i32) -> Result<Option<kb_image::Model>, DbErr> {
    kb_image::Entity::find_by_id(id).one(db).await
}

/// An article's images without their bytes: (id, file name, size).
pub async fn images_of(db: &impl ConnectionTrait, article_id: i32) -> Result<Vec<(i32, String, i64)>, DbErr> {
    kb_image::Entity::find()
        .select_only()
        .columns([kb_image::Column::Id, kb_image::Column::Filename, kb_image::Column::Size])
        .filter(kb_image::Column::ArticleId.eq(article_id))
        .order_by_asc(kb_image::Column::Id)
        .into_tuple()
        .all(db)
        .await
}
