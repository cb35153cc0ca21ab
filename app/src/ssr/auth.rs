//! Who is calling. The session (tower-sessions, stored server-side) holds only the user's id
//! and the sign-in time; the user row is read on every call, so a deactivated account or a
//! changed role takes effect at once.
use domain::{Actor, OrgKind, Role};
use tower_sessions::Session;

use super::state::{internal, state, AppState};
use crate::error::AppError;

pub const USER_ID: &str = "user_id";
pub const SIGNED_IN_AT: &str = "signed_in_at";

pub struct Caller {
    pub actor: Actor,
    pub user: db::entity::user::Model,
    pub org: db::entity::organization::Model,
}

impl Caller {
    pub fn org_kind(&self) -> OrgKind {
        OrgKind::parse(&self.org.kind).unwrap_or(OrgKind::Customer)
    }
}

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(internal)
}

/// The signed-in caller, if any. Ends sessions past their absolute limit or of deactivated users.
pub async fn current(state: &AppState) -> Result<Option<Caller>, AppError> {
    caller_from_session(state, &session().await?).await
}

/// The same, for a session the server's middleware already holds (the page guard).
pub async fn caller_from_session(state: &AppState, session: &Session) -> Result<Option<Caller>, AppError> {
    let Some(user_id) = session.get::<i32>(USER_ID).await.map_err(internal)? else {
        return Ok(None);
    };
    let signed_in_at = session.get::<i64>(SIGNED_IN_AT).await.map_err(internal)?.unwrap_or(0);
    let age = chrono::Utc::now().timestamp() - signed_in_at;
    let user = db::repo::users::find(&state.db.conn, user_id).await?;
    let org = match &user {
        Some(u) => db::repo::organizations::find(&state.db.conn, u.organization_id).await?,
        None => None,
    };
    match (user, org) {
        (Some(user), Some(org)) if user.active && org.active && age < state.session_absolute.num_seconds() => {
            let role = Role::parse(&user.role).ok_or_else(|| internal(format!("user {} has unknown role", user.id)))?;
            Ok(Some(Caller { actor: Actor { user_id: user.id, org_id: user.organization_id, role }, user, org }))
        }
        _ => {
            session.flush().await.map_err(internal)?;
            Ok(None)
        }
    }
}

/// The caller, or `Unauthenticated`.
pub async fn require() -> Result<(AppState, Caller), AppError> {
    let state = state()?;
    let caller = current(&state).await?.ok_or(AppError::Unauthenticated)?;
    Ok((state, caller))
}
