//! Staff who organise training (dispatchers, managers, admins): the session form, saving,
//! cancelling a session, the attendee list and attendance. Engineers are refused (403),
//! customers told there is nothing here (404). Every change is audited in its transaction.
use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{BookingRow, SessionForm},
};

#[cfg(feature = "ssr")]
mod server {
    use domain::training::{form::INVITE_ALL, SessionInput};

    /// What a new session's form starts with.
    pub fn new_input() -> SessionInput {
        SessionInput {
            kind: domain::training::TrainingKind::Product.as_str().into(),
            tz: crate::ssr::training::CALENDAR_TZ.name().into(),
            delivery: domain::training::DeliveryMode::OnSite.as_str().into(),
            capacity: "20".into(),
            invited: INVITE_ALL.into(),
            ..Default::default()
        }
    }

    /// Longest cancellation reason, in characters.
    pub const REASON_MAX: usize = 1000;

    /// The columns the staff form sets, for a new session and an edit alike.
    pub fn form_fields(draft: &domain::training::SessionDraft, place: String, link: String) -> db::entity::training_session::ActiveModel {
        use db::sea_orm::ActiveValue::Set;
        use domain::training::Invited;
        let at = crate::ssr::training::at;
        db::entity::training_session::ActiveModel {
            title: Set(draft.title.clone()),
            kind: Set(draft.kind.as_str().into()),
            description: Set(draft.description.clone()),
            trainer: Set(draft.trainer.clone()),
            tz: Set(draft.tz.name().into()),
            starts_at: Set(at(draft.starts_at)),
            ends_at: Set(at(draft.ends_at)),
            booking_deadline: Set(at(draft.booking_deadline)),
            delivery: Set(draft.delivery.mode().as_str().into()),
            place: Set(place),
            link: Set(link),
            capacity: Set(draft.capacity as i32),
            invited_all: Set(draft.invited == Invited::All),
            ..Default::default()
        }
    }
}

/// The staff form: a stored session's values (id > 0) or a new one's defaults (id 0), with
/// the customer organizations to invite and the zones to choose from.
#[server(endpoint = "get_training_form")]
pub async fn get_training_form(id: i32) -> Result<SessionForm, AppError> {
    use domain::{dates::TIME_ZONES, training::SessionInput, OrgKind};

    use crate::ssr::{require, respond, training};
    respond(async move {
        let (state, caller) = require().await?;
        training::require_manager(&caller)?;
        let conn = &state.db.conn;
        let (input, booked, invited) = if id == 0 {
            (server::new_input(), 0, Vec::new())
        } else {
            let l = training::load(conn, id).await?.ok_or(AppError::NotFound)?;
            let invited = match &l.invited {
                domain::training::Invited::Only(ids) => ids.clone(),
                domain::training::Invited::All => Vec::new(),
            };
            // The version goes back with the form: a save over a later one is refused.
            let input = SessionInput { version: l.s.version.to_string(), ..SessionInput::from_draft(&l.draft()) };
            (input, l.s.confirmed_count.max(0) as u32, invited)
        };
        // Active customer organizations, and any invited one since deactivated (so saving
        // the form unchanged keeps it).
        let organizations = db::repo::organizations::list(conn)
            .await?
            .into_iter()
            .filter(|o| o.kind == OrgKind::Customer.as_str() && (o.active || invited.contains(&o.id)))
            .map(|o| (o.id, o.name))
            .collect();
        Ok(SessionForm { id: (id != 0).then_some(id), input, organizations, zones: TIME_ZONES.iter().map(|z| z.to_string()).collect(), booked })
    })
    .await
}

