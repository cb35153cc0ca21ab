//! Upcoming training sessions, as a list or a month calendar (`?view=calendar&month=2026-12`),
//! seats left updating live. Query-string navigation works without JavaScript.
use domain::{training::booking::manages_training, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::training::{list_training, training_calendar},
    components::{
        guard::Guard,
        live::use_live,
        training_bits::{local, SessionCard},
    },
    i18n::{error_text, use_i18n, Msg},
};

#[component]
pub fn TrainingPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let calendar = Memo::new(move |_| query.read().get("view").as_deref() == Some("calendar"));
    let month = Memo::new(move |_| {
        let m = query.read().get("month").unwrap_or_default();
        let mut parts = m.split('-').map(|p| p.parse::<u32>().ok());
        match (parts.next().flatten(), parts.next().flatten()) {
            (Some(y), Some(m)) if (2000..2200).contains(&y) && (1..=12).contains(&m) => (y as i32, m),
            _ => (0, 0),
        }
    });
    let changes = use_live().version_of(domain::live::LiveKind::Training);
    let list = Resource::new(
        move || (calendar.get(), changes.get()),
        |(cal, _)| async move {
            if cal {
                Ok(vec![])
            } else {
                list_training("upcoming".into()).await
            }
        },
    );
    let cal = Resource::new(
        move || (calendar.get(), month.get(), changes.get()),
        |(cal, (y, m), _)| async move {
            if cal {
                training_calendar(y, m).await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    view! {
        <Guard
            page=Page::Training
            view=move |me| {
                let staff = me.as_ref().is_some_and(|m| manages_training(m.role));
                view! {
                    <div class="page-head" data-live="training">
                        <h1>{move || i18n.t(Msg::TrTitle)}</h1>
                        <div class="actions">
                            <a href=Page::MyBookings.pattern()>{move || i18n.t(Msg::TrMyBookings)}</a>
                            {staff.then(|| view! { <a class="button" href=domain::href::training_new()>{move || i18n.t(Msg::TrNew)}</a> })}
                        </div>
                    </div>
                    <nav class="tabs" aria-label=move || i18n.t(Msg::TrViews)>
                        <a href=Page::Training.pattern() aria-current=move || (!calendar.get()).then_some("page")>{move || i18n.t(Msg::TrList)}</a>
                        <a href=domain::href::training_calendar(None) aria-current=move || calendar.get().then_some("page")>{move || i18n.t(Msg::TrCalendar)}</a>
                    </nav>
                    <Transition fallback=move || view! { <p class="muted">{move || i18n.t(Msg::Loading)}</p> }>
                        {move || if calendar.get() {
                            cal.get().map(|r| match r {
                                Err(e) => view! { <p class="error">{error_text(i18n.lang.get(), &e)}</p> }.into_any(),
                                Ok(None) => ().into_any(),
                                Ok(Some(c)) => view! { <Month c=c/> }.into_any(),
                            })
                        } else {
                            list.get().map(|r| match r {
                                Err(e) => view! { <p class="error">{error_text(i18n.lang.get(), &e)}</p> }.into_any(),
                                Ok(items) if items.is_empty() => view! { <p class="muted">{move || i18n.t(Msg::TrNone)}</p> }.into_any(),
                                Ok(items) => view! {
                                    <ul class="session-list">{items.into_iter().map(|s| view! { <SessionCard s=s/> }).collect_view()}</ul>
                                }.into_any(),
                            })
                        }}
                    </Transition>
                }
            }
        />
    }
}

/// The month grid (Monday first) with each day's sessions; below it the month's sessions as
/// a list, which is what a phone reads.
#[component]
fn Month(c: crate::model::TrainingCalendar) -> impl IntoView {
    let i18n = use_i18n();
    let (y, m) = (c.grid.year, c.grid.month);
    let (py, pm) = domain::training::previous_month(y, m);
    let (ny, nm) = domain::training::next_month(y, m);
    let sessions = c.sessions.clone();
    let title_of = move |id: i32| sessions.iter().find(|s| s.id == id).map(|s| (s.title.clone(), local(s.starts_at, &s.tz)[11..].to_string()));
    let days = [Msg::DayMon, Msg::DayTue, Msg::DayWed, Msg::DayThu, Msg::DayFri, Msg::DaySat, Msg::DaySun];
    view! {
        <div class="month-head">
            <a href=domain::href::training_calendar(Some((py, pm))) aria-label=move || i18n.t(Msg::TrPrevMonth)>"‹"</a>
            <h2>{format!("{y}-{m:02}")}</h2>
            <a href=domain::href::training_calendar(Some((ny, nm))) aria-label=move || i18n.t(Msg::TrNextMonth)>"›"</a>
        </div>
        <div class="table-scroll">
            <table class="month">
                <thead><tr>{days.into_iter().map(|d| view! { <th scope="col">{move || i18n.t(d)}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {c.grid.weeks.iter().map(|w| view! {
                        <tr>
                            {w.iter().map(|d| {
                                let items: Vec<(i32, String, String)> = d.sessions.iter().filter_map(|id| title_of(*id).map(|(t, at)| (*id, t, at))).collect();
                                view! {
                                    <td class:out=!d.in_month data-date=d.date.to_string()>
                                        <span class="day-number">{d.date.format("%d").to_string()}</span>
                                        {items.into_iter().map(|(id, t, at)| view! {
                                            <a class="cal-session" href=domain::href::training(id)>{at} " " {t}</a>
                                        }).collect_view()}
                                    </td>
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {if c.sessions.is_empty() {
            view! { <p class="muted">{move || i18n.t(Msg::TrNoneThisMonth)}</p> }.into_any()
        } else {
            view! { <ul class="session-list">{c.sessions.clone().into_iter().map(|s| view! { <SessionCard s=s/> }).collect_view()}</ul> }.into_any()
        }}
    }
}
