//! One request: status, clocks ticking, details, what the caller may do, replies, files and
//! the full timeline; all of it refreshed live when anything about the request changes.
use domain::{
    ticket::{Action, Status},
    Page,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::requests::{get_request, ActOnRequest, ReplyRequest},
    components::{
        drafts::ReplyBody,
        equipment_bits::WarrantyBadge,
        form::FormStatus,
        guard::Guard,
        live::use_live,
        remote_card::RemoteCard,
        request_bits::{action_msg, severity_msg, SeverityBadge, StatusBadge, TimelineLine},
        sla_clock::{ClockWords, SlaClocks},
        survey_panel::{SurveyData, SurveyPanel},
        work_actions::WorkActions,
        work_panel::{FaultReportView, WorkPanel},
    },
    i18n::{error_text, field_error_text, use_i18n, Msg},
    model::RequestDetail,
};

/// Where the "write an article" form posts (a plain form: it works without JavaScript).
const DRAFT_ARTICLE: &str = <crate::api::knowledge::DraftArticleFromRequest as server_fn::ServerFn>::PATH;

#[component]
pub fn RequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let number = Memo::new(move |_| params.read().get("number").unwrap_or_default());
    let act = ServerAction::<ActOnRequest>::new();
    let reply = ServerAction::<ReplyRequest>::new();
    let work = WorkActions::new();
    let my_id = RwSignal::new(None::<i32>);
    let changes = use_live().version_for(my_id.into());
    let detail = Resource::new(move || (number.get(), changes.get(), act.version().get(), reply.version().get(), work.version()), |(n, ..)| get_request(n));
    let survey = SurveyData::new(number, changes);
    Effect::new(move |_| {
        if let Some(Ok(d)) = detail.get() {
            my_id.set(Some(d.id));
        }
    });
    view! {
        <Guard
            page=Page::RequestDetail
            view=move |_| {
                view! {
                    <p><a href=Page::Requests.pattern()>"← " {move || i18n.t(Msg::NavRequests)}</a></p>
                    <Transition fallback=move || view! { <p class="muted">{move || i18n.t(Msg::Loading)}</p> }>
                        {move || detail.get().map(|r| match r {
                            Err(e) => {
                                // Another organization's request answers 404, like one that does not exist.
                                crate::error::not_found_status(&e);
                                view! { <section class="card narrow"><h1>{move || i18n.t(Msg::NotFoundTitle)}</h1><p class="error">{error_text(i18n.lang.get(), &e)}</p></section> }.into_any()
                            }
                            Ok(d) => view! { <Detail d=d act=act reply=reply work=work survey=survey/> }.into_any(),
                        })}
                    </Transition>
                }
            }
        />
    }
}

