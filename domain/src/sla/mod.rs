//! SLA clocks: the time limits of a service contract and how they are counted.
//!
//! Pure and deterministic: nothing here reads the system clock, the current instant is always
//! a `now` parameter, and there is no I/O or threading, so the same code runs on the server
//! and, compiled to WebAssembly, in the browser.
//!
//! - [`tier`]: tiers (A, B, C), severities (1 to 3) and the clock coverage of each tier.
//! - [`limits`]: the contract's time limits ([`TimeLimits`]), defaulting to the tier table.
//! - [`calendar`]: the contract's business calendar and counted-time arithmetic.
//! - [`clock`]: pauses, deadlines and [`clock_status`], the one function that says where a
//!   clock stands. The server calls it to store deadlines and judge breaches, the browser
//!   calls it every second to tick the countdown; given the same recorded facts they agree
//!   to the second.
//! - [`escalation`]: automatic severity upgrades when a resolution limit is missed.
//!
//! All instants are UTC; local times (business hours, holidays, "the next day") are read in
//! the calendar's time zone, daylight-saving changes included.
pub mod calendar;
pub mod clock;
pub mod contract;
pub mod escalation;
pub mod limits;
pub mod tier;

#[cfg(test)]
pub(crate) mod test_support;

pub use calendar::BusinessCalendar;
pub use clock::{clock_status, deadline, ClockState, ClockStatus, Pause};
pub use escalation::{escalate, upgrades_due};
pub use limits::{OnSiteLimit, ResolutionMinutes, TimeLimits};
pub use tier::{CoverageKind, Severity, Tier};
