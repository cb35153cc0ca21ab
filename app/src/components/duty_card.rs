//! The assurance periods running today with who is on duty today: on the home page (a
//! customer sees their organization's) and above the dispatcher's queue (every one).
use leptos::prelude::*;

use crate::{
    api::assurance::get_duty_today,
    components::loaded::Loaded,
    error::AppError,
    i18n::{use_i18n, Msg},
    model::DutyToday,
};

pub fn duty_resource() -> Resource<Result<Vec<DutyToday>, AppError>> {
    Resource::new(|| (), |_| get_duty_today())
}

#[component]
pub fn DutyCards(duty: Resource<Result<Vec<DutyToday>, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Loaded resource=duty quiet=true let:periods>
            {periods.into_iter().map(|p| view! {
                <section class="card duty-card" data-testid="duty-card">
                    <h2><a href=domain::href::assurance(p.period_id)>{p.name.clone()}</a></h2>
                    <p class="muted small">{format!("{} – {}", p.starts_on, p.ends_on)}</p>
                    {if p.shifts.is_empty() {
                        view! { <p class="error">{move || i18n.t(Msg::AsNobodyToday)}</p> }.into_any()
                    } else {
                        view! {
                            <p>{move || i18n.t(Msg::AsOnDutyToday)}</p>
                            <ul class="plain">
                                {p.shifts.into_iter().map(|s| view! {
                                    <li>{s.shift.clone()} " · " <strong>{s.engineer.clone()}</strong> " · " <a href=format!("tel:{}", s.phone.replace(' ', ""))>{s.phone.clone()}</a></li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            }).collect_view()}
        </Loaded>
    }
}
