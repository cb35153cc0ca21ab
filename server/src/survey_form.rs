//! A survey link answered as a plain HTML form post, for a phone without JavaScript: the same
//! rule as the JSON server function (`app::ssr::surveys::answer_by_link`), then a redirect
//! back to the link page, which thanks (`?answered=ok|low`) or shows the error with what was
//! sent (`?error=<AppError as JSON>&<the answers>`), so nothing typed is lost. Opening the
//! link (GET) still records nothing.
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
    Form,
};

pub async fn answer(State(state): State<app::ssr::AppState>, Path(token): Path<String>, Form(sent): Form<Vec<(String, String)>>) -> Response {
    // Only a well-formed token goes back into a Location header.
    if domain::survey::parse_token(&token).is_none() {
        return (axum::http::StatusCode::NOT_FOUND, "unknown survey link").into_response();
    }
    match app::ssr::surveys::answer_by_link(&state, &token, sent.clone()).await {
        Ok(satisfied) => {
            Redirect::to(&format!("{}{}", domain::href::survey_link(&token), domain::href::query(&[("answered", if satisfied { "ok" } else { "low" })])))
                .into_response()
        }
        Err(e) => {
            let mut back = vec![("error".to_string(), serde_json::to_string(&e).unwrap_or_default())];
            back.extend(sent);
            Redirect::to(&format!("{}{}", domain::href::survey_link(&token), domain::href::query(&back))).into_response()
        }
    }
}
