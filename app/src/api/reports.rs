//! Service reports (issue 17): an organization's or the provider's week, month, quarter or
//! year; the requests behind each figure; the weekly narrative; a frozen period's recompute;
//! who receives which report by mail. Managers and admins read every report, a site manager
//! their organization's (another's is "not found"); everyone else is refused
//! (`domain::report::reach`). The exports (`server::report_export`) read through the same
//! `ssr::reports::load`.
use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{RecipientRow, ReportQuery, ReportRequests, ReportView},
};

/// Today in the zone the caller's reports are counted in (the provider's; a period is then
/// placed in the report's own zone).
#[cfg(feature = "ssr")]
fn today() -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&crate::ssr::reports::PROVIDER_TZ).date_naive()
}

#[server(endpoint = "get_report")]
pub async fn get_report(q: ReportQuery) -> Result<ReportView, AppError> {
    use crate::{
        model::NarrativeView,
        ssr::{require, respond},
    };
    use db::repo;
    use domain::{report::PeriodKind, OrgKind};
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let now = chrono::Utc::now();
        let (scope, period) = crate::ssr::reports::asked(&caller, &q.org, &q.period, &q.day, today())?;
        let r = crate::ssr::reports::load(conn, scope, period, now).await?;
        let name = match scope.org() {
            Some(org) => repo::organizations::find(conn, org).await?.map(|o| o.name).unwrap_or_default(),
            None => repo::organizations::provider(conn).await?.map(|o| o.name).unwrap_or_default(),
        };
        let recomputed = match r.recomputed {
            Some((by, at)) => Some((repo::users::find(conn, by).await?.map(|u| u.display_name).unwrap_or_default(), at)),
            None => None,
        };
        let narrative = if period.kind == PeriodKind::Week {
            Some(match repo::reports::narrative(conn, &scope.key(), &period.start.to_string()).await? {
                Some(n) => NarrativeView {
                    author: repo::users::find(conn, n.author_id).await?.map(|u| u.display_name).unwrap_or_default(),
                    done: n.done,
                    not_done: n.not_done,
                    plan: n.plan,
                    updated_at: Some(n.updated_at),
                    version: n.version,
                },
                None => NarrativeView::default(),
            })
        } else {
            None
        };
        let role = caller.actor.role;
        let organizations = if matches!(role, domain::Role::Manager | domain::Role::Admin) {
            let mut v: Vec<(i32, String)> = repo::organizations::list(conn)
                .await?
                .into_iter()
                .filter(|o| OrgKind::parse(&o.kind) == Some(OrgKind::Customer))
                .map(|o| (o.id, o.name))
                .collect();
            v.sort_by(|a, b| a.1.cmp(&b.1));
            v
        } else {
            vec![]
        };
        Ok(ReportView {
            org: scope.org(),
            name,
            period,
            tz: r.tz.name().to_string(),
            closed: r.closed,
            computed_at: r.computed_at,
            recomputed,
            figures: r.figures,
            narrative,
            may_write_narrative: domain::report::writes_narrative(role),
            may_recompute: domain::report::manages_reports(role) && r.closed,
            organizations,
            has_next: period.next().start <= today(),
            complaint_links: domain::complaint::may_read(role),
        })
    })
    .await
}

/// At most this many requests listed behind one figure (the total is always given).
pub const MAX_DRILL_ROWS: u64 = 500;

#[server(endpoint = "get_report_requests")]
pub async fn get_report_requests(q: ReportQuery, figure: String) -> Result<ReportRequests, AppError> {
    use crate::{
        model::ReportRequestRow,
        ssr::{require, respond},
    };
    use db::repo;
    use domain::{report::Drill, ErrorCode};
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let now = chrono::Utc::now();
        let (scope, period) = crate::ssr::reports::asked(&caller, &q.org, &q.period, &q.day, today())?;
        let drill = Drill::parse(&figure).ok_or_else(|| AppError::field("figure", ErrorCode::InvalidChoice))?;
        if let Some(org) = scope.org() {
            repo::organizations::find(conn, org).await?.ok_or(AppError::NotFound)?;
        }
        let tz = crate::ssr::reports::zone_of(conn, scope).await?;
        let span = crate::ssr::reports::span_of(scope, &period, tz, now);
        // A bar's own range; a day that is not one of the period's bars is bad input.
        let bar = match &drill {
            Drill::Bar(day) => {
                let bars = period.buckets();
                let i = bars.iter().position(|b| b == day).ok_or_else(|| AppError::field("figure", ErrorCode::InvalidChoice))?;
                let end = bars.get(i + 1).copied().unwrap_or(period.end());
                Some((domain::report::local_midnight(*day, tz), domain::report::local_midnight(end, tz)))
            }
            _ => None,
        };
        let (rows, total) = repo::reports::drill(conn, &span, &drill, bar, MAX_DRILL_ROWS).await?;
        let name = match scope.org() {
            Some(org) => repo::organizations::find(conn, org).await?.map(|o| o.name).unwrap_or_default(),
            None => repo::organizations::provider(conn).await?.map(|o| o.name).unwrap_or_default(),
        };
        Ok(ReportRequests {
            org: scope.org(),
            name,
            period,
            figure: drill.to_query(),
            tz: tz.name().to_string(),
            rows: rows
                .into_iter()
                .map(|r| ReportRequestRow {
                    number: r.number,
                    title: r.title,
                    status: r.status,
                    severity: r.severity.clamp(1, 3) as u8,
                    tier: r.tier,
                    created_at: r.created_at,
                })
                .collect(),
            total,
        })
    })
    .await
}

