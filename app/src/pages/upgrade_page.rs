//! One upgrade plan (`/upgrades/:id`): what will be done to which devices, when, and how it is
//! undone; the site manager approves or refuses this revision; staff record each device's
//! result. Both sides see the other's step live (`data-live="upgrade"`).
use domain::{
    equipment::upgrade::{PlanAction, PlanStatus},
    Page,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::upgrades::{get_upgrade_plan, DecideUpgradePlan, RecordUpgradeResult, WithdrawUpgradePlan},
    components::{
        form::FormStatus,
        guard::Guard,
        live::use_live,
        loaded::Loaded,
        upgrade_bits::{event_text, plan_status_msg, result_msg},
    },
    i18n::{use_i18n, Msg},
    model::PlanDetail,
};

#[derive(Clone, Copy)]
struct Actions {
    decide: ServerAction<DecideUpgradePlan>,
    refuse: ServerAction<DecideUpgradePlan>,
    record: ServerAction<RecordUpgradeResult>,
    withdraw: ServerAction<WithdrawUpgradePlan>,
}

#[component]
pub fn UpgradePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let a = Actions { decide: ServerAction::new(), refuse: ServerAction::new(), record: ServerAction::new(), withdraw: ServerAction::new() };
    let changes = use_live().version_of(domain::live::LiveKind::Upgrade);
    let versions = (a.decide.version(), a.refuse.version(), a.record.version(), a.withdraw.version());
    let plan = Resource::new(
        move || {
            let (d, r, c, w) = versions;
            (id.get(), changes.get(), [d, r, c, w].map(|v| v.try_get().unwrap_or(0)))
        },
        |(id, ..)| get_upgrade_plan(id),
    );
    view! {
        <Guard
            page=Page::UpgradeDetail
            view=move |_| view! {
                <p><a href=Page::Upgrades.pattern()>"← " {move || i18n.t(Msg::UpTitle)}</a></p>
                <Loaded resource=plan suspense=true error=crate::components::equipment_bits::refused let:p>
                    <Detail p=p a=a/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Detail(p: PlanDetail, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let s = p.status;
    let can = |x: PlanAction| p.actions.contains(&x);
    let approved_this = p.approved_revision == Some(p.revision);
    let devices = p.devices.clone();
    let device_name =
        move |id: i32| devices.iter().find(|d| d.device_id == id).map(|d| format!("{} ({})", d.name, d.serial)).unwrap_or_else(|| format!("#{id}"));
    let record = can(PlanAction::Record) && approved_this;
    view! {
        <div class="page-head" data-live="upgrade">
            <h1>{p.title.clone()}</h1>
            <p>
                <span class="badge plan-status" data-status=s.as_str()>{move || i18n.t(plan_status_msg(s))}</span>
                " " <span class="muted small">{move || i18n.t(Msg::UpRevision).replace("{n}", &p.revision.to_string())}</span>
            </p>
        </div>
        <section class="card stack">
            <dl class="facts">
                <dt>{move || i18n.t(Msg::UpOrganization)}</dt><dd>{p.organization.clone()}</dd>
                <dt>{move || i18n.t(Msg::UpTarget)}</dt><dd class="plan-target">{p.target_version.clone()}</dd>
                <dt>{move || i18n.t(Msg::UpWindow)}</dt><dd>{format!("{} – {} ({})", p.window_start, p.window_end, p.tz)}</dd>
                <dt>{move || i18n.t(Msg::UpProposedBy)}</dt><dd>{p.proposed_by.clone()}</dd>
            </dl>
            <h2>{move || i18n.t(Msg::UpSteps)}</h2>
            <p class="pre">{p.steps.clone()}</p>
            <h2>{move || i18n.t(Msg::UpRollback)}</h2>
            <p class="pre">{p.rollback.clone()}</p>
            <h2>{move || i18n.t(Msg::UpImpact)}</h2>
            <p class="pre">{p.impact.clone()}</p>
            {(!p.decision_note.is_empty()).then(|| view! { <p class="error">{move || i18n.t(Msg::UpRefusedBecause)} " " {p.decision_note.clone()}</p> })}
        </section>
        <section class="card">
            <h2>{move || i18n.t(Msg::UpDevices)}</h2>
            <ul class="plan-devices">
                {p.devices.clone().into_iter().map(|d| {
                    let id = p.id;
                    let err = Signal::derive(move || a.record.value().get().and_then(|r| r.err()));
                    view! {
                        <li data-device=d.device_id>
                            <a href=domain::href::device(d.device_id)>{d.name.clone()}</a> " · " {d.serial.clone()}
                            <span class="muted small">" · " {d.from_version.clone()} " → " {p.target_version.clone()} " · " {move || i18n.t(Msg::UpNow)} " " {d.current_version.clone()}</span>
                            {d.result.map(|r| view! {
                                " " <span class="badge plan-result" data-result=r.as_str()>{move || i18n.t(result_msg(r))}</span>
                                <span class="muted small">" " {d.result_by.clone().unwrap_or_default()} " · " {d.result_at.clone().unwrap_or_default()}</span>
                                {(!d.note.is_empty()).then(|| view! { <p class="small">{d.note.clone()}</p> })}
                            })}
                            {(record && d.result.is_none()).then(|| view! {
                                <ActionForm action=a.record attr:class="row compact record-form">
                                    <input type="hidden" name="id" value=id/>
                                    <input type="hidden" name="device_id" value=d.device_id/>
                                    <label>{move || i18n.t(Msg::UpResult)}
                                        <select name="result">
                                            <option value="succeeded">{move || i18n.t(Msg::UpSucceeded)}</option>
                                            <option value="rolled_back">{move || i18n.t(Msg::UpRolledBack)}</option>
                                        </select>
                                    </label>
                                    <label>{move || i18n.t(Msg::UpNote)} <input type="text" name="note" maxlength="2000"/></label>
                                    <button type="submit">{move || i18n.t(Msg::UpRecord)}</button>
                                    <FormStatus error=err done=Signal::derive(|| false) success=Msg::Updated/>
                                </ActionForm>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        {(can(PlanAction::Approve) || can(PlanAction::Refuse)).then(|| view! { <Decide p=p.clone() a=a/> })}
        {(can(PlanAction::Edit) || can(PlanAction::Withdraw)).then(|| {
            let err = Signal::derive(move || a.withdraw.value().get().and_then(|r| r.err()));
            let id = p.id;
            view! {
                <section class="card actions">
                    {can(PlanAction::Edit).then(|| view! { <a class="button" href=domain::href::upgrade_edit(id)>{move || i18n.t(Msg::UpEdit)}</a> })}
                    {can(PlanAction::Withdraw).then(|| view! {
                        <ActionForm action=a.withdraw attr:class="inline">
                            <input type="hidden" name="id" value=id/>
                            <button type="submit" class="secondary">{move || i18n.t(Msg::UpWithdraw)}</button>
                        </ActionForm>
                    })}
                    <FormStatus error=err done=Signal::derive(|| false) success=Msg::Updated/>
                    {(s == PlanStatus::Approved && !approved_this).then(|| view! { <p class="error">{move || i18n.t(Msg::ErrUpgradeNotNow)}</p> })}
                </section>
            }
        })}
        <section class="card">
            <h2>{move || i18n.t(Msg::UpHistory)}</h2>
            <ul class="plan-history">
                {p.history.into_iter().map(|h| {
                    let name = device_name.clone();
                    let e = h.event.clone();
                    let text = move || event_text(&e, &name, i18n.lang.get());
                    view! { <li data-event=h.event.name()><span>{text}</span> " " <span class="muted small">{h.who} " · " {h.at} " · r" {h.revision}</span></li> }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The site manager's decision on this revision.
#[component]
fn Decide(p: PlanDetail, a: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let approve_err = Signal::derive(move || a.decide.value().get().and_then(|r| r.err()));
    let refuse_err = Signal::derive(move || a.refuse.value().get().and_then(|r| r.err()));
    view! {
        <section class="card stack decide">
            <h2>{move || i18n.t(Msg::UpDecide)}</h2>
            <p class="muted small">{move || i18n.t(Msg::UpDecideHint).replace("{n}", &p.revision.to_string())}</p>
            <ActionForm action=a.decide attr:id="approve-form">
                <input type="hidden" name="id" value=p.id/>
                <input type="hidden" name="revision" value=p.revision/>
                <input type="hidden" name="decision" value="approve"/>
                <button type="submit" class="big">{move || i18n.t(Msg::UpApprove)}</button>
                <FormStatus error=approve_err done=Signal::derive(|| false) success=Msg::Updated/>
            </ActionForm>
            <ActionForm action=a.refuse attr:class="stack compact" attr:id="refuse-form">
                <input type="hidden" name="id" value=p.id/>
                <input type="hidden" name="revision" value=p.revision/>
                <input type="hidden" name="decision" value="refuse"/>
                <label for="refuse-note">{move || i18n.t(Msg::UpRefuseReason)}</label>
                <textarea id="refuse-note" name="note" rows="2" maxlength="2000"></textarea>
                <crate::components::form::Messages name="note" error=refuse_err/>
                <button type="submit" class="secondary">{move || i18n.t(Msg::UpRefuse)}</button>
                <FormStatus error=refuse_err done=Signal::derive(|| false) success=Msg::Updated/>
            </ActionForm>
        </section>
    }
}
