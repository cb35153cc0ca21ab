//! The signed-in person's bookings: seats and waiting-list places, upcoming first, with the
//! reminder, the calendar file and cancelling (before the deadline).
use domain::{training::BookingStatus, Page};
use leptos::prelude::*;

use crate::{
    api::training::{my_bookings, CancelBooking},
    components::loaded::Loaded,
    components::{
        form::FormStatus,
        guard::Guard,
        live::use_live,
        training_bits::booking_msg,
        work_actions::{error_of, succeeded},
    },
    i18n::{use_i18n, Msg},
};

#[component]
pub fn MyBookingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let cancel = ServerAction::<CancelBooking>::new();
    let changes = use_live().version_of(domain::live::LiveKind::Training);
    let rows = Resource::new(move || (changes.get(), cancel.version().get()), |_| my_bookings());
    view! {
        <Guard
            page=Page::MyBookings
            view=move |_| view! {
                <div class="page-head" data-live="training">
                    <h1>{move || i18n.t(Msg::TrMyBookings)}</h1>
                    <a href=Page::Training.pattern()>{move || i18n.t(Msg::TrTitle)}</a>
                </div>
                <FormStatus error=error_of(cancel) done=succeeded(cancel) success=Msg::Updated/>
                <Loaded resource=rows let:data>
                    {match data {
                        list if list.is_empty() => view! { <p class="muted">{move || i18n.t(Msg::TrNoBookings)}</p> }.into_any(),
                        list => view! {
                            <ul class="session-list">
                                {list.into_iter().map(|b| {
                                    let confirmed = b.status == BookingStatus::Confirmed;
                                    let active = b.status != BookingStatus::Cancelled;
                                    view! {
                                        <li class="card" data-booking=b.id>
                                            <a class="session-title" href=domain::href::training(b.session_id)>{b.session_title.clone()}</a>
                                            <p class="muted small">{b.starts_at.format("%Y-%m-%d %H:%M UTC").to_string()}</p>
                                            <p>
                                                {move || i18n.t(booking_msg(b.status))}
                                                {b.position.map(|p| format!(" · #{p}"))}
                                            </p>
                                            <div class="actions">
                                                {confirmed.then(|| view! { <a href=domain::href::training_ics(b.session_id) download="training.ics">{move || i18n.t(Msg::TrAddToCalendar)}</a> })}
                                                {active.then(|| view! {
                                                    <ActionForm action=cancel attr:class="inline">
                                                        <input type="hidden" name="booking_id" value=b.id/>
                                                        <button type="submit" class="secondary">{move || i18n.t(Msg::TrCancelMine)}</button>
                                                    </ActionForm>
                                                })}
                                            </div>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }}
                </Loaded>
            }
        />
    }
}
