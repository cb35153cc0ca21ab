//! Report figures, computed by the database: each section is one GROUP BY (or one aggregate)
//! over the period's rows, so a year over a million requests reads the rows once per section
//! and sends back a few hundred groups, never the rows themselves. Written as SQL that both
//! SQLite and PostgreSQL run unchanged (placeholders `$n`, read as `?n` by SQLite); the few
//! things they spell differently (a local day) are chosen by backend here.
//!
//! What counts, for a period `[from, until)` judged as of `asof` (the period's end once it is
//! over, else now):
//! - opened, the breakdowns, the bars and the SLA results: the requests opened in the period
//!   (the cohort), cancelled ones left out of the SLA results. A clock is met when it stopped
//!   by `asof` in time, missed when its deadline passed before `asof` without it stopping in
//!   time; otherwise it was still running (or paused: no fixed deadline then).
//! - resolved, reopened, upgrades, escalations: timeline lines written in the period.
//! - satisfaction: surveys sent for requests closed in the period (as the results page).
//! - inspections: planned for a day in the period; training: sessions starting in it;
//!   complaints and emergency plans: made in it.
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryResult, Set, Statement, Value};

use crate::entity::{report_mailing, report_narrative, report_recipient, report_snapshot};

/// The rows a report reads: a time range, one organization or all, judged as of `asof`.
#[derive(Clone, Debug)]
pub struct Span {
    pub organization_id: Option<i32>,
    pub from: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub asof: DateTime<Utc>,
    /// The local days the period covers (for inspections, planned by day).
    pub first_day: NaiveDate,
    pub end_day: NaiveDate,
    /// The zone's offset at the period's start, in seconds (a visit's local day).
    pub utc_offset_secs: i32,
}

/// SQL with its values, numbered as they are bound.
struct Sql {
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new() -> Sql {
        Sql { text: String::new(), values: Vec::new() }
    }

    /// The placeholder for `v`.
    fn bind(&mut self, v: impl Into<Value>) -> String {
        self.values.push(v.into());
        format!("${}", self.values.len())
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn statement(self, backend: DbBackend) -> Statement {
        // SQLite numbers its placeholders `?n`; nothing else in these statements has a `$`.
        let text = if backend == DbBackend::Sqlite { self.text.replace('$', "?") } else { self.text };
        Statement::from_sql_and_values(backend, text, self.values)
    }
}

/// Which of the ranges `col` falls in, as an index: 0 before `starts[0]`, 1 before
/// `starts[1]`, …, `starts.len()` after the last (one range, no `starts`: always 0). Nested
/// halves rather than one `WHEN` per range, so a row takes about log₂ of the comparisons
/// (a year's twelve bars: four, not up to eleven; it is most of a yearly report's time).
fn index_case(q: &mut Sql, col: &str, starts: &[DateTime<Utc>]) -> String {
    fn split(q: &mut Sql, col: &str, starts: &[DateTime<Utc>], first: usize) -> String {
        match starts.len() {
            0 => first.to_string(),
            n => {
                let mid = n / 2;
                let p = q.bind(starts[mid]);
                let below = split(q, col, &starts[..mid], first);
                let above = split(q, col, &starts[mid + 1..], first + mid + 1);
                format!("(CASE WHEN {col} < {p} THEN {below} ELSE {above} END)")
            }
        }
    }
    split(q, col, starts, 0)
}

/// One SLA clock's columns: its deadline, when it stopped, and whether the request has it.
fn clock_cols(clock: domain::report::Clock) -> (&'static str, &'static str, &'static str) {
    use domain::report::Clock;
    match clock {
        Clock::FirstResponse => ("r.response_deadline", "COALESCE(r.first_response_at, r.resolved_at, r.closed_at)", "1 = 1"),
        Clock::OnSite => ("r.on_site_deadline", "COALESCE(r.on_site_at, r.resolved_at, r.closed_at)", "r.on_site_required"),
        Clock::Resolution => ("r.resolution_deadline", "COALESCE(r.resolved_at, r.closed_at)", "1 = 1"),
    }
}

/// The condition "this clock was met" (or missed) as of `asof`, whose placeholder is given:
/// the one definition the totals, the breach list and the drill-down all use.
fn clock_sql(clock: domain::report::Clock, met: bool, asof: &str) -> String {
    let (deadline, stop, has) = clock_cols(clock);
    if met {
        format!("(r.status <> 'cancelled' AND {has} AND {deadline} IS NOT NULL AND {stop} IS NOT NULL AND {stop} <= {asof} AND {stop} <= {deadline})")
    } else {
        format!("(r.status <> 'cancelled' AND {has} AND {deadline} IS NOT NULL AND {deadline} < {asof} AND ({stop} IS NULL OR {stop} > {deadline}))")
    }
}

/// `WHERE` for the cohort: opened in `[from, until)`, of the organization if one.
fn cohort(q: &mut Sql, span: &Span, from: DateTime<Utc>, until: DateTime<Utc>) {
    let a = q.bind(from);
    let b = q.bind(until);
    q.push(&format!(" WHERE r.created_at >= {a} AND r.created_at < {b}"));
    if let Some(org) = span.organization_id {
        let o = q.bind(org);
        q.push(&format!(" AND r.organization_id = {o}"));
    }
}

fn int(row: &QueryResult, col: &str) -> Result<u32, DbErr> {
    // COUNT and SUM are 64-bit on both backends (SUM over no rows is NULL); a bare CASE is
    // 32-bit on PostgreSQL.
    let v = match row.try_get::<Option<i64>>("", col) {
        Ok(v) => v,
        Err(_) => row.try_get::<Option<i32>>("", col)?.map(i64::from),
    };
    Ok(v.unwrap_or(0).max(0) as u32)
}

/// One group of the cohort's main GROUP BY.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CohortGroup {
    pub kind: String,
    pub severity: i32,
    pub channel: String,
    pub tier: String,
    /// The device's category, `-` without a device.
    pub device: String,
    /// The index of the chart bar (into `bars`).
    pub bar: u32,
    pub count: u32,
    /// Met and missed per clock, in `Clock::ALL` order.
    pub met: [u32; 3],
    pub missed: [u32; 3],
}

