//! What customers (and staff) browse: the list, the month calendar, one session with what
//! the caller may do, and the caller's own bookings.
use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{BookingRow, SessionDetail, SessionSummary, TrainingCalendar},
};

/// Sessions the caller may see: `upcoming` (not ended yet, soonest first; cancelled ones only
/// for those who had booked them) or `past` (newest first).
#[server(endpoint = "list_training")]
pub async fn list_training(scope: String) -> Result<Vec<SessionSummary>, AppError> {
    use crate::ssr::{require, respond, training};
    respond(async move {
        let (state, caller) = require().await?;
        let now = chrono::Utc::now();
        let invited_org = (!caller.actor.role.is_staff()).then_some(caller.actor.org_id);
        let filter = match scope.as_str() {
            "upcoming" | "" => db::repo::training::ListFilter {
                ends_after: Some(now),
                ends_by: None,
                starts_from: None,
                starts_before: None,
                invited_org,
                newest_first: false,
                limit: 500,
            },
            "past" => db::repo::training::ListFilter {
                ends_after: None,
                ends_by: Some(now),
                starts_from: None,
                starts_before: None,
                invited_org,
                newest_first: true,
                limit: 200,
            },
            _ => return Err(AppError::field("scope", domain::ErrorCode::InvalidChoice)),
        };
        let sessions = db::repo::training::list(&state.db.conn, &filter).await?;
        training::summaries(&state.db.conn, &caller, sessions).await
    })
    .await
}

/// The month view in the provider's zone (Asia/Shanghai): `(0, 0)` is this month; otherwise
/// the year must be in `CALENDAR_YEARS` and the month 1 to 12 (422 for anything else).
#[server(name = GetTrainingCalendar, endpoint = "training_calendar")]
pub async fn training_calendar(year: i32, month: u32) -> Result<TrainingCalendar, AppError> {
    use chrono::TimeZone;
    use domain::{
        training::{month_grid, month_of, CALENDAR_YEARS},
        ErrorCode, FieldError,
    };

    use crate::ssr::{require, respond, training};
    respond(async move {
        let (state, caller) = require().await?;
        let tz = training::CALENDAR_TZ;
        let now = chrono::Utc::now();
        let (year, month) = if (year, month) == (0, 0) {
            month_of(now.timestamp(), tz)
        } else {
            let mut errors = vec![];
            if !CALENDAR_YEARS.contains(&year) {
                errors.push(FieldError::new("year", ErrorCode::OutOfRange { min: (*CALENDAR_YEARS.start()).into(), max: (*CALENDAR_YEARS.end()).into() }));
            }
            if !(1..=12).contains(&month) {
                errors.push(FieldError::new("month", ErrorCode::OutOfRange { min: 1, max: 12 }));
            }
            if !errors.is_empty() {
                return Err(AppError::Invalid(errors));
            }
            (year, month)
        };
        let empty = month_grid(year, month, tz, &[]).ok_or(AppError::Internal)?;
        let first = empty.weeks.first().map(|w| w[0].date).ok_or(AppError::Internal)?;
        let after_last = empty.weeks.last().and_then(|w| w[6].date.checked_add_days(chrono::Days::new(1))).ok_or(AppError::Internal)?;
        let midnight = |d: chrono::NaiveDate| {
            tz.from_local_datetime(&d.and_time(chrono::NaiveTime::MIN)).earliest().map(|t| t.with_timezone(&chrono::Utc)).unwrap_or_default()
        };
        let filter = db::repo::training::ListFilter {
            ends_after: None,
            ends_by: None,
            starts_from: Some(midnight(first)),
            starts_before: Some(midnight(after_last)),
            invited_org: (!caller.actor.role.is_staff()).then_some(caller.actor.org_id),
            newest_first: false,
            limit: 1000,
        };
        let sessions = db::repo::training::list(&state.db.conn, &filter).await?;
        let sessions = training::summaries(&state.db.conn, &caller, sessions).await?;
        let placed: Vec<(i32, i64)> = sessions.iter().map(|s| (s.id, s.starts_at.timestamp())).collect();
        let grid = month_grid(year, month, tz, &placed).ok_or(AppError::Internal)?;
        Ok(TrainingCalendar { grid, sessions })
    })
    .await
}

