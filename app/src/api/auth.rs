//! Signing in and out, and who is signed in.
use leptos::prelude::*;

use crate::{error::AppError, model::Me};

/// Only local paths may be a redirect target (no `//evil.example` or `https://…`).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") && !n.starts_with("/sign-in") => n.to_string(),
        _ => "/".to_string(),
    }
}

#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{auth, internal, respond, state};
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    respond(async move {
        let state = state()?;
        let addr = leptos_axum::extract::<ConnectInfo<SocketAddr>>().await.map(|c| c.0.ip()).map_err(internal)?;
        if !state.limiter.allow(&email, addr) {
            tracing::warn!(%addr, "sign-in rate limited");
            return Err(AppError::RateLimited);
        }
        let user = db::repo::users::find_by_email(&state.db.conn, &email).await?;
        // Check a hash even for unknown accounts, so timing does not tell which exist.
        let hash = user.as_ref().map(|u| u.password_hash.clone()).unwrap_or_else(|| db::password::dummy_hash().to_string());
        let ok = db::password::verify_async(password, hash).await;
        let user = match user {
            Some(u) if ok && u.active => u,
            _ => return Err(AppError::BadCredentials),
        };
        let session = auth::session().await?;
        session.cycle_id().await.map_err(internal)?; // a new id at sign-in: no session fixation
        session.insert(auth::USER_ID, user.id).await.map_err(internal)?;
        session.insert(auth::SIGNED_IN_AT, chrono::Utc::now().timestamp()).await.map_err(internal)?;
        tracing::info!(user_id = user.id, "signed in");
        leptos_axum::redirect(&safe_next(next.as_deref()));
        Ok(())
    })
    .await
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr::{auth, internal, respond};
    respond(async move {
        let session = auth::session().await?;
        session.flush().await.map_err(internal)?;
        leptos_axum::redirect("/sign-in");
        Ok(())
    })
    .await
}

/// The signed-in user, or `None`. Never an error for "not signed in".
#[server(endpoint = "current_user")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    use crate::ssr::{current, respond, state};
    respond(async move {
        let state = state()?;
        let Some(c) = current(&state).await? else { return Ok(None) };
        // Only for the signed-in: this runs on every page render.
        let live_id = db::repo::live_events::last_id(&state.db.conn).await?;
        Ok(Some(Me {
            live_id,
            id: c.user.id,
            email: c.user.email.clone(),
            display_name: c.user.display_name.clone(),
            role: c.actor.role,
            org_id: c.org.id,
            org_name: c.org.name.clone(),
        }))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn redirects_stay_on_this_site() {
        assert_eq!(safe_next(Some("/account")), "/account");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/sign-in")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
