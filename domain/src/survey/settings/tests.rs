use super::*;

type Errors = Vec<(&'static str, ErrorCode)>;

fn errors(raw: [&str; 6]) -> Errors {
    let [a, b, c, d, e, f] = raw;
    let got = validate_settings(a, b, c, d, e, f).err().unwrap_or_default();
    // Field names are constants; map them back to `'static` for easy comparison.
    let names =
        [field::DELAY_MINUTES, field::EXPIRY_DAYS, field::REMINDER_AFTER_DAYS, field::LOW_SCORE_THRESHOLD, field::SAMPLE_PERCENT, field::FINAL_AFTER_DAYS];
    got.into_iter().map(|e| (*names.iter().find(|n| **n == e.field).unwrap(), e.code)).collect()
}

fn range(min: i64, max: i64) -> ErrorCode {
    ErrorCode::OutOfRange { min, max }
}

const GOOD: [&str; 6] = ["60", "14", "3", "2", "100", "7"];

#[test]
fn defaults_are_the_documented_ones_and_pass_their_own_check() {
    let d = SurveySettings::default();
    assert_eq!(
        d,
        SurveySettings { delay_minutes: 60, expiry_days: 14, reminder_after_days: 3, low_score_threshold: 2, sample_percent: 100, final_after_days: 7 }
    );
    let [a, b, c, e, f, g] = GOOD;
    assert_eq!(validate_settings(a, b, c, e, f, g), Ok(d));
}

#[test]
fn values_are_trimmed_and_bounds_are_inclusive() {
    let cases: [([&str; 6], SurveySettings); 3] = [
        (
            [" 0 ", "1", "0", "1", "1", "0"],
            SurveySettings { delay_minutes: 0, expiry_days: 1, reminder_after_days: 0, low_score_threshold: 1, sample_percent: 1, final_after_days: 0 },
        ),
        (
            ["10080", "90", "89", "4", "100", "90"],
            SurveySettings {
                delay_minutes: 10_080,
                expiry_days: 90,
                reminder_after_days: 89,
                low_score_threshold: 4,
                sample_percent: 100,
                final_after_days: 90,
            },
        ),
        (
            ["1440", "7", "6", "3", "25", "2"],
            SurveySettings { delay_minutes: 1440, expiry_days: 7, reminder_after_days: 6, low_score_threshold: 3, sample_percent: 25, final_after_days: 2 },
        ),
    ];
    for (raw, want) in cases {
        let [a, b, c, d, e, f] = raw;
        assert_eq!(validate_settings(a, b, c, d, e, f), Ok(want), "{raw:?}");
    }
}

#[test]
fn each_field_reports_missing_and_out_of_range() {
    // (field index, a bad value, the expected code)
    let cases: Vec<(usize, &str, Errors)> = vec![
        (0, "", vec![(field::DELAY_MINUTES, ErrorCode::Required)]),
        (0, "10081", vec![(field::DELAY_MINUTES, range(0, 10_080))]),
        (0, "-1", vec![(field::DELAY_MINUTES, range(0, 10_080))]),
        (0, "1.5", vec![(field::DELAY_MINUTES, range(0, 10_080))]),
        (0, "sixty", vec![(field::DELAY_MINUTES, range(0, 10_080))]),
        (1, " ", vec![(field::EXPIRY_DAYS, ErrorCode::Required)]),
        (1, "0", vec![(field::EXPIRY_DAYS, range(1, 90))]),
        (1, "91", vec![(field::EXPIRY_DAYS, range(1, 90))]),
        (2, "", vec![(field::REMINDER_AFTER_DAYS, ErrorCode::Required)]),
        // Not before the expiry of 14 days.
        (2, "14", vec![(field::REMINDER_AFTER_DAYS, range(0, 13))]),
        (2, "x", vec![(field::REMINDER_AFTER_DAYS, range(0, 13))]),
        (3, "", vec![(field::LOW_SCORE_THRESHOLD, ErrorCode::Required)]),
        (3, "0", vec![(field::LOW_SCORE_THRESHOLD, range(1, 4))]),
        (3, "5", vec![(field::LOW_SCORE_THRESHOLD, range(1, 4))]),
        (3, "300", vec![(field::LOW_SCORE_THRESHOLD, range(1, 4))]),
        (4, "", vec![(field::SAMPLE_PERCENT, ErrorCode::Required)]),
        (4, "0", vec![(field::SAMPLE_PERCENT, range(1, 100))]),
        (4, "101", vec![(field::SAMPLE_PERCENT, range(1, 100))]),
        (4, "50%", vec![(field::SAMPLE_PERCENT, range(1, 100))]),
        (5, "", vec![(field::FINAL_AFTER_DAYS, ErrorCode::Required)]),
        (5, "91", vec![(field::FINAL_AFTER_DAYS, range(0, 90))]),
    ];
    for (i, bad, want) in cases {
        let mut raw = GOOD;
        raw[i] = bad;
        assert_eq!(errors(raw), want, "{raw:?}");
    }
}

#[test]
fn the_reminder_must_come_before_expiry() {
    let cases: [(&str, &str, Errors); 5] = [
        ("1", "0", vec![]),
        ("1", "1", vec![(field::REMINDER_AFTER_DAYS, range(0, 0))]),
        ("2", "1", vec![]),
        ("2", "2", vec![(field::REMINDER_AFTER_DAYS, range(0, 1))]),
        // Without a valid expiry the reminder is checked against its own range only.
        ("0", "30", vec![(field::EXPIRY_DAYS, range(1, 90))]),
    ];
    for (expiry, reminder, want) in cases {
        assert_eq!(errors(["60", expiry, reminder, "2", "100", "7"]), want, "{expiry} {reminder}");
    }
}

#[test]
fn every_problem_is_reported_at_once_in_form_order() {
    let got = errors(["", "", "", "", "", ""]);
    let names: Vec<&str> = got.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        names,
        [field::DELAY_MINUTES, field::EXPIRY_DAYS, field::REMINDER_AFTER_DAYS, field::LOW_SCORE_THRESHOLD, field::SAMPLE_PERCENT, field::FINAL_AFTER_DAYS]
    );
    assert!(got.iter().all(|(_, c)| *c == ErrorCode::Required));
}

#[test]
fn settings_round_trip_through_json() {
    let s = SurveySettings { sample_percent: 30, ..SurveySettings::default() };
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<SurveySettings>(&json).unwrap(), s);
}