/// The cohort grouped by kind, severity, channel, tier, device category and chart bar, with
/// every clock's met and missed counts: one pass over the period's requests. `bars` are the
/// instants the bars after the first start at.
pub async fn cohort_groups(db: &impl ConnectionTrait, span: &Span, bars: &[DateTime<Utc>]) -> Result<Vec<CohortGroup>, DbErr> {
    use domain::report::Clock;
    let mut q = Sql::new();
    let asof = q.bind(span.asof);
    let bar = index_case(&mut q, "r.created_at", bars);
    let mut sums = String::new();
    for (i, clock) in Clock::ALL.into_iter().enumerate() {
        sums.push_str(&format!(
            ", SUM(CASE WHEN {} THEN 1 ELSE 0 END) AS met{i}, SUM(CASE WHEN {} THEN 1 ELSE 0 END) AS missed{i}",
            clock_sql(clock, true, &asof),
            clock_sql(clock, false, &asof)
        ));
    }
    q.push(&format!(
        "SELECT r.kind AS kind, CAST(r.severity AS INTEGER) AS severity, r.channel AS channel, r.tier AS tier, \
         COALESCE(d.category, '-') AS device, {bar} AS bar, COUNT(*) AS n{sums} \
         FROM requests r LEFT JOIN devices d ON d.id = r.device_id"
    ));
    cohort(&mut q, span, span.from, span.until);
    q.push(" GROUP BY 1, 2, 3, 4, 5, 6");
    let rows = db.query_all_raw(q.statement(db.get_database_backend())).await?;
    rows.iter()
        .map(|row| {
            let mut met = [0; 3];
            let mut missed = [0; 3];
            for i in 0..3 {
                met[i] = int(row, &format!("met{i}"))?;
                missed[i] = int(row, &format!("missed{i}"))?;
            }
            Ok(CohortGroup {
                kind: row.try_get("", "kind")?,
                severity: row.try_get::<i32>("", "severity")?,
                channel: row.try_get("", "channel")?,
                tier: row.try_get("", "tier")?,
                device: row.try_get("", "device")?,
                bar: row.try_get::<i32>("", "bar").or_else(|_| row.try_get::<i64>("", "bar").map(|b| b as i32))?.max(0) as u32,
                count: int(row, "n")?,
                met,
                missed,
            })
        })
        .collect()
}

/// The cohort per site: id, name, requests; most first. Counted from the index on
/// (organization, opening time, site) alone; the names are read for the groups only.
pub async fn by_site(db: &impl ConnectionTrait, span: &Span) -> Result<Vec<(i32, String, u32)>, DbErr> {
    let mut q = Sql::new();
    q.push("SELECT r.site_id AS site_id, COUNT(*) AS n FROM requests r");
    cohort(&mut q, span, span.from, span.until);
    q.push(" GROUP BY r.site_id");
    let rows = db.query_all_raw(q.statement(db.get_database_backend())).await?;
    let counts: Vec<(i32, u32)> = rows.iter().map(|row| Ok((row.try_get("", "site_id")?, int(row, "n")?))).collect::<Result<_, DbErr>>()?;
    let ids: Vec<i32> = counts.iter().map(|c| c.0).collect();
    let mut names = std::collections::HashMap::new();
    for chunk in ids.chunks(1000) {
        names.extend(crate::repo::sites::names(db, chunk).await?);
    }
    let mut out: Vec<(i32, String, u32)> = counts.into_iter().map(|(id, n)| (id, names.remove(&id).unwrap_or_default(), n)).collect();
    out.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    Ok(out)
}

/// A missed clock of a request in the cohort.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissedClock {
    pub request_id: i32,
    pub number: String,
    pub title: String,
    pub severity: i32,
    pub tier: String,
    pub clock: domain::report::Clock,
    pub deadline: DateTime<Utc>,
    /// When it stopped, if by `asof`.
    pub done_at: Option<DateTime<Utc>>,
}

