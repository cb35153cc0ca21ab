//! Service reports: turning the database's GROUP BY results (`db::repo::reports`) into a
//! report's figures, freezing a period when it ends, recomputing one on a manager's word, and
//! mailing a frozen report to the people who receive it. The page, the exports and the
//! freezing job all read a report through [`load`] or [`compute`], so they never disagree.
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use db::{
    repo::{self, reports::Span},
    sea_orm::ConnectionTrait,
};
use domain::report::{local_midnight, Bar, Breach, Clock, Count, Figures, Period, PeriodKind, Scope, SlaResult, CHANNELS};

use super::{AppState, Caller};
use crate::error::AppError;

/// The provider-wide report's zone (the provider's own, as for the survey results).
pub const PROVIDER_TZ: Tz = chrono_tz::Asia::Shanghai;

/// Breaches listed on a report (all are counted; the drill-down lists every one).
pub const MAX_BREACHES: u64 = 200;
/// Complaints listed on a report.
pub const MAX_COMPLAINTS: u64 = 100;

/// The zone a scope's periods are counted in: the contract's, or the provider's.
pub async fn zone_of(conn: &impl ConnectionTrait, scope: Scope) -> Result<Tz, AppError> {
    match scope {
        Scope::Provider => Ok(PROVIDER_TZ),
        Scope::Organization(org) => super::contract_calendar::zone(conn, org).await,
    }
}

/// The rows a period of `scope` reads, judged as of `asof`.
pub fn span_of(scope: Scope, period: &Period, tz: Tz, asof: DateTime<Utc>) -> Span {
    let (from, until) = period.bounds(tz);
    Span {
        organization_id: scope.org(),
        from,
        until,
        asof: asof.min(until),
        first_day: period.start,
        end_day: period.end(),
        utc_offset_secs: tz.offset_from_utc_datetime(&from.naive_utc()).fix().local_minus_utc(),
    }
}

/// The figures of one period, from the database as it is now, judged as of `asof` (the
/// period's end when it is over).
pub async fn compute(conn: &impl ConnectionTrait, scope: Scope, period: &Period, tz: Tz, asof: DateTime<Utc>) -> Result<Figures, AppError> {
    let span = span_of(scope, period, tz, asof);
    let bar_days = period.buckets();
    let bar_starts: Vec<DateTime<Utc>> = bar_days.iter().skip(1).map(|d| local_midnight(*d, tz)).collect();
    let groups = repo::reports::cohort_groups(conn, &span, &bar_starts).await?;

    let mut f = Figures::default();
    let mut kinds: BTreeMap<String, u32> = BTreeMap::new();
    let mut severities: BTreeMap<i32, u32> = (1..=3).map(|s| (s, 0)).collect();
    let mut channels: BTreeMap<String, u32> = BTreeMap::new();
    let mut devices: BTreeMap<String, u32> = BTreeMap::new();
    let mut sla: BTreeMap<(String, Clock), (u32, u32)> = BTreeMap::new();
    let mut bars: Vec<Bar> = bar_days.iter().map(|d| Bar { start: *d, opened: 0, met: 0, missed: 0 }).collect();
    for g in &groups {
        f.opened += g.count;
        *kinds.entry(g.kind.clone()).or_default() += g.count;
        *severities.entry(g.severity).or_default() += g.count;
        *channels.entry(g.channel.clone()).or_default() += g.count;
        *devices.entry(g.device.clone()).or_default() += g.count;
        for (i, clock) in Clock::ALL.into_iter().enumerate() {
            let e = sla.entry((g.tier.clone(), clock)).or_default();
            e.0 += g.met[i];
            e.1 += g.missed[i];
        }
        if let Some(bar) = bars.get_mut(g.bar as usize) {
            bar.opened += g.count;
            // The line over the bars: the resolution clock (the one the contract is judged by).
            bar.met += g.met[2];
            bar.missed += g.missed[2];
        }
    }
    let most_first = |m: BTreeMap<String, u32>| {
        let mut v: Vec<Count> = m.into_iter().map(|(key, count)| Count { key, label: String::new(), count }).collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
        v
    };
    f.by_kind = most_first(kinds);
    f.by_device = most_first(devices);
    f.by_severity = severities.into_iter().map(|(s, count)| Count { key: s.to_string(), label: String::new(), count }).collect();
    // Every channel, in a fixed order, so two reports read side by side line up.
    f.by_channel = CHANNELS.iter().map(|c| Count { key: c.to_string(), label: String::new(), count: channels.remove(*c).unwrap_or(0) }).collect();
    f.by_channel.extend(most_first(channels));
    f.sla =
        sla.into_iter().filter(|(_, (met, missed))| met + missed > 0).map(|((tier, clock), (met, missed))| SlaResult { tier, clock, met, missed }).collect();
    f.bars = bars;
    f.by_site = repo::reports::by_site(conn, &span).await?.into_iter().map(|(id, name, count)| Count { key: id.to_string(), label: name, count }).collect();

    let missed_total: u32 = f.sla.iter().map(|r| r.missed).sum();
    f.breaches = repo::reports::breaches(conn, &span, MAX_BREACHES)
        .await?
        .into_iter()
        .map(|b| Breach {
            request_id: b.request_id,
            number: b.number,
            title: b.title,
            severity: b.severity.clamp(1, 3) as u8,
            tier: b.tier,
            clock: b.clock,
            deadline: b.deadline,
            done_at: b.done_at,
        })
        .collect();
    f.breaches_more = missed_total.saturating_sub(f.breaches.len() as u32);

    let lines = repo::reports::line_counts(conn, &span).await?;
    f.upgrades = lines.upgrades;
    f.escalations = lines.escalations;
    f.resolved = lines.resolved;
    f.reopened = lines.reopened;
    f.emergency_plans = repo::reports::emergency_plans(conn, &span).await?.into_iter().map(|(key, count)| Count { key, label: String::new(), count }).collect();
    let surveys = repo::surveys::Scope { organization_id: scope.org(), engineer_id: None, site_id: None, from: Some(span.from), until: Some(span.until) };
    f.satisfaction = repo::reports::survey_sums(conn, &surveys, repo::reports::SurveyGroup::Total, &[])
        .await?
        .into_iter()
        .map(|(_, s)| s)
        .fold(domain::survey::Sums::default(), |a, b| a + b)
        .summary();
    f.inspections = repo::reports::inspections(conn, &span).await?;
    f.training = repo::reports::training(conn, &span).await?;
    f.complaints = repo::reports::complaints(conn, &span, MAX_COMPLAINTS).await?;
    Ok(f)
}

