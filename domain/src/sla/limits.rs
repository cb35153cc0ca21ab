//! The time limits a contract commits to (shared/DOMAIN.md, "Service tiers and time limits").
//!
//! Limits are counted time on the contract's calendar, not wall time: tier B's "4 hours on
//! site" means 4 business hours. They are stored per contract as JSON, starting from the
//! tier's defaults, so a negotiated contract can change a figure without a code change.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::calendar::BusinessCalendar;
use super::tier::{Severity, Tier};

/// How soon an engineer must be on site after the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OnSiteLimit {
    /// Within this much counted time.
    Within { minutes: u32 },
    /// "By the next day": by the close of business of the next working day
    /// (see [`BusinessCalendar::end_of_next_working_day`]).
    NextWorkingDayEnd,
}

/// Resolution limits in counted minutes, one per severity. Named fields rather than an array
/// so the stored JSON says which is which.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ResolutionMinutes {
    pub critical: u32,
    pub major: u32,
    pub minor: u32,
}

impl ResolutionMinutes {
    pub fn get(&self, severity: Severity) -> u32 {
        match severity {
            Severity::Critical => self.critical,
            Severity::Major => self.major,
            Severity::Minor => self.minor,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimeLimits {
    /// First response (remote), counted on the tier's clock like every other limit.
    pub first_response_minutes: u32,
    pub on_site: OnSiteLimit,
    pub resolution_minutes: ResolutionMinutes,
    /// The complaint clocks (acknowledge, answer) in working days; contracts stored before
    /// they were editable read as the defaults, 1 and 5.
    #[serde(default)]
    pub complaint: crate::complaint::ComplaintClocks,
}

const HOUR: u32 = 60;

impl TimeLimits {
    /// The figures of the contract table for a tier.
    pub fn default_for(tier: Tier) -> TimeLimits {
        let (on_site, critical, major, minor) = match tier {
            Tier::A => (OnSiteLimit::Within { minutes: 2 * HOUR }, 2, 24, 48),
            Tier::B => (OnSiteLimit::Within { minutes: 4 * HOUR }, 4, 24, 48),
            Tier::C => (OnSiteLimit::NextWorkingDayEnd, 8, 72, 72),
        };
        TimeLimits {
            first_response_minutes: 10,
            on_site,
            resolution_minutes: ResolutionMinutes { critical: critical * HOUR, major: major * HOUR, minor: minor * HOUR },
            complaint: crate::complaint::ComplaintClocks::default(),
        }
    }

    pub fn first_response_secs(&self) -> i64 {
        i64::from(self.first_response_minutes) * 60
    }

    pub fn resolution_secs(&self, severity: Severity) -> i64 {
        i64::from(self.resolution_minutes.get(severity)) * 60
    }

    /// When the first response is due for a report at `reported_at`, before any pause.
    pub fn first_response_due(&self, calendar: &BusinessCalendar, reported_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        calendar.add_business_time(reported_at, self.first_response_secs())
    }

    /// When an engineer must be on site for a report at `reported_at`.
    pub fn on_site_due(&self, calendar: &BusinessCalendar, reported_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self.on_site {
            OnSiteLimit::Within { minutes } => calendar.add_business_time(reported_at, i64::from(minutes) * 60),
            OnSiteLimit::NextWorkingDayEnd => calendar.end_of_next_working_day(reported_at),
        }
    }

    /// When a fault of `severity` reported at `reported_at` must be resolved, before any pause.
    pub fn resolution_due(&self, calendar: &BusinessCalendar, severity: Severity, reported_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        calendar.add_business_time(reported_at, self.resolution_secs(severity))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::test_support::*;

    #[test]
    fn default_resolution_limits_are_the_contract_table() {
        // (severity, A, B, C) in hours, as in shared/DOMAIN.md.
        let table = [(Severity::Critical, 2, 4, 8), (Severity::Major, 24, 24, 72), (Severity::Minor, 48, 48, 72)];
        for (severity, a, b, c) in table {
            for (tier, hours) in [(Tier::A, a), (Tier::B, b), (Tier::C, c)] {
                let limits = TimeLimits::default_for(tier);
                assert_eq!(limits.resolution_secs(severity), hours * 3600, "{tier:?} {severity:?}");
            }
        }
    }

    #[test]
    fn default_first_response_and_on_site_limits() {
        let table =
            [(Tier::A, OnSiteLimit::Within { minutes: 120 }), (Tier::B, OnSiteLimit::Within { minutes: 240 }), (Tier::C, OnSiteLimit::NextWorkingDayEnd)];
        for (tier, on_site) in table {
            let limits = TimeLimits::default_for(tier);
            assert_eq!(limits.on_site, on_site, "{tier:?}");
            assert_eq!(limits.first_response_secs(), 600, "{tier:?}");
        }
    }

    #[test]
    fn every_tier_and_severity_resolution_deadline_from_a_monday_morning() {
        // Reported Monday 7 September 2026, 09:00 Beijing time, each tier on its own clock.
        let reported = sh("2026-09-07 09:00");
        let table = [
            (Tier::A, Severity::Critical, "2026-09-07 11:00"),
            (Tier::A, Severity::Major, "2026-09-08 09:00"),
            (Tier::A, Severity::Minor, "2026-09-09 09:00"),
            (Tier::B, Severity::Critical, "2026-09-07 13:00"),
            // 3 business days of 7x8: Mon, Tue, Wed.
            (Tier::B, Severity::Major, "2026-09-09 17:00"),
            // 6 business days of 7x8, Saturday included.
            (Tier::B, Severity::Minor, "2026-09-12 17:00"),
            (Tier::C, Severity::Critical, "2026-09-07 17:00"),
            // 9 working days: Mon–Fri, then Mon–Thu.
            (Tier::C, Severity::Major, "2026-09-17 17:00"),
            (Tier::C, Severity::Minor, "2026-09-17 17:00"),
        ];
        for (tier, severity, expected) in table {
            let cal = plain(tier.coverage());
            let got = TimeLimits::default_for(tier).resolution_due(&cal, severity, reported);
            assert_eq!(got, Some(sh(expected)), "{tier:?} {severity:?}");
        }
    }

    #[test]
    fn first_response_is_ten_minutes_on_the_tier_clock() {
        // (reported, A, B, C)
        let table = [
            ("2026-09-07 09:00", "2026-09-07 09:10", "2026-09-07 09:10", "2026-09-07 09:10"),
            ("2026-09-07 16:55", "2026-09-07 17:05", "2026-09-08 09:05", "2026-09-08 09:05"),
            ("2026-09-12 23:55", "2026-09-13 00:05", "2026-09-13 09:10", "2026-09-14 09:10"),
        ];
        for (reported, a, b, c) in table {
            for (tier, expected) in [(Tier::A, a), (Tier::B, b), (Tier::C, c)] {
                let cal = plain(tier.coverage());
                let got = TimeLimits::default_for(tier).first_response_due(&cal, sh(reported));
                assert_eq!(got, Some(sh(expected)), "{tier:?} reported {reported}");
            }
        }
    }

    #[test]
    fn on_site_deadlines_per_tier() {
        // (tier, reported, on site by), on the National Day 2026 calendar.
        let table = [
            (Tier::A, "2026-09-07 15:00", "2026-09-07 17:00"),
            (Tier::A, "2026-10-01 23:30", "2026-10-02 01:30"),
            (Tier::B, "2026-09-07 10:00", "2026-09-07 14:00"),
            (Tier::B, "2026-09-07 15:00", "2026-09-08 11:00"),
            (Tier::B, "2026-09-12 15:00", "2026-09-13 11:00"),
            (Tier::B, "2026-09-30 15:00", "2026-10-08 11:00"),
            (Tier::C, "2026-09-07 15:00", "2026-09-08 17:00"),
            (Tier::C, "2026-09-11 15:00", "2026-09-14 17:00"),
            (Tier::C, "2026-09-12 15:00", "2026-09-15 17:00"),
            (Tier::C, "2026-09-30 15:00", "2026-10-08 17:00"),
        ];
        for (tier, reported, expected) in table {
            let cal = national_day_2026(tier.coverage());
            let got = TimeLimits::default_for(tier).on_site_due(&cal, sh(reported));
            assert_eq!(got, Some(sh(expected)), "{tier:?} reported {reported}");
        }
    }

    #[test]
    fn limits_round_trip_through_json_with_readable_names() {
        for tier in Tier::ALL {
            let limits = TimeLimits::default_for(tier);
            let json = serde_json::to_string(&limits).unwrap();
            let back: TimeLimits = serde_json::from_str(&json).unwrap();
            assert_eq!(back, limits);
        }
        let json = serde_json::to_value(TimeLimits::default_for(Tier::B)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "first_response_minutes": 10,
                "on_site": { "kind": "within", "minutes": 240 },
                "resolution_minutes": { "critical": 240, "major": 1440, "minor": 2880 },
                "complaint": { "ack_days": 1, "answer_days": 5 }
            })
        );
        let c = serde_json::to_value(TimeLimits::default_for(Tier::C)).unwrap();
        assert_eq!(c["on_site"], serde_json::json!({ "kind": "next_working_day_end" }));
    }
}
