use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{QueueFilter, QueueRow, TriageQueue},
};

/// How many rows a queue shows: a queue longer than this is a staffing problem, not a
/// paging one, and the filters narrow it.
pub const QUEUE_LIMIT: u64 = 200;

#[cfg(feature = "ssr")]
pub(crate) mod rows {
    use std::collections::HashMap;

    use db::entity::{organization, request::Model, site, user};
    use db::sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
    use domain::ticket::{FaultKind, RequestKind, Status};

    use crate::model::QueueRow;

    /// The stored next deadline and which clock it belongs to (the rule of
    /// `db::repo::queues::next_of`).
    fn next(r: &Model) -> (Option<chrono::DateTime<chrono::Utc>>, &'static str) {
        let clock = if r.first_response_at.is_none() {
            "response"
        } else if r.on_site_deadline.is_some() && r.on_site_at.is_none() {
            "on_site"
        } else {
            "resolution"
        };
        (r.next_deadline, clock)
    }

    pub async fn to_rows(conn: &impl ConnectionTrait, rows: Vec<Model>) -> Result<Vec<QueueRow>, DbErr> {
        let users: HashMap<i32, String> = user::Entity::find()
            .filter(user::Column::Id.is_in(rows.iter().filter_map(|r| r.assignee_id).collect::<Vec<_>>()))
            .all(conn)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect();
        let sites: HashMap<i32, String> = site::Entity::find()
            .filter(site::Column::Id.is_in(rows.iter().map(|r| r.site_id).collect::<Vec<_>>()))
            .all(conn)
            .await?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        let orgs: HashMap<i32, String> = organization::Entity::find()
            .filter(organization::Column::Id.is_in(rows.iter().map(|r| r.organization_id).collect::<Vec<_>>()))
            .all(conn)
            .await?
            .into_iter()
            .map(|o| (o.id, o.name))
            .collect();
        Ok(rows
            .into_iter()
            .map(|r| {
                let (next_deadline, clock) = next(&r);
                QueueRow {
                    status: Status::parse(&r.status).unwrap_or(Status::New),
                    severity: r.severity as u8,
                    kind: RequestKind::parse(&r.kind).unwrap_or(RequestKind::Fault),
                    fault_kind: r.fault_kind.as_deref().and_then(FaultKind::parse),
                    org_name: orgs.get(&r.organization_id).cloned().unwrap_or_default(),
                    site_name: sites.get(&r.site_id).cloned().unwrap_or_default(),
                    assignee_name: r.assignee_id.and_then(|a| users.get(&a).cloned()),
                    next_deadline,
                    next_clock: clock.into(),
                    stage: r.stage.clone(),
                    paused: r.paused_since.is_some(),
                    number: r.number,
                    title: r.title,
                }
            })
            .collect())
    }
}

/// The dispatcher's queue: new and unassigned requests first, nearest deadline first, with
/// each engineer's open load for assigning.
#[server(endpoint = "triage_queue")]
pub async fn get_triage_queue(filter: QueueFilter) -> Result<TriageQueue, AppError> {
    use crate::ssr::{require, respond};
    use domain::{
        ticket::{RequestKind, Status},
        OrgKind, Page,
    };
    respond(async move {
        let (state, caller) = require().await?;
        if domain::page_access(Page::Triage, Some(caller.actor.role)) != domain::Access::Allow {
            return Err(AppError::Forbidden);
        }
        let conn = &state.db.conn;
        let mut checked = crate::api::filters::Filters::default();
        let f = db::repo::queues::QueueFilter {
            organization_id: checked.id("org", &filter.org),
            site_id: checked.id("site", &filter.site),
            severity: checked.severity("severity", &filter.severity),
            kind: checked.opt("kind", &filter.kind, RequestKind::parse).map(|k| k.as_str().to_string()),
            status: checked.opt("status", &filter.status, |s| Status::parse(s).filter(|s| s.is_open())).map(|s| s.as_str().to_string()),
            unassigned_only: checked.word("show", &filter.show, &["all"]) != "all",
        };
        checked.check()?;
        let rows = rows::to_rows(conn, db::repo::queues::triage(conn, &f, QUEUE_LIMIT).await?).await?;
        let engineers = engineer_loads(&state, caller.org.id).await?;
        let organizations = db::repo::organizations::list(conn)
            .await?
            .into_iter()
            .filter(|o| OrgKind::parse(&o.kind) == Some(OrgKind::Customer))
            .map(|o| (o.id, o.name))
            .collect();
        let sites = match f.organization_id {
            Some(org) => db::repo::sites::list_by_org(conn, org).await?.into_iter().map(|s| (s.id, s.name)).collect(),
            None => vec![],
        };
        Ok(TriageQueue { rows, engineers, organizations, sites })
    })
    .await
}

/// The caller's own open requests (engineers; managers for survey follow-ups), the next
/// deadline first.
#[server(endpoint = "my_work")]
pub async fn get_my_work() -> Result<Vec<QueueRow>, AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        if domain::page_access(domain::Page::MyWork, Some(caller.actor.role)) != domain::Access::Allow {
            return Err(AppError::Forbidden);
        }
        let conn = &state.db.conn;
        Ok(rows::to_rows(conn, db::repo::queues::assigned_to(conn, caller.user.id, QUEUE_LIMIT).await?).await?)
    })
    .await
}

/// Active engineers of the provider with how many open requests each has, lightest first.
#[cfg(feature = "ssr")]
pub async fn engineer_loads(state: &crate::ssr::AppState, provider_org: i32) -> Result<Vec<crate::model::EngineerLoad>, AppError> {
    use crate::model::EngineerLoad;
    let conn = &state.db.conn;
    let people: Vec<_> = db::repo::users::list_by_org(conn, provider_org).await?.into_iter().filter(|u| u.active && u.role == "engineer").collect();
    let ids: Vec<i32> = people.iter().map(|u| u.id).collect();
    let load: std::collections::HashMap<i32, i64> = db::repo::queues::open_load(conn, &ids).await?.into_iter().collect();
    let mut engineers: Vec<EngineerLoad> =
        people.into_iter().map(|u| EngineerLoad { id: u.id, open: load.get(&u.id).copied().unwrap_or(0), name: u.display_name }).collect();
    engineers.sort_by(|a, b| a.open.cmp(&b.open).then_with(|| a.name.cmp(&b.name)));
    Ok(engineers)
}
