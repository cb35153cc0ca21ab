//! The signed-in user's own account.
use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "change_password")]
pub async fn change_password(current: String, new: String, confirm: String) -> Result<(), AppError> {
    use crate::ssr::{auth, internal, require, respond};
    use domain::{ErrorCode, FieldError};
    respond(async move {
        let (state, caller) = require().await?;
        // Every attempt counts, so a stolen session cannot guess the current password.
        if !state.password_limiter.check(&caller.user.id) {
            tracing::warn!(user_id = caller.user.id, "password change rate limited");
            return Err(AppError::RateLimited);
        }
        domain::validation::password_change(&current, &new, &confirm, &caller.user.email).map_err(AppError::Invalid)?;
        if !db::password::verify_async(current, caller.user.password_hash.clone()).await {
            return Err(AppError::Invalid(vec![FieldError::new("current", ErrorCode::WrongCurrentPassword)]));
        }
        let hash = db::password::hash_async(new).await;
        db::repo::users::set_password_hash(&state.db.conn, caller.user.id, &hash).await?;
        // Sign out every other session of this user; keep this one, under a new id.
        let session = auth::session().await?;
        session.cycle_id().await.map_err(internal)?;
        session.save().await.map_err(internal)?;
        let keep = session.id().map(|id| id.to_string());
        db::repo::sessions::delete_for_user(&state.db.conn, caller.user.id, keep.as_deref()).await?;
        tracing::info!(user_id = caller.user.id, "password changed");
        Ok(())
    })
    .await
}
