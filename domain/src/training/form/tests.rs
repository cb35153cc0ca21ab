use chrono::{TimeZone, Utc};

use super::*;

type Problems = Vec<(&'static str, Problem)>;
/// A change to the good form, and what it should report.
type Case = (fn(&mut SessionInput), Problems);

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap().timestamp()
}

fn good() -> SessionInput {
    SessionInput {
        title: " Handling common printer faults ".into(),
        kind: "after_sales".into(),
        description: "Paper jams,\nnetwork errors.".into(),
        trainer: "Wang Fang".into(),
        tz: "Asia/Shanghai".into(),
        starts_at: "2026-05-12T09:00".into(),
        ends_at: "2026-05-12T17:00".into(),
        delivery: "on_site".into(),
        place: "Room 301".into(),
        link: "not read when on site".into(),
        capacity: "20".into(),
        booking_deadline: "2026-05-10T18:00".into(),
        invited: "some".into(),
        org_ids: vec!["12".into(), " 5".into(), "12".into()],
        version: String::new(),
    }
}

fn good_draft() -> SessionDraft {
    SessionDraft {
        title: "Handling common printer faults".into(),
        kind: TrainingKind::AfterSales,
        description: "Paper jams,\nnetwork errors.".into(),
        trainer: "Wang Fang".into(),
        tz: chrono_tz::Asia::Shanghai,
        starts_at: utc(2026, 5, 12, 1, 0),
        ends_at: utc(2026, 5, 12, 9, 0),
        delivery: Delivery::OnSite { place: "Room 301".into() },
        capacity: 20,
        booking_deadline: utc(2026, 5, 10, 10, 0),
        invited: Invited::Only(vec![5, 12]),
    }
}

fn problems(input: &SessionInput) -> Problems {
    check_session(input).err().unwrap_or_default()
}

#[test]
fn a_good_form_gives_its_draft_trimmed_and_in_utc() {
    assert_eq!(validate_session(&good()), Ok(good_draft()));
}

