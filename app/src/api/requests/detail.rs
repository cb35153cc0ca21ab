use leptos::prelude::*;

use crate::{error::AppError, model::RequestDetail};

/// One request with its timeline, attachments, clocks and the caller's possible actions.
/// Staff-only timeline lines and the escalation count are left out for customers here, on
/// the server.
#[server(endpoint = "get_request")]
pub async fn get_request(number: String) -> Result<RequestDetail, AppError> {
    use crate::model::{AttachmentInfo, TimelineItem};
    use crate::ssr::{requests as svc, require, respond};
    use domain::ticket::{allowed_actions, ActorKind, FaultKind, RequestKind, TransitionContext};
    use std::collections::HashMap;
    respond(async move {
        let (state, caller) = require().await?;
        let r = svc::load_visible(&state, &caller, &number).await?;
        let conn = &state.db.conn;
        let is_staff = caller.actor.role.is_staff();
        let events = db::repo::request_events::list(conn, r.id, is_staff).await?;
        let mut ids: Vec<i32> = events.iter().filter_map(|e| e.actor_id).collect();
        ids.extend([r.requester_id]);
        ids.extend(r.assignee_id);
        let names = db::repo::names::of(conn, &ids, &[r.site_id], &[r.organization_id]).await?;
        let people: HashMap<i32, (String, bool)> =
            names.users.into_iter().map(|(id, (name, role))| (id, (name, domain::Role::parse(&role).is_some_and(|r| r.is_staff())))).collect();
        let timeline = events
            .into_iter()
            .map(|e| TimelineItem {
                id: e.id,
                at: e.created_at,
                actor_name: e.actor_id.and_then(|a| people.get(&a)).map(|p| p.0.clone()),
                actor_is_staff: e.actor_id.and_then(|a| people.get(&a)).is_some_and(|p| p.1),
                line: domain::ticket::Line::from_stored(&e.kind, serde_json::from_str(&e.body).unwrap_or_default()),
                public: e.public,
            })
            .collect();
        let attachments = db::repo::attachments::list(conn, r.id)
            .await?
            .into_iter()
            .map(|a| AttachmentInfo { id: a.id, filename: a.filename, content_type: a.content_type, size: a.size, uploaded_at: a.created_at })
            .collect();
        let facts = svc::facts_of(conn, &r).await?;
        let status = svc::status_of(&r);
        let actor = ActorKind::from_role(caller.actor.role);
        let mut ctx = TransitionContext::new(chrono::Utc::now().timestamp());
        ctx.has_assignee = r.assignee_id.is_some();
        ctx.is_assignee = r.assignee_id == Some(caller.user.id);
        ctx.resolved_at = r.resolved_at.map(|t| t.timestamp());
        ctx.closed_at = r.closed_at.map(|t| t.timestamp());
        let actions = allowed_actions(status, actor, &ctx);
        // Engineers with their open load, lightest first, to assign to.
        let engineers = if is_staff {
            crate::api::staff::engineer_loads(&state, caller.org.id).await?.into_iter().map(|e| (e.id, format!("{} ({})", e.name, e.open))).collect()
        } else {
            vec![]
        };
        let work = work_info(conn, &caller, &r, status).await?;
        let org = names.organizations.get(&r.organization_id).cloned().unwrap_or_default();
        let site = names.sites.get(&r.site_id).cloned().unwrap_or_default();
        let device = match r.device_id {
            None => None,
            Some(id) => match db::repo::devices::find(conn, id).await? {
                // Never another organization's (the server writes only its own).
                Some(d) if d.organization_id == r.organization_id => {
                    let earlier = db::repo::devices::requests_of(conn, d.id, 11)
                        .await?
                        .into_iter()
                        .filter(|o| o.id != r.id)
                        .take(10)
                        .map(|o| (o.number, o.title))
                        .collect();
                    Some(crate::model::RequestDevice {
                        id: d.id,
                        warranty: domain::equipment::warranty(d.warranty_end, crate::ssr::equipment::today()),
                        name: d.name,
                        model: d.model,
                        serial: d.serial,
                        earlier,
                    })
                }
                _ => None,
            },
        };
        // Staff link articles in replies: the ones the request's words find, as the customer
        // may read them (an article of another organization is never offered).
        let articles = if is_staff {
            let customer = domain::knowledge::Reader::Customer { org_id: r.organization_id };
            let words = format!("{} {}", r.title, r.description.chars().take(200).collect::<String>());
            let opts = domain::knowledge::index::SearchOpts { limit: 3, ..Default::default() };
            state.kb.search(conn, customer, &words, &opts).await?.into_iter().map(|h| (h.id, h.title.into_iter().map(|s| s.text).collect())).collect()
        } else {
            vec![]
        };
        Ok(RequestDetail {
            articles,
            device,
            id: r.id,
            title: r.title.clone(),
            description: r.description.clone(),
            kind: RequestKind::parse(&r.kind).unwrap_or(RequestKind::Fault),
            fault_kind: r.fault_kind.as_deref().and_then(FaultKind::parse),
            severity: r.severity as u8,
            system: r.system.clone(),
            contact_phone: r.contact_phone.clone(),
            status,
            org_name: org,
            site_name: site,
            requester_name: people.get(&r.requester_id).map(|p| p.0.clone()).unwrap_or_default(),
            assignee_name: r.assignee_id.and_then(|a| people.get(&a)).map(|p| p.0.clone()),
            created_at: r.created_at,
            // Internal escalations count here too: staff only.
            escalation_level: is_staff.then_some(r.escalation_level),
            pause_reason: r.pause_reason.clone(),
            terms: svc::terms_of(&r),
            facts,
            timeline,
            attachments,
            can_reply: status.is_open() || status == domain::ticket::Status::Resolved,
            is_staff,
            actions,
            engineers,
            work,
            number: r.number,
        })
    })
    .await
}

