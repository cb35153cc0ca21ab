//! Attachment upload and download, as plain HTTP routes (multipart forms work without
//! JavaScript). Access follows the request: whoever may see it may read and add files.
//!
//! Names: a file is stored and served under `domain::attachment::stored_filename`, so text
//! is always `.txt` / `.log` / `.csv` (`fix.bat` becomes `fix.bat.txt`) and served as
//! `text/plain`, always as a download. Quotas: at most `MAX_FILES_PER_UPLOAD` files in one
//! upload (the body limit keeps it under 10 MB), and `DAILY_BYTES_PER_USER` /
//! `DAILY_FILES_PER_USER` per person in any 24 hours.
use axum::{
    extract::{Multipart, Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Json,
};
use domain::{
    attachment::{self as rules, DAILY_BYTES_PER_USER, DAILY_FILES_PER_USER, MAX_BYTES, MAX_FILES_PER_UPLOAD},
    ErrorCode,
};
use tower_sessions::Session;

use app::{error::AppError, ssr::AppState};

/// Why an upload was refused: the outcome put in the redirect (the request page says it in
/// the reader's language), and, for a caller asking for JSON, a status and the error.
struct Refused(&'static str, StatusCode, ErrorCode);

impl Refused {
    fn too_many() -> Self {
        Refused("too_many", StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::TooMany { max: MAX_FILES_PER_UPLOAD })
    }
    fn too_large() -> Self {
        Refused("too_large", StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::TooLong { max: MAX_BYTES })
    }
    fn quota() -> Self {
        Refused(
            "quota",
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::DailyUploadQuota { megabytes: DAILY_BYTES_PER_USER / (1024 * 1024), files: DAILY_FILES_PER_USER },
        )
    }
}

/// `POST /requests/{number}/attachments` with one or more `file` fields (at most
/// `MAX_FILES_PER_UPLOAD`); all are saved or none. Answers with a redirect back to the
/// request page carrying `?upload=ok`, `?upload=renamed` (saved, a name got `.txt`) or the
/// reason it was refused; a caller sending `Accept: application/json` gets a refusal as a
/// 4xx status with the error instead.
pub async fn upload(State(state): State<AppState>, session: Session, Path(number): Path<String>, headers: HeaderMap, mut form: Multipart) -> Response {
    let caller = match app::ssr::auth::caller_from_session(&state, &session).await {
        Ok(Some(c)) => c,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Ok(r) = app::ssr::requests::load_visible(&state, &caller, &number).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let wants_json = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("application/json"));
    let back = |outcome: &str| Redirect::to(&domain::href::request_upload_result(&r.number, outcome)).into_response();
    let refuse = |Refused(outcome, status, code): Refused| {
        if wants_json {
            (status, Json(AppError::field("file", code))).into_response()
        } else {
            back(outcome)
        }
    };
    let mut files = vec![];
    loop {
        match form.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let raw = field.file_name().unwrap_or("").to_string();
                match field.bytes().await {
                    // A form's file input with nothing chosen sends an empty part.
                    Ok(bytes) if bytes.is_empty() => {}
                    Ok(_) if files.len() == MAX_FILES_PER_UPLOAD => return refuse(Refused::too_many()),
                    Ok(bytes) => files.push((raw, bytes)),
                    Err(_) => return refuse(Refused::too_large()),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(_) => return refuse(Refused::too_large()),
        }
    }
    if files.is_empty() {
        return refuse(Refused("empty", StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Required));
    }
    let mut checked = vec![];
    let mut renamed = false;
    for (raw, bytes) in files {
        if bytes.len() > MAX_BYTES {
            return refuse(Refused::too_large());
        }
        let Some(content_type) = rules::sniff(&bytes) else {
            return refuse(Refused("bad_type", StatusCode::UNSUPPORTED_MEDIA_TYPE, ErrorCode::InvalidChoice));
        };
        let name = rules::stored_filename(&raw, content_type);
        renamed |= name != rules::clean_filename(&raw);
        checked.push((name, content_type, bytes));
    }
    let new_bytes: u64 = checked.iter().map(|(_, _, b)| b.len() as u64).sum();
    let new_files = checked.len() as u64;
    let saved = async {
        let tx = state.db.begin_write().await?;
        // Inside the write transaction, so concurrent uploads on SQLite cannot both pass.
        let since = chrono::Utc::now() - chrono::Duration::hours(24);
        let (bytes, count) = db::repo::attachments::uploaded_since(&*tx, caller.user.id, since).await?;
        if bytes + new_bytes > DAILY_BYTES_PER_USER || count + new_files > DAILY_FILES_PER_USER {
            return Ok(false);
        }
        for (name, content_type, data) in checked {
            let a = db::repo::attachments::insert(&*tx, r.id, caller.user.id, &name, content_type, data.to_vec()).await?;
            let line = domain::ticket::Line::Attachment { id: a.id, filename: a.filename.clone(), size: a.size };
            db::repo::request_events::insert(&*tx, r.id, Some(caller.user.id), &line, true).await?;
        }
        app::ssr::announce::publish(&*tx, &r).await.map_err(|_| db::DbErr::Custom("publish".into()))?;
        tx.commit().await?;
        Ok::<_, db::DbErr>(true)
    }
    .await;
    match saved {
        Ok(true) => back(if renamed { "renamed" } else { "ok" }),
        Ok(false) => {
            tracing::info!(user_id = caller.user.id, "upload refused: daily quota");
            refuse(Refused::quota())
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
    // Files saved before names were made safe get the same treatment on the way out.
    let content_type = rules::served_content_type(&a.content_type);
    let filename = rules::stored_filename(&a.filename, content_type);
    let mut res = data.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Some(v) = download_as(&filename) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox; default-src 'none'"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=3600"));
    res
}

/// `Content-Disposition` for a file saved under `filename` (any characters: the name goes
/// percent-encoded in UTF-8, RFC 6266), for every download the portal serves.
pub fn download_as(filename: &str) -> Option<HeaderValue> {
    let encoded: String =
        filename.bytes().map(|b| if b.is_ascii_alphanumeric() || b"._-".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
    HeaderValue::from_str(&format!("attachment; filename*=UTF-8''{encoded}")).ok()
}
