use chrono::NaiveDate;

use super::*;
use crate::sla::{
    test_support::{date, national_day_2026, plain, sh},
    tier::CoverageKind,
};

fn d(s: &str) -> NaiveDate {
    date(s)
}

#[test]
fn weekdays_weekends_holidays_and_moved_days() {
    let cal = national_day_2026(CoverageKind::BusinessHours5x8);
    assert!(is_workday(&cal, d("2026-09-25")), "Friday");
    assert!(!is_workday(&cal, d("2026-09-26")), "Saturday");
    assert!(is_workday(&cal, d("2026-09-27")), "Sunday worked in exchange");
    assert!(!is_workday(&cal, d("2026-10-01")), "National Day");
    assert!(!is_workday(&cal, d("2026-10-05")), "Monday of the holiday week");
    assert!(is_workday(&cal, d("2026-10-10")), "Saturday worked in exchange");
    // The coverage does not matter: a 7x24 contract's working days are the same office days.
    let all_day = national_day_2026(CoverageKind::AllDay7x24);
    for day in d("2026-09-20").iter_days().take(30) {
        assert_eq!(is_workday(&cal, day), is_workday(&all_day, day), "{day}");
    }
    // Both sets: the holiday wins.
    let both = plain(CoverageKind::BusinessHours5x8).with_holidays([d("2026-10-10")]).with_extra_working_days([d("2026-10-10")]);
    assert!(!is_workday(&both, d("2026-10-10")));
}

#[test]
fn counting_forward_over_a_weekend_and_a_holiday_week() {
    let plain5 = plain(CoverageKind::BusinessHours5x8);
    assert_eq!(add(&plain5, d("2026-11-27"), 3), Some(d("2026-12-02")), "Friday + 3 = Wednesday");
    assert_eq!(add(&plain5, d("2026-11-28"), 1), Some(d("2026-11-30")), "from a Saturday");
    assert_eq!(add(&plain5, d("2026-11-27"), 0), Some(d("2026-11-27")));
    let cal = national_day_2026(CoverageKind::BusinessHours5x8);
    // Wed 30 Sep + 3: Fri 2 Oct to Wed 7 Oct are off, Thu 8, Fri 9, Sat 10 (worked).
    assert_eq!(add(&cal, d("2026-09-30"), 3), Some(d("2026-10-10")));
    // Fri 25 Sep + 1 is the Sunday worked in exchange.
    assert_eq!(add(&cal, d("2026-09-25"), 1), Some(d("2026-09-27")));
}

#[test]
fn counting_back_gives_the_last_day_to_announce() {
    let plain5 = plain(CoverageKind::BusinessHours5x8);
    // A visit on Monday 22 March 2027: 15 working days before is Monday 1 March.
    assert_eq!(sub(&plain5, d("2027-03-22"), 15), Some(d("2027-03-01")));
    assert!(notice_kept(&plain5, d("2027-03-01"), d("2027-03-22"), 15));
    assert!(notice_kept(&plain5, d("2027-02-26"), d("2027-03-22"), 15));
    assert!(!notice_kept(&plain5, d("2027-03-02"), d("2027-03-22"), 15));
    // Over the National Day week, the notice needs the week more.
    let cal = national_day_2026(CoverageKind::BusinessHours5x8);
    assert_eq!(sub(&cal, d("2026-10-12"), 3), Some(d("2026-10-08")), "Mon 12 Oct: Sat 10, Fri 9, Thu 8");
    assert_eq!(sub(&cal, d("2026-10-08"), 2), Some(d("2026-09-29")), "Thu 8 Oct: Wed 30 Sep, Tue 29 Sep");
}

#[test]
fn across_a_year_end() {
    let new_year = plain(CoverageKind::BusinessHours5x8).with_holidays([d("2027-01-01")]);
    // Thu 31 Dec 2026 + 1: Fri 1 Jan is a holiday, then the weekend: Mon 4 Jan.
    assert_eq!(add(&new_year, d("2026-12-31"), 1), Some(d("2027-01-04")));
    assert_eq!(sub(&new_year, d("2027-01-04"), 1), Some(d("2026-12-31")));
    assert_eq!(sub(&new_year, d("2027-01-15"), 15), Some(d("2026-12-24")));
}

#[test]
fn a_calendar_without_working_days_gives_up() {
    let never = plain(CoverageKind::BusinessHours5x8).with_holidays(d("2026-01-01").iter_days().take(800));
    assert_eq!(add(&never, d("2026-01-01"), 1), None);
    assert_eq!(sub(&never, d("2028-01-01"), 1), None);
}

#[test]
fn a_report_is_due_at_the_end_of_the_third_working_day() {
    let cal = national_day_2026(CoverageKind::BusinessHours5x8);
    // A visit ending on Wed 30 Sep 16:00 Beijing: due at the end of Sat 10 Oct.
    assert_eq!(report_due(&cal, sh("2026-09-30 16:00"), 3), Some(sh("2026-10-11 00:00")));
    // The local date counts: 23:30 UTC on Friday is already Saturday in Beijing.
    let plain5 = plain(CoverageKind::BusinessHours5x8);
    assert_eq!(report_due(&plain5, sh("2026-11-28 07:30"), 3), Some(sh("2026-12-03 00:00")));
}
