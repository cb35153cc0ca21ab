use super::*;

fn form() -> ArticleForm {
    ArticleForm {
        title: "打印机卡纸怎么处理".into(),
        body: "## 步骤\n1. 打开前盖".into(),
        category: "printing".into(),
        lang: "zh".into(),
        tags: "打印机，卡纸, printer".into(),
        models: "HP LaserJet Pro M404dn\nCanon iR-ADV C3530".into(),
        software: "".into(),
        visibility: "public".into(),
        orgs: "".into(),
    }
}

fn fields(r: Result<ArticleDraft, Vec<FieldError>>) -> Vec<String> {
    r.err().unwrap_or_default().into_iter().map(|e| e.field.to_string()).collect()
}

#[test]
fn a_complete_form_validates_and_round_trips() {
    let d = form().validate().expect("valid");
    assert_eq!(d.category, Category::Printing);
    assert_eq!(d.lang, ArticleLang::Zh);
    assert_eq!(d.tags, vec!["打印机", "卡纸", "printer"]);
    assert_eq!(d.models.len(), 2);
    assert_eq!(d.to_form().validate().unwrap(), d);
}

#[test]
fn each_wrong_field_is_named() {
    let bad = ArticleForm { title: " ".into(), body: "".into(), category: "cars".into(), lang: "fr".into(), visibility: "world".into(), ..form() };
    let f = fields(bad.validate());
    for name in ["title", "body", "category", "lang", "visibility"] {
        assert!(f.contains(&name.to_string()), "{name} in {f:?}");
    }
    let many_tags = ArticleForm { tags: (0..13).map(|i| format!("t{i}")).collect::<Vec<_>>().join(","), ..form() };
    assert_eq!(fields(many_tags.validate()), vec!["tags"]);
    let long_tag = ArticleForm { tags: "x".repeat(41), ..form() };
    assert_eq!(fields(long_tag.validate()), vec!["tags"]);
    let long_body = ArticleForm { body: "字".repeat(BODY_MAX + 1), ..form() };
    assert_eq!(fields(long_body.validate()), vec!["body"]);
}

#[test]
fn organizations_are_needed_only_for_organization_visibility() {
    let none = ArticleForm { visibility: "organizations".into(), ..form() };
    assert_eq!(fields(none.validate()), vec!["orgs"]);
    let some = ArticleForm { visibility: "organizations".into(), orgs: "3, 4,3".into(), ..form() };
    assert_eq!(some.validate().unwrap().orgs, vec![3, 4]);
    let bad = ArticleForm { visibility: "organizations".into(), orgs: "3,x".into(), ..form() };
    assert_eq!(fields(bad.validate()), vec!["orgs"]);
    let negative = ArticleForm { visibility: "organizations".into(), orgs: "-2".into(), ..form() };
    assert_eq!(fields(negative.validate()), vec!["orgs"]);
    let dropped = ArticleForm { visibility: "customers".into(), orgs: "3".into(), ..form() };
    assert!(dropped.validate().unwrap().orgs.is_empty());
}

#[test]
fn lists_split_on_every_comma_and_drop_duplicates() {
    assert_eq!(split_list("a, b，c、d;e；f\ng\r\n, A ,"), vec!["a", "b", "c", "d", "e", "f", "g"]);
    assert!(split_list(" , ,\n").is_empty());
}

#[test]
fn who_reads_what() {
    let orgs = [7];
    for v in Visibility::ALL {
        assert!(may_read(v, &orgs, Reader::Staff), "staff read {v:?}");
        assert_eq!(may_read(v, &orgs, Reader::Anonymous), v == Visibility::Public, "anonymous {v:?}");
        assert_eq!(may_read(v, &orgs, Reader::Customer { org_id: 7 }), v != Visibility::Staff, "chosen org {v:?}");
        assert_eq!(may_read(v, &orgs, Reader::Customer { org_id: 8 }), matches!(v, Visibility::Public | Visibility::Customers), "other org {v:?}");
    }
    assert_eq!(Reader::of(None, 1), Reader::Anonymous);
    assert_eq!(Reader::of(Some(Role::SiteManager), 3), Reader::Customer { org_id: 3 });
    assert_eq!(Reader::of(Some(Role::Admin), 1), Reader::Staff);
}

