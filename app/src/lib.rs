#![recursion_limit = "512"]
//! The portal's Leptos application, shared by the server (feature `ssr`: renders pages and
//! runs server functions) and the browser (feature `hydrate`: takes over the rendered page).
//! See ARCHITECTURE.md for where things go.
// In the browser build `#[server]` turns each server function into a stub with the same
// arguments, outside the reach of the function's own `allow`; the long forms (a request, a
// training session) are still written out as their inputs there.
#![cfg_attr(feature = "hydrate", allow(clippy::too_many_arguments))]
pub mod api;
pub mod app;
pub mod components;
pub mod error;
pub mod i18n;
pub mod model;
pub mod pages;
pub mod session;
pub mod shell;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use app::App;
pub use shell::shell;
