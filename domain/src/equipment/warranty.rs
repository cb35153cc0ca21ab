//! Whether a device's warranty still covers it on a given day (the day in the contract's
//! zone: a warranty ends at the end of its last day there).
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The zone a warranty's last day ends in, and device times are shown in: the provider's
/// (every contract in the seeds is in it; another zone would move the boundary by hours).
pub const WARRANTY_TZ: chrono_tz::Tz = chrono_tz::Asia::Shanghai;

/// "Ending soon" means within this many days, the filter the device list offers.
pub const ENDING_SOON_DAYS: i64 = 90;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Warranty {
    /// No end date recorded.
    Unknown,
    /// The last covered day has passed.
    Expired {
        since_days: i64,
    },
    /// Covered, and the last covered day is at most `ENDING_SOON_DAYS` away (0: today).
    EndingSoon {
        days_left: i64,
    },
    Covered {
        days_left: i64,
    },
}

/// The warranty state of a device whose warranty ends on `end` (its last covered day).
pub fn warranty(end: Option<NaiveDate>, today: NaiveDate) -> Warranty {
    let Some(end) = end else { return Warranty::Unknown };
    let days_left = (end - today).num_days();
    if days_left < 0 {
        Warranty::Expired { since_days: -days_left }
    } else if days_left <= ENDING_SOON_DAYS {
        Warranty::EndingSoon { days_left }
    } else {
        Warranty::Covered { days_left }
    }
}

/// The list filter on warranty, posted as `warranty=<name>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarrantyFilter {
    Expired,
    EndingSoon,
}

impl WarrantyFilter {
    pub const ALL: [WarrantyFilter; 2] = [WarrantyFilter::Expired, WarrantyFilter::EndingSoon];

    pub fn as_str(self) -> &'static str {
        match self {
            WarrantyFilter::Expired => "expired",
            WarrantyFilter::EndingSoon => "ending_soon",
        }
    }

    pub fn parse(s: &str) -> Option<WarrantyFilter> {
        WarrantyFilter::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The warranty end dates the filter keeps, as an inclusive range (`None`: unbounded), so
    /// the database answers it with an index rather than the list being filtered in memory.
    pub fn end_range(self, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        match self {
            WarrantyFilter::Expired => (None, today.pred_opt()),
            WarrantyFilter::EndingSoon => (Some(today), today.checked_add_signed(chrono::Duration::days(ENDING_SOON_DAYS))),
        }
    }

    pub fn keeps(self, w: Warranty) -> bool {
        matches!((self, w), (WarrantyFilter::Expired, Warranty::Expired { .. }) | (WarrantyFilter::EndingSoon, Warranty::EndingSoon { .. }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_boundary() {
        let today = d("2026-11-30");
        assert_eq!(warranty(None, today), Warranty::Unknown);
        assert_eq!(warranty(Some(d("2026-11-29")), today), Warranty::Expired { since_days: 1 });
        assert_eq!(warranty(Some(d("2025-11-30")), today), Warranty::Expired { since_days: 365 });
        // The last day is still covered.
        assert_eq!(warranty(Some(today), today), Warranty::EndingSoon { days_left: 0 });
        assert_eq!(warranty(Some(d("2027-02-28")), today), Warranty::EndingSoon { days_left: 90 });
        assert_eq!(warranty(Some(d("2027-03-01")), today), Warranty::Covered { days_left: 91 });
    }

    #[test]
    fn the_filter_range_keeps_exactly_what_the_state_says() {
        let today = d("2026-11-30");
        for offset in -400..400 {
            let end = today + chrono::Duration::days(offset);
            let state = warranty(Some(end), today);
            for f in WarrantyFilter::ALL {
                let (from, to) = f.end_range(today);
                let in_range = from.is_none_or(|from| end >= from) && to.is_none_or(|to| end <= to);
                assert_eq!(in_range, f.keeps(state), "{f:?} {end} {state:?}");
            }
        }
        for f in WarrantyFilter::ALL {
            assert_eq!(WarrantyFilter::parse(f.as_str()), Some(f));
            assert!(!f.keeps(Warranty::Unknown));
        }
    }
}
