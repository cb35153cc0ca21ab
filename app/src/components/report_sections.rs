//! The sections of a service report: the summary, the chart with its table, the
//! breakdowns, SLA results and breaches, escalations, satisfaction, inspections, training and
//! complaints. Every count links to the requests behind it (`domain::report::Drill`); every
//! table scrolls inside itself so a phone never scrolls the page sideways.
use domain::report::{bars_svg, Count, Drill, Figures, Period, Point};
use leptos::prelude::*;

use crate::{
    components::{
        report_bits::{clock_msg, group_text, plan_status_text, tier_text},
        trend_chart::{average, percent},
    },
    i18n::{use_i18n, Msg},
    model::ReportView,
};

/// A number linking to the requests behind it (a zero is just a zero).
fn count_link(org: Option<i32>, period: &Period, drill: Drill, n: u32) -> AnyView {
    if n == 0 {
        return view! { <span>"0"</span> }.into_any();
    }
    let href = domain::href::report_requests(org, period, &drill);
    view! { <a href=href data-figure=drill.to_query()>{n}</a> }.into_any()
}

#[component]
pub fn ReportBody(r: ReportView) -> impl IntoView {
    let f = r.figures.clone();
    let (org, period) = (r.org, r.period);
    view! {
        <Summary org=org period=period f=f.clone()/>
        <Chart org=org period=period f=f.clone()/>
        <div class="report-grid">
            <Breakdown id="by-kind" title=Msg::ReportByKind org=org period=period rows=f.by_kind.clone() drill=|c: &Count| Drill::Kind(c.key.clone())/>
            <Breakdown id="by-severity" title=Msg::ReportBySeverity org=org period=period rows=f.by_severity.clone() drill=|c: &Count| Drill::Severity(c.key.parse().unwrap_or(3))/>
            <Breakdown id="by-channel" title=Msg::ReportByChannel org=org period=period rows=f.by_channel.clone() drill=|c: &Count| Drill::Channel(c.key.clone())/>
            <Breakdown id="by-device" title=Msg::ReportByDevice org=org period=period rows=f.by_device.clone() drill=|c: &Count| Drill::Device(c.key.clone())/>
            <Breakdown id="by-site" title=Msg::ReportBySite org=org period=period rows=f.by_site.clone() drill=|c: &Count| Drill::Site(c.key.parse().unwrap_or(0))/>
        </div>
        <Sla org=org period=period f=f.clone()/>
        <Breaches org=org period=period f=f.clone() tz=r.tz.clone()/>
        <Others org=org period=period f=f complaint_links=r.complaint_links tz=r.tz.clone()/>
    }
}

#[component]
fn Summary(org: Option<i32>, period: Period, f: Figures) -> impl IntoView {
    let i18n = use_i18n();
    let card = move |label: Msg, value: AnyView| {
        view! { <div class="card stat"><span class="muted small">{move || i18n.t(label)}</span><strong class="stat-value">{value}</strong></div> }
    };
    view! {
        <section aria-labelledby="report-summary" class="report-section">
            <h2 id="report-summary">{move || i18n.t(Msg::ReportSummary)}</h2>
            <div class="stat-row">
                {card(Msg::ReportOpened, count_link(org, &period, Drill::Opened, f.opened))}
                {card(Msg::ReportResolved, count_link(org, &period, Drill::Resolved, f.resolved))}
                {card(Msg::ReportReopened, count_link(org, &period, Drill::Reopened, f.reopened))}
                {card(Msg::ReportReopenRate, view! { <span>{percent(f.reopen_rate_permille())}</span> }.into_any())}
                {card(Msg::ReportCompliance, view! { <span>{percent(f.compliance_permille(domain::report::Clock::Resolution))}</span> }.into_any())}
                {card(Msg::ReportAverage, view! { <span>{average(f.satisfaction.average_overall_centi)}</span> }.into_any())}
            </div>
        </section>
    }
}

