use domain::knowledge::ArticleForm;
use leptos::prelude::*;

use crate::{error::AppError, model::ArticleFormData};

/// The writer's form: an article's newest version (`id`), or a new one (`id` 0), possibly the
/// translation of article `translates` (its category, tags, models and audience filled in,
/// the other language chosen).
#[server(endpoint = "get_article_form")]
pub async fn get_article_form(id: i32, translates: i32) -> Result<ArticleFormData, AppError> {
    use domain::knowledge::{article::writes_articles, ArticleLang, Category, Visibility};

    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !writes_articles(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let conn = &state.db.conn;
        let organizations = customer_orgs(conn).await?;
        if id != 0 {
            let article = db::repo::kb_articles::find(conn, id).await?.ok_or(AppError::NotFound)?;
            let v = db::repo::kb_articles::version(conn, id, article.latest_version).await?.ok_or(AppError::NotFound)?;
            let draft = db::repo::kb_articles::draft_of(&v).ok_or(AppError::NotFound)?;
            let images = db::repo::kb_usage::images_of(conn, id).await?;
            return Ok(ArticleFormData { id, version: article.version, form: draft.to_form(), organizations, translates: None, images });
        }
        let mut form = ArticleForm {
            category: Category::Other.as_str().into(),
            lang: if caller.user.lang == "en" { ArticleLang::En } else { ArticleLang::Zh }.as_str().into(),
            visibility: Visibility::Customers.as_str().into(),
            ..Default::default()
        };
        let mut translating = None;
        if translates != 0 {
            let source = db::repo::kb_articles::find(conn, translates).await?.ok_or(AppError::NotFound)?;
            let v = db::repo::kb_articles::version(conn, translates, source.latest_version).await?.ok_or(AppError::NotFound)?;
            let d = db::repo::kb_articles::draft_of(&v).ok_or(AppError::NotFound)?;
            form = ArticleForm { title: String::new(), body: String::new(), lang: d.lang.other().as_str().into(), ..d.to_form() };
            translating = Some((translates, d.title));
        }
        Ok(ArticleFormData { id: 0, version: 0, form, organizations, translates: translating, images: vec![] })
    })
    .await
}

#[cfg(feature = "ssr")]
async fn customer_orgs(conn: &impl db::sea_orm::ConnectionTrait) -> Result<Vec<(i32, String)>, AppError> {
    Ok(db::repo::organizations::list(conn)
        .await?
        .into_iter()
        .filter(|o| domain::OrgKind::parse(&o.kind) == Some(domain::OrgKind::Customer))
        .map(|o| (o.id, o.name))
        .collect())
}

/// Saves a new version of an article still at `version` (a new article when `id` is 0, the
/// translation of `translates` when that is not 0). Every save is a version and makes the
/// article a draft again; readers keep the published version until this one is published.
/// The chosen organizations come as checkboxes `org_ids[i]`.
#[server(endpoint = "save_article")]
pub async fn save_article(id: i32, version: i32, translates: i32, org_ids: Option<Vec<String>>, #[server(flatten)] form: ArticleForm) -> Result<i32, AppError> {
    use domain::{
        knowledge::{article::writes_articles, ArticleStatus},
        ErrorCode,
    };

    use crate::ssr::{knowledge::markup, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !writes_articles(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        if version < 0 {
            return Err(AppError::field("version", ErrorCode::InvalidNumber));
        }
        let mut form = form;
        if let Some(ids) = org_ids {
            form.orgs = ids.join(",");
        }
        let draft = form.validate().map_err(AppError::Invalid)?;
        let conn = &state.db.conn;
        if !draft.orgs.is_empty() {
            let customers = customer_orgs(conn).await?;
            if draft.orgs.iter().any(|o| !customers.iter().any(|(c, _)| c == o)) {
                return Err(AppError::field("orgs", ErrorCode::InvalidChoice));
            }
        }
        // Images must be this article's own uploads.
        for src in markup::images(&draft.body) {
            let ok = match markup::image_id(&src) {
                Some(img) if id != 0 => db::repo::kb_usage::image(conn, img).await?.is_some_and(|i| i.article_id == id),
                _ => false,
            };
            if !ok {
                return Err(AppError::field("body", ErrorCode::InvalidChoice));
            }
        }
        let tx = state.db.begin_write().await?;
        let saved_id = if id == 0 {
            let pair = if translates != 0 {
                let source = db::repo::kb_articles::find(&*tx, translates).await?.ok_or_else(|| AppError::field("translates", ErrorCode::InvalidChoice))?;
                if source.lang == draft.lang.as_str() {
                    return Err(AppError::field("lang", ErrorCode::InvalidChoice));
                }
                Some(source.pair_id.unwrap_or(source.id))
            } else {
                None
            };
            let new = db::repo::kb_articles::create(
                &*tx,
                db::repo::kb_articles::NewArticle {
                    draft: &draft,
                    by: caller.user.id,
                    pair_id: pair,
                    request_id: None,
                    note: "",
                    status: ArticleStatus::Draft,
                },
            )
            .await?;
            if let Some(pair) = pair {
                db::repo::kb_articles::set_pair(&*tx, &[pair, new.id], pair).await?;
            }
            new.id
        } else {
            let article = db::repo::kb_articles::find(&*tx, id).await?.ok_or(AppError::NotFound)?;
            db::repo::kb_articles::save_version(&*tx, &article, version, &draft, caller.user.id, "").await?.ok_or(AppError::Conflict)?;
            id
        };
        crate::ssr::audit::record(&*tx, &caller, "article.save", &saved_id.to_string(), None, serde_json::json!({ "title": draft.title })).await?;
        tx.commit().await?;
        leptos_axum::redirect(&domain::href::article(saved_id));
        Ok(saved_id)
    })
    .await
}

