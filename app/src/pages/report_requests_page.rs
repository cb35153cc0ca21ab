//! `/reports/requests`: the requests behind one figure of a report (`figure=severity:1`),
//! oldest first, each linking to its page. The same scope rules as the report itself.
use domain::{report::Drill, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::reports::get_report_requests,
    components::{
        guard::Guard,
        loaded::Loaded,
        report_bits::{group_text, period_msg, period_text},
        request_bits::{status_msg, SeverityBadge},
        training_bits::local,
    },
    i18n::{use_i18n, Msg},
    model::{ReportQuery, ReportRequests},
};

#[component]
pub fn ReportRequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        (ReportQuery { org: get("org"), period: get("period"), day: get("day") }, get("figure"))
    });
    let rows = Resource::new(move || args.get(), |(q, figure)| get_report_requests(q, figure));
    view! {
        <Guard
            page=Page::ReportRequests
            view=move |_| view! {
                <h1>{move || i18n.t(Msg::ReportDrillTitle)}</h1>
                <Loaded resource=rows let:r>
                    <List r=r/>
                </Loaded>
            }
        />
    }
}

#[component]
fn List(r: ReportRequests) -> impl IntoView {
    let i18n = use_i18n();
    let lang = i18n.lang.get_untracked();
    let figure = Drill::parse(&r.figure).map(|d| group_text(&d, "", lang)).unwrap_or_default();
    let (total, shown) = (r.total, r.rows.len());
    let tz = r.tz.clone();
    view! {
        <p>
            <strong>{r.name.clone()} " · " {move || i18n.t(period_msg(r.period.kind))} " " {period_text(&r.period)}</strong>
            " · " <span id="drill-figure">{figure}</span>
        </p>
        <p><a href=domain::href::report(r.org, &r.period)>{move || i18n.t(Msg::ReportBack)}</a></p>
        <p id="drill-total">
            {move || i18n.t(Msg::ReportDrillTotal).replace("{n}", &total.to_string())}
            {((shown as u64) < total).then(|| view! { " " {move || i18n.t(Msg::ReportDrillCapped).replace("{n}", &shown.to_string())} })}
        </p>
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="drill-total">
            <table class="audit report-table" id="drill-table">
                <thead><tr>
                    <th scope="col">"#"</th>
                    <th scope="col">{move || i18n.t(Msg::Status)}</th>
                    <th scope="col">{move || i18n.t(Msg::Severity)}</th>
                    <th scope="col">{move || i18n.t(Msg::ReportTier)}</th>
                    <th scope="col">{move || i18n.t(Msg::ReportOpened)}</th>
                </tr></thead>
                <tbody>
                    {r.rows.into_iter().map(|row| {
                        let status = domain::ticket::Status::parse(&row.status);
                        view! {
                            <tr>
                                <th scope="row"><a href=domain::href::request(&row.number)>{row.number.clone()}</a> <span class="muted small">{row.title}</span></th>
                                <td>{status.map(|s| view! { <span>{move || i18n.t(status_msg(s))}</span> })}</td>
                                <td><SeverityBadge level=row.severity/></td>
                                <td>{row.tier.to_uppercase()}</td>
                                <td>{local(row.created_at, &tz)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
