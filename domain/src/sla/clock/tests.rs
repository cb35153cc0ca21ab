//! Tables for clocks with pauses, in Beijing wall-clock time.
use super::*;
use crate::sla::test_support::*;
use crate::sla::tier::CoverageKind::{AllDay7x24 as H24, BusinessHours5x8 as B5, BusinessHours7x8 as B7};
use crate::sla::CoverageKind;

fn pause(from: &str, to: Option<&str>, reason: &str) -> Pause {
    Pause { from: sh(from), to: to.map(sh), reason: reason.to_owned() }
}

fn closed(from: &str, to: &str) -> Pause {
    pause(from, Some(to), "waiting on the customer")
}

#[test]
fn deadline_table() {
    // (case, coverage, started, limit, pauses, now, deadline)
    type Row = (&'static str, CoverageKind, &'static str, i64, Vec<Pause>, &'static str, &'static str);
    let table: Vec<Row> = vec![
        ("no pause", B5, "2026-09-07 09:00", 8 * HOUR, vec![], "2026-09-07 09:00", "2026-09-07 17:00"),
        (
            "a pause inside hours shifts by its length",
            B5,
            "2026-09-07 09:00",
            8 * HOUR,
            vec![closed("2026-09-07 10:00", "2026-09-07 11:30")],
            "2026-09-07 12:00",
            "2026-09-08 10:30",
        ),
        (
            "a pause over a night shifts by its business part only (1 h + 1 h)",
            B7,
            "2026-09-07 14:00",
            4 * HOUR,
            vec![closed("2026-09-07 16:00", "2026-09-08 10:00")],
            "2026-09-08 10:00",
            "2026-09-08 12:00",
        ),
        (
            "the same night pause on 7x24 shifts by all 18 h",
            H24,
            "2026-09-07 14:00",
            24 * HOUR,
            vec![closed("2026-09-07 16:00", "2026-09-08 10:00")],
            "2026-09-08 10:00",
            "2026-09-09 08:00",
        ),
        (
            "a pause entirely at night changes nothing",
            B5,
            "2026-09-07 14:00",
            8 * HOUR,
            vec![closed("2026-09-07 18:00", "2026-09-08 08:00")],
            "2026-09-08 09:00",
            "2026-09-08 14:00",
        ),
        (
            "a pause over National Day counts its two business hours",
            B5,
            "2026-09-30 09:00",
            8 * HOUR,
            vec![closed("2026-09-30 16:00", "2026-10-08 10:00")],
            "2026-10-08 10:00",
            "2026-10-08 11:00",
        ),
        (
            "a pause after the deadline does not rescue a breach",
            B5,
            "2026-09-07 09:00",
            2 * HOUR,
            vec![closed("2026-09-07 12:00", "2026-09-07 13:00")],
            "2026-09-07 13:00",
            "2026-09-07 11:00",
        ),
        (
            "a pause starting exactly at the deadline",
            B5,
            "2026-09-07 09:00",
            2 * HOUR,
            vec![closed("2026-09-07 11:00", "2026-09-07 12:00")],
            "2026-09-07 12:00",
            "2026-09-07 11:00",
        ),
        (
            "a pause begun before the start counts from the start",
            B5,
            "2026-09-07 10:00",
            2 * HOUR,
            vec![closed("2026-09-07 09:00", "2026-09-07 10:30")],
            "2026-09-07 10:30",
            "2026-09-07 12:30",
        ),
        (
            "overlapping pauses count once",
            B5,
            "2026-09-07 09:00",
            2 * HOUR,
            vec![closed("2026-09-07 10:30", "2026-09-07 11:30"), closed("2026-09-07 10:00", "2026-09-07 11:00")],
            "2026-09-07 12:00",
            "2026-09-07 12:30",
        ),
        (
            "two separate pauses add up",
            B5,
            "2026-09-07 09:00",
            4 * HOUR,
            vec![closed("2026-09-07 10:00", "2026-09-07 10:30"), closed("2026-09-07 11:00", "2026-09-07 12:00")],
            "2026-09-07 12:00",
            "2026-09-07 14:30",
        ),
        (
            "a reversed record is ignored",
            B5,
            "2026-09-07 09:00",
            2 * HOUR,
            vec![closed("2026-09-07 10:00", "2026-09-07 09:30")],
            "2026-09-07 10:00",
            "2026-09-07 11:00",
        ),
        (
            "an open pause lasts until now",
            B5,
            "2026-09-07 09:00",
            2 * HOUR,
            vec![pause("2026-09-07 10:00", None, "logs")],
            "2026-09-07 10:45",
            "2026-09-07 11:45",
        ),
        (
            "an open pause keeps moving the deadline",
            B5,
            "2026-09-07 09:00",
            2 * HOUR,
            vec![pause("2026-09-07 10:00", None, "logs")],
            "2026-09-07 12:00",
            "2026-09-07 13:00",
        ),
        (
            "an open pause into the night moves it by the business part (7 h)",
            B5,
            "2026-09-07 09:00",
            2 * HOUR,
            vec![pause("2026-09-07 10:00", None, "logs")],
            "2026-09-07 20:00",
            "2026-09-08 10:00",
        ),
    ];
    for (case, coverage, started, limit, pauses, now, expected) in table {
        let cal = national_day_2026(coverage);
        let got = deadline(&cal, sh(started), limit, &pauses, sh(now));
        assert_eq!(got.map(|t| show(SHANGHAI, t)), Some(show(SHANGHAI, sh(expected))), "{case}");
    }
}