/// A review step on an article still at `version`: send for review, publish, send back,
/// withdraw (`domain::knowledge::article::transition` says who may).
#[server(endpoint = "act_on_article")]
pub async fn act_on_article(id: i32, version: i32, action: String) -> Result<(), AppError> {
    use domain::{
        knowledge::{
            article::{transition, StepError},
            ArticleAction, ArticleStatus,
        },
        ErrorCode, Refusal,
    };

    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let action = ArticleAction::parse(action.trim()).ok_or_else(|| AppError::field("action", ErrorCode::InvalidChoice))?;
        if !domain::knowledge::article::writes_articles(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let tx = state.db.begin_write().await?;
        let article = db::repo::kb_articles::find(&*tx, id).await?.ok_or(AppError::NotFound)?;
        if article.version != version {
            return Err(AppError::Conflict);
        }
        let status = ArticleStatus::parse(&article.status).unwrap_or(ArticleStatus::Draft);
        let next = transition(status, action, caller.actor.role, article.latest_author == caller.user.id).map_err(|e| match e {
            StepError::NotAllowed => AppError::Forbidden,
            StepError::NotNow => AppError::NotNow(Refusal::ArticleNotNow),
        })?;
        if !db::repo::kb_articles::set_status(&*tx, &article, version, next).await? {
            return Err(AppError::Conflict);
        }
        crate::ssr::audit::record(
            &*tx,
            &caller,
            "article.review",
            &id.to_string(),
            None,
            serde_json::json!({ "action": action.as_str(), "version": article.latest_version }),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&domain::href::article(id));
        Ok(())
    })
    .await
}

/// One click from a resolved request: a draft article in the request's language, prefilled
/// from its title, description and fault report (cause, what was done), linked to the
/// request, for a manager to review. Opens the draft's form.
#[server(endpoint = "draft_article_from_request")]
pub async fn draft_article_from_request(number: String) -> Result<i32, AppError> {
    use domain::{
        knowledge::{article::writes_articles, ArticleDraft, ArticleLang, ArticleStatus, Category, Visibility},
        ticket::{FaultReport, Status},
    };

    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if !writes_articles(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let r = crate::ssr::requests::load_visible(&state, &caller, number.trim()).await?;
        if !matches!(Status::parse(&r.status), Some(Status::Resolved | Status::Closed)) {
            return Err(AppError::NotNow(domain::Refusal::ArticleNotNow));
        }
        let report: Option<FaultReport> = r.fault_report_json.as_deref().and_then(|j| serde_json::from_str(j).ok());
        let zh = r.title.chars().any(domain::knowledge::text::is_cjk) || r.description.chars().any(domain::knowledge::text::is_cjk);
        let lang = if zh { ArticleLang::Zh } else { ArticleLang::En };
        let (h_problem, h_cause, h_fix, h_parts) = match lang {
            ArticleLang::Zh => ("## 现象", "## 原因", "## 处理方法", "## 更换的部件"),
            ArticleLang::En => ("## Symptoms", "## Cause", "## What fixes it", "## Parts replaced"),
        };
        let mut body = format!("{h_problem}\n\n{}\n", r.description.trim());
        if let Some(rep) = &report {
            body.push_str(&format!("\n{h_cause}\n\n{}\n\n{h_fix}\n\n{}\n", rep.cause.trim(), rep.action_taken.trim()));
            if !rep.parts_replaced.is_empty() {
                body.push_str(&format!("\n{h_parts}\n\n"));
                for p in &rep.parts_replaced {
                    body.push_str(&format!("- {p}\n"));
                }
            }
        }
        let mut software = vec![];
        if !r.system.trim().is_empty() {
            software.push(r.system.trim().to_string());
        }
        let mut models = vec![];
        if let Some(d) = r.device_id {
            if let Some(d) = db::repo::devices::find(&state.db.conn, d).await? {
                if !d.model.trim().is_empty() {
                    models.push(d.model.trim().to_string());
                }
            }
        }
        let title: String = r.title.chars().take(domain::knowledge::article::TITLE_MAX).collect();
        let body: String = body.chars().take(domain::knowledge::article::BODY_MAX).collect();
        // Staff only until reviewed: a request's details are the customer's until a writer
        // has made them general.
        let draft = ArticleDraft { title, body, category: Category::Other, lang, tags: vec![], models, software, visibility: Visibility::Staff, orgs: vec![] };
        let tx = state.db.begin_write().await?;
        let note = format!("from {}", r.number);
        let new = db::repo::kb_articles::create(
            &*tx,
            db::repo::kb_articles::NewArticle {
                draft: &draft,
                by: caller.user.id,
                pair_id: None,
                request_id: Some(r.id),
                note: &note,
                status: ArticleStatus::Draft,
            },
        )
        .await?;
        crate::ssr::audit::record(
            &*tx,
            &caller,
            "article.from_request",
            &new.id.to_string(),
            Some(r.organization_id),
            serde_json::json!({ "request": r.number }),
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&domain::href::article_edit(new.id));
        Ok(new.id)
    })
    .await
}
