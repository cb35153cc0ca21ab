use leptos::prelude::*;

use crate::{error::AppError, model::ArticleView};

/// Reads the article the caller may see, or `NotFound` (another organization's, staff-only,
/// unpublished for a customer, or absent). Readers see the published version; writers see
/// the newest, or version `v` when asked (0: the default). `from`: the token of the caller's
/// own new-request form when opened from a suggestion; the opening is counted.
#[server(endpoint = "get_article")]
pub async fn get_article(id: i32, v: i32, from: String) -> Result<ArticleView, AppError> {
    use domain::knowledge::{
        article::{steps_for, valid_token, writes_articles},
        ArticleStatus, Outcome,
    };

    use super::reader;
    use crate::{
        model::{ArticleStaff, VersionRow},
        ssr::{knowledge::markup, respond},
    };
    respond(async move {
        if v < 0 {
            return Err(AppError::field("v", domain::ErrorCode::InvalidNumber));
        }
        let (state, caller, reader) = reader().await?;
        let conn = &state.db.conn;
        let article = db::repo::kb_articles::find(conn, id).await?.ok_or(AppError::NotFound)?;
        let writer = caller.as_ref().filter(|c| writes_articles(c.actor.role));
        let status = ArticleStatus::parse(&article.status).unwrap_or(ArticleStatus::Draft);
        let number = match (writer, v) {
            (Some(_), 0) => article.latest_version,
            (Some(_), n) => n,
            // Readers get the published version only, whatever they ask for.
            (None, _) => article.published_version.ok_or(AppError::NotFound)?,
        };
        let version = db::repo::kb_articles::version(conn, id, number).await?.ok_or(AppError::NotFound)?;
        let draft = db::repo::kb_articles::draft_of(&version).ok_or(AppError::NotFound)?;
        // Staff read everything; others what the published version's visibility allows.
        if writer.is_none() && !domain::knowledge::article::may_read(draft.visibility, &draft.orgs, reader) {
            return Err(AppError::NotFound);
        }
        let from = match (&caller, from.trim()) {
            (Some(c), token) if valid_token(token) => {
                let marked = db::repo::kb_usage::mark(conn, token, c.user.id, Some(id), Outcome::Opened).await?;
                // Only a suggestion of the caller's own form counts (and shows "this solved it").
                (marked > 0 || db::repo::kb_usage::any_shown(conn, token, c.user.id).await?).then(|| token.to_string())
            }
            _ => None,
        };
        // The translation, if the caller may read it.
        let mut translation = None;
        if let Some(pair) = article.pair_id {
            for other in db::repo::kb_articles::pair(conn, pair).await? {
                if other.id == id {
                    continue;
                }
                if writer.is_some() {
                    if let Some(v) = db::repo::kb_articles::version(conn, other.id, other.latest_version).await? {
                        translation = Some((other.id, v.title));
                    }
                } else if let Some(m) = state.kb.meta(other.id).await.filter(|m| m.readable_by(reader)) {
                    translation = Some((other.id, m.title));
                }
            }
        }
        let my_feedback = match &caller {
            Some(c) => db::repo::kb_usage::my_feedback(conn, id, c.user.id).await?,
            None => None,
        };
        let staff = match writer {
            None => None,
            Some(c) => {
                let versions = db::repo::kb_articles::versions(conn, id).await?;
                let mut users: Vec<i32> = versions.iter().map(|v| v.author_id).collect();
                users.push(article.latest_author);
                let names = db::repo::names::of(conn, &users, &[], &draft.orgs).await?;
                let usage = db::repo::kb_usage::usage_of(conn, id).await?;
                let helped = db::repo::kb_usage::helpfulness(conn, &[id]).await?.first().map(|h| (h.helped, h.answers)).unwrap_or((0, 0));
                let request = match article.request_id {
                    Some(r) => db::repo::requests::find(conn, r).await?.map(|r| r.number),
                    None => None,
                };
                Some(ArticleStaff {
                    status,
                    version: article.version,
                    latest_version: article.latest_version,
                    published_version: article.published_version,
                    steps: steps_for(status, c.actor.role, article.latest_author == c.user.id),
                    versions: versions
                        .iter()
                        .map(|v| VersionRow {
                            number: v.number,
                            title: v.title.clone(),
                            author: names.users.get(&v.author_id).map(|u| u.0.clone()).unwrap_or_default(),
                            at: crate::api::inspections::local(v.created_at, domain::equipment::WARRANTY_TZ),
                            note: v.note.clone(),
                        })
                        .collect(),
                    visibility: draft.visibility,
                    organizations: draft.orgs.iter().filter_map(|o| names.organizations.get(o).cloned()).collect(),
                    request,
                    suggested: (usage.shown, usage.opened, usage.solved, usage.submitted),
                    helped,
                })
            }
        };
        Ok(ArticleView {
            id,
            shown: number,
            title: draft.title.clone(),
            body_html: markup::to_html(&draft.body),
            category: draft.category,
            lang: draft.lang,
            tags: draft.tags,
            models: draft.models,
            software: draft.software,
            updated: crate::api::inspections::local(version.created_at, domain::equipment::WARRANTY_TZ),
            translation,
            from,
            signed_in: caller.is_some(),
            my_feedback,
            staff,
        })
    })
    .await
}

