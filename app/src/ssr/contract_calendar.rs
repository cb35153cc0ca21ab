//! An organization's contract calendar as in force today: its zone (dates and times shown,
//! quiet hours, the digest hour, plan windows) and its working days (complaint clocks).
use chrono_tz::Tz;
use db::{repo, sea_orm::ConnectionTrait};
use domain::sla::BusinessCalendar;

use crate::error::AppError;

/// The calendar of the contract in force today, if the organization has one.
pub async fn in_force(conn: &impl ConnectionTrait, org_id: i32) -> Result<Option<BusinessCalendar>, AppError> {
    let today = chrono::Utc::now().date_naive();
    Ok(repo::contracts::in_force(conn, org_id, today).await?.and_then(|c| serde_json::from_str::<BusinessCalendar>(&c.calendar_json).ok()))
}

/// The zone of that contract (the provider's when there is none).
pub async fn zone(conn: &impl ConnectionTrait, org_id: i32) -> Result<Tz, AppError> {
    Ok(in_force(conn, org_id).await?.map_or(domain::equipment::WARRANTY_TZ, |c| c.tz))
}
