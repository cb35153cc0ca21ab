//! Server-only helpers for server functions: the injected state, who is calling, rate
//! limits, and turning failures into user-safe errors. Compiled only with `ssr`.
pub mod announce;
pub mod audit;
pub mod auth;
pub mod complaints;
pub mod contract_calendar;
pub mod equipment;
pub mod inspections;
pub mod knowledge;
pub mod lifecycle;
pub mod limiter;
pub mod list_counts;
pub mod mail_jobs;
pub mod mail_prefs;
pub mod mail_text;
pub mod parts;
pub mod reports;
pub mod requests;
pub mod sla_warnings;
pub mod state;
pub mod surveys;
pub mod training;
pub mod upgrades;
pub mod work;

pub use auth::{current, require, Caller};
pub use limiter::SignInLimiter;
pub use state::{internal, respond, state, AppState};
