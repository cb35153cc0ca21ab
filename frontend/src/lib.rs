//! The browser entry point. cargo-leptos builds this crate to wasm32 and wasm-bindgen exports
//! `hydrate`, which the server-rendered page calls once the bundle has loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Server functions that redirect (sign-in, sign-out) load the target page afresh, so no
    // state of the previous user survives in memory; a new request's chosen files are
    // uploaded before its page opens. Set before the router installs its own client-side
    // hook: the first one set wins.
    let _ = server_fn::redirect::set_redirect_hook(app::components::pending_uploads::navigate);
    leptos::mount::hydrate_body(app::App);
}
