//! The audit log of staff actions for managers and admins: who did what to what, and when,
//! newest first, filtered by person, action and service number; older pages by keyset.
use domain::Page;
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    api::staff::list_audit,
    components::guard::Guard,
    components::loaded::Loaded,
    i18n::{use_i18n, Msg},
};

#[component]
pub fn AuditPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        (get("actor"), get("action"), get("subject"), get("before"))
    });
    let page = Resource::new(move || filter.get(), |(a, act, s, b)| list_audit(a, act, s, b));
    view! {
        <Guard
            page=Page::AuditLog
            view=move |_| view! {
                <h1>{move || i18n.t(Msg::AuditTitle)}</h1>
                <Loaded resource=page let:p>
                    {{
                            let (actor, action, subject, _) = filter.get_untracked();
                            let next = p.next_before.map(|b| domain::href::audit(&[("actor", actor.as_str()), ("action", &action), ("subject", &subject), ("before", &b.to_string())]));
                            view! {
                                <Form method="GET" action="" attr:class="filters" attr:role="search">
                                    <label>{move || i18n.t(Msg::AuditWho)}
                                        <select name="actor">
                                            <option value="" selected=actor.is_empty()>{move || i18n.t(Msg::AnyStaff)}</option>
                                            {p.staff.iter().map(|(id, name)| view! { <option value=id.to_string() selected=actor == id.to_string()>{name.clone()}</option> }).collect_view()}
                                        </select>
                                    </label>
                                    <label>{move || i18n.t(Msg::AuditAction)}
                                        <input type="search" name="action" value=action.clone() placeholder="request."/>
                                    </label>
                                    <label>{move || i18n.t(Msg::AuditSubject)}
                                        <input type="search" name="subject" value=subject.clone() placeholder="SR-2026-000001"/>
                                    </label>
                                    <button type="submit" class="secondary">{move || i18n.t(Msg::Apply)}</button>
                                </Form>
                                // Focusable, so a keyboard can scroll it on a phone even when no row has a link.
                                <div class="table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::AuditTitle)>
                                    <table class="audit">
                                        <thead><tr>
                                            <th>{move || i18n.t(Msg::AuditWhen)}</th>
                                            <th>{move || i18n.t(Msg::AuditWho)}</th>
                                            <th>{move || i18n.t(Msg::AuditAction)}</th>
                                            <th>{move || i18n.t(Msg::AuditSubject)}</th>
                                            <th>{move || i18n.t(Msg::Details)}</th>
                                        </tr></thead>
                                        <tbody>
                                            {p.rows.into_iter().map(|r| {
                                                let subject_link = r.subject.starts_with("SR-").then(|| domain::href::request(&r.subject));
                                                view! {
                                                    <tr data-action=r.action.clone()>
                                                        <td><time datetime=r.at.to_rfc3339()>{r.at.format("%Y-%m-%d %H:%M:%S UTC").to_string()}</time></td>
                                                        <td>{r.actor.clone()} <span class="muted small">" (" {r.actor_role.clone()} ")"</span></td>
                                                        <td><code>{r.action.clone()}</code></td>
                                                        <td>{match subject_link { Some(href) => view! { <a href=href>{r.subject.clone()}</a> }.into_any(), None => view! { <span>{r.subject.clone()}</span> }.into_any() }}</td>
                                                        <td class="small mono">{r.detail.to_string()}</td>
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                {next.map(|href| view! { <nav class="pager"><a href=href rel="next">{move || i18n.t(Msg::Older)}</a></nav> })}
                            }.into_any()
                        }}
                </Loaded>
            }
        />
    }
}