#[test]
fn each_field_reports_its_problem() {
    let start = utc(2026, 5, 12, 1, 0);
    let end_range = Problem::EndOutOfRange { earliest: start + 60, latest: start + 7 * 86_400 };
    let cases: Vec<Case> = vec![
        (|i| i.title = "  ".into(), vec![(field::TITLE, Problem::Required)]),
        (|i| i.title = "题".repeat(201), vec![(field::TITLE, Problem::TooLong { max: 200 })]),
        (|i| i.kind = "".into(), vec![(field::KIND, Problem::Required)]),
        (|i| i.kind = "sales".into(), vec![(field::KIND, Problem::UnknownChoice)]),
        (|i| i.description = "x".repeat(4001), vec![(field::DESCRIPTION, Problem::TooLong { max: 4000 })]),
        (|i| i.trainer = "".into(), vec![(field::TRAINER, Problem::Required)]),
        (|i| i.trainer = "x".repeat(121), vec![(field::TRAINER, Problem::TooLong { max: 120 })]),
        (|i| i.starts_at = "".into(), vec![(field::STARTS_AT, Problem::Required)]),
        (|i| i.starts_at = "2026-05-12 09:00".into(), vec![(field::STARTS_AT, Problem::NotADateTime)]),
        (|i| i.starts_at = "2026-05-12T 09:00".into(), vec![(field::STARTS_AT, Problem::NotADateTime)]),
        (|i| i.starts_at = "2026-05-12".into(), vec![(field::STARTS_AT, Problem::NotADateTime)]),
        (|i| i.starts_at = "2026-02-30T09:00".into(), vec![(field::STARTS_AT, Problem::NotADateTime)]),
        (|i| i.starts_at = "2026-05-12T24:00".into(), vec![(field::STARTS_AT, Problem::NotADateTime)]),
        (|i| i.starts_at = "1999-05-12T09:00".into(), vec![(field::STARTS_AT, Problem::NotADateTime)]),
        (|i| i.ends_at = "tomorrow".into(), vec![(field::ENDS_AT, Problem::NotADateTime)]),
        (|i| i.ends_at = "2026-05-12T09:00".into(), vec![(field::ENDS_AT, end_range)]),
        (|i| i.ends_at = "2026-05-12T08:00".into(), vec![(field::ENDS_AT, end_range)]),
        (|i| i.ends_at = "2026-05-19T09:01".into(), vec![(field::ENDS_AT, end_range)]),
        (|i| i.delivery = "".into(), vec![(field::DELIVERY, Problem::Required)]),
        (|i| i.delivery = "hybrid".into(), vec![(field::DELIVERY, Problem::UnknownChoice)]),
        (|i| i.place = " ".into(), vec![(field::PLACE, Problem::Required)]),
        (|i| i.place = "x".repeat(301), vec![(field::PLACE, Problem::TooLong { max: 300 })]),
        (|i| i.capacity = "".into(), vec![(field::CAPACITY, Problem::Required)]),
        (|i| i.capacity = "0".into(), vec![(field::CAPACITY, Problem::CapacityOutOfRange { min: 1 })]),
        (|i| i.capacity = "501".into(), vec![(field::CAPACITY, Problem::CapacityOutOfRange { min: 1 })]),
        (|i| i.capacity = "-3".into(), vec![(field::CAPACITY, Problem::CapacityOutOfRange { min: 1 })]),
        (|i| i.capacity = "ten".into(), vec![(field::CAPACITY, Problem::CapacityOutOfRange { min: 1 })]),
        (|i| i.booking_deadline = "".into(), vec![(field::BOOKING_DEADLINE, Problem::Required)]),
        (|i| i.booking_deadline = "2026-05-12T09:01".into(), vec![(field::BOOKING_DEADLINE, Problem::DeadlineAfterStart { latest: start })]),
        (|i| i.invited = "".into(), vec![(field::INVITED, Problem::Required)]),
        (|i| i.invited = "everyone".into(), vec![(field::INVITED, Problem::UnknownChoice)]),
        (|i| i.org_ids = vec![], vec![(field::ORG_IDS, Problem::Required)]),
        (|i| i.org_ids = vec![" ".into()], vec![(field::ORG_IDS, Problem::Required)]),
        (|i| i.org_ids = vec!["5".into(), "acme".into()], vec![(field::ORG_IDS, Problem::BadOrgId)]),
        (|i| i.org_ids = vec!["0".into()], vec![(field::ORG_IDS, Problem::BadOrgId)]),
        (|i| i.org_ids = vec!["-2".into()], vec![(field::ORG_IDS, Problem::BadOrgId)]),
        (|i| i.org_ids = (1..=1001).map(|n| n.to_string()).collect(), vec![(field::ORG_IDS, Problem::TooManyOrgs)]),
    ];
    for (i, (change, want)) in cases.into_iter().enumerate() {
        let mut input = good();
        change(&mut input);
        assert_eq!(problems(&input), want, "case {i}: {input:?}");
    }
}

#[test]
fn bounds_are_inclusive() {
    let cases: Vec<fn(&mut SessionInput)> = vec![
        |i| i.title = "题".repeat(200),
        |i| i.description = "".into(),
        |i| i.description = "x".repeat(4000),
        |i| i.trainer = "x".repeat(120),
        |i| i.place = "x".repeat(300),
        |i| i.capacity = "1".into(),
        |i| i.capacity = " 500 ".into(),
        |i| i.ends_at = "2026-05-12T09:01".into(),
        |i| i.ends_at = "2026-05-19T09:00".into(),
        |i| i.booking_deadline = "2026-05-12T09:00".into(),
        |i| i.starts_at = "2026-05-12T09:00:59".into(),
        |i| i.org_ids = (1..=1000).map(|n| n.to_string()).collect(),
    ];
    for (i, change) in cases.into_iter().enumerate() {
        let mut input = good();
        change(&mut input);
        assert_eq!(problems(&input), vec![], "case {i}");
    }
}

#[test]
fn every_problem_is_reported_at_once_in_form_order() {
    let empty = SessionInput { invited: "some".into(), delivery: "online".into(), ..SessionInput::default() };
    let names: Vec<&str> = problems(&empty).iter().map(|(f, _)| *f).collect();
    assert_eq!(
        names,
        [
            field::TITLE,
            field::KIND,
            field::TRAINER,
            field::TZ,
            field::STARTS_AT,
            field::ENDS_AT,
            field::LINK,
            field::CAPACITY,
            field::BOOKING_DEADLINE,
            field::ORG_IDS
        ]
    );
    assert!(problems(&empty).iter().all(|(_, p)| *p == Problem::Required));
}

