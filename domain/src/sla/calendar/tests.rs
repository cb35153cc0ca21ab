//! Tables for the business calendar, in Beijing (and Berlin) wall-clock time.
use chrono::{NaiveTime, TimeDelta};

use super::*;
use crate::sla::test_support::*;

use CoverageKind::{AllDay7x24 as H24, BusinessHours5x8 as B5, BusinessHours7x8 as B7};

#[test]
fn working_days_follow_the_coverage_holidays_and_moved_days() {
    // (date, what it is, 7x24, 7x8, 5x8)
    let table = [
        ("2026-09-07", "a Monday", true, true, true),
        ("2026-09-12", "a Saturday", true, true, false),
        ("2026-09-13", "a Sunday", true, true, false),
        ("2026-09-27", "Sunday worked for National Day", true, true, true),
        ("2026-10-01", "National Day, a Thursday", true, false, false),
        ("2026-10-04", "holiday on a Sunday", true, false, false),
        ("2026-10-07", "last day of the holiday", true, false, false),
        ("2026-10-08", "first day back", true, true, true),
        ("2026-10-10", "Saturday worked for National Day", true, true, true),
        ("2026-10-11", "the Sunday after", true, true, false),
    ];
    for (day, what, all_day, seven, five) in table {
        let expected = [(H24, all_day), (B7, seven), (B5, five)];
        for (coverage, working) in expected {
            let cal = national_day_2026(coverage);
            assert_eq!(cal.is_working_day(date(day)), working, "{day} ({what}) {coverage:?}");
        }
    }
}

#[test]
fn a_holiday_that_is_also_a_moved_working_day_stays_a_holiday() {
    let cal = plain(B5).with_holidays([date("2026-09-27")]).with_extra_working_days([date("2026-09-27")]);
    assert!(!cal.is_working_day(date("2026-09-27")));
}

#[test]
fn add_business_time_table() {
    // (case, coverage, start, counted seconds, expected end), all Beijing time, on the
    // National Day 2026 calendar.
    let table: &[(&str, CoverageKind, &str, i64, &str)] = &[
        ("inside hours", B5, "2026-09-07 10:00", 2 * HOUR, "2026-09-07 12:00"),
        ("inside hours", B7, "2026-09-07 10:00", 2 * HOUR, "2026-09-07 12:00"),
        ("inside hours", H24, "2026-09-07 10:00", 2 * HOUR, "2026-09-07 12:00"),
        ("a full day ends at the close", B5, "2026-09-07 09:00", 8 * HOUR, "2026-09-07 17:00"),
        ("one second more rolls over", B5, "2026-09-07 09:00", 8 * HOUR + 1, "2026-09-08 09:00:01"),
        ("night start waits for opening", B5, "2026-09-07 22:00", HOUR, "2026-09-08 10:00"),
        ("night start waits for opening", B7, "2026-09-07 22:00", HOUR, "2026-09-08 10:00"),
        ("night counts round the clock", H24, "2026-09-07 22:00", HOUR, "2026-09-07 23:00"),
        ("early morning start", B7, "2026-09-08 06:30", 30 * MIN, "2026-09-08 09:30"),
        ("zero at the close is next opening", B5, "2026-09-07 17:00", 0, "2026-09-08 09:00"),
        ("zero inside hours is the start", B5, "2026-09-07 12:34", 0, "2026-09-07 12:34"),
        ("negative counts as zero", B5, "2026-09-07 12:34", -HOUR, "2026-09-07 12:34"),
        ("Saturday start, 5x8 waits for Monday", B5, "2026-09-12 10:00", HOUR, "2026-09-14 10:00"),
        ("Saturday start, 7x8 counts Saturday", B7, "2026-09-12 10:00", HOUR, "2026-09-12 11:00"),
        ("Friday afternoon, 5x8 crosses weekend", B5, "2026-09-11 15:00", 4 * HOUR, "2026-09-14 11:00"),
        ("Friday afternoon, 7x8 works Saturday", B7, "2026-09-11 15:00", 4 * HOUR, "2026-09-12 11:00"),
        ("Friday afternoon, 7x24", H24, "2026-09-11 15:00", 4 * HOUR, "2026-09-11 19:00"),
        ("National Day skipped, 5x8", B5, "2026-09-30 15:00", 4 * HOUR, "2026-10-08 11:00"),
        ("National Day skipped, 7x8", B7, "2026-09-30 15:00", 4 * HOUR, "2026-10-08 11:00"),
        ("7x24 ignores holidays", H24, "2026-09-30 15:00", 4 * HOUR, "2026-09-30 19:00"),
        // 9 working days: 29, 30 Sep; 8, 9, 10 (moved), 12, 13, 14, 15 Oct.
        ("72 h of 5x8 over the holiday", B5, "2026-09-29 09:00", 72 * HOUR, "2026-10-15 17:00"),
        // 9 days: 29, 30 Sep; 8–14 Oct.
        ("72 h of 7x8 over the holiday", B7, "2026-09-29 09:00", 72 * HOUR, "2026-10-14 17:00"),
        ("moved Sunday worked, 5x8", B5, "2026-09-25 15:00", 4 * HOUR, "2026-09-27 11:00"),
        ("moved Saturday worked, 5x8", B5, "2026-10-09 15:00", 4 * HOUR, "2026-10-10 11:00"),
        ("start on the moved Sunday", B5, "2026-09-27 08:00", HOUR, "2026-09-27 10:00"),
    ];
    for &(case, coverage, start, secs, expected) in table {
        let got = national_day_2026(coverage).add_business_time(sh(start), secs);
        assert_eq!(got.map(|t| show(SHANGHAI, t)), Some(show(SHANGHAI, sh(expected))), "{case}: {coverage:?} {start} + {secs}s");
    }
}

