//! Filling the database: one request through the real server function (so the row is exactly
//! what the application writes), then N−1 varied copies inserted in bulk straight into the
//! table, because N server-function calls would take hours and measure the wrong thing.
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use db::entity::{request, user};
use db::sea_orm::{ActiveValue::Set, ConnectionTrait, DbBackend, EntityTrait, Statement};
use reqwest::StatusCode;

use crate::session::Portal;

/// Rows per INSERT: 500 × ~37 columns stays under SQLite's 32766 and PostgreSQL's 65535
/// bound parameters.
const ROWS_PER_STATEMENT: usize = 500;
/// Statements per transaction: few commits, but no single huge transaction.
const STATEMENTS_PER_TX: usize = 10;

/// A word that appears in about one title in eight, lowercase as stored (PostgreSQL's LIKE
/// is case-sensitive, SQLite's is not).
pub const SEARCH_WORD: &str = "toner";

const THINGS: &[&str] =
    &["Printer", "Laptop", "VPN", "E-mail", "Scanner", "File server", "Wi-Fi", "ERP client", "Desk phone", "Monitor", "Backup job", "Badge reader"];
const PROBLEMS: &[&str] = &[
    "does not start",
    "is very slow",
    "shows error 0x80070005",
    "keeps disconnecting",
    "needs replacing",
    "cannot print",
    "lost its settings",
    "is out of toner",
];
const PLACES: &[&str] =
    &["in building A", "at the front desk", "in the warehouse", "in meeting room 2", "on line 4", "in finance", "at the loading dock", "in the lab"];

pub struct Filled {
    /// The request submitted through the server function (its id is what live events carry).
    pub real_number: String,
    pub real_id: i32,
    /// A number about halfway through the table, of the real request's organization, so both
    /// the site manager and the staff can open it.
    pub deep_number: String,
    /// Its title, which its page must show.
    pub deep_title: String,
    pub rows: u64,
    pub seconds: f64,
}

/// Deterministic variety without a random generator: the same N gives the same table.
fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The customer organizations (those with sites and non-staff users) and who may file there.
struct Org {
    id: i32,
    sites: Vec<i32>,
    users: Vec<i32>,
}

async fn customer_orgs(conn: &impl ConnectionTrait, real_org: i32) -> Result<Vec<Org>, String> {
    let users = user::Entity::find().all(conn).await.map_err(|e| e.to_string())?;
    let sites = db::entity::site::Entity::find().all(conn).await.map_err(|e| e.to_string())?;
    let mut orgs: Vec<Org> = vec![];
    for u in users.iter().filter(|u| u.active && (u.role == "customer" || u.role == "site_manager")) {
        if !orgs.iter().any(|o| o.id == u.organization_id) {
            let org_sites: Vec<i32> = sites.iter().filter(|s| s.organization_id == u.organization_id).map(|s| s.id).collect();
            if !org_sites.is_empty() {
                orgs.push(Org { id: u.organization_id, sites: org_sites, users: vec![] });
            }
        }
        if let Some(o) = orgs.iter_mut().find(|o| o.id == u.organization_id) {
            o.users.push(u.id);
        }
    }
    // The real request's organization first: it gets the larger share below.
    orgs.sort_by_key(|o| o.id != real_org);
    if orgs.is_empty() {
        return Err("no customer organization with sites and users".into());
    }
    Ok(orgs)
}

/// Which organization copy `i` belongs to: 60 % the real one, the rest spread over the others.
fn org_index(i: u64, orgs: usize) -> usize {
    if orgs == 1 || i % 5 < 3 {
        0
    } else {
        1 + (i as usize / 5) % (orgs - 1)
    }
}

