//! Training sessions on the server: loading with the visibility rule, the booking,
//! cancelling and promotion transactions, and telling people (notifications, live events).
//!
//! The decisions are `domain::training`'s; this applies them. Seats are taken and given back
//! only through `repo::training::{take_seat, free_seat}` inside a write transaction that
//! holds the session's row first, so capacity is never exceeded and a freed seat goes to the
//! first person waiting in the same transaction that freed it.
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use db::{
    entity::{training_booking as booking, training_session as session, user},
    repo::{self, training as t},
    sea_orm::{ActiveValue::Set, ConnectionTrait},
};
use domain::{
    notice::Notice,
    training::{
        self as rules, Attendee, BookingError, BookingStatus, Delivery, DeliveryMode, Invited, Seat, SessionDraft, SessionFacts, SessionStatus, TrainingKind,
    },
    Actor, Role,
};

use super::{auth::Caller, internal, AppState};
use crate::{
    error::AppError,
    model::{BookingRow, SessionSummary},
};

/// The zone of the customers' calendar and of "this month" (the provider's).
pub const CALENDAR_TZ: chrono_tz::Tz = chrono_tz::Asia::Shanghai;

pub fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// A session plus the organizations it is open to.
pub struct Loaded {
    pub s: session::Model,
    pub invited: Invited,
}

impl Loaded {
    pub fn facts(&self) -> SessionFacts {
        facts_of(&self.s, &self.invited)
    }

    pub fn status(&self) -> SessionStatus {
        SessionStatus::parse(&self.s.status).unwrap_or(SessionStatus::Scheduled)
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.s.tz.parse().unwrap_or(CALENDAR_TZ)
    }

    pub fn delivery(&self) -> Delivery {
        match DeliveryMode::parse(&self.s.delivery) {
            Some(DeliveryMode::Online) => Delivery::Online { link: self.s.link.clone() },
            _ => Delivery::OnSite { place: self.s.place.clone() },
        }
    }

    /// The stored session as the form's draft (to fill the edit form).
    pub fn draft(&self) -> SessionDraft {
        SessionDraft {
            title: self.s.title.clone(),
            kind: TrainingKind::parse(&self.s.kind).unwrap_or(TrainingKind::Product),
            description: self.s.description.clone(),
            trainer: self.s.trainer.clone(),
            tz: self.tz(),
            starts_at: self.s.starts_at.timestamp(),
            ends_at: self.s.ends_at.timestamp(),
            delivery: self.delivery(),
            capacity: self.s.capacity.max(0) as u32,
            booking_deadline: self.s.booking_deadline.timestamp(),
            invited: self.invited.clone(),
        }
    }
}

pub fn facts_of(s: &session::Model, invited: &Invited) -> SessionFacts {
    SessionFacts {
        status: SessionStatus::parse(&s.status).unwrap_or(SessionStatus::Scheduled),
        starts_at: s.starts_at.timestamp(),
        ends_at: s.ends_at.timestamp(),
        booking_deadline: s.booking_deadline.timestamp(),
        capacity: s.capacity.max(0) as u32,
        invited: invited.clone(),
    }
}

/// The session with its invitations, whoever asks (callers check visibility).
pub async fn load(conn: &impl ConnectionTrait, id: i32) -> Result<Option<Loaded>, AppError> {
    let Some(s) = t::find(conn, id).await? else { return Ok(None) };
    let invited = if s.invited_all { Invited::All } else { Invited::only(t::invites(conn, s.id).await?) };
    Ok(Some(Loaded { s, invited }))
}

/// Whether the actor (a customer, or a site manager for their organization) holds or held a
/// booking of the session: what keeps a cancelled session visible to those it concerned.
pub async fn booked_by_actor(conn: &impl ConnectionTrait, actor: &Actor, session_id: i32) -> Result<bool, AppError> {
    let rows = match actor.role {
        Role::SiteManager => t::bookings_in(conn, &[session_id], None, Some(actor.org_id)).await?,
        _ => t::bookings_in(conn, &[session_id], Some(actor.user_id), None).await?,
    };
    Ok(!rows.is_empty())
}