/// A report as read: frozen or live.
pub struct Loaded {
    pub scope: Scope,
    pub period: Period,
    pub tz: Tz,
    pub figures: Figures,
    pub closed: bool,
    pub computed_at: DateTime<Utc>,
    pub recomputed: Option<(i32, DateTime<Utc>)>,
}

/// The scope and period a query asks for, limited to what the caller may read: bad input is
/// a field error, another organization's report "not found".
pub fn asked(caller: &Caller, org: &str, period: &str, day: &str, today: NaiveDate) -> Result<(Scope, Period), AppError> {
    use domain::ErrorCode;
    if !domain::report::may_read(caller.actor.role) {
        return Err(AppError::Forbidden);
    }
    let org = match org.trim() {
        "" => None,
        o => Some(o.parse::<i32>().map_err(|_| AppError::field("org", ErrorCode::InvalidChoice))?),
    };
    let scope = domain::report::reach(caller.actor.role, caller.actor.org_id, org).ok_or(AppError::NotFound)?;
    let kind = match period.trim() {
        "" => PeriodKind::Month,
        k => PeriodKind::parse(k).ok_or_else(|| AppError::field("period", ErrorCode::InvalidChoice))?,
    };
    let day = match day.trim() {
        "" => today,
        d => Period::parse(kind.as_str(), d).ok_or_else(|| AppError::field("day", ErrorCode::InvalidDate))?.start,
    };
    let period = Period::containing(kind, day);
    if period.start > today {
        // A period that has not begun has no figures yet.
        return Err(AppError::field("day", ErrorCode::OutOfRange { min: 0, max: domain::dates::date_number(today) }));
    }
    Ok((scope, period))
}

