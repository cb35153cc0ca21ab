//! Service contracts: the contract form of the admin pages, what an administrator types, checked field by field
//! and turned into the terms a contract stores (tier, [`BusinessCalendar`], [`TimeLimits`])
//! and its validity period. Pure, so the server decides with it and the page pre-fills and
//! explains with it.
//!
//! Rules (shared/DOMAIN.md, "Service tiers and time limits"):
//! - The calendar kind follows the tier: A counts 7x24, B business hours every day (7x8), C
//!   business hours on working days (5x8). Hours, holidays and moved working days are stored
//!   whatever the tier, so switching a contract from A to B and back loses nothing; 7x24
//!   ignores them and 7x8 ignores moved working days.
//! - Time limits are whole minutes of counted time, from 1 minute to [`MAX_LIMIT_MINUTES`].
//!   A less severe fault never gets less time than a more severe one: the contract table
//!   never decreases from severity 1 to 3 (tier C gives severities 2 and 3 the same 72 h, so
//!   equal is allowed). The first response is due no later than a critical fault must be
//!   resolved.
//! - Validity is a period of whole days, both ends included; no end date means open-ended.
//!   An organization has at most one contract on any day ([`overlapping`]): to change terms
//!   from a date, end the current contract the day before and create the next one. So which
//!   contract a new request uses is never ambiguous.
//! - A date may not be both a public holiday and a moved working day.
//!
//! Every problem is a [`FieldError`] on the input it concerns, with one of the shared
//! [`ErrorCode`]s; [`Problem`] names the contract-specific meaning of each (field, code) pair
//! so the page can say exactly what is wrong (see [`Problem::of`]). Two problems concern a
//! pair of inputs and are reported on their group: [`field::VALIDITY`] (the period overlaps
//!
//! - [`form`]: the form as posted ([`ContractInput`]) and as checked ([`ValidContract`]).
//! - [`validate`]: [`ContractInput::validate`], every field's checks.
//! - [`problem`]: what can be wrong with an input ([`Problem`]) and its shared error code.
//! - [`period`]: validity periods, which contract is in force ([`in_force`], [`standing`]).
//! - [`field`]: the input names.
//!
//! Dates, times and zones are read by [`crate::dates`], which training sessions share.
pub mod field;
pub mod form;
pub mod period;
pub mod problem;
pub mod validate;

pub use form::{ContractFields, ContractInput, ValidContract, MAX_LIMIT_MINUTES, ON_SITE_NEXT_DAY, ON_SITE_WITHIN};
pub use period::{in_force, overlapping, standing, Period, Standing};
pub use problem::Problem;

#[cfg(test)]
mod tests;
