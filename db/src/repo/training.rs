//! Training sessions, their invitations, bookings and feedback.
//!
//! Seats are counted in `training_sessions.confirmed_count` and moved only by single
//! statements that test and change the count together ([`take_seat`], [`free_seat`]), so two
//! people booking the last seat at the same moment cannot both get it: PostgreSQL makes the
//! second statement wait for the first's row lock and re-checks its condition on the new
//! count; SQLite runs one writer at a time. Every write transaction that touches bookings
//! takes the session's row first ([`lock_session`] or a seat statement), so they all lock in
//! the same order and cannot deadlock.
use chrono::{DateTime, Utc};
use sea_orm::{
    sea_query::{Expr, ExprTrait, Query},
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::entity::{
    training_booking::{self as booking, Entity as Booking},
    training_feedback::{self as feedback, Entity as Feedback},
    training_invite::{self as invite, Entity as Invite},
    training_session::{self as session, Entity as Session, Model},
};

pub const SCHEDULED: &str = "scheduled";
pub const CANCELLED: &str = "cancelled";
pub const CONFIRMED: &str = "confirmed";
pub const WAITLISTED: &str = "waitlisted";

// ---------------------------------------------------------------- sessions

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<Model>, DbErr> {
    Session::find_by_id(id).one(db).await
}

pub async fn insert(tx: &impl ConnectionTrait, row: session::ActiveModel) -> Result<Model, DbErr> {
    row.insert(tx).await
}

/// Saves `row` if nobody changed the session since `version` was read; the version grows.
pub async fn update_if_version(tx: &impl ConnectionTrait, mut row: session::ActiveModel, id: i32, version: i32) -> Result<bool, DbErr> {
    row.version = Set(version + 1);
    let res = Session::update_many().set(row).filter(session::Column::Id.eq(id)).filter(session::Column::Version.eq(version)).exec(tx).await?;
    Ok(res.rows_affected == 1)
}

/// Which sessions a list shows: those ending after `ends_after` and/or at or before
/// `ends_by`, and, for a customer organization, only those it is invited to.
pub struct ListFilter {
    pub ends_after: Option<DateTime<Utc>>,
    pub ends_by: Option<DateTime<Utc>>,
    pub starts_from: Option<DateTime<Utc>>,
    pub starts_before: Option<DateTime<Utc>>,
    pub invited_org: Option<i32>,
    /// Newest first (the past list) instead of soonest first.
    pub newest_first: bool,
    pub limit: u64,
}

pub async fn list(db: &impl ConnectionTrait, f: &ListFilter) -> Result<Vec<Model>, DbErr> {
    let mut q = Session::find();
    if let Some(t) = f.ends_after {
        q = q.filter(session::Column::EndsAt.gt(t));
    }
    if let Some(t) = f.ends_by {
        q = q.filter(session::Column::EndsAt.lte(t));
    }
    if let Some(t) = f.starts_from {
        q = q.filter(session::Column::StartsAt.gte(t));
    }
    if let Some(t) = f.starts_before {
        q = q.filter(session::Column::StartsAt.lt(t));
    }
    if let Some(org) = f.invited_org {
        q = q.filter(
            Condition::any().add(session::Column::InvitedAll.eq(true)).add(
                session::Column::Id
                    .in_subquery(Query::select().column(invite::Column::SessionId).from(Invite).and_where(invite::Column::OrganizationId.eq(org)).to_owned()),
            ),
        );
    }
    q = if f.newest_first {
        q.order_by_desc(session::Column::StartsAt).order_by_desc(session::Column::Id)
    } else {
        q.order_by_asc(session::Column::StartsAt).order_by_asc(session::Column::Id)
    };
    q.limit(f.limit).all(db).await
}

/// Takes the session's row lock (PostgreSQL) without changing it, so the transaction's
/// reads of its bookings and counts stay true until it commits. False if there is no such
/// session.
pub async fn lock_session(tx: &impl ConnectionTrait, id: i32) -> Result<bool, DbErr> {
    let res = Session::update_many()
        .col_expr(session::Column::ConfirmedCount, Expr::col(session::Column::ConfirmedCount))
        .filter(session::Column::Id.eq(id))
        .exec(tx)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Takes a free seat of a scheduled session: true if there was one. One statement, so the
/// test and the increment cannot be separated by another booking.
pub async fn take_seat(tx: &impl ConnectionTrait, id: i32) -> Result<bool, DbErr> {
    let res = Session::update_many()
        .col_expr(session::Column::ConfirmedCount, Expr::col(session::Column::ConfirmedCount).add(1))
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::Status.eq(SCHEDULED))
        .filter(Expr::col(session::Column::ConfirmedCount).lt(Expr::col(session::Column::Capacity)))
        .exec(tx)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Gives a seat back (a confirmed booking was cancelled).
pub async fn free_seat(tx: &impl ConnectionTrait, id: i32) -> Result<(), DbErr> {
    Session::update_many()
        .col_expr(session::Column::ConfirmedCount, Expr::col(session::Column::ConfirmedCount).sub(1))
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::ConfirmedCount.gt(0))
        .exec(tx)
        .await?;
    Ok(())
}

// ---------------------------------------------------------------- invitations

/// The organizations invited to one session (empty when it is open to all).
pub async fn invites(db: &impl ConnectionTrait, session_id: i32) -> Result<Vec<i32>, DbErr> {
    let rows = Invite::find().filter(invite::Column::SessionId.eq(session_id)).order_by_asc(invite::Column::OrganizationId).all(db).await?;
    Ok(rows.into_iter().map(|r| r.organization_id).collect())
}

/// Replaces a session's invited organizations.
pub async fn set_invites(tx: &impl ConnectionTrait, session_id: i32, org_ids: &[i32]) -> Result<(), DbErr> {
    Invite::delete_many().filter(invite::Column::SessionId.eq(session_id)).exec(tx).await?;
    for org in org_ids {
        invite::ActiveModel { session_id: Set(session_id), organization_id: Set(*org) }.insert(tx).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------- bookings

pub struct NewBooking {
    pub session_id: i32,
    pub user_id: i32,
    pub organization_id: i32,
    pub booked_by: i32,
    pub status: &'static str,
    pub at: DateTime<Utc>,
}

/// Fails with a unique violation if the person already holds an active booking of the session.
pub async fn insert_booking(tx: &impl ConnectionTrait, b: NewBooking) -> Result<booking::Model, DbErr> {
    booking::ActiveModel {
        session_id: Set(b.session_id),
        user_id: Set(b.user_id),
        organization_id: Set(b.organization_id),
        booked_by: Set(b.booked_by),
        status: Set(b.status.to_string()),
        booked_at: Set(b.at),
        ..Default::default()
    }
    .insert(tx)
    .await
}

pub async fn find_booking(db: &impl ConnectionTrait, id: i32) -> Result<Option<booking::Model>, DbErr> {
    Booking::find_by_id(id).one(db).await
}

/// The person's booking of the session that is not cancelled, if any.
pub async fn active_booking(db: &impl ConnectionTrait, session_id: i32, user_id: i32) -> Result<Option<booking::Model>, DbErr> {
    Booking::find()
        .filter(booking::Column::SessionId.eq(session_id))
        .filter(booking::Column::UserId.eq(user_id))
        .filter(booking::Column::Status.ne(CANCELLED))
        .one(db)
        .await
}

/// Moves a booking from status `from` to `row`'s status (and whatever else `row` sets); false
/// if it was no longer in `from` (someone else moved it first).
pub async fn move_booking(tx: &impl ConnectionTrait, id: i32, from: &str, row: booking::ActiveModel) -> Result<bool, DbErr> {
    let res = Booking::update_many().set(row).filter(booking::Column::Id.eq(id)).filter(booking::Column::Status.eq(from)).exec(tx).await?;
    Ok(res.rows_affected == 1)
}

/// Sets a booking's columns unconditionally (attendance).
pub async fn update_booking(tx: &impl ConnectionTrait, id: i32, mut row: booking::ActiveModel) -> Result<(), DbErr> {
    row.id = Set(id);
    row.update(tx).await.map(|_| ())
}

/// A session's waiting list in the order seats are offered.
pub async fn waitlist(db: &impl ConnectionTrait, session_id: i32) -> Result<Vec<booking::Model>, DbErr> {
    Booking::find()
        .filter(booking::Column::SessionId.eq(session_id))
        .filter(booking::Column::Status.eq(WAITLISTED))
        .order_by_asc(booking::Column::BookedAt)
        .order_by_asc(booking::Column::Id)
        .all(db)
        .await
}

/// Every booking of a session, cancelled ones included, in booking order.
pub async fn bookings_of_session(db: &impl ConnectionTrait, session_id: i32) -> Result<Vec<booking::Model>, DbErr> {
    Booking::find().filter(booking::Column::SessionId.eq(session_id)).order_by_asc(booking::Column::BookedAt).order_by_asc(booking::Column::Id).all(db).await
}

/// Bookings of the given sessions, optionally only of one person or one organization.
pub async fn bookings_in(db: &impl ConnectionTrait, session_ids: &[i32], user_id: Option<i32>, org_id: Option<i32>) -> Result<Vec<booking::Model>, DbErr> {
    if session_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Booking::find().filter(booking::Column::SessionId.is_in(session_ids.iter().copied()));
    if let Some(u) = user_id {
        q = q.filter(booking::Column::UserId.eq(u));
    }
    if let Some(o) = org_id {
        q = q.filter(booking::Column::OrganizationId.eq(o));
    }
    q.order_by_asc(booking::Column::BookedAt).order_by_asc(booking::Column::Id).all(db).await
}

/// A person's bookings, every status, newest first.
pub async fn bookings_of_user(db: &impl ConnectionTrait, user_id: i32, limit: u64) -> Result<Vec<booking::Model>, DbErr> {
    Booking::find()
        .filter(booking::Column::UserId.eq(user_id))
        .order_by_desc(booking::Column::BookedAt)
        .order_by_desc(booking::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// How many are waiting, per session.
pub async fn waiting_counts(db: &impl ConnectionTrait, session_ids: &[i32]) -> Result<Vec<(i32, i64)>, DbErr> {
    if session_ids.is_empty() {
        return Ok(Vec::new());
    }
    Booking::find()
        .select_only()
        .column(booking::Column::SessionId)
        .column_as(booking::Column::Id.count(), "n")
        .filter(booking::Column::SessionId.is_in(session_ids.iter().copied()))
        .filter(booking::Column::Status.eq(WAITLISTED))
        .group_by(booking::Column::SessionId)
        .into_tuple()
        .all(db)
        .await
}

/// Confirmed bookings of scheduled sessions that ended in `ended` and whose attendee was not
/// asked for feedback yet (nor marked absent).
pub async fn feedback_to_ask(db: &impl ConnectionTrait, ended_after: DateTime<Utc>, now: DateTime<Utc>, limit: u64) -> Result<Vec<booking::Model>, DbErr> {
    let sessions = Query::select()
        .column(session::Column::Id)
        .from(Session)
        .and_where(session::Column::Status.eq(SCHEDULED))
        .and_where(session::Column::EndsAt.lte(now))
        .and_where(session::Column::EndsAt.gt(ended_after))
        .to_owned();
    Booking::find()
        .filter(booking::Column::SessionId.in_subquery(sessions))
        .filter(booking::Column::Status.eq(CONFIRMED))
        .filter(booking::Column::FeedbackAskedAt.is_null())
        .filter(Condition::any().add(booking::Column::Attended.is_null()).add(booking::Column::Attended.eq(true)))
        .order_by_asc(booking::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Confirmed bookings of scheduled sessions starting after `now` and by `until`, not reminded yet.
pub async fn reminders_to_send(db: &impl ConnectionTrait, now: DateTime<Utc>, until: DateTime<Utc>, limit: u64) -> Result<Vec<booking::Model>, DbErr> {
    let sessions = Query::select()
        .column(session::Column::Id)
        .from(Session)
        .and_where(session::Column::Status.eq(SCHEDULED))
        .and_where(session::Column::StartsAt.gt(now))
        .and_where(session::Column::StartsAt.lte(until))
        .to_owned();
    Booking::find()
        .filter(booking::Column::SessionId.in_subquery(sessions))
        .filter(booking::Column::Status.eq(CONFIRMED))
        .filter(booking::Column::RemindedAt.is_null())
        .order_by_asc(booking::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Which job message went out for a booking.
#[derive(Clone, Copy)]
pub enum Told {
    Reminder,
    Feedback,
}

/// Records that `what` went out, once: false if it already had (another instance was first).
pub async fn mark_told(tx: &impl ConnectionTrait, booking_id: i32, what: Told, at: DateTime<Utc>) -> Result<bool, DbErr> {
    let col = match what {
        Told::Reminder => booking::Column::RemindedAt,
        Told::Feedback => booking::Column::FeedbackAskedAt,
    };
    let res = Booking::update_many().col_expr(col, Expr::value(at)).filter(booking::Column::Id.eq(booking_id)).filter(col.is_null()).exec(tx).await?;
    Ok(res.rows_affected == 1)
}

// ---------------------------------------------------------------- feedback

pub async fn feedback_of(db: &impl ConnectionTrait, booking_id: i32) -> Result<Option<feedback::Model>, DbErr> {
    Feedback::find().filter(feedback::Column::BookingId.eq(booking_id)).one(db).await
}

pub async fn feedback_of_session(db: &impl ConnectionTrait, session_id: i32) -> Result<Vec<feedback::Model>, DbErr> {
    Feedback::find().filter(feedback::Column::SessionId.eq(session_id)).order_by_asc(feedback::Column::Id).all(db).await
}

/// Fails with a unique violation if the booking already has feedback.
pub async fn insert_feedback(tx: &impl ConnectionTrait, row: feedback::ActiveModel) -> Result<feedback::Model, DbErr> {
    row.insert(tx).await
}

// ---------------------------------------------------------------- people

/// Users by id (for names in lists), in no particular order.
pub async fn users_by_ids(db: &impl ConnectionTrait, ids: &[i32]) -> Result<Vec<crate::entity::user::Model>, DbErr> {
    use crate::entity::user;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    user::Entity::find().filter(user::Column::Id.is_in(ids.iter().copied())).all(db).await
}

/// Active customer accounts (customers and site managers) of the given organizations, or
/// of every organization with `None`, by name: the people staff may book.
pub async fn bookable_people(db: &impl ConnectionTrait, org_ids: Option<&[i32]>, limit: u64) -> Result<Vec<crate::entity::user::Model>, DbErr> {
    use crate::entity::user;
    let mut q = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Role.is_in([domain::Role::Customer.as_str(), domain::Role::SiteManager.as_str()]));
    if let Some(ids) = org_ids {
        q = q.filter(user::Column::OrganizationId.is_in(ids.iter().copied()));
    }
    q.order_by_asc(user::Column::DisplayName).order_by_asc(user::Column::Id).limit(limit).all(db).await
}
