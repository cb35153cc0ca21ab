//! Server functions, grouped by area; one use case each, named `verb_noun`. Their bodies run
//! on the server only (the `#[server]` macro leaves the browser a thin HTTP client), and each
//! begins by establishing who is calling and whether they may.
pub mod account;
pub mod admin;
pub mod assurance;
pub mod auth;
pub mod complaints;
pub mod contracts;
pub mod equipment;
#[cfg(feature = "ssr")]
pub mod filters;
pub mod home;
pub mod inspections;
pub mod knowledge;
pub mod mail_settings;
pub mod notifications;
pub mod parts;
pub mod reports;
pub mod requests;
pub mod sites;
pub mod staff;
pub mod surveys;
pub mod training;
pub mod upgrades;
