//! The dispatcher's triage queue: new and unassigned requests first, nearest deadline first,
//! filters in the query string (so it works without JavaScript and can be bookmarked),
//! dispatch to an engineer whose open load is shown; refreshed live.
use domain::{ticket::Status, Page};
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    api::staff::{get_triage_queue, DispatchRequest},
    components::loaded::Loaded,
    components::{form::FormStatus, guard::Guard, live::use_live, queue_list::QueueCard, request_bits::status_msg, work_actions::error_of},
    i18n::{use_i18n, Msg},
    model::QueueFilter,
};

#[component]
pub fn TriagePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let changes = use_live().version_of(domain::live::LiveKind::Request);
    let dispatch = ServerAction::<DispatchRequest>::new();
    let filter = Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        QueueFilter { org: get("org"), site: get("site"), severity: get("severity"), kind: get("kind"), status: get("status"), show: get("show") }
    });
    let duty = crate::components::duty_card::duty_resource();
    let queue = Resource::new(move || (filter.get(), changes.get(), dispatch.version().get()), |(f, ..)| get_triage_queue(f));
    let dispatch_error = error_of(dispatch);
    view! {
        <Guard
            page=Page::Triage
            view=move |_| view! {
                <div class="page-head" data-live="request">
                    <h1>{move || i18n.t(Msg::TriageTitle)}</h1>
                    <a class="button" href=Page::NewRequest.pattern()>{move || i18n.t(Msg::NewRequest)}</a>
                </div>
                <FormStatus error=dispatch_error done=Signal::derive(|| false) success=Msg::Updated/>
                <crate::components::duty_card::DutyCards duty=duty/>
                <Loaded resource=queue let:q>
                    {{
                            let f = filter.get_untracked();
                            let engineers = q.engineers.clone();
                            view! {
                                <Form method="GET" action="" attr:class="filters" attr:role="search">
                                    <label>{move || i18n.t(Msg::Show)}
                                        <select name="show">
                                            <option value="" selected=f.show != "all">{move || i18n.t(Msg::ShowUnassigned)}</option>
                                            <option value="all" selected=f.show == "all">{move || i18n.t(Msg::ShowAll)}</option>
                                        </select>
                                    </label>
                                    <label>{move || i18n.t(Msg::Organization)}
                                        <select name="org">
                                            <option value="" selected=f.org.is_empty()>{move || i18n.t(Msg::AnyOrganization)}</option>
                                            {q.organizations.iter().map(|(id, name)| view! { <option value=id.to_string() selected=f.org == id.to_string()>{name.clone()}</option> }).collect_view()}
                                        </select>
                                    </label>
                                    {(!q.sites.is_empty()).then(|| view! {
                                        <label>{move || i18n.t(Msg::Site)}
                                            <select name="site">
                                                <option value="" selected=f.site.is_empty()>{move || i18n.t(Msg::AnySite)}</option>
                                                {q.sites.iter().map(|(id, name)| view! { <option value=id.to_string() selected=f.site == id.to_string()>{name.clone()}</option> }).collect_view()}
                                            </select>
                                        </label>
                                    })}
                                    <label>{move || i18n.t(Msg::Severity)}
                                        <select name="severity">
                                            <option value="" selected=f.severity.is_empty()>{move || i18n.t(Msg::AnySeverity)}</option>
                                            <option value="1" selected=f.severity == "1">{move || i18n.t(Msg::Sev1)}</option>
                                            <option value="2" selected=f.severity == "2">{move || i18n.t(Msg::Sev2)}</option>
                                            <option value="3" selected=f.severity == "3">{move || i18n.t(Msg::Sev3)}</option>
                                        </select>
                                    </label>
                                    <label>{move || i18n.t(Msg::ReqKind)}
                                        <select name="kind">
                                            <option value="" selected=f.kind.is_empty()>{move || i18n.t(Msg::AnyKind)}</option>
                                            <option value="fault" selected=f.kind == "fault">{move || i18n.t(Msg::KindFault)}</option>
                                            <option value="consultation" selected=f.kind == "consultation">{move || i18n.t(Msg::KindConsultation)}</option>
                                        </select>
                                    </label>
                                    <label>{move || i18n.t(Msg::Status)}
                                        <select name="status">
                                            <option value="" selected=f.status.is_empty()>{move || i18n.t(Msg::OpenStatuses)}</option>
                                            {Status::ALL.iter().filter(|s| s.is_open()).map(|s| {
                                                let s = *s;
                                                view! { <option value=s.as_str() selected=f.status == s.as_str()>{move || i18n.t(status_msg(s))}</option> }
                                            }).collect_view()}
                                        </select>
                                    </label>
                                    <button type="submit" class="secondary">{move || i18n.t(Msg::Apply)}</button>
                                </Form>
                                <ul class="engineer-load" aria-label=move || i18n.t(Msg::Engineer)>
                                    {q.engineers.iter().map(|e| view! { <li data-engineer=e.id.to_string()>{e.name.clone()} " · " <strong>{e.open}</strong> " " {move || i18n.t(Msg::OpenLoad)}</li> }).collect_view()}
                                </ul>
                                {q.rows.is_empty().then(|| view! { <p class="muted">{move || i18n.t(Msg::QueueEmpty)}</p> })}
                                <ul class="request-list">
                                    {q.rows.into_iter().map(|row| {
                                        let number = row.number.clone();
                                        let engineers = engineers.clone();
                                        let label = if row.assignee_name.is_some() { Msg::Reassign } else { Msg::Assign };
                                        view! {
                                            <QueueCard row=row>
                                                <ActionForm action=dispatch attr:class="dispatch-form">
                                                    <input type="hidden" name="number" value=number/>
                                                    <select name="engineer_id" aria-label=move || i18n.t(Msg::Engineer)>
                                                        {engineers.iter().map(|e| view! { <option value=e.id.to_string()>{format!("{} ({})", e.name, e.open)}</option> }).collect_view()}
                                                    </select>
                                                    <button type="submit">{move || i18n.t(label)}</button>
                                                </ActionForm>
                                            </QueueCard>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                </Loaded>
            }
        />
    }
}
