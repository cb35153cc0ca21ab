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

/// How many rows `rows` returns, without fetching them. `rows` is a select already limited
/// where the count should stop: the request lists and home pages at `requests::COUNT_CAP + 1`
/// ("10000+"), the bell at `domain::notice::UNREAD_SHOWN + 1` ("99+").
pub(crate) async fn count_rows(db: &impl sea_orm::ConnectionTrait, rows: sea_orm::sea_query::SelectStatement) -> Result<u64, sea_orm::DbErr> {
    use sea_orm::sea_query::{Asterisk, Expr, ExprTrait, Query};
    let mut count = Query::select();
    count.expr_as(Expr::col(Asterisk).count(), "n").from_subquery(rows, "m");
    let row = db.query_one(&count).await?.ok_or_else(|| sea_orm::DbErr::Custom("count returned no row".into()))?;
    let n: i64 = row.try_get("", "n")?;
    Ok(n as u64)
}
