//! A contract's inspection plan and the inspections it promises in a year.
//!
//! Generation is a pure function of the plan, the year, the contract's validity and calendar:
//! every inspection has a key (`site`, `slot`) such as (12, "2027-Q1"), so generating again, on
//! another instance or after a restart, finds the same keys and adds nothing twice (the table
//! has a unique index on them). A plan changed mid-year applies from the day it changed:
//! [`reconcile`] keeps what is already past or under way and swaps only future inspections
//! that nobody has been told about yet.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::workdays;
use crate::{equipment::DeviceCategory, sla::BusinessCalendar};

pub const DEFAULT_NOTICE_DAYS: u32 = 15;
pub const DEFAULT_REPORT_DAYS: u32 = 3;
/// Notice periods and report deadlines longer than this are typing mistakes.
pub const MAX_DAYS: u32 = 60;
/// The day of the month a regular inspection is planned for (moved to the next working day):
/// mid-period leaves room on both sides for the dispatcher to move it.
pub const PLANNED_DAY: u32 = 15;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    Monthly,
    Quarterly,
    HalfYearly,
}

impl Frequency {
    pub const ALL: [Frequency; 3] = [Frequency::Monthly, Frequency::Quarterly, Frequency::HalfYearly];

    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::HalfYearly => "half_yearly",
        }
    }

    pub fn parse(s: &str) -> Option<Frequency> {
        Frequency::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// Months per period.
    fn months(self) -> u32 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::HalfYearly => 6,
        }
    }

    /// The periods of `year`: key, first and last day.
    pub fn periods(self, year: i32) -> Vec<Period> {
        let m = self.months();
        (0..12 / m)
            .filter_map(|i| {
                let start = NaiveDate::from_ymd_opt(year, 1 + i * m, 1)?;
                let end = if i * m + m >= 12 { NaiveDate::from_ymd_opt(year, 12, 31)? } else { NaiveDate::from_ymd_opt(year, 1 + i * m + m, 1)?.pred_opt()? };
                let key = match self {
                    Frequency::Monthly => format!("{year}-M{:02}", i + 1),
                    Frequency::Quarterly => format!("{year}-Q{}", i + 1),
                    Frequency::HalfYearly => format!("{year}-H{}", i + 1),
                };
                Some(Period { key, start, end })
            })
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub key: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    /// The planned day: the 15th of the period's middle month (of its only month, monthly),
    /// or the next working day.
    fn planned(&self, cal: &BusinessCalendar) -> Option<NaiveDate> {
        let months = (self.end.year() - self.start.year()) * 12 + self.end.month() as i32 - self.start.month() as i32 + 1;
        let middle = self.start.checked_add_months(chrono::Months::new((months as u32 - 1) / 2))?;
        let day = middle.with_day(PLANNED_DAY)?;
        workdays::on_or_after(cal, day).filter(|d| *d <= self.end)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InspectionKind {
    /// One of the plan's regular inspections.
    Regular,
    /// The first, complete inspection when the contract starts: its report builds the site's
    /// equipment archive, so it covers every device category.
    Initial,
    /// Before one of the customer's assurance periods.
    BeforeAssurance,
}

impl InspectionKind {
    pub const ALL: [InspectionKind; 3] = [InspectionKind::Regular, InspectionKind::Initial, InspectionKind::BeforeAssurance];

    pub fn as_str(self) -> &'static str {
        match self {
            InspectionKind::Regular => "regular",
            InspectionKind::Initial => "initial",
            InspectionKind::BeforeAssurance => "before_assurance",
        }
    }

    pub fn parse(s: &str) -> Option<InspectionKind> {
        InspectionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A contract's plan, as stored (JSON) and edited by managers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSettings {
    pub frequency: Frequency,
    /// The sites inspected; empty means every site of the organization.
    pub sites: Vec<i32>,
    /// The device categories checked; empty means all.
    pub categories: Vec<DeviceCategory>,
    pub notice_days: u32,
    pub report_days: u32,
    /// Whether the contract's start brings a first, complete inspection.
    pub initial: bool,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings {
            frequency: Frequency::Quarterly,
            sites: vec![],
            categories: vec![],
            notice_days: DEFAULT_NOTICE_DAYS,
            report_days: DEFAULT_REPORT_DAYS,
            initial: true,
        }
    }
}

impl PlanSettings {
    /// Whether a device of `category` is checked under this plan.
    pub fn covers(&self, category: DeviceCategory, kind: InspectionKind) -> bool {
        kind == InspectionKind::Initial || self.categories.is_empty() || self.categories.contains(&category)
    }

    /// The plan's sites among the organization's `all` sites (all when the plan names none,
    /// and never a site that is not the organization's).
    pub fn sites_of(&self, all: &[i32]) -> Vec<i32> {
        all.iter().copied().filter(|s| self.sites.is_empty() || self.sites.contains(s)).collect()
    }
}

/// One inspection a plan asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub site_id: i32,
    /// Unique per plan and site: "2027-Q1", or "initial".
    pub slot: String,
    pub kind: InspectionKind,
    pub date: NaiveDate,
}

