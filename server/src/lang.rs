//! `GET /lang/{code}?next=/path`: remembers the language in a cookie and goes back. This is
//! the language switch without JavaScript; the hydrated app sets the same cookie itself.
use axum::{
    extract::{Path, Query},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use domain::Page;
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
    if q.next.as_deref() == Some(Page::SignIn.pattern()) {
        next = Page::SignIn.pattern().into();
    }
    // safe_next gives ASCII without control characters; should that ever fail, go home
    // rather than panic.
    let location = HeaderValue::from_str(&next).unwrap_or(HeaderValue::from_static(Page::Home.pattern()));
    let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    let cookie = format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().insert(header::SET_COOKIE, v);
    }
    res
}
