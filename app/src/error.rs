//! The one error type every server function returns. It crosses to the browser as JSON, and
//! every variant is something a user can be told: database and internal details are logged
//! on the server (`ssr::internal`) and never put in here.
use domain::FieldError;
use serde::{Deserialize, Serialize};
use server_fn::error::ServerFnErrorErr;
use server_fn::{codec::JsonEncoding, error::FromServerFnError, ServerFnError};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("sign-in required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("wrong e-mail or password")]
    BadCredentials,
    #[error("too many attempts")]
    RateLimited,
    /// Someone else changed the same thing first; nothing was saved.
    #[error("conflict")]
    Conflict,
    /// The request's state machine refused the step.
    #[error("not allowed now")]
    Transition(domain::ticket::TransitionError),
    /// A rule refused a well-formed step (an on-site stage out of order, a survey link already
    /// used, ...); which one is a closed list, each with its sentence.
    #[error("not allowed now: {0:?}")]
    NotNow(domain::Refusal),
    /// The call itself was malformed (an argument missing, or not of its type): not a form
    /// the user filled in wrongly (that is `Invalid`) but a client that sent what no page
    /// sends. The message says which argument, in plain English.
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("internal error")]
    Internal,
    /// The request never got a proper answer (network down, server restarting).
    #[error("transport: {0}")]
    Transport(String),
}

impl AppError {
    pub fn field(field: &str, code: domain::ErrorCode) -> Self {
        AppError::Invalid(vec![FieldError::new(field, code)])
    }

    /// The HTTP status the server answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) => 422,
            AppError::BadRequest(_) => 400,
            AppError::BadCredentials => 401,
            AppError::RateLimited => 429,
            AppError::Conflict | AppError::Transition(_) | AppError::NotNow(_) => 409,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// A domain rule's "no": a refusal to explain (409), or `Forbidden` when the step is not
    /// the caller's to take, `NotFound` when the thing is not theirs to know of.
    pub fn denied(e: impl Into<domain::Denied>) -> Self {
        match e.into() {
            domain::Denied::Refused(r) => AppError::NotNow(r),
            domain::Denied::NotYours => AppError::Forbidden,
            domain::Denied::Unknown => AppError::NotFound,
        }
    }

    /// The errors for one form field, if any.
    pub fn for_field(&self, field: &str) -> Vec<FieldError> {
        match self {
            AppError::Invalid(list) => list.iter().filter(|e| e.field == field).cloned().collect(),
            _ => vec![],
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        if let Some(e) = client_error(&value) {
            return e;
        }
        AppError::Transport(value.to_string())
    }
}

impl From<ServerFnError> for AppError {
    fn from(value: ServerFnError) -> Self {
        AppError::Transport(value.to_string())
    }
}

/// On the server, the errors that mean the caller sent something wrong (an argument missing
/// or not of its type, a body that cannot be read): `BadRequest` with status 400, logged as
/// the client's mistake, not ours. A plain HTML form post keeps Leptos's redirect back.
#[cfg(feature = "ssr")]
fn client_error(value: &ServerFnErrorErr) -> Option<AppError> {
    use leptos::prelude::use_context;
    match value {
        ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) | ServerFnErrorErr::Request(_) => {}
        _ => return None,
    }
    let mut message: String = value.to_string().chars().filter(|c| !c.is_control()).take(300).collect();
    if message.is_empty() {
        message = "malformed request".into();
    }
    let parts = use_context::<http::request::Parts>();
    let path = parts.as_ref().map(|p| p.uri.path().to_string()).unwrap_or_default();
    tracing::info!(%path, error = %message, "malformed server function call (client error)");
    let plain_form =
        parts.as_ref().and_then(|p| p.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html"))).unwrap_or(false);
    if !plain_form {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(http::StatusCode::BAD_REQUEST);
        }
    }
    Some(AppError::BadRequest(message))
}

/// For a page showing one thing by the id in its path: while the server renders it, answer
/// 404 when that thing is not found (or not the caller's to see), as the view says.
pub fn not_found_status(e: &AppError) {
    #[cfg(feature = "ssr")]
    if *e == AppError::NotFound {
        if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(http::StatusCode::NOT_FOUND);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = e;
}

/// The mapping is the server's (`cargo test -p app --lib --features ssr`).
#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn malformed_calls_are_bad_requests_with_status_400() {
        for e in [
            ServerFnErrorErr::Args("missing field `filter`".into()),
            ServerFnErrorErr::MissingArg("filter".into()),
            ServerFnErrorErr::Deserialization("expected value".into()),
        ] {
            let got = AppError::from_server_fn_error(e);
            assert!(matches!(&got, AppError::BadRequest(m) if !m.is_empty()), "{got:?}");
            assert_eq!(got.status(), 400);
        }
        assert_eq!(AppError::from_server_fn_error(ServerFnErrorErr::ServerError("x".into())).status(), 500);
    }
}