#[test]
fn without_the_moved_sunday_5x8_waits_for_monday() {
    let got = plain(B5).add_business_time(sh("2026-09-25 15:00"), 4 * HOUR);
    assert_eq!(got, Some(sh("2026-09-28 11:00")));
}

#[test]
fn business_secs_between_table() {
    // (case, coverage, from, to, counted seconds)
    let table: &[(&str, CoverageKind, &str, &str, i64)] = &[
        ("empty span", B5, "2026-09-07 10:00", "2026-09-07 10:00", 0),
        ("reversed span", B5, "2026-09-07 12:00", "2026-09-07 10:00", 0),
        ("reversed span", H24, "2026-09-07 12:00", "2026-09-07 10:00", 0),
        ("a night", B5, "2026-09-07 20:00", "2026-09-08 08:00", 0),
        ("a night", B7, "2026-09-07 20:00", "2026-09-08 08:00", 0),
        ("a night", H24, "2026-09-07 20:00", "2026-09-08 08:00", 12 * HOUR),
        ("across a weekend", B5, "2026-09-11 15:00", "2026-09-14 11:00", 4 * HOUR),
        ("across a weekend", B7, "2026-09-11 15:00", "2026-09-14 11:00", 20 * HOUR),
        ("across a weekend", H24, "2026-09-11 15:00", "2026-09-14 11:00", 68 * HOUR),
        ("across National Day", B5, "2026-09-30 09:00", "2026-10-08 09:00", 8 * HOUR),
        ("across National Day", B7, "2026-09-30 09:00", "2026-10-08 09:00", 8 * HOUR),
        ("across National Day", H24, "2026-09-30 09:00", "2026-10-08 09:00", 192 * HOUR),
        ("two weeks with both moved days", B5, "2026-09-26 00:00", "2026-10-12 00:00", 7 * 8 * HOUR),
        ("partial windows at both ends", B5, "2026-09-07 16:30", "2026-09-08 09:45", 75 * MIN),
    ];
    for &(case, coverage, from, to, expected) in table {
        let got = national_day_2026(coverage).business_secs_between(sh(from), sh(to));
        assert_eq!(got, expected, "{case}: {coverage:?} {from} .. {to}");
    }
}

#[test]
fn end_of_next_working_day_table() {
    // (case, coverage, reported, on site by)
    let table: &[(&str, CoverageKind, &str, &str)] = &[
        ("Monday morning", B5, "2026-09-07 10:00", "2026-09-08 17:00"),
        ("before opening", B5, "2026-09-07 08:00", "2026-09-08 17:00"),
        ("a minute before close", B5, "2026-09-07 16:59", "2026-09-08 17:00"),
        ("at the close, clock starts Tuesday", B5, "2026-09-07 17:00", "2026-09-09 17:00"),
        ("Monday night", B5, "2026-09-07 20:00", "2026-09-09 17:00"),
        ("Friday", B5, "2026-09-11 10:00", "2026-09-14 17:00"),
        ("Saturday, clock starts Monday", B5, "2026-09-12 10:00", "2026-09-15 17:00"),
        ("Friday before the moved Sunday", B5, "2026-09-25 10:00", "2026-09-27 17:00"),
        ("eve of National Day", B5, "2026-09-30 10:00", "2026-10-08 17:00"),
        ("during National Day", B5, "2026-10-03 10:00", "2026-10-09 17:00"),
        ("Friday before the moved Saturday", B5, "2026-10-09 10:00", "2026-10-10 17:00"),
        ("Saturday, 7x8", B7, "2026-09-12 10:00", "2026-09-13 17:00"),
        ("eve of National Day, 7x8", B7, "2026-09-30 10:00", "2026-10-08 17:00"),
        ("7x24 ignores holidays", H24, "2026-09-30 23:00", "2026-10-01 17:00"),
    ];
    for &(case, coverage, reported, expected) in table {
        let got = national_day_2026(coverage).end_of_next_working_day(sh(reported));
        assert_eq!(got.map(|t| show(SHANGHAI, t)), Some(show(SHANGHAI, sh(expected))), "{case}: {coverage:?} {reported}");
    }
}

