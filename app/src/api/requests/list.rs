use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{RequestFilter, RequestPage},
};

pub const PER_PAGE: u64 = 20;
/// The longest search text, in characters.
pub const SEARCH_MAX: usize = 200;

/// A page of the requests the caller may see: customers their own, site managers their
/// own or (scope `organization`) their organization's, staff all.
#[server(endpoint = "list_requests")]
pub async fn list_requests(filter: RequestFilter) -> Result<RequestPage, AppError> {
    use crate::model::RequestRow;
    use crate::ssr::{require, respond};
    use db::repo::requests::{list, ListQuery, Scope, Sort};
    use domain::{
        ticket::{RequestKind, Status},
        Role,
    };
    respond(async move {
        let (state, caller) = require().await?;
        let mut checked = crate::api::filters::Filters::default();
        let scope_word = checked.word("scope", &filter.scope, &["mine", "organization"]);
        let status_word = checked.opt("status", &filter.status, |s| match s {
            "all" | "open" => Some(s.to_string()),
            s => Status::parse(s).map(|s| s.as_str().to_string()),
        });
        let severity = checked.severity("severity", &filter.severity);
        let site_id = checked.id("site", &filter.site);
        let search = checked.text("q", &filter.q, SEARCH_MAX).map(str::to_string);
        let sort = match checked.word("sort", &filter.sort, &["newest", "oldest", "deadline"]) {
            "oldest" => Sort::Oldest,
            "deadline" => Sort::Deadline,
            _ => Sort::Newest,
        };
        checked.check()?;
        let scope = match caller.actor.role {
            Role::Customer => Scope::Requester(caller.user.id),
            Role::SiteManager if scope_word == "mine" => Scope::Requester(caller.user.id),
            Role::SiteManager => Scope::Organization(caller.org.id),
            _ => Scope::All,
        };
        let statuses = match status_word.as_deref() {
            None | Some("all") => vec![],
            Some("open") => Status::ALL.iter().filter(|s| s.is_open()).map(|s| s.as_str().to_string()).collect(),
            Some(s) => vec![s.to_string()],
        };
        let mut q = ListQuery { scope, statuses, severity, site_id, search, sort, page: filter.page, per_page: PER_PAGE, known_over_cap: false };
        q.known_over_cap = state.big_lists.known_over_cap(&q);
        let (rows, total) = list(&state.db.conn, &q).await?;
        state.big_lists.counted(&q, total);
        // Names for the rows, in one query.
        let user_ids: Vec<i32> = rows.iter().map(|r| r.requester_id).collect();
        let site_ids: Vec<i32> = rows.iter().map(|r| r.site_id).collect();
        let org_ids: Vec<i32> = rows.iter().map(|r| r.organization_id).collect();
        let names = db::repo::names::of(&state.db.conn, &user_ids, &site_ids, &org_ids).await?;
        let (users, sites, orgs) = (names.users, names.sites, names.organizations);
        let rows = rows
            .into_iter()
            .map(|r| RequestRow {
                id: r.id,
                status: Status::parse(&r.status).unwrap_or(Status::New),
                severity: r.severity as u8,
                kind: RequestKind::parse(&r.kind).unwrap_or(RequestKind::Fault),
                org_name: orgs.get(&r.organization_id).cloned().unwrap_or_default(),
                site_name: sites.get(&r.site_id).cloned().unwrap_or_default(),
                requester_name: users.get(&r.requester_id).map(|u| u.0.clone()).unwrap_or_default(),
                created_at: r.created_at,
                resolution_deadline: r.resolution_deadline,
                number: r.number,
                title: r.title,
            })
            .collect();
        let sites = if caller.actor.role.is_staff() {
            vec![]
        } else {
            db::repo::sites::list_by_org(&state.db.conn, caller.org.id)
                .await?
                .into_iter()
                .map(|s| crate::model::SiteChoice { id: s.id, name: s.name })
                .collect()
        };
        let cap = db::repo::requests::COUNT_CAP;
        Ok(RequestPage { rows, total: total.min(cap), more: total > cap, sites, page: filter.page.min(db::repo::requests::MAX_PAGE), per_page: PER_PAGE })
    })
    .await
}
