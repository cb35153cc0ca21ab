//! Attachment upload and download, as plain HTTP routes (multipart forms work without
//! JavaScript). Access follows the request: whoever may see it may read and add files.
use axum::{
    extract::{Multipart, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use app::ssr::AppState;

/// `POST /requests/{number}/attachments` with a `file` field; answers with a redirect back to
/// the request page, carrying `?upload=ok` or the reason it was refused.
pub async fn upload(State(state): State<AppState>, session: Session, Path(number): Path<String>, mut form: Multipart) -> Response {
    let caller = match app::ssr::auth::caller_from_session(&state, &session).await {
        Ok(Some(c)) => c,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Ok(r) = app::ssr::requests::load_visible(&state, &caller, &number).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let back = |outcome: &str| Redirect::to(&format!("/requests/{}?upload={outcome}", r.number)).into_response();
    let mut file = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = domain::attachment::clean_filename(field.file_name().unwrap_or(""));
                match field.bytes().await {
                    Ok(bytes) => file = Some((name, bytes)),
                    Err(_) => return back("too_large"),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return back("too_large"),
        }
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return back("empty");
    };
    if bytes.len() > domain::attachment::MAX_BYTES {
        return back("too_large");
    }
    let Some(content_type) = domain::attachment::sniff(&bytes) else {
        return back("bad_type");
    };
    let saved = async {
        let tx = state.db.begin_write().await?;
        let a = db::repo::attachments::insert(&*tx, r.id, caller.user.id, &name, content_type, bytes.to_vec()).await?;
        db::repo::request_events::insert(&*tx, r.id, Some(caller.user.id), "attachment", true, serde_json::json!({ "id": a.id, "filename": a.filename, "size": a.size })).await?;
        app::ssr::requests::publish(&*tx, &r).await.map_err(|_| db::DbErr::Custom("publish".into()))?;
        tx.commit().await?;
        Ok::<_, db::DbErr>(())
    }
    .await;
    match saved {
        Ok(()) => {
            state.live.notify_one();
            back("ok")
        }
        Err(e) => {
            tracing::error!(error = %e, "saving an attachment failed");
            back("failed")
        }
    }
}

/// `GET /attachments/{id}`: the file, as a download, to those who may see its request.
pub async fn download(State(state): State<AppState>, session: Session, Path(id): Path<i32>) -> Response {
    let caller = match app::ssr::auth::caller_from_session(&state, &session).await {
        Ok(Some(c)) => c,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let not_found = || StatusCode::NOT_FOUND.into_response();
    let Ok(Some(a)) = db::repo::attachments::find(&state.db.conn, id).await else { return not_found() };
    let Ok(Some(r)) = db::repo::requests::find(&state.db.conn, a.request_id).await else { return not_found() };
    if !caller.actor.can_see_request(r.organization_id, r.requester_id) {
        return not_found();
    }
    let Ok(Some(data)) = db::repo::attachments::data(&state.db.conn, id).await else { return not_found() };
    let encoded: String = a.filename.bytes().map(|b| if b.is_ascii_alphanumeric() || b"._-".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
    let mut res = data.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(&a.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename*=UTF-8''{encoded}")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=3600"));
    res
}