#[test]
fn berlin_business_hours_stay_nine_to_five_across_both_dst_changes() {
    let b7 = BusinessCalendar::new(B7, BERLIN);
    // Autumn: 16:00 CEST (14:00Z) + 2 h ends 10:00 CET (09:00Z), 19 real hours later.
    let start = local(BERLIN, "2026-10-24 16:00");
    let end = b7.add_business_time(start, 2 * HOUR).unwrap();
    assert_eq!(end, local(BERLIN, "2026-10-25 10:00"));
    assert_eq!(end.to_rfc3339(), "2026-10-25T09:00:00+00:00");
    assert_eq!((end - start).num_hours(), 19);
    // Spring: 16:00 CET (15:00Z) + 2 h ends 10:00 CEST (08:00Z).
    let end = b7.add_business_time(local(BERLIN, "2026-03-28 16:00"), 2 * HOUR).unwrap();
    assert_eq!(end.to_rfc3339(), "2026-03-29T08:00:00+00:00");
    // Each day around the change opens at 09:00 and closes at 17:00 on the wall clock.
    for day in 20..=31 {
        let midnight = local(BERLIN, &format!("2026-10-{day} 00:00"));
        let open = b7.add_business_time(midnight, 0).unwrap();
        let close = b7.add_business_time(midnight, 8 * HOUR).unwrap();
        assert_eq!(open, local(BERLIN, &format!("2026-10-{day} 09:00")), "open {day}");
        assert_eq!(close, local(BERLIN, &format!("2026-10-{day} 17:00")), "close {day}");
    }
    // The day of the change, 25 hours long, still counts 8 h; 7x24 counts all 25.
    let (day, next) = (local(BERLIN, "2026-10-25 00:00"), local(BERLIN, "2026-10-26 00:00"));
    assert_eq!(b7.business_secs_between(day, next), 8 * HOUR);
    let h24 = BusinessCalendar::new(H24, BERLIN);
    assert_eq!(h24.business_secs_between(day, next), 25 * HOUR);
    // 24 h of 7x24 from 16:00 CEST reads 15:00 on the wall clock the next day.
    let end = h24.add_business_time(start, 24 * HOUR).unwrap();
    assert_eq!(end, local(BERLIN, "2026-10-25 15:00"));
}

#[test]
fn hours_inside_a_dst_change_open_when_the_wall_clock_reaches_them() {
    let night = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let cal = BusinessCalendar::new(B7, BERLIN).with_hours(night(2, 30), night(4, 0));
    // Spring: 02:30 does not exist; the window opens at 03:00 CEST (01:00Z) and is 1 h long.
    let day = local(BERLIN, "2026-03-29 00:00");
    let open = cal.add_business_time(day, 0).unwrap();
    assert_eq!(open.to_rfc3339(), "2026-03-29T01:00:00+00:00");
    assert_eq!(cal.business_secs_between(day, day + TimeDelta::days(1)), HOUR);
    // Autumn: 02:30 happens twice; the first (CEST, 00:30Z) opens, 04:00 CET closes: 2.5 h.
    let day = local(BERLIN, "2026-10-25 00:00");
    let open = cal.add_business_time(day, 0).unwrap();
    assert_eq!(open.to_rfc3339(), "2026-10-25T00:30:00+00:00");
    assert_eq!(cal.business_secs_between(day, day + TimeDelta::days(1)), 5 * HOUR / 2);
}

