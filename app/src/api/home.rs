//! The home page's data: what needs the signed-in person now, by role. Read-only (reports are
//! peeked at, never frozen here), and every list is short and bounded.
use leptos::prelude::*;

use crate::{error::AppError, model::Home};

/// How many rows a home card lists; the card links to the whole list.
pub const CARD_ROWS: u64 = 8;

#[server(endpoint = "home")]
pub async fn get_home() -> Result<Home, AppError> {
    use crate::ssr::{require, respond};
    use domain::Role;
    respond(async move {
        let (state, caller) = require().await?;
        let now = chrono::Utc::now();
        Ok(match caller.actor.role {
            Role::Customer | Role::SiteManager => Home::Customer(build::customer(&state, &caller, now).await?),
            Role::Engineer => Home::Engineer(build::engineer(&state, &caller, now).await?),
            Role::Dispatcher => Home::Dispatcher(build::dispatcher(&state, &caller, now).await?),
            Role::Manager | Role::Admin => Home::Manager(build::manager(&state, now).await?),
        })
    })
    .await
}

#[cfg(feature = "ssr")]
mod build {
    use chrono::{DateTime, Duration, Utc};
    use chrono_tz::Tz;
    use db::repo::home::{self as repo, Whose};
    use domain::report::{Period, PeriodKind, Scope};
    use domain::Role;

    use super::CARD_ROWS;
    use crate::{
        api::staff::rows::to_rows,
        error::AppError,
        model::{CustomerHome, DispatcherHome, EngineerHome, InspectionBrief, ManagerHome, MonthGlance, NextTraining, PlanWaiting, WaitingForYou},
        ssr::{reports, AppState, Caller},
    };

    // The page shows "10000+" with the wire's copy of the cap; the queries stop at the database's.
    const _: () = assert!(crate::model::COUNT_CAP == db::repo::requests::COUNT_CAP);

    pub async fn customer(state: &AppState, caller: &Caller, now: DateTime<Utc>) -> Result<CustomerHome, AppError> {
        let conn = &state.db.conn;
        let lead = caller.actor.role == Role::SiteManager;
        let whose = if lead { Whose::Organization(caller.org.id) } else { Whose::Requester(caller.user.id) };
        let (rows, open_total) = repo::open_requests(conn, whose, CARD_ROWS).await?;
        // Remote sessions are asked for on the requests shown (the ones waiting come first).
        let remote = repo::remote_awaiting(conn, &rows.iter().map(|r| r.id).collect::<Vec<_>>()).await?;
        let mut waiting = vec![];
        for r in &rows {
            let (number, title) = (r.number.clone(), r.title.clone());
            if remote.contains(&r.id) {
                waiting.push(WaitingForYou::RemoteAccess { number: number.clone(), title: title.clone() });
            }
            match r.status.as_str() {
                "waiting_on_customer" => waiting.push(WaitingForYou::Reply { number, title }),
                "resolved" => waiting.push(WaitingForYou::ConfirmFix { number, title }),
                _ => {}
            }
        }
        let mut month = None;
        if lead {
            let org = caller.org.id;
            for p in repo::upgrades_proposed(conn, org, CARD_ROWS).await? {
                waiting.push(WaitingForYou::UpgradePlan { id: p.id, title: p.title });
            }
            let to_sign = repo::inspections_to_sign(conn, org, CARD_ROWS).await?;
            let scope = Scope::Organization(org);
            let tz = reports::zone_of(conn, scope).await?;
            let today = now.with_timezone(&tz).date_naive();
            let ahead = repo::inspections_ahead(conn, Some(org), None, today + Duration::days(400), 1).await?;
            let sites: Vec<i32> = to_sign.iter().chain(&ahead).map(|i| i.site_id).collect();
            let names = db::repo::names::of(conn, &[], &sites, &[org]).await?;
            let site = |id: i32| names.sites.get(&id).cloned().unwrap_or_default();
            for i in to_sign {
                waiting.push(WaitingForYou::InspectionReport { id: i.id, site: site(i.site_id), date: i.date });
            }
            let period = Period::at(PeriodKind::Month, now, tz);
            let figures = reports::compute(conn, scope, &period, tz, now).await?;
            month = Some(MonthGlance {
                report_href: domain::href::report(Some(org), &period),
                open_by_severity: repo::open_by_severity(conn, org).await?,
                missed: figures.sla.iter().map(|s| s.missed).sum(),
                met: figures.sla.iter().map(|s| s.met).sum(),
                satisfaction_centi: figures.satisfaction.average_overall_centi,
                answered: figures.satisfaction.answered,
                next_inspection: ahead.into_iter().next().map(|i| InspectionBrief {
                    id: i.id,
                    site: site(i.site_id),
                    organization: names.organizations.get(&org).cloned().unwrap_or_default(),
                    date: i.date,
                    overdue: i.date < today,
                }),
            });
        }
        let next_training = repo::next_training(conn, caller.user.id, now).await?.map(|(b, s)| {
            let tz: Tz = s.tz.parse().unwrap_or(reports::PROVIDER_TZ);
            NextTraining {
                id: s.id,
                title: s.title,
                starts: format!("{} {}", s.starts_at.with_timezone(&tz).format("%Y-%m-%d %H:%M"), tz.name()),
                waitlisted: b.status == "waitlisted",
            }
        });
        Ok(CustomerHome { organization_wide: lead, waiting, open: to_rows(conn, rows).await?, open_total, next_training, month })
    }

