//! The build's own files under `/pkg` (WebAssembly, JavaScript, CSS): served from disk,
//! precompressed at build time (`cargo leptos build --release --precompress` writes `.br` and
//! `.gz` beside each file; the one the browser accepts is sent, with `Vary: Accept-Encoding`),
//! and cached by browsers for a year when the name carries the content's hash, so a second
//! visit to any page downloads no code again. A name without a hash (a build without
//! `hash-files`) must be revalidated instead.
use std::path::Path;

use axum::{
    extract::Request,
    http::{header, HeaderValue},
    middleware::{self, Next},
    response::Response,
    Router,
};
use tower_http::services::ServeDir;

pub fn pkg_service(dir: &Path) -> Router {
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    Router::new().fallback_service(files).layer(middleware::from_fn(cache_control))
}

async fn cache_control(req: Request, next: Next) -> Response {
    let immutable = is_hashed(req.uri().path());
    let mut res = next.run(req).await;
    if res.status().is_success() || res.status() == axum::http::StatusCode::NOT_MODIFIED {
        let value = if immutable { "public, max-age=31536000, immutable" } else { "no-cache" };
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
        // The same address answers br, gzip or plain bytes: caches must key on the encoding.
        res.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

/// `portal.<hash>.wasm`: cargo-leptos puts the content hash (base64url, 22 characters) between
/// the name and the extension.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let mut parts = name.split('.');
    parts.next();
    let middle: Vec<&str> = parts.collect();
    middle.len() >= 2 && middle[..middle.len() - 1].iter().any(|p| p.len() >= 16 && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn only_names_with_a_content_hash_are_immutable() {
        assert!(is_hashed("/portal.JQ2vDpXUm9W3bbKjT_Zl-A.wasm"));
        assert!(is_hashed("/portal.JQ2vDpXUm9W3bbKjT_Zl-A.js"));
        assert!(is_hashed("/portal.JQ2vDpXUm9W3bbKjT_Zl-A.css"));
        assert!(!is_hashed("/portal.wasm"));
        assert!(!is_hashed("/portal.css"));
        assert!(!is_hashed("/portal.d.ts"));
        assert!(!is_hashed("/JQ2vDpXUm9W3bbKjT_Zl-A"));
        assert!(!is_hashed("/portal.not a hash at all!.js"));
    }
}