/// What the generator needs to know of the contract.
pub struct ContractSpan<'a> {
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub calendar: &'a BusinessCalendar,
}

impl ContractSpan<'_> {
    fn covers(&self, d: NaiveDate) -> bool {
        d >= self.valid_from && self.valid_until.is_none_or(|u| d <= u)
    }
}

/// The inspections `plan` asks for in `year`, for each of `sites`, on days on or after `from`
/// (the day the plan took effect: a plan changed mid-year plans nothing before it). A period
/// whose planned day falls outside the contract is skipped; the first, complete inspection is
/// planned `notice_days` working days after the contract starts (it cannot be announced any
/// sooner) and takes the place of a regular one in the same period.
pub fn generate(plan: &PlanSettings, year: i32, sites: &[i32], contract: &ContractSpan, from: NaiveDate) -> Vec<Planned> {
    let cal = contract.calendar;
    let initial = (plan.initial && contract.valid_from.year() == year)
        .then(|| workdays::add(cal, contract.valid_from, plan.notice_days))
        .flatten()
        .filter(|d| contract.covers(*d) && *d >= from);
    let mut out = vec![];
    for &site_id in sites {
        if let Some(date) = initial {
            out.push(Planned { site_id, slot: "initial".into(), kind: InspectionKind::Initial, date });
        }
        for p in plan.frequency.periods(year) {
            let Some(date) = p.planned(cal) else { continue };
            let replaced_by_initial = initial.is_some_and(|i| i >= p.start && i <= p.end);
            if contract.covers(date) && date >= from && !replaced_by_initial {
                out.push(Planned { site_id, slot: p.key, kind: InspectionKind::Regular, date });
            }
        }
    }
    out
}

/// An inspection already stored for the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Existing {
    pub id: i32,
    pub site_id: i32,
    pub slot: String,
    pub date: NaiveDate,
    /// Still only planned: nobody was told, nobody went.
    pub untouched: bool,
}

/// What to store after generating `year`: the wanted inspections not stored yet, and the ids
/// of stored regular ones of that year to cancel (future, untouched, and no longer wanted: a
/// frequency changed, a site taken off the plan). Inspections before `from`, of another year,
/// the first one, or already announced or done, stay.
pub fn reconcile(year: i32, wanted: &[Planned], existing: &[Existing], from: NaiveDate) -> (Vec<Planned>, Vec<i32>) {
    // Only the year's regular slots ("2027-Q3"): the first inspection and those before an
    // assurance period are not the calendar's to take back.
    let prefix = format!("{year}-");
    let has = |site: i32, slot: &str| existing.iter().any(|e| e.site_id == site && e.slot == slot);
    let add = wanted.iter().filter(|w| !has(w.site_id, &w.slot)).cloned().collect();
    let cancel = existing
        .iter()
        .filter(|e| e.untouched && e.slot.starts_with(&prefix) && e.date >= from && !wanted.iter().any(|w| w.site_id == e.site_id && w.slot == e.slot))
        .map(|e| e.id)
        .collect();
    (add, cancel)
}

#[cfg(test)]
mod tests;
