//! The staff side of a request page: triage, the on-site stages, activities and internal
//! notes, resolving with a fault report, escalation and emergency plans. Shown only to
//! staff; which parts show comes from the server's `WorkInfo`, which checks again on submit.
use domain::ticket::{ActivityChannel, EmergencyKind, RequestKind};
use leptos::prelude::*;

use super::{
    form::FormStatus,
    request_bits::{channel_msg, emergency_msg, plan_status_msg, stage_msg},
    work_actions::{error_of, succeeded, FieldErrors, WorkActions},
};
use crate::{
    i18n::{use_i18n, Msg},
    model::RequestDetail,
};

#[component]
pub fn WorkPanel(d: RequestDetail, actions: WorkActions) -> impl IntoView {
    let i18n = use_i18n();
    let w = d.work.clone();
    let number = d.number.clone();
    let tz = d.terms.calendar.tz;
    let fmt = move |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let can_resolve = w.can_work && d.kind == RequestKind::Fault && d.actions.contains(&domain::ticket::Action::Resolve);
    let open = d.status.is_open();
    view! {
        <section class="card work-panel" id="work">
            {w.can_triage.then(|| view! { <TriageForm d=d.clone() actions=actions/> })}
            {(w.stage.is_some() || !w.next_stages.is_empty()).then(|| {
                let number = number.clone();
                view! {
                    <h2>{move || i18n.t(Msg::StagesSection)}</h2>
                    {w.stage.map(|s| view! {
                        <p class="stage-now" data-stage=s.as_str()><strong>{move || i18n.t(stage_msg(s))}</strong> " · " {w.stage_at.map(fmt)}</p>
                    })}
                    {w.service_restored_at.map(|t| view! { <p class="muted small">{move || i18n.t(Msg::StageServiceRestored)} " · " {fmt(t)}</p> })}
                    <div class="actions stage-buttons">
                        {w.next_stages.iter().map(|s| {
                            let s = *s;
                            let number = number.clone();
                            view! {
                                <ActionForm action=actions.stage>
                                    <input type="hidden" name="number" value=number/>
                                    <input type="hidden" name="stage" value=s.as_str()/>
                                    <button type="submit" data-stage=s.as_str()>{move || i18n.t(stage_msg(s))}</button>
                                </ActionForm>
                            }
                        }).collect_view()}
                    </div>
                    <FormStatus error=error_of(actions.stage) done=succeeded(actions.stage) success=Msg::Updated/>
                }
            })}
            {(w.can_work && open).then(|| view! { <ActivityForm number=number.clone() actions=actions/> })}
            {(w.can_work && open && !w.stock.is_empty()).then(|| view! { <ReplacePartForm number=number.clone() stock=w.stock.clone() has_device=w.has_device actions=actions/> })}
            {can_resolve.then(|| view! { <ResolveForm number=number.clone() actions=actions/> })}
            <NoteForm number=number.clone() actions=actions/>
            {open.then(|| view! { <EscalateForm number=number.clone() actions=actions/> })}
            <EmergencyPlans d=d.clone() actions=actions/>
        </section>
    }
}