/// The cohort's missed clocks, oldest request first, at most `limit` requests.
pub async fn breaches(db: &impl ConnectionTrait, span: &Span, limit: u64) -> Result<Vec<MissedClock>, DbErr> {
    use domain::report::Clock;
    let mut q = Sql::new();
    let asof = q.bind(span.asof);
    let mut cols = String::new();
    let mut any = Vec::new();
    for (i, clock) in Clock::ALL.into_iter().enumerate() {
        let (deadline, stop, _) = clock_cols(clock);
        let missed = clock_sql(clock, false, &asof);
        cols.push_str(&format!(", {deadline} AS deadline{i}, {stop} AS stop{i}, CASE WHEN {missed} THEN 1 ELSE 0 END AS missed{i}"));
        any.push(missed);
    }
    q.push(&format!("SELECT r.id AS id, r.number AS number, r.title AS title, CAST(r.severity AS INTEGER) AS severity, r.tier AS tier{cols} FROM requests r"));
    cohort(&mut q, span, span.from, span.until);
    q.push(&format!(" AND ({}) ORDER BY r.created_at, r.id LIMIT {limit}", any.join(" OR ")));
    let rows = db.query_all_raw(q.statement(db.get_database_backend())).await?;
    let mut out = Vec::new();
    for row in &rows {
        for (i, clock) in Clock::ALL.into_iter().enumerate() {
            if int(row, &format!("missed{i}"))? == 0 {
                continue;
            }
            let Some(deadline) = row.try_get::<Option<DateTime<Utc>>>("", &format!("deadline{i}"))? else { continue };
            let stop: Option<DateTime<Utc>> = row.try_get("", &format!("stop{i}"))?;
            out.push(MissedClock {
                request_id: row.try_get("", "id")?,
                number: row.try_get("", "number")?,
                title: row.try_get("", "title")?,
                severity: row.try_get("", "severity")?,
                tier: row.try_get("", "tier")?,
                clock,
                deadline,
                done_at: stop.filter(|s| *s <= span.asof),
            });
        }
    }
    Ok(out)
}

/// Timeline lines written in the period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineCounts {
    pub upgrades: u32,
    pub escalations: u32,
    pub resolved: u32,
    pub reopened: u32,
}

/// The `LIKE` patterns that pick a resolution and a reopening out of `status` lines (their
/// body is compact JSON: `{"from":…,"to":"resolved","action":"resolve"}`).
const RESOLVED_LIKE: &str = r#"%"to":"resolved"%"#;
const REOPENED_LIKE: &str = r#"%"action":"reopen"%"#;

pub async fn line_counts(db: &impl ConnectionTrait, span: &Span) -> Result<LineCounts, DbErr> {
    let mut q = Sql::new();
    let resolved = q.bind(RESOLVED_LIKE);
    let reopened = q.bind(REOPENED_LIKE);
    q.push(&format!(
        "SELECT SUM(CASE WHEN e.kind = 'escalated' THEN 1 ELSE 0 END) AS upgrades, \
         SUM(CASE WHEN e.kind = 'escalation' THEN 1 ELSE 0 END) AS escalations, \
         COUNT(DISTINCT CASE WHEN e.kind = 'status' AND e.body LIKE {resolved} THEN e.request_id END) AS resolved, \
         COUNT(DISTINCT CASE WHEN e.kind = 'status' AND e.body LIKE {reopened} THEN e.request_id END) AS reopened \
         FROM request_events e JOIN requests r ON r.id = e.request_id"
    ));
    lines_where(&mut q, span, &["escalated", "escalation", "status"]);
    let row = db.query_one_raw(q.statement(db.get_database_backend())).await?;
    Ok(match row {
        Some(row) => LineCounts {
            upgrades: int(&row, "upgrades")?,
            escalations: int(&row, "escalations")?,
            resolved: int(&row, "resolved")?,
            reopened: int(&row, "reopened")?,
        },
        None => LineCounts::default(),
    })
}

fn lines_where(q: &mut Sql, span: &Span, kinds: &[&str]) {
    let kinds: Vec<String> = kinds.iter().map(|k| q.bind(*k)).collect();
    let a = q.bind(span.from);
    let b = q.bind(span.until);
    q.push(&format!(" WHERE e.kind IN ({}) AND e.created_at >= {a} AND e.created_at < {b}", kinds.join(", ")));
    if let Some(org) = span.organization_id {
        let o = q.bind(org);
        q.push(&format!(" AND r.organization_id = {o}"));
    }
}

