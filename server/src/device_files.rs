//! The equipment archive as files: `GET /equipment/devices.csv` (an organization's devices,
//! for spreadsheets) and `POST /equipment/import` (a device list uploaded as a plain form,
//! kept, then shown on its preview page before anything is saved).
use std::collections::HashMap;

use axum::{
    extract::{Multipart, Path, Query, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use domain::equipment::{access, import};
use tower_sessions::Session;

use app::ssr::{auth::Caller, equipment as eq, AppState};

/// Largest list accepted: 20,000 rows of a few hundred bytes.
pub const MAX_IMPORT_BYTES: usize = 8 * 1024 * 1024;

async fn caller(state: &AppState, session: &Session) -> Result<Caller, Response> {
    match app::ssr::auth::caller_from_session(state, session).await {
        Ok(Some(c)) => Ok(c),
        Ok(None) => Err(StatusCode::UNAUTHORIZED.into_response()),
        Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    }
}

/// The organization a file is about: a customer's own; staff name it with `org`.
fn organization_of(caller: &Caller, org: Option<&str>) -> Option<i32> {
    match access::scope(&caller.actor) {
        Some(own) => Some(own),
        None => org.and_then(|o| o.trim().parse().ok()),
    }
}

/// `GET /equipment/devices.csv[?org=ID]`: every device of the organization, in the import's
/// columns (an exported file imports back as "unchanged").
pub async fn export(State(state): State<AppState>, session: Session, Query(query): Query<HashMap<String, String>>) -> Response {
    let caller = match caller(&state, &session).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let Some(org_id) = organization_of(&caller, query.get("org").map(String::as_str)) else {
        return (StatusCode::UNPROCESSABLE_ENTITY, "org: choose the organization whose devices to export").into_response();
    };
    let conn = &state.db.conn;
    let org = match db::repo::organizations::find(conn, org_id).await {
        Ok(Some(o)) if access::sees(&caller.actor, o.id) => o,
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let (devices, sites) = match (db::repo::devices::all_of_org(conn, org.id).await, db::repo::sites::list_by_org(conn, org.id).await) {
        (Ok(d), Ok(s)) => (d, s),
        _ => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let site_name: HashMap<i32, String> = sites.into_iter().map(|s| (s.id, s.name)).collect();
    let mut rows: Vec<Vec<String>> = vec![import::COLUMNS.iter().map(|c| c.to_string()).collect()];
    rows.extend(devices.iter().map(|d| import::export_row(site_name.get(&d.site_id).map(String::as_str).unwrap_or(""), &eq::input_of(d)).to_vec()));
    let mut res = domain::survey::results::csv::to_csv(&rows).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"devices.csv\""));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}

/// The file as text: UTF-8 (with or without a byte-order mark), else GB18030, what
/// spreadsheets in Chinese save "CSV" as. `None` for what is neither (a binary file).
pub fn decode(bytes: &[u8]) -> Option<String> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.trim_start_matches('\u{feff}').to_string());
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    (!had_errors && !text.contains('\0')).then(|| text.into_owned())
}

