use super::*;
use crate::survey::question::{default_questions, edit::retire, edit::reword, Condition};

type Errors = Vec<(String, ErrorCode)>;

fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// The four required answers, a happy customer.
const HAPPY: [(&str, &str); 4] = [("overall", "5"), ("speed", "4"), ("professionalism", "5"), ("solved", "yes")];

fn with(changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(&str, &str)> = HAPPY.iter().copied().filter(|(k, _)| !changes.iter().any(|(c, _)| c == k)).collect();
    pairs.extend(changes.iter().copied().filter(|(_, v)| *v != "<absent>"));
    form(&pairs)
}

fn errors(raw: &[(String, String)]) -> Errors {
    validate_answers(&default_questions(), raw, 2).err().unwrap_or_default().into_iter().map(|e| (e.field, e.code)).collect()
}

fn one(field: &str, code: ErrorCode) -> Errors {
    vec![(field.to_string(), code)]
}

fn answer(key: &str, value: AnswerValue) -> Answer {
    Answer { key: key.into(), version: 1, value }
}

#[test]
fn a_happy_answer_is_kept_with_its_versions() {
    let raw = with(&[("comment", "  Great, thanks!\n "), ("csrf", "x"), ("submit", "")]);
    let v = validate_answers(&default_questions(), &raw, 2).unwrap();
    assert_eq!(
        v,
        ValidAnswers {
            overall: 5,
            solved: Some(true),
            answers: vec![
                answer("overall", AnswerValue::Scale(5)),
                answer("speed", AnswerValue::Scale(4)),
                answer("professionalism", AnswerValue::Scale(5)),
                answer("solved", AnswerValue::YesNo(true)),
                answer("comment", AnswerValue::Text("Great, thanks!".into())),
            ],
        }
    );
    assert_eq!(verdict(&v, 2), Verdict::Satisfied);
    assert_eq!(v.get("speed"), Some(&AnswerValue::Scale(4)));
    assert_eq!(v.get("reasons"), None);
}

#[test]
fn each_question_reports_its_own_problem() {
    let long = "字".repeat(TEXT_MAX + 1);
    let exactly = "字".repeat(TEXT_MAX);
    let scale = ErrorCode::OutOfRange { min: 1, max: 5 };
    let cases: Vec<(Vec<(&str, &str)>, Errors)> = vec![
        (vec![("overall", "<absent>")], one("overall", ErrorCode::Required)),
        (vec![("overall", "  ")], one("overall", ErrorCode::Required)),
        (vec![("overall", "0")], one("overall", scale.clone())),
        (vec![("overall", "6")], one("overall", scale.clone())),
        (vec![("overall", "4.5")], one("overall", scale.clone())),
        (vec![("overall", "five")], one("overall", scale.clone())),
        (vec![("overall", "5"), ("overall", "1")], one("overall", ErrorCode::TooMany { max: 1 })),
        (vec![("speed", "<absent>")], one("speed", ErrorCode::Required)),
        (vec![("professionalism", "-1")], one("professionalism", scale.clone())),
        (vec![("solved", "<absent>")], one("solved", ErrorCode::Required)),
        (vec![("solved", "maybe")], one("solved", ErrorCode::InvalidChoice)),
        (vec![("solved", "Yes")], one("solved", ErrorCode::InvalidChoice)),
        (vec![("solved", "yes"), ("solved", "no")], one("solved", ErrorCode::TooMany { max: 1 })),
        (vec![("comment", &long)], one("comment", ErrorCode::TooLong { max: TEXT_MAX })),
        (vec![("comment", &exactly)], vec![]),
        (vec![("comment", "a"), ("comment", "b")], one("comment", ErrorCode::TooMany { max: 1 })),
        // An empty duplicate is not a second value.
        (vec![("overall", "4"), ("overall", "")], vec![]),
        (vec![("comment", "   ")], vec![]),
    ];
    for (changes, want) in cases {
        assert_eq!(errors(&with(&changes)), want, "{changes:?}");
    }
}

