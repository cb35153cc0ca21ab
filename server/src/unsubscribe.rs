//! RFC 8058 one-click unsubscribe: a mail client POSTs `List-Unsubscribe=One-Click` to the
//! address in the mail's List-Unsubscribe header, without a session. Only a POST: a GET of
//! this address (a scanner) changes nothing; the page at the address without `/one-click`
//! asks first.
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::IntoResponse,
};

pub async fn one_click(State(state): State<app::ssr::AppState>, Path(token): Path<String>) -> impl IntoResponse {
    match app::ssr::mail_prefs::unsubscribe(&state.db, token.trim()).await {
        Ok(()) => (StatusCode::OK, "Unsubscribed."),
        Err(app::error::AppError::NotFound) => (StatusCode::NOT_FOUND, "Unknown unsubscribe link."),
        Err(e) => {
            tracing::warn!(error = ?e, "one-click unsubscribe failed");
            (StatusCode::SERVICE_UNAVAILABLE, "Try again later.")
        }
    }
}
