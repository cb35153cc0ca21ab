//! Who may book, cancel and see a training session, and who gets a seat.
//!
//! Seats are first come, first served: a booking takes a free seat or joins the waiting
//! list, and a seat that frees up goes to whoever has waited longest. The server applies
//! these answers inside one write transaction that also counts the seats (the SQLite write
//! lock, a row lock on the session on PostgreSQL), with a unique (session, person) index for
//! active bookings; that is what makes "never over capacity, never booked twice" hold under
//! concurrent clicks. These functions only decide; they are given the counts.
//!
//! Staff are the provider's people. Those who organise training (dispatchers, managers,
//! admins: [`manages_training`]) may book customers who register by phone or e-mail, also
//! after the booking deadline (they set it, so they may make exceptions) but not once the
//! session has started, and may cancel anyone's booking until the session ends. Engineers
//! may see sessions (they are often the trainers) but do not manage seats. Seats are for
//! customers: nobody books a staff member.
use serde::{Deserialize, Serialize};

use super::kind::{Invited, SessionStatus};
use crate::permission::Actor;
use crate::role::Role;

/// What the rules need to know about a session. Times are unix seconds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFacts {
    pub status: SessionStatus,
    pub starts_at: i64,
    pub ends_at: i64,
    pub booking_deadline: i64,
    pub capacity: u32,
    pub invited: Invited,
}

/// The person a seat is for (the one booking, or the colleague or customer booked for).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub user_id: i32,
    pub org_id: i32,
    pub role: Role,
    /// A deactivated account cannot sign in to attend or cancel, so it is not booked.
    pub active: bool,
}

/// What a booking got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seat {
    Confirmed,
    Waitlisted,
}

/// Why a booking (or its cancellation) is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum BookingError {
    /// The person's organization is not invited. When the caller is a customer this is
    /// their own organization, and the server answers "not found": an uninvited customer
    /// must not learn that the session exists.
    NotInvited,
    Cancelled,
    DeadlinePassed,
    AlreadyBooked,
    /// Booking or cancelling for someone the caller may not act for.
    NotAllowed,
    Started,
    /// The session is over: nothing to cancel any more.
    Ended,
}

impl BookingError {
    /// A stable name for the UI and the logs (the serde tag).
    pub fn code(self) -> &'static str {
        match self {
            BookingError::NotInvited => "not_invited",
            BookingError::Cancelled => "cancelled",
            BookingError::DeadlinePassed => "deadline_passed",
            BookingError::AlreadyBooked => "already_booked",
            BookingError::NotAllowed => "not_allowed",
            BookingError::Started => "started",
            BookingError::Ended => "ended",
        }
    }
}

impl std::fmt::Display for BookingError {
    // For logs only; the UI translates the code.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for BookingError {}

/// One waiting-list entry: the booking's id and when it was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitlistEntry {
    pub id: i32,
    pub booked_at: i64,
}

/// Staff who create sessions and manage their seats.
pub fn manages_training(role: Role) -> bool {
    matches!(role, Role::Dispatcher | Role::Manager | Role::Admin)
}

/// Whether `actor` may see the session at all. Staff see every session. A customer or site
/// manager sees the sessions their organization is invited to; once cancelled, only if
/// `booked` (the actor, or for a site manager someone of their organization, held a booking),
/// so those people learn of the cancellation and nobody else is shown a dead session.
pub fn visible_to(session: &SessionFacts, actor: &Actor, booked: bool) -> bool {
    if actor.role.is_staff() {
        return true;
    }
    session.invited.includes(actor.org_id) && (session.status == SessionStatus::Scheduled || booked)
}

/// May `actor` book a seat for `target`, and which seat? `seats_taken` counts confirmed
/// bookings; `already_booked` is whether the target holds an active booking or waiting-list
/// entry of this session. Checked in this order, so a caller never learns more than it may:
/// visibility, who for whom, the target's invitation, the session's state, then seats.
pub fn book(session: &SessionFacts, actor: &Actor, target: &Attendee, seats_taken: u32, already_booked: bool, now: i64) -> Result<Seat, BookingError> {
    if !actor.role.is_staff() && !session.invited.includes(actor.org_id) {
        return Err(BookingError::NotInvited);
    }
    if !may_act_for(actor, target.user_id, target.org_id) || target.role.is_staff() || !target.active {
        return Err(BookingError::NotAllowed);
    }
    if !session.invited.includes(target.org_id) {
        return Err(BookingError::NotInvited);
    }
    if session.status == SessionStatus::Cancelled {
        return Err(BookingError::Cancelled);
    }
    if now >= session.starts_at {
        return Err(BookingError::Started);
    }
    if now >= session.booking_deadline && !actor.role.is_staff() {
        return Err(BookingError::DeadlinePassed);
    }
    if already_booked {
        return Err(BookingError::AlreadyBooked);
    }
    Ok(if seats_taken < session.capacity { Seat::Confirmed } else { Seat::Waitlisted })
}

/// May `actor` cancel the `seat` of `owner` now? Customers and site managers: a confirmed
/// seat until the booking deadline (after it the trainer plans with the numbers), a place on
/// the waiting list until the start (leaving it takes nothing from anyone). Training staff:
/// anything until the session ends (someone phones in sick on the day).
pub fn can_cancel(session: &SessionFacts, actor: &Actor, owner: &Attendee, seat: Seat, now: i64) -> Result<(), BookingError> {
    if !may_act_for(actor, owner.user_id, owner.org_id) {
        return Err(BookingError::NotAllowed);
    }
    if session.status == SessionStatus::Cancelled {
        return Err(BookingError::Cancelled);
    }
    if actor.role.is_staff() {
        return if now < session.ends_at { Ok(()) } else { Err(BookingError::Ended) };
    }
    match seat {
        Seat::Confirmed if now >= session.booking_deadline => Err(BookingError::DeadlinePassed),
        Seat::Waitlisted if now >= session.starts_at => Err(BookingError::Started),
        _ => Ok(()),
    }
}

/// Customers act for themselves; a site manager for anyone of their organization; training
/// staff for anyone; engineers for nobody.
fn may_act_for(actor: &Actor, user_id: i32, org_id: i32) -> bool {
    match actor.role {
        Role::Customer => user_id == actor.user_id && org_id == actor.org_id,
        Role::SiteManager => org_id == actor.org_id,
        role => manages_training(role),
    }
}

/// Free seats; never negative, even if capacity was lowered below the bookings by hand.
pub fn seats_left(capacity: u32, confirmed: u32) -> u32 {
    capacity.saturating_sub(confirmed)
}

/// The waiting-list entries (booking ids) that take the free seats now: the longest waiting
/// first (by booking time, then id, whatever order they are given in), as many as there are
/// free seats. Nothing moves once the session has started or was cancelled: a seat freed
/// during the session helps nobody, and a person told "you are in" at that point cannot come.
/// The server runs it after every change that frees a seat or raises the capacity, in the
/// same transaction, and tells each promoted person.
pub fn promote(session: &SessionFacts, confirmed: u32, waitlist: &[WaitlistEntry], now: i64) -> Vec<i32> {
    if session.status == SessionStatus::Cancelled || now >= session.starts_at {
        return Vec::new();
    }
    let mut queue = waitlist.to_vec();
    queue.sort_by_key(|e| (e.booked_at, e.id));
    let free = seats_left(session.capacity, confirmed) as usize;
    queue.into_iter().take(free).map(|e| e.id).collect()
}

#[cfg(test)]
mod tests;