/// Tier C, severity 1: 8 h from Monday 09:00, due Monday 17:00 without pauses.
fn tier_c_status(pauses: &[Pause], stopped: Option<&str>, now: &str) -> ClockStatus {
    let cal = national_day_2026(B5);
    clock_status(&cal, sh("2026-09-07 09:00"), 8 * HOUR, pauses, stopped.map(sh), sh(now))
}

/// One row of the status table; named fields because nine columns do not read as a tuple.
struct StatusCase<'a> {
    case: &'a str,
    pauses: &'a [Pause],
    stopped: Option<&'a str>,
    now: &'a str,
    deadline: &'a str,
    remaining: i64,
    wall_left: i64,
    state: ClockState,
    counting: bool,
}

#[test]
fn clock_status_table() {
    let five_pm = sh("2026-09-07 17:00");
    let breached = ClockState::Breached { at: five_pm };
    let waiting = [pause("2026-09-07 10:00", None, "waiting for the customer's logs")];
    let late = [pause("2026-09-08 09:30", None, "late")];
    let table = [
        StatusCase {
            case: "running",
            pauses: &[],
            stopped: None,
            now: "2026-09-07 10:00",
            deadline: "2026-09-07 17:00",
            remaining: 7 * HOUR,
            wall_left: 7 * HOUR,
            state: ClockState::Running,
            counting: true,
        },
        StatusCase {
            case: "at the deadline itself",
            pauses: &[],
            stopped: None,
            now: "2026-09-07 17:00",
            deadline: "2026-09-07 17:00",
            remaining: 0,
            wall_left: 0,
            state: ClockState::Running,
            counting: false,
        },
        StatusCase {
            case: "paused, with the reason shown",
            pauses: &waiting,
            stopped: None,
            now: "2026-09-07 11:00",
            deadline: "2026-09-08 10:00",
            remaining: 7 * HOUR,
            wall_left: 23 * HOUR,
            state: ClockState::Paused { since: sh("2026-09-07 10:00"), reason: "waiting for the customer's logs".into() },
            counting: false,
        },
        StatusCase {
            case: "met early",
            pauses: &[],
            stopped: Some("2026-09-07 16:00"),
            now: "2026-09-08 12:00",
            deadline: "2026-09-07 17:00",
            remaining: HOUR,
            wall_left: HOUR,
            state: ClockState::Met { at: sh("2026-09-07 16:00") },
            counting: false,
        },
        StatusCase {
            case: "met exactly at the deadline",
            pauses: &[],
            stopped: Some("2026-09-07 17:00"),
            now: "2026-09-08 12:00",
            deadline: "2026-09-07 17:00",
            remaining: 0,
            wall_left: 0,
            state: ClockState::Met { at: five_pm },
            counting: false,
        },
        StatusCase {
            case: "stopped late",
            pauses: &[],
            stopped: Some("2026-09-08 09:30"),
            now: "2026-09-08 12:00",
            deadline: "2026-09-07 17:00",
            remaining: -30 * MIN,
            wall_left: -(16 * HOUR + 30 * MIN),
            state: breached.clone(),
            counting: false,
        },
        StatusCase {
            case: "breached and still running",
            pauses: &[],
            stopped: None,
            now: "2026-09-08 10:00",
            deadline: "2026-09-07 17:00",
            remaining: -HOUR,
            wall_left: -17 * HOUR,
            state: breached.clone(),
            counting: true,
        },
        StatusCase {
            case: "breached in the evening: counted time stands at 0 until the opening",
            pauses: &[],
            stopped: None,
            now: "2026-09-07 18:00",
            deadline: "2026-09-07 17:00",
            remaining: 0,
            wall_left: -HOUR,
            state: breached.clone(),
            counting: false,
        },
        StatusCase {
            case: "a pause after the breach neither rescues it nor counts",
            pauses: &late,
            stopped: None,
            now: "2026-09-08 10:00",
            deadline: "2026-09-07 17:00",
            remaining: -30 * MIN,
            wall_left: -17 * HOUR,
            state: breached.clone(),
            counting: false,
        },
        StatusCase {
            case: "before the start",
            pauses: &[],
            stopped: None,
            now: "2026-09-07 08:00",
            deadline: "2026-09-07 17:00",
            remaining: 8 * HOUR,
            wall_left: 9 * HOUR,
            state: ClockState::Running,
            counting: false,
        },
    ];
    for row in table {
        let expected = ClockStatus {
            deadline: Some(sh(row.deadline)),
            remaining_secs: row.remaining,
            wall_secs_left: Some(row.wall_left),
            state: row.state,
            counting: row.counting,
        };
        assert_eq!(tier_c_status(row.pauses, row.stopped, row.now), expected, "{}", row.case);
    }
}

