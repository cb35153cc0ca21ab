//! `GET /healthz`: 200 with the database's state when it answers, 503 when it does not.
use axum::{extract::State, http::StatusCode, Json};
use serde_json::{json, Value};

use app::ssr::AppState;

pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let ok = state.db.ping().await;
    let kind = match state.db.kind {
        db::DbKind::Sqlite => "sqlite",
        db::DbKind::Postgres => "postgres",
    };
    let status = if ok { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, Json(json!({ "status": if ok { "ok" } else { "degraded" }, "database": { "kind": kind, "ok": ok } })))
}
