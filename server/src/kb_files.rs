//! Knowledge-base images as plain requests:
//! - `POST /kb/{id}/images` (multipart `file`): a writer uploads an image to an article; the
//!   content decides the type (PNG, JPEG, GIF or WebP only), and the form page shows the
//!   Markdown line that places it.
//! - `GET /kb/images/{id}`: the image, for whoever may read its article (public ones without
//!   signing in; writers any), so an organization-only article's pictures stay its own.
use axum::{
    extract::{Multipart, Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

use app::ssr::AppState;
use domain::knowledge::{article::may_read, Reader};

pub async fn upload(State(state): State<AppState>, session: Session, Path(id): Path<i32>, mut form: Multipart) -> Response {
    let caller = match app::ssr::auth::caller_from_session(&state, &session).await {
        Ok(Some(c)) => c,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if !domain::knowledge::article::writes_articles(caller.actor.role) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let conn = &state.db.conn;
    match db::repo::kb_articles::find(conn, id).await {
        Ok(Some(_)) => {}
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
    let page = domain::href::article_edit(id);
    let back = |bad: &str| Redirect::to(&format!("{page}?bad={bad}")).into_response();
    let mut file = None;
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or("image").to_string();
                match field.bytes().await {
                    Ok(b) if b.len() > domain::attachment::MAX_BYTES => return back("file"),
                    Ok(b) => file = Some((name, b.to_vec())),
                    Err(_) => return back("file"),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return back("file"),
        }
    }
    let Some((name, data)) = file.filter(|(_, b)| !b.is_empty()) else { return back("file") };
    let Some(content_type) = domain::attachment::sniff(&data).filter(|t| t.starts_with("image/")) else { return back("file") };
    let filename = domain::attachment::stored_filename(&name, content_type);
    match db::repo::kb_usage::add_image(conn, id, &filename, content_type, data, caller.user.id).await {
        Ok(_) => Redirect::to(&page).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

pub async fn image(State(state): State<AppState>, session: Session, Path(id): Path<i32>) -> Response {
    let caller = match app::ssr::auth::caller_from_session(&state, &session).await {
        Ok(c) => c,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let conn = &state.db.conn;
    let img = match db::repo::kb_usage::image(conn, id).await {
        Ok(Some(i)) => i,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let writer = caller.as_ref().is_some_and(|c| domain::knowledge::article::writes_articles(c.actor.role));
    if !writer {
        let reader = Reader::of(caller.as_ref().map(|c| c.actor.role), caller.as_ref().map(|c| c.org.id).unwrap_or(0));
        let visible = match db::repo::kb_articles::find(conn, img.article_id).await {
            Ok(Some(a)) => match a.published_version {
                Some(n) => match db::repo::kb_articles::version(conn, a.id, n).await {
                    Ok(Some(v)) => db::repo::kb_articles::draft_of(&v).is_some_and(|d| may_read(d.visibility, &d.orgs, reader)),
                    Ok(None) => false,
                    Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
                },
                None => false,
            },
            Ok(None) => false,
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        };
        if !visible {
            return StatusCode::NOT_FOUND.into_response();
        }
    }
    let mut res = img.data.into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(domain::attachment::served_content_type(&img.content_type)) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=3600"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    res
}
