use leptos::prelude::*;

use crate::{error::AppError, model::KbBrowse};

/// The knowledge base's front page: a search over titles, bodies and tags (`q`), or the
/// articles of a category, that the caller may read (not signed in: public ones). Writers
/// also get the drafts and articles waiting for review. A signed-in search that finds nothing
/// is counted, so staff see which articles are still to write.
#[server(endpoint = "list_articles")]
pub async fn list_articles(q: String, category: String) -> Result<KbBrowse, AppError> {
    use domain::{
        knowledge::{article::writes_articles, index::SearchOpts, text::normalize, ArticleStatus, Category},
        ErrorCode,
    };

    use super::{cards, reader, QUERY_MAX};
    use crate::{model::ArticleRow, ssr::respond};
    respond(async move {
        let (state, caller, reader) = reader().await?;
        let conn = &state.db.conn;
        let q = q.trim();
        if q.chars().count() > QUERY_MAX {
            return Err(AppError::field("q", ErrorCode::TooLong { max: QUERY_MAX }));
        }
        let category = match category.trim() {
            "" => None,
            c => Some(Category::parse(c).ok_or_else(|| AppError::field("category", ErrorCode::InvalidChoice))?),
        };
        let results = if q.is_empty() {
            let listed = state.kb.browse(conn, reader, category).await?;
            listed
                .into_iter()
                .take(200)
                .map(|(id, m)| crate::model::ArticleCard {
                    id,
                    title: vec![domain::knowledge::index::Segment { text: m.title.clone(), hit: false }],
                    snippet: vec![],
                    category: m.category,
                    lang: m.lang,
                })
                .collect()
        } else {
            let hits = state.kb.search(conn, reader, q, &SearchOpts { limit: 50, ..Default::default() }).await?;
            let mut metas = std::collections::HashMap::new();
            for h in &hits {
                if let Some(m) = state.kb.meta(h.id).await {
                    metas.insert(h.id, m);
                }
            }
            let mut cards = cards(hits, &metas);
            if let Some(c) = category {
                cards.retain(|a| a.category == c);
            }
            // Counted for signed-in people only: strangers could fill the list with anything.
            if cards.is_empty() && caller.is_some() {
                let key: String = normalize(q).split_whitespace().collect::<Vec<_>>().join(" ");
                db::repo::kb_usage::missed(conn, &key, q, "search").await?;
            }
            cards
        };
        let categories = state.kb.counts(conn, reader).await?;
        let may_write = caller.as_ref().is_some_and(|c| writes_articles(c.actor.role));
        let mut work = vec![];
        if may_write {
            let mut articles = db::repo::kb_articles::list(conn, Some(ArticleStatus::InReview), 100).await?;
            articles.extend(db::repo::kb_articles::list(conn, Some(ArticleStatus::Draft), 100).await?);
            let latest = db::repo::kb_articles::latest_versions(conn, &articles).await?;
            let authors: Vec<i32> = articles.iter().map(|a| a.latest_author).collect();
            let names = db::repo::names::of(conn, &authors, &[], &[]).await?;
            for a in &articles {
                let Some(v) = latest.iter().find(|v| v.article_id == a.id) else { continue };
                work.push(ArticleRow {
                    id: a.id,
                    title: v.title.clone(),
                    status: ArticleStatus::parse(&a.status).unwrap_or(ArticleStatus::Draft),
                    lang: domain::knowledge::ArticleLang::parse(&a.lang).unwrap_or(domain::knowledge::ArticleLang::Zh),
                    author: names.users.get(&a.latest_author).map(|u| u.0.clone()).unwrap_or_default(),
                    updated: crate::api::inspections::local(a.updated_at, domain::equipment::WARRANTY_TZ),
                });
            }
        }
        Ok(KbBrowse { results, categories, work, may_write, signed_in: caller.is_some() })
    })
    .await
}