/// A session the caller may see; otherwise `NotFound`, the same answer as for a session that
/// does not exist (an uninvited customer must not learn that it does).
pub async fn load_visible(conn: &impl ConnectionTrait, caller: &Caller, id: i32) -> Result<Loaded, AppError> {
    let l = load(conn, id).await?.ok_or(AppError::NotFound)?;
    let booked = if l.status() == SessionStatus::Cancelled && !caller.actor.role.is_staff() { booked_by_actor(conn, &caller.actor, id).await? } else { false };
    if !rules::visible_to(&l.facts(), &caller.actor, booked) {
        return Err(AppError::NotFound);
    }
    Ok(l)
}

/// Staff who organise training pass; other staff (engineers) are refused; customers are
/// told there is nothing here.
pub fn require_manager(caller: &Caller) -> Result<(), AppError> {
    if rules::manages_training(caller.actor.role) {
        Ok(())
    } else if caller.actor.role.is_staff() {
        Err(AppError::Forbidden)
    } else {
        Err(AppError::NotFound)
    }
}

/// A refused booking or cancellation as the caller's error. `NotInvited` about the caller's
/// own organization is "not found" (see `BookingError::NotInvited`); about a person staff
/// tried to book it is a reason to show.
pub fn refusal(e: BookingError, caller: &Caller) -> AppError {
    match e {
        BookingError::NotInvited if !caller.actor.role.is_staff() => AppError::NotFound,
        other => AppError::denied(other),
    }
}

// ---------------------------------------------------------------- telling people

/// Who hears of a change to a session on the live feed: staff, and customers of the
/// organizations in `orgs` (`None`: every customer, the session is open to all). Used by
/// `server::live::may_receive` for events of kind `LiveKind::Training`.
pub fn may_receive(actor: &Actor, org: Option<i32>) -> bool {
    actor.role.is_staff() || org.is_none_or(|o| o == actor.org_id)
}

/// Announces a change of a session to open pages, in the change's transaction: one event per
/// invited organization (customers of other organizations never hear of it), or one for
/// everyone when all are invited. `also` adds organizations that were invited before an edit,
/// so their lists drop the session. Events carry no session content.
pub async fn publish(tx: &impl ConnectionTrait, invited: &Invited, also: &Invited) -> Result<(), AppError> {
    let orgs: Option<Vec<i32>> = match (invited, also) {
        (Invited::All, _) | (_, Invited::All) => None,
        (Invited::Only(a), Invited::Only(b)) => {
            let mut v: Vec<i32> = a.iter().chain(b).copied().collect();
            v.sort_unstable();
            v.dedup();
            Some(v)
        }
    };
    let event = |org: Option<i32>| repo::live_events::Audience { request_id: None, organization_id: org, requester_id: None, user_id: None };
    match orgs {
        None => {
            repo::live_events::insert(tx, domain::live::LiveKind::Training, event(None)).await?;
        }
        Some(orgs) => {
            for org in orgs {
                repo::live_events::insert(tx, domain::live::LiveKind::Training, event(Some(org))).await?;
            }
        }
    }
    Ok(())
}

/// A notification about a session for one person, announced to their open pages. The body
/// names the session (id, title, start) so the notification page can link and describe it.
pub async fn notify(tx: &impl ConnectionTrait, user_id: i32, s: &session::Model, notice: domain::notice::Notice) -> Result<(), AppError> {
    let about = domain::notice::About::Training { session_id: s.id, title: s.title.clone(), starts_at: s.starts_at, tz: s.tz.clone() };
    super::announce::notify_user(tx, user_id, None, &domain::notice::Notification { about, notice }).await.map(|_| ())
}

// ---------------------------------------------------------------- seats

pub fn attendee_of(u: &user::Model) -> Attendee {
    Attendee { user_id: u.id, org_id: u.organization_id, role: Role::parse(&u.role).unwrap_or(Role::Customer), active: u.active }
}

pub fn seat_of(b: &booking::Model) -> Option<Seat> {
    match BookingStatus::parse(&b.status) {
        Some(BookingStatus::Confirmed) => Some(Seat::Confirmed),
        Some(BookingStatus::Waitlisted) => Some(Seat::Waitlisted),
        _ => None,
    }
}