/// One session with the caller's booking and what they may do now.
#[server(endpoint = "get_training")]
pub async fn get_training(id: i32) -> Result<SessionDetail, AppError> {
    use db::repo::training as t;
    use domain::{
        training::{self as rules, BookingStatus, Delivery, Invited, Seat, SessionStatus},
        Role,
    };

    use crate::ssr::{require, respond, training};
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let l = training::load_visible(conn, &caller, id).await?;
        let now = chrono::Utc::now();
        let ts = now.timestamp();
        let facts = l.facts();
        let actor = &caller.actor;
        let staff = actor.role.is_staff();

        let mine_all = t::bookings_in(conn, &[id], Some(caller.user.id), None).await?;
        let mine = training::current_booking(&mine_all);
        let active = mine.filter(|b| b.status != t::CANCELLED);
        let my_status = mine.and_then(|b| BookingStatus::parse(&b.status));
        let waiting = t::waitlist(conn, id).await?.len() as u32;
        let summary = training::summary(&l, waiting, my_status);
        let confirmed = active.is_some_and(|b| b.status == t::CONFIRMED);

        let link = match l.delivery() {
            Delivery::Online { link } if staff || confirmed => Some(link),
            _ => None,
        };
        let invited = match &l.invited {
            Invited::All => Vec::new(),
            Invited::Only(ids) => {
                let orgs = db::repo::organizations::list(conn).await?;
                orgs.into_iter().filter(|o| ids.contains(&o.id)).map(|o| o.name).collect()
            }
        };
        let me = training::attendee_of(&caller.user);
        let seats = l.s.confirmed_count.max(0) as u32;
        let may_book = active.is_none() && rules::book(&facts, actor, &me, seats, false, ts).is_ok();
        let may_cancel = active.and_then(training::seat_of).is_some_and(|seat| rules::can_cancel(&facts, actor, &me, seat, ts).is_ok());

        // Who else the caller may book now: only while the session takes bookings from them.
        let open = facts.status == SessionStatus::Scheduled && ts < facts.starts_at && (staff || ts < facts.booking_deadline);
        let mut book_for = Vec::new();
        if open && (actor.role == Role::SiteManager || rules::manages_training(actor.role)) {
            let people = if actor.role == Role::SiteManager {
                t::bookable_people(conn, Some(&[actor.org_id]), 1000).await?
            } else {
                match &l.invited {
                    Invited::All => t::bookable_people(conn, None, 1000).await?,
                    Invited::Only(ids) => t::bookable_people(conn, Some(ids), 1000).await?,
                }
            };
            let ids: Vec<i32> = people.iter().map(|u| u.id).collect();
            let held: Vec<i32> = t::bookings_in(conn, &[id], None, None).await?.into_iter().filter(|b| b.status != t::CANCELLED).map(|b| b.user_id).collect();
            let orgs: std::collections::HashMap<i32, String> = db::repo::organizations::list(conn).await?.into_iter().map(|o| (o.id, o.name)).collect();
            for u in people {
                if u.id == caller.user.id || held.contains(&u.id) || !l.invited.includes(u.organization_id) || !ids.contains(&u.id) {
                    continue;
                }
                book_for.push((u.id, format!("{} · {}", u.display_name, orgs.get(&u.organization_id).cloned().unwrap_or_default())));
            }
        }
        let booked_by_me = if actor.role == Role::SiteManager {
            let rows: Vec<_> = t::bookings_in(conn, &[id], None, Some(actor.org_id))
                .await?
                .into_iter()
                .filter(|b| b.status != t::CANCELLED && b.user_id != caller.user.id)
                .collect();
            training::booking_rows(conn, &rows).await?
        } else {
            Vec::new()
        };
        let reminder = confirmed && rules::show_reminder(&facts, Seat::Confirmed, ts);
        let feedback = super::feedback::view_for(conn, &l, active, now).await?;
        Ok(SessionDetail {
            summary,
            description: l.s.description.clone(),
            link,
            invited,
            may_book,
            may_cancel,
            my_booking_id: active.map(|b| b.id),
            book_for,
            booked_by_me,
            reminder,
            may_manage: rules::manages_training(actor.role),
            feedback,
        })
    })
    .await
}

/// The caller's bookings, every status: sessions still to come first (soonest first), then
/// past ones (latest first), with the place on the waiting list.
#[server(endpoint = "my_bookings")]
pub async fn my_bookings() -> Result<Vec<BookingRow>, AppError> {
    use crate::ssr::{require, respond, training};
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let rows = db::repo::training::bookings_of_user(conn, caller.user.id, 300).await?;
        let mut rows = training::booking_rows(conn, &rows).await?;
        let now = chrono::Utc::now();
        rows.sort_by_key(|r| if r.starts_at >= now { (0, r.starts_at.timestamp(), r.id) } else { (1, -r.starts_at.timestamp(), r.id) });
        Ok(rows)
    })
    .await
}