    pub async fn engineer(state: &AppState, caller: &Caller, now: DateTime<Utc>) -> Result<EngineerHome, AppError> {
        let conn = &state.db.conn;
        let work = to_rows(conn, db::repo::queues::assigned_to(conn, caller.user.id, CARD_ROWS * 4).await?).await?;
        let overdue = work.iter().filter(|r| !r.paused && r.next_deadline.is_some_and(|d| d < now)).count() as u64;
        let today = now.with_timezone(&reports::PROVIDER_TZ).date_naive();
        let inspections = briefs(state, repo::inspections_ahead(conn, None, Some(caller.user.id), today, CARD_ROWS).await?, today).await?;
        Ok(EngineerHome { work, overdue, inspections })
    }

    pub async fn dispatcher(state: &AppState, caller: &Caller, now: DateTime<Utc>) -> Result<DispatcherHome, AppError> {
        let conn = &state.db.conn;
        let filter = db::repo::queues::QueueFilter { unassigned_only: true, ..Default::default() };
        let unassigned = to_rows(conn, db::repo::queues::triage(conn, &filter, CARD_ROWS).await?).await?;
        let due_soon = to_rows(conn, repo::due_before(conn, now + Duration::hours(1), CARD_ROWS).await?).await?;
        let engineers = crate::api::staff::engineer_loads(state, caller.org.id).await?;
        Ok(DispatcherHome { unassigned, due_soon, engineers })
    }

    pub async fn manager(state: &AppState, now: DateTime<Utc>) -> Result<ManagerHome, AppError> {
        let conn = &state.db.conn;
        let tz = reports::PROVIDER_TZ;
        let week = Period::at(PeriodKind::Week, now, tz);
        let figures = reports::compute(conn, Scope::Provider, &week, tz, now).await?;
        let mut missed_by_tier: Vec<(String, u32)> = vec![];
        for s in &figures.sla {
            match missed_by_tier.iter_mut().find(|(t, _)| *t == s.tier) {
                Some((_, n)) => *n += s.missed,
                None => missed_by_tier.push((s.tier.clone(), s.missed)),
            }
        }
        let plans = repo::plans_requested(conn, CARD_ROWS)
            .await?
            .into_iter()
            .filter_map(|(p, r)| {
                let kind = domain::ticket::emergency::EmergencyKind::parse(&p.kind)?;
                r.map(|r| PlanWaiting { number: r.number, title: r.title, kind, requested_at: p.requested_at })
            })
            .collect();
        let escalated = to_rows(conn, repo::escalated(conn, CARD_ROWS).await?).await?;
        let mut satisfaction = vec![];
        let mut month = Period::at(PeriodKind::Month, now, tz);
        for _ in 0..3 {
            let f = reports::peek(conn, Scope::Provider, month, tz, now).await?;
            satisfaction.push((month.start.format("%Y-%m").to_string(), f.satisfaction.average_overall_centi, f.satisfaction.answered));
            month = month.prev();
        }
        let last_week = week.prev();
        let mut reports_due = vec![];
        for o in db::repo::organizations::list(conn).await? {
            if !o.active || domain::OrgKind::parse(&o.kind) != Some(domain::OrgKind::Customer) {
                continue;
            }
            if db::repo::reports::narrative(conn, &Scope::Organization(o.id).key(), &last_week.start.to_string()).await?.is_none() {
                reports_due.push((o.id, o.name, domain::href::report(Some(o.id), &last_week)));
            }
        }
        Ok(ManagerHome {
            week_href: domain::href::report(None, &week),
            missed_by_tier,
            plans,
            escalated,
            complaints_open: repo::complaints_open(conn).await?,
            satisfaction,
            reports_due,
        })
    }

    async fn briefs(state: &AppState, list: Vec<db::entity::inspection::Model>, today: chrono::NaiveDate) -> Result<Vec<InspectionBrief>, AppError> {
        let sites: Vec<i32> = list.iter().map(|i| i.site_id).collect();
        let orgs: Vec<i32> = list.iter().map(|i| i.organization_id).collect();
        let names = db::repo::names::of(&state.db.conn, &[], &sites, &orgs).await?;
        Ok(list
            .into_iter()
            .map(|i| InspectionBrief {
                id: i.id,
                site: names.sites.get(&i.site_id).cloned().unwrap_or_default(),
                organization: names.organizations.get(&i.organization_id).cloned().unwrap_or_default(),
                date: i.date,
                overdue: i.date < today,
            })
            .collect())
    }
}