/// Books a seat (or a waiting-list place) for `target` (`None`: the caller). The rule is
/// checked first with the counts as read; the seat itself is decided by the one atomic
/// statement in the transaction, so the answer holds however many book at once.
pub async fn book(state: &AppState, caller: &Caller, session_id: i32, target: Option<i32>) -> Result<BookingStatus, AppError> {
    let conn = &state.db.conn;
    let l = load_visible(conn, caller, session_id).await?;
    let person = match target.filter(|id| *id != caller.user.id) {
        None => caller.user.clone(),
        Some(id) => {
            let u = repo::users::find(conn, id).await?.ok_or(AppError::NotFound)?;
            // A site manager (or customer) is never told about people of other organizations.
            if !caller.actor.role.is_staff() && u.organization_id != caller.actor.org_id {
                return Err(AppError::NotFound);
            }
            u
        }
    };
    let now = Utc::now();
    let already = t::active_booking(conn, session_id, person.id).await?.is_some();
    let seats_taken = l.s.confirmed_count.max(0) as u32;
    rules::book(&l.facts(), &caller.actor, &attendee_of(&person), seats_taken, already, now.timestamp()).map_err(|e| refusal(e, caller))?;

    let tx = state.db.begin_write().await?;
    let seat = if t::take_seat(&*tx, session_id).await? {
        Seat::Confirmed
    } else {
        // Full (or cancelled meanwhile): hold the row, then look again at its status.
        t::lock_session(&*tx, session_id).await?;
        let fresh = t::find(&*tx, session_id).await?.ok_or(AppError::NotFound)?;
        if fresh.status != t::SCHEDULED {
            return Err(refusal(BookingError::Cancelled, caller));
        }
        Seat::Waitlisted
    };
    let status = BookingStatus::from(seat);
    let new =
        t::NewBooking { session_id, user_id: person.id, organization_id: person.organization_id, booked_by: caller.user.id, status: status.as_str(), at: now };
    let b = match t::insert_booking(&*tx, new).await {
        Ok(b) => b,
        // Booked twice at the same moment: the database's unique index lets one through.
        Err(e) if repo::is_unique_violation(&e) => return Err(refusal(BookingError::AlreadyBooked, caller)),
        Err(e) => return Err(e.into()),
    };
    if person.id != caller.user.id {
        notify(&*tx, person.id, &l.s, Notice::TrainingBooked { status, by: caller.user.display_name.clone() }).await?;
    }
    super::audit::record(
        &*tx,
        caller,
        "training.book",
        &format!("training:{session_id}"),
        Some(person.organization_id),
        serde_json::json!({ "booking": b.id, "user": person.id, "status": status.as_str() }),
    )
    .await?;
    publish(&*tx, &l.invited, &l.invited).await?;
    tx.commit().await?;
    Ok(status)
}

/// Cancels a booking: the caller's own, a colleague's (site manager) or anyone's (training
/// staff). A confirmed seat goes back and, in the same transaction, to the first waiting.
pub async fn cancel(state: &AppState, caller: &Caller, booking_id: i32) -> Result<(), AppError> {
    let conn = &state.db.conn;
    let b = t::find_booking(conn, booking_id).await?.ok_or(AppError::NotFound)?;
    let l = load_visible(conn, caller, b.session_id).await?;
    // Customers see only their own bookings, site managers their organization's.
    let mine = b.user_id == caller.user.id || (caller.actor.role == Role::SiteManager && b.organization_id == caller.actor.org_id);
    if !caller.actor.role.is_staff() && !mine {
        return Err(AppError::NotFound);
    }
    let Some(seat) = seat_of(&b) else { return Err(AppError::NotNow(domain::Refusal::TrainingNotBooked)) };
    let owner = repo::users::find(conn, b.user_id).await?.ok_or(AppError::NotFound)?;
    let now = Utc::now();
    rules::can_cancel(&l.facts(), &caller.actor, &attendee_of(&owner), seat, now.timestamp()).map_err(|e| refusal(e, caller))?;

    let tx = state.db.begin_write().await?;
    t::lock_session(&*tx, b.session_id).await?;
    let row =
        booking::ActiveModel { status: Set(t::CANCELLED.into()), cancelled_at: Set(Some(now)), cancelled_by: Set(Some(caller.user.id)), ..Default::default() };
    if !t::move_booking(&*tx, b.id, &b.status, row).await? {
        return Err(AppError::Conflict);
    }
    if seat == Seat::Confirmed {
        t::free_seat(&*tx, b.session_id).await?;
        promote(&*tx, b.session_id, now).await?;
    }
    if owner.id != caller.user.id {
        notify(&*tx, owner.id, &l.s, Notice::TrainingBookingCancelled { by: caller.user.display_name.clone() }).await?;
    }
    super::audit::record(
        &*tx,
        caller,
        "training.cancel_booking",
        &format!("training:{}", b.session_id),
        Some(b.organization_id),
        serde_json::json!({ "booking": b.id, "user": b.user_id }),
    )
    .await?;
    publish(&*tx, &l.invited, &l.invited).await?;
    tx.commit().await?;
    Ok(())
}