/// The caller's answer to "did this help?" on an article they may read.
#[server(endpoint = "rate_article")]
pub async fn rate_article(id: i32, helped: bool) -> Result<(), AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        readable(&state, &caller, id).await?;
        db::repo::kb_usage::set_feedback(&state.db.conn, id, caller.user.id, helped).await?;
        leptos_axum::redirect(&format!("{}?rated=1", domain::href::article(id)));
        Ok(())
    })
    .await
}

/// "This solved it": the article suggested on the caller's new-request form made the request
/// unnecessary. Recorded, and the customer goes home; the form's draft stays in the browser
/// in case they come back.
#[server(endpoint = "article_solved")]
pub async fn article_solved(id: i32, token: String) -> Result<(), AppError> {
    use domain::{
        knowledge::{article::valid_token, Outcome},
        ErrorCode,
    };

    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !valid_token(token.trim()) {
            return Err(AppError::field("token", ErrorCode::InvalidChoice));
        }
        readable(&state, &caller, id).await?;
        let conn = &state.db.conn;
        let marked = db::repo::kb_usage::mark(conn, token.trim(), caller.user.id, Some(id), Outcome::Solved).await?;
        if marked == 0 && !db::repo::kb_usage::any_shown(conn, token.trim(), caller.user.id).await? {
            // Not a suggestion on this caller's form.
            return Err(AppError::field("token", ErrorCode::InvalidChoice));
        }
        leptos_axum::redirect("/?solved=1");
        Ok(())
    })
    .await
}

/// The published article if the caller may read it, else `NotFound`.
#[cfg(feature = "ssr")]
pub(crate) async fn readable(state: &crate::ssr::AppState, caller: &crate::ssr::Caller, id: i32) -> Result<db::entity::kb_article::Model, AppError> {
    use domain::knowledge::{article::may_read, Reader};
    let conn = &state.db.conn;
    let article = db::repo::kb_articles::find(conn, id).await?.ok_or(AppError::NotFound)?;
    let number = article.published_version.ok_or(AppError::NotFound)?;
    let version = db::repo::kb_articles::version(conn, id, number).await?.ok_or(AppError::NotFound)?;
    let draft = db::repo::kb_articles::draft_of(&version).ok_or(AppError::NotFound)?;
    if !may_read(draft.visibility, &draft.orgs, Reader::of(Some(caller.actor.role), caller.org.id)) {
        return Err(AppError::NotFound);
    }
    Ok(article)
}