#[component]
fn Chart(org: Option<i32>, period: Period, f: Figures) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let labels: Vec<String> = f
        .bars
        .iter()
        .map(|b| match period.kind.bucket() {
            domain::report::Bucketing::Day | domain::report::Bucketing::Week => b.start.format("%m-%d").to_string(),
            domain::report::Bucketing::Month => b.start.format("%Y-%m").to_string(),
        })
        .collect();
    let points: Vec<Point> = f.bars.iter().zip(&labels).map(|(b, l)| Point { label: l, value: b.opened, line_permille: b.compliance_permille() }).collect();
    // Drawn on the server: no script, and the same picture printed.
    let svg = bars_svg(Msg::ReportChartTitle.text(lang), &points, Msg::ReportChartLine.text(lang));
    view! {
        <section aria-labelledby="report-chart" class="report-section">
            <h2 id="report-chart">{move || i18n.t(Msg::ReportChartTitle)}</h2>
            <figure class="chart-figure" inner_html=svg></figure>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="report-chart">
                <table class="audit report-table">
                    <thead><tr>
                        <th scope="col">{move || i18n.t(Msg::ReportBar)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::ReportOpened)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::ReportMet)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::ReportMissed)}</th>
                        <th scope="col" class="num">{move || i18n.t(Msg::ReportRate)}</th>
                    </tr></thead>
                    <tbody>
                        {f.bars.iter().map(|b| view! {
                            <tr>
                                <th scope="row">{b.start.to_string()}</th>
                                <td class="num">{count_link(org, &period, Drill::Bar(b.start), b.opened)}</td>
                                <td class="num">{b.met}</td>
                                <td class="num">{b.missed}</td>
                                <td class="num">{percent(b.compliance_permille())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn Breakdown(id: &'static str, title: Msg, org: Option<i32>, period: Period, rows: Vec<Count>, drill: fn(&Count) -> Drill) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    view! {
        <section aria-labelledby=id class="report-section" id=format!("{id}-section")>
            <h3 id=id>{move || i18n.t(title)}</h3>
            <table class="audit report-table">
                <thead><tr><th scope="col">{move || i18n.t(title)}</th><th scope="col" class="num">{move || i18n.t(Msg::ReportCount)}</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|c| {
                        let d = drill(&c);
                        view! {
                            <tr>
                                <th scope="row">{group_text(&d, &c.label, lang)}</th>
                                <td class="num">{count_link(org, &period, d, c.count)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn Sla(org: Option<i32>, period: Period, f: Figures) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="report-sla" class="report-section">
            <h2 id="report-sla">{move || i18n.t(Msg::ReportSla)}</h2>
            {if f.sla.is_empty() {
                view! { <p class="muted">{move || i18n.t(Msg::ReportSlaNone)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="report-sla">
                        <table class="audit report-table" id="sla-table">
                            <thead><tr>
                                <th scope="col">{move || i18n.t(Msg::ReportTier)}</th>
                                <th scope="col">{move || i18n.t(Msg::ReportClock)}</th>
                                <th scope="col" class="num">{move || i18n.t(Msg::ReportMet)}</th>
                                <th scope="col" class="num">{move || i18n.t(Msg::ReportMissed)}</th>
                                <th scope="col" class="num">{move || i18n.t(Msg::ReportRate)}</th>
                            </tr></thead>
                            <tbody>
                                {f.sla.iter().map(|s| {
                                    let clock = s.clock;
                                    let met = Drill::Sla { tier: s.tier.clone(), clock, met: true };
                                    let missed = Drill::Sla { tier: s.tier.clone(), clock, met: false };
                                    view! {
                                        <tr data-tier=s.tier.clone() data-clock=clock.as_str()>
                                            <th scope="row">{tier_text(&s.tier)}</th>
                                            <td>{move || i18n.t(clock_msg(clock))}</td>
                                            <td class="num">{count_link(org, &period, met, s.met)}</td>
                                            <td class="num">{count_link(org, &period, missed, s.missed)}</td>
                                            <td class="num">{percent(s.compliance_permille())}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Breaches(org: Option<i32>, period: Period, f: Figures, tz: String) -> impl IntoView {
    let i18n = use_i18n();
    let local = move |at| crate::components::training_bits::local(at, &tz);
    let more = f.breaches_more;
    view! {
        <section aria-labelledby="report-breaches" class="report-section">
            <h2 id="report-breaches">{move || i18n.t(Msg::ReportBreaches)}</h2>
            {if f.breaches.is_empty() {
                view! { <p class="muted">{move || i18n.t(Msg::ReportBreachesNone)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="report-breaches">
                        <table class="audit report-table" id="breach-table">
                            <thead><tr>
                                <th scope="col">"#"</th>
                                <th scope="col">{move || i18n.t(Msg::ReportTier)}</th>
                                <th scope="col">{move || i18n.t(Msg::ReportClock)}</th>
                                <th scope="col">{move || i18n.t(Msg::ReportDeadline)}</th>
                                <th scope="col">{move || i18n.t(Msg::ReportStopped)}</th>
                            </tr></thead>
                            <tbody>
                                {f.breaches.iter().map(|b| {
                                    let clock = b.clock;
                                    view! {
                                        <tr>
                                            <th scope="row"><a href=domain::href::request(&b.number)>{b.number.clone()}</a><span class="muted small">" " {b.title.clone()}</span></th>
                                            <td>{tier_text(&b.tier)}</td>
                                            <td>{move || i18n.t(clock_msg(clock))}</td>
                                            <td>{local(b.deadline)}</td>
                                            <td>{match b.done_at {
                                                Some(at) => local(at).into_any(),
                                                None => view! { <span class="muted">{move || i18n.t(Msg::ReportStillRunning)}</span> }.into_any(),
                                            }}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {(more > 0).then(|| {
                        let href = domain::href::report_requests(org, &period, &Drill::Missed);
                        view! { <p><a href=href>{move || i18n.t(Msg::ReportBreachesMore).replace("{n}", &more.to_string())}</a></p> }
                    })}
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Others(org: Option<i32>, period: Period, f: Figures, complaint_links: bool, tz: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let row = move |label: Msg, value: AnyView| view! { <tr><th scope="row">{move || i18n.t(label)}</th><td class="num">{value}</td></tr> };
    let num = |n: u32| view! { <span>{n}</span> }.into_any();
    let text = |s: String| view! { <span>{s}</span> }.into_any();
    let s = f.satisfaction;
    let ins = f.inspections.clone();
    let tr = f.training.clone();
    let c = f.complaints.clone();
    view! {
        <div class="report-grid">
            <section aria-labelledby="report-escalation" class="report-section">
                <h2 id="report-escalation">{move || i18n.t(Msg::ReportEscalation)}</h2>
                <table class="audit report-table"><tbody>
                    {row(Msg::ReportUpgrades, count_link(org, &period, Drill::Upgraded, f.upgrades))}
                    {row(Msg::ReportEscalations, count_link(org, &period, Drill::Escalated, f.escalations))}
                    {f.emergency_plans.iter().map(|p| view! {
                        <tr><th scope="row">{Msg::ReportEmergency.text(lang)} " · " {plan_status_text(&p.key, lang)}</th><td class="num">{p.count}</td></tr>
                    }).collect_view()}
                </tbody></table>
            </section>
            <section aria-labelledby="report-satisfaction" class="report-section">
                <h2 id="report-satisfaction">{move || i18n.t(Msg::ReportSatisfaction)}</h2>
                <table class="audit report-table"><tbody>
                    {row(Msg::ReportSent, num(s.sent))}
                    {row(Msg::ReportResponseRate, text(percent(s.response_rate_permille)))}
                    {row(Msg::ReportAverage, text(average(s.average_overall_centi)))}
                    {row(Msg::ReportSatisfied, text(percent(s.satisfied_permille)))}
                </tbody></table>
            </section>
            <section aria-labelledby="report-inspections" class="report-section">
                <h2 id="report-inspections">{move || i18n.t(Msg::ReportInspections)}</h2>
                <table class="audit report-table"><tbody>
                    {row(Msg::ReportPlanned, num(ins.planned))}
                    {row(Msg::ReportDone, num(ins.done))}
                    {row(Msg::ReportDoneOnTime, num(ins.done_on_time))}
                    {row(Msg::ReportReported, num(ins.reported))}
                    {row(Msg::ReportReportedOnTime, num(ins.reported_on_time))}
                </tbody></table>
            </section>
            <section aria-labelledby="report-training" class="report-section">
                <h2 id="report-training">{move || i18n.t(Msg::ReportTraining)}</h2>
                <table class="audit report-table"><tbody>
                    {row(Msg::ReportSessions, num(tr.sessions))}
                    {row(Msg::ReportBooked, num(tr.booked))}
                    {row(Msg::ReportAttended, num(tr.attended))}
                    {row(Msg::ReportAbsent, num(tr.absent))}
                </tbody></table>
            </section>
        </div>
        <section aria-labelledby="report-complaints" class="report-section">
            <h2 id="report-complaints">{move || i18n.t(Msg::ReportComplaints)}</h2>
            <table class="audit report-table"><tbody>
                {row(Msg::ReportComplaintsMade, num(c.made))}
                {row(Msg::ReportAckOnTime, num(c.acknowledged_on_time))}
                {row(Msg::ReportAnswered, num(c.answered))}
                {row(Msg::ReportAnsweredOnTime, num(c.answered_on_time))}
                {row(Msg::ReportClosedCount, num(c.closed))}
            </tbody></table>
            {(!c.lines.is_empty()).then(|| view! {
                <ul class="plan-list" id="complaint-lines">
                    {c.lines.into_iter().map(|l| {
                        let status = domain::complaint::ComplaintStatus::parse(&l.status);
                        let number = if complaint_links {
                            view! { <a href=domain::href::complaint(l.id)>{l.number.clone()}</a> }.into_any()
                        } else {
                            view! { <span>{l.number.clone()}</span> }.into_any()
                        };
                        view! {
                            <li class="card">
                                <strong>{number}</strong>
                                {status.map(|s| view! { " " <span class="badge">{move || i18n.t(crate::components::complaint_bits::status_msg(s))}</span> })}
                                " " <span class="muted small">{crate::components::training_bits::local(l.made_at, &tz)}</span>
                                {l.changes.map(|ch| view! { <p class="small"><strong>{move || i18n.t(Msg::ReportOutcome)} ": "</strong>{ch}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}