/// Gives free seats to the longest waiting (the caller holds the session's row), telling each.
/// Returns how many moved up.
pub async fn promote(tx: &impl ConnectionTrait, session_id: i32, now: DateTime<Utc>) -> Result<usize, AppError> {
    let Some(l) = load(tx, session_id).await? else { return Ok(0) };
    let waiting = t::waitlist(tx, session_id).await?;
    let entries: Vec<rules::WaitlistEntry> = waiting.iter().map(|b| rules::WaitlistEntry { id: b.id, booked_at: b.booked_at.timestamp() }).collect();
    let chosen = rules::promote(&l.facts(), l.s.confirmed_count.max(0) as u32, &entries, now.timestamp());
    let mut moved = 0;
    for id in chosen {
        if !t::take_seat(tx, session_id).await? {
            break;
        }
        let row = booking::ActiveModel { status: Set(t::CONFIRMED.into()), promoted_at: Set(Some(now)), ..Default::default() };
        if !t::move_booking(tx, id, t::WAITLISTED, row).await? {
            t::free_seat(tx, session_id).await?;
            continue;
        }
        if let Some(b) = waiting.iter().find(|b| b.id == id) {
            notify(tx, b.user_id, &l.s, Notice::TrainingPromoted {}).await?;
        }
        moved += 1;
    }
    Ok(moved)
}

// ---------------------------------------------------------------- views

/// The list line of a session for the caller.
pub fn summary(l: &Loaded, waiting: u32, my_booking: Option<BookingStatus>) -> SessionSummary {
    let s = &l.s;
    let capacity = s.capacity.max(0) as u32;
    let place = match l.delivery() {
        Delivery::OnSite { place } => place,
        Delivery::Online { .. } => "Online".to_string(),
    };
    SessionSummary {
        id: s.id,
        title: s.title.clone(),
        kind: TrainingKind::parse(&s.kind).unwrap_or(TrainingKind::Product),
        status: l.status(),
        trainer: s.trainer.clone(),
        tz: s.tz.clone(),
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        booking_deadline: s.booking_deadline,
        delivery: s.delivery.clone(),
        place,
        capacity,
        seats_left: rules::seats_left(capacity, s.confirmed_count.max(0) as u32),
        waiting,
        my_booking,
    }
}

/// Which booking of a person's bookings of one session counts: the active one, else the latest.
pub fn current_booking<'a>(rows: impl IntoIterator<Item = &'a booking::Model>) -> Option<&'a booking::Model> {
    let rows: Vec<&booking::Model> = rows.into_iter().collect();
    rows.iter().find(|b| b.status != t::CANCELLED).copied().or_else(|| rows.iter().max_by_key(|b| (b.booked_at, b.id)).copied())
}

/// Sessions as the caller's list shows them: visible ones only, with waiting counts and the
/// caller's own booking.
pub async fn summaries(conn: &impl ConnectionTrait, caller: &Caller, sessions: Vec<session::Model>) -> Result<Vec<SessionSummary>, AppError> {
    let ids: Vec<i32> = sessions.iter().map(|s| s.id).collect();
    let waiting: HashMap<i32, i64> = t::waiting_counts(conn, &ids).await?.into_iter().collect();
    let mine = t::bookings_in(conn, &ids, Some(caller.user.id), None).await?;
    let org_booked: Vec<i32> = match caller.actor.role {
        Role::SiteManager => t::bookings_in(conn, &ids, None, Some(caller.actor.org_id)).await?.into_iter().map(|b| b.session_id).collect(),
        _ => mine.iter().map(|b| b.session_id).collect(),
    };
    let mut out = Vec::new();
    for s in sessions {
        let invited = if s.invited_all { Invited::All } else { Invited::only(t::invites(conn, s.id).await?) };
        let l = Loaded { s, invited };
        if !rules::visible_to(&l.facts(), &caller.actor, org_booked.contains(&l.s.id)) {
            continue;
        }
        let my = current_booking(mine.iter().filter(|b| b.session_id == l.s.id)).and_then(|b| BookingStatus::parse(&b.status));
        let w = waiting.get(&l.s.id).copied().unwrap_or(0).max(0) as u32;
        out.push(summary(&l, w, my));
    }
    Ok(out)
}

