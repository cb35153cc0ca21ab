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

/// The words of a countdown in the page's language, resolved on the server (an island never
/// reads the message table).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DueWords {
    pub paused: String,
    pub due_in: String,
    pub overdue_by: String,
}

impl DueWords {
    pub fn new(lang: crate::i18n::Lang) -> Self {
        DueWords { paused: Msg::Paused.text(lang).into(), due_in: Msg::DueIn.text(lang).into(), overdue_by: Msg::OverdueBy.text(lang).into() }
    }
}

/// "due in …" / "overdue by …" to `deadline`: the server renders it, the browser ticks it
/// every second (an island; wall time to the stored deadline).
#[component]
pub fn DueIn(deadline: Option<DateTime<Utc>>, paused: bool) -> impl IntoView {
    let words = DueWords::new(use_i18n().lang.get_untracked());
    view! { <Countdown deadline paused words/> }
}

#[island]
fn Countdown(deadline: Option<DateTime<Utc>>, paused: bool, words: DueWords) -> impl IntoView {
    let now = RwSignal::new(Utc::now());
    #[cfg(feature = "hydrate")]
    if deadline.is_some() && !paused {
        let interval = gloo_timers::callback::Interval::new(1000, move || {
            now.try_set(Utc::now());
        });
        let handle = send_wrapper::SendWrapper::new(interval);
        on_cleanup(move || drop(handle.take()));
    }
    move || {
        if paused {
            return view! { <span class="due paused">{words.paused.clone()}</span> }.into_any();
        }
        match deadline {
            None => view! { <span class="due muted">"—"</span> }.into_any(),
            Some(d) => {
                let left = (d - now.get()).num_seconds();
                let (class, label) = if left >= 0 { ("due running", words.due_in.clone()) } else { ("due breached", words.overdue_by.clone()) };
                view! { <span class=class data-testid="due">{label} " " {hms(left)}</span> }.into_any()
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