#[test]
fn every_problem_is_reported_at_once_in_question_order() {
    let got = errors(&form(&[("overall", "9"), ("solved", "?")]));
    let fields: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(fields, ["overall", "speed", "professionalism", "solved"]);
}

#[test]
fn reasons_are_asked_only_when_low_or_unsolved() {
    // (overall, solved, reasons sent, threshold, expected reasons or error)
    type Want = Result<Option<Vec<&'static str>>, ErrorCode>;
    let cases: Vec<(&str, &str, Vec<&str>, u8, Want)> = vec![
        ("1", "yes", vec!["slow_fix", "slow_response"], 2, Ok(Some(vec!["slow_response", "slow_fix"]))),
        ("2", "yes", vec!["other"], 2, Ok(Some(vec!["other"]))),
        ("5", "no", vec!["not_fixed"], 2, Ok(Some(vec!["not_fixed"]))),
        // Not shown: dropped, even when invalid.
        ("3", "yes", vec!["not_fixed"], 2, Ok(None)),
        ("5", "yes", vec!["nonsense", "a", "b", "c"], 2, Ok(None)),
        // The threshold moves the line.
        ("3", "yes", vec!["not_fixed"], 3, Ok(Some(vec!["not_fixed"]))),
        // Optional when shown.
        ("1", "no", vec![], 2, Ok(None)),
        // Each once; a repeated box is one choice.
        ("1", "no", vec!["other", "other", "other", "other"], 2, Ok(Some(vec!["other"]))),
        ("1", "no", vec!["not_fixed", "slow_fix", "other"], 2, Ok(Some(vec!["slow_fix", "not_fixed", "other"]))),
        ("1", "no", vec!["not_fixed", "slow_fix", "other", "engineer"], 2, Err(ErrorCode::TooMany { max: 3 })),
        ("1", "no", vec!["Other"], 2, Err(ErrorCode::InvalidChoice)),
        ("1", "no", vec!["other", "bribe"], 2, Err(ErrorCode::InvalidChoice)),
    ];
    for (overall, solved, reasons, threshold, want) in cases {
        let mut raw = form(&[("overall", overall), ("speed", "3"), ("professionalism", "3"), ("solved", solved)]);
        raw.extend(reasons.iter().map(|r| ("reasons".to_string(), r.to_string())));
        let got = validate_answers(&default_questions(), &raw, threshold);
        let got = match got {
            Ok(v) => Ok(v.get("reasons").cloned()),
            Err(e) => {
                assert_eq!(e.len(), 1, "{e:?}");
                assert_eq!(e[0].field, "reasons");
                Err(e[0].code.clone())
            }
        };
        let want = want.map(|o| o.map(|keys| AnswerValue::Choices(keys.into_iter().map(String::from).collect())));
        assert_eq!(got, want, "{overall} {solved} {reasons:?} {threshold}");
    }
}

#[test]
fn an_invalid_overall_score_hides_the_reasons_instead_of_piling_errors() {
    let raw = form(&[("overall", "x"), ("speed", "3"), ("professionalism", "3"), ("solved", "yes"), ("reasons", "bad")]);
    assert_eq!(errors(&raw), one("overall", ErrorCode::OutOfRange { min: 1, max: 5 }));
}

#[test]
fn answers_keep_the_version_they_were_given_under() {
    let mut qs = default_questions();
    qs[1] = reword(&qs[1], "How fast?", "快吗？").unwrap();
    qs[1] = reword(&qs[1], "How fast was the first answer?", "首次回复快吗？").unwrap();
    let v = validate_answers(&qs, &with(&[]), 2).unwrap();
    assert_eq!(v.answers[1], Answer { key: "speed".into(), version: 3, value: AnswerValue::Scale(4) });
}

#[test]
fn a_retired_solved_question_leaves_solved_unknown() {
    // A survey sent after "solved" was retired does not ask it: satisfaction rests on the score.
    let qs: Vec<_> = default_questions().into_iter().filter(|q| q.key != "solved").collect();
    let v = validate_answers(&qs, &with(&[("solved", "no")]), 2).unwrap();
    assert_eq!((v.overall, v.solved, v.get("solved")), (5, None, None));
    assert_eq!(verdict(&v, 2), Verdict::Satisfied);
    // And the retire rule lets it go.
    assert!(retire(&default_questions()[3]).is_ok());
}

