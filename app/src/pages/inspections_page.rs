//! The inspection calendar (`/inspections?month=YYYY-MM`): a month grid (on a phone, the list
//! below it is what reads) of every inspection for staff, the organization's announced ones
//! for customers; late announcements and overdue reports flagged for staff; links to each
//! contract's plan and to the checklist templates. Updates live (`data-live="inspection"`).
use domain::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::inspections::list_inspections,
    components::{
        guard::Guard,
        inspection_bits::{kind_msg, status_msg},
        live::use_live,
        loaded::Loaded,
    },
    i18n::{use_i18n, Msg},
    model::InspectionCalendar,
};

#[component]
pub fn InspectionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let month = Memo::new(move |_| query.read().get("month"));
    let changes = use_live().version_of(domain::live::LiveKind::Inspection);
    let list = Resource::new(move || (month.get(), changes.get()), |(m, _)| list_inspections(m));
    view! {
        <Guard
            page=Page::Inspections
            view=move |_| view! {
                <div class="page-head" data-live="inspection">
                    <h1>{move || i18n.t(Msg::InTitle)}</h1>
                </div>
                <Loaded resource=list let:c>
                    <Calendar c=c/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Calendar(c: InspectionCalendar) -> impl IntoView {
    let i18n = use_i18n();
    let rows = c.rows.clone();
    let label = move |id: i32| {
        rows.iter().find(|r| r.id == id).map(|r| (r.site.clone(), r.status)).unwrap_or((String::new(), domain::inspection::InspectionStatus::Planned))
    };
    view! {
        <nav class="month-head" aria-label=move || i18n.t(Msg::InMonth)>
            <a href=domain::href::inspections_month(&c.previous) rel="prev">"← " {c.previous.clone()}</a>
            <strong data-testid="month">{c.month.clone()}</strong>
            <a href=domain::href::inspections_month(&c.next) rel="next">{c.next.clone()} " →"</a>
        </nav>
        <div class="table-scroll"><table class="month inspection-month">
            <thead><tr>{[Msg::DayMon, Msg::DayTue, Msg::DayWed, Msg::DayThu, Msg::DayFri, Msg::DaySat, Msg::DaySun].into_iter().map(|m| view! { <th scope="col">{move || i18n.t(m)}</th> }).collect_view()}</tr></thead>
            <tbody>
                {c.weeks.into_iter().map(|w| view! {
                    <tr>{w.into_iter().map(|d| {
                        let label = label.clone();
                        view! {
                            <td class:out=!d.in_month class:today=d.today>
                                <span class="day-number">{d.day}</span>
                                {d.inspections.into_iter().map(|id| {
                                    let (site, s) = label(id);
                                    view! { <a class="cal-session" data-status=s.as_str() href=domain::href::inspection(id)>{site}</a> }
                                }).collect_view()}
                            </td>
                        }
                    }).collect_view()}</tr>
                }).collect_view()}
            </tbody>
        </table></div>
        {if c.rows.is_empty() {
            view! { <p class="muted">{move || i18n.t(Msg::InNone)}</p> }.into_any()
        } else {
            view! {
                <ul class="inspection-list">
                    {c.rows.into_iter().map(|r| {
                        let (s, k) = (r.status, r.kind);
                        view! {
                            <li class="card inspection-card" data-status=s.as_str()>
                                <a href=domain::href::inspection(r.id)><strong>{r.date.clone()}</strong> " · " {r.site.clone()}</a>
                                " " <span class="badge inspection-status" data-status=s.as_str()>{move || i18n.t(status_msg(s))}</span>
                                {r.announce_late.then(|| view! { " " <span class="badge late">{move || i18n.t(Msg::InAnnounceLate)}</span> })}
                                {r.report_overdue.then(|| view! { " " <span class="badge late">{move || i18n.t(Msg::InReportLate)}</span> })}
                                <p class="muted small">
                                    {r.organization.clone()} " · " {move || i18n.t(kind_msg(k))}
                                    " · " {r.engineer.clone().unwrap_or_else(|| "—".into())}
                                    {r.report_due.clone().map(|t| view! { " · " {move || i18n.t(Msg::InReportDue)} " " {t.clone()} })}
                                </p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {c.staff.then(|| view! {
            <section class="card">
                <h2>{move || i18n.t(Msg::InPlans)}</h2>
                <p><a href=Page::Checklists.pattern()>{move || i18n.t(Msg::InChecklists)}</a></p>
                <ul class="plain">
                    {c.plans.into_iter().map(|p| view! {
                        <li>
                            <a href=domain::href::inspection_plan(p.contract_id)>{p.organization.clone()}</a>
                            {(!p.has_plan).then(|| view! { " " <span class="muted small">{move || i18n.t(Msg::InNoPlan)}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}
