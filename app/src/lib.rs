#![recursion_limit = "512"]
//! The portal's Leptos application, shared by the server (feature `ssr`: renders pages and
//! runs server functions) and the browser (feature `hydrate`: takes over the rendered page).
//! See ARCHITECTURE.md for where things go.
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