#[test]
fn running_at_night_stands_still_until_the_opening() {
    let cal = national_day_2026(B5);
    let (started, now) = (sh("2026-09-07 14:00"), sh("2026-09-07 20:00"));
    let status = clock_status(&cal, started, 8 * HOUR, &[], None, now);
    assert_eq!(status.deadline, Some(sh("2026-09-08 14:00")));
    assert_eq!((status.remaining_secs, status.wall_secs_left), (5 * HOUR, Some(18 * HOUR)));
    assert_eq!((status.state, status.counting), (ClockState::Running, false));
}

#[test]
fn the_latest_pause_in_force_gives_the_reason() {
    let pauses = [pause("2026-09-07 10:00", Some("2026-09-07 12:00"), "waiting for access"), pause("2026-09-07 11:00", None, "waiting for spare parts")];
    let status = tier_c_status(&pauses, None, "2026-09-07 11:30");
    let since = sh("2026-09-07 11:00");
    assert_eq!(status.state, ClockState::Paused { since, reason: "waiting for spare parts".into() });
    assert_eq!(status.remaining_secs, 7 * HOUR, "the overlap is counted once");
}

#[test]
fn a_pause_begun_before_the_start_only_counts_from_the_start() {
    let cal = plain(H24);
    let pauses = [closed("2026-09-07 09:00", "2026-09-07 10:30")];
    let (started, now) = (sh("2026-09-07 10:00"), sh("2026-09-07 11:00"));
    let status = clock_status(&cal, started, 2 * HOUR, &pauses, None, now);
    assert_eq!(status.deadline, Some(sh("2026-09-07 12:30")));
    assert_eq!(status.remaining_secs, 90 * MIN, "half an hour counted since 10:30");
}

#[test]
fn a_calendar_that_never_counts_has_no_deadline() {
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    let cal = plain(B5).with_hours(nine, nine);
    let status = clock_status(&cal, sh("2026-09-07 09:00"), HOUR, &[], None, sh("2026-09-08 09:00"));
    assert_eq!(status.deadline, None);
    assert_eq!(status.wall_secs_left, None);
    assert_eq!((status.remaining_secs, status.state, status.counting), (HOUR, ClockState::Running, false));
}

/// What the browser sees ticking: with the pauses closed the deadline never moves, and the
/// counted time left is exactly the counted time between now and the deadline.
#[test]
fn the_countdown_agrees_with_the_stored_deadline_every_minute() {
    let cal = national_day_2026(B5);
    let started = sh("2026-09-07 09:00");
    let pauses = [closed("2026-09-07 10:00", "2026-09-07 11:00")];
    let stored = deadline(&cal, started, 8 * HOUR, &pauses, sh("2026-09-07 11:00")).unwrap();
    assert_eq!(stored, sh("2026-09-08 10:00"));
    let mut now = sh("2026-09-07 11:00");
    while now <= sh("2026-09-08 12:00") {
        let status = clock_status(&cal, started, 8 * HOUR, &pauses, None, now);
        assert_eq!(status.deadline, Some(stored), "{}", show(SHANGHAI, now));
        let expected = if now <= stored { cal.business_secs_between(now, stored) } else { -cal.business_secs_between(stored, now) };
        assert_eq!(status.remaining_secs, expected, "{}", show(SHANGHAI, now));
        assert_eq!(status.wall_secs_left, Some((stored - now).num_seconds()));
        assert_eq!(matches!(status.state, ClockState::Breached { .. }), now > stored);
        now += TimeDelta::minutes(1);
    }
}

#[test]
fn second_by_second_around_the_deadline() {
    let mut previous = None;
    for second in 0..20 {
        let now = sh("2026-09-07 16:59:50") + TimeDelta::seconds(second);
        let status = tier_c_status(&[], None, &show_plain(now));
        let expected_remaining = 10 - second.min(10);
        assert_eq!(status.remaining_secs, expected_remaining, "second {second}");
        assert_eq!(matches!(status.state, ClockState::Breached { .. }), second > 10, "second {second}");
        if let Some(prev) = previous {
            assert!(status.remaining_secs <= prev);
        }
        previous = Some(status.remaining_secs);
    }
}

fn show_plain(instant: DateTime<Utc>) -> String {
    instant.with_timezone(&SHANGHAI).format("%Y-%m-%d %H:%M:%S").to_string()
}

#[test]
fn status_serialises_for_the_browser() {
    let status = tier_c_status(&[pause("2026-09-07 10:00", None, "logs")], None, "2026-09-07 11:00");
    let json = serde_json::to_value(&status).unwrap();
    assert_eq!(json["state"]["kind"], "paused");
    assert_eq!(json["state"]["reason"], "logs");
    let back: ClockStatus = serde_json::from_value(json).unwrap();
    assert_eq!(back, status);
}