/// Emergency plans proposed in the period, per status.
pub async fn emergency_plans(db: &impl ConnectionTrait, span: &Span) -> Result<Vec<(String, u32)>, DbErr> {
    let mut q = Sql::new();
    let a = q.bind(span.from);
    let b = q.bind(span.until);
    q.push(&format!(
        "SELECT p.status AS status, COUNT(*) AS n FROM emergency_plans p JOIN requests r ON r.id = p.request_id \
         WHERE p.requested_at >= {a} AND p.requested_at < {b}"
    ));
    if let Some(org) = span.organization_id {
        let o = q.bind(org);
        q.push(&format!(" AND r.organization_id = {o}"));
    }
    q.push(" GROUP BY p.status ORDER BY p.status");
    let rows = db.query_all_raw(q.statement(db.get_database_backend())).await?;
    rows.iter().map(|row| Ok((row.try_get("", "status")?, int(row, "n")?))).collect()
}

/// What survey sums are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurveyGroup {
    Total,
    Engineer,
    Organization,
    Site,
    /// The trend's periods: the index of the first of `starts` after which it closed.
    Period,
}

/// `domain::survey::Sums` per group (the group's id, or the period's index; `None` for the
/// total, or no engineer / no site). `starts` are the trend periods' first instants after
/// the first one (only read for `SurveyGroup::Period`).
pub async fn survey_sums(
    db: &impl ConnectionTrait,
    scope: &crate::repo::surveys::Scope,
    group: SurveyGroup,
    starts: &[DateTime<Utc>],
) -> Result<Vec<(Option<i32>, domain::survey::Sums)>, DbErr> {
    let mut q = Sql::new();
    let key = match group {
        SurveyGroup::Total => "NULL".to_string(),
        SurveyGroup::Engineer => "s.engineer_id".into(),
        SurveyGroup::Organization => "s.organization_id".into(),
        SurveyGroup::Site => "s.site_id".into(),
        SurveyGroup::Period => index_case(&mut q, "s.closed_at", starts),
    };
    q.push(&format!(
        "SELECT {key} AS g, COUNT(*) AS sent, \
         SUM(CASE WHEN s.first_answered_at IS NOT NULL OR s.answered_at IS NOT NULL THEN 1 ELSE 0 END) AS answered, \
         SUM(CASE WHEN s.overall BETWEEN 1 AND 5 THEN 1 ELSE 0 END) AS scored, \
         SUM(CASE WHEN s.overall BETWEEN 1 AND 5 THEN CAST(s.overall AS INTEGER) ELSE 0 END) AS score_sum, \
         SUM(CASE WHEN s.outcome_satisfied IS NOT NULL THEN 1 ELSE 0 END) AS judged, \
         SUM(CASE WHEN s.outcome_satisfied THEN 1 ELSE 0 END) AS satisfied \
         FROM surveys s WHERE s.sampled AND s.invited_at IS NOT NULL"
    ));
    for (col, v) in [("s.organization_id", scope.organization_id), ("s.engineer_id", scope.engineer_id), ("s.site_id", scope.site_id)] {
        if let Some(v) = v {
            let p = q.bind(v);
            q.push(&format!(" AND {col} = {p}"));
        }
    }
    if let Some(f) = scope.from {
        let p = q.bind(f);
        q.push(&format!(" AND s.closed_at >= {p}"));
    }
    if let Some(u) = scope.until {
        let p = q.bind(u);
        q.push(&format!(" AND s.closed_at < {p}"));
    }
    if group != SurveyGroup::Total {
        q.push(" GROUP BY 1");
    }
    let rows = db.query_all_raw(q.statement(db.get_database_backend())).await?;
    let mut out = Vec::new();
    for row in &rows {
        let g: Option<i64> = match group {
            SurveyGroup::Total => None,
            _ => row.try_get::<Option<i64>>("", "g").or_else(|_| row.try_get::<Option<i32>>("", "g").map(|g| g.map(i64::from)))?,
        };
        let n = |c: &str| int(row, c).map(u64::from);
        let sums = domain::survey::Sums {
            sent: n("sent")?,
            answered: n("answered")?,
            scored: n("scored")?,
            score_sum: n("score_sum")?,
            judged: n("judged")?,
            satisfied: n("satisfied")?,
        };
        if group == SurveyGroup::Total && sums.sent == 0 {
            continue;
        }
        out.push((g.map(|g| g as i32), sums));
    }
    Ok(out)
}

/// The first and last closing time among the surveys in scope (the trend's extent).
pub async fn survey_extent(db: &impl ConnectionTrait, scope: &crate::repo::surveys::Scope) -> Result<Option<(DateTime<Utc>, DateTime<Utc>)>, DbErr> {
    use crate::entity::survey;
    use sea_orm::{
        sea_query::{Expr, ExprTrait},
        QuerySelect,
    };
    type Extent = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);
    let row: Option<Extent> = survey::Entity::find()
        .filter(crate::repo::surveys::scoped(scope))
        .select_only()
        .column_as(Expr::col(survey::Column::ClosedAt).min(), "first")
        .column_as(Expr::col(survey::Column::ClosedAt).max(), "last")
        .into_tuple()
        .one(db)
        .await?;
    Ok(row.and_then(|(a, b)| a.zip(b)))
}

