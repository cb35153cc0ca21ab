//! The one error type every server function returns. It crosses to the browser as JSON, and
//! every variant is something a user can be told: database and internal details are logged
//! on the server (`ssr::internal`) and never put in here.
use domain::FieldError;
use serde::{Deserialize, Serialize};
use server_fn::{codec::JsonEncoding, error::FromServerFnError, ServerFnError};
use server_fn::error::ServerFnErrorErr;

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
    /// A staff-work rule refused the step (an on-site stage out of order, a remote session
    /// not approved, ...); the code names which, for the message.
    #[error("not allowed now: {0}")]
    NotNow(String),
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
            AppError::BadCredentials => 401,
            AppError::RateLimited => 429,
            AppError::Conflict | AppError::Transition(_) | AppError::NotNow(_) => 409,
            AppError::Internal | AppError::Transport(_) => 500,
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
        AppError::Transport(value.to_string())
    }
}

impl From<ServerFnError> for AppError {
    fn from(value: ServerFnError) -> Self {
        AppError::Transport(value.to_string())
    }
}