#[component]
fn Detail(d: RequestDetail, act: ServerAction<ActOnRequest>, reply: ServerAction<ReplyRequest>, work: WorkActions, survey: SurveyData) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let tz = d.terms.calendar.tz;
    let act_error = Signal::derive(move || act.value().get().and_then(|r| r.err()));
    let reply_error = Signal::derive(move || reply.value().get().and_then(|r| r.err()));
    // A plain post (islands mode) comes back with `?done=reply` (`reply_request`).
    let reply_done = Signal::derive(move || matches!(reply.value().get(), Some(Ok(()))) || query.read().get("done").as_deref() == Some("reply"));
    let upload_msg = move || match query.read().get("upload").as_deref() {
        Some("ok") => Some(("success", Msg::UploadOk)),
        Some("bad_type") => Some(("error", Msg::UploadBadType)),
        Some("too_large") => Some(("error", Msg::UploadTooLarge)),
        Some("empty") => Some(("error", Msg::UploadEmpty)),
        Some("renamed") => Some(("success", Msg::UploadRenamed)),
        Some("too_many") => Some(("error", Msg::UploadTooMany)),
        Some("quota") => Some(("error", Msg::UploadQuota)),
        Some(_) => Some(("error", Msg::ErrInternal)),
        None => None,
    };
    let (sev_name, sev_def) = severity_msg(d.severity);
    let number = d.number.clone();
    let kind_msg = match (d.kind, d.fault_kind) {
        (domain::ticket::RequestKind::Consultation, _) => Msg::KindConsultation,
        (_, Some(domain::ticket::FaultKind::Hardware)) => Msg::FaultHardware,
        _ => Msg::FaultSoftware,
    };
    view! {
        // The live feed refetches this page on an event about this request.
        <div class="page-head" data-live=format!("request:{}", d.id)>
            <h1><span class="req-number">{d.number.clone()}</span> " " {d.title.clone()}</h1>
            <div class="req-meta">
                <StatusBadge status=d.status/>
                <SeverityBadge level=d.severity/>
                {d.escalation_level.filter(|n| *n > 0).map(|n| view! { <span class="badge sev-1">{move || i18n.t(Msg::Escalated)} " ×" {n}</span> })}
            </div>
        </div>
        // Once the request is closed and its survey sent, the survey comes first.
        <SurveyPanel number=d.number.clone() data=survey/>
        <div class="columns">
            <section class="card">
                <h2>{move || i18n.t(Msg::SlaClocks)}</h2>
                <SlaClocks terms=d.terms.clone() facts=d.facts.clone() words=ClockWords::new(i18n.lang.get_untracked(), &d.terms)/>
                <dl class="facts">
                    <dt>{move || i18n.t(Msg::ReqKind)}</dt><dd>{move || i18n.t(kind_msg)}</dd>
                    <dt>{move || i18n.t(Msg::Severity)}</dt><dd>{move || i18n.t(sev_name)} <span class="muted small">" — " {move || i18n.t(sev_def)}</span></dd>
                    <dt>{move || i18n.t(Msg::OrganizationLabel)}</dt><dd>{d.org_name.clone()} " · " {d.site_name.clone()}</dd>
                    <dt>{move || i18n.t(Msg::Requester)}</dt><dd>{d.requester_name.clone()} " · " {d.contact_phone.clone()}</dd>
                    <dt>{move || i18n.t(Msg::ReqSystem)}</dt><dd>{if d.system.is_empty() { "—".to_string() } else { d.system.clone() }}</dd>
                    {d.device.clone().map(|dev| view! {
                        <dt>{move || i18n.t(Msg::EqDeviceField)}</dt>
                        <dd class="request-device">
                            <a href=domain::href::device(dev.id)>{dev.name.clone()}</a>
                            " " <span class="muted small">{[dev.model.clone(), dev.serial.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}</span>
                            " " <WarrantyBadge w=dev.warranty/>
                            {(!dev.earlier.is_empty()).then(|| view! {
                                <details>
                                    <summary>{move || i18n.t(Msg::EqEarlier)} " (" {dev.earlier.len()} ")"</summary>
                                    <ul>{dev.earlier.iter().map(|(n, t)| view! { <li><a href=domain::href::request(n)>{n.clone()}</a> " " {t.clone()}</li> }).collect_view()}</ul>
                                </details>
                            })}
                        </dd>
                    })}
                    <dt>{move || i18n.t(Msg::Engineer)}</dt><dd>{d.assignee_name.clone().unwrap_or_else(|| "—".into())}</dd>
                </dl>
                <p class="description">{d.description.clone()}</p>
            </section>
            <section class="card">
                {(!d.actions.is_empty()).then(|| view! {
                    <h2>{move || i18n.t(Msg::WhatNext)}</h2>
                    <div class="actions">
                        // A fault is resolved with its report (the work panel's form).
                        {d.actions.iter().filter(|a| **a != Action::AutoClose && !(**a == Action::Resolve && d.kind == domain::ticket::RequestKind::Fault)).map(|a| {
                            let a = *a;
                            let needs_engineer = matches!(a, Action::Assign | Action::Reassign);
                            let needs_note = matches!(a, Action::AskCustomer | Action::RejectResolution | Action::Cancel);
                            let engineers = d.engineers.clone();
                            let number = number.clone();
                            view! {
                                <ActionForm action=act attr:class="action-form" attr:data-action=a.as_str()>
                                    <input type="hidden" name="number" value=number.clone()/>
                                    <input type="hidden" name="action" value=a.as_str()/>
                                    {needs_engineer.then(|| view! {
                                        <label>{move || i18n.t(Msg::Engineer)}
                                            <select name="engineer_id">
                                                {engineers.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                                            </select>
                                        </label>
                                    })}
                                    {needs_note.then(|| view! {
                                        <label>{move || i18n.t(Msg::Note)} <input type="text" name="note" maxlength="2000"/></label>
                                    })}
                                    <button type="submit" class=if matches!(a, Action::Cancel) { "secondary" } else { "" }>{move || i18n.t(action_msg(a))}</button>
                                </ActionForm>
                            }
                        }).collect_view()}
                    </div>
                    <FormStatus error=act_error done=Signal::derive(|| false) success=Msg::Updated/>
                })}
                {let reply_number = d.number.clone(); let reply_number_draft = d.number.clone(); let lines = d.timeline.len(); let articles = d.articles.clone(); d.can_reply.then(move || view! {
                    <h2>{move || i18n.t(Msg::Reply)}</h2>
                    <ActionForm action=reply attr:class="stack" attr:id="reply-form">
                        <input type="hidden" name="number" value=reply_number/>
                        <label for="reply-body" class="visually-hidden">{move || i18n.t(Msg::Reply)}</label>
                        <ReplyBody number=reply_number_draft lines=lines/>
                        // Articles to link: a tap puts the reference in the reply (kb_suggest.js);
                        // without JavaScript the reference is there to type.
                        {(!articles.is_empty()).then(|| view! {
                            <div class="kb-insert" data-testid="kb-insert">
                                <span class="muted small">{move || i18n.t(Msg::KbLinkInReply)}</span>
                                {articles.iter().map(|(id, title)| {
                                    let reference = format!("KB-{id}");
                                    view! {
                                        " "
                                        <button type="button" class="secondary small" data-kb-insert=reference.clone() title=title.clone()>
                                            {format!("{reference} {title}")}
                                        </button>
                                    }
                                }).collect_view()}
                            </div>
                        })}
                        <div class="field-errors">{move || reply_error.get().map(|e| e.for_field("body").iter().map(|fe| view! { <p class="error">{field_error_text(i18n.lang.get(), fe)}</p> }).collect_view())}</div>
                        <FormStatus error=reply_error done=reply_done success=Msg::ReplySent/>
                        <button type="submit">{move || i18n.t(Msg::SendReply)}</button>
                    </ActionForm>
                })}
                <h2>{move || i18n.t(Msg::Attachments)}</h2>
                {move || upload_msg().map(|(class, m)| view! { <p class=class role="status">{i18n.t(m)}</p> })}
                <ul class="attachments">
                    {d.attachments.iter().map(|a| view! {
                        <li><a href=domain::href::attachment(a.id) download=a.filename.clone()>{a.filename.clone()}</a> <span class="muted small">{format!("{} KB", (a.size + 1023) / 1024)}</span></li>
                    }).collect_view()}
                </ul>
                <form class="stack" method="post" enctype="multipart/form-data" action=domain::href::request_attachments(&d.number)>
                    <label for="upload-file">{move || i18n.t(Msg::AddFile)}</label>
                    <input id="upload-file" type="file" name="file" accept="image/*,application/pdf,.log,.txt" required/>
                    <p class="muted small">{move || i18n.t(Msg::UploadHint)}</p>
                    <button type="submit" class="secondary">{move || i18n.t(Msg::Upload)}</button>
                </form>
            </section>
        </div>
        {d.work.fault_report.clone().map(|r| view! { <FaultReportView report=r/> })}
        <RemoteCard d=d.clone() actions=work/>
        {d.is_staff.then(|| view! { <WorkPanel d=d.clone() actions=work/> })}
        // Staff link an article in a reply by its reference (KB-12), found from here; a solved
        // problem is worth an article: one click drafts it from the fault report.
        {d.is_staff.then(|| view! {
            <section class="card kb-links">
                <a href=domain::href::knowledge(&d.title, "")>{move || i18n.t(Msg::KbFindToLink)}</a>
                {matches!(d.status, Status::Resolved | Status::Closed).then(|| view! {
                    " "
                    <form method="post" action=DRAFT_ARTICLE class="inline-form">
                        <input type="hidden" name="number" value=d.number.clone()/>
                        <button type="submit" class="secondary">{move || i18n.t(Msg::KbDraftFromRequest)}</button>
                    </form>
                })}
            </section>
        })}
        <section class="card">
            <h2>{move || i18n.t(Msg::Timeline)}</h2>
            <ol class="timeline" aria-live="polite">
                {d.timeline.iter().rev().map(|t| view! { <TimelineLine item=t.clone() tz=tz/> }).collect_view()}
            </ol>
        </section>
        // The customer's way to the service supervision, past the engineer.
        {(!d.is_staff).then(|| view! {
            <p class="muted small"><a href=domain::href::new_complaint(Some(&d.number), false)>{move || i18n.t(Msg::ComplaintFromRequest)}</a></p>
        })}
    }
}