/// A visit's local day, in the zone `offset` seconds from UTC.
fn local_day(backend: DbBackend, col: &str, offset: i32) -> String {
    match backend {
        DbBackend::Postgres => format!("CAST(({col} AT TIME ZONE 'UTC') + INTERVAL '{offset} seconds' AS DATE)"),
        _ => format!("date({col}, '{offset:+} seconds')"),
    }
}

pub async fn inspections(db: &impl ConnectionTrait, span: &Span) -> Result<domain::report::InspectionFigures, DbErr> {
    let backend = db.get_database_backend();
    let mut q = Sql::new();
    let a = q.bind(span.first_day);
    let b = q.bind(span.end_day);
    // SQLite keeps dates as text and compares them as text; `date()` gives the same form.
    let day = local_day(backend, "i.finished_at", span.utc_offset_secs);
    q.push(&format!(
        "SELECT COUNT(*) AS planned, \
         SUM(CASE WHEN i.finished_at IS NOT NULL THEN 1 ELSE 0 END) AS done, \
         SUM(CASE WHEN i.finished_at IS NOT NULL AND {day} <= i.date THEN 1 ELSE 0 END) AS done_on_time, \
         SUM(CASE WHEN i.reported_at IS NOT NULL THEN 1 ELSE 0 END) AS reported, \
         SUM(CASE WHEN i.reported_at IS NOT NULL AND i.report_due_at IS NOT NULL AND i.reported_at <= i.report_due_at THEN 1 ELSE 0 END) AS reported_on_time \
         FROM inspections i WHERE i.date >= {a} AND i.date < {b} AND i.status <> 'cancelled'"
    ));
    if let Some(org) = span.organization_id {
        let o = q.bind(org);
        q.push(&format!(" AND i.organization_id = {o}"));
    }
    let row = db.query_one_raw(q.statement(backend)).await?;
    let Some(row) = row else { return Ok(Default::default()) };
    Ok(domain::report::InspectionFigures {
        planned: int(&row, "planned")?,
        done: int(&row, "done")?,
        done_on_time: int(&row, "done_on_time")?,
        reported: int(&row, "reported")?,
        reported_on_time: int(&row, "reported_on_time")?,
    })
}

/// Sessions starting in the period (not cancelled) and their confirmed seats; for one
/// organization, the sessions it had seats in and its seats.
pub async fn training(db: &impl ConnectionTrait, span: &Span) -> Result<domain::report::TrainingFigures, DbErr> {
    let mut q = Sql::new();
    let org = span.organization_id.map(|o| q.bind(o));
    let a = q.bind(span.from);
    let b = q.bind(span.until);
    let (join, sessions) = match &org {
        Some(o) => {
            (format!("JOIN training_bookings b ON b.session_id = t.id AND b.status = 'confirmed' AND b.organization_id = {o}"), "COUNT(DISTINCT b.session_id)")
        }
        None => ("LEFT JOIN training_bookings b ON b.session_id = t.id AND b.status = 'confirmed'".to_string(), "COUNT(DISTINCT t.id)"),
    };
    q.push(&format!(
        "SELECT {sessions} AS sessions, COUNT(b.id) AS booked, \
         SUM(CASE WHEN b.attended THEN 1 ELSE 0 END) AS attended, \
         SUM(CASE WHEN b.attended IS NOT NULL AND NOT b.attended THEN 1 ELSE 0 END) AS absent \
         FROM training_sessions t {join} WHERE t.starts_at >= {a} AND t.starts_at < {b} AND t.status <> 'cancelled'"
    ));
    let row = db.query_one_raw(q.statement(db.get_database_backend())).await?;
    let Some(row) = row else { return Ok(Default::default()) };
    Ok(domain::report::TrainingFigures {
        sessions: int(&row, "sessions")?,
        booked: int(&row, "booked")?,
        attended: int(&row, "attended")?,
        absent: int(&row, "absent")?,
    })
}

