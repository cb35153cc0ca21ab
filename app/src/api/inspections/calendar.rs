use leptos::prelude::*;

use crate::{error::AppError, model::InspectionCalendar};

/// The inspections of a month ("YYYY-MM"; empty: this month) as a grid and a list: every
/// inspection for staff, the organization's announced ones for customers.
#[server(endpoint = "list_inspections")]
pub async fn list_inspections(month: Option<String>) -> Result<InspectionCalendar, AppError> {
    use chrono::{Datelike, NaiveDate};
    use domain::{
        inspection::{InspectionKind, InspectionStatus},
        training::{month_grid, next_month, previous_month},
        ErrorCode, Role,
    };

    use crate::{
        model::{CalendarDay, InspectionRow, PlanLink},
        ssr::{inspections as insp, require, respond},
    };
    respond(async move {
        let (state, caller) = require().await?;
        if caller.actor.role == Role::Admin {
            return Err(AppError::Forbidden);
        }
        let conn = &state.db.conn;
        let now = chrono::Utc::now();
        let today = now.with_timezone(&chrono_tz::Asia::Shanghai).date_naive();
        let (year, month) = match month.as_deref().map(str::trim).unwrap_or("") {
            "" => (today.year(), today.month()),
            m => {
                let d = NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").map_err(|_| AppError::field("month", ErrorCode::InvalidDate))?;
                if !(2000..=2199).contains(&d.year()) {
                    return Err(AppError::field("month", ErrorCode::InvalidDate));
                }
                (d.year(), d.month())
            }
        };
        let empty = month_grid(year, month, chrono_tz::UTC, &[]).ok_or(AppError::Internal)?;
        let first = empty.weeks.first().map(|w| w[0].date).ok_or(AppError::Internal)?;
        let last = empty.weeks.last().map(|w| w[6].date).ok_or(AppError::Internal)?;
        let staff = caller.actor.role.is_staff();
        let scope = db::repo::inspections::ListScope { organization_id: (!staff).then_some(caller.actor.org_id), told_only: !staff, engineer_id: None };
        let found = db::repo::inspections::list_between(conn, scope, first, last, 2_000).await?;
        let users: Vec<i32> = found.iter().filter_map(|r| r.engineer_id).collect();
        let sites: Vec<i32> = found.iter().map(|r| r.site_id).collect();
        let orgs: Vec<i32> = found.iter().map(|r| r.organization_id).collect();
        let names = db::repo::names::of(conn, &users, &sites, &orgs).await?;
        let rows: Vec<InspectionRow> = found
            .iter()
            .map(|r| {
                let status = insp::status_of(r);
                let cal = insp::calendar_of(r);
                InspectionRow {
                    id: r.id,
                    date: r.date.to_string(),
                    organization: names.organizations.get(&r.organization_id).cloned().unwrap_or_default(),
                    site: names.sites.get(&r.site_id).cloned().unwrap_or_default(),
                    kind: InspectionKind::parse(&r.kind).unwrap_or(InspectionKind::Regular),
                    status,
                    engineer: r.engineer_id.and_then(|e| names.users.get(&e).map(|(n, _)| n.clone())),
                    announce_late: staff && status == InspectionStatus::Planned && insp::today_in(&cal, now) >= r.announce_by,
                    report_due: r.report_due_at.filter(|_| status.report_clock_runs()).map(|t| super::local(t, cal.tz)),
                    report_overdue: status.report_clock_runs() && r.report_due_at.is_some_and(|t| t < now),
                }
            })
            .collect();
        let placed: Vec<(i32, i64)> = found.iter().filter_map(|r| Some((r.id, r.date.and_hms_opt(12, 0, 0)?.and_utc().timestamp()))).collect();
        let grid = month_grid(year, month, chrono_tz::UTC, &placed).ok_or(AppError::Internal)?;
        let weeks = grid
            .weeks
            .iter()
            .map(|w| {
                w.iter()
                    .map(|d| CalendarDay {
                        date: d.date.to_string(),
                        day: d.date.day(),
                        in_month: d.in_month,
                        today: d.date == today,
                        inspections: d.sessions.clone(),
                    })
                    .collect()
            })
            .collect();
        let plans = if staff {
            let contracts = db::repo::contracts::list(conn).await?;
            let planned: std::collections::HashSet<i32> = db::repo::inspections::all_plans(conn).await?.into_iter().map(|p| p.contract_id).collect();
            let orgs: Vec<i32> = contracts.iter().map(|c| c.organization_id).collect();
            let names = db::repo::names::of(conn, &[], &[], &orgs).await?;
            contracts
                .into_iter()
                .filter(|c| c.valid_until.is_none_or(|u| u >= today))
                .map(|c| PlanLink {
                    contract_id: c.id,
                    organization: names.organizations.get(&c.organization_id).cloned().unwrap_or_default(),
                    has_plan: planned.contains(&c.id),
                })
                .collect()
        } else {
            vec![]
        };
        let (py, pm) = previous_month(year, month);
        let (ny, nm) = next_month(year, month);
        Ok(InspectionCalendar {
            month: format!("{year}-{month:02}"),
            previous: format!("{py}-{pm:02}"),
            next: format!("{ny}-{nm:02}"),
            weeks,
            rows,
            plans,
            staff,
        })
    })
    .await
}
