use super::edit::{add_question, field, retire, reword, OPTIONS_MAX, QUESTION_TEXT_MAX};
use super::*;
use crate::error_code::{ErrorCode, FieldError};

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn opt(key: &str, en: &str, zh: &str) -> ChoiceOption {
    ChoiceOption { key: key.into(), text_en: en.into(), text_zh: zh.into() }
}

/// Expected errors: (field, code).
type Want = Vec<(&'static str, ErrorCode)>;

fn by_key(key: &str) -> QuestionVersion {
    default_questions().into_iter().find(|q| q.key == key).unwrap()
}

#[test]
fn the_standard_set_is_the_issues_questions_in_order() {
    let qs = default_questions();
    let shape: Vec<(&str, &QuestionKind, bool, Option<Condition>)> = qs.iter().map(|q| (q.key.as_str(), &q.kind, q.required, q.shown_when)).collect();
    let QuestionKind::Choice { options, max_selected } = &qs[4].kind else { panic!("reasons are a choice") };
    assert_eq!(*max_selected, 3);
    assert_eq!(
        shape,
        vec![
            (key::OVERALL, &QuestionKind::Scale5, true, None),
            (key::SPEED, &QuestionKind::Scale5, true, None),
            (key::PROFESSIONALISM, &QuestionKind::Scale5, true, None),
            (key::SOLVED, &QuestionKind::YesNo, true, None),
            (key::REASONS, &qs[4].kind, false, Some(Condition::LowScoreOrNotSolved)),
            (key::COMMENT, &QuestionKind::Text, false, None),
        ]
    );
    assert!(qs.iter().all(|q| q.version == 1 && !q.retired));
    // Both languages everywhere, Chinese really Chinese, option keys unique and stable.
    for q in &qs {
        assert!(!q.text_en.is_empty() && !has_cjk(&q.text_en), "{}", q.key);
        assert!(has_cjk(&q.text_zh), "{}", q.key);
        assert!(q.text_en.chars().count() <= QUESTION_TEXT_MAX && q.text_zh.chars().count() <= QUESTION_TEXT_MAX);
    }
    let keys: Vec<&str> = options.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys, ["slow_response", "slow_fix", "not_fixed", "came_back", "communication", "engineer", "other"]);
    for o in options {
        assert!(!has_cjk(&o.text_en) && has_cjk(&o.text_zh), "{}", o.key);
    }
}

#[test]
fn conditions_read_the_overall_score_and_solved() {
    use Condition::*;
    // (condition, overall, solved, threshold, shown)
    let cases = [
        (LowScore, Some(1), None, 2, true),
        (LowScore, Some(2), Some(true), 2, true),
        (LowScore, Some(3), Some(false), 2, false),
        (LowScore, Some(3), None, 3, true),
        (LowScore, Some(4), None, 3, false),
        (LowScore, None, Some(false), 2, false),
        (NotSolved, Some(5), Some(false), 2, true),
        (NotSolved, Some(1), Some(true), 2, false),
        (NotSolved, Some(1), None, 2, false),
        (LowScoreOrNotSolved, Some(1), Some(true), 2, true),
        (LowScoreOrNotSolved, Some(5), Some(false), 2, true),
        (LowScoreOrNotSolved, Some(5), Some(true), 2, false),
        (LowScoreOrNotSolved, None, None, 2, false),
    ];
    for (c, overall, solved, threshold, want) in cases {
        assert_eq!(c.holds(overall, solved, threshold), want, "{c:?} {overall:?} {solved:?} {threshold}");
    }
    // Unconditional questions are always shown.
    assert!(by_key(key::COMMENT).shown(None, None, 2));
    assert!(!by_key(key::REASONS).shown(Some(4), Some(true), 2));
}

#[test]
fn text_picks_the_language() {
    let q = by_key(key::SOLVED);
    assert_eq!(q.text(false), "Was your problem solved?");
    assert_eq!(q.text(true), "您的问题解决了吗？");
}

#[test]
fn current_questions_take_the_latest_version_and_drop_retired_keys() {
    let qs = default_questions();
    let speed2 = reword(&qs[1], "How fast did we answer?", "我们回复得快吗？").unwrap();
    let comment_retired = retire(&qs[5]).unwrap();
    // Versions stored in any order; the first appearance of a key fixes its place.
    let mut all = vec![speed2.clone()];
    all.extend(qs.iter().cloned());
    all.push(comment_retired);
    let current = current_questions(&all);
    let keys: Vec<(&str, u32)> = current.iter().map(|q| (q.key.as_str(), q.version)).collect();
    assert_eq!(keys, [("speed", 2), ("overall", 1), ("professionalism", 1), ("solved", 1), ("reasons", 1)]);
    assert_eq!(current[0], speed2);
    assert_eq!(current_questions(&[]), vec![]);
}

#[test]
fn rewording_makes_the_next_version_and_keeps_the_rest() {
    let q = by_key(key::REASONS);
    let r = reword(&q, "  Why?  ", " 为什么？ ").unwrap();
    assert_eq!(r, QuestionVersion { version: 2, text_en: "Why?".into(), text_zh: "为什么？".into(), ..q.clone() });
    assert_eq!(reword(&r, "Why not?", "为什么？").unwrap().version, 3);
    // Only one language changed is a change.
    assert!(reword(&q, &q.text_en, "不满意的原因？").is_ok());
}