/// Creates (id 0) or edits a session; returns its id. Posted as a plain form: the invited
/// organizations are checkboxes `org_ids[i]` (none checked: the field is absent). Editing
/// keeps every confirmed seat (the capacity may not drop below them), gives new seats to the
/// waiting list, tells attendees when the time or place changed, and makes calendars take
/// the update (the .ics sequence grows). `version` is the one the edit form was opened at (a
/// hidden input): if the session was saved since, nothing is saved and the answer is
/// `Conflict` (without it, as from an older page, the save goes over whatever is stored).
/// Bookings do not count as saves.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "save_training")]
pub async fn save_training(
    id: i32,
    title: String,
    kind: String,
    description: String,
    trainer: String,
    tz: String,
    starts_at: String,
    ends_at: String,
    delivery: String,
    place: String,
    link: String,
    capacity: String,
    booking_deadline: String,
    invited: String,
    org_ids: Option<Vec<String>>,
    version: Option<String>,
) -> Result<i32, AppError> {
    use db::{entity::training_session, repo::training as t, sea_orm::ActiveValue::Set};
    use domain::{
        training::{check_capacity_change, form::field, validate_session, Delivery, Invited, SessionInput},
        ErrorCode, FieldError, OrgKind,
    };

    use crate::ssr::{audit, require, respond, training};
    respond(async move {
        let (state, caller) = require().await?;
        training::require_manager(&caller)?;
        let input = SessionInput {
            title,
            kind,
            description,
            trainer,
            tz,
            starts_at,
            ends_at,
            delivery,
            place,
            link,
            capacity,
            booking_deadline,
            invited,
            org_ids: org_ids.unwrap_or_default(),
            version: version.unwrap_or_default(),
        };
        let draft = validate_session(&input).map_err(AppError::Invalid)?;
        let conn = &state.db.conn;
        if let Invited::Only(ids) = &draft.invited {
            let orgs = db::repo::organizations::list(conn).await?;
            let customer = |id: &i32| orgs.iter().any(|o| o.id == *id && o.kind == OrgKind::Customer.as_str());
            if !ids.iter().all(customer) {
                return Err(AppError::Invalid(vec![FieldError::new(field::ORG_IDS, ErrorCode::InvalidChoice)]));
            }
        }
        let (place, link) = match &draft.delivery {
            Delivery::OnSite { place } => (place.clone(), String::new()),
            Delivery::Online { link } => (String::new(), link.clone()),
        };
        let invite_ids = match &draft.invited {
            Invited::All => Vec::new(),
            Invited::Only(ids) => ids.clone(),
        };
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        let saved_id = if id == 0 {
            let s = t::insert(
                &*tx,
                training_session::ActiveModel {
                    status: Set(t::SCHEDULED.into()),
                    confirmed_count: Set(0),
                    sequence: Set(0),
                    created_by: Set(caller.user.id),
                    created_at: Set(now),
                    updated_at: Set(now),
                    cancelled_at: Set(None),
                    cancel_reason: Set(None),
                    version: Set(0),
                    ..server::form_fields(&draft, place, link)
                },
            )
            .await?;
            t::set_invites(&*tx, s.id, &invite_ids).await?;
            audit::record(
                &*tx,
                &caller,
                "training.create",
                &format!("training:{}", s.id),
                None,
                serde_json::json!({ "title": s.title, "capacity": s.capacity }),
            )
            .await?;
            training::publish(&*tx, &draft.invited, &draft.invited).await?;
            s.id
        } else {
            if !t::lock_session(&*tx, id).await? {
                return Err(AppError::NotFound);
            }
            let old = training::load(&*tx, id).await?.ok_or(AppError::NotFound)?;
            if old.s.status != t::SCHEDULED {
                return Err(AppError::NotNow(domain::Refusal::TrainingCancelled));
            }
            // The form was opened at `opened_at`; a save since then wins and this one is
            // refused (an unreadable version matches nothing).
            let opened_at = match input.version.trim() {
                "" => old.s.version,
                v => v.parse::<i32>().map_err(|_| AppError::Conflict)?,
            };
            if opened_at != old.s.version {
                return Err(AppError::Conflict);
            }
            check_capacity_change(draft.capacity, old.s.confirmed_count.max(0) as u32).map_err(|e| AppError::Invalid(vec![e]))?;
            let before = old.draft();
            let moved = before.starts_at != draft.starts_at || before.ends_at != draft.ends_at || before.delivery != draft.delivery;
            let row = training_session::ActiveModel { sequence: Set(old.s.sequence + 1), updated_at: Set(now), ..server::form_fields(&draft, place, link) };
            if !t::update_if_version(&*tx, row, id, opened_at).await? {
                return Err(AppError::Conflict);
            }
            t::set_invites(&*tx, id, &invite_ids).await?;
            // More seats (or a later start) may let the waiting list in.
            let promoted = training::promote(&*tx, id, now).await?;
            let fresh = t::find(&*tx, id).await?.ok_or(AppError::NotFound)?;
            if moved {
                for b in t::bookings_of_session(&*tx, id).await?.into_iter().filter(|b| b.status != t::CANCELLED) {
                    training::notify(&*tx, b.user_id, &fresh, domain::notice::Notice::TrainingChanged {}).await?;
                }
            }
            audit::record(
                &*tx,
                &caller,
                "training.update",
                &format!("training:{id}"),
                None,
                serde_json::json!({ "before": before, "after": draft, "promoted": promoted }),
            )
            .await?;
            training::publish(&*tx, &draft.invited, &old.invited).await?;
            id
        };
        tx.commit().await?;
        // A plain post (islands mode, no JavaScript) opens the saved session's page.
        leptos_axum::redirect(&domain::href::training(saved_id));
        Ok(saved_id)
    })
    .await
}