/// Complaints made in the period: the counts, and the first `limit` of them listed.
pub async fn complaints(db: &impl ConnectionTrait, span: &Span, limit: u64) -> Result<domain::report::ComplaintFigures, DbErr> {
    use crate::entity::complaint;
    use sea_orm::{QueryOrder, QuerySelect};
    let backend = db.get_database_backend();
    let mut q = Sql::new();
    let a = q.bind(span.from);
    let b = q.bind(span.until);
    q.push(&format!(
        "SELECT COUNT(*) AS made, \
         SUM(CASE WHEN c.acknowledged_at IS NOT NULL AND c.acknowledged_at <= c.ack_due_at THEN 1 ELSE 0 END) AS ack_on_time, \
         SUM(CASE WHEN c.answered_at IS NOT NULL THEN 1 ELSE 0 END) AS answered, \
         SUM(CASE WHEN c.answered_at IS NOT NULL AND c.answered_at <= c.answer_due_at THEN 1 ELSE 0 END) AS answered_on_time, \
         SUM(CASE WHEN c.closed_at IS NOT NULL THEN 1 ELSE 0 END) AS closed \
         FROM complaints c WHERE c.created_at >= {a} AND c.created_at < {b}"
    ));
    if let Some(org) = span.organization_id {
        let o = q.bind(org);
        q.push(&format!(" AND c.organization_id = {o}"));
    }
    let row = db.query_one_raw(q.statement(backend)).await?;
    let mut f = domain::report::ComplaintFigures::default();
    if let Some(row) = row {
        f.made = int(&row, "made")?;
        f.acknowledged_on_time = int(&row, "ack_on_time")?;
        f.answered = int(&row, "answered")?;
        f.answered_on_time = int(&row, "answered_on_time")?;
        f.closed = int(&row, "closed")?;
    }
    let mut find = complaint::Entity::find().filter(complaint::Column::CreatedAt.gte(span.from)).filter(complaint::Column::CreatedAt.lt(span.until));
    if let Some(org) = span.organization_id {
        find = find.filter(complaint::Column::OrganizationId.eq(org));
    }
    f.lines = find
        .order_by_asc(complaint::Column::CreatedAt)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|c| domain::report::ComplaintLine { id: c.id, number: c.number, status: c.status, made_at: c.created_at, changes: c.changes })
        .collect();
    Ok(f)
}

/// A request behind a figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrillRow {
    pub number: String,
    pub title: String,
    pub status: String,
    pub severity: i32,
    pub tier: String,
    pub created_at: DateTime<Utc>,
}

/// The requests behind `drill`, oldest first, at most `limit`, and how many there are.
/// `bar` is the bar's own range, for `Drill::Bar`.
pub async fn drill(
    db: &impl ConnectionTrait,
    span: &Span,
    drill: &domain::report::Drill,
    bar: Option<(DateTime<Utc>, DateTime<Utc>)>,
    limit: u64,
) -> Result<(Vec<DrillRow>, u64), DbErr> {
    use domain::report::Drill;
    let backend = db.get_database_backend();
    let mut q = Sql::new();
    let asof = q.bind(span.asof);
    let mut cond = String::new();
    let lines = |q: &mut Sql, kind: &str, like: Option<&str>| {
        let k = q.bind(kind.to_string());
        let a = q.bind(span.from);
        let b = q.bind(span.until);
        let like = like.map(|l| format!(" AND e.body LIKE {}", q.bind(l.to_string()))).unwrap_or_default();
        format!(" AND r.id IN (SELECT e.request_id FROM request_events e WHERE e.kind = {k} AND e.created_at >= {a} AND e.created_at < {b}{like})")
    };
    let by_lines = matches!(drill, Drill::Resolved | Drill::Reopened | Drill::Upgraded | Drill::Escalated);
    match drill {
        Drill::Opened | Drill::Bar(_) => {}
        Drill::Kind(k) => cond = format!(" AND r.kind = {}", q.bind(k.clone())),
        Drill::Severity(s) => cond = format!(" AND r.severity = {}", q.bind(i16::from(*s))),
        Drill::Site(s) => cond = format!(" AND r.site_id = {}", q.bind(*s)),
        Drill::Channel(c) => cond = format!(" AND r.channel = {}", q.bind(c.clone())),
        Drill::Device(d) if d == "-" => cond = " AND r.device_id IS NULL".into(),
        Drill::Device(d) => cond = format!(" AND r.device_id IN (SELECT d.id FROM devices d WHERE d.category = {})", q.bind(d.clone())),
        Drill::Sla { tier, clock, met } => cond = format!(" AND r.tier = {} AND {}", q.bind(tier.clone()), clock_sql(*clock, *met, &asof)),
        Drill::Missed => {
            let any: Vec<String> = domain::report::Clock::ALL.into_iter().map(|c| clock_sql(c, false, &asof)).collect();
            cond = format!(" AND ({})", any.join(" OR "));
        }
        Drill::Resolved => cond = lines(&mut q, "status", Some(RESOLVED_LIKE)),
        Drill::Reopened => cond = lines(&mut q, "status", Some(REOPENED_LIKE)),
        Drill::Upgraded => cond = lines(&mut q, "escalated", None),
        Drill::Escalated => cond = lines(&mut q, "escalation", None),
    }
    let head = "SELECT r.number AS number, r.title AS title, r.status AS status, CAST(r.severity AS INTEGER) AS severity, r.tier AS tier, r.created_at AS created_at FROM requests r";
    q.push(head);
    if by_lines {
        // Lines in the period, of requests opened whenever.
        q.push(" WHERE 1 = 1");
        if let Some(org) = span.organization_id {
            let o = q.bind(org);
            q.push(&format!(" AND r.organization_id = {o}"));
        }
    } else {
        let (from, until) = bar.unwrap_or((span.from, span.until));
        cohort(&mut q, span, from, until);
    }
    q.push(&cond);
    // `asof` is bound first whether a clock filter reads it or not; say it once either way.
    q.push(&format!(" AND {asof} IS NOT NULL"));
    let count_sql = format!("SELECT COUNT(*) AS n FROM ({}) x", q.text);
    let count_stmt = {
        let text = if backend == DbBackend::Sqlite { count_sql.replace('$', "?") } else { count_sql };
        Statement::from_sql_and_values(backend, text, q.values.clone())
    };
    q.push(&format!(" ORDER BY r.created_at, r.id LIMIT {limit}"));
    let total = db.query_one_raw(count_stmt).await;
    let rows = db.query_all_raw(q.statement(backend)).await?;
    let list = rows
        .iter()
        .map(|row| {
            Ok(DrillRow {
                number: row.try_get("", "number")?,
                title: row.try_get("", "title")?,
                status: row.try_get("", "status")?,
                severity: row.try_get("", "severity")?,
                tier: row.try_get("", "tier")?,
                created_at: row.try_get("", "created_at")?,
            })
        })
        .collect::<Result<Vec<_>, DbErr>>()?;
    let total = match total {
        Ok(Some(row)) => u64::from(int(&row, "n")?),
        Ok(None) => 0,
        Err(e) => return Err(e),
    };
    Ok((list, total))
}

