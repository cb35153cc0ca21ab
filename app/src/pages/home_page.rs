//! The home page answers "what needs me now?", per role (`model::Home`): a customer's and a
//! site manager's requests and what waits for their answer, an engineer's work in deadline
//! order, the dispatcher's unassigned requests and clocks about to run out, a manager's week.
//! Rendered complete on the server; the live feed refreshes it (`data-live`), the countdowns
//! tick in the browser. Every card links to the list behind it.
use domain::{Page, Role};
use leptos::prelude::*;

use crate::{
    api::home::get_home,
    components::{
        capped_count,
        duty_card::{duty_resource, DutyCards},
        guard::Guard,
        loaded::Loaded,
        queue_list::QueueCard,
        request_bits::severity_msg,
        waiting_surveys::{waiting_resource, WaitingSurveys},
    },
    i18n::{use_i18n, Msg},
    model::{CustomerHome, DispatcherHome, EngineerHome, Home, InspectionBrief, ManagerHome, QueueRow, WaitingForYou, COUNT_CAP},
};

/// What a change to any of these may alter on a home page.
const LIVE: &str = "request training inspection upgrade complaint";

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let home = Resource::new(|| (), |_| get_home());
    let waiting = waiting_resource();
    let duty = duty_resource();
    // Back from an article that solved the problem ("this solved it" on a suggestion).
    let solved = leptos_router::hooks::use_query_map().read_untracked().get("solved").is_some();
    view! {
        <Guard
            page=Page::Home
            view=move |me| {
                let me = me.expect("guarded");
                let role = me.role;
                view! {
                    {solved.then(|| view! { <p class="success card" role="status" data-testid="kb-solved-home">{move || i18n.t(Msg::KbGladSolved)}</p> })}
                    <div class="page-head home-head" data-live=LIVE>
                        <h1>{move || i18n.t(Msg::Welcome)} ", " {me.display_name.clone()}</h1>
                        {(!role.is_staff()).then(|| view! {
                            <a class="button primary big" href=Page::NewRequest.pattern() data-testid="report-problem">{move || i18n.t(Msg::HomeReportProblem)}</a>
                        })}
                    </div>
                    <Loaded resource=home let:h>
                        {match h {
                            Home::Customer(c) => customer(c).into_any(),
                            Home::Engineer(e) => engineer(e).into_any(),
                            Home::Dispatcher(d) => dispatcher(d).into_any(),
                            Home::Manager(m) => manager(m, role).into_any(),
                        }}
                    </Loaded>
                    {(!role.is_staff()).then(|| view! { <WaitingSurveys waiting=waiting/> })}
                    {(role != Role::Admin).then(|| view! { <DutyCards duty=duty/> })}
                }
            }
        />
    }
}

/// A card: heading, what is in it, and the link to the whole list.
fn card(title: Msg, testid: &'static str, href: Option<String>, body: AnyView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card home-card" data-testid=testid>
            <div class="card-head">
                <h2>{move || i18n.t(title)}</h2>
                {href.map(|h| view! { <a class="small" href=h>{move || i18n.t(Msg::HomeSeeAll)}</a> })}
            </div>
            {body}
        </section>
    }
}

fn rows(list: Vec<QueueRow>, empty: Msg) -> AnyView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p class="muted">{move || i18n.t(empty)}</p> }.into_any();
    }
    view! { <ul class="request-list">{list.into_iter().map(|row| view! { <QueueCard row/> }).collect_view()}</ul> }.into_any()
}

