//! The list: every customer organization with its contracts, each with where it stands.
use domain::{
    dates,
    sla::{contract::Standing, CoverageKind, Tier},
};
use leptos::prelude::*;

use crate::{
    api::contracts::{ContractSummary, OrgContracts},
    i18n::{use_i18n, Lang, Msg},
};

#[component]
pub(super) fn ContractList(orgs: Vec<OrgContracts>, can_edit: bool, selected: Option<i32>) -> impl IntoView {
    let i18n = use_i18n();
    if orgs.is_empty() {
        return view! { <p class="muted">{move || i18n.t(Msg::ContractsNoCustomers)}</p> }.into_any();
    }
    view! {
        <div class="contract-orgs">
            {orgs
                .into_iter()
                .map(|g| {
                    let none_in_force = !g.contracts.iter().any(|c| c.standing == Standing::InForce);
                    let new_href = domain::href::page_query(domain::Page::AdminContracts, &[("new", g.org_id.to_string())]);
                    view! {
                        <section class="card contract-org" data-org=g.org_id>
                            <div class="contract-org-head">
                                <h2>{g.org_name.clone()}</h2>
                                {(!g.active).then(|| view! { <span class="badge off">{move || i18n.t(Msg::Inactive)}</span> })}
                            </div>
                            {none_in_force.then(|| view! { <p class="hint contract-none">{move || i18n.t(Msg::ContractNoneInForce)}</p> })}
                            {if g.contracts.is_empty() {
                                view! { <p class="muted">{move || i18n.t(Msg::ContractNoContracts)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="contract-list">
                                        {g.contracts.into_iter().map(|c| {
                                            let current = selected == Some(c.id);
                                            view! { <ContractRow c=c can_edit=can_edit current=current/> }
                                        }).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                            {can_edit.then(|| view! { <p><a class="button-link" href=new_href>{move || i18n.t(Msg::ContractNew)}</a></p> })}
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

#[component]
fn ContractRow(c: ContractSummary, can_edit: bool, current: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = domain::href::page_query(domain::Page::AdminContracts, &[("contract", c.id.to_string())]);
    let (standing_class, standing_msg) = standing_badge(c.standing);
    let tier = c.tier;
    let coverage = c.coverage;
    let from = dates::format_date(c.valid_from);
    let until = c.valid_until.map(dates::format_date);
    view! {
        <li class="contract-row" data-contract=c.id>
            <div class="contract-row-main">
                <strong>{move || tier_short(i18n.lang.get(), tier)}</strong>
                <span class="badge soft">{move || i18n.t(coverage_msg(coverage))}</span>
                <span class=standing_class>{move || i18n.t(standing_msg)}</span>
            </div>
            <div class="contract-row-meta muted">
                <span>{c.tz.clone()}</span>
                <span>
                    {from} " – " {move || until.clone().unwrap_or_else(|| i18n.t(Msg::ContractOpenEnded).to_string())}
                </span>
            </div>
            <a href=href aria-current=current.then_some("true")>
                {move || i18n.t(if can_edit { Msg::ContractEdit } else { Msg::ContractView })}
                <span class="visually-hidden">" #" {c.id}</span>
            </a>
        </li>
    }
}

pub(super) fn standing_badge(s: Standing) -> (&'static str, Msg) {
    match s {
        Standing::InForce => ("badge ok", Msg::ContractInForce),
        Standing::Upcoming => ("badge", Msg::ContractUpcoming),
        Standing::NotInForce => ("badge off", Msg::ContractNotInForce),
    }
}

fn coverage_msg(c: CoverageKind) -> Msg {
    match c {
        CoverageKind::AllDay7x24 => Msg::Calendar7x24,
        CoverageKind::BusinessHours7x8 => Msg::Calendar7x8,
        CoverageKind::BusinessHours5x8 => Msg::Calendar5x8,
    }
}

fn tier_short(lang: Lang, t: Tier) -> String {
    Msg::ContractTierShort.text(lang).replace("{t}", &t.as_str().to_uppercase())
}
