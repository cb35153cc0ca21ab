//! The router and the pages agree: every route the Leptos router has is the pattern of a
//! `domain::Page`, and every pattern of every page is a route. The page guard, the menus and
//! the links all go by `Page`, so a route without a page would skip the guard, and a page
//! without a route would be a link to "not found".
use std::collections::BTreeSet;

use domain::Page;

/// `/training/:id/edit` and `/training/{id}/edit` alike as `/training/{id}/edit` (axum's form).
fn normalise(path: &str) -> String {
    let path = path.split('/').map(|s| if let Some(p) = s.strip_prefix(':') { format!("{{{p}}}") } else { s.to_string() }).collect::<Vec<_>>().join("/");
    if path.is_empty() {
        "/".to_string()
    } else {
        path
    }
}

#[tokio::test]
async fn every_route_is_a_page_and_every_page_a_route() {
    let routes: BTreeSet<String> = leptos_axum::generate_route_list(app::App).iter().map(|r| normalise(r.path())).collect();
    let pages: BTreeSet<String> = Page::ALL.iter().flat_map(|p| p.patterns()).map(|p| normalise(p)).collect();
    let without_page: Vec<_> = routes.difference(&pages).collect();
    let without_route: Vec<_> = pages.difference(&routes).collect();
    assert!(without_page.is_empty(), "routes in app.rs that no Page has as a pattern: {without_page:?}");
    assert!(without_route.is_empty(), "Page patterns with no route in app.rs: {without_route:?}");
    assert_eq!(routes.len(), 54, "{routes:?}");
}
