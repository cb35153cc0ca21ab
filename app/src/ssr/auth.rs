//! Who is calling. The session (tower-sessions, stored server-side) holds only the user's id
//! and the sign-in time; the user row is read on every call, so a deactivated account or a
//! changed role takes effect at once.
use domain::{Actor, OrgKind, Role};
use tower_sessions::Session;

use super::state::{internal, state, AppState};
use crate::error::AppError;

pub const USER_ID: &str = "user_id";
pub const SIGNED_IN_AT: &str = "signed_in_at";

#[derive(Clone)]
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

/// The caller of one page render, read from the database once. Rendering a page asks "who
/// is calling" several times (the page guard, the root's `current_user` and unread count, the
/// page's own server functions), two reads each; the page guard puts one of these in the
/// request's extensions, which every server function of that render finds in its context.
/// Only page GETs carry it: a server function called over HTTP (sign-in, sign-out, a password
/// change) may change the session and always reads afresh, as do the long `/live` streams.
#[derive(Clone, Default)]
pub struct CallerOnce(std::sync::Arc<tokio::sync::OnceCell<Option<Caller>>>);

impl CallerOnce {
    pub async fn get(&self, state: &AppState, session: &Session) -> Result<Option<Caller>, AppError> {
        self.0.get_or_try_init(|| caller_from_session(state, session)).await.cloned()
    }
}

/// The signed-in caller, if any. Ends sessions past their absolute limit or of deactivated users.
pub async fn current(state: &AppState) -> Result<Option<Caller>, AppError> {
    let session = session().await?;
    let once = leptos::prelude::use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<CallerOnce>().cloned());
    match once {
        Some(once) => once.get(state, &session).await,
        None => caller_from_session(state, &session).await,
    }
}

/// The same, for a session the server's middleware already holds (the page guard).
pub async fn caller_from_session(state: &AppState, session: &Session) -> Result<Option<Caller>, AppError> {
    let Some(user_id) = session.get::<i32>(USER_ID).await.map_err(internal)? else {
        return Ok(None);
    };
    let signed_in_at = session.get::<i64>(SIGNED_IN_AT).await.map_err(internal)?.unwrap_or(0);
    let age = chrono::Utc::now().timestamp() - signed_in_at;
    match db::repo::users::find_with_organization(&state.db.conn, user_id).await? {
        Some((user, org)) if user.active && org.active && age < state.session_absolute.num_seconds() => {
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