/// Cancels a session: every booking ends, and every person holding a seat or waiting is told
/// in the portal, with the reason.
#[server(endpoint = "cancel_training")]
pub async fn cancel_training(id: i32, reason: String) -> Result<(), AppError> {
    use db::{
        entity::{training_booking, training_session},
        repo::training as t,
        sea_orm::ActiveValue::Set,
    };
    use domain::ErrorCode;

    use crate::ssr::{audit, require, respond, training};
    respond(async move {
        let (state, caller) = require().await?;
        training::require_manager(&caller)?;
        let reason = reason.trim().to_string();
        if reason.chars().count() > server::REASON_MAX {
            return Err(AppError::field("reason", ErrorCode::TooLong { max: server::REASON_MAX }));
        }
        let now = chrono::Utc::now();
        let tx = state.db.begin_write().await?;
        if !t::lock_session(&*tx, id).await? {
            return Err(AppError::NotFound);
        }
        let l = training::load(&*tx, id).await?.ok_or(AppError::NotFound)?;
        if l.s.status != t::SCHEDULED {
            return Err(AppError::NotNow(domain::Refusal::TrainingCancelled));
        }
        if now >= l.s.ends_at {
            return Err(AppError::NotNow(domain::Refusal::TrainingEnded));
        }
        let row = training_session::ActiveModel {
            status: Set(t::CANCELLED.into()),
            cancelled_at: Set(Some(now)),
            cancel_reason: Set((!reason.is_empty()).then(|| reason.clone())),
            // No booking holds a seat any more; the count stays equal to the confirmed rows.
            confirmed_count: Set(0),
            sequence: Set(l.s.sequence + 1),
            updated_at: Set(now),
            ..Default::default()
        };
        if !t::update_if_version(&*tx, row, id, l.s.version).await? {
            return Err(AppError::Conflict);
        }
        let fresh = t::find(&*tx, id).await?.ok_or(AppError::NotFound)?;
        let mut told = 0;
        for b in t::bookings_of_session(&*tx, id).await?.into_iter().filter(|b| b.status != t::CANCELLED) {
            let ended = training_booking::ActiveModel {
                status: Set(t::CANCELLED.into()),
                cancelled_at: Set(Some(now)),
                cancelled_by: Set(Some(caller.user.id)),
                ..Default::default()
            };
            if t::move_booking(&*tx, b.id, &b.status, ended).await? {
                training::notify(&*tx, b.user_id, &fresh, domain::notice::Notice::TrainingCancelled { reason: reason.clone() }).await?;
                told += 1;
            }
        }
        audit::record(&*tx, &caller, "training.cancel", &format!("training:{id}"), None, serde_json::json!({ "reason": reason, "told": told })).await?;
        training::publish(&*tx, &l.invited, &l.invited).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// The attendee list: every booking with its status, booking time and attendance (waiting
/// ones with their place in the queue), confirmed first.
#[server(endpoint = "training_attendees")]
pub async fn training_attendees(id: i32) -> Result<Vec<BookingRow>, AppError> {
    use crate::ssr::{require, respond, training};
    respond(async move {
        let (state, caller) = require().await?;
        let (_, mut rows) = training::attendees(&state, &caller, id).await?;
        rows.sort_by_key(|r| (r.status, r.booked_at, r.id));
        Ok(rows)
    })
    .await
}

/// Marks a confirmed attendee present (`yes`), absent (`no`) or unmarked (empty), once the
/// session has started.
#[server(endpoint = "mark_attendance")]
pub async fn mark_attendance(booking_id: i32, attended: String) -> Result<(), AppError> {
    use db::{entity::training_booking, repo::training as t, sea_orm::ActiveValue::Set};
    use domain::{training::can_mark_attendance, ErrorCode};

    use crate::ssr::{audit, require, respond, training};
    respond(async move {
        let (state, caller) = require().await?;
        training::require_manager(&caller)?;
        let value = match attended.trim() {
            "yes" => Some(true),
            "no" => Some(false),
            "" => None,
            _ => return Err(AppError::field("attended", ErrorCode::InvalidChoice)),
        };
        let conn = &state.db.conn;
        let b = t::find_booking(conn, booking_id).await?.ok_or(AppError::NotFound)?;
        let l = training::load(conn, b.session_id).await?.ok_or(AppError::NotFound)?;
        if l.s.status != t::SCHEDULED {
            return Err(AppError::NotNow(domain::Refusal::TrainingCancelled));
        }
        if b.status != t::CONFIRMED {
            return Err(AppError::NotNow(domain::Refusal::TrainingNotConfirmed));
        }
        if !can_mark_attendance(chrono::Utc::now().timestamp(), l.s.starts_at.timestamp()) {
            return Err(AppError::NotNow(domain::Refusal::TrainingNotStarted));
        }
        let tx = state.db.begin_write().await?;
        t::update_booking(&*tx, b.id, training_booking::ActiveModel { attended: Set(value), ..Default::default() }).await?;
        audit::record(
            &*tx,
            &caller,
            "training.attendance",
            &format!("training:{}", b.session_id),
            Some(b.organization_id),
            serde_json::json!({ "booking": b.id, "attended": value }),
        )
        .await?;
        training::publish(&*tx, &l.invited, &l.invited).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}
