//! Automatic severity upgrades when a resolution limit is missed (3 to 2 to 1).
//!
//! The upgrade takes effect at the missed deadline, not when a job notices it, and the new
//! resolution clock starts there with the new severity's limit. So the chain of upgrades is a
//! pure function of the facts, and a job that was down for a while catches up to the same
//! instants it would have recorded on time.
use chrono::{DateTime, Utc};

use super::calendar::BusinessCalendar;
use super::limits::TimeLimits;
use super::tier::Severity;

/// The severity after a breach at `breached_at` and its resolution deadline, counted from
/// the breach. `None` at severity 1 (escalated to people instead) or when the calendar never
/// counts enough time for a deadline.
pub fn escalate(calendar: &BusinessCalendar, limits: &TimeLimits, severity: Severity, breached_at: DateTime<Utc>) -> Option<(Severity, DateTime<Utc>)> {
    let upgraded = severity.upgraded()?;
    let due = calendar.add_business_time(breached_at, limits.resolution_secs(upgraded))?;
    Some((upgraded, due))
}

/// Every upgrade due by `now` for a fault of `severity` whose resolution deadline is
/// `deadline`, in order: `(new severity, upgraded at = the deadline missed, new deadline)`.
/// A deadline breaches when `now` is strictly after it, as in
/// [`clock_status`](super::clock_status).
///
/// Idempotent by construction: once the caller has stored the last entry's severity and
/// deadline, calling again with those returns nothing until that deadline is missed in turn.
/// Pauses after the missed deadline are not seen here; when a ticket has them, the caller
/// recomputes the new clock with [`deadline`](super::deadline) from the upgraded-at instant.
pub fn upgrades_due(
    calendar: &BusinessCalendar,
    limits: &TimeLimits,
    severity: Severity,
    deadline: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<(Severity, DateTime<Utc>, DateTime<Utc>)> {
    let mut upgrades = Vec::new();
    let (mut severity, mut deadline) = (severity, deadline);
    // At most two steps exist (3 to 2 to 1); `escalate` returning None ends the chain.
    while now > deadline {
        let Some((upgraded, next_deadline)) = escalate(calendar, limits, severity, deadline) else {
            break;
        };
        upgrades.push((upgraded, deadline, next_deadline));
        (severity, deadline) = (upgraded, next_deadline);
    }
    upgrades
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::test_support::*;
    use crate::sla::tier::Tier;

    fn tier(tier: Tier) -> (BusinessCalendar, TimeLimits) {
        (national_day_2026(tier.coverage()), TimeLimits::default_for(tier))
    }

    #[test]
    fn escalate_table() {
        // (tier, severity, breached at, new severity and its deadline)
        let table = [
            (Tier::A, Severity::Minor, "2026-09-07 09:00", Some((Severity::Major, "2026-09-08 09:00"))),
            (Tier::A, Severity::Major, "2026-09-08 09:00", Some((Severity::Critical, "2026-09-08 11:00"))),
            (Tier::A, Severity::Critical, "2026-09-08 11:00", None),
            // 24 business hours of 7x8 = three days, weekend included.
            (Tier::B, Severity::Minor, "2026-09-11 13:00", Some((Severity::Major, "2026-09-14 13:00"))),
            (Tier::B, Severity::Major, "2026-09-14 13:00", Some((Severity::Critical, "2026-09-14 17:00"))),
            (Tier::B, Severity::Critical, "2026-09-14 17:00", None),
            // A breach at the close: the new clock starts at the next opening.
            (Tier::C, Severity::Minor, "2026-09-30 17:00", Some((Severity::Major, "2026-10-19 17:00"))),
            (Tier::C, Severity::Major, "2026-09-30 12:00", Some((Severity::Critical, "2026-10-08 12:00"))),
            (Tier::C, Severity::Critical, "2026-10-08 12:00", None),
        ];
        for (t, severity, breached, expected) in table {
            let (cal, limits) = tier(t);
            let got = escalate(&cal, &limits, severity, sh(breached));
            let expected = expected.map(|(s, due)| (s, sh(due)));
            assert_eq!(got, expected, "{t:?} {severity:?} breached {breached}");
        }
    }

    #[test]
    fn nothing_is_due_before_or_at_the_deadline() {
        let (cal, limits) = tier(Tier::B);
        let due = sh("2026-09-07 13:00");
        for now in ["2026-09-07 09:00", "2026-09-07 12:59", "2026-09-07 13:00"] {
            assert!(upgrades_due(&cal, &limits, Severity::Minor, due, sh(now)).is_empty(), "{now}");
        }
    }

    #[test]
    fn upgrades_due_catches_up_one_and_two_steps() {
        // Tier B minor fault due Monday 13:00; as major it gets 24 h (to Thursday 13:00), as
        // critical 4 h (to Thursday 17:00).
        let (cal, limits) = tier(Tier::B);
        let due = sh("2026-09-07 13:00");
        let major = (Severity::Major, due, sh("2026-09-10 13:00"));
        let critical = (Severity::Critical, sh("2026-09-10 13:00"), sh("2026-09-10 17:00"));
        let table = [
            ("a minute late", "2026-09-07 13:01", vec![major]),
            ("just before the second breach", "2026-09-10 13:00", vec![major]),
            ("past both", "2026-09-10 13:01", vec![major, critical]),
            ("long after: critical is the ceiling", "2026-12-31 00:00", vec![major, critical]),
        ];
        for (case, now, expected) in table {
            assert_eq!(upgrades_due(&cal, &limits, Severity::Minor, due, sh(now)), expected, "{case}");
        }
    }

    #[test]
    fn applying_the_upgrades_and_asking_again_adds_nothing() {
        let (cal, limits) = tier(Tier::C);
        let now = sh("2026-10-20 12:00");
        let first = upgrades_due(&cal, &limits, Severity::Minor, sh("2026-09-29 09:00"), now);
        assert_eq!(first.len(), 2);
        let &(severity, _, deadline) = first.last().unwrap();
        assert_eq!(severity, Severity::Critical);
        assert!(upgrades_due(&cal, &limits, severity, deadline, now).is_empty());
        // A job that ran in between, after the first breach only, ends in the same place.
        let (s1, at1, d1) = first[0];
        let just_after_first = at1 + chrono::TimeDelta::minutes(1);
        let early = upgrades_due(&cal, &limits, Severity::Minor, sh("2026-09-29 09:00"), just_after_first);
        assert_eq!(early, vec![(s1, at1, d1)]);
        assert_eq!(upgrades_due(&cal, &limits, s1, d1, now), first[1..].to_vec());
    }

    #[test]
    fn a_critical_fault_is_never_upgraded() {
        let (cal, limits) = tier(Tier::A);
        let (due, now) = (sh("2026-09-07 11:00"), sh("2027-01-01 00:00"));
        assert!(upgrades_due(&cal, &limits, Severity::Critical, due, now).is_empty());
    }
}
