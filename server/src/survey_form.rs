//! A survey link answered as a plain HTML form post, for a phone without JavaScript: the same
//! rule as the JSON server function (`app::ssr::surveys::answer_by_link`), then a redirect
//! back to the link page, which thanks (`?answered=ok|low`) or shows the error with what was
//! sent (`?error=<AppError as JSON>&<the answers>`), so nothing typed is lost. Opening the
//! link (GET) still records nothing. The survey on a request's page and a training
//! session's feedback post the same way, signed in.
use app::error::AppError;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
    Form,
};
use tower_sessions::Session;

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

/// The survey form on a request's page, signed in (`POST /requests/{number}/survey`): the
/// same rule as `answer_survey`, then back to the page's survey with `?survey=thanks`, or
/// with `?survey_error=<AppError as JSON>` and what was sent (`sv.<key>=<value>`), so
/// nothing typed is lost.
pub async fn answer_signed_in(
    State(state): State<app::ssr::AppState>,
    session: Session,
    Path(number): Path<String>,
    Form(sent): Form<Vec<(String, String)>>,
) -> Response {
    let caller = match signed_in(&state, &session, &domain::href::request(&number)).await {
        Ok(c) => c,
        Err(res) => return res,
    };
    let outcome = app::ssr::surveys::answer_in_portal(&state, &caller, &number, sent.clone()).await;
    back(&domain::href::request(&number), "survey", outcome, sent)
}

/// Feedback on a training session (`POST /training/{id}/feedback`): as above, back to the
/// session's feedback with `?feedback=thanks` or `?feedback_error=`.
pub async fn training_feedback(
    State(state): State<app::ssr::AppState>,
    session: Session,
    Path(id): Path<i32>,
    Form(sent): Form<Vec<(String, String)>>,
) -> Response {
    let caller = match signed_in(&state, &session, &domain::href::training(id)).await {
        Ok(c) => c,
        Err(res) => return res,
    };
    let outcome = app::api::training::answer_feedback(&state, &caller, id, sent.clone()).await;
    back(&domain::href::training(id), "feedback", outcome, sent)
}

/// The caller, or the sign-in page that comes back to `page` (a session that ended while
/// the form was open; what was typed is kept by the browser's back button only).
async fn signed_in(state: &app::ssr::AppState, session: &Session, page: &str) -> Result<app::ssr::auth::Caller, Response> {
    match app::ssr::auth::caller_from_session(state, session).await {
        Ok(Some(c)) => Ok(c),
        Ok(None) => Err(Redirect::to(&domain::href::sign_in_next(page)).into_response()),
        Err(_) => Err((axum::http::StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()),
    }
}

/// The redirect back to `page`'s form (its id is `key`): `?<key>=thanks#<key>`, or the error
/// and the answers.
/// A request or session the caller may not see, or a survey that is not theirs, is a plain
/// 404 or 403 (the page has no form for them: only a forged post gets here).
fn back(page: &str, key: &str, outcome: Result<(), AppError>, sent: Vec<(String, String)>) -> Response {
    let pairs: Vec<(String, String)> = match outcome {
        Ok(()) => vec![(key.to_string(), "thanks".to_string())],
        Err(AppError::NotFound) => return (axum::http::StatusCode::NOT_FOUND, "not found").into_response(),
        Err(AppError::Forbidden) => return (axum::http::StatusCode::FORBIDDEN, "not allowed").into_response(),
        Err(e) => std::iter::once((format!("{key}_error"), serde_json::to_string(&e).unwrap_or_default()))
            .chain(sent.into_iter().map(|(k, v)| (format!("{}{k}", app::components::survey_form::GIVEN_PREFIX), v)))
            .collect(),
    };
    Redirect::to(&format!("{page}{}#{key}", domain::href::query(&pairs))).into_response()
}
