//! `GET /lang/{code}?next=/path`: remembers the language in a cookie and goes back. This is
//! the language switch without JavaScript; the hydrated app sets the same cookie itself.
use axum::{
    extract::{Path, Query},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use app::{api::auth::safe_next, i18n::Lang};

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

pub async fn set_lang(Path(code): Path<String>, Query(q): Query<Next>) -> Response {
    let Some(lang) = Lang::parse(&code) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let mut next = safe_next(q.next.as_deref());
    if q.next.as_deref() == Some("/sign-in") {
        next = "/sign-in".into();
    }
    let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, next)]).into_response();
    let cookie = format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    res.headers_mut().insert(header::SET_COOKIE, HeaderValue::from_str(&cookie).expect("ascii cookie"));
    res
}