/// Submits one request as `user@acme.example` through `/api/submit_request`.
async fn submit_real(portal: &Portal) -> Result<String, String> {
    let user = portal.sign_in("user@acme.example").await?;
    let (status, form) = portal.call(&user.client, "get_new_request_form", &[]).await?;
    if status != StatusCode::OK {
        return Err(format!("get_new_request_form: {status} {form}"));
    }
    let form: serde_json::Value = serde_json::from_str(&form).map_err(|e| format!("get_new_request_form JSON: {e}"))?;
    let site_id = form["sites"][0]["id"].as_i64().ok_or("get_new_request_form: no sites[0].id")?.to_string();
    let (status, body) = portal
        .call(
            &user.client,
            "submit_request",
            &[
                ("title", "Benchmark: printer on line 4 is out of toner"),
                ("description", "Submitted by the benchmark through the real server function."),
                ("kind", "fault"),
                ("fault_kind", "software"),
                ("severity", "2"),
                ("system", "HP LaserJet M607"),
                ("site_id", &site_id),
                ("contact_phone", "+86 21 5555 0100"),
            ],
        )
        .await?;
    if status != StatusCode::OK {
        return Err(format!("submit_request: {status} {body}"));
    }
    serde_json::from_str::<String>(&body).map_err(|_| format!("submit_request answered {body:?}, not a service number"))
}

/// One copy of `real`, varied by `i` (1-based position after the real one).
fn copy(real: &request::Model, orgs: &[Org], i: u64, n: u64, year: i32, real_seq: u32, now: DateTime<Utc>) -> request::ActiveModel {
    let h = mix(i);
    let org = &orgs[org_index(i, orgs.len())];
    // Numbers grow with time, like real traffic: the newest copy is from now, the oldest a
    // year back.
    let created = now - Duration::seconds(((n - i) as i64) * 365 * 86_400 / n.max(1) as i64);
    let age_days = (now - created).num_days();
    let pick = (h >> 8) % 100;
    let status = if age_days <= 30 {
        match pick {
            0..=9 => "new",
            10..=19 => "triaged",
            20..=34 => "assigned",
            35..=59 => "in_progress",
            60..=69 => "waiting_on_customer",
            70..=84 => "resolved",
            85..=94 => "closed",
            _ => "reopened",
        }
    } else {
        match pick {
            0..=84 => "closed",
            85..=92 => "cancelled",
            93..=97 => "resolved",
            _ => "in_progress",
        }
    };
    let severity: i16 = match (h >> 16) % 100 {
        0..=14 => 1,
        15..=59 => 2,
        _ => 3,
    };
    let (kind, fault_kind) = match (h >> 24) % 10 {
        0 => ("consultation", None),
        1..=3 => ("fault", Some("hardware")),
        _ => ("fault", Some("software")),
    };
    let on_site = fault_kind == Some("hardware");
    let title = format!(
        "{} {} {}",
        THINGS[(h >> 32) as usize % THINGS.len()],
        PROBLEMS[(h >> 40) as usize % PROBLEMS.len()],
        PLACES[(h >> 48) as usize % PLACES.len()]
    );
    let (response_h, resolution_h) = match severity {
        1 => (1, 8),
        2 => (2, 24),
        _ => (4, 72),
    };
    let progressed = status != "new";
    let done = matches!(status, "resolved" | "closed");
    let finished = matches!(status, "closed" | "cancelled");
    let open = !matches!(status, "closed" | "cancelled");
    let resolution_deadline = created + Duration::hours(resolution_h);
    let updated = (created + Duration::minutes(30 + (h % 600) as i64)).min(now);
    let first_response_at = progressed.then(|| created + Duration::minutes(20));
    let on_site_at = (on_site && progressed && status != "triaged").then(|| created + Duration::hours(3));
    let response_deadline = (!progressed).then(|| created + Duration::hours(response_h));
    let on_site_deadline = on_site.then(|| created + Duration::seconds(real.on_site_limit_secs));
    let resolution = open.then_some(resolution_deadline);
    request::ActiveModel {
        number: Set(domain::ticket::format_service_number(year, real_seq + i as u32)),
        organization_id: Set(org.id),
        site_id: Set(org.sites[(h as usize >> 4) % org.sites.len()]),
        requester_id: Set(org.users[(h as usize >> 12) % org.users.len()]),
        created_by_id: Set(org.users[(h as usize >> 12) % org.users.len()]),
        title: Set(title),
        description: Set(format!("Copy {i} made by the benchmark. {}", real.description)),
        kind: Set(kind.into()),
        fault_kind: Set(fault_kind.map(String::from)),
        severity: Set(severity),
        system: Set(real.system.clone()),
        contact_phone: Set(real.contact_phone.clone()),
        status: Set(status.into()),
        assignee_id: Set(None),
        tier: Set(real.tier.clone()),
        sla_json: Set(real.sla_json.clone()),
        on_site_required: Set(on_site),
        on_site_limit_secs: Set(real.on_site_limit_secs),
        created_at: Set(created),
        updated_at: Set(updated),
        first_response_at: Set(first_response_at),
        on_site_at: Set(on_site_at),
        resolution_started_at: Set(created),
        resolved_at: Set(done.then_some(updated)),
        closed_at: Set(finished.then_some(updated)),
        response_deadline: Set(response_deadline),
        on_site_deadline: Set(on_site_deadline),
        resolution_deadline: Set(resolution),
        next_deadline: Set(if open {
            db::repo::queues::next_of(first_response_at.is_some(), on_site_deadline, on_site_at.is_some(), response_deadline, resolution)
        } else {
            None
        }),
        paused_since: Set((status == "waiting_on_customer").then_some(updated)),
        pause_reason: Set((status == "waiting_on_customer").then(|| "Waiting for the customer's reply".to_string())),
        // Open and already late: marked as escalated and recorded, as the escalation job would
        // have done, so that job does not spend the benchmark catching up on 10 000 rows.
        escalation_level: Set(if open && resolution_deadline < now { 1 } else { 0 }),
        breach_recorded: Set(open && resolution_deadline < now),
        version: Set(0),
        ..Default::default()
    }
}

