//! The HTML document around the app, rendered on the server only.
use leptos::prelude::*;
use leptos_meta::MetaTags;

use crate::{i18n::initial_lang, App};

/// The CSP nonce of one response, minted by the server's middleware before rendering and put
/// in the request's extensions, where the shell finds it.
#[derive(Clone, Debug)]
pub struct PageNonce(pub String);

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = initial_lang();
    // The nonce the server's middleware minted for this response (it also sets the header
    // with it): the hydration script and the serialized data scripts carry it, and the
    // Content-Security-Policy allows only scripts that do.
    #[cfg(feature = "ssr")]
    {
        let minted = use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<PageNonce>().cloned());
        match minted {
            Some(PageNonce(nonce)) => provide_context(leptos::nonce::Nonce::from_value(nonce)),
            // Rendered without the middleware (never in the server): a nonce of its own.
            None => {
                leptos::nonce::provide_nonce();
                if let (Some(nonce), Some(res)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>()) {
                    if let Ok(v) = http::HeaderValue::from_str(&content_security_policy(&nonce)) {
                        res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
                    }
                }
            }
        }
    }
    view! {
        <!DOCTYPE html>
        <html lang=lang.html_lang()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="theme-color" content="#1e40af"/>
                <meta name="apple-mobile-web-app-capable" content="yes"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml"/>
                <link rel="apple-touch-icon" href="/icons/icon-192.png"/>
                <link rel="stylesheet" href=stylesheet_href(&options)/>
                <HydrationScripts options islands=true/>
                <IslandsRouter/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The islands router (`components/islands_router.js`, Leptos's own adapted): links and form
/// posts become soft navigations, and the live feed can refresh the page in place. Inline with
/// the page's nonce, like the hydration script.
#[component]
fn IslandsRouter() -> impl IntoView {
    let nonce = leptos::nonce::use_nonce();
    view! {
        <script type="module" nonce=nonce.clone()>{include_str!("components/islands_router.js")}</script>
        <script type="module" nonce=nonce.clone()>{include_str!("components/checklist_sync.js")}</script>
        <script type="module" nonce=nonce>{include_str!("components/kb_suggest.js")}</script>
    }
}

/// The stylesheet's address. Release builds name every file under `/pkg` after a hash of
/// its content (cargo-leptos `hash-files`, listed in `hash.txt` beside the server binary), so
/// the files can be cached for a year and a new build is fetched at once; without that file
/// (a test binary, a build without hashes) the plain name.
fn stylesheet_href(options: &LeptosOptions) -> String {
    #[cfg(feature = "ssr")]
    {
        static HREF: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        HREF.get_or_init(|| {
            let pkg = &options.site_pkg_dir;
            let name = &options.output_name;
            let hashes = hash_file(&options.hash_file).filter(|_| options.hash_files).and_then(|path| std::fs::read_to_string(path).ok()).unwrap_or_default();
            match hashes.lines().find_map(|l| l.trim().strip_prefix("css:")).map(str::trim) {
                Some(hash) if !hash.is_empty() => format!("/{pkg}/{name}.{hash}.css"),
                _ => format!("/{pkg}/{name}.css"),
            }
        })
        .clone()
    }
    #[cfg(not(feature = "ssr"))]
    {
        format!("/{}/{}.css", options.site_pkg_dir, options.output_name)
    }
}

/// Where the release build lists its hashed file names: `name` (LeptosOptions' `hash_file`,
/// `hash.txt`) beside the server binary, where Leptos's hydration scripts look too.
#[cfg(feature = "ssr")]
pub fn hash_file(name: &str) -> Option<std::path::PathBuf> {
    std::env::current_exe().ok().and_then(|exe| exe.parent().map(|dir| dir.join(name)))
}

/// The policy for rendered pages. `wasm-unsafe-eval` lets the browser compile the wasm
/// bundle; nothing else may run unless it carries this response's nonce.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'; manifest-src 'self'"
    )
}