#[component]
fn TriageForm(d: RequestDetail, actions: WorkActions) -> impl IntoView {
    let i18n = use_i18n();
    let err = error_of(actions.triage);
    let fault = d.fault_kind.map(|f| f.as_str()).unwrap_or("");
    view! {
        <h2>{move || i18n.t(Msg::TriageSection)}</h2>
        <ActionForm action=actions.triage attr:class="stack compact" attr:id="triage-form">
            <input type="hidden" name="number" value=d.number.clone()/>
            <div class="row">
                <label>{move || i18n.t(Msg::ReqKind)}
                    <select name="kind">
                        <option value="fault" selected=d.kind == RequestKind::Fault>{move || i18n.t(Msg::KindFault)}</option>
                        <option value="consultation" selected=d.kind == RequestKind::Consultation>{move || i18n.t(Msg::KindConsultation)}</option>
                    </select>
                </label>
                <label>{move || i18n.t(Msg::ReqFaultKind)}
                    <select name="fault_kind">
                        <option value="software" selected=fault == "software">{move || i18n.t(Msg::FaultSoftware)}</option>
                        <option value="hardware" selected=fault == "hardware">{move || i18n.t(Msg::FaultHardware)}</option>
                        <option value="" selected=fault.is_empty()>{move || i18n.t(Msg::NotAFault)}</option>
                    </select>
                </label>
                <label>{move || i18n.t(Msg::Severity)}
                    <select name="severity">
                        {[1u8, 2, 3].into_iter().map(|l| view! { <option value=l.to_string() selected=l == d.severity>{l}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <FieldErrors error=err field="kind"/>
            <FieldErrors error=err field="fault_kind"/>
            <FieldErrors error=err field="severity"/>
            <input type="hidden" name="device_field" value="1"/>
            <label for="triage-device">{move || i18n.t(Msg::EqDeviceField)}</label>
            <input id="triage-device" name="device" list="triage-devices" autocomplete="off" value=d.work.device_value.clone()/>
            <datalist id="triage-devices">
                {d.work.device_choices.iter().map(|text| view! { <option value=text.clone()></option> }).collect_view()}
            </datalist>
            <FieldErrors error=err field="device"/>
            <label for="triage-reason">{move || i18n.t(Msg::SeverityReason)}</label>
            <input id="triage-reason" type="text" name="reason" maxlength="2000"/>
            <FieldErrors error=err field="reason"/>
            <FormStatus error=err done=succeeded(actions.triage) success=Msg::Updated/>
            <button type="submit">{move || i18n.t(Msg::SaveTriage)}</button>
        </ActionForm>
    }
}

#[component]
fn ActivityForm(number: String, actions: WorkActions) -> impl IntoView {
    let i18n = use_i18n();
    let err = error_of(actions.activity);
    view! {
        <h2>{move || i18n.t(Msg::ActivitySection)}</h2>
        <ActionForm action=actions.activity attr:class="stack compact" attr:id="activity-form">
            <input type="hidden" name="number" value=number/>
            <div class="row">
                <label>{move || i18n.t(Msg::IntakeChannel)}
                    <select name="channel">
                        {ActivityChannel::ALL.into_iter().map(|c| view! { <option value=c.as_str()>{move || i18n.t(channel_msg(c))}</option> }).collect_view()}
                    </select>
                </label>
                <label>{move || i18n.t(Msg::Minutes)}
                    <input type="number" name="minutes" min="1" max="1440" value="15" inputmode="numeric"/>
                </label>
                <label>{move || i18n.t(Msg::Visibility)}
                    <select name="visibility">
                        <option value="public">{move || i18n.t(Msg::VisibleCustomer)}</option>
                        <option value="internal">{move || i18n.t(Msg::VisibleStaff)}</option>
                    </select>
                </label>
            </div>
            <FieldErrors error=err field="channel"/>
            <FieldErrors error=err field="minutes"/>
            <label for="activity-text">{move || i18n.t(Msg::Details)}</label>
            <textarea id="activity-text" name="text" rows="2" required></textarea>
            <FieldErrors error=err field="text"/>
            <FormStatus error=err done=succeeded(actions.activity) success=Msg::Updated/>
            <button type="submit">{move || i18n.t(Msg::LogActivity)}</button>
        </ActionForm>
    }
}

/// A part fitted from stock: the stock goes down at once and the part joins the fault report.
#[component]
fn ReplacePartForm(number: String, stock: Vec<crate::model::StockChoice>, has_device: bool, actions: WorkActions) -> impl IntoView {
    let i18n = use_i18n();
    let err = error_of(actions.replace_part);
    view! {
        <h2>{move || i18n.t(Msg::ReplacePartSection)}</h2>
        <ActionForm action=actions.replace_part attr:class="stack compact" attr:id="replace-part-form">
            <input type="hidden" name="number" value=number/>
            <label for="rp-stock">{move || i18n.t(Msg::PartFromStock)}</label>
            <select id="rp-stock" name="stock_id">
                {stock.into_iter().map(|(id, label)| view! { <option value=id.to_string()>{label}</option> }).collect_view()}
            </select>
            <FieldErrors error=err field="stock_id"/>
            <div class="row">
                <label>{move || i18n.t(Msg::OldSerial)}
                    <input type="text" name="old_serial" maxlength="100"/>
                </label>
                <label>{move || i18n.t(Msg::NewSerial)}
                    <input type="text" name="new_serial" maxlength="100"/>
                </label>
            </div>
            <FieldErrors error=err field="old_serial"/>
            <FieldErrors error=err field="new_serial"/>
            {has_device.then(|| view! {
                <label class="check"><input type="checkbox" name="whole_device" value="on"/> {move || i18n.t(Msg::WholeDeviceSwap)}</label>
                <FieldErrors error=err field="whole_device"/>
            })}
            <FormStatus error=err done=succeeded(actions.replace_part) success=Msg::Updated/>
            <button type="submit">{move || i18n.t(Msg::ReplacePart)}</button>
        </ActionForm>
    }
}

#[component]
fn ResolveForm(number: String, actions: WorkActions) -> impl IntoView {
    let i18n = use_i18n();
    let err = error_of(actions.resolve);
    view! {
        <h2>{move || i18n.t(Msg::ResolveSection)}</h2>
        <ActionForm action=actions.resolve attr:class="stack compact" attr:id="resolve-form">
            <input type="hidden" name="number" value=number/>
            <label for="fr-cause">{move || i18n.t(Msg::Cause)}</label>
            <textarea id="fr-cause" name="cause" rows="2" required></textarea>
            <FieldErrors error=err field="cause"/>
            <label for="fr-action">{move || i18n.t(Msg::ActionTaken)}</label>
            <textarea id="fr-action" name="action_taken" rows="2" required></textarea>
            <FieldErrors error=err field="action_taken"/>
            <label for="fr-parts">{move || i18n.t(Msg::PartsReplaced)}</label>
            <textarea id="fr-parts" name="parts_replaced" rows="2"></textarea>
            <FieldErrors error=err field="parts_replaced"/>
            <FormStatus error=err done=succeeded(actions.resolve) success=Msg::Updated/>
            <button type="submit">{move || i18n.t(Msg::ResolveNow)}</button>
        </ActionForm>
    }
}

#[component]
fn NoteForm(number: String, actions: WorkActions) -> impl IntoView {
    let i18n = use_i18n();
    let err = error_of(actions.note);
    view! {
        <h2>{move || i18n.t(Msg::NoteSection)} " " <span class="badge internal-badge">{move || i18n.t(Msg::InternalOnly)}</span></h2>
        <ActionForm action=actions.note attr:class="stack compact" attr:id="note-form">
            <input type="hidden" name="number" value=number/>
            <label for="note-body" class="visually-hidden">{move || i18n.t(Msg::NoteSection)}</label>
            <textarea id="note-body" name="body" rows="2" required></textarea>
            <FieldErrors error=err field="body"/>
            <FormStatus error=err done=succeeded(actions.note) success=Msg::Updated/>
            <button type="submit" class="secondary">{move || i18n.t(Msg::AddNote)}</button>
        </ActionForm>
    }
}

#[component]
fn EscalateForm(number: String, actions: WorkActions) -> impl IntoView {
    let i18n = use_i18n();
    let err = error_of(actions.escalate);
    view! {
        <details class="work-more">
            <summary>{move || i18n.t(Msg::EscalateSection)}</summary>
            <ActionForm action=actions.escalate attr:class="stack compact" attr:id="escalate-form">
                <input type="hidden" name="number" value=number/>
                <label>{move || i18n.t(Msg::EscalateTo)}
                    <select name="target">
                        <option value="expert">{move || i18n.t(Msg::TargetExpert)}</option>
                        <option value="management">{move || i18n.t(Msg::TargetManagement)}</option>
                    </select>
                </label>
                <label for="esc-reason">{move || i18n.t(Msg::Reason)}</label>
                <input id="esc-reason" type="text" name="reason" maxlength="2000" required/>
                <FieldErrors error=err field="reason"/>
                <FormStatus error=err done=succeeded(actions.escalate) success=Msg::Updated/>
                <button type="submit" class="secondary">{move || i18n.t(Msg::EscalateNow)}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn EmergencyPlans(d: RequestDetail, actions: WorkActions) -> impl IntoView {
    let i18n = use_i18n();
    let err = error_of(actions.propose);
    let decide_err = error_of(actions.decide_plan);
    let number = d.number.clone();
    let can_authorise = d.work.can_authorise;
    let open = d.status.is_open();
    let tz = d.terms.calendar.tz;
    view! {
        <details class="work-more" open=!d.work.emergencies.is_empty()>
            <summary>{move || i18n.t(Msg::EmergencySection)}</summary>
            <ul class="emergency-plans">
                {d.work.emergencies.iter().map(|p| {
                    let (kind, status) = (emergency_msg(p.kind), plan_status_msg(p.status));
                    let waiting = p.status == domain::ticket::EmergencyStatus::Requested;
                    let (n1, n2) = (number.clone(), number.clone());
                    let (id1, id2) = (p.id.to_string(), p.id.to_string());
                    view! {
                        <li class=format!("plan plan-{}", p.status.as_str()) data-status=p.status.as_str()>
                            <p><strong>{move || i18n.t(kind)}</strong> " — " {move || i18n.t(status)}</p>
                            <p>{p.reason.clone()}</p>
                            <p class="muted small">{p.requested_by.clone()} " · " {p.requested_at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()}
                                {p.decided_by.clone().map(|who| view! { " · " {who} })}</p>
                            {(waiting && can_authorise).then(|| view! {
                                <div class="actions">
                                    <ActionForm action=actions.decide_plan>
                                        <input type="hidden" name="number" value=n1/>
                                        <input type="hidden" name="plan_id" value=id1/>
                                        <input type="hidden" name="decision" value="authorise"/>
                                        <button type="submit" data-plan="authorise">{move || i18n.t(Msg::Authorise)}</button>
                                    </ActionForm>
                                    <ActionForm action=actions.decide_plan>
                                        <input type="hidden" name="number" value=n2/>
                                        <input type="hidden" name="plan_id" value=id2/>
                                        <input type="hidden" name="decision" value="refuse"/>
                                        <button type="submit" class="secondary">{move || i18n.t(Msg::Refuse)}</button>
                                    </ActionForm>
                                </div>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <FormStatus error=decide_err done=Signal::derive(|| false) success=Msg::Updated/>
            {open.then(|| view! {
                <ActionForm action=actions.propose attr:class="stack compact" attr:id="emergency-form">
                    <input type="hidden" name="number" value=number.clone()/>
                    <label>{move || i18n.t(Msg::Kind)}
                        <select name="kind">
                            {EmergencyKind::ALL.into_iter().map(|k| view! { <option value=k.as_str()>{move || i18n.t(emergency_msg(k))}</option> }).collect_view()}
                        </select>
                    </label>
                    <label for="em-reason">{move || i18n.t(Msg::Reason)}</label>
                    <input id="em-reason" type="text" name="reason" maxlength="2000" required/>
                    <FieldErrors error=err field="reason"/>
                    <FormStatus error=err done=succeeded(actions.propose) success=Msg::Updated/>
                    <button type="submit" class="secondary">{move || i18n.t(Msg::ProposePlan)}</button>
                </ActionForm>
            })}
        </details>
    }
}

/// The fault report written at resolution, for everyone who sees the request.
#[component]
pub fn FaultReportView(report: domain::ticket::FaultReport) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card fault-report" id="fault-report">
            <h2>{move || i18n.t(Msg::FaultReportTitle)}</h2>
            <dl class="facts">
                <dt>{move || i18n.t(Msg::Cause)}</dt><dd>{report.cause.clone()}</dd>
                <dt>{move || i18n.t(Msg::ActionTaken)}</dt><dd>{report.action_taken.clone()}</dd>
                {(!report.parts_replaced.is_empty()).then(|| view! {
                    <dt>{move || i18n.t(Msg::PartsReplaced)}</dt>
                    <dd><ul>{report.parts_replaced.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul></dd>
                })}
            </dl>
        </section>
    }
}
