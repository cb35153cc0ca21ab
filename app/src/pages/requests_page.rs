//! "My requests" (customers), the organization's requests (site managers) and all requests
//! (staff), with search, filters, sorting and pages; refreshed live.
use domain::{ticket::Status, Page, Role};
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    api::requests::list_requests,
    components::loaded::Loaded,
    components::{
        guard::Guard,
        live::use_live,
        request_bits::{status_msg, SeverityBadge, StatusBadge},
    },
    i18n::{use_i18n, Msg},
    model::RequestFilter,
};

#[component]
pub fn RequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let live = use_live();
    let changes = live.version_of(domain::live::LiveKind::Request);
    let filter = Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        RequestFilter {
            scope: get("scope"),
            status: get("status"),
            severity: get("severity"),
            site: get("site"),
            q: get("q"),
            sort: get("sort"),
            page: get("page").parse().unwrap_or(0),
        }
    });
    let page = Resource::new(move || (filter.get(), changes.get()), |(f, _)| list_requests(f));
    view! {
        <Guard
            page=Page::Requests
            view=move |me| {
                let me = me.expect("guarded");
                let customer_side = !me.role.is_staff();
                let is_lead = me.role == Role::SiteManager;
                view! {
                    // The live feed refetches this page on any request event.
                    <div class="page-head" data-live="request">
                        <h1>{move || i18n.t(if me.role.is_staff() { Msg::AllRequestsTitle } else { Msg::MyRequestsTitle })}</h1>
                        {customer_side.then(|| view! { <a class="button" href=Page::NewRequest.pattern()>{move || i18n.t(Msg::NewRequest)}</a> })}
                    </div>
                    <Loaded resource=page let:p>
                        {{
                                // The filters live here, with the data: the site choices come
                                // with the page, and nothing outside a Suspense reads a resource.
                                let f = filter.get_untracked();
                                let sites = p.sites.clone();
                                let filters = view! {
                        <Form method="GET" action="" attr:class="filters" attr:role="search">
                            {is_lead.then(|| view! {
                                <label>
                                    {move || i18n.t(Msg::Scope)}
                                    <select name="scope">
                                        <option value="organization" selected=f.scope != "mine">{move || i18n.t(Msg::ScopeOrganization)}</option>
                                        <option value="mine" selected=f.scope == "mine">{move || i18n.t(Msg::ScopeMine)}</option>
                                    </select>
                                </label>
                            })}
                            <label>
                                {move || i18n.t(Msg::Search)}
                                <input type="search" name="q" value=f.q.clone() placeholder="SR-2026-000001"/>
                            </label>
                            <label>
                                {move || i18n.t(Msg::Status)}
                                <select name="status">
                                    <option value="" selected=f.status.is_empty()>{move || i18n.t(Msg::AnyStatus)}</option>
                                    <option value="open" selected=f.status == "open">{move || i18n.t(Msg::OpenStatuses)}</option>
                                    {Status::ALL
                                        .iter()
                                        .map(|s| {
                                            let s = *s;
                                            view! { <option value=s.as_str() selected=f.status == s.as_str()>{move || i18n.t(status_msg(s))}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </label>
                            <label>
                                {move || i18n.t(Msg::Severity)}
                                <select name="severity">
                                    <option value="" selected=f.severity.is_empty()>{move || i18n.t(Msg::AnySeverity)}</option>
                                    <option value="1" selected=f.severity == "1">{move || i18n.t(Msg::Sev1)}</option>
                                    <option value="2" selected=f.severity == "2">{move || i18n.t(Msg::Sev2)}</option>
                                    <option value="3" selected=f.severity == "3">{move || i18n.t(Msg::Sev3)}</option>
                                </select>
                            </label>
                            {customer_side.then(|| view! {
                                <label>
                                    {move || i18n.t(Msg::Site)}
                                    <select name="site">
                                        <option value="" selected=f.site.is_empty()>{move || i18n.t(Msg::AnySite)}</option>
                                        {sites.iter().map(|s| {
                                            let selected = f.site == s.id.to_string();
                                            view! { <option value=s.id.to_string() selected=selected>{s.name.clone()}</option> }
                                        }).collect_view()}
                                    </select>
                                </label>
                            })}
                            <label>
                                {move || i18n.t(Msg::SortBy)}
                                <select name="sort">
                                    <option value="newest" selected=f.sort.is_empty() || f.sort == "newest">{move || i18n.t(Msg::SortNewest)}</option>
                                    <option value="oldest" selected=f.sort == "oldest">{move || i18n.t(Msg::SortOldest)}</option>
                                    <option value="deadline" selected=f.sort == "deadline">{move || i18n.t(Msg::SortDeadline)}</option>
                                </select>
                            </label>
                            <button type="submit" class="secondary">{move || i18n.t(Msg::Apply)}</button>
                        </Form>
                                };
                                if p.rows.is_empty() {
                                    return view! { {filters} <p class="muted">{move || i18n.t(Msg::NoRequests)}</p> }.into_any();
                                }
                                let pages = p.total.div_ceil(p.per_page).clamp(1, 501);
                                let link = move |n: u64| {
                                    let f = filter.get_untracked();
                                    domain::href::requests(&[("scope", f.scope.as_str()), ("q", &f.q), ("status", &f.status), ("severity", &f.severity), ("site", &f.site), ("sort", &f.sort), ("page", &n.to_string())])
                                };
                                view! {
                                    {filters}
                                    <p class="muted small" aria-live="polite">{move || i18n.t(Msg::Found)} " " {p.total} {p.more.then_some("+")}</p>
                                    <ul class="request-list">
                                        {p.rows.into_iter().map(|r| view! {
                                            <li class="request-card" data-number=r.number.clone()>
                                                <a href=domain::href::request(&r.number)>
                                                    <span class="req-number">{r.number.clone()}</span>
                                                    <strong class="req-title">{r.title.clone()}</strong>
                                                </a>
                                                <div class="req-meta">
                                                    <StatusBadge status=r.status/>
                                                    <SeverityBadge level=r.severity/>
                                                    <span class="muted">{r.site_name.clone()}</span>
                                                    <span class="muted">{r.requester_name.clone()}</span>
                                                    <time class="muted" datetime=r.created_at.to_rfc3339()>{r.created_at.format("%Y-%m-%d %H:%M UTC").to_string()}</time>
                                                </div>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                    <nav class="pager" aria-label=move || i18n.t(Msg::Pages)>
                                        {(p.page > 0).then(|| view! { <a href=link(p.page - 1) rel="prev">{move || i18n.t(Msg::Previous)}</a> })}
                                        <span>{p.page + 1} " / " {pages}</span>
                                        {(p.page + 1 < pages).then(|| view! { <a href=link(p.page + 1) rel="next">{move || i18n.t(Msg::Next)}</a> })}
                                    </nav>
                                }.into_any()
                            }}
                    </Loaded>
                }
            }
        />
    }
}
