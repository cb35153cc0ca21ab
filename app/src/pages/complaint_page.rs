//! `/complaints/:id`: the complaint, its clocks, the answer and its history. Supervisors
//! (managers) take it up and answer it (what was found stays with staff); the customer accepts
//! the answer or says why not. Live as it moves.
use domain::complaint::ComplaintAction;
use domain::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::complaints::{get_complaint, ActOnComplaint},
    components::{
        complaint_bits::{action_msg, status_msg, step_msg},
        form::FormStatus,
        guard::Guard,
        live::use_live,
        loaded::Loaded,
        training_bits::local,
    },
    i18n::{field_error_text, use_i18n, Msg},
    model::ComplaintView,
};

#[component]
pub fn ComplaintPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let changes = use_live().version_of(domain::live::LiveKind::Complaint);
    let complaint = Resource::new(move || (id.get(), changes.get()), |(id, _)| get_complaint(id));
    view! {
        <Guard
            page=Page::ComplaintDetail
            view=move |_| view! {
                <div data-live="complaint">
                    <p><a href=Page::Complaints.pattern()>{move || use_i18n().t(Msg::NavComplaints)}</a></p>
                    <Loaded resource=complaint suspense=true error=crate::components::equipment_bits::refused let:c>
                        <Detail c=c/>
                    </Loaded>
                </div>
            }
        />
    }
}

#[component]
fn Detail(c: ComplaintView) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ActOnComplaint>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let done = crate::components::work_actions::succeeded(action);
    let field_error = move |field: &'static str| {
        move || match error.get() {
            Some(crate::error::AppError::Invalid(fields)) => {
                fields.iter().find(|f| f.field == field).map(|f| view! { <p class="field-error">{field_error_text(i18n.lang.get(), f)}</p> })
            }
            _ => None,
        }
    };
    let row = c.row.clone();
    let s = row.status;
    let tz = row.tz.clone();
    let at = move |t| local(t, &tz);
    let (id, version) = (row.id, c.version);
    // Copy: every form below carries the complaint and the version it was read at.
    let hidden = move || view! { <input type="hidden" name="id" value=id.to_string()/><input type="hidden" name="version" value=version.to_string()/> };
    let acts = c.actions.clone();
    let has = move |a: ComplaintAction| acts.contains(&a);
    view! {
        <section class="card">
            <h1>{row.number.clone()} " " <span class="badge">{move || i18n.t(status_msg(s))}</span>
                {row.late.then(|| view! { " " <span class="badge danger">{move || i18n.t(Msg::ComplaintLate)}</span> })}
            </h1>
            <dl class="facts">
                <dt>{move || i18n.t(Msg::ComplaintAbout)}</dt>
                <dd>{match (row.request.clone(), c.request_title.clone()) {
                    (Some(n), t) => view! { <a href=domain::href::request(&n)>{n.clone()} " " {t.unwrap_or_default()}</a> }.into_any(),
                    _ => view! { {move || i18n.t(Msg::ComplaintAboutGeneral)} }.into_any(),
                }}</dd>
                <dt>{move || i18n.t(Msg::OrganizationLabel)}</dt>
                <dd>{row.organization.clone()} " · " {row.complainant.clone()}</dd>
                <dt>{move || i18n.t(Msg::ComplaintAckDue)}</dt>
                <dd>{at(row.ack_due_at)} " (" {row.tz.clone()} ")"</dd>
                <dt>{move || i18n.t(Msg::ComplaintAnswerDue)}</dt>
                <dd>{at(row.answer_due_at)}</dd>
                {c.supervisor.clone().map(|n| view! { <dt>{move || i18n.t(Msg::ComplaintSupervisor)}</dt><dd>{n}</dd> })}
            </dl>
            <p class="prewrap">{c.text.clone()}</p>
        </section>
        {c.answer.clone().map(|answer| view! {
            <section class="card">
                <h2>{move || i18n.t(Msg::ComplaintAnswer)}</h2>
                <p class="prewrap">{answer}</p>
                <h3>{move || i18n.t(Msg::ComplaintChanges)}</h3>
                <p class="prewrap">{c.changes.clone().unwrap_or_default()}</p>
                {c.findings.clone().map(|f| view! { <h3>{move || i18n.t(Msg::ComplaintFindings)}</h3><p class="prewrap">{f}</p> })}
            </section>
        })}
        <section class="card">
            <FormStatus error=error done=done success=Msg::ComplaintDone/>
            {has(ComplaintAction::Acknowledge).then(|| view! {
                <ActionForm action=action attr:class="inline">
                    {hidden()}
                    <input type="hidden" name="action" value="acknowledge"/>
                    <button type="submit">{move || i18n.t(action_msg(ComplaintAction::Acknowledge))}</button>
                </ActionForm>
            })}
            {has(ComplaintAction::Answer).then(|| view! {
                <ActionForm action=action attr:class="stack" attr:novalidate=true>
                    {hidden()}
                    <input type="hidden" name="action" value="answer"/>
                    <label for="c-findings">{move || i18n.t(Msg::ComplaintFindings)}</label>
                    <textarea id="c-findings" name="findings" rows="3"></textarea>
                    {field_error("findings")}
                    <label for="c-changes">{move || i18n.t(Msg::ComplaintChanges)}</label>
                    <textarea id="c-changes" name="changes" rows="3"></textarea>
                    {field_error("changes")}
                    <label for="c-answer">{move || i18n.t(Msg::ComplaintAnswer)}</label>
                    <textarea id="c-answer" name="answer" rows="4"></textarea>
                    {field_error("answer")}
                    <button type="submit">{move || i18n.t(action_msg(ComplaintAction::Answer))}</button>
                </ActionForm>
            })}
            {has(ComplaintAction::Accept).then(|| view! {
                <ActionForm action=action attr:class="inline">
                    {hidden()}
                    <input type="hidden" name="action" value="accept"/>
                    <button type="submit">{move || i18n.t(action_msg(ComplaintAction::Accept))}</button>
                </ActionForm>
            })}
            {has(ComplaintAction::Reject).then(|| view! {
                <ActionForm action=action attr:class="stack" attr:novalidate=true>
                    {hidden()}
                    <input type="hidden" name="action" value="reject"/>
                    <label for="c-reason">{move || i18n.t(Msg::ComplaintReason)}</label>
                    <textarea id="c-reason" name="reason" rows="3"></textarea>
                    {field_error("reason")}
                    <button type="submit" class="secondary">{move || i18n.t(action_msg(ComplaintAction::Reject))}</button>
                </ActionForm>
            })}
            <h2>{move || i18n.t(Msg::ComplaintHistory)}</h2>
            <ol class="timeline">
                {c.history.into_iter().map(|h| {
                    let what = step_msg(&h.action);
                    view! {
                        <li>
                            <strong>{move || i18n.t(what)}</strong> " · " {h.who} " · " {local(h.at, &row.tz)}
                            {(!h.note.is_empty()).then(|| view! { <p class="prewrap">{h.note}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
