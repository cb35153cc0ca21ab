//! Signing in and out, and who is signed in.
use domain::Page;
use leptos::prelude::*;

use crate::{error::AppError, model::Me};

/// The longest redirect target kept; a longer one goes home.
const NEXT_MAX: usize = 2000;

/// Only local paths may be a redirect target: no `//evil.example` or `https://…`, and no
/// backslash or control character anywhere (browsers read `\` as `/` and drop tabs and line
/// breaks, so `/\t/evil.example` would become `//evil.example`; in a header a line break is
/// an injection). What passes comes back ASCII only, non-ASCII percent-encoded, so it is
/// always a valid `Location` header.
pub fn safe_next(next: Option<&str>) -> String {
    let Some(n) = next else { return Page::Home.pattern().to_string() };
    let refused = !n.starts_with('/')
        || n.starts_with("//")
        || n.starts_with(Page::SignIn.pattern())
        || n.len() > NEXT_MAX
        || n.chars().any(|c| c == '\\' || c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'));
    if refused {
        return Page::Home.pattern().to_string();
    }
    let mut out = String::with_capacity(n.len());
    for c in n.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{auth, internal, limiter, respond, state};
    respond(async move {
        let state = state()?;
        // No address is that long: refused before the limiter stores anything for it.
        if email.trim().len() > limiter::MAX_EMAIL_BYTES {
            return Err(AppError::BadCredentials);
        }
        let addr = limiter::client_addr(&state).await?;
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
        leptos_axum::redirect(Page::SignIn.pattern());
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
        // Where the page's live stream resumes: the pump's head (no query), or before the
        // pump's first read the table's newest id.
        let live_id = match state.live_head.load(std::sync::atomic::Ordering::Relaxed) {
            0 => db::repo::live_events::last_id(&state.db.conn).await?,
            head => head,
        };
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

    #[test]
    fn control_characters_and_backslashes_are_refused_anywhere() {
        for bad in [
            "/\t/evil.example",
            "\t//evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=y",
            "/ok\u{0}",
            "/\u{7f}/evil.example",
            "/\u{85}/evil.example",
            "/\u{9b}x",
            "/\u{2028}/evil.example",
            "/x\\..\\evil.example",
            "/\\/evil.example",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(Some(&format!("/{}", "a".repeat(5000)))), "/");
    }

    #[test]
    fn what_passes_is_a_valid_header_value() {
        assert_eq!(safe_next(Some("/requests?q=打印")), "/requests?q=%E6%89%93%E5%8D%B0");
        assert_eq!(safe_next(Some("/requests?q=a b&sort=oldest")), "/requests?q=a b&sort=oldest");
        for s in ["/requests?q=打印", "/training?view=calendar&month=2026-03", "/x y"] {
            let out = safe_next(Some(s));
            assert!(out.bytes().all(|b| (0x20..0x7f).contains(&b)), "{out}");
        }
    }
}