#[test]
fn the_review_rule_for_every_role_status_and_step() {
    for role in Role::ALL {
        for status in ArticleStatus::ALL {
            for action in ArticleAction::ALL {
                for wrote in [false, true] {
                    let got = transition(status, action, role, wrote);
                    let expected = if !matches!(role, Role::Engineer | Role::Dispatcher | Role::Manager) {
                        Err(StepError::NotAllowed)
                    } else {
                        match (action, status) {
                            (ArticleAction::SendForReview, ArticleStatus::Draft | ArticleStatus::Withdrawn) => Ok(ArticleStatus::InReview),
                            (ArticleAction::Publish, ArticleStatus::Published) => Err(StepError::NotNow),
                            (ArticleAction::Publish, _) if role == Role::Manager || !wrote => Ok(ArticleStatus::Published),
                            (ArticleAction::Publish, _) => Err(StepError::NotAllowed),
                            (ArticleAction::ReturnToDraft, ArticleStatus::InReview) => Ok(ArticleStatus::Draft),
                            (ArticleAction::Withdraw, ArticleStatus::Published) if role == Role::Manager => Ok(ArticleStatus::Withdrawn),
                            (ArticleAction::Withdraw, ArticleStatus::Published) => Err(StepError::NotAllowed),
                            _ => Err(StepError::NotNow),
                        }
                    };
                    assert_eq!(got, expected, "{role:?} {status:?} {action:?} wrote={wrote}");
                    assert_eq!(steps_for(status, role, wrote).contains(&action), expected.is_ok());
                }
            }
        }
    }
}

#[test]
fn names_round_trip() {
    for c in Category::ALL {
        assert_eq!(Category::parse(c.as_str()), Some(c));
    }
    for l in ArticleLang::ALL {
        assert_eq!(ArticleLang::parse(l.as_str()), Some(l));
        assert_eq!(l.other().other(), l);
    }
    for v in Visibility::ALL {
        assert_eq!(Visibility::parse(v.as_str()), Some(v));
    }
    for s in ArticleStatus::ALL {
        assert_eq!(ArticleStatus::parse(s.as_str()), Some(s));
    }
    for a in ArticleAction::ALL {
        assert_eq!(ArticleAction::parse(a.as_str()), Some(a));
    }
    assert_eq!(Category::parse("Printing"), None);
}

#[test]
fn tokens_are_plain_and_bounded() {
    assert!(valid_token("abcdefghijklmnop"));
    assert!(valid_token(&"a-_9".repeat(16)));
    assert!(!valid_token("short"));
    assert!(!valid_token(&"a".repeat(65)));
    assert!(!valid_token("abcdefghijklmno'"));
    assert!(!valid_token("abcdefghijklmnopé"));
}

#[test]
fn references_in_a_reply_become_links() {
    assert_eq!(
        references("See KB-12, then kb-7. Not XKB-3 nor KB-4x nor KB-0."),
        vec![
            ("See ".into(), None),
            ("KB-12".into(), Some(12)),
            (", then ".into(), None),
            ("kb-7".into(), Some(7)),
            (". Not XKB-3 nor KB-4x nor KB-0.".into(), None),
        ]
    );
    assert_eq!(references("请参考ＫＢ－１２处理"), vec![("请参考".into(), None), ("ＫＢ－１２".into(), Some(12)), ("处理".into(), None)]);
    assert_eq!(references(""), vec![]);
    assert_eq!(references("KB-99999999999"), vec![("KB-99999999999".into(), None)]);
    let joined: String = references("a KB-1 b KB-2").into_iter().map(|(t, _)| t).collect();
    assert_eq!(joined, "a KB-1 b KB-2");
}