/// `POST /equipment/import` (multipart: `file`, and `org` for staff): keeps the list and
/// opens its preview; a refusal goes back to the upload form with its reason
/// (`?error=empty|too_large|not_text|org`).
pub async fn upload(State(state): State<AppState>, session: Session, mut form: Multipart) -> Response {
    let caller = match caller(&state, &session).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    if !access::edits_equipment(caller.actor.role) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let back = |reason: &str| Redirect::to(&format!("{}?error={reason}", domain::Page::DeviceImport.pattern())).into_response();
    let (mut org, mut file) = (None, None);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("org") => org = field.text().await.ok(),
                Some("file") => {
                    let name = field.file_name().unwrap_or("devices.csv").chars().filter(|c| !c.is_control()).take(200).collect::<String>();
                    match field.bytes().await {
                        Ok(b) if b.len() > MAX_IMPORT_BYTES => return back("too_large"),
                        Ok(b) => file = Some((name, b)),
                        Err(_) => return back("too_large"),
                    }
                }
                _ => {}
            },
            Ok(None) => break,
            Err(_) => return back("too_large"),
        }
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return back("empty");
    };
    let Some(text) = decode(&bytes) else {
        return back("not_text");
    };
    let conn = &state.db.conn;
    let org_id = match organization_of(&caller, org.as_deref()) {
        Some(id) => match db::repo::organizations::find(conn, id).await {
            Ok(Some(o)) if access::edits(&caller.actor, o.id) && o.kind == domain::OrgKind::Customer.as_str() => o.id,
            Ok(_) => return back("org"),
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
        None => return back("org"),
    };
    match db::repo::devices::insert_import(conn, org_id, caller.user.id, &name, text).await {
        Ok(i) => Redirect::to(&domain::href::device_import(i.id)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "keeping an uploaded device list failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `POST /equipment/{id}/configs/upload` (multipart: `file`, and `mask` when secrets are to be
/// masked before storing): keeps a new version and goes back to the device's page
/// (`?config=saved`, or `?config_error=empty|too_large|not_text`).
pub async fn upload_config(State(state): State<AppState>, session: Session, Path(id): Path<i32>, mut form: Multipart) -> Response {
    use domain::equipment::config_backup::{check_text, file_name, mask_secrets, MAX_CONFIG_BYTES};
    let caller = match caller(&state, &session).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let conn = &state.db.conn;
    let device = match eq::visible(conn, &caller.actor, id).await {
        Ok(d) => d,
        Err(app::error::AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    if !access::edits(&caller.actor, device.organization_id) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let page = domain::href::device(device.id);
    let back = |q: &str| Redirect::to(&format!("{page}?{q}#configs")).into_response();
    let (mut mask, mut file) = (false, None);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => match field.name() {
                Some("mask") => mask = field.text().await.is_ok_and(|v| v == "on" || v == "true" || v == "1"),
                Some("file") => {
                    let name = file_name(field.file_name().unwrap_or(""));
                    match field.bytes().await {
                        Ok(b) if b.len() > MAX_CONFIG_BYTES => return back("config_error=too_large"),
                        Ok(b) => file = Some((name, b)),
                        Err(_) => return back("config_error=too_large"),
                    }
                }
                _ => {}
            },
            Ok(None) => break,
            Err(_) => return back("config_error=too_large"),
        }
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return back("config_error=empty");
    };
    let Some(text) = decode(&bytes) else {
        return back("config_error=not_text");
    };
    if check_text(&text).is_err() {
        return back("config_error=empty");
    }
    let (content, masked) = if mask { mask_secrets(&text) } else { (text, 0) };
    let saved = async {
        let tx = state.db.begin_write().await?;
        let c = db::repo::device_configs::insert(&*tx, device.id, &name, content, i32::try_from(masked).unwrap_or(i32::MAX), caller.user.id).await?;
        app::ssr::audit::record(
            &*tx,
            &caller,
            "device.config",
            &format!("device:{}", device.id),
            Some(device.organization_id),
            serde_json::json!({ "version": c.number, "file": name, "masked": masked }),
        )
        .await
        .map_err(|_| db::sea_orm::DbErr::Custom("audit".into()))?;
        tx.commit().await?;
        Ok::<_, db::sea_orm::DbErr>(())
    };
    match saved.await {
        Ok(()) => back("config=saved"),
        // Two uploads took the same number at once: the second is asked to send again.
        Err(e) if db::repo::is_unique_violation(&e) => StatusCode::CONFLICT.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "keeping a configuration backup failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `GET /equipment/configs/{id}`: a configuration backup's text, as a file (for whoever may
/// see its device).
pub async fn config_file(State(state): State<AppState>, session: Session, Path(id): Path<i32>) -> Response {
    let caller = match caller(&state, &session).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let conn = &state.db.conn;
    let config = match db::repo::device_configs::find(conn, id).await {
        Ok(Some(c)) => c,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    match eq::visible(conn, &caller.actor, config.device_id).await {
        Ok(_) => {}
        Err(app::error::AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
    let mut res = config.content.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    if let Some(v) = crate::attachments::download_as(&config.file_name) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_or_without_bom_and_gb18030() {
        assert_eq!(decode("\u{feff}站点,名称".as_bytes()).unwrap(), "站点,名称");
        let (gbk, _, _) = encoding_rs::GB18030.encode("站点,名称\r\n上海工厂,邮件服务器");
        assert_eq!(decode(&gbk).unwrap(), "站点,名称\r\n上海工厂,邮件服务器");
        assert_eq!(decode(&[0x89, b'P', b'N', b'G', 0, 0, 0xff, 0xfe]), None);
    }
}
