use chrono::Utc;
use chrono_tz::Tz;

use super::*;

const SHANGHAI: Tz = chrono_tz::Asia::Shanghai;

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap().timestamp()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn grids_are_whole_weeks_from_monday() {
    // (year, month, first day shown, last day shown, weeks)
    let cases = [
        // Starts on a Thursday.
        (2026, 1, date(2025, 12, 29), date(2026, 2, 1), 5),
        // February 2026 starts on a Sunday, so the grid opens on 26 January.
        (2026, 2, date(2026, 1, 26), date(2026, 3, 1), 5),
        // February 2027 starts on a Monday and has 28 days: exactly four weeks.
        (2027, 2, date(2027, 2, 1), date(2027, 2, 28), 4),
        // A leap February.
        (2028, 2, date(2028, 1, 31), date(2028, 3, 5), 5),
        // Starts on a Sunday, 31 days: six rows.
        (2026, 3, date(2026, 2, 23), date(2026, 4, 5), 6),
        // December into the next year.
        (2026, 12, date(2026, 11, 30), date(2027, 1, 3), 5),
    ];
    for (year, month, first, last, weeks) in cases {
        let grid = month_grid(year, month, SHANGHAI, &[]).unwrap();
        assert_eq!((grid.year, grid.month, grid.weeks.len()), (year, month, weeks), "{year}-{month}");
        let days: Vec<&Day> = grid.weeks.iter().flatten().collect();
        assert_eq!((days[0].date, days[days.len() - 1].date), (first, last), "{year}-{month}");
        assert!(days.windows(2).all(|w| w[1].date == w[0].date + Days::new(1)));
        assert!(grid.weeks.iter().all(|w| w[0].date.weekday() == chrono::Weekday::Mon));
        let in_month: Vec<u32> = days.iter().filter(|d| d.in_month).map(|d| d.date.day()).collect();
        let length = date(year, month, 1).checked_add_months(Months::new(1)).unwrap().pred_opt().unwrap().day();
        assert_eq!(in_month, (1..=length).collect::<Vec<_>>(), "{year}-{month}");
        assert!(days.iter().filter(|d| !d.in_month).all(|d| d.date.month() != month));
    }
}

#[test]
fn absurd_years_give_no_grid_and_never_panic() {
    for year in [i32::MIN, -300_000, -262_143, -262_144, 0, 1899, 10_000, 262_142, 262_143, 300_000, i32::MAX] {
        for month in [1, 6, 12] {
            assert_eq!(month_grid(year, month, SHANGHAI, &[]), None, "{year}-{month}");
        }
    }
    assert!(month_grid(1900, 1, SHANGHAI, &[]).is_some());
    assert!(month_grid(9999, 12, SHANGHAI, &[(1, i64::MAX), (2, i64::MIN)]).is_some());
    assert_eq!(previous_month(i32::MIN, 1), (i32::MIN, 12));
    assert_eq!(next_month(i32::MAX, 12), (i32::MAX, 1));
}

#[test]
fn impossible_months_give_no_grid() {
    for month in [0, 13, 99] {
        assert_eq!(month_grid(2026, month, SHANGHAI, &[]), None, "{month}");
    }
}

#[test]
fn sessions_fall_on_their_local_start_day() {
    let sessions = [
        // 16:30 UTC on 31 Jan is 00:30 on 1 Feb in Shanghai.
        (1, at(2026, 1, 31, 16, 30)),
        // 15:59 UTC is still 23:59 on 31 Jan.
        (2, at(2026, 1, 31, 15, 59)),
        (3, at(2026, 2, 10, 6, 0)),
        // Same day, earlier: listed first despite the higher id.
        (4, at(2026, 2, 10, 1, 0)),
        (5, at(2026, 2, 10, 1, 0)),
        // Outside the grid (shown from 26 Jan to 1 Mar).
        (6, at(2026, 3, 2, 2, 0)),
        (7, at(2026, 1, 25, 2, 0)),
    ];
    let grid = month_grid(2026, 2, SHANGHAI, &sessions).unwrap();
    let on = |d: NaiveDate| grid.weeks.iter().flatten().find(|day| day.date == d).map(|day| day.sessions.clone()).unwrap();
    let cases: [(NaiveDate, Vec<i32>); 5] = [
        (date(2026, 1, 31), vec![2]),
        (date(2026, 2, 1), vec![1]),
        (date(2026, 2, 10), vec![4, 5, 3]),
        (date(2026, 2, 11), vec![]),
        (date(2026, 3, 1), vec![]),
    ];
    for (d, want) in cases {
        assert_eq!(on(d), want, "{d}");
    }
    let shown: usize = grid.weeks.iter().flatten().map(|d| d.sessions.len()).sum();
    assert_eq!(shown, 5);
    // The same instant in UTC stays on 31 January, in the previous month's trailing days.
    let utc = month_grid(2026, 2, chrono_tz::UTC, &sessions[..1]).unwrap();
    let day = utc.weeks.iter().flatten().find(|d| !d.sessions.is_empty()).unwrap();
    assert_eq!((day.date, day.in_month), (date(2026, 1, 31), false));
}

#[test]
fn a_new_years_eve_session_in_shanghai_opens_the_next_year() {
    let late = at(2026, 12, 31, 17, 0);
    let december = month_grid(2026, 12, SHANGHAI, &[(9, late)]).unwrap();
    let day = december.weeks.iter().flatten().find(|d| d.sessions == [9]).unwrap();
    assert_eq!((day.date, day.in_month), (date(2027, 1, 1), false));
    let january = month_grid(2027, 1, SHANGHAI, &[(9, late)]).unwrap();
    let day = january.weeks.iter().flatten().find(|d| d.sessions == [9]).unwrap();
    assert_eq!((day.date, day.in_month), (date(2027, 1, 1), true));
    assert_eq!(month_of(late, SHANGHAI), (2027, 1));
    assert_eq!(month_of(late, chrono_tz::UTC), (2026, 12));
}

#[test]
fn stepping_between_months() {
    let cases = [((2026, 1), (2025, 12), (2026, 2)), ((2026, 6), (2026, 5), (2026, 7)), ((2026, 12), (2026, 11), (2027, 1))];
    for (here, prev, next) in cases {
        assert_eq!(previous_month(here.0, here.1), prev, "{here:?}");
        assert_eq!(next_month(here.0, here.1), next, "{here:?}");
        assert_eq!(next_month(prev.0, prev.1), here);
        assert_eq!(previous_month(next.0, next.1), here);
    }
}

#[test]
fn grids_round_trip_through_json() {
    let grid = month_grid(2026, 5, SHANGHAI, &[(1, at(2026, 5, 12, 1, 0))]).unwrap();
    let json = serde_json::to_string(&grid).unwrap();
    assert_eq!(serde_json::from_str::<MonthGrid>(&json).unwrap(), grid);
}