#[test]
fn times_are_read_in_the_sessions_zone() {
    // (zone, local start, UTC start)
    let cases = [
        ("Asia/Shanghai", "2026-05-12T09:00", utc(2026, 5, 12, 1, 0)),
        ("UTC", "2026-05-12T09:00", utc(2026, 5, 12, 9, 0)),
        ("Europe/Berlin", "2026-01-12T09:00", utc(2026, 1, 12, 8, 0)),
        ("Europe/Berlin", "2026-07-12T09:00", utc(2026, 7, 12, 7, 0)),
        ("America/New_York", "2026-05-12T09:00", utc(2026, 5, 12, 13, 0)),
        ("Australia/Sydney", "2026-05-12T09:00", utc(2026, 5, 11, 23, 0)),
    ];
    for (tz, local, want) in cases {
        let mut input = good();
        input.tz = tz.into();
        input.starts_at = local.into();
        input.ends_at = local.replace("09:00", "10:00");
        input.booking_deadline = local.into();
        let draft = validate_session(&input).unwrap_or_else(|e| panic!("{tz}: {e:?}"));
        assert_eq!((draft.starts_at, draft.ends_at, draft.booking_deadline), (want, want + 3600, want), "{tz}");
        assert_eq!(draft.tz.name(), tz);
    }
}

#[test]
fn unknown_zones_are_refused_but_times_are_still_checked_for_shape() {
    for (tz, want) in [("", Problem::Required), ("Mars/Olympus", Problem::UnknownChoice), ("PRC", Problem::UnknownChoice)] {
        let mut input = good();
        input.tz = tz.into();
        input.ends_at = "soon".into();
        assert_eq!(problems(&input), vec![(field::TZ, want), (field::ENDS_AT, Problem::NotADateTime)], "{tz:?}");
    }
}

#[test]
fn daylight_saving_gaps_are_refused_and_repeated_hours_mean_the_earlier() {
    let berlin = chrono_tz::Europe::Berlin;
    let new_york = chrono_tz::America::New_York;
    let cases: [(Tz, &str, Result<i64, Problem>); 7] = [
        // Berlin goes from 02:00 to 03:00 on 29 March 2026.
        (berlin, "2026-03-29T01:59", Ok(utc(2026, 3, 29, 0, 59))),
        (berlin, "2026-03-29T02:00", Err(Problem::SkippedLocalTime)),
        (berlin, "2026-03-29T02:30", Err(Problem::SkippedLocalTime)),
        (berlin, "2026-03-29T03:00", Ok(utc(2026, 3, 29, 1, 0))),
        // And from 03:00 back to 02:00 on 25 October: 02:30 happens twice, summer time first.
        (berlin, "2026-10-25T02:30", Ok(utc(2026, 10, 25, 0, 30))),
        (new_york, "2026-03-08T02:15", Err(Problem::SkippedLocalTime)),
        (new_york, "2026-11-01T01:30", Ok(utc(2026, 11, 1, 5, 30))),
    ];
    for (tz, raw, want) in cases {
        assert_eq!(parse_local_datetime(raw, tz), want, "{tz} {raw}");
    }
    let mut input = good();
    input.tz = "Europe/Berlin".into();
    input.starts_at = "2026-03-29T02:30".into();
    input.ends_at = "2026-03-29T05:00".into();
    input.booking_deadline = "2026-03-28T12:00".into();
    assert_eq!(problems(&input), vec![(field::STARTS_AT, Problem::SkippedLocalTime)]);
    assert_eq!(validate_session(&input).unwrap_err(), vec![FieldError::new(field::STARTS_AT, ErrorCode::InvalidChoice)]);
}

