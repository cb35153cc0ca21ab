//! Queries and writes, one module per table: plain async functions taking a connection.
//! They do no permission checks: callers (server functions) decide who may call them.
pub mod assurance;
pub mod attachments;
pub mod audit;
pub mod checklists;
pub mod complaints;
pub mod contracts;
pub mod device_configs;
pub mod devices;
pub mod emergency_plans;
pub mod home;
pub mod inspections;
pub mod kb_articles;
pub mod kb_usage;
pub mod live_events;
pub mod mail;
pub mod mail_prefs;
pub mod names;
pub mod notifications;
pub mod organizations;
pub mod parts;
pub mod queues;
pub mod remote_sessions;
pub mod reports;
pub mod request_events;
pub mod request_pauses;
pub mod requests;
pub mod sessions;
pub mod sites;
pub mod software;
pub mod surveys;
pub mod training;
pub mod upgrades;
pub mod users;

use sea_orm::{DbErr, SqlErr};

/// Whether an insert or update failed on a unique constraint (a taken name or e-mail).
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}