/// The manager's words on a weekly report. `version` is the one read (0: none yet): a save
/// over someone else's newer words is refused, not applied.
#[server(endpoint = "save_report_narrative")]
pub async fn save_report_narrative(org: String, day: String, done: String, not_done: String, plan: String, version: i32) -> Result<(), AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let (scope, period) = crate::ssr::reports::asked(&caller, &org, "week", &day, today())?;
        if !domain::report::writes_narrative(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        if let Some(o) = scope.org() {
            db::repo::organizations::find(&state.db.conn, o).await?.ok_or(AppError::NotFound)?;
        }
        let n = domain::report::validate_narrative(&done, &not_done, &plan).map_err(AppError::Invalid)?;
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        if !db::repo::reports::save_narrative(&*tx, &scope.key(), &period.start.to_string(), &n, caller.user.id, version, now).await? {
            return Err(AppError::NotNow(domain::Refusal::NarrativeChanged));
        }
        crate::ssr::audit::record(&*tx, &caller, "report.narrative", &format!("{} {}", scope.key(), period.code()), scope.org(), serde_json::json!({})).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Recomputes a frozen period from the database as it is now; returns what changed (also
/// written to the audit log).
#[server(endpoint = "recompute_report")]
pub async fn recompute_report(org: String, period: String, day: String) -> Result<Vec<String>, AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let (scope, period) = crate::ssr::reports::asked(&caller, &org, &period, &day, today())?;
        crate::ssr::reports::recompute(&state, &caller, scope, period).await
    })
    .await
}

/// Everyone who may receive reports (managers; each customer organization's site managers),
/// with what they receive now.
#[server(endpoint = "get_report_recipients")]
pub async fn get_report_recipients() -> Result<Vec<RecipientRow>, AppError> {
    use crate::ssr::{require, respond};
    use domain::{report::PeriodKind, Role};
    respond(async move {
        let (state, caller) = require().await?;
        if !domain::report::manages_reports(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let conn = &state.db.conn;
        let choices: std::collections::HashMap<(i32, String), bool> =
            db::repo::reports::recipient_choices(conn).await?.into_iter().map(|c| ((c.user_id, c.kind), c.receives)).collect();
        let orgs: std::collections::HashMap<i32, String> = db::repo::organizations::list(conn).await?.into_iter().map(|o| (o.id, o.name)).collect();
        let mut rows = vec![];
        for u in db::repo::users::list_receivers(conn).await? {
            let Some(role) = Role::parse(&u.role).filter(|r| domain::report::may_receive(*r)) else { continue };
            let receives = PeriodKind::ALL
                .iter()
                .map(|k| choices.get(&(u.id, k.as_str().to_string())).copied().unwrap_or(domain::report::receives_by_default(role, *k)))
                .collect();
            rows.push(RecipientRow {
                user_id: u.id,
                name: u.display_name,
                email: u.email,
                organization: orgs.get(&u.organization_id).cloned().unwrap_or_default(),
                role,
                receives,
            });
        }
        rows.sort_by(|a, b| (a.role != Role::Manager, &a.organization, &a.name).cmp(&(b.role != Role::Manager, &b.organization, &b.name)));
        Ok(rows)
    })
    .await
}

/// The form field of one box: `u12_month`.
pub fn recipient_key(user: i32, kind: domain::report::PeriodKind) -> String {
    format!("u{user}_{}", kind.as_str())
}

/// Saves the recipients form: `shown` lists every `user:kind` the form offered, `receives`
/// holds the ticked ones (`receives[u12_month]=on`: a key must not start with a digit, or
/// the form decoder reads a list index); an unticked box is a "no".
#[server(endpoint = "save_report_recipients")]
pub async fn save_report_recipients(shown: String, #[server(default)] receives: BTreeMap<String, String>) -> Result<(), AppError> {
    use crate::ssr::{require, respond};
    use domain::{report::PeriodKind, ErrorCode, Role};
    respond(async move {
        let (state, caller) = require().await?;
        if !domain::report::manages_reports(caller.actor.role) {
            return Err(AppError::Forbidden);
        }
        let mut pairs = vec![];
        for item in shown.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let parsed = item.split_once(':').and_then(|(u, k)| Some((u.parse::<i32>().ok()?, PeriodKind::parse(k)?)));
            let Some((user, kind)) = parsed else { return Err(AppError::field("shown", ErrorCode::InvalidChoice)) };
            pairs.push((user, kind, receives.contains_key(&recipient_key(user, kind))));
        }
        if pairs.len() > 10_000 {
            return Err(AppError::field("shown", ErrorCode::TooMany { max: 10_000 }));
        }
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        for (user, kind, yes) in &pairs {
            // Only people who may read reports can be chosen.
            let u = db::repo::users::find(&*tx, *user).await?;
            if !u.as_ref().and_then(|u| Role::parse(&u.role)).is_some_and(domain::report::may_receive) {
                return Err(AppError::field("shown", ErrorCode::InvalidChoice));
            }
            db::repo::reports::choose_recipient(&*tx, *user, kind.as_str(), *yes, caller.user.id, now).await?;
        }
        crate::ssr::audit::record(&*tx, &caller, "report.recipients", "reports", None, serde_json::json!({ "choices": pairs.len() })).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}
