//! The on-site checklist as plain form posts, so it works with JavaScript off and from the
//! phone's offline queue alike (`app::components::checklist_sync`):
//! - `POST /inspections/{id}/answers` (form fields `a:<device>:<item>` and `n:<device>:<item>`):
//!   with `Accept: application/json` it answers 204, or the error as JSON with its status;
//!   otherwise it redirects back to the inspection (`?bad=<field>` when a value was refused).
//! - `POST /inspections/{id}/photos` (multipart: `device_id`, `item_key`, `file`).
//! - `GET /inspections/photos/{id}`: a photo, for whoever may see the inspection.
use axum::{
    extract::{Multipart, Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Form, Json,
};
use tower_sessions::Session;

use app::{
    error::AppError,
    ssr::{auth::Caller, inspections as insp, AppState},
};

async fn caller(state: &AppState, session: &Session) -> Result<Caller, Response> {
    match app::ssr::auth::caller_from_session(state, session).await {
        Ok(Some(c)) => Ok(c),
        Ok(None) => Err(StatusCode::UNAUTHORIZED.into_response()),
        Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    }
}

fn status_of(e: &AppError) -> StatusCode {
    StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The first field an error names (for the page's `?bad=`).
fn bad_field(e: &AppError) -> String {
    match e {
        AppError::Invalid(errors) => errors.first().map(|f| f.field.clone()).unwrap_or_default(),
        _ => "answers".into(),
    }
}

pub async fn answers(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i32>,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let caller = match caller(&state, &session).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let json = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("application/json"));
    let page = domain::href::inspection(id);
    match insp::save_answers(&state.db, &caller, id, &fields).await {
        Ok(_) if json => StatusCode::NO_CONTENT.into_response(),
        Ok(_) => Redirect::to(&format!("{page}#checklist")).into_response(),
        Err(e) if json => (status_of(&e), Json(e)).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::NotNow(_))) => {
            let q = domain::href::encode(&bad_field(&e));
            Redirect::to(&format!("{page}?bad={q}#checklist")).into_response()
        }
        Err(e) => status_of(&e).into_response(),
    }
}

pub async fn photo_upload(State(state): State<AppState>, session: Session, Path(id): Path<i32>, mut form: Multipart) -> Response {
    let caller = match caller(&state, &session).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let page = domain::href::inspection(id);
    let back = |bad: &str| Redirect::to(&format!("{page}?bad={bad}#checklist")).into_response();
    let (mut device, mut key, mut file) = (None, None, None);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("device_id") => device = field.text().await.ok().and_then(|t| t.trim().parse::<i32>().ok()),
                Some("item_key") => key = field.text().await.ok(),
                Some("file") => {
                    let name = field.file_name().unwrap_or("photo.jpg").to_string();
                    match field.bytes().await {
                        Ok(b) if b.len() > domain::attachment::MAX_BYTES => return back("file"),
                        Ok(b) => file = Some((name, b.to_vec())),
                        Err(_) => return back("file"),
                    }
                }
                _ => {}
            },
            Ok(None) => break,
            Err(_) => return back("file"),
        }
    }
    let (Some(device), Some(key), Some((name, data))) = (device, key, file.filter(|(_, b)| !b.is_empty())) else {
        return back("file");
    };
    match insp::save_photo(&state.db, &caller, id, device, &key, &name, data).await {
        Ok(()) => Redirect::to(&format!("{page}#checklist")).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::NotNow(_))) => back(&domain::href::encode(&bad_field(&e))),
        Err(e) => status_of(&e).into_response(),
    }
}

pub async fn photo(State(state): State<AppState>, session: Session, Path(id): Path<i32>) -> Response {
    let caller = match caller(&state, &session).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let conn = &state.db.conn;
    let p = match db::repo::inspections::find_photo(conn, id).await {
        Ok(Some(p)) => p,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if let Err(e) = insp::visible(conn, &caller.actor, p.inspection_id).await {
        return status_of(&e).into_response();
    }
    let mut res = p.data.into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(domain::attachment::served_content_type(&p.content_type)) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=3600"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    res
}
