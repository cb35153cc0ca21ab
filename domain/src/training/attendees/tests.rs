use chrono::{TimeZone, Utc};

use super::*;

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap().timestamp()
}

fn row(name: &str, status: BookingStatus, booked_at: i64, attended: Option<bool>) -> AttendeeRow {
    AttendeeRow { name: name.into(), email: "li@example.com".into(), organization: "Acme".into(), status, booked_at, attended }
}

#[test]
fn status_names_are_stable() {
    for (status, name) in [(BookingStatus::Confirmed, "confirmed"), (BookingStatus::Waitlisted, "waitlisted"), (BookingStatus::Cancelled, "cancelled")] {
        assert_eq!(status.as_str(), name);
        assert_eq!(BookingStatus::parse(name), Some(status));
        assert_eq!(serde_json::to_value(status).unwrap(), name);
    }
    assert_eq!(BookingStatus::parse("canceled"), None);
    assert_eq!(BookingStatus::from(Seat::Confirmed), BookingStatus::Confirmed);
    assert_eq!(BookingStatus::from(Seat::Waitlisted), BookingStatus::Waitlisted);
}

#[test]
fn cells_show_local_booking_times_and_attendance() {
    let booked = at(2026, 5, 10, 16, 5);
    let cases = [
        (chrono_tz::Asia::Shanghai, Some(true), "2026-05-11 00:05", "yes"),
        (chrono_tz::UTC, Some(false), "2026-05-10 16:05", "no"),
        (chrono_tz::America::New_York, None, "2026-05-10 12:05", ""),
    ];
    for (tz, attended, time, mark) in cases {
        let cells = attendee_cells(&row("Li Wei", BookingStatus::Confirmed, booked, attended), tz);
        assert_eq!(cells, ["Li Wei", "li@example.com", "Acme", "confirmed", time, mark], "{tz}");
    }
}

#[test]
fn the_file_is_grouped_by_status_in_booking_order_and_formula_safe() {
    let rows = [
        row("=HYPERLINK(\"http://evil\")", BookingStatus::Waitlisted, at(2026, 5, 2, 0, 0), None),
        row("Zhang, San", BookingStatus::Cancelled, at(2026, 5, 1, 0, 0), None),
        row("王芳", BookingStatus::Confirmed, at(2026, 5, 3, 0, 0), Some(true)),
        row("+cmd|' /C calc'!A0", BookingStatus::Confirmed, at(2026, 5, 1, 0, 0), Some(false)),
        row("@SUM(A1)", BookingStatus::Waitlisted, at(2026, 5, 1, 12, 0), None),
    ];
    let csv = attendees_csv(&rows, chrono_tz::UTC);
    let want = [
        "\u{feff}name,email,organization,status,booked_at,attended",
        "'+cmd|' /C calc'!A0,li@example.com,Acme,confirmed,2026-05-01 00:00,no",
        "王芳,li@example.com,Acme,confirmed,2026-05-03 00:00,yes",
        "'@SUM(A1),li@example.com,Acme,waitlisted,2026-05-01 12:00,",
        "\"'=HYPERLINK(\"\"http://evil\"\")\",li@example.com,Acme,waitlisted,2026-05-02 00:00,",
        "\"Zhang, San\",li@example.com,Acme,cancelled,2026-05-01 00:00,",
    ];
    assert_eq!(csv, want.iter().map(|l| format!("{l}\r\n")).collect::<String>());
    assert_eq!(attendees_csv(&[], chrono_tz::UTC), "\u{feff}name,email,organization,status,booked_at,attended\r\n");
}

#[test]
fn attendance_is_marked_from_the_start_on() {
    let start = at(2026, 5, 12, 1, 0);
    for (now, want) in [(start - 3600, false), (start - 1, false), (start, true), (start + 86_400 * 30, true)] {
        assert_eq!(can_mark_attendance(now, start), want, "{now}");
    }
}
