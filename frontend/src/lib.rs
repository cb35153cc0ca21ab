//! The browser entry point. cargo-leptos builds this crate to wasm32 and wasm-bindgen exports
//! `hydrate`, which the server-rendered page's island script calls once the bundle has loaded;
//! the script then hydrates each `<leptos-island>` on the page through its own export (islands
//! mode: the server renders every page, only the `#[island]`s run in the browser).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Server functions called from an island that redirect (a new request's submit) load the
    // target page afresh; a new request's chosen files are uploaded before its page opens.
    let _ = server_fn::redirect::set_redirect_hook(app::components::pending_uploads::navigate);
    leptos::mount::hydrate_islands();
}
