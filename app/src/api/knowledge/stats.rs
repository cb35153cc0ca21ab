use leptos::prelude::*;

use crate::{error::AppError, model::KbStats};

/// For writers: per article, how often it was suggested on the new-request form and what
/// came of it, and readers' answers; the searches and request titles that found nothing.
#[server(endpoint = "get_kb_stats")]
pub async fn get_kb_stats() -> Result<KbStats, AppError> {
    use crate::{
        model::{ArticleUseRow, MissRow},
        ssr::{require, respond},
    };
    respond(async move {
        let (state, caller) = require().await?;
        if !domain::knowledge::article::writes_articles(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let conn = &state.db.conn;
        let usage = db::repo::kb_usage::usage(conn, 200).await?;
        let ids: Vec<i32> = usage.iter().map(|u| u.article_id).collect();
        let helped = db::repo::kb_usage::helpfulness(conn, &ids).await?;
        let articles = db::repo::kb_articles::find_many(conn, &ids).await?;
        let titles = db::repo::kb_articles::latest_versions(conn, &articles).await?;
        let rows = usage
            .into_iter()
            .map(|u| {
                let h = helped.iter().find(|h| h.article_id == u.article_id);
                ArticleUseRow {
                    id: u.article_id,
                    title: titles.iter().find(|t| t.article_id == u.article_id).map(|t| t.title.clone()).unwrap_or_default(),
                    shown: u.shown,
                    opened: u.opened,
                    solved: u.solved,
                    submitted: u.submitted,
                    helped: h.map(|h| h.helped).unwrap_or(0),
                    answers: h.map(|h| h.answers).unwrap_or(0),
                }
            })
            .collect();
        let misses = db::repo::kb_usage::misses(conn, 200)
            .await?
            .into_iter()
            .map(|m| MissRow {
                query: m.query,
                source: m.source,
                count: m.count,
                last: crate::api::inspections::local(m.last_at, domain::equipment::WARRANTY_TZ),
            })
            .collect();
        Ok(KbStats { articles: rows, misses })
    })
    .await
}
