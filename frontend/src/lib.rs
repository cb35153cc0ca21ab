//! The browser entry point. cargo-leptos builds this crate to wasm32 and wasm-bindgen exports
//! `hydrate`, which the server-rendered page calls once the bundle has loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
