use super::*;
use SurveyStatus::*;

const DAY: i64 = SECONDS_PER_DAY;
const HOUR: i64 = 3600;
/// Closed at a round instant; with the defaults the survey opens an hour later.
const CLOSED: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z
const DUE: i64 = CLOSED + HOUR;

fn s() -> SurveySettings {
    SurveySettings::default()
}

fn answered(at: i64) -> SurveyFacts {
    SurveyFacts { first_answered_at: Some(at), ..SurveyFacts::closed(CLOSED) }
}

#[test]
fn times_follow_the_settings() {
    assert_eq!(due_at(CLOSED, &s()), DUE);
    assert_eq!(expires_at(CLOSED, &s()), DUE + 14 * DAY);
    let other = SurveySettings { delay_minutes: 0, expiry_days: 1, ..s() };
    assert_eq!((due_at(CLOSED, &other), expires_at(CLOSED, &other)), (CLOSED, CLOSED + DAY));
    assert_eq!(final_at(&SurveyFacts::closed(CLOSED), &s()), None);
    assert_eq!(final_at(&answered(DUE + DAY), &s()), Some(DUE + 8 * DAY));
    // Capped at expiry: answered on the last day, final when the survey would have expired.
    assert_eq!(final_at(&answered(DUE + 13 * DAY), &s()), Some(DUE + 14 * DAY));
}

#[test]
fn unanswered_status_over_time() {
    let f = SurveyFacts::closed(CLOSED);
    let cases = [
        (CLOSED - DAY, Scheduled),
        (CLOSED, Scheduled),
        (DUE - 1, Scheduled),
        (DUE, Open),
        (DUE + 14 * DAY - 1, Open),
        (DUE + 14 * DAY, Expired),
        (DUE + 400 * DAY, Expired),
    ];
    for (now, want) in cases {
        assert_eq!(status_at(&f, now, &s()), want, "{}", now - CLOSED);
    }
}

#[test]
fn answered_status_over_time() {
    // (first answer, follow-up made, now, status)
    let a = DUE + DAY;
    let cases = [
        (a, false, a, Answered),
        (a, false, a + 7 * DAY - 1, Answered),
        (a, false, a + 7 * DAY, Final),
        (a, true, a, Final),
        (a, true, a + HOUR, Final),
        // Answered late: final at expiry, not seven days later.
        (DUE + 13 * DAY, false, DUE + 14 * DAY - 1, Answered),
        (DUE + 13 * DAY, false, DUE + 14 * DAY, Final),
        // An answer beats expiry even when looked at much later.
        (a, false, a + 100 * DAY, Final),
    ];
    for (first, followup, now, want) in cases {
        let f = SurveyFacts { followup_created: followup, ..answered(first) };
        assert_eq!(status_at(&f, now, &s()), want, "{first} {followup} {now}");
    }
}

#[test]
fn final_after_zero_days_means_final_at_once() {
    let settings = SurveySettings { final_after_days: 0, ..s() };
    assert_eq!(status_at(&answered(DUE), DUE, &settings), Final);
}

#[test]
fn skipped_surveys_stay_skipped() {
    let f = SurveyFacts { sampled: false, ..SurveyFacts::closed(CLOSED) };
    for now in [CLOSED, DUE, DUE + 30 * DAY] {
        assert_eq!(status_at(&f, now, &s()), Skipped);
        assert_eq!(can_answer(&f, now, &s()), Err(SurveyError::Skipped));
    }
}

#[test]
fn answers_are_accepted_while_open_or_changeable() {
    let open = SurveyFacts::closed(CLOSED);
    let cases = [
        (open, DUE - 1, Err(SurveyError::NotYet)),
        (open, DUE, Ok(())),
        (open, DUE + 14 * DAY, Err(SurveyError::Expired)),
        (answered(DUE + DAY), DUE + 2 * DAY, Ok(())),
        (answered(DUE + DAY), DUE + 8 * DAY, Err(SurveyError::Final)),
        (SurveyFacts { followup_created: true, ..answered(DUE + DAY) }, DUE + DAY, Err(SurveyError::Final)),
    ];
    for (f, now, want) in cases {
        assert_eq!(can_answer(&f, now, &s()), want, "{f:?} {now}");
    }
    for status in [Scheduled, Open, Answered, Final, Expired, Skipped] {
        assert_eq!(status.accepts_answers(), matches!(status, Open | Answered), "{status:?}");
        assert_eq!(status.awaiting_answer(), status == Open, "{status:?}");
    }
}

#[test]
fn the_reminder_goes_once_to_those_who_have_not_answered() {
    let at = DUE + 3 * DAY;
    let open = SurveyFacts::closed(CLOSED);
    assert_eq!(reminder_at(&open, &s()), Some(at));
    let cases = [
        (open, at - 1, false),
        (open, at, true),
        (open, DUE + 14 * DAY - 1, true),
        // Too late: expired.
        (open, DUE + 14 * DAY, false),
        // Already reminded.
        (SurveyFacts { reminded_at: Some(at), ..open }, at + DAY, false),
        // Answered before the reminder day.
        (answered(DUE + DAY), at, false),
        (SurveyFacts { sampled: false, ..open }, at, false),
    ];
    for (f, now, want) in cases {
        assert_eq!(reminder_due(&f, now, &s()), want, "{f:?} {now}");
    }
    let off = SurveySettings { reminder_after_days: 0, ..s() };
    assert_eq!(reminder_at(&open, &off), None);
    assert!(!reminder_due(&open, at, &off));
}

#[test]
fn sampling_is_all_none_or_a_stable_share() {
    for id in [-5, 0, 1, 42, i64::MAX] {
        for seed in [0, 7, u64::MAX] {
            assert!(sampled(id, 100, seed));
            assert!(sampled(id, 200, seed));
            assert!(!sampled(id, 0, seed));
            // Deterministic.
            assert_eq!(sampled(id, 30, seed), sampled(id, 30, seed));
        }
    }
    for (percent, seed) in [(1u8, 1u64), (10, 2), (30, 3), (50, 4), (99, 5)] {
        let n = (1..=20_000).filter(|id| sampled(*id, percent, seed)).count() as f64 / 200.0;
        assert!((n - f64::from(percent)).abs() < 1.5, "{percent}% gave {n}%");
    }
    // Monotone in the percentage: raising it only adds requests.
    for id in 1..2_000 {
        assert!(!sampled(id, 20, 9) || sampled(id, 40, 9), "{id}");
    }
    // The seed changes which requests are chosen.
    let a: Vec<bool> = (1..200).map(|id| sampled(id, 50, 1)).collect();
    let b: Vec<bool> = (1..200).map(|id| sampled(id, 50, 2)).collect();
    assert_ne!(a, b);
}

#[test]
fn sampling_values_are_pinned() {
    // Changing the hash would re-draw every stored decision's reruns; pin a few.
    let got: Vec<bool> = (1..=16).map(|id| sampled(id, 50, 2026)).collect();
    assert_eq!(got, PINNED);
}

const PINNED: [bool; 16] = [true, true, true, false, true, true, false, true, false, true, false, true, true, true, true, true];

#[test]
fn errors_have_codes_and_serde_names() {
    for e in [SurveyError::NotYet, SurveyError::Final, SurveyError::Expired, SurveyError::Skipped] {
        assert_eq!(serde_json::to_string(&e).unwrap(), format!(r#"{{"code":"{}"}}"#, e.code()));
        assert!(!e.to_string().is_empty());
    }
    assert_eq!(serde_json::to_string(&Answered).unwrap(), r#""answered""#);
}
