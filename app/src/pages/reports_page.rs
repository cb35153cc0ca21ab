//! `/reports`: an organization's or the provider's service report for a week, month, quarter
//! or year. The choice is a GET form (a bookmarkable URL that works without JavaScript);
//! the figures come from `api::reports::get_report`, frozen once the period is over. A
//! manager writes the weekly narrative here and can recompute a frozen period. The same
//! page prints as the PDF (the print stylesheet drops the navigation and the forms).
use domain::{
    report::{Period, PeriodKind},
    Page,
};
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    api::reports::{get_report, RecomputeReport, SaveReportNarrative},
    components::{
        form::FormStatus,
        guard::Guard,
        loaded::Loaded,
        report_bits::{period_msg, period_text},
        report_sections::ReportBody,
        training_bits::local,
    },
    i18n::{use_i18n, Msg},
    model::{NarrativeView, ReportQuery, ReportView},
};

#[component]
pub fn ReportsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        ReportQuery { org: get("org"), period: get("period"), day: get("day") }
    });
    let report = Resource::new(move || q.get(), get_report);
    view! {
        <Guard
            page=Page::Reports
            view=move |_| view! {
                <h1>{move || i18n.t(Msg::ReportsTitle)}</h1>
                <Loaded resource=report let:r>
                    <Report r=r/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Report(r: ReportView) -> impl IntoView {
    let i18n = use_i18n();
    let period = r.period;
    let org = r.org;
    let at = local(r.computed_at, &r.tz);
    let state_line = if r.closed { Msg::ReportFrozen } else { Msg::ReportLive };
    let recomputed = r.recomputed.clone().map(|(who, when)| (who, local(when, &r.tz)));
    let tz = r.tz.clone();
    view! {
        <Picker r=r.clone()/>
        <header class="report-head" data-period=period.code() data-closed=r.closed.to_string()>
            <h2>{r.name.clone()} " · " {move || i18n.t(period_msg(period.kind))} " " {period_text(&period)}</h2>
            <p class="muted small" id="report-state">
                {move || i18n.t(state_line).replace("{at}", &at)}
                {recomputed.map(|(who, when)| view! { " " {move || i18n.t(Msg::ReportRecomputed).replace("{who}", &who).replace("{at}", &when)} })}
                " " {move || i18n.t(Msg::ReportZone).replace("{tz}", &tz)}
            </p>
            <nav class="report-nav no-print" aria-label=move || i18n.t(Msg::ReportPeriod)>
                <a href=domain::href::report(org, &period.prev()) rel="prev">{move || i18n.t(Msg::ReportPrev)}</a>
                {r.has_next.then(|| view! { <a href=domain::href::report(org, &period.next()) rel="next">{move || i18n.t(Msg::ReportNext)}</a> })}
                <a href=domain::href::report_export(org, &period, "csv") download>{move || i18n.t(Msg::ReportExportCsv)}</a>
                <a href=domain::href::report_export(org, &period, "xlsx") download>{move || i18n.t(Msg::ReportExportXlsx)}</a>
                <button type="button" class="secondary" onclick="window.print()">{move || i18n.t(Msg::ReportPrint)}</button>
            </nav>
        </header>
        {r.narrative.clone().map(|n| view! { <Narrative org=org period=period n=n may_write=r.may_write_narrative tz=r.tz.clone()/> })}
        <ReportBody r=r.clone()/>
        {r.may_recompute.then(|| view! { <Recompute org=org period=period/> })}
    }
}

/// Whose report, which period, which day: a GET form.
#[component]
fn Picker(r: ReportView) -> impl IntoView {
    let i18n = use_i18n();
    let current_org = r.org.map(|o| o.to_string()).unwrap_or_default();
    let kind = r.period.kind;
    let manages = !r.organizations.is_empty();
    view! {
        <Form method="GET" action="" attr:class="filters no-print" attr:role="search">
            {(!r.organizations.is_empty()).then(|| view! {
                <label>{move || i18n.t(Msg::ReportWhose)}
                    <select name="org">
                        <option value="" selected=current_org.is_empty()>{move || i18n.t(Msg::ReportProvider)}</option>
                        {r.organizations.into_iter().map(|(id, name)| view! { <option value=id.to_string() selected=current_org == id.to_string()>{name}</option> }).collect_view()}
                    </select>
                </label>
            })}
            <label>{move || i18n.t(Msg::ReportPeriod)}
                <select name="period">
                    {PeriodKind::ALL.into_iter().map(|k| view! { <option value=k.as_str() selected=k == kind>{move || i18n.t(period_msg(k))}</option> }).collect_view()}
                </select>
            </label>
            <label>{move || i18n.t(Msg::ReportDay)}
                <input type="date" name="day" value=r.period.start.to_string()/>
            </label>
            <button type="submit" class="secondary">{move || i18n.t(Msg::ReportShow)}</button>
            {manages.then(|| view! { <a href=Page::ReportRecipients.pattern()>{move || i18n.t(Msg::ReportRecipients)}</a> })}
        </Form>
    }
}

/// The provider's words on the week; a manager edits them in place.
#[component]
fn Narrative(org: Option<i32>, period: Period, n: NarrativeView, may_write: bool, tz: String) -> impl IntoView {
    let i18n = use_i18n();
    let by = n.updated_at.map(|at| (n.author.clone(), local(at, &tz)));
    let shown = |label: Msg, text: String| (!text.is_empty()).then(|| view! { <h3>{move || i18n.t(label)}</h3><p class="pre-wrap">{text}</p> });
    let empty = n.done.is_empty() && n.not_done.is_empty() && n.plan.is_empty();
    view! {
        <section aria-labelledby="report-narrative" class="report-section card" id="narrative">
            <h2 id="report-narrative">{move || i18n.t(Msg::ReportNarrative)}</h2>
            {if may_write {
                // The form for the screen; its words as text on paper (forms do not print).
                view! {
                    <NarrativeForm org=org period=period n=n.clone()/>
                    <div class="print-only">
                        {shown(Msg::ReportNarrativeDone, n.done.clone())}
                        {shown(Msg::ReportNarrativeNotDone, n.not_done.clone())}
                        {shown(Msg::ReportNarrativePlan, n.plan.clone())}
                    </div>
                }.into_any()
            } else if empty {
                view! { <p class="muted">{move || i18n.t(Msg::ReportNarrativeNone)}</p> }.into_any()
            } else {
                view! {
                    {shown(Msg::ReportNarrativeDone, n.done.clone())}
                    {shown(Msg::ReportNarrativeNotDone, n.not_done.clone())}
                    {shown(Msg::ReportNarrativePlan, n.plan.clone())}
                }.into_any()
            }}
            {by.map(|(who, at)| view! { <p class="muted small">{move || i18n.t(Msg::ReportNarrativeBy).replace("{who}", &who).replace("{at}", &at)}</p> })}
        </section>
    }
}

#[component]
fn NarrativeForm(org: Option<i32>, period: Period, n: NarrativeView) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveReportNarrative>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let done = crate::components::work_actions::succeeded(action);
    let field = move |name: &'static str, label: Msg, value: String| {
        let id = format!("narrative-{name}");
        view! {
            <label for=id.clone()>{move || i18n.t(label)}</label>
            <textarea id=id name=name rows="4" maxlength=domain::report::NARRATIVE_MAX>{value}</textarea>
            {move || match error.get() {
                Some(crate::error::AppError::Invalid(fields)) => fields
                    .iter()
                    .find(|f| f.field == name)
                    .map(|f| view! { <span class="field-error">{crate::i18n::field_error_text(i18n.lang.get(), f)}</span> }),
                _ => None,
            }}
        }
    };
    view! {
        <ActionForm action=action attr:class="stack no-print-form" attr:novalidate=true>
            <input type="hidden" name="org" value=org.map(|o| o.to_string()).unwrap_or_default()/>
            <input type="hidden" name="day" value=period.start.to_string()/>
            <input type="hidden" name="version" value=n.version.to_string()/>
            {field("done", Msg::ReportNarrativeDone, n.done)}
            {field("not_done", Msg::ReportNarrativeNotDone, n.not_done)}
            {field("plan", Msg::ReportNarrativePlan, n.plan)}
            <FormStatus error=error done=done success=Msg::ReportNarrativeSaved/>
            <button type="submit" class="no-print">{move || i18n.t(Msg::Save)}</button>
        </ActionForm>
    }
}

/// A manager's recompute of a frozen period (what it changed goes to the audit log).
#[component]
fn Recompute(org: Option<i32>, period: Period) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RecomputeReport>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let done = crate::components::work_actions::succeeded(action);
    view! {
        <section class="report-section card no-print" aria-labelledby="report-recompute">
            <h2 id="report-recompute">{move || i18n.t(Msg::ReportRecompute)}</h2>
            <p class="muted small">{move || i18n.t(Msg::ReportRecomputeHint)}</p>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="org" value=org.map(|o| o.to_string()).unwrap_or_default()/>
                <input type="hidden" name="period" value=period.kind.as_str()/>
                <input type="hidden" name="day" value=period.start.to_string()/>
                <FormStatus error=error done=done success=Msg::ReportRecomputedDone/>
                <button type="submit" class="secondary">{move || i18n.t(Msg::ReportRecompute)}</button>
            </ActionForm>
        </section>
    }
}