#[test]
fn the_overall_score_is_required_even_if_a_stored_flag_says_otherwise() {
    let mut qs = default_questions();
    qs[0].required = false;
    assert_eq!(validate_answers(&qs, &with(&[("overall", "<absent>")]), 2).unwrap_err(), vec![FieldError::new("overall", ErrorCode::Required)]);
    // A question set without it cannot give a verdict at all.
    let without: Vec<_> = default_questions().into_iter().skip(1).collect();
    assert_eq!(validate_answers(&without, &with(&[]), 2).unwrap_err(), vec![FieldError::new("overall", ErrorCode::Required)]);
}

#[test]
fn added_questions_with_conditions_follow_the_same_rules() {
    let mut qs = default_questions();
    let mut extra = qs[1].clone();
    extra.key = "custom_1".into();
    extra.required = true;
    extra.shown_when = Some(Condition::NotSolved);
    qs.push(extra);
    assert!(validate_answers(&qs, &with(&[]), 2).is_ok());
    assert_eq!(validate_answers(&qs, &with(&[("solved", "no")]), 2).unwrap_err(), vec![FieldError::new("custom_1", ErrorCode::Required)]);
    let v = validate_answers(&qs, &with(&[("solved", "no"), ("custom_1", "2")]), 2).unwrap();
    assert_eq!(v.get("custom_1"), Some(&AnswerValue::Scale(2)));
}

#[test]
fn verdict_table() {
    // (overall, solved, threshold, verdict)
    let unsat = |low_score, not_solved| Verdict::Unsatisfied { low_score, not_solved };
    let cases = [
        (5, Some(true), 2, Verdict::Satisfied),
        (3, Some(true), 2, Verdict::Satisfied),
        (3, None, 2, Verdict::Satisfied),
        (2, Some(true), 2, unsat(true, false)),
        (1, None, 2, unsat(true, false)),
        (5, Some(false), 2, unsat(false, true)),
        (1, Some(false), 2, unsat(true, true)),
        (3, Some(true), 3, unsat(true, false)),
        (4, Some(true), 3, Verdict::Satisfied),
        (1, Some(true), 1, unsat(true, false)),
        (2, Some(true), 1, Verdict::Satisfied),
    ];
    for (overall, solved, threshold, want) in cases {
        let v = ValidAnswers { overall, solved, answers: vec![] };
        assert_eq!(verdict(&v, threshold), want, "{overall} {solved:?} {threshold}");
    }
}

#[test]
fn form_values_give_the_answer_back() {
    let qs = default_questions();
    let raw = form(&[
        ("overall", "1"),
        ("speed", "2"),
        ("professionalism", "3"),
        ("solved", "no"),
        ("reasons", "came_back"),
        ("reasons", "other"),
        ("comment", "它又坏了, \"again\""),
    ]);
    let v = validate_answers(&qs, &raw, 2).unwrap();
    let back: Vec<(String, String)> = v.answers.iter().flat_map(|a| a.value.form_values().into_iter().map(|val| (a.key.clone(), val))).collect();
    assert_eq!(back, raw);
    assert_eq!(validate_answers(&qs, &back, 2).unwrap(), v);
}

#[test]
fn answers_and_verdicts_round_trip_through_json() {
    let v = validate_answers(&default_questions(), &with(&[("overall", "1"), ("reasons", "other")]), 2).unwrap();
    let json = serde_json::to_string(&v).unwrap();
    assert_eq!(serde_json::from_str::<ValidAnswers>(&json).unwrap(), v);
    assert!(json.contains(r#"{"key":"reasons","version":1,"value":{"type":"choices","value":["other"]}}"#), "{json}");
    let u = Verdict::Unsatisfied { low_score: true, not_solved: false };
    assert_eq!(serde_json::to_string(&u).unwrap(), r#"{"verdict":"unsatisfied","low_score":true,"not_solved":false}"#);
}
