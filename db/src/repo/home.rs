//! What the home pages ask for that no list asks for in the same shape: whose open requests,
//! what waits for a customer's approval, what the desk and the managers must look at now. Each
//! is one indexed query, bounded by `limit` where it returns rows.
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait};

use crate::entity::{complaint, emergency_plan, inspection, remote_session, request, training_booking, training_session, upgrade_plan};
use crate::repo::{queues::OPEN, requests::COUNT_CAP};

/// Whose requests a customer-side home page shows.
#[derive(Clone, Copy, Debug)]
pub enum Whose {
    Requester(i32),
    Organization(i32),
}

/// Open statuses as a customer sees them: the provider's open ones plus `resolved` (the
/// customer is asked to confirm the fix) and `reopened`.
pub const CUSTOMER_OPEN: [&str; 7] = ["new", "triaged", "assigned", "in_progress", "waiting_on_customer", "resolved", "reopened"];

fn whose(w: Whose) -> sea_orm::Condition {
    match w {
        Whose::Requester(id) => sea_orm::Condition::all().add(request::Column::RequesterId.eq(id)),
        Whose::Organization(id) => sea_orm::Condition::all().add(request::Column::OrganizationId.eq(id)),
    }
}

/// Open requests, those waiting for the customer first, then the next deadline first (none
/// last), and how many there are in all.
pub async fn open_requests(db: &impl ConnectionTrait, w: Whose, limit: u64) -> Result<(Vec<request::Model>, u64), DbErr> {
    let base = request::Entity::find().filter(whose(w)).filter(request::Column::Status.is_in(CUSTOMER_OPEN));
    // Capped like the request lists: a big organization's count stops at `COUNT_CAP + 1`.
    let total = capped_count(db, base.clone()).await?;
    let rows = base
        .order_by(Expr::col(request::Column::Status).is_in(["waiting_on_customer", "resolved"]), Order::Desc)
        .order_by(Expr::col(request::Column::NextDeadline).is_null(), Order::Asc)
        .order_by_asc(request::Column::NextDeadline)
        .order_by_desc(request::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// Which of `requests` have a remote session waiting for the customer's approval.
pub async fn remote_awaiting(db: &impl ConnectionTrait, requests: &[i32]) -> Result<Vec<i32>, DbErr> {
    if requests.is_empty() {
        return Ok(vec![]);
    }
    remote_session::Entity::find()
        .select_only()
        .column(remote_session::Column::RequestId)
        .filter(remote_session::Column::RequestId.is_in(requests.iter().copied()))
        .filter(remote_session::Column::Status.eq("requested"))
        .into_tuple()
        .all(db)
        .await
}

/// Upgrade plans of an organization waiting for its decision.
pub async fn upgrades_proposed(db: &impl ConnectionTrait, org: i32, limit: u64) -> Result<Vec<upgrade_plan::Model>, DbErr> {
    upgrade_plan::Entity::find()
        .filter(upgrade_plan::Column::OrganizationId.eq(org))
        .filter(upgrade_plan::Column::Status.eq("proposed"))
        .order_by_asc(upgrade_plan::Column::WindowStart)
        .limit(limit)
        .all(db)
        .await
}

/// Inspections of an organization reported and waiting for its sign-off.
pub async fn inspections_to_sign(db: &impl ConnectionTrait, org: i32, limit: u64) -> Result<Vec<inspection::Model>, DbErr> {
    inspection::Entity::find()
        .filter(inspection::Column::OrganizationId.eq(org))
        .filter(inspection::Column::Status.eq("reported"))
        .order_by_asc(inspection::Column::Date)
        .limit(limit)
        .all(db)
        .await
}

/// Inspections still to be visited (planned, announced, confirmed or a day proposed), of an
/// organization or assigned to an engineer, from the earliest day.
pub async fn inspections_ahead(
    db: &impl ConnectionTrait,
    org: Option<i32>,
    engineer: Option<i32>,
    until: NaiveDate,
    limit: u64,
) -> Result<Vec<inspection::Model>, DbErr> {
    let mut q = inspection::Entity::find()
        .filter(inspection::Column::Status.is_in(["planned", "announced", "confirmed", "date_proposed", "in_progress"]))
        .filter(inspection::Column::Date.lte(until));
    if let Some(org) = org {
        q = q.filter(inspection::Column::OrganizationId.eq(org));
    }
    if let Some(engineer) = engineer {
        q = q.filter(inspection::Column::EngineerId.eq(engineer));
    }
    q.order_by_asc(inspection::Column::Date).order_by_asc(inspection::Column::Id).limit(limit).all(db).await
}

/// How many rows `q` matches, counting no further than `COUNT_CAP + 1` (sea-orm's `count`
/// drops the limit).
async fn capped_count(db: &impl ConnectionTrait, q: sea_orm::Select<request::Entity>) -> Result<u64, DbErr> {
    crate::repo::count_rows(db, q.select_only().column(request::Column::Id).limit(COUNT_CAP + 1).into_query()).await
}

/// Open requests of an organization per severity (1, 2, 3), each capped at `COUNT_CAP + 1`.
pub async fn open_by_severity(db: &impl ConnectionTrait, org: i32) -> Result<[u64; 3], DbErr> {
    let mut out = [0u64; 3];
    for (i, level) in [1i16, 2, 3].into_iter().enumerate() {
        let q = request::Entity::find()
            .filter(request::Column::OrganizationId.eq(org))
            .filter(request::Column::Status.is_in(CUSTOMER_OPEN))
            .filter(request::Column::Severity.eq(level));
        out[i] = capped_count(db, q).await?;
    }
    Ok(out)
}

/// Open requests whose running deadline falls before `until` (overdue ones included), the
/// nearest first, through the partial index on `next_deadline`.
pub async fn due_before(db: &impl ConnectionTrait, until: DateTime<Utc>, limit: u64) -> Result<Vec<request::Model>, DbErr> {
    request::Entity::find()
        .filter(request::Column::NextDeadline.is_not_null())
        .filter(request::Column::NextDeadline.lt(until))
        .filter(request::Column::Status.is_in(OPEN))
        .filter(request::Column::PausedSince.is_null())
        .order_by_asc(request::Column::NextDeadline)
        .limit(limit)
        .all(db)
        .await
}

/// Emergency plans waiting for authorisation, with their request.
pub async fn plans_requested(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<(emergency_plan::Model, Option<request::Model>)>, DbErr> {
    let plans = emergency_plan::Entity::find()
        .filter(emergency_plan::Column::Status.eq("requested"))
        .order_by_asc(emergency_plan::Column::RequestedAt)
        .limit(limit)
        .all(db)
        .await?;
    let ids: Vec<i32> = plans.iter().map(|p| p.request_id).collect();
    let mut requests: std::collections::HashMap<i32, request::Model> =
        request::Entity::find().filter(request::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|r| (r.id, r)).collect();
    Ok(plans
        .into_iter()
        .map(|p| {
            let r = requests.remove(&p.request_id);
            (p, r)
        })
        .collect())
}

/// Open requests that have been escalated, the highest level first.
pub async fn escalated(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<request::Model>, DbErr> {
    request::Entity::find()
        .filter(request::Column::EscalationLevel.gt(0))
        .filter(request::Column::Status.is_in(OPEN))
        .order_by_desc(request::Column::EscalationLevel)
        .order_by(Expr::col(request::Column::NextDeadline).is_null(), Order::Asc)
        .order_by_asc(request::Column::NextDeadline)
        .limit(limit)
        .all(db)
        .await
}

/// Complaints not closed yet.
pub async fn complaints_open(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    complaint::Entity::find().filter(complaint::Column::Status.ne("closed")).count(db).await
}

/// The person's next training session they hold a seat (or a waiting-list place) in.
pub async fn next_training(
    db: &impl ConnectionTrait,
    user: i32,
    now: DateTime<Utc>,
) -> Result<Option<(training_booking::Model, training_session::Model)>, DbErr> {
    let bookings = training_booking::Entity::find()
        .filter(training_booking::Column::UserId.eq(user))
        .filter(training_booking::Column::Status.is_in(["confirmed", "waitlisted"]))
        .all(db)
        .await?;
    let Some(session) = training_session::Entity::find()
        .filter(training_session::Column::Id.is_in(bookings.iter().map(|b| b.session_id)))
        .filter(training_session::Column::EndsAt.gt(now))
        .filter(training_session::Column::Status.ne("cancelled"))
        .order_by_asc(training_session::Column::StartsAt)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(bookings.into_iter().find(|b| b.session_id == session.id).map(|b| (b, session)))
}
