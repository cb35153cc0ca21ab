//! `GET /surveys/results.csv`: the satisfaction surveys behind the results page, one row per
//! survey, for spreadsheets. Signed in from the session like the attachment download; the
//! scope (role limits, filters, dates, record cap) is the page's own
//! (`app::api::surveys::load_results`), so the file never shows more than the page.
use std::collections::HashMap;

use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use tower_sessions::Session;

use app::{
    api::surveys::{load_results, request_numbers, ResultsData, RESULTS_TZ},
    model::ResultsFilter,
    ssr::AppState,
};

/// The header row (snake_case, like `domain::survey::SUMMARY_COLUMNS`).
const COLUMNS: [&str; 10] = ["request_number", "closed_on", "organization", "site", "engineer", "answered_at", "overall", "solved", "satisfied", "comment"];

pub async fn download(State(state): State<AppState>, session: Session, Query(query): Query<HashMap<String, String>>) -> Response {
    let caller = match app::ssr::auth::caller_from_session(&state, &session).await {
        Ok(Some(c)) => c,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    // Read field by field: a link may leave any filter out.
    let get = |k: &str| query.get(k).cloned().unwrap_or_default();
    let filter = ResultsFilter { org: get("org"), site: get("site"), engineer: get("engineer"), from: get("from"), until: get("until"), period: get("period") };
    let data = match load_results(&state, &caller, &filter).await {
        Ok(d) => d,
        Err(e) => return crate::download::refused(&e, "filter"),
    };
    let ids: Vec<i32> = data.surveys.iter().map(|s| s.request_id).collect();
    let numbers = match request_numbers(&state.db.conn, &ids).await {
        Ok(n) => n,
        Err(e) => {
            tracing::error!(error = %e, "reading service numbers for the survey export failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let body = domain::survey::to_csv(&rows(&data, &numbers));
    let today = chrono::Utc::now().with_timezone(&RESULTS_TZ).format("%Y-%m-%d");
    // Personal opinions about named people.
    crate::download::attachment(body, "text/csv; charset=utf-8", &format!("satisfaction-{today}.csv"))
}

/// The header, then one row per survey (newest closed first); dates in the provider's zone.
fn rows(d: &ResultsData, numbers: &HashMap<i32, String>) -> Vec<Vec<String>> {
    let name = |m: &HashMap<i32, String>, id: Option<i32>| id.and_then(|i| m.get(&i).cloned()).unwrap_or_default();
    let yes_no = |b: Option<bool>| b.map(|b| if b { "yes" } else { "no" }).unwrap_or_default().to_string();
    let mut rows = vec![COLUMNS.iter().map(|c| c.to_string()).collect()];
    rows.extend(d.surveys.iter().map(|s| {
        vec![
            numbers.get(&s.request_id).cloned().unwrap_or_default(),
            s.closed_at.with_timezone(&RESULTS_TZ).format("%Y-%m-%d").to_string(),
            name(&d.org_names, Some(s.organization_id)),
            name(&d.site_names, s.site_id),
            name(&d.user_names, s.engineer_id),
            s.first_answered_at.or(s.answered_at).map(|t| t.with_timezone(&RESULTS_TZ).format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default(),
            s.overall.map(|o| o.to_string()).unwrap_or_default(),
            yes_no(s.solved),
            // As the page counts it: the request's outcome over its follow-ups.
            yes_no(s.outcome_satisfied),
            s.comment.clone().unwrap_or_default(),
        ]
    }));
    rows
}