#[test]
fn online_sessions_need_a_web_link() {
    let cases: [(&str, Result<&str, Problem>); 18] = [
        ("https://meeting.tencent.com/dm/abc123", Ok("https://meeting.tencent.com/dm/abc123")),
        (" HTTPS://Meet.Example.com:8443/x?y=1#z ", Ok("HTTPS://Meet.Example.com:8443/x?y=1#z")),
        ("http://10.0.0.5/room", Ok("http://10.0.0.5/room")),
        ("https://会议.example.cn/房间", Ok("https://会议.example.cn/房间")),
        ("", Err(Problem::Required)),
        ("meet.example.com/x", Err(Problem::NotAWebLink)),
        ("javascript:alert(1)", Err(Problem::NotAWebLink)),
        ("ftp://files.example.com", Err(Problem::NotAWebLink)),
        ("https://", Err(Problem::NotAWebLink)),
        ("https:///path", Err(Problem::NotAWebLink)),
        ("https://bank.example@evil.example/", Err(Problem::NotAWebLink)),
        ("https://meet.example.com/a b", Err(Problem::NotAWebLink)),
        ("https://meet.example.com/\r\nX-INJECT:1", Err(Problem::NotAWebLink)),
        ("https://meet.example.com/\"><script>", Err(Problem::NotAWebLink)),
        ("https://meet.example.com:/x", Err(Problem::NotAWebLink)),
        ("https://meet.example.com:80a/x", Err(Problem::NotAWebLink)),
        ("https://.example.com", Err(Problem::NotAWebLink)),
        ("https://x.example.com/", Ok("https://x.example.com/")),
    ];
    for (raw, want) in cases {
        let mut input = good();
        input.delivery = "online".into();
        input.place = "".into();
        input.link = raw.into();
        let got = check_session(&input).map(|d| d.delivery).map_err(|e| e[0]);
        let want = want.map(|l| Delivery::Online { link: l.into() }).map_err(|p| (field::LINK, p));
        assert_eq!(got, want, "{raw:?}");
    }
    let mut input = good();
    input.delivery = "online".into();
    input.link = format!("https://example.com/{}", "a".repeat(481));
    assert_eq!(problems(&input), vec![(field::LINK, Problem::TooLong { max: 500 })]);
    input.link.pop();
    assert_eq!(problems(&input), vec![]);
}

#[test]
fn inviting_everyone_ignores_the_list() {
    let mut input = good();
    input.invited = "all".into();
    input.org_ids = vec!["junk".into()];
    assert_eq!(validate_session(&input).map(|d| d.invited), Ok(Invited::All));
}

#[test]
fn problems_travel_as_the_shared_codes() {
    let cases = [
        (Problem::Required, ErrorCode::Required),
        (Problem::TooLong { max: 200 }, ErrorCode::TooLong { max: 200 }),
        (Problem::UnknownChoice, ErrorCode::InvalidChoice),
        (Problem::NotADateTime, ErrorCode::InvalidChoice),
        (Problem::SkippedLocalTime, ErrorCode::InvalidChoice),
        (Problem::NotAWebLink, ErrorCode::InvalidChoice),
        (Problem::BadOrgId, ErrorCode::InvalidChoice),
        (Problem::EndOutOfRange { earliest: 100, latest: 200 }, ErrorCode::OutOfRange { min: 100, max: 200 }),
        (Problem::CapacityOutOfRange { min: 7 }, ErrorCode::OutOfRange { min: 7, max: 500 }),
        (Problem::DeadlineAfterStart { latest: 99 }, ErrorCode::OutOfRange { min: 0, max: 99 }),
        (Problem::TooManyOrgs, ErrorCode::TooMany { max: 1000 }),
    ];
    for (problem, code) in cases {
        assert_eq!(problem.code(), code, "{problem:?}");
        assert_eq!(problem.at("x"), FieldError::new("x", code));
    }
}

#[test]
fn capacity_may_not_drop_below_the_confirmed_seats() {
    let cases: [(u32, u32, Result<(), u32>); 8] =
        [(20, 0, Ok(())), (1, 0, Ok(())), (0, 0, Err(1)), (12, 12, Ok(())), (11, 12, Err(12)), (500, 12, Ok(())), (501, 12, Err(12)), (499, 500, Err(500))];
    for (capacity, booked, want) in cases {
        let want = want.map_err(|min| Problem::CapacityOutOfRange { min }.at(field::CAPACITY));
        assert_eq!(check_capacity_change(capacity, booked), want, "{capacity} {booked}");
    }
}

#[test]
fn a_stored_session_fills_the_form_that_gives_it_back() {
    let drafts = [
        good_draft(),
        SessionDraft {
            delivery: Delivery::Online { link: "https://meet.example.com/x".into() },
            invited: Invited::All,
            tz: chrono_tz::Europe::Berlin,
            ..good_draft()
        },
    ];
    for draft in drafts {
        let input = SessionInput::from_draft(&draft);
        assert_eq!(validate_session(&input), Ok(draft.clone()), "{input:?}");
    }
    let input = SessionInput::from_draft(&good_draft());
    assert_eq!((input.starts_at.as_str(), input.invited.as_str()), ("2026-05-12T09:00", "some"));
    assert_eq!(input.org_ids, ["5", "12"]);
}

#[test]
fn drafts_round_trip_through_json() {
    let d = good_draft();
    let json = serde_json::to_string(&d).unwrap();
    assert_eq!(serde_json::from_str::<SessionDraft>(&json).unwrap(), d);
}