/// Bookings as rows of the attendee list or "my bookings", with names and waiting positions.
pub async fn booking_rows(conn: &impl ConnectionTrait, rows: &[booking::Model]) -> Result<Vec<BookingRow>, AppError> {
    let mut user_ids: Vec<i32> = rows.iter().map(|b| b.user_id).collect();
    user_ids.sort_unstable();
    user_ids.dedup();
    let users: HashMap<i32, user::Model> = t::users_by_ids(conn, &user_ids).await?.into_iter().map(|u| (u.id, u)).collect();
    let orgs: HashMap<i32, String> = repo::organizations::list(conn).await?.into_iter().map(|o| (o.id, o.name)).collect();
    let mut session_ids: Vec<i32> = rows.iter().map(|b| b.session_id).collect();
    session_ids.sort_unstable();
    session_ids.dedup();
    let mut sessions = HashMap::new();
    let mut queues: HashMap<i32, Vec<i32>> = HashMap::new();
    for id in session_ids {
        if let Some(s) = t::find(conn, id).await? {
            sessions.insert(id, s);
        }
        if rows.iter().any(|b| b.session_id == id && b.status == t::WAITLISTED) {
            queues.insert(id, t::waitlist(conn, id).await?.into_iter().map(|b| b.id).collect());
        }
    }
    let mut out = Vec::new();
    for b in rows {
        let Some(s) = sessions.get(&b.session_id) else { continue };
        let u = users.get(&b.user_id);
        let position = queues.get(&b.session_id).and_then(|q| q.iter().position(|id| *id == b.id)).map(|p| p as u32 + 1);
        out.push(BookingRow {
            id: b.id,
            session_id: b.session_id,
            session_title: s.title.clone(),
            starts_at: s.starts_at,
            user_id: b.user_id,
            name: u.map(|u| u.display_name.clone()).unwrap_or_default(),
            email: u.map(|u| u.email.clone()).unwrap_or_default(),
            organization: orgs.get(&b.organization_id).cloned().unwrap_or_default(),
            status: BookingStatus::parse(&b.status).unwrap_or(BookingStatus::Cancelled),
            booked_at: b.booked_at,
            attended: b.attended,
            position,
        });
    }
    Ok(out)
}

/// The session's attendee rows for the CSV export.
pub fn attendee_rows(rows: &[BookingRow]) -> Vec<rules::AttendeeRow> {
    rows.iter()
        .map(|r| rules::AttendeeRow {
            name: r.name.clone(),
            email: r.email.clone(),
            organization: r.organization.clone(),
            status: r.status,
            booked_at: r.booked_at.timestamp(),
            attended: r.attended,
        })
        .collect()
}

/// The attendee list staff see (and export): every booking, cancelled ones too.
pub async fn attendees(state: &AppState, caller: &Caller, session_id: i32) -> Result<(Loaded, Vec<BookingRow>), AppError> {
    require_manager(caller)?;
    let conn = &state.db.conn;
    let l = load(conn, session_id).await?.ok_or(AppError::NotFound)?;
    let rows = t::bookings_of_session(conn, session_id).await?;
    let rows = booking_rows(conn, &rows).await?;
    Ok((l, rows))
}

/// The session as an .ics file for the caller (who must be able to see it).
pub async fn ics(state: &AppState, caller: &Caller, session_id: i32, host: &str) -> Result<String, AppError> {
    let conn = &state.db.conn;
    let l = load_visible(conn, caller, session_id).await?;
    // The meeting link only for those the page shows it to.
    let confirmed = t::active_booking(conn, session_id, caller.user.id).await?.is_some_and(|b| b.status == t::CONFIRMED);
    let delivery = match l.delivery() {
        Delivery::Online { .. } if !(caller.actor.role.is_staff() || confirmed) => Delivery::OnSite { place: "Online".into() },
        d => d,
    };
    Ok(rules::to_ics(&rules::IcsEvent {
        session_id,
        host,
        title: &l.s.title,
        description: &l.s.description,
        delivery: &delivery,
        starts_at: l.s.starts_at.timestamp(),
        ends_at: l.s.ends_at.timestamp(),
        cancelled: l.status() == SessionStatus::Cancelled,
        sequence: l.s.sequence.max(0) as u32,
        stamp: Utc::now().timestamp(),
    }))
}

/// Turns a JSON column into a value, logging what was unreadable.
pub fn json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, AppError> {
    serde_json::from_str(s).map_err(internal)
}
