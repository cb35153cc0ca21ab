//! Request guards around the whole app: security headers, the cross-site check for
//! state-changing requests, and the page guard that redirects or refuses before rendering.
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use domain::{page_access, Access, Page};
use tower_sessions::Session;

use app::{error::AppError, ssr::AppState};

/// Headers every response carries. Every request gets a fresh CSP nonce here, handed to the
/// page shell through the request's extensions (`app::shell::PageNonce`), and every HTML
/// response gets the policy with that same nonce. The nonce is minted before rendering starts
/// and the header is set after it ends, both here, so no page can go out with scripts that
/// carry one nonce and a header that names another (or none, which stops hydration).
pub async fn security_headers(State(secure): State<bool>, mut req: Request, next: Next) -> Response {
    let nonce = leptos::nonce::Nonce::new().to_string();
    req.extensions_mut().insert(app::shell::PageNonce(nonce.clone()));
    let mut res = next.run(req).await;
    let html = res.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    // A page is always asked for again (it carries the user's data and names this build's
    // hashed bundle); the bundle itself is cached for a year (see `assets`).
    if html && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    let page_policy = html.then(|| HeaderValue::from_str(&app::shell::content_security_policy(&nonce)).ok()).flatten();
    match page_policy {
        Some(policy) => {
            h.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        None => {
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'"),
            );
        }
    }
    if secure {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    res
}

/// Runs the rest of the request in a task of its own and finishes its body there. A client
/// that hangs up (a phone changing networks, the end of a load run) drops the connection's
/// future; without this, a server function would stop wherever it was awaiting (between two
/// steps that are not one transaction, e.g. a request saved and its files not yet stored),
/// and a page's reactive owner would be torn down half-way, outside the render. In the task
/// both always complete; the answer is thrown away if nobody is listening. Page and JSON bodies
/// are complete in memory by then anyway (pages render with `SsrMode::Async`), so collecting
/// them costs nothing.
pub async fn run_to_completion(req: Request, next: Next) -> Response {
    let task = tokio::spawn(async move {
        let res = next.run(req).await;
        let buffered = res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
        if !buffered {
            return res;
        }
        let (parts, body) = res.into_parts();
        match axum::body::to_bytes(body, usize::MAX).await {
            Ok(bytes) => Response::from_parts(parts, Body::from(bytes)),
            Err(e) => {
                tracing::error!(error = %e, "response body failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
            }
        }
    });
    match task.await {
        Ok(res) => res,
        Err(e) => {
            tracing::error!(error = %e, "request task failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// Whether a state-changing request comes from this site. Browsers send `Origin` on every
/// POST (and `Sec-Fetch-Site`), so a forged cross-site form or fetch is refused; a client
/// that sends neither is not a browser and cannot carry a victim's cookie by accident.
pub fn same_origin(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
        return host.is_some_and(|h| h.eq_ignore_ascii_case(origin_host));
    }
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some(site) => site == "same-origin" || site == "none",
        None => true,
    }
}

pub async fn reject_cross_site(req: Request, next: Next) -> Response {
    if same_origin(req.method(), req.headers()) {
        return next.run(req).await;
    }
    tracing::warn!(path = %req.uri().path(), "cross-site request refused");
    let body = serde_json::to_string(&AppError::Forbidden).unwrap_or_default();
    (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Pages: not signed in goes to the sign-in page (and back afterwards); a role without access
/// gets 403 (the app renders the "not allowed" view); signed-in users skip the sign-in page.
pub async fn page_guard(State(state): State<AppState>, session: Session, mut req: Request, next: Next) -> Response {
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    let Some(page) = Page::from_path(req.uri().path()) else {
        return next.run(req).await;
    };
    // The caller read here is the one the page's render uses (`ssr::auth::CallerOnce`).
    let once = app::ssr::auth::CallerOnce::default();
    req.extensions_mut().insert(once.clone());
    let role = match once.get(&state, &session).await {
        Ok(c) => c.map(|c| c.actor.role),
        Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response(),
    };
    if page == Page::SignIn && role.is_some() {
        return redirect(Page::Home.pattern());
    }
    match page_access(page, role) {
        Access::Allow => next.run(req).await,
        Access::SignIn => {
            let path = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or(Page::Home.pattern());
            redirect(&domain::href::sign_in_next(path))
        }
        Access::Forbidden => {
            let mut res = next.run(req).await;
            *res.status_mut() = StatusCode::FORBIDDEN;
            res
        }
    }
}

fn redirect(to: &str) -> Response {
    Response::builder().status(StatusCode::SEE_OTHER).header(header::LOCATION, to).body(Body::empty()).expect("valid redirect")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cross_site_posts_are_refused() {
        let post = Method::POST;
        assert!(same_origin(&post, &headers(&[("host", "portal.example"), ("origin", "https://portal.example")])));
        assert!(!same_origin(&post, &headers(&[("host", "portal.example"), ("origin", "https://evil.example")])));
        assert!(!same_origin(&post, &headers(&[("host", "portal.example"), ("origin", "null")])));
        assert!(!same_origin(&post, &headers(&[("host", "portal.example"), ("sec-fetch-site", "cross-site")])));
        assert!(same_origin(&post, &headers(&[("host", "portal.example"), ("sec-fetch-site", "same-origin")])));
        assert!(same_origin(&post, &headers(&[("host", "portal.example")])), "non-browser client");
        assert!(same_origin(&Method::GET, &headers(&[("origin", "https://evil.example")])));
    }

    #[test]
    fn next_is_encoded() {
        assert_eq!(domain::href::sign_in_next("/admin/organizations?x=1&y=2"), "/sign-in?next=/admin/organizations%3Fx%3D1%26y%3D2");
    }
}