fn customer(c: CustomerHome) -> impl IntoView {
    let i18n = use_i18n();
    let waiting = (!c.waiting.is_empty()).then(|| {
        let items = c
            .waiting
            .into_iter()
            .map(|w| {
                let (msg, href, what) = match w {
                    WaitingForYou::Reply { number, title } => (Msg::HomeWaitReply, domain::href::request(&number), format!("{number} · {title}")),
                    WaitingForYou::ConfirmFix { number, title } => (Msg::HomeWaitConfirm, domain::href::request(&number), format!("{number} · {title}")),
                    WaitingForYou::RemoteAccess { number, title } => (Msg::HomeWaitRemote, domain::href::request(&number), format!("{number} · {title}")),
                    WaitingForYou::UpgradePlan { id, title } => (Msg::HomeWaitUpgrade, format!("/upgrades/{id}"), title),
                    WaitingForYou::InspectionReport { id, site, date } => (Msg::HomeWaitInspection, format!("/inspections/{id}"), format!("{site} · {date}")),
                };
                view! {
                    <li>
                        <a href=href>
                            <strong>{move || i18n.t(msg)}</strong>
                            <span class="muted">{what}</span>
                        </a>
                    </li>
                }
            })
            .collect_view();
        card(Msg::HomeWaitingTitle, "home-waiting", None, view! { <ul class="plain waiting-list">{items}</ul> }.into_any())
    });
    let open_title = if c.organization_wide { Msg::HomeOpenOrgTitle } else { Msg::HomeOpenTitle };
    let scope = if c.organization_wide { "organization" } else { "mine" };
    let open_href = domain::href::requests(&[("scope", scope), ("status", "open"), ("sort", "deadline")]);
    let total = capped_count(c.open_total, COUNT_CAP);
    let open = card(
        open_title,
        "home-open",
        Some(open_href),
        view! {
            <p class="muted small" data-testid="home-open-total">{total}</p>
            {rows(c.open, Msg::HomeNothingOpen)}
        }
        .into_any(),
    );
    let training = c.next_training.map(|t| {
        card(
            Msg::HomeNextTraining,
            "home-training",
            Some(Page::MyBookings.pattern().to_string()),
            view! {
                <p>
                    <a href=format!("/training/{}", t.id)>{t.title}</a>
                    <br/>
                    <span class="muted">{t.starts}</span>
                    {t.waitlisted.then(|| view! { " · " <span class="badge">{move || i18n.t(Msg::HomeWaitlisted)}</span> })}
                </p>
            }
            .into_any(),
        )
    });
    let month = c.month.map(|m| {
        let sev = m.open_by_severity;
        let inspection = m.next_inspection.map(inspection_line);
        card(
            Msg::HomeMonthTitle,
            "home-month",
            Some(m.report_href),
            view! {
                <dl class="facts">
                    <dt>{move || i18n.t(Msg::HomeOpenBySeverity)}</dt>
                    <dd>
                        {(0..3).map(|i| view! { <span class="badge">{move || i18n.t(severity_msg(i as u8 + 1).0)} " " {capped_count(sev[i], COUNT_CAP)}</span> " " }).collect_view()}
                    </dd>
                    <dt>{move || i18n.t(Msg::HomeClocksMissed)}</dt>
                    <dd data-testid="home-missed">{m.missed}</dd>
                    <dt>{move || i18n.t(Msg::HomeClocksMet)}</dt>
                    <dd>{m.met}</dd>
                    <dt>{move || i18n.t(Msg::HomeSatisfaction)}</dt>
                    <dd>{score(m.satisfaction_centi)} " (" {m.answered} " " {move || i18n.t(Msg::HomeAnswered)} ")"</dd>
                    <dt>{move || i18n.t(Msg::HomeNextInspection)}</dt>
                    <dd>{inspection.unwrap_or_else(|| view! { <span class="muted">{move || i18n.t(Msg::HomeNone)}</span> }.into_any())}</dd>
                </dl>
            }
            .into_any(),
        )
    });
    view! { {waiting} {open} {month} {training} }
}

fn engineer(e: EngineerHome) -> impl IntoView {
    let i18n = use_i18n();
    let overdue = e.overdue;
    let inspections = (!e.inspections.is_empty()).then(|| {
        card(
            Msg::HomeMyInspections,
            "home-inspections",
            Some(Page::Inspections.pattern().to_string()),
            view! { <ul class="plain">{e.inspections.into_iter().map(|i| view! { <li>{inspection_line(i)}</li> }).collect_view()}</ul> }.into_any(),
        )
    });
    view! {
        {card(
            Msg::HomeMyWork,
            "home-work",
            Some(Page::MyWork.pattern().to_string()),
            view! {
                {(overdue > 0).then(|| view! { <p class="error" data-testid="home-overdue">{overdue} " " {move || i18n.t(Msg::HomeOverdue)}</p> })}
                {rows(e.work, Msg::HomeNoWork)}
            }
            .into_any(),
        )}
        {inspections}
    }
}

