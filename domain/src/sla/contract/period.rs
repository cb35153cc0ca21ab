//! Validity periods: an organization has at most one contract on any day, and which one is
//! in force.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One contract's validity period, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub id: i32,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
}

impl Period {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_until.is_none_or(|u| day <= u)
    }

    fn overlaps(&self, from: NaiveDate, until: Option<NaiveDate>) -> bool {
        self.valid_until.is_none_or(|u| from <= u) && until.is_none_or(|u| self.valid_from <= u)
    }
}

/// The first of `others` (another contract of the same organization, `except` being the one
/// edited) whose period shares a day with `from..=until`; `Some` is an error at
/// [`super::field::VALIDITY`] ([`super::Problem::Overlaps`]).
pub fn overlapping(from: NaiveDate, until: Option<NaiveDate>, others: &[Period], except: Option<i32>) -> Option<Period> {
    others.iter().filter(|p| Some(p.id) != except).find(|p| p.overlaps(from, until)).copied()
}

/// The contract in force on `day` among an organization's, by the rule the server uses when
/// a request is opened (`db::repo::contracts::in_force`): of those valid that day, the one
/// that started last (the newest on a tie).
pub fn in_force(periods: &[Period], day: NaiveDate) -> Option<i32> {
    periods.iter().filter(|p| p.contains(day)).max_by_key(|p| (p.valid_from, p.id)).map(|p| p.id)
}

/// Where a contract stands on `day`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The one new requests get.
    InForce,
    /// Starts later.
    Upcoming,
    /// Ended, or replaced by one that started later.
    NotInForce,
}

pub fn standing(period: &Period, all: &[Period], day: NaiveDate) -> Standing {
    if in_force(all, day) == Some(period.id) {
        Standing::InForce
    } else if period.valid_from > day {
        Standing::Upcoming
    } else {
        Standing::NotInForce
    }
}