// ---------------------------------------------------------------- snapshots

pub async fn snapshot(db: &impl ConnectionTrait, scope: &str, kind: &str, start: &str) -> Result<Option<report_snapshot::Model>, DbErr> {
    report_snapshot::Entity::find()
        .filter(report_snapshot::Column::Scope.eq(scope))
        .filter(report_snapshot::Column::Kind.eq(kind))
        .filter(report_snapshot::Column::Start.eq(start))
        .one(db)
        .await
}

/// The scopes already frozen for one period (the freezing job skips them).
pub async fn frozen_scopes(db: &impl ConnectionTrait, kind: &str, start: &str) -> Result<Vec<String>, DbErr> {
    use sea_orm::QuerySelect;
    report_snapshot::Entity::find()
        .select_only()
        .column(report_snapshot::Column::Scope)
        .filter(report_snapshot::Column::Kind.eq(kind))
        .filter(report_snapshot::Column::Start.eq(start))
        .into_tuple()
        .all(db)
        .await
}

/// Stores a period's figures once: a second writer (another instance freezing the same
/// period) finds the row there and keeps the first. Returns the stored row.
pub async fn freeze(
    db: &impl ConnectionTrait,
    scope: &str,
    kind: &str,
    start: &str,
    figures_json: String,
    now: DateTime<Utc>,
) -> Result<report_snapshot::Model, DbErr> {
    use sea_orm::sea_query::OnConflict;
    let row = report_snapshot::ActiveModel {
        scope: Set(scope.into()),
        kind: Set(kind.into()),
        start: Set(start.into()),
        figures_json: Set(figures_json),
        computed_at: Set(now),
        recomputed_by: Set(None),
        recomputed_at: Set(None),
        ..Default::default()
    };
    report_snapshot::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([report_snapshot::Column::Scope, report_snapshot::Column::Kind, report_snapshot::Column::Start]).do_nothing().to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    snapshot(db, scope, kind, start).await?.ok_or_else(|| DbErr::RecordNotFound("report snapshot".into()))
}

/// Replaces a frozen period's figures (a manager's recompute).
pub async fn refreeze(
    db: &impl ConnectionTrait,
    row: report_snapshot::Model,
    figures_json: String,
    by: i32,
    now: DateTime<Utc>,
) -> Result<report_snapshot::Model, DbErr> {
    let mut a: report_snapshot::ActiveModel = row.into();
    a.figures_json = Set(figures_json);
    a.recomputed_by = Set(Some(by));
    a.recomputed_at = Set(Some(now));
    a.update(db).await
}

// ---------------------------------------------------------------- narratives

pub async fn narrative(db: &impl ConnectionTrait, scope: &str, start: &str) -> Result<Option<report_narrative::Model>, DbErr> {
    report_narrative::Entity::find().filter(report_narrative::Column::Scope.eq(scope)).filter(report_narrative::Column::Start.eq(start)).one(db).await
}

/// Writes the narrative if nobody saved it since `version` was read (0: none yet). False
/// when someone did: the caller says so rather than overwrite their words.
pub async fn save_narrative(
    db: &impl ConnectionTrait,
    scope: &str,
    start: &str,
    n: &domain::report::Narrative,
    author: i32,
    version: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    use sea_orm::sea_query::Expr;
    match narrative(db, scope, start).await? {
        None if version == 0 => {
            let row = report_narrative::ActiveModel {
                scope: Set(scope.into()),
                start: Set(start.into()),
                done: Set(n.done.clone()),
                not_done: Set(n.not_done.clone()),
                plan: Set(n.plan.clone()),
                author_id: Set(author),
                updated_at: Set(now),
                version: Set(1),
                ..Default::default()
            };
            // Two first saves at once: the unique key lets one in; the other is "changed".
            Ok(report_narrative::Entity::insert(row).exec(db).await.is_ok())
        }
        None => Ok(false),
        Some(cur) => {
            let res = report_narrative::Entity::update_many()
                .col_expr(report_narrative::Column::Done, Expr::value(n.done.clone()))
                .col_expr(report_narrative::Column::NotDone, Expr::value(n.not_done.clone()))
                .col_expr(report_narrative::Column::Plan, Expr::value(n.plan.clone()))
                .col_expr(report_narrative::Column::AuthorId, Expr::value(author))
                .col_expr(report_narrative::Column::UpdatedAt, Expr::value(now))
                .col_expr(report_narrative::Column::Version, Expr::value(version + 1))
                .filter(report_narrative::Column::Id.eq(cur.id))
                .filter(report_narrative::Column::Version.eq(version))
                .exec(db)
                .await?;
            Ok(res.rows_affected == 1)
        }
    }
}

