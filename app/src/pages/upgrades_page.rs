//! Upgrade and patch plans (`/upgrades`): the newest plans the caller may see (customers:
//! their organization's), updating live as they are proposed, decided and carried out.
use domain::Page;
use leptos::prelude::*;

use crate::{
    api::upgrades::list_upgrade_plans,
    components::{guard::Guard, live::use_live, loaded::Loaded, upgrade_bits::plan_status_msg},
    i18n::{use_i18n, Msg},
};

#[component]
pub fn UpgradesPage() -> impl IntoView {
    let i18n = use_i18n();
    let changes = use_live().version_of(domain::live::LiveKind::Upgrade);
    let list = Resource::new(move || changes.get(), |_| list_upgrade_plans());
    view! {
        <Guard
            page=Page::Upgrades
            view=move |_| view! {
                <div class="page-head" data-live="upgrade">
                    <h1>{move || i18n.t(Msg::UpTitle)}</h1>
                </div>
                <Loaded resource=list let:l>
                    {l.can_propose.then(|| view! { <p class="muted small">{move || i18n.t(Msg::UpHowToPropose)}</p> })}
                    {if l.rows.is_empty() {
                        view! { <p class="muted">{move || i18n.t(Msg::UpNone)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="plan-list">
                                {l.rows.into_iter().map(|p| {
                                    let s = p.status;
                                    view! {
                                        <li class="card plan-card" data-status=s.as_str()>
                                            <a href=domain::href::upgrade(p.id)><strong>{p.title}</strong></a>
                                            " " <span class="badge">{move || i18n.t(plan_status_msg(s))}</span>
                                            <p class="muted small">{p.organization} " · " {p.target_version} " · " {p.window}</p>
                                        </li>
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
