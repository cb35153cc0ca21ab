//! Training files as plain downloads: `GET /training/{id}/calendar.ics` (add to calendar, for
//! anyone who may see the session) and `GET /training/{id}/attendees.csv` (the attendee list,
//! for staff who organise training). Signed in from the session like the attachment download;
//! the checks are the server functions' own (`app::ssr::training`), so a customer of an
//! organization that is not invited gets 404 here too.
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use tower_sessions::Session;

use app::{error::AppError, ssr::AppState};

/// `GET /training/{id}/calendar.ics`.
pub async fn calendar(State(state): State<AppState>, session: Session, headers: HeaderMap, Path(id): Path<i32>) -> Response {
    let caller = match app::ssr::auth::caller_from_session(&state, &session).await {
        Ok(Some(c)) => c,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    // The UID's domain part: the host the portal is reached at (its port left out), so the
    // same session imported twice from the same portal is one calendar entry.
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(|h| h.rsplit_once(':').map_or(h, |(name, _)| name).to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "service-portal".to_string());
    match app::ssr::training::ics(&state, &caller, id, &host).await {
        Ok(body) => file(body, "text/calendar; charset=utf-8", &format!("training-{id}.ics")),
        Err(e) => refused(&e),
    }
}

/// `GET /training/{id}/attendees.csv`.
pub async fn attendees(State(state): State<AppState>, session: Session, Path(id): Path<i32>) -> Response {
    let caller = match app::ssr::auth::caller_from_session(&state, &session).await {
        Ok(Some(c)) => c,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    match app::ssr::training::attendees(&state, &caller, id).await {
        Ok((l, rows)) => {
            let body = domain::training::attendees_csv(&app::ssr::training::attendee_rows(&rows), l.tz());
            file(body, "text/csv; charset=utf-8", &format!("training-{id}-attendees.csv"))
        }
        Err(e) => refused(&e),
    }
}

/// Names and meeting links: not for shared caches.
fn file(body: String, content_type: &'static str, name: &str) -> Response {
    crate::download::attachment(body, content_type, name)
}

fn refused(e: &AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, e.to_string()).into_response()
}