#[test]
fn rewording_refuses_empty_long_unchanged_and_retired() {
    let q = by_key(key::SPEED);
    let long = "x".repeat(QUESTION_TEXT_MAX + 1);
    let cases: Vec<(&str, &str, Want)> = vec![
        ("", "中文", vec![(field::TEXT_EN, ErrorCode::Required)]),
        ("en", " ", vec![(field::TEXT_ZH, ErrorCode::Required)]),
        ("", "", vec![(field::TEXT_EN, ErrorCode::Required), (field::TEXT_ZH, ErrorCode::Required)]),
        (&long, "中文", vec![(field::TEXT_EN, ErrorCode::TooLong { max: QUESTION_TEXT_MAX })]),
        (&q.text_en, &q.text_zh, vec![(field::TEXT_EN, ErrorCode::Unchanged)]),
    ];
    for (en, zh, want) in cases {
        let want: Vec<FieldError> = want.into_iter().map(|(f, c)| FieldError::new(f, c)).collect();
        assert_eq!(reword(&q, en, zh), Err(want), "{en:?} {zh:?}");
    }
    let retired = retire(&q).unwrap();
    assert_eq!(reword(&retired, "new", "新"), Err(vec![FieldError::new(field::KEY, ErrorCode::InvalidChoice)]));
}

#[test]
fn retiring_keeps_the_version_and_spares_the_overall_score() {
    for q in default_questions() {
        let got = retire(&q);
        if q.key == key::OVERALL {
            assert_eq!(got, Err(FieldError::new(field::KEY, ErrorCode::InvalidChoice)));
        } else {
            let r = got.unwrap();
            assert_eq!(r, QuestionVersion { retired: true, ..q.clone() });
            assert_eq!(retire(&r), Err(FieldError::new(field::KEY, ErrorCode::Unchanged)));
        }
    }
}

#[test]
fn added_questions_get_fresh_keys_never_reused() {
    let mut all = default_questions();
    let a = add_question(&all, QuestionKind::Scale5, " Was the engineer on time? ", "工程师准时吗？", false, None).unwrap();
    assert_eq!(
        a,
        QuestionVersion {
            key: "custom_1".into(),
            version: 1,
            kind: QuestionKind::Scale5,
            text_en: "Was the engineer on time?".into(),
            text_zh: "工程师准时吗？".into(),
            required: false,
            shown_when: None,
            retired: false,
        }
    );
    all.push(retire(&a).unwrap());
    let b = add_question(&all, QuestionKind::YesNo, "Recommend us?", "会推荐我们吗？", true, Some(Condition::NotSolved)).unwrap();
    assert_eq!((b.key.as_str(), b.required, b.shown_when), ("custom_2", true, Some(Condition::NotSolved)));
}

#[test]
fn added_choice_questions_check_their_options() {
    let good = vec![opt("a", "A", "甲"), opt(" b ", " B ", " 乙 ")];
    let q = add_question(&[], QuestionKind::Choice { options: good, max_selected: 2 }, "Which?", "哪个？", true, None).unwrap();
    assert_eq!(q.kind, QuestionKind::Choice { options: vec![opt("a", "A", "甲"), opt("b", "B", "乙")], max_selected: 2 });

    let too_many: Vec<ChoiceOption> = (0..=OPTIONS_MAX).map(|i| opt(&format!("o{i}"), "x", "甲")).collect();
    let cases: Vec<(Vec<ChoiceOption>, u8, Want)> = vec![
        (vec![], 1, vec![("options", ErrorCode::Required)]),
        (too_many, 1, vec![("options", ErrorCode::TooMany { max: OPTIONS_MAX })]),
        (vec![opt("a", "A", "甲")], 0, vec![("max_selected", ErrorCode::OutOfRange { min: 1, max: 1 })]),
        (vec![opt("a", "A", "甲")], 2, vec![("max_selected", ErrorCode::OutOfRange { min: 1, max: 1 })]),
        (vec![opt("", "A", "甲")], 1, vec![("options.0.key", ErrorCode::Required)]),
        (vec![opt("A-1", "A", "甲")], 1, vec![("options.0.key", ErrorCode::InvalidChoice)]),
        (vec![opt(&"k".repeat(41), "A", "甲")], 1, vec![("options.0.key", ErrorCode::TooLong { max: 40 })]),
        (vec![opt("a", "A", "甲"), opt("a", "B", "乙")], 1, vec![("options.1.key", ErrorCode::NameTaken)]),
        (
            vec![opt("a", "", "甲"), opt("b", "B", &"乙".repeat(101))],
            1,
            vec![("options.0.text_en", ErrorCode::Required), ("options.1.text_zh", ErrorCode::TooLong { max: 100 })],
        ),
    ];
    for (options, max_selected, want) in cases {
        let label = format!("{options:?} {max_selected}");
        let got = add_question(&[], QuestionKind::Choice { options, max_selected }, "Which?", "哪个？", true, None);
        let want: Vec<FieldError> = want.into_iter().map(|(f, c)| FieldError::new(f, c)).collect();
        assert_eq!(got, Err(want), "{label}");
    }
    // Text problems and option problems together.
    let got = add_question(&[], QuestionKind::Choice { options: vec![], max_selected: 1 }, "", "哪个？", true, None).unwrap_err();
    assert_eq!(got, vec![FieldError::new("text_en", ErrorCode::Required), FieldError::new("options", ErrorCode::Required)]);
}

#[test]
fn questions_round_trip_through_json() {
    for q in default_questions() {
        let json = serde_json::to_string(&q).unwrap();
        assert_eq!(serde_json::from_str::<QuestionVersion>(&json).unwrap(), q);
    }
    let json = serde_json::to_string(&by_key(key::REASONS).kind).unwrap();
    assert!(json.starts_with(r#"{"kind":"choice","options":[{"key":"slow_response""#), "{json}");
    assert_eq!(serde_json::to_string(&Condition::LowScoreOrNotSolved).unwrap(), r#""low_score_or_not_solved""#);
}
