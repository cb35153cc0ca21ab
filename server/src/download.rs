//! The answer of a file download (CSV, spreadsheet, calendar): its type, its file name, and
//! never kept by a shared cache (every export here holds people's names or opinions); and a
//! refused export as plain text with the error's status.
use axum::{
    body::Body,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

use app::error::AppError;

pub fn attachment(body: impl Into<Body>, content_type: &'static str, name: &str) -> Response {
    let mut res = Response::new(body.into());
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}

/// A refusal with the error's status; bad input names its fields (`invalid {what}: day`).
pub fn refused(e: &AppError, what: &str) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = match e {
        AppError::Invalid(fields) => {
            let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
            format!("invalid {what}: {}", names.join(", "))
        }
        other => other.to_string(),
    };
    (status, text).into_response()
}