/// `business_secs_between(a, add_business_time(a, d)) == d`, and the answer is the earliest
/// such instant, for a start every 7 minutes of two weeks, on all three coverages, across the
/// National Day calendar in Beijing and the October DST change in Berlin.
#[test]
fn add_and_between_agree_for_every_seven_minutes_of_two_weeks() {
    let durations = [0, 1, 10 * MIN, 2 * HOUR, 8 * HOUR, 8 * HOUR + 1, 24 * HOUR, 72 * HOUR];
    let fixtures = [(SHANGHAI, "2026-09-24 00:00"), (BERLIN, "2026-10-18 00:00")];
    let mut checked = 0;
    for (tz, first) in fixtures {
        for coverage in CoverageKind::ALL {
            let mut cal = national_day_2026(coverage);
            cal.tz = tz;
            let first = local(tz, first);
            let mut previous_ends = vec![None; durations.len()];
            for step in 0..(14 * 24 * 60 / 7) {
                let a = first + TimeDelta::minutes(7 * step);
                for (i, &d) in durations.iter().enumerate() {
                    let end = cal.add_business_time(a, d).expect("a deadline");
                    let ctx = || format!("{coverage:?} {} + {d}s = {}", show(tz, a), show(tz, end));
                    assert_eq!(cal.business_secs_between(a, end), d, "{}", ctx());
                    if d > 0 {
                        let just_before = end - TimeDelta::seconds(1);
                        assert_eq!(cal.business_secs_between(a, just_before), d - 1, "{}", ctx());
                    }
                    assert!(previous_ends[i] <= Some(end), "monotonic: {}", ctx());
                    previous_ends[i] = Some(end);
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 2 * 3 * 2880 * durations.len());
}

#[test]
fn a_calendar_without_business_hours_answers_none_instead_of_hanging() {
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let start = sh("2026-09-07 10:00");
    for coverage in [B7, B5] {
        let cal = plain(coverage).with_hours(nine, nine);
        assert_eq!(cal.add_business_time(start, HOUR), None, "{coverage:?}");
        assert_eq!(cal.add_business_time(start, 0), None, "{coverage:?}");
        assert_eq!(cal.end_of_next_working_day(start), None, "{coverage:?}");
        assert_eq!(cal.business_secs_between(start, start + TimeDelta::days(30)), 0);
    }
    // 7x24 does not use the hours to count.
    let cal = plain(H24).with_hours(nine, nine);
    assert_eq!(cal.add_business_time(start, HOUR), Some(sh("2026-09-07 11:00")));
}

#[test]
fn a_calendar_whose_every_weekday_is_a_holiday_answers_none() {
    let first = date("2026-01-01");
    let all_days = first.iter_days().take(3 * 366);
    let cal = plain(B5).with_holidays(all_days.filter(|d| d.weekday().number_from_monday() <= 5));
    assert_eq!(cal.add_business_time(sh("2026-01-05 10:00"), HOUR), None);
    assert_eq!(cal.end_of_next_working_day(sh("2026-01-05 10:00")), None);
}

#[test]
fn absurd_spans_stop_at_the_horizon() {
    let start = sh("2026-09-07 10:00");
    let cal = plain(B7);
    // 200 years of 8-hour days is past the 100-year horizon.
    assert_eq!(cal.add_business_time(start, 200 * 366 * 8 * HOUR), None);
    assert_eq!(cal.add_business_time(start, i64::MAX), None);
    assert_eq!(plain(H24).add_business_time(start, i64::MAX), None);
    assert_eq!(plain(H24).add_business_time(start, 200 * 366 * 24 * HOUR), None);
    let ninety_years = 90 * 365 * 24 * HOUR;
    let expected = start + TimeDelta::seconds(ninety_years);
    assert_eq!(plain(H24).add_business_time(start, ninety_years), Some(expected));
    let counted = cal.business_secs_between(start, DateTime::<Utc>::MAX_UTC);
    assert!(counted > 99 * 365 * 8 * HOUR && counted <= 101 * 366 * 8 * HOUR, "{counted}");
}

#[test]
fn calendar_round_trips_through_json() {
    let cal = national_day_2026(B5);
    let json = serde_json::to_string(&cal).unwrap();
    assert!(json.contains("\"Asia/Shanghai\""), "{json}");
    assert!(json.contains("\"business_hours_5x8\""), "{json}");
    let back: BusinessCalendar = serde_json::from_str(&json).unwrap();
    assert_eq!(back, cal);
}

#[test]
fn for_tier_uses_the_tier_coverage_and_default_hours() {
    for tier in Tier::ALL {
        let cal = BusinessCalendar::for_tier(tier, SHANGHAI);
        assert_eq!(cal.coverage, tier.coverage());
        assert_eq!((cal.day_start, cal.day_end), (default_day_start(), default_day_end()));
        assert!(cal.holidays.is_empty() && cal.extra_working_days.is_empty());
    }
}
