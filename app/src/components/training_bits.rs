//! Small pieces the training pages share: times in the session's own zone, kinds, seats.
use chrono::{DateTime, Utc};
use domain::training::{BookingStatus, SessionStatus, TrainingKind};
use leptos::prelude::*;

use crate::{
    i18n::{use_i18n, Msg},
    model::SessionSummary,
};

/// "2026-12-03 09:30–12:00 (Asia/Shanghai)": a session is held in its zone, so it is shown
/// in it, with the zone named (an online attendee elsewhere converts; the .ics does it too).
pub fn when(s: &SessionSummary) -> String {
    let tz: chrono_tz::Tz = s.tz.parse().unwrap_or(chrono_tz::Asia::Shanghai);
    let (a, b) = (s.starts_at.with_timezone(&tz), s.ends_at.with_timezone(&tz));
    let end = if a.date_naive() == b.date_naive() { b.format("%H:%M").to_string() } else { b.format("%Y-%m-%d %H:%M").to_string() };
    format!("{}–{} ({})", a.format("%Y-%m-%d %H:%M"), end, s.tz)
}

pub fn local(at: DateTime<Utc>, tz: &str) -> String {
    let tz: chrono_tz::Tz = tz.parse().unwrap_or(chrono_tz::Asia::Shanghai);
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

pub fn kind_msg(k: TrainingKind) -> Msg {
    match k {
        TrainingKind::Product => Msg::TrKindProduct,
        TrainingKind::Technical => Msg::TrKindTechnical,
        TrainingKind::AfterSales => Msg::TrKindAfterSales,
    }
}

pub fn booking_msg(b: BookingStatus) -> Msg {
    match b {
        BookingStatus::Confirmed => Msg::TrBooked,
        BookingStatus::Waitlisted => Msg::TrWaitlisted,
        BookingStatus::Cancelled => Msg::TrBookingCancelled,
    }
}

/// A booking's state in a list about other people (the attendee list).
pub fn status_word(b: BookingStatus) -> Msg {
    match b {
        BookingStatus::Confirmed => Msg::TrConfirmed,
        BookingStatus::Waitlisted => Msg::TrWaiting,
        BookingStatus::Cancelled => Msg::TrBookingCancelled,
    }
}

/// Seats left, or the waiting list when full.
#[component]
pub fn Seats(s: SessionSummary) -> impl IntoView {
    let i18n = use_i18n();
    let (left, cap, waiting) = (s.seats_left, s.capacity, s.waiting);
    view! {
        <span class=if left == 0 { "seats full" } else { "seats" } data-seats-left=left>
            {move || if left == 0 {
                i18n.t(Msg::TrFull).replace("{n}", &waiting.to_string())
            } else {
                i18n.t(Msg::TrSeatsLeft).replace("{n}", &left.to_string()).replace("{max}", &cap.to_string())
            }}
        </span>
    }
}

/// One session in a list: what, when, where, seats, and the caller's booking.
#[component]
pub fn SessionCard(s: SessionSummary) -> impl IntoView {
    let i18n = use_i18n();
    let cancelled = s.status == SessionStatus::Cancelled;
    let kind = kind_msg(s.kind);
    let mine = s.my_booking.filter(|b| *b != BookingStatus::Cancelled);
    let place = if s.delivery == "online" { None } else { Some(s.place.clone()) };
    view! {
        <li class="card session-card" data-session=s.id>
            <a class="session-title" href=domain::href::training(s.id)>{s.title.clone()}</a>
            <div class="req-meta">
                <span class="badge">{move || i18n.t(kind)}</span>
                {cancelled.then(|| view! { <span class="badge sev-1">{move || i18n.t(Msg::TrCancelled)}</span> })}
                {mine.map(|b| view! { <span class="badge status-resolved" data-my-booking=format!("{b:?}").to_lowercase()>{move || i18n.t(booking_msg(b))}</span> })}
            </div>
            <p class="muted small">{when(&s)}</p>
            <p class="small">
                {move || match &place { Some(p) => p.clone(), None => i18n.t(Msg::TrOnline).to_string() }}
                " · " {move || i18n.t(Msg::TrTrainer)} " " {s.trainer.clone()}
            </p>
            {(!cancelled).then(|| view! { <Seats s=s.clone()/> })}
        </li>
    }
}
