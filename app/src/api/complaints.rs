//! Complaints to the service supervision: the customer's people complain (about a request or
//! the service in general) and accept or reject the answer; managers acknowledge and answer.
//! Anyone else (engineers, dispatchers, admins, another organization) gets "not found" from
//! every function, whatever the id.
use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{ComplaintFormView, ComplaintRow, ComplaintView},
};

#[cfg(feature = "ssr")]
mod rows {
    use chrono::Utc;
    use db::entity::complaint::Model;
    use db::repo::names::Names;

    use crate::model::ComplaintRow;
    use crate::ssr::complaints::status_of;

    pub fn row(c: &Model, names: &Names, request: Option<String>, tz: &str) -> ComplaintRow {
        let now = Utc::now();
        // A clock is missed when its step came after it (or has not come and it has passed);
        // a closed complaint was answered, so its figures no longer depend on now.
        let late_ack = c.acknowledged_at.unwrap_or(now) > c.ack_due_at;
        let late_answer = c.answered_at.unwrap_or(now) > c.answer_due_at;
        ComplaintRow {
            id: c.id,
            number: c.number.clone(),
            status: status_of(c),
            request,
            organization: names.organizations.get(&c.organization_id).cloned().unwrap_or_default(),
            complainant: names.users.get(&c.complainant_id).map(|u| u.0.clone()).unwrap_or_default(),
            created_at: c.created_at,
            ack_due_at: c.ack_due_at,
            answer_due_at: c.answer_due_at,
            acknowledged_at: c.acknowledged_at,
            answered_at: c.answered_at,
            late: late_ack || late_answer,
            tz: tz.to_string(),
        }
    }
}

#[server(endpoint = "list_complaints")]
pub async fn list_complaints() -> Result<Vec<ComplaintRow>, AppError> {
    use crate::ssr::{require, respond};
    use db::repo::complaints::Scope;
    use domain::Role;
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let scope = match caller.actor.role {
            Role::Manager => Scope::All,
            Role::SiteManager => Scope::Organization(caller.actor.org_id),
            Role::Customer => Scope::Complainant(caller.user.id),
            _ => return Err(AppError::Forbidden),
        };
        let list = db::repo::complaints::list(conn, scope, 200).await?;
        let users: Vec<i32> = list.iter().map(|c| c.complainant_id).collect();
        let orgs: Vec<i32> = list.iter().map(|c| c.organization_id).collect();
        let names = db::repo::names::of(conn, &users, &[], &orgs).await?;
        let request_ids: Vec<i32> = list.iter().filter_map(|c| c.request_id).collect();
        let numbers = db::repo::requests::numbers_of(conn, &request_ids).await?;
        // One zone per organization, not per row.
        let mut zones = std::collections::HashMap::new();
        let mut out = vec![];
        for c in &list {
            let tz = match zones.get(&c.organization_id) {
                Some(tz) => *tz,
                None => {
                    let tz = crate::ssr::contract_calendar::zone(conn, c.organization_id).await?;
                    zones.insert(c.organization_id, tz);
                    tz
                }
            };
            let request = c.request_id.and_then(|id| numbers.get(&id).cloned());
            out.push(rows::row(c, &names, request, tz.name()));
        }
        Ok(out)
    })
    .await
}

#[server(endpoint = "get_complaint")]
pub async fn get_complaint(id: i32) -> Result<ComplaintView, AppError> {
    use crate::model::ComplaintStep;
    use crate::ssr::{complaints as svc, require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let c = svc::visible(conn, &caller.actor, id).await?;
        let history = db::repo::complaints::events(conn, c.id).await?;
        let mut users: Vec<i32> = history.iter().filter_map(|e| e.actor_id).collect();
        users.push(c.complainant_id);
        users.extend(c.supervisor_id);
        let names = db::repo::names::of(conn, &users, &[], &[c.organization_id]).await?;
        let request = match c.request_id {
            Some(rid) => db::repo::requests::find(conn, rid).await?,
            None => None,
        };
        let tz = crate::ssr::contract_calendar::zone(conn, c.organization_id).await?;
        let supervisor_view = caller.actor.role == domain::Role::Manager;
        let name = |id: Option<i32>| id.and_then(|u| names.users.get(&u).map(|n| n.0.clone())).unwrap_or_default();
        Ok(ComplaintView {
            row: rows::row(&c, &names, request.as_ref().map(|r| r.number.clone()), tz.name()),
            text: c.text.clone(),
            request_title: request.map(|r| r.title),
            supervisor: c.supervisor_id.map(|u| name(Some(u))),
            findings: if supervisor_view { c.findings.clone() } else { None },
            changes: c.changes.clone(),
            answer: c.answer.clone(),
            history: history.into_iter().map(|e| ComplaintStep { action: e.action, who: name(e.actor_id), note: e.note, at: e.created_at }).collect(),
            actions: domain::complaint::actions_for(svc::status_of(&c), svc::actor_kind(&caller.actor)),
            version: c.version,
        })
    })
    .await
}