/// The staff-work part of the detail, filtered for the caller.
#[cfg(feature = "ssr")]
async fn work_info(
    conn: &db::DatabaseConnection,
    caller: &crate::ssr::Caller,
    r: &db::entity::request::Model,
    status: domain::ticket::Status,
) -> Result<crate::model::WorkInfo, AppError> {
    use crate::model::{EmergencyPlanInfo, RemoteSessionInfo, WorkInfo};
    use crate::ssr::work;
    use db::sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use domain::ticket::{allowed_remote_actions, may_triage, next_stages, stage_allowed_in, OnSiteStage, RemoteStatus};
    let is_staff = caller.actor.role.is_staff();
    let remote_rows = db::repo::remote_sessions::list(conn, r.id).await?;
    let plans = if is_staff { db::repo::emergency_plans::list(conn, r.id).await? } else { vec![] };
    let mut ids: Vec<i32> = remote_rows.iter().flat_map(|s| [Some(s.requested_by), s.decided_by]).flatten().collect();
    ids.extend(plans.iter().flat_map(|p| [Some(p.requested_by), p.decided_by]).flatten());
    use db::entity::user;
    // Most requests have no remote session or plan: then there is nobody to name and no query.
    let names: std::collections::HashMap<i32, String> = if ids.is_empty() {
        Default::default()
    } else {
        user::Entity::find().filter(user::Column::Id.is_in(ids)).all(conn).await?.into_iter().map(|u| (u.id, u.display_name)).collect()
    };
    let name = |id: i32| names.get(&id).cloned().unwrap_or_default();
    let stage = r.stage.as_deref().and_then(OnSiteStage::parse);
    let can_work = work::working_on(caller, r) && status.is_open();
    let can_triage = is_staff && may_triage(work::actor_kind(caller)) && status.is_open();
    let (device_value, device_choices) = if can_triage { crate::ssr::equipment::triage_choices(conn, r).await? } else { (String::new(), vec![]) };
    let latest_remote = remote_rows.last().and_then(|s| RemoteStatus::parse(&s.status));
    let remote_actions =
        if status.is_open() { allowed_remote_actions(latest_remote, work::actor_kind(caller), r.assignee_id == Some(caller.user.id)) } else { vec![] };
    Ok(WorkInfo {
        stage,
        stage_at: r.stage_at,
        service_restored_at: r.service_restored_at,
        fault_report: r.fault_report_json.as_deref().and_then(|j| serde_json::from_str(j).ok()),
        remote: remote_rows
            .into_iter()
            .filter_map(|s| {
                // A row this build cannot read is left out (and logged), never shown wrong.
                let Some(status) = domain::ticket::RemoteStatus::parse(&s.status) else {
                    tracing::warn!(id = s.id, status = %s.status, "remote session with an unknown status left out");
                    return None;
                };
                Some(RemoteSessionInfo {
                    id: s.id,
                    status,
                    plan: s.plan,
                    requested_by: name(s.requested_by),
                    requested_at: s.requested_at,
                    decided_by: s.decided_by.map(name),
                    decided_at: s.decided_at,
                    command_log: s.command_log,
                    completed_at: s.completed_at,
                })
            })
            .collect(),
        remote_actions,
        emergencies: plans
            .into_iter()
            .filter_map(|p| {
                let (Some(kind), Some(status)) = (domain::ticket::EmergencyKind::parse(&p.kind), domain::ticket::EmergencyStatus::parse(&p.status)) else {
                    tracing::warn!(id = p.id, kind = %p.kind, status = %p.status, "emergency plan of an unknown kind or status left out");
                    return None;
                };
                Some(EmergencyPlanInfo {
                    id: p.id,
                    kind,
                    status,
                    reason: p.reason,
                    requested_by: name(p.requested_by),
                    requested_at: p.requested_at,
                    decided_by: p.decided_by.map(name),
                    decided_at: p.decided_at,
                })
            })
            .collect(),
        can_triage,
        can_work,
        can_authorise: matches!(caller.actor.role, domain::Role::Manager | domain::Role::Admin),
        next_stages: if can_work && stage_allowed_in(status) && r.assignee_id.is_some() { next_stages(stage) } else { vec![] },
        stock: if can_work { crate::ssr::parts::choices(conn).await? } else { vec![] },
        has_device: r.device_id.is_some(),
        device_value,
        device_choices,
    })
}
