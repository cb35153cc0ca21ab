use super::*;

#[test]
fn the_default_template_reads_and_round_trips() {
    let t = parse_template(DEFAULT_TEMPLATE).expect("the default template reads");
    assert_eq!(t.items.len(), 15);
    for s in Section::ALL {
        assert!(t.items.iter().any(|i| i.section == s), "{s:?} has an item");
    }
    let again = parse_template(&template_text(&t)).unwrap();
    assert_eq!(again, t);
    let temp = &t.items[10];
    assert_eq!(temp.kind, ItemKind::Reading { unit: "°C".into(), min: Some(18.0), max: Some(27.0) });
    assert!(temp.per_site());
    assert_eq!(temp.env, vec![EnvField::TempMinC, EnvField::TempMaxC, EnvField::AirConditioning]);
    assert_eq!(t.items[5].kind, ItemKind::Reading { unit: "%".into(), min: None, max: Some(85.0) });
    assert!(t.items[5].applies_to(DeviceCategory::Storage) && !t.items[5].applies_to(DeviceCategory::Power));
}

#[test]
fn each_bad_line_is_reported_with_its_field() {
    let text = "\
# comment, then a blank line

hardware; pass_fail; Fine; ; server
nonsense; pass_fail; X; ; server
hardware; guess; X; ; server
hardware; pass_fail; ; ; server
hardware; reading; Temp; °C 30..20; site
hardware; choice; Fans; only; server
hardware; pass_fail; X; ; toaster
hardware; pass_fail; X; ; site; no_such_field
too; few
";
    let problems = parse_template(text).unwrap_err();
    let at: Vec<(usize, usize)> = problems.iter().map(|p| (p.line, p.field)).collect();
    assert_eq!(at, vec![(4, 1), (5, 2), (6, 3), (7, 4), (8, 4), (9, 5), (10, 6), (11, 0)]);
    assert_eq!(problems[0].code(), ErrorCode::BadLine { line: 4, field: 1 });
    assert_eq!(parse_template("").unwrap_err()[0].code(), ErrorCode::Required);
    assert_eq!(parse_template("# only a comment").unwrap_err()[0].code(), ErrorCode::Required);
}

#[test]
fn chinese_names_and_full_width_separators() {
    let t = parse_template("环境；reading；机房温度；°C １８..２７；site").unwrap();
    assert_eq!(t.items[0].section, Section::Environment);
    assert_eq!(t.items[0].kind, ItemKind::Reading { unit: "°C".into(), min: Some(18.0), max: Some(27.0) });
    let t = parse_template("硬件; choice; 风扇; 正常，异响*，停转*; server").unwrap();
    assert_eq!(t.items[0].kind, ItemKind::Choice { options: vec!["正常".into(), "异响".into(), "停转".into()], findings: vec!["异响".into(), "停转".into()] });
}

#[test]
fn ranges_open_at_either_end_and_without_a_unit() {
    let kind = |d: &str| parse_template(&format!("power; reading; X; {d}; site")).unwrap().items[0].kind.clone();
    assert_eq!(kind("min 15.."), ItemKind::Reading { unit: "min".into(), min: Some(15.0), max: None });
    assert_eq!(kind("..80"), ItemKind::Reading { unit: String::new(), min: None, max: Some(80.0) });
    assert_eq!(kind("kVA"), ItemKind::Reading { unit: "kVA".into(), min: None, max: None });
    assert_eq!(kind("V -5..5"), ItemKind::Reading { unit: "V".into(), min: Some(-5.0), max: Some(5.0) });
    assert_eq!(kind("°C 18..27").range_text().unwrap(), "18–27 °C");
    assert_eq!(kind("min 15..").range_text().unwrap(), "≥ 15 min");
    assert_eq!(kind("..80").range_text().unwrap(), "≤ 80");
}

#[test]
fn readings_are_findings_outside_their_range_only() {
    let k = ItemKind::Reading { unit: "°C".into(), min: Some(18.0), max: Some(27.0) };
    for (raw, finding) in
        [("18", false), ("27", false), ("22.5", false), ("17.9", true), ("27.1", true), ("-3", true), ("２８", true), ("23,5", false), ("２３．５", false)]
    {
        let a = check_answer(&k, raw).unwrap().unwrap_or_else(|| panic!("{raw} answers"));
        assert_eq!(is_finding(&k, &a), finding, "{raw}");
    }
    assert_eq!(check_answer(&k, "warm"), Err(ErrorCode::InvalidNumber));
    assert_eq!(check_answer(&k, "NaN"), Err(ErrorCode::InvalidNumber));
    assert_eq!(check_answer(&k, "inf"), Err(ErrorCode::InvalidNumber));
    assert_eq!(check_answer(&k, "  "), Ok(None), "empty is not answered yet");
    let open = ItemKind::Reading { unit: "%".into(), min: None, max: Some(80.0) };
    assert!(!is_finding(&open, &Answer::Reading(-1000.0)));
    assert!(is_finding(&open, &Answer::Reading(80.5)));
}

#[test]
fn pass_fail_choice_text_and_photo() {
    assert_eq!(check_answer(&ItemKind::PassFail, "pass"), Ok(Some(Answer::Pass)));
    assert!(is_finding(&ItemKind::PassFail, &Answer::Fail));
    assert!(!is_finding(&ItemKind::PassFail, &Answer::Pass));
    assert_eq!(check_answer(&ItemKind::PassFail, "maybe"), Err(ErrorCode::InvalidChoice));
    let c = ItemKind::Choice { options: vec!["normal".into(), "noisy".into()], findings: vec!["noisy".into()] };
    assert!(is_finding(&c, &check_answer(&c, "noisy").unwrap().unwrap()));
    assert!(!is_finding(&c, &check_answer(&c, "normal").unwrap().unwrap()));
    assert_eq!(check_answer(&c, "silent"), Err(ErrorCode::InvalidChoice));
    assert_eq!(check_answer(&ItemKind::Text, "all fine"), Ok(Some(Answer::Text("all fine".into()))));
    assert!(!is_finding(&ItemKind::Text, &Answer::Text("broken".into())));
    assert_eq!(check_answer(&ItemKind::Text, &"x".repeat(ANSWER_MAX + 1)), Err(ErrorCode::TooLong { max: ANSWER_MAX }));
    assert_eq!(check_answer(&ItemKind::Photo, "x"), Err(ErrorCode::InvalidChoice));
    for a in [Answer::Pass, Answer::Reading(21.5), Answer::Choice("noisy".into())] {
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Answer>(&json).unwrap(), a);
    }
}
