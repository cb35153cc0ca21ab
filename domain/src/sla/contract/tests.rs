use chrono::{NaiveDate, NaiveTime};

use super::*;
use crate::dates::{date_from_number, minute_of_day, MAX_DATES, TIME_ZONES};
use crate::error_code::{ErrorCode, FieldError};
use crate::sla::calendar::BusinessCalendar;
use crate::sla::limits::{OnSiteLimit, TimeLimits};
use crate::sla::tier::{CoverageKind, Tier};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn t(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

/// A good tier-B form.
fn good() -> ContractInput {
    ContractInput::new_for(Tier::B, chrono_tz::Asia::Shanghai, d("2026-01-01"))
}

fn errors(input: &ContractInput) -> Vec<(String, Option<Problem>)> {
    input.validate(false).unwrap_err().into_iter().map(|e| (e.field.clone(), Problem::of(&e))).collect()
}

fn one(field: &str, problem: Problem) -> Vec<(String, Option<Problem>)> {
    vec![(field.to_string(), Some(problem))]
}

#[test]
fn a_new_form_is_the_tier_table_and_valid() {
    for tier in Tier::ALL {
        let input = ContractInput::new_for(tier, chrono_tz::Asia::Shanghai, d("2026-03-01"));
        let v = input.validate(false).unwrap();
        assert_eq!(v.tier, tier);
        assert_eq!(v.limits, TimeLimits::default_for(tier), "{tier:?}");
        assert_eq!(v.calendar, BusinessCalendar::for_tier(tier, chrono_tz::Asia::Shanghai));
        assert_eq!((v.valid_from, v.valid_until), (d("2026-03-01"), None));
        assert!(input.limits_are(&TimeLimits::default_for(tier)));
    }
    let c = ContractInput::new_for(Tier::C, chrono_tz::UTC, d("2026-03-01"));
    assert_eq!(c.on_site_kind, ON_SITE_NEXT_DAY);
    assert_eq!(c.resolution, ["480".to_string(), "4320".into(), "4320".into()]);
    assert_eq!((c.day_start.as_str(), c.day_end.as_str(), c.tz.as_str()), ("09:00", "17:00", "UTC"));
}

#[test]
fn the_form_round_trips_stored_terms() {
    let calendar = BusinessCalendar::for_tier(Tier::C, chrono_tz::Europe::Berlin)
        .with_hours(t("08:30"), t("18:00"))
        .with_holidays((1..=7).map(|day| NaiveDate::from_ymd_opt(2026, 10, day).unwrap()).chain([d("2026-12-25")]))
        .with_extra_working_days([d("2026-09-27"), d("2026-10-10")]);
    let mut limits = TimeLimits::default_for(Tier::C);
    limits.resolution_minutes.critical = 300;
    limits.on_site = OnSiteLimit::Within { minutes: 600 };
    let input = ContractInput::from_terms(Tier::C, &calendar, &limits, d("2026-01-01"), Some(d("2026-12-31")));
    assert_eq!(input.holidays, "2026-10-01..2026-10-07\n2026-12-25");
    assert_eq!(input.working_days, "2026-09-27\n2026-10-10");
    let v = input.validate(false).unwrap();
    assert_eq!(v, ValidContract { tier: Tier::C, calendar, limits, valid_from: d("2026-01-01"), valid_until: Some(d("2026-12-31")) });
}

#[test]
fn the_calendar_kind_follows_the_tier() {
    for (tier, coverage) in [(Tier::A, CoverageKind::AllDay7x24), (Tier::B, CoverageKind::BusinessHours7x8), (Tier::C, CoverageKind::BusinessHours5x8)] {
        let mut input = good();
        input.tier = tier.as_str().to_uppercase();
        assert_eq!(input.validate(false).unwrap().calendar.coverage, coverage, "{tier:?}");
    }
}

#[test]
fn required_fields() {
    let mut input = good();
    input.tier = " ".into();
    input.tz = "".into();
    input.day_start = "".into();
    input.valid_from = "".into();
    input.first_response = "".into();
    input.on_site = "".into();
    input.resolution[2] = "".into();
    let p = Some(Problem::Required);
    assert_eq!(
        errors(&input),
        vec![
            ("tier".into(), p),
            ("tz".into(), p),
            ("day_start".into(), p),
            ("valid_from".into(), p),
            ("first_response".into(), p),
            ("on_site".into(), p),
            ("resolution_3".into(), p),
        ]
    );
    // Optional: the end date, the date lists; the on-site minutes when "next day".
    let mut input = good();
    input.valid_until = "".into();
    input.holidays = "\n \n".into();
    input.working_days = "".into();
    input.on_site_kind = ON_SITE_NEXT_DAY.into();
    input.on_site = "".into();
    assert!(input.validate(false).is_ok());
}

#[test]
fn choices_must_be_known() {
    let mut input = good();
    input.tier = "d".into();
    input.tz = "Europe/Madrid".into();
    input.on_site_kind = "soon".into();
    assert_eq!(
        errors(&input),
        vec![
            ("tier".into(), Some(Problem::UnknownTier)),
            ("tz".into(), Some(Problem::UnknownTimeZone)),
            ("on_site_kind".into(), Some(Problem::UnknownOnSiteKind)),
        ]
    );
}

#[test]
fn the_form_takes_exactly_the_offered_time_zones() {
    for name in TIME_ZONES {
        let mut input = good();
        input.tz = name.into();
        assert_eq!(input.validate(false).unwrap().calendar.tz.name(), name);
    }
    // Aliases compiled in with them, other zones, other spellings: refused.
    for bad in ["PRC", "Asia/Chongqing", "Etc/GMT-8", "Europe/Madrid", "asia/shanghai", "CST", "+08:00"] {
        let mut input = good();
        input.tz = bad.into();
        assert_eq!(errors(&input), one("tz", Problem::UnknownTimeZone), "{bad}");
    }
}

#[test]
fn dates_must_be_real_iso_dates() {
    for bad in ["2026-02-30", "2026-1-5", "01/05/2026", "tomorrow", "1999-12-31", "2200-01-01", "+2026-01-05"] {
        let mut input = good();
        input.valid_from = bad.into();
        input.valid_until = bad.into();
        assert_eq!(errors(&input), vec![("valid_from".into(), Some(Problem::NotADate)), ("valid_until".into(), Some(Problem::NotADate))], "{bad}");
    }
}

#[test]
fn the_end_date_is_not_before_the_start() {
    let mut input = good();
    input.valid_from = "2026-06-01".into();
    input.valid_until = "2026-05-31".into();
    let e = input.validate(false).unwrap_err();
    assert_eq!(e, vec![FieldError::new("valid_until", ErrorCode::OutOfRange { min: 20260601, max: 21991231 })]);
    assert_eq!(Problem::of(&e[0]), Some(Problem::UntilBeforeFrom { from: 20260601 }));
    assert_eq!(date_from_number(20260601), Some(d("2026-06-01")));
    // A one-day contract is fine.
    input.valid_until = "2026-06-01".into();
    assert_eq!(input.validate(false).unwrap().valid_until, Some(d("2026-06-01")));
}

#[test]
fn business_hours() {
    let mut input = good();
    input.day_start = "9".into();
    input.day_end = "25:00".into();
    assert_eq!(errors(&input), vec![("day_start".into(), Some(Problem::NotATime)), ("day_end".into(), Some(Problem::NotATime))]);
    for (start, end) in [("17:00", "09:00"), ("09:00", "09:00")] {
        input.day_start = start.into();
        input.day_end = end.into();
        let e = input.validate(false).unwrap_err();
        assert_eq!(e, vec![FieldError::new("day_end", ErrorCode::OutOfRange { min: minute_of_day(t(start)) + 1, max: 1439 })]);
        assert!(matches!(Problem::of(&e[0]), Some(Problem::HoursEndBeforeStart { .. })));
    }
    input.day_start = "08:30:00".into();
    input.day_end = " 18:00 ".into();
    let cal = input.validate(false).unwrap().calendar;
    assert_eq!((cal.day_start, cal.day_end), (t("08:30"), t("18:00")));
}

#[test]
fn limits_are_whole_positive_minutes_within_a_year() {
    for bad in ["0", "-5", "1.5", "2h", "525601", "99999999999"] {
        let mut input = good();
        input.first_response = bad.into();
        input.on_site = bad.into();
        input.resolution = [bad.into(), bad.into(), bad.into()];
        let expect: Vec<_> = field::LIMITS.iter().map(|f| (f.to_string(), Some(Problem::LimitOutOfRange))).collect();
        assert_eq!(errors(&input), expect, "{bad}");
        assert_eq!(input.validate(false).unwrap_err()[0].code, ErrorCode::OutOfRange { min: 1, max: 525_600 });
    }
    let mut input = good();
    input.resolution = ["1".into(), "525600".into(), "525600".into()];
    input.first_response = "1".into();
    assert!(input.validate(false).is_ok());
}

#[test]
fn less_severe_faults_never_get_less_time() {
    let mut input = good();
    input.resolution = ["240".into(), "200".into(), "100".into()];
    let e = input.validate(false).unwrap_err();
    assert_eq!(
        e,
        vec![
            FieldError::new("resolution_2", ErrorCode::OutOfRange { min: 240, max: 525_600 }),
            FieldError::new("resolution_3", ErrorCode::OutOfRange { min: 240, max: 525_600 }),
        ]
    );
    assert_eq!(Problem::of(&e[0]), Some(Problem::ShorterThanMoreSevere { min: 240 }));
    // An invalid middle figure does not hide the order of the others.
    input.resolution = ["240".into(), "x".into(), "100".into()];
    assert_eq!(
        errors(&input),
        vec![("resolution_2".into(), Some(Problem::LimitOutOfRange)), ("resolution_3".into(), Some(Problem::ShorterThanMoreSevere { min: 240 }))]
    );
    // Equal is allowed (tier C: 72 h for severities 2 and 3).
    input.resolution = ["480".into(), "4320".into(), "4320".into()];
    assert!(input.validate(false).is_ok());
}

#[test]
fn the_first_response_comes_before_the_critical_resolution() {
    let mut input = good();
    input.first_response = "300".into();
    input.resolution[0] = "240".into();
    let e = input.validate(false).unwrap_err();
    assert_eq!(e, vec![FieldError::new("first_response", ErrorCode::OutOfRange { min: 1, max: 240 })]);
    assert_eq!(Problem::of(&e[0]), Some(Problem::ResponseAfterResolution { max: 240 }));
    input.first_response = "240".into();
    assert!(input.validate(false).is_ok());
}

#[test]
fn resetting_takes_the_tier_defaults_whatever_was_typed() {
    let mut input = good();
    input.tier = "a".into();
    input.first_response = "nonsense".into();
    input.on_site_kind = "".into();
    input.resolution = ["9".into(), "8".into(), "7".into()];
    assert!(input.validate(false).is_err());
    let v = input.validate(true).unwrap();
    assert_eq!(v.limits, TimeLimits::default_for(Tier::A));
    // Other fields are still checked; without a tier there are no defaults to take.
    input.tier = "x".into();
    input.valid_from = "".into();
    assert_eq!(errors_reset(&input), vec![("tier".into(), Some(Problem::UnknownTier)), ("valid_from".into(), Some(Problem::Required))]);
}

fn errors_reset(input: &ContractInput) -> Vec<(String, Option<Problem>)> {
    input.validate(true).unwrap_err().into_iter().map(|e| (e.field.clone(), Problem::of(&e))).collect()
}

#[test]
fn on_site_by_the_next_working_day() {
    let mut input = good();
    input.on_site_kind = ON_SITE_NEXT_DAY.into();
    input.on_site = "garbage is ignored".into();
    assert_eq!(input.validate(false).unwrap().limits.on_site, OnSiteLimit::NextWorkingDayEnd);
    input.on_site_kind = ON_SITE_WITHIN.into();
    input.on_site = "90".into();
    assert_eq!(input.validate(false).unwrap().limits.on_site, OnSiteLimit::Within { minutes: 90 });
}

#[test]
fn date_list_problems() {
    let mut input = good();
    input.holidays = "2026-10-01\nOctober 2".into();
    input.working_days = "2026-09-31".into();
    assert_eq!(errors(&input), vec![("holidays".into(), Some(Problem::BadDateLine)), ("working_days".into(), Some(Problem::BadDateLine))]);
    input.holidays = "2026-01-01..2026-12-31\n2027-01-01..2027-12-31\n2028-01-01..2028-12-31".into();
    input.working_days = "".into();
    let e = input.validate(false).unwrap_err();
    assert_eq!(e, vec![FieldError::new("holidays", ErrorCode::TooMany { max: MAX_DATES })]);
    assert_eq!(Problem::of(&e[0]), Some(Problem::TooManyDates));
}

#[test]
fn a_date_is_a_holiday_or_a_working_day_not_both() {
    let mut input = good();
    input.holidays = "2026-10-01..2026-10-07".into();
    input.working_days = "2026-09-27\n2026-10-07".into();
    let e = input.validate(false).unwrap_err();
    assert_eq!(e, vec![FieldError::new("calendar_dates", ErrorCode::InvalidChoice)]);
    assert_eq!(Problem::of(&e[0]), Some(Problem::HolidayAndWorkingDay));
    input.working_days = "2026-09-27\n2026-10-10".into();
    let cal = input.validate(false).unwrap().calendar;
    assert_eq!(cal.holidays.len(), 7);
    assert_eq!(cal.extra_working_days, [d("2026-09-27"), d("2026-10-10")].into());
}

#[test]
fn every_problem_reads_back_from_its_field_and_code() {
    let cases = [
        (field::TIER, Problem::Required),
        (field::TIER, Problem::UnknownTier),
        (field::TZ, Problem::UnknownTimeZone),
        (field::ON_SITE_KIND, Problem::UnknownOnSiteKind),
        (field::ORG, Problem::NotACustomer),
        (field::VALID_FROM, Problem::NotADate),
        (field::VALID_UNTIL, Problem::NotADate),
        (field::DAY_START, Problem::NotATime),
        (field::DAY_END, Problem::HoursEndBeforeStart { earliest_minute: 541 }),
        (field::VALID_UNTIL, Problem::UntilBeforeFrom { from: 20260601 }),
        (field::VALIDITY, Problem::Overlaps),
        (field::ON_SITE, Problem::LimitOutOfRange),
        (field::FIRST_RESPONSE, Problem::LimitOutOfRange),
        (field::RESOLUTION[2], Problem::ShorterThanMoreSevere { min: 1440 }),
        (field::FIRST_RESPONSE, Problem::ResponseAfterResolution { max: 120 }),
        (field::HOLIDAYS, Problem::BadDateLine),
        (field::WORKING_DAYS, Problem::TooManyDates),
        (field::CALENDAR_DATES, Problem::HolidayAndWorkingDay),
        (field::COMPLAINT_ACK, Problem::ComplaintDaysOutOfRange { min: 1 }),
        (field::COMPLAINT_ANSWER, Problem::ComplaintDaysOutOfRange { min: 3 }),
    ];
    for (field, problem) in cases {
        assert_eq!(Problem::of(&problem.at(field)), Some(problem), "{field} {problem:?}");
    }
    // Errors of other forms are not this form's.
    assert_eq!(Problem::of(&FieldError::new("email", ErrorCode::InvalidEmail)), None);
    assert_eq!(Problem::of(&FieldError::new("minutes", ErrorCode::OutOfRange { min: 1, max: 1440 })), None);
}

#[test]
fn overlapping_periods() {
    let p = |id, from: &str, until: Option<&str>| Period { id, valid_from: d(from), valid_until: until.map(d) };
    let others = [p(1, "2026-01-01", Some("2026-06-30")), p(2, "2026-09-01", None)];
    // (from, until, overlapping id)
    let table: [(&str, Option<&str>, Option<i32>); 8] = [
        ("2026-07-01", Some("2026-08-31"), None),
        ("2026-06-30", Some("2026-08-31"), Some(1)),
        ("2026-07-01", Some("2026-09-01"), Some(2)),
        ("2026-07-01", None, Some(2)),
        ("2025-01-01", Some("2025-12-31"), None),
        ("2025-01-01", None, Some(1)),
        ("2030-01-01", None, Some(2)),
        ("2026-02-01", Some("2026-02-02"), Some(1)),
    ];
    for (from, until, expect) in table {
        assert_eq!(overlapping(d(from), until.map(d), &others, None).map(|p| p.id), expect, "{from} {until:?}");
    }
    // Editing contract 1 itself does not clash with itself.
    assert_eq!(overlapping(d("2026-01-01"), Some(d("2026-07-31")), &others, Some(1)), None);
    assert_eq!(overlapping(d("2026-01-01"), Some(d("2026-09-01")), &others, Some(1)).map(|p| p.id), Some(2));
}

#[test]
fn which_contract_is_in_force() {
    let p = |id, from: &str, until: Option<&str>| Period { id, valid_from: d(from), valid_until: until.map(d) };
    let all = [p(1, "2026-01-01", Some("2026-06-30")), p(2, "2026-07-01", None), p(3, "2025-01-01", Some("2025-12-31"))];
    assert_eq!(in_force(&all, d("2026-06-30")), Some(1));
    assert_eq!(in_force(&all, d("2026-07-01")), Some(2));
    assert_eq!(in_force(&all, d("2024-12-31")), None);
    assert_eq!(standing(&all[0], &all, d("2026-03-01")), Standing::InForce);
    assert_eq!(standing(&all[1], &all, d("2026-03-01")), Standing::Upcoming);
    assert_eq!(standing(&all[2], &all, d("2026-03-01")), Standing::NotInForce);
    // Overlapping legacy rows: the later start wins, as in the database query.
    let legacy = [p(1, "2026-01-01", None), p(2, "2026-03-01", None)];
    assert_eq!(in_force(&legacy, d("2026-04-01")), Some(2));
    assert_eq!(standing(&legacy[0], &legacy, d("2026-04-01")), Standing::NotInForce);
}
#[test]
fn the_form_posts_under_its_input_names() {
    let input = good();
    let json = serde_json::to_value(ContractFields::from(input.clone())).unwrap();
    let mut names: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    names.sort();
    let mut expect = vec![
        field::TIER,
        field::TZ,
        field::DAY_START,
        field::DAY_END,
        field::VALID_FROM,
        field::VALID_UNTIL,
        field::ON_SITE_KIND,
        field::HOLIDAYS,
        field::WORKING_DAYS,
        field::COMPLAINT_ACK,
        field::COMPLAINT_ANSWER,
    ];
    expect.extend(field::LIMITS);
    expect.sort();
    assert_eq!(names, expect);
    assert_eq!(json[field::RESOLUTION[2]], input.resolution[2].as_str());
    assert_eq!(ContractInput::from(serde_json::from_value::<ContractFields>(json).unwrap()), input);
}

#[test]
fn complaint_clocks_default_and_are_checked() {
    use crate::complaint::ComplaintClocks;
    // Left empty (older forms, older contracts): 1 and 5 working days.
    assert_eq!(good().validate(false).unwrap().limits.complaint, ComplaintClocks { ack_days: 1, answer_days: 5 });
    let with = |ack: &str, answer: &str| {
        let mut input = good();
        input.complaint_ack = ack.into();
        input.complaint_answer = answer.into();
        input.validate(false)
    };
    assert_eq!(with("2", "10").unwrap().limits.complaint, ComplaintClocks { ack_days: 2, answer_days: 10 });
    assert_eq!(with("30", "30").unwrap().limits.complaint, ComplaintClocks { ack_days: 30, answer_days: 30 });
    // An empty answer clock is the default, or the acknowledgement's days when those are more.
    assert_eq!(with("7", "").unwrap().limits.complaint, ComplaintClocks { ack_days: 7, answer_days: 7 });
    for (ack, answer, field, min) in [
        ("0", "5", field::COMPLAINT_ACK, 1),
        ("31", "5", field::COMPLAINT_ACK, 1),
        ("x", "5", field::COMPLAINT_ACK, 1),
        ("-1", "5", field::COMPLAINT_ACK, 1),
        ("3", "2", field::COMPLAINT_ANSWER, 3),
        ("1", "31", field::COMPLAINT_ANSWER, 1),
        ("1", "1.5", field::COMPLAINT_ANSWER, 1),
    ] {
        let errors = with(ack, answer).unwrap_err();
        assert_eq!(errors, vec![Problem::ComplaintDaysOutOfRange { min }.at(field)], "{ack} {answer}");
    }
    // Stored terms show in the form and read back the same.
    let mut input = good();
    input.complaint_ack = "2".into();
    input.complaint_answer = "8".into();
    let v = input.validate(false).unwrap();
    let shown = ContractInput::from_terms(v.tier, &v.calendar, &v.limits, v.valid_from, v.valid_until);
    assert_eq!((shown.complaint_ack.as_str(), shown.complaint_answer.as_str()), ("2", "8"));
    // A tier change still follows default limits whatever the complaint clocks say.
    assert!(shown.limits_are(&v.limits));
    // Contracts stored before the clocks existed read as the defaults.
    let old: crate::sla::TimeLimits = serde_json::from_value(serde_json::json!({
        "first_response_minutes": 10,
        "on_site": { "kind": "within", "minutes": 240 },
        "resolution_minutes": { "critical": 240, "major": 1440, "minor": 2880 }
    }))
    .unwrap();
    assert_eq!(old.complaint, ComplaintClocks::default());
}
