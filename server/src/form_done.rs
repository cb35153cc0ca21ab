//! "Saved." after a plain form post. A server function posted as an HTML form (every form
//! in islands mode, and every form without JavaScript) is answered by Leptos with a redirect
//! back to the page; a refusal carries `__path` and `__err` in that address, which the page's
//! `ServerAction` reads, but a success carries nothing, so the page could not say it worked.
//! This middleware adds `__done=<the function's path>` to a successful redirect back to the
//! page the form was on (and drops an older `__done`, so a message never outlives the next
//! post); the page's `components::work_actions::succeeded` reads it. A redirect to another
//! page (a new request's page, a saved training session) is left as it is: arriving there
//! says enough.
use axum::{
    extract::Request,
    http::{header, HeaderValue, Method},
    middleware::Next,
    response::Response,
};

/// The query key the page reads (`app::components::work_actions::DONE_KEY`).
const DONE: &str = app::components::work_actions::DONE_KEY;

pub async fn mark_done(req: Request, next: Next) -> Response {
    let posted_form = req.method() == Method::POST
        && req.uri().path().starts_with("/api/")
        && req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"));
    let fn_path = posted_form.then(|| req.uri().path().to_string());
    let from = req.headers().get(header::REFERER).and_then(|v| v.to_str().ok()).map(path_of);
    let mut res = next.run(req).await;
    let Some(fn_path) = fn_path else { return res };
    if !res.status().is_redirection() {
        return res;
    }
    let Some(location) = res.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()) else { return res };
    if from.as_deref() != Some(path_of(location).as_str()) {
        return res;
    }
    if let Ok(v) = HeaderValue::from_str(&with_done(location, &fn_path)) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// The path of an address, absolute (`http://host/p?q`) or not (`/p?q#f`).
fn path_of(address: &str) -> String {
    let rest = address.split_once("://").map_or(address, |(_, r)| r.find('/').map_or("/", |i| &r[i..]));
    rest.split(['?', '#']).next().unwrap_or("/").to_string()
}

/// `location` without any `__done`, plus `__done=<fn_path>` unless it reports an error.
pub fn with_done(location: &str, fn_path: &str) -> String {
    let (rest, fragment) = match location.split_once('#') {
        Some((r, f)) => (r, Some(f)),
        None => (location, None),
    };
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let key_of = |pair: &str| pair.split_once('=').map_or(pair, |(k, _)| k).to_string();
    let mut pairs: Vec<String> = query.split('&').filter(|p| !p.is_empty() && key_of(p) != DONE).map(str::to_string).collect();
    if !pairs.iter().any(|p| key_of(p) == "__err") {
        pairs.push(format!("{DONE}={}", domain::href::encode(fn_path)));
    }
    let mut out = path.to_string();
    if !pairs.is_empty() {
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{path_of, with_done};

    #[test]
    fn paths_of_addresses() {
        assert_eq!(path_of("http://127.0.0.1:3000/requests/R-1?x=1"), "/requests/R-1");
        assert_eq!(path_of("https://h"), "/");
        assert_eq!(path_of("/training/1#feedback"), "/training/1");
        assert_eq!(path_of("/p?__done=%2Fapi%2Fa"), "/p");
    }

    #[test]
    fn a_success_names_the_function_and_keeps_the_rest() {
        assert_eq!(with_done("http://h/requests/R-1", "/api/reply_request"), "http://h/requests/R-1?__done=%2Fapi%2Freply_request");
        assert_eq!(with_done("/requests/R-1?done=reply#reply", "/api/x"), "/requests/R-1?done=reply&__done=%2Fapi%2Fx#reply");
    }

    #[test]
    fn an_older_success_is_dropped_and_an_error_gets_none() {
        assert_eq!(with_done("/p?__done=%2Fapi%2Fa&page=2", "/api/b"), "/p?page=2&__done=%2Fapi%2Fb");
        assert_eq!(with_done("/p?__done=%2Fapi%2Fa&__path=%2Fapi%2Fb&__err=xyz", "/api/b"), "/p?__path=%2Fapi%2Fb&__err=xyz");
    }
}
