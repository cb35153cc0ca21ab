//! The equipment archive: the devices of the caller's sites (staff: every site), searched by
//! serial, asset number, name, model or address and filtered by site, category, status and
//! warranty, a page at a time. A plain GET form: it works without JavaScript.
use domain::{
    equipment::{DeviceCategory, DeviceStatus, WarrantyFilter},
    Page,
};
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    api::equipment::list_devices,
    components::{
        equipment_bits::{category_msg, status_msg, WarrantyBadge},
        guard::Guard,
        loaded::Loaded,
    },
    i18n::{use_i18n, Msg},
};

/// The list's query, as the address has it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Query {
    q: String,
    site: String,
    category: String,
    status: String,
    warranty: String,
    page: u64,
}

impl Query {
    fn href(&self, page: u64) -> String {
        domain::href::page_query(
            Page::Equipment,
            &[
                ("q", self.q.as_str()),
                ("site", &self.site),
                ("category", &self.category),
                ("status", &self.status),
                ("warranty", &self.warranty),
                ("page", &page.to_string()),
            ],
        )
    }
}

#[component]
pub fn EquipmentPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        Query {
            q: get("q"),
            site: get("site"),
            category: get("category"),
            status: get("status"),
            warranty: get("warranty"),
            page: get("page").parse().unwrap_or(1),
        }
    });
    let list = Resource::new(move || filter.get(), |f| list_devices(f.q, f.site, f.category, f.status, f.warranty, f.page));
    view! {
        <Guard
            page=Page::Equipment
            view=move |_| view! {
                <div class="page-head">
                    <h1>{move || i18n.t(Msg::EqTitle)}</h1>
                </div>
                <Loaded resource=list let:p>
                    {{
                        let f = filter.get_untracked();
                        let opt = move |value: &'static str, label: Msg, selected: bool| {
                            view! { <option value=value selected=selected>{move || i18n.t(label)}</option> }
                        };
                        let site_links: Vec<(i32, String)> = p.sites.clone();
                        let filters = view! {
                            <Form method="GET" action="" attr:class="filters" attr:role="search">
                                <label>
                                    {move || i18n.t(Msg::EqSearch)}
                                    <input type="search" name="q" value=f.q.clone() placeholder=move || i18n.t(Msg::EqSearchHint)/>
                                </label>
                                <label>
                                    {move || i18n.t(Msg::EqSite)}
                                    <select name="site">
                                        <option value="" selected=f.site.is_empty()>{move || i18n.t(Msg::EqAllSites)}</option>
                                        {p.sites.iter().map(|(id, label)| {
                                            let selected = f.site == id.to_string();
                                            view! { <option value=id.to_string() selected=selected>{label.clone()}</option> }
                                        }).collect_view()}
                                    </select>
                                </label>
                                <label>
                                    {move || i18n.t(Msg::EqCategory)}
                                    <select name="category">
                                        {opt("", Msg::EqAnyCategory, f.category.is_empty())}
                                        {DeviceCategory::ALL.into_iter().map(|c| opt(c.as_str(), category_msg(c), f.category == c.as_str())).collect_view()}
                                    </select>
                                </label>
                                <label>
                                    {move || i18n.t(Msg::EqStatus)}
                                    <select name="status">
                                        {opt("", Msg::EqAnyStatus, f.status.is_empty())}
                                        {DeviceStatus::ALL.into_iter().map(|s| opt(s.as_str(), status_msg(s), f.status == s.as_str())).collect_view()}
                                    </select>
                                </label>
                                <label>
                                    {move || i18n.t(Msg::EqWarranty)}
                                    <select name="warranty">
                                        {opt("", Msg::EqAnyWarranty, f.warranty.is_empty())}
                                        {opt(WarrantyFilter::Expired.as_str(), Msg::EqWarrantyExpired, f.warranty == WarrantyFilter::Expired.as_str())}
                                        {opt(WarrantyFilter::EndingSoon.as_str(), Msg::EqWarrantyEndingSoon, f.warranty == WarrantyFilter::EndingSoon.as_str())}
                                    </select>
                                </label>
                                <button type="submit" class="secondary">{move || i18n.t(Msg::EqFilter)}</button>
                            </Form>
                        };
                        let add = p.can_add.then(|| view! {
                            <p class="actions">
                                <a class="button" href=Page::DeviceForm.pattern()>{move || i18n.t(Msg::EqAdd)}</a>
                                " "
                                <a href=Page::DeviceImport.pattern()>{move || i18n.t(Msg::EqImport)}</a>
                            </p>
                        });
                        // A download per organization (a customer has one): a file, not a page.
                        let downloads = view! {
                            <p class="actions small site-links">
                                {move || i18n.t(Msg::SiteProfileLink)} ": "
                                {site_links.into_iter().map(|(id, label)| view! { <a href=domain::href::site(id)>{label}</a> " " }).collect_view()}
                            </p>
                            <p class="actions small">
                                {p.organizations.iter().map(|(id, name)| {
                                    let label = if p.organizations.len() > 1 { format!(" ({name})") } else { String::new() };
                                    view! { <a href=domain::href::devices_csv(Some(*id)) download="devices.csv">{move || i18n.t(Msg::EqDownload)} {label.clone()}</a> " " }
                                }).collect_view()}
                            </p>
                        };
                        if p.rows.is_empty() {
                            return view! { {add} {filters} <p class="muted">{move || i18n.t(Msg::EqNone)}</p> {downloads} }.into_any();
                        }
                        let (page, pages, total) = (p.page, p.pages, p.total);
                        view! {
                            {add}
                            {filters}
                            <p class="muted small" aria-live="polite">{move || i18n.t(Msg::EqCount).replace("{n}", &total.to_string())}</p>
                            <ul class="device-list">
                                {p.rows.into_iter().map(|d| view! {
                                    <li class="device-card" data-device=d.id>
                                        <a href=domain::href::device(d.id)><strong>{d.name.clone()}</strong></a>
                                        <div class="req-meta">
                                            <span class="badge">{move || i18n.t(category_msg(d.category))}</span>
                                            <span class="badge">{move || i18n.t(status_msg(d.status))}</span>
                                            <WarrantyBadge w=d.warranty/>
                                        </div>
                                        <p class="muted small">
                                            {[d.vendor.clone(), d.model.clone(), d.serial.clone(), d.asset_number.clone(), d.ips.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}
                                        </p>
                                        <p class="muted small">{d.site.clone()}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                            {downloads}
                            {(pages > 1).then(|| {
                                let f = filter.get_untracked();
                                view! {
                                    <nav class="pager" aria-label=move || i18n.t(Msg::EqPageOf).replace("{p}", &page.to_string()).replace("{n}", &pages.to_string())>
                                        {(page > 1).then(|| view! { <a href=f.href(page - 1) rel="prev">{move || i18n.t(Msg::EqPrev)}</a> })}
                                        <span>{move || i18n.t(Msg::EqPageOf).replace("{p}", &page.to_string()).replace("{n}", &pages.to_string())}</span>
                                        {(page < pages).then(|| view! { <a href=f.href(page + 1) rel="next">{move || i18n.t(Msg::EqNext)}</a> })}
                                    </nav>
                                }
                            })}
                        }
                        .into_any()
                    }}
                </Loaded>
            }
        />
    }
}
