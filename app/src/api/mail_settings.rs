//! Each person's mail: what they get for each kind of event, quiet hours, and the link in
//! every mail that turns a kind off without signing in (a GET only shows what it would do;
//! the button's POST does it, as mail scanners follow links).
use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{MailSettings, UnsubscribeInfo},
};

#[server(endpoint = "get_mail_settings")]
pub async fn get_mail_settings() -> Result<MailSettings, AppError> {
    use crate::ssr::{mail_prefs, require, respond};
    use domain::notify::{EventKind, DIGEST_HOUR};
    respond(async move {
        let (state, caller) = require().await?;
        let conn = &state.db.conn;
        let stored = db::repo::mail_prefs::load(conn, caller.user.id).await?;
        let role = caller.actor.role;
        let kinds = EventKind::offered_to(role).into_iter().map(|k| (k, mail_prefs::channel_of(&stored, k, role))).collect();
        let hm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
        let tz = crate::ssr::contract_calendar::zone(conn, caller.user.organization_id).await?;
        Ok(MailSettings {
            email: caller.user.email.clone(),
            kinds,
            quiet_from: stored.quiet.map(|q| hm(q.from)).unwrap_or_default(),
            quiet_to: stored.quiet.map(|q| hm(q.to)).unwrap_or_default(),
            tz: tz.name().to_string(),
            digest_hour: DIGEST_HOUR,
        })
    })
    .await
}

/// Saves the whole form: `choice[kind]=channel` for each kind, and the quiet hours.
#[server(endpoint = "save_mail_settings")]
pub async fn save_mail_settings(#[server(default)] choice: BTreeMap<String, String>, quiet_from: String, quiet_to: String) -> Result<(), AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let valid = domain::notify::validate_settings(caller.actor.role, &choice, &quiet_from, &quiet_to).map_err(AppError::Invalid)?;
        let tx = state.db.begin_write().await?;
        db::repo::mail_prefs::save(&*tx, caller.user.id, &valid.channels, valid.quiet).await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// Hides most of an address: enough for its owner to recognise it.
#[cfg(feature = "ssr")]
fn masked(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => format!("{}***@{domain}", local.chars().next().unwrap_or('*')),
        None => "***".into(),
    }
}

/// What the link would turn off. Reading it changes nothing.
#[server(endpoint = "get_unsubscribe_info")]
pub async fn get_unsubscribe_info(token: String) -> Result<UnsubscribeInfo, AppError> {
    use crate::ssr::{mail_jobs::DIGEST_SCOPE, respond, state};
    use domain::notify::{Channel, EventKind};
    respond(async move {
        let state = state()?;
        let conn = &state.db.conn;
        let link = db::repo::mail_prefs::find_unsubscribe(conn, token.trim()).await?.ok_or(AppError::NotFound)?;
        let user = db::repo::users::find(conn, link.user_id).await?.ok_or(AppError::NotFound)?;
        let kind = if link.kind == DIGEST_SCOPE { None } else { Some(EventKind::parse(&link.kind).ok_or(AppError::NotFound)?) };
        let stored = db::repo::mail_prefs::load(conn, user.id).await?;
        let off = kind.is_some_and(|k| stored.channel(k) == Some(Channel::Portal));
        Ok(UnsubscribeInfo { kind, email: masked(&user.email), done: link.used_at.is_some() || off })
    })
    .await
}

/// Turns the link's kind of mail off (the digest's link: every kind set to the digest).
#[server(endpoint = "unsubscribe")]
pub async fn unsubscribe(token: String) -> Result<(), AppError> {
    use crate::ssr::{mail_prefs, respond, state};
    respond(async move {
        let state = state()?;
        mail_prefs::unsubscribe(&state.db, token.trim()).await
    })
    .await
}