// ---------------------------------------------------------------- recipients and mailings

pub async fn recipient_choices(db: &impl ConnectionTrait) -> Result<Vec<report_recipient::Model>, DbErr> {
    report_recipient::Entity::find().all(db).await
}

/// Records a manager's choice for one person and kind.
pub async fn choose_recipient(db: &impl ConnectionTrait, user_id: i32, kind: &str, receives: bool, by: i32, now: DateTime<Utc>) -> Result<(), DbErr> {
    use sea_orm::sea_query::OnConflict;
    let row = report_recipient::ActiveModel {
        user_id: Set(user_id),
        kind: Set(kind.into()),
        receives: Set(receives),
        chosen_by: Set(by),
        updated_at: Set(now),
        ..Default::default()
    };
    report_recipient::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([report_recipient::Column::UserId, report_recipient::Column::Kind])
                .update_columns([report_recipient::Column::Receives, report_recipient::Column::ChosenBy, report_recipient::Column::UpdatedAt])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// Claims the mailing of one report: true for the one caller that inserted the row.
pub async fn claim_mailing(db: &impl ConnectionTrait, scope: &str, kind: &str, start: &str, recipients: i32, now: DateTime<Utc>) -> Result<bool, DbErr> {
    use sea_orm::sea_query::OnConflict;
    let row = report_mailing::ActiveModel {
        scope: Set(scope.into()),
        kind: Set(kind.into()),
        start: Set(start.into()),
        recipients: Set(recipients),
        sent_at: Set(now),
        ..Default::default()
    };
    let inserted = report_mailing::Entity::insert(row)
        .on_conflict(OnConflict::columns([report_mailing::Column::Scope, report_mailing::Column::Kind, report_mailing::Column::Start]).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(inserted == 1)
}

/// The reports of one kind and period already mailed.
pub async fn mailed_scopes(db: &impl ConnectionTrait, kind: &str, start: &str) -> Result<Vec<String>, DbErr> {
    use sea_orm::QuerySelect;
    report_mailing::Entity::find()
        .select_only()
        .column(report_mailing::Column::Scope)
        .filter(report_mailing::Column::Kind.eq(kind))
        .filter(report_mailing::Column::Start.eq(start))
        .into_tuple()
        .all(db)
        .await
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    /// Evaluates the nested CASE for an instant the way the database would.
    fn eval(sql: &str, values: &[Value], at: DateTime<Utc>) -> usize {
        let s = sql.trim();
        if let Ok(n) = s.parse() {
            return n;
        }
        let inner = s.strip_prefix("(CASE WHEN c < $").and_then(|r| r.strip_suffix(" END)")).unwrap();
        let (p, rest) = inner.split_once(" THEN ").unwrap();
        let bound = match &values[p.parse::<usize>().unwrap() - 1] {
            Value::ChronoDateTimeUtc(Some(t)) => *t,
            v => panic!("{v:?}"),
        };
        // Split "below ELSE above" at the ELSE that belongs to this level.
        let (mut depth, mut cut) = (0i32, 0);
        for (i, ch) in rest.char_indices() {
            match ch {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ if depth == 0 && rest[i..].starts_with(" ELSE ") => {
                    cut = i;
                    break;
                }
                _ => {}
            }
        }
        let (below, above) = (&rest[..cut], &rest[cut + 6..]);
        eval(if at < bound { below } else { above }, values, at)
    }

    #[test]
    fn every_instant_falls_in_the_range_a_linear_scan_gives() {
        for n in 0..16 {
            let starts: Vec<DateTime<Utc>> = (0..n).map(|i| Utc.timestamp_opt(1_000 + i64::from(i) * 100, 0).unwrap()).collect();
            let mut q = Sql::new();
            let case = index_case(&mut q, "c", &starts);
            assert_eq!(q.values.len(), n as usize, "each boundary bound once");
            for t in (900..(1_000 + i64::from(n) * 100 + 100)).step_by(50) {
                let at = Utc.timestamp_opt(t, 0).unwrap();
                let expected = starts.iter().filter(|s| **s <= at).count();
                assert_eq!(eval(&case, &q.values, at), expected, "n={n} t={t}");
            }
        }
    }
}