pub async fn run(portal: &Portal, db: &db::Db, n: u64) -> Result<Filled, String> {
    let real_number = submit_real(portal).await?;
    let real = db::repo::requests::find_by_number(&db.conn, &real_number)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{real_number} not in the database"))?;
    let (year, real_seq) = domain::ticket::parse_service_number(&real_number).ok_or_else(|| format!("cannot parse {real_number}"))?;
    let orgs = customer_orgs(&db.conn, real.organization_id).await?;
    let now = Utc::now();
    let copies = n.saturating_sub(1);
    // The SQLite fill and the server share the write lock, so `begin_write` is the polite way in.
    let started = Instant::now();
    let mut i = 1u64;
    while i <= copies {
        let tx = db.begin_write().await.map_err(|e| e.to_string())?;
        for _ in 0..STATEMENTS_PER_TX {
            if i > copies {
                break;
            }
            let end = (i + ROWS_PER_STATEMENT as u64 - 1).min(copies);
            let rows: Vec<request::ActiveModel> = (i..=end).map(|k| copy(&real, &orgs, k, copies, year, real_seq, now)).collect();
            request::Entity::insert_many(rows).exec_without_returning(&*tx).await.map_err(|e| format!("insert_many: {e}"))?;
            i = end + 1;
        }
        tx.commit().await.map_err(|e| e.to_string())?;
    }
    // Keep the counter in step, so the next real submission does not collide with a copy.
    let backend = db.conn.get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => "UPDATE service_counters SET last_seq = ? WHERE year = ?",
        _ => "UPDATE service_counters SET last_seq = $1 WHERE year = $2",
    };
    let last = real_seq as i64 + copies as i64;
    db.conn.execute_raw(Statement::from_sql_and_values(backend, sql, [last.into(), year.into()])).await.map_err(|e| format!("service_counters: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    // PostgreSQL's autovacuum would vacuum and analyse the grown table soon in production; do
    // it now, so the planner sees the rows (not the 0 it saw at creation) and index-only scans
    // need no heap visits (the visibility map is set by VACUUM). Left to autovacuum, it runs
    // in the middle of the measurements: at 1M rows it made the first pages measured several
    // times slower than the same pages measured after it.
    if backend == DbBackend::Postgres {
        db.conn.execute_unprepared("VACUUM ANALYZE requests").await.map_err(|e| e.to_string())?;
    }
    // Halfway down the table, in the real request's organization (index 0).
    let mut deep = copies / 2;
    while deep > 0 && org_index(deep, orgs.len()) != 0 {
        deep -= 1;
    }
    let deep_number = if deep == 0 { real_number.clone() } else { domain::ticket::format_service_number(year, real_seq + deep as u32) };
    let deep_title = db::repo::requests::find_by_number(&db.conn, &deep_number)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("{deep_number} not in the database after the fill"))?
        .title;
    Ok(Filled { real_id: real.id, real_number, deep_number, deep_title, rows: copies, seconds })
}