#[server(endpoint = "get_complaint_form")]
pub async fn get_complaint_form() -> Result<ComplaintFormView, AppError> {
    use crate::ssr::{require, respond};
    use db::repo::requests::{ListQuery, Scope};
    use domain::Role;
    respond(async move {
        let (state, caller) = require().await?;
        if !domain::complaint::may_complain(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let scope = if caller.actor.role == Role::SiteManager { Scope::Organization(caller.actor.org_id) } else { Scope::Requester(caller.user.id) };
        let (list, _) = db::repo::requests::list(&state.db.conn, &ListQuery { scope, per_page: 50, ..Default::default() }).await?;
        Ok(ComplaintFormView { requests: list.into_iter().map(|r| (r.number, r.title)).collect() })
    })
    .await
}

/// A complaint about `request` (a service number the caller may see; empty: the service in
/// general). Answers with the new complaint's page.
#[server(endpoint = "submit_complaint")]
pub async fn submit_complaint(request: String, text: String, #[server(default)] from_survey: Option<String>) -> Result<i32, AppError> {
    use crate::ssr::{complaints as svc, requests, require, respond};
    use domain::complaint::{validate_text, working_days_after, TEXT_MIN};
    respond(async move {
        let (state, caller) = require().await?;
        if !domain::complaint::may_complain(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let text = validate_text("text", &text, TEXT_MIN).map_err(|e| AppError::Invalid(vec![e]))?;
        let about = match request.trim() {
            "" => None,
            number => Some(
                requests::load_visible(&state, &caller, number)
                    .await
                    .map_err(|_| AppError::Invalid(vec![domain::FieldError::new("request", domain::ErrorCode::InvalidChoice)]))?,
            ),
        };
        let now = chrono::Utc::now();
        let (cal, clocks) = svc::clocks_of(&state.db.conn, caller.actor.org_id).await?;
        let tx = state.db.begin_write().await?;
        let c = svc::create(
            &*tx,
            db::repo::complaints::NewComplaint {
                organization_id: caller.actor.org_id,
                complainant_id: caller.user.id,
                request_id: about.as_ref().map(|r| r.id),
                concerns_user_id: about.as_ref().and_then(|r| r.assignee_id),
                from_survey: from_survey.is_some_and(|s| s == "1" || s == "true"),
                text: &text,
                ack_due_at: working_days_after(&cal, now, clocks.ack_days),
                answer_due_at: working_days_after(&cal, now, clocks.answer_days),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        leptos_axum::redirect(&domain::href::complaint(c.id));
        Ok(c.id)
    })
    .await
}

/// One step: a supervisor acknowledges or answers (`findings`, `changes`, `answer`); the
/// customer accepts or rejects (`reason`).
#[server(endpoint = "act_on_complaint")]
pub async fn act_on_complaint(
    id: i32,
    version: i32,
    action: String,
    #[server(default)] findings: String,
    #[server(default)] changes: String,
    #[server(default)] answer: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    use crate::ssr::complaints::{self as svc, StepInput};
    use crate::ssr::{require, respond};
    use domain::complaint::{validate_answer, validate_text, ComplaintAction};
    respond(async move {
        let (state, caller) = require().await?;
        let c = svc::visible(&state.db.conn, &caller.actor, id).await?;
        let Some(action) = ComplaintAction::parse(&action).filter(|a| *a != ComplaintAction::AutoClose) else {
            return Err(AppError::Invalid(vec![domain::FieldError::new("action", domain::ErrorCode::InvalidChoice)]));
        };
        if c.version != version {
            return Err(AppError::Conflict);
        }
        let input = match action {
            ComplaintAction::Answer => StepInput::Answer(validate_answer(&findings, &changes, &answer).map_err(AppError::Invalid)?),
            ComplaintAction::Reject => StepInput::Reason(validate_text("reason", &reason, 1).map_err(|e| AppError::Invalid(vec![e]))?),
            _ => StepInput::None,
        };
        svc::step(&state.db, &c, action, Some(&caller.actor), input, chrono::Utc::now()).await?;
        Ok(())
    })
    .await
}
