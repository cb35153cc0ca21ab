use std::{future::Future, sync::Arc};

use leptos::prelude::*;

use super::limiter::{KeyLimiter, SignInLimiter, TrustedProxies};
use crate::error::AppError;

/// What server functions need, injected by the server through Leptos context (never global).
#[derive(Clone)]
pub struct AppState {
    pub db: db::Db,
    pub limiter: Arc<SignInLimiter>,
    /// Password changes per user id (guessing the current password from a stolen session).
    pub password_limiter: Arc<KeyLimiter<i32>>,
    /// Whose `X-Forwarded-For` names the client (see `limiter::client_addr`).
    pub trusted_proxies: Arc<TrustedProxies>,
    /// A session ends this long after sign-in, however active (the idle limit is the cookie's).
    pub session_absolute: chrono::Duration,
    /// Request lists known to match more than the count cap (see `list_counts`).
    pub big_lists: Arc<super::list_counts::BigLists>,
    /// The highest live-event id this instance's pump has read (0 before its first read).
    /// Every page tells the browser where its live stream resumes (`Me::live_id`); an id the
    /// pump has read is never ahead of what the page shows, so it is a safe place to resume
    /// (a little behind only means an event or two heard again), and it saves a query per page.
    pub live_head: Arc<std::sync::atomic::AtomicI32>,
    /// Where links in mails point (`PORTAL_PUBLIC_URL`, no trailing slash).
    pub public_url: Arc<str>,
    /// This instance's search index of the published knowledge-base articles.
    pub kb: Arc<super::knowledge::KbIndex>,
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| internal("AppState missing from context"))
}

/// Logs the real cause and gives the caller only "internal error".
pub fn internal(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "internal error in a server function");
    AppError::Internal
}

impl From<db::DbErr> for AppError {
    fn from(e: db::DbErr) -> Self {
        internal(e)
    }
}

/// Runs a server function's body and answers failures with their HTTP status.
pub async fn respond<T>(body: impl Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
    let result = body.await;
    // A plain HTML form post (no JavaScript) must stay a redirect back to the form, which
    // Leptos makes with the error in the URL; only script clients get the error status.
    // And a server function called while rendering a page must not set the page's status.
    let parts = use_context::<http::request::Parts>();
    let plain_form =
        parts.as_ref().and_then(|p| p.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html"))).unwrap_or(false);
    let api_call = parts.as_ref().is_some_and(|p| p.uri.path().starts_with("/api/"));
    if let (Err(e), false, true) = (&result, plain_form, api_call) {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(http::StatusCode::from_u16(e.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR));
        }
    }
    result
}
