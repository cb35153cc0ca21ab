//! Remote access on a request: the sessions with their plans, decisions and command logs
//! (the customer sees all of it), the customer's approve / refuse, and the engineer's ask,
//! withdraw and finish-with-log. Which buttons show comes from the server (`remote_actions`,
//! from the pure state machine); the server checks again on submit.
use domain::ticket::RemoteAction;
use leptos::prelude::*;

use super::{
    form::FormStatus,
    request_bits::remote_msg,
    work_actions::{error_of, succeeded, FieldErrors, WorkActions},
};
use crate::{
    i18n::{use_i18n, Msg},
    model::RequestDetail,
};

#[component]
pub fn RemoteCard(d: RequestDetail, actions: WorkActions) -> impl IntoView {
    let i18n = use_i18n();
    let tz = d.terms.calendar.tz;
    let can = |a: RemoteAction| d.work.remote_actions.contains(&a);
    let (ask, decide, withdraw, complete) = (can(RemoteAction::Request), can(RemoteAction::Approve), can(RemoteAction::Withdraw), can(RemoteAction::Complete));
    if d.work.remote.is_empty() && !ask {
        return ().into_any();
    }
    let number = d.number.clone();
    let fmt = move |t: chrono::DateTime<chrono::Utc>| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let ask_err = error_of(actions.remote_ask);
    let complete_err = error_of(actions.remote_complete);
    let decide_err = error_of(actions.remote_decide);
    view! {
        <section class="card remote-card" id="remote">
            <h2>{move || i18n.t(Msg::RemoteSection)}</h2>
            <ul class="remote-sessions">
                {d.work.remote.iter().rev().map(|s| {
                    let status = remote_msg(s.status);
                    view! {
                        <li class=format!("remote-session remote-{}", s.status.as_str()) data-status=s.status.as_str()>
                            <p><strong>{move || i18n.t(status)}</strong> " · " {s.requested_by.clone()} " · " {fmt(s.requested_at)}</p>
                            <p class="plan">{s.plan.clone()}</p>
                            {s.decided_by.clone().map(|who| view! { <p class="muted small">{who} " · " {s.decided_at.map(fmt)}</p> })}
                            {s.command_log.clone().map(|log| view! {
                                <details><summary>{move || i18n.t(Msg::CommandLog)}</summary><pre class="command-log">{log}</pre></details>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {decide.then(|| {
                let (n1, n2) = (number.clone(), number.clone());
                view! {
                    <div class="remote-decision" role="group" aria-label=move || i18n.t(Msg::RemoteAsk)>
                        <p><strong>{move || i18n.t(Msg::RemoteAsk)}</strong></p>
                        <div class="actions">
                            <ActionForm action=actions.remote_decide>
                                <input type="hidden" name="number" value=n1/>
                                <input type="hidden" name="decision" value="approve"/>
                                <button type="submit" data-remote="approve">{move || i18n.t(Msg::Approve)}</button>
                            </ActionForm>
                            <ActionForm action=actions.remote_decide>
                                <input type="hidden" name="number" value=n2/>
                                <input type="hidden" name="decision" value="refuse"/>
                                <button type="submit" class="secondary" data-remote="refuse">{move || i18n.t(Msg::Refuse)}</button>
                            </ActionForm>
                        </div>
                        <FormStatus error=decide_err done=succeeded(actions.remote_decide) success=Msg::Updated/>
                    </div>
                }
            })}
            {ask.then(|| {
                let number = number.clone();
                view! {
                    <ActionForm action=actions.remote_ask attr:class="stack" attr:id="remote-ask">
                        <input type="hidden" name="number" value=number/>
                        <label for="remote-plan">{move || i18n.t(Msg::RemotePlan)}</label>
                        <textarea id="remote-plan" name="plan" rows="3" required></textarea>
                        <FieldErrors error=ask_err field="plan"/>
                        <FormStatus error=ask_err done=succeeded(actions.remote_ask) success=Msg::Updated/>
                        <button type="submit">{move || i18n.t(Msg::AskRemote)}</button>
                    </ActionForm>
                }
            })}
            {complete.then(|| {
                let number = number.clone();
                view! {
                    <ActionForm action=actions.remote_complete attr:class="stack" attr:id="remote-complete">
                        <input type="hidden" name="number" value=number/>
                        <label for="remote-log">{move || i18n.t(Msg::CommandLog)}</label>
                        <textarea id="remote-log" name="command_log" rows="6" required class="mono"></textarea>
                        <FieldErrors error=complete_err field="command_log"/>
                        <label for="remote-minutes">{move || i18n.t(Msg::Minutes)}</label>
                        <input id="remote-minutes" type="number" name="minutes" min="1" max="1440" value="30" inputmode="numeric"/>
                        <FieldErrors error=complete_err field="minutes"/>
                        <FormStatus error=complete_err done=succeeded(actions.remote_complete) success=Msg::Updated/>
                        <button type="submit">{move || i18n.t(Msg::CompleteRemote)}</button>
                    </ActionForm>
                }
            })}
            {withdraw.then(|| view! {
                <ActionForm action=actions.remote_withdraw>
                    <input type="hidden" name="number" value=number.clone()/>
                    <button type="submit" class="secondary">{move || i18n.t(Msg::Withdraw)}</button>
                </ActionForm>
            })}
        </section>
    }
    .into_any()
}
