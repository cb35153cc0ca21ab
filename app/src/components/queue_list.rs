//! A staff queue as cards made for a phone: number, title, badges, who and where, and the
//! next deadline counting down (wall time to the deadline, ticking in the browser).
use chrono::{DateTime, Utc};
use leptos::prelude::*;

use super::{
    request_bits::{stage_msg, SeverityBadge, StatusBadge},
    sla_clock::hms,
};
use crate::{
    i18n::{use_i18n, Msg},
    model::QueueRow,
};

/// "due in …" / "overdue by …" to `deadline`, refreshed every second once hydrated.
#[component]
pub fn DueIn(deadline: Option<DateTime<Utc>>, paused: bool) -> impl IntoView {
    let i18n = use_i18n();
    let now = RwSignal::new(Utc::now());
    #[cfg(feature = "hydrate")]
    {
        let interval = gloo_timers::callback::Interval::new(1000, move || {
            now.try_set(Utc::now());
        });
        let handle = send_wrapper::SendWrapper::new(interval);
        on_cleanup(move || drop(handle.take()));
    }
    move || {
        if paused {
            return view! { <span class="due paused">{i18n.t(Msg::Paused)}</span> }.into_any();
        }
        match deadline {
            None => view! { <span class="due muted">"—"</span> }.into_any(),
            Some(d) => {
                let left = (d - now.get()).num_seconds();
                let (class, label) = if left >= 0 { ("due running", Msg::DueIn) } else { ("due breached", Msg::OverdueBy) };
                view! { <span class=class data-testid="due">{i18n.t(label)} " " {hms(left)}</span> }.into_any()
            }
        }
    }
}

pub fn clock_msg(clock: &str) -> Msg {
    match clock {
        "response" => Msg::ClockFirstResponse,
        "on_site" => Msg::ClockOnSite,
        _ => Msg::ClockResolution,
    }
}

/// One queue card; `extra` goes at its foot (the dispatcher's assign form).
#[component]
pub fn QueueCard(row: QueueRow, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let i18n = use_i18n();
    let clock = clock_msg(&row.next_clock);
    let stage = row.stage.as_deref().and_then(domain::ticket::OnSiteStage::parse);
    view! {
        <li class="request-card queue-card" data-number=row.number.clone()>
            <a href=domain::href::request(&row.number)>
                <span class="req-number">{row.number.clone()}</span>
                <strong class="req-title">{row.title.clone()}</strong>
            </a>
            <div class="req-meta">
                <StatusBadge status=row.status/>
                <SeverityBadge level=row.severity/>
                {stage.map(|s| view! { <span class="badge stage">{move || i18n.t(stage_msg(s))}</span> })}
                <span class="muted">{row.org_name.clone()} " · " {row.site_name.clone()}</span>
                <span class="muted">{row.assignee_name.clone().unwrap_or_else(|| "—".into())}</span>
            </div>
            <div class="next-deadline">
                <span class="muted small">{move || i18n.t(clock)}</span> " "
                <DueIn deadline=row.next_deadline paused=row.paused/>
            </div>
            {children.map(|c| c())}
        </li>
    }
}