fn dispatcher(d: DispatcherHome) -> impl IntoView {
    let i18n = use_i18n();
    let loads = d.engineers.into_iter().map(|e| view! { <li><span>{e.name}</span> " " <span class="badge">{e.open}</span></li> }).collect_view();
    view! {
        {card(Msg::HomeUnassigned, "home-unassigned", Some(Page::Triage.pattern().to_string()), rows(d.unassigned, Msg::HomeNone))}
        {card(Msg::HomeDueSoon, "home-due-soon", Some(domain::href::requests(&[("status", "open"), ("sort", "deadline")])), rows(d.due_soon, Msg::HomeNone))}
        {card(Msg::HomeEngineerLoad, "home-loads", Some(Page::Triage.pattern().to_string()), view! { <ul class="plain loads">{loads}</ul> }.into_any())}
        <p class="visually-hidden">{move || i18n.t(Msg::HomeStaffIntro)}</p>
    }
}

fn manager(m: ManagerHome, role: Role) -> impl IntoView {
    let i18n = use_i18n();
    let missed = if m.missed_by_tier.is_empty() {
        view! { <p class="muted">{move || i18n.t(Msg::HomeNone)}</p> }.into_any()
    } else {
        view! {
            <dl class="facts">
                {m.missed_by_tier.into_iter().map(|(tier, n)| view! { <dt>{tier}</dt> <dd>{n}</dd> }).collect_view()}
            </dl>
        }
        .into_any()
    };
    let plans = if m.plans.is_empty() {
        view! { <p class="muted">{move || i18n.t(Msg::HomeNone)}</p> }.into_any()
    } else {
        view! {
            <ul class="plain">
                {m.plans.into_iter().map(|p| view! {
                    <li><a href=domain::href::request(&p.number)>{p.number.clone()} " · " {p.title}</a> " " <span class="badge">{move || i18n.t(crate::components::request_bits::emergency_msg(p.kind))}</span></li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let trend = m
        .satisfaction
        .into_iter()
        .map(|(month, avg, n)| view! { <dt>{month}</dt> <dd>{score(avg)} " (" {n} " " {move || i18n.t(Msg::HomeAnswered)} ")"</dd> })
        .collect_view();
    let due = if m.reports_due.is_empty() {
        view! { <p class="muted">{move || i18n.t(Msg::HomeNone)}</p> }.into_any()
    } else {
        view! { <ul class="plain">{m.reports_due.into_iter().map(|(_, name, href)| view! { <li><a href=href>{name}</a></li> }).collect_view()}</ul> }.into_any()
    };
    let complaints = m.complaints_open;
    view! {
        {card(Msg::HomeMissedWeek, "home-missed-week", Some(m.week_href), missed)}
        {card(Msg::HomePlansWaiting, "home-plans", None, plans)}
        {card(Msg::HomeEscalated, "home-escalated", Some(domain::href::requests(&[("status", "open"), ("sort", "deadline")])), rows(m.escalated, Msg::HomeNone))}
        {card(Msg::HomeComplaintsOpen, "home-complaints", Some(Page::Complaints.pattern().to_string()), view! { <p class="big-number" data-testid="home-complaints-open">{complaints}</p> }.into_any())}
        {card(Msg::HomeSatisfactionTrend, "home-satisfaction", Some(Page::SurveyResults.pattern().to_string()), view! { <dl class="facts">{trend}</dl> }.into_any())}
        {card(Msg::HomeReportsDue, "home-reports-due", Some(Page::Reports.pattern().to_string()), due)}
        {(role == Role::Admin).then(|| view! {
            <div class="tiles">
                <a class="tile" href=Page::AdminOrganizations.pattern()>{move || i18n.t(Msg::NavOrganizations)}</a>
                <a class="tile" href=Page::AdminContracts.pattern()>{move || i18n.t(Msg::NavContracts)}</a>
            </div>
        })}
    }
}

fn inspection_line(i: InspectionBrief) -> AnyView {
    let i18n = use_i18n();
    view! {
        <a href=format!("/inspections/{}", i.id)>{i.date.to_string()} " · " {i.organization} " · " {i.site}</a>
        {i.overdue.then(|| view! { " " <span class="badge breached">{move || i18n.t(Msg::HomeOverdueDay)}</span> })}
    }
    .into_any()
}

/// An average score ×100 as "4.25", or a dash.
fn score(centi: Option<u32>) -> String {
    centi.map(|c| format!("{}.{:02}", c / 100, c % 100)).unwrap_or_else(|| "—".into())
}
