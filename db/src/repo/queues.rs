//! The staff queues: the dispatcher's triage queue, an engineer's own work, and each
//! engineer's open load. Ordered by the next deadline that is still running (`next_of`): the
//! first response until there is one, then arrival on site while awaited, then the resolution.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entity::request::{Column, Entity as Request, Model};

/// Statuses in which someone on the provider's side still has work to do.
pub const OPEN: [&str; 5] = ["new", "triaged", "assigned", "in_progress", "waiting_on_customer"];

/// The deadline that matters next (stored as `next_deadline` whenever deadlines are set; the
/// migration computed it the same way for older rows).
pub fn next_of(
    responded: bool,
    on_site_deadline: Option<DateTime<Utc>>,
    arrived: bool,
    response_deadline: Option<DateTime<Utc>>,
    resolution_deadline: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    if !responded {
        response_deadline
    } else if on_site_deadline.is_some() && !arrived {
        on_site_deadline
    } else {
        resolution_deadline
    }
}

#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub organization_id: Option<i32>,
    pub site_id: Option<i32>,
    pub severity: Option<i16>,
    pub kind: Option<String>,
    /// One status; empty means every open one.
    pub status: Option<String>,
    /// Only requests nobody is assigned to.
    pub unassigned_only: bool,
}

fn condition(f: &QueueFilter) -> Condition {
    let mut c = Condition::all();
    c = match f.status.as_deref() {
        Some(s) => c.add(Column::Status.eq(s)),
        None => c.add(Column::Status.is_in(OPEN)),
    };
    if let Some(o) = f.organization_id {
        c = c.add(Column::OrganizationId.eq(o));
    }
    if let Some(s) = f.site_id {
        c = c.add(Column::SiteId.eq(s));
    }
    if let Some(s) = f.severity {
        c = c.add(Column::Severity.eq(s));
    }
    if let Some(k) = f.kind.as_deref() {
        c = c.add(Column::Kind.eq(k));
    }
    if f.unassigned_only {
        c = c.add(Column::AssigneeId.is_null());
    }
    c
}

/// New and unassigned first, then by the next deadline (none last), oldest first on ties.
/// Read as up to three ordered index ranges (unassigned with a deadline, assigned with one,
/// then those without: paused), each cut at the limit, so the cost follows the page and
/// not the number of open requests.
pub async fn triage(db: &impl ConnectionTrait, f: &QueueFilter, limit: u64) -> Result<Vec<Model>, DbErr> {
    let mut rows = Request::find()
        .filter(condition(f))
        .filter(Column::AssigneeId.is_null())
        .filter(Column::NextDeadline.is_not_null())
        .order_by_asc(Column::NextDeadline)
        .order_by_asc(Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    if !f.unassigned_only && (rows.len() as u64) < limit {
        rows.extend(
            Request::find()
                .filter(condition(f))
                .filter(Column::AssigneeId.is_not_null())
                .filter(Column::NextDeadline.is_not_null())
                .order_by_asc(Column::NextDeadline)
                .order_by_asc(Column::Id)
                .limit(limit - rows.len() as u64)
                .all(db)
                .await?,
        );
    }
    if (rows.len() as u64) < limit {
        rows.extend(
            Request::find()
                .filter(condition(f))
                .filter(Column::NextDeadline.is_null())
                .order_by(Expr::col(Column::AssigneeId).is_not_null(), Order::Asc)
                .order_by_asc(Column::Id)
                .limit(limit - rows.len() as u64)
                .all(db)
                .await?,
        );
    }
    Ok(rows)
}

/// An engineer's open requests, the next deadline first (none last).
pub async fn assigned_to(db: &impl ConnectionTrait, engineer_id: i32, limit: u64) -> Result<Vec<Model>, DbErr> {
    Request::find()
        .filter(Column::AssigneeId.eq(engineer_id))
        .filter(Column::Status.is_in(OPEN))
        .order_by(Expr::col(Column::NextDeadline).is_null(), Order::Asc)
        .order_by_asc(Column::NextDeadline)
        .order_by_asc(Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Open requests of each of `engineers`. One indexed count per engineer (`assignee_id = ?`
/// on `(assignee_id, status)`): a single GROUP BY let SQLite walk every open request through
/// a status index instead (seconds under load at a million rows).
pub async fn open_load(db: &impl ConnectionTrait, engineers: &[i32]) -> Result<Vec<(i32, i64)>, DbErr> {
    let mut load = Vec::with_capacity(engineers.len());
    for &id in engineers {
        let n = Request::find().filter(Column::AssigneeId.eq(id)).filter(Column::Status.is_in(OPEN)).count(db).await?;
        load.push((id, n as i64));
    }
    Ok(load)
}
