//! `/reports/recipients`: managers choose who receives which report by mail. One plain form
//! of checkboxes (works without JavaScript); `shown` names every box so an unticked one is
//! saved as a "no", not forgotten.
use domain::{report::PeriodKind, Page};
use leptos::prelude::*;

use crate::{
    api::reports::{get_report_recipients, SaveReportRecipients},
    components::{form::FormStatus, guard::Guard, layout::role_msg, loaded::Loaded, report_bits::period_msg},
    i18n::{use_i18n, Msg},
    model::RecipientRow,
};

#[component]
pub fn ReportRecipientsPage() -> impl IntoView {
    let i18n = use_i18n();
    let rows = Resource::new(|| (), |_| get_report_recipients());
    view! {
        <Guard
            page=Page::ReportRecipients
            view=move |_| view! {
                <h1>{move || i18n.t(Msg::ReportRecipients)}</h1>
                <p><a href=Page::Reports.pattern()>{move || i18n.t(Msg::ReportBack)}</a></p>
                <p class="muted">{move || i18n.t(Msg::ReportRecipientsIntro)}</p>
                <Loaded resource=rows let:rows>
                    <RecipientsForm rows=rows/>
                </Loaded>
            }
        />
    }
}

#[component]
fn RecipientsForm(rows: Vec<RecipientRow>) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveReportRecipients>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let done = crate::components::work_actions::succeeded(action);
    let shown: Vec<String> = rows.iter().flat_map(|r| PeriodKind::ALL.iter().map(move |k| format!("{}:{}", r.user_id, k.as_str()))).collect();
    view! {
        <ActionForm action=action attr:class="stack">
            <input type="hidden" name="shown" value=shown.join(",")/>
            <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::ReportRecipients)>
                <table class="audit report-table" id="recipients-table">
                    <thead><tr>
                        <th scope="col">{move || i18n.t(Msg::ReportPerson)}</th>
                        {PeriodKind::ALL.into_iter().map(|k| view! { <th scope="col">{move || i18n.t(period_msg(k))}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            let role = r.role;
                            view! {
                                <tr data-user=r.user_id>
                                    <th scope="row">{r.name.clone()} <span class="muted small">" · " {move || i18n.t(role_msg(role))} " · " {r.organization.clone()}</span></th>
                                    {PeriodKind::ALL.into_iter().zip(r.receives).map(|(k, on)| {
                                        let key = crate::api::reports::recipient_key(r.user_id, k);
                                        let label = format!("{} {}", r.name, k.as_str());
                                        view! { <td><input type="checkbox" name=format!("receives[{key}]") checked=on aria-label=label/></td> }
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <FormStatus error=error done=done success=Msg::ReportRecipientsSaved/>
            <button type="submit">{move || i18n.t(Msg::Save)}</button>
        </ActionForm>
    }
}