/// The report for `scope` and `period`: a closed period's frozen figures (frozen now if
/// nobody has yet), an open one's as of now. The organization must exist (else "not found").
pub async fn load(conn: &impl ConnectionTrait, scope: Scope, period: Period, now: DateTime<Utc>) -> Result<Loaded, AppError> {
    if let Scope::Organization(org) = scope {
        let o = repo::organizations::find(conn, org).await?.ok_or(AppError::NotFound)?;
        if domain::OrgKind::parse(&o.kind) != Some(domain::OrgKind::Customer) {
            return Err(AppError::NotFound);
        }
    }
    let tz = zone_of(conn, scope).await?;
    let closed = period.is_closed(tz, now);
    if !closed {
        let figures = compute(conn, scope, &period, tz, now).await?;
        return Ok(Loaded { scope, period, tz, figures, closed, computed_at: now, recomputed: None });
    }
    let key = (scope.key(), period.kind.as_str(), period.start.to_string());
    let snap = match repo::reports::snapshot(conn, &key.0, key.1, &key.2).await? {
        Some(s) => s,
        None => freeze(conn, scope, &period, tz, now).await?,
    };
    let figures = serde_json::from_str(&snap.figures_json).map_err(super::internal)?;
    Ok(Loaded { scope, period, tz, figures, closed, computed_at: snap.computed_at, recomputed: snap.recomputed_by.zip(snap.recomputed_at) })
}

/// A period's figures without storing anything: the frozen snapshot when there is one, else
/// computed now (the home pages read reports; only the report page and the job freeze them).
pub async fn peek(conn: &impl ConnectionTrait, scope: Scope, period: Period, tz: Tz, now: DateTime<Utc>) -> Result<Figures, AppError> {
    if period.is_closed(tz, now) {
        if let Some(snap) = repo::reports::snapshot(conn, &scope.key(), period.kind.as_str(), &period.start.to_string()).await? {
            return serde_json::from_str(&snap.figures_json).map_err(super::internal);
        }
    }
    compute(conn, scope, &period, tz, now).await
}

