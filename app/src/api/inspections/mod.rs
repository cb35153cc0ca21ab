//! Preventive inspections: the calendar, one inspection (announcing, the checklist on site,
//! the report and its sign-off), findings that open requests, each contract's plan and the
//! checklist templates. Customers see their organization's inspections once announced; every
//! other is "not found" (`app::ssr::inspections::visible`). The checklist's answers arrive by
//! a plain form route (`server::inspection_form`), which the phone's offline queue also uses.
mod calendar;
mod detail;
mod findings;
mod plans;
mod steps;
mod templates;

pub use calendar::*;
pub use detail::*;
pub use findings::*;
pub use plans::*;
pub use steps::*;
pub use templates::*;

/// "YYYY-MM-DD HH:MM" in `tz`.
#[cfg(feature = "ssr")]
pub(crate) fn local(at: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}