/// Computes a closed period as of its end and stores it (the first writer wins).
async fn freeze(
    conn: &impl ConnectionTrait,
    scope: Scope,
    period: &Period,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<db::entity::report_snapshot::Model, AppError> {
    let figures = compute(conn, scope, period, tz, now).await?;
    let json = serde_json::to_string(&figures).map_err(super::internal)?;
    Ok(repo::reports::freeze(conn, &scope.key(), period.kind.as_str(), &period.start.to_string(), json, now).await?)
}

/// A manager's recompute of a frozen period: new figures from the database as it is now,
/// stored in place of the old, and what changed written to the audit log. Returns the changes.
pub async fn recompute(state: &AppState, caller: &Caller, scope: Scope, period: Period) -> Result<Vec<String>, AppError> {
    if !domain::report::manages_reports(caller.actor.role) {
        return Err(AppError::Forbidden);
    }
    let now = Utc::now();
    let conn = &state.db.conn;
    let loaded = load(conn, scope, period, now).await?;
    if !loaded.closed {
        // An open period is always computed afresh.
        return Err(AppError::NotNow(domain::Refusal::ReportOpen));
    }
    let fresh = compute(conn, scope, &period, loaded.tz, now).await?;
    let changes = fresh.changes_from(&loaded.figures);
    let tx = state.db.begin_write().await?;
    let key = scope.key();
    let snap = repo::reports::snapshot(&*tx, &key, period.kind.as_str(), &period.start.to_string()).await?.ok_or(AppError::NotFound)?;
    repo::reports::refreeze(&*tx, snap, serde_json::to_string(&fresh).map_err(super::internal)?, caller.user.id, now).await?;
    super::audit::record(
        &*tx,
        caller,
        "report.recompute",
        &format!("{key} {}", period.code()),
        scope.org(),
        serde_json::json!({ "period": period.kind.as_str(), "start": period.start.to_string(), "changes": changes }),
    )
    .await?;
    tx.commit().await?;
    Ok(changes)
}

/// The most recent period of `kind` that can have ended anywhere (zones up to UTC+14).
fn latest_ended(kind: PeriodKind, now: DateTime<Utc>) -> Period {
    Period::containing(kind, (now + chrono::Duration::hours(14)).date_naive()).prev()
}

/// Freezes every period that has just ended and not been frozen yet, for each customer
/// organization and the provider, and mails each frozen report once to those who receive
/// it. At most `budget` reports a run (a year's end freezes four per organization); the
/// rest wait for the next run. Returns how many were frozen.
pub async fn freeze_due(db: &db::Db, now: DateTime<Utc>, budget: usize) -> Result<usize, AppError> {
    let conn = &db.conn;
    let mut scopes: Vec<Scope> = vec![Scope::Provider];
    scopes.extend(
        repo::organizations::list(conn)
            .await?
            .into_iter()
            .filter(|o| domain::OrgKind::parse(&o.kind) == Some(domain::OrgKind::Customer))
            .map(|o| Scope::Organization(o.id)),
    );
    let mut done = 0;
    for kind in PeriodKind::ALL {
        let period = latest_ended(kind, now);
        let start = period.start.to_string();
        let frozen: std::collections::HashSet<String> = repo::reports::frozen_scopes(conn, kind.as_str(), &start).await?.into_iter().collect();
        for scope in &scopes {
            if done >= budget {
                return Ok(done);
            }
            if frozen.contains(&scope.key()) {
                continue;
            }
            let tz = zone_of(conn, *scope).await?;
            if !period.is_closed(tz, now) {
                continue;
            }
            freeze_and_announce(db, *scope, &period, tz, now).await?;
            done += 1;
        }
    }
    Ok(done)
}

/// Who receives `kind` reports of `scope` by mail: for an organization, its site managers
/// (and anyone chosen) unless a manager said no; for the provider, the managers chosen.
pub async fn recipients(conn: &impl ConnectionTrait, scope: Scope, kind: PeriodKind) -> Result<Vec<db::entity::user::Model>, AppError> {
    use domain::Role;
    let choices: HashMap<(i32, String), bool> = repo::reports::recipient_choices(conn).await?.into_iter().map(|c| ((c.user_id, c.kind), c.receives)).collect();
    let people = match scope {
        Scope::Organization(org) => repo::users::list_by_org(conn, org).await?,
        Scope::Provider => match repo::organizations::provider(conn).await? {
            Some(p) => repo::users::list_by_org(conn, p.id).await?,
            None => vec![],
        },
    };
    Ok(people
        .into_iter()
        .filter(|u| u.active)
        .filter(|u| {
            let role = Role::parse(&u.role).unwrap_or(Role::Customer);
            // Staff receive the provider's report; a site manager their organization's.
            let fits = match scope {
                Scope::Provider => role == Role::Manager,
                Scope::Organization(_) => role == Role::SiteManager,
            };
            fits && choices.get(&(u.id, kind.as_str().to_string())).copied().unwrap_or(domain::report::receives_by_default(role, kind))
        })
        .collect())
}

/// Freezes a period that has just ended and tells its recipients, once (claimed across
/// instances): a portal notification, mailed as each person chose for reports. One
/// transaction, so a failure leaves the period unfrozen and the next run tries both again
/// (frozen but never announced cannot happen).
async fn freeze_and_announce(db: &db::Db, scope: Scope, period: &Period, tz: Tz, now: DateTime<Utc>) -> Result<(), AppError> {
    use domain::notice::{About, Notice, Notification};
    let conn = &db.conn;
    let figures = compute(conn, scope, period, tz, now).await?;
    let json = serde_json::to_string(&figures).map_err(super::internal)?;
    let people = recipients(conn, scope, period.kind).await?;
    let tx = db.begin_write().await?;
    let start = period.start.to_string();
    repo::reports::freeze(&*tx, &scope.key(), period.kind.as_str(), &start, json, now).await?;
    if people.is_empty() || !repo::reports::claim_mailing(&*tx, &scope.key(), period.kind.as_str(), &start, people.len() as i32, now).await? {
        tx.commit().await?;
        return Ok(());
    }
    let name = match scope {
        Scope::Provider => repo::organizations::provider(&*tx).await?.map(|o| o.name).unwrap_or_default(),
        Scope::Organization(org) => repo::organizations::find(&*tx, org).await?.map(|o| o.name).unwrap_or_default(),
    };
    let n = Notification {
        about: About::Report { report_href: domain::href::report(scope.org(), period), report: format!("{} · {name}", period.code()) },
        notice: Notice::Report { period: period.kind },
    };
    for u in &people {
        super::announce::notify_user(&*tx, u.id, None, &n).await?;
    }
    tx.commit().await?;
    tracing::info!(scope = %scope.key(), period = %period.code(), recipients = people.len(), "report frozen and announced");
    Ok(())
}
