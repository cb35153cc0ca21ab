//! Survey admin: settings and their checks, per-organization sampling, rewording (a new
//! version while answers keep the old one), retiring, adding a choice question, who may read
//! and change, and the audit line of every change.
use domain::survey::{Condition, QuestionKind, QuestionVersion, SurveySettings};
use serde_json::Value;

use crate::{both, helpers::*};

const ADMIN: &str = "admin@provider.example";

fn settings_form(values: [&str; 6]) -> Vec<(&'static str, &str)> {
    let names = ["delay_minutes", "expiry_days", "reminder_after_days", "low_score_threshold", "sample_percent", "final_after_days"];
    names.into_iter().zip(values).collect()
}

async fn stored_settings(app: &TestApp) -> SurveySettings {
    db::repo::surveys::settings(&app.db.conn).await.unwrap()
}

/// Every key's current version (retired ones too), with its row id.
async fn current(app: &TestApp) -> Vec<(i32, QuestionVersion)> {
    db::repo::surveys::current_questions(&app.db.conn).await.unwrap()
}

/// What a survey created now would ask.
async fn asked_now(app: &TestApp) -> Vec<String> {
    current(app).await.into_iter().filter(|(_, q)| !q.retired).map(|(_, q)| q.key).collect()
}

/// The audit lines whose action starts with `prefix`, newest first: (action, actor role, subject, detail).
async fn audit(app: &TestApp, prefix: &str) -> Vec<(String, String, String, Value)> {
    let q = db::repo::audit::AuditQuery { action: Some(prefix.into()), limit: 50, ..Default::default() };
    db::repo::audit::list(&app.db.conn, &q)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.actor_role, e.subject, serde_json::from_str(&e.detail).unwrap()))
        .collect()
}

fn codes(r: &Reply) -> Vec<(String, String)> {
    assert_eq!(r.status, 422, "{}", r.body);
    field_codes(&r.body)
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(f, c)| (f.to_string(), c.to_string())).collect()
}

both!(admin_changes_settings_and_bad_values_change_nothing, |app: TestApp| async move {
    let admin = app.signed_in(ADMIN).await;
    let r = app.call(&admin, "get_survey_admin", &[]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["may_edit"], true);
    assert_eq!(serde_json::from_value::<SurveySettings>(r.body["settings"].clone()).unwrap(), SurveySettings::default());

    let r = app.call(&admin, "save_survey_settings", &settings_form(["30", "10", "4", "3", "50", " 0 "])).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let want = SurveySettings { delay_minutes: 30, expiry_days: 10, reminder_after_days: 4, low_score_threshold: 3, sample_percent: 50, final_after_days: 0 };
    assert_eq!(stored_settings(&app).await, want);
    let r = app.call(&admin, "get_survey_admin", &[]).await;
    assert_eq!(serde_json::from_value::<SurveySettings>(r.body["settings"].clone()).unwrap(), want);

    // Every field's problem at once; nothing is saved.
    let r = app.call(&admin, "save_survey_settings", &settings_form(["", "10", "10", "5", "0", "x"])).await;
    assert_eq!(
        codes(&r),
        pairs(&[
            ("delay_minutes", "required"),
            ("reminder_after_days", "out_of_range"),
            ("low_score_threshold", "out_of_range"),
            ("sample_percent", "out_of_range"),
            ("final_after_days", "out_of_range"),
        ])
    );
    // The reminder must come before expiry: at most expiry - 1 days.
    let reminder = r.body["Invalid"].as_array().unwrap().iter().find(|e| e["field"] == "reminder_after_days").unwrap();
    assert_eq!((reminder["code"]["min"].as_i64(), reminder["code"]["max"].as_i64()), (Some(0), Some(9)), "{reminder}");
    assert_eq!(stored_settings(&app).await, want, "a refused form changes nothing");

    let lines = audit(&app, "survey.").await;
    assert_eq!(lines.len(), 1, "{lines:?}");
    let (action, role, _, detail) = &lines[0];
    assert_eq!((action.as_str(), role.as_str()), ("survey.settings", "admin"));
    assert_eq!(detail["before"]["delay_minutes"], 60);
    assert_eq!(detail["after"]["delay_minutes"], 30);
});

both!(sampling_per_organization_is_set_and_cleared, |app: TestApp| async move {
    let admin = app.signed_in(ADMIN).await;
    let acme = app.org_id("Acme Manufacturing").await;
    let provider = app.org_id("Northwind IT Services").await;
    let acme_s = acme.to_string();
    let rows = app.call(&admin, "get_survey_admin", &[]).await.body["sampling"].clone();
    let rows = rows.as_array().unwrap();
    // Every customer organization, none of the provider; none has its own figure yet.
    assert!(rows.iter().any(|r| r[0] == acme && r[1] == "Acme Manufacturing" && r[2].is_null()), "{rows:?}");
    assert!(rows.iter().any(|r| r[1] == "Globex Logistics"), "{rows:?}");
    assert!(!rows.iter().any(|r| r[0] == provider), "{rows:?}");

    let r = app.call(&admin, "set_survey_sampling", &[("organization_id", &acme_s), ("sample_percent", " 30 ")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let portal = stored_settings(&app).await;
    assert_eq!(db::repo::surveys::sample_percent_for(&app.db.conn, acme, &portal).await.unwrap(), 30);
    let rows = app.call(&admin, "get_survey_admin", &[]).await.body["sampling"].clone();
    assert!(rows.as_array().unwrap().iter().any(|r| r[0] == acme && r[2] == 30), "{rows}");

    // Refused: out of range, not a number, the provider, an organization that does not exist.
    for bad in ["0", "101", "abc", "-5"] {
        let r = app.call(&admin, "set_survey_sampling", &[("organization_id", &acme_s), ("sample_percent", bad)]).await;
        assert_eq!(codes(&r), pairs(&[("sample_percent", "out_of_range")]), "{bad}");
    }
    let r = app.call(&admin, "set_survey_sampling", &[("organization_id", &provider.to_string()), ("sample_percent", "50")]).await;
    assert_eq!(codes(&r), pairs(&[("organization_id", "invalid_choice")]));
    let r = app.call(&admin, "set_survey_sampling", &[("organization_id", "999999"), ("sample_percent", "50")]).await;
    assert_eq!(r.status, 404, "{}", r.body);
    assert_eq!(db::repo::surveys::org_samplings(&app.db.conn).await.unwrap(), vec![(acme, 30)], "refusals changed nothing");

    // Blank: the portal's figure again.
    let r = app.call(&admin, "set_survey_sampling", &[("organization_id", &acme_s), ("sample_percent", "")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(db::repo::surveys::org_samplings(&app.db.conn).await.unwrap(), vec![]);
    assert_eq!(db::repo::surveys::sample_percent_for(&app.db.conn, acme, &portal).await.unwrap(), portal.sample_percent);

    let lines = audit(&app, "survey.").await;
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines.iter().all(|(a, _, s, _)| a == "survey.sampling" && *s == format!("organization {acme}")), "{lines:?}");
    assert_eq!((lines[0].3["before"].clone(), lines[0].3["after"].clone()), (Value::from(30), Value::Null));
    assert_eq!((lines[1].3["before"].clone(), lines[1].3["after"].clone()), (Value::Null, Value::from(30)));
});

both!(rewording_makes_a_new_version_and_answers_keep_the_old, |app: TestApp| async move {
    let admin = app.signed_in(ADMIN).await;
    let before = current(&app).await;
    let (old_id, old) = before.iter().find(|(_, q)| q.key == "speed").cloned().unwrap();
    assert_eq!(old.version, 1);

    let r = app
        .call(&admin, "reword_survey_question", &[("key", "speed"), ("text_en", " How fast did we first answer? "), ("text_zh", "我们首次回复的速度如何？")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!((r.body["key"].as_str(), r.body["version"].as_u64()), (Some("speed"), Some(2)));

    // New surveys ask version 2, in the same place; a survey that asked version 1 still reads it.
    let after = current(&app).await;
    let keys = |l: &[(i32, QuestionVersion)]| l.iter().map(|(_, q)| q.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&after), keys(&before), "same order");
    let (new_id, new) = after.iter().find(|(_, q)| q.key == "speed").cloned().unwrap();
    assert_ne!(new_id, old_id);
    assert_eq!((new.version, new.text_en.as_str(), new.kind.clone(), new.required), (2, "How fast did we first answer?", old.kind.clone(), old.required));
    assert_eq!(db::repo::surveys::questions_by_ids(&app.db.conn, &[old_id]).await.unwrap(), vec![old.clone()]);
    let admin_view = app.call(&admin, "get_survey_admin", &[]).await.body;
    let listed: Vec<QuestionVersion> = serde_json::from_value(admin_view["questions"].clone()).unwrap();
    assert_eq!(listed.iter().find(|q| q.key == "speed"), Some(&new));

    // Refused: the same words again, a missing translation, a key that does not exist.
    let r = app.call(&admin, "reword_survey_question", &[("key", "speed"), ("text_en", &new.text_en), ("text_zh", &new.text_zh)]).await;
    assert_eq!(codes(&r), pairs(&[("text_en", "unchanged")]));
    let r = app.call(&admin, "reword_survey_question", &[("key", "speed"), ("text_en", "Quick?"), ("text_zh", "  ")]).await;
    assert_eq!(codes(&r), pairs(&[("text_zh", "required")]));
    let r = app.call(&admin, "reword_survey_question", &[("key", "nope"), ("text_en", "Quick?"), ("text_zh", "快吗？")]).await;
    assert_eq!(r.status, 404, "{}", r.body);
    assert_eq!(current(&app).await.iter().find(|(_, q)| q.key == "speed").unwrap().1.version, 2);

    let lines = audit(&app, "survey.").await;
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!((lines[0].0.as_str(), lines[0].2.as_str()), ("survey.question_reword", "survey question speed"));
    assert_eq!(lines[0].3["before"]["version"], 1);
    assert_eq!(lines[0].3["after"]["version"], 2);
});

both!(retiring_stops_new_surveys_asking_but_not_the_overall_score, |app: TestApp| async move {
    let admin = app.signed_in(ADMIN).await;
    assert!(asked_now(&app).await.contains(&"comment".to_string()));
    let (comment_id, _) = current(&app).await.into_iter().find(|(_, q)| q.key == "comment").unwrap();

    let r = app.call(&admin, "retire_survey_question", &[("key", "comment")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(asked_now(&app).await, vec!["overall", "speed", "professionalism", "solved", "reasons"]);
    // The same version, marked: surveys that asked it still read it; the page shows it greyed.
    let listed: Vec<QuestionVersion> = serde_json::from_value(app.call(&admin, "get_survey_admin", &[]).await.body["questions"].clone()).unwrap();
    let comment = listed.iter().find(|q| q.key == "comment").unwrap();
    assert_eq!((comment.version, comment.retired), (1, true));
    assert_eq!(db::repo::surveys::questions_by_ids(&app.db.conn, &[comment_id]).await.unwrap()[0].key, "comment");

    // Retiring again, retiring the overall score, rewording a retired question: refused.
    let r = app.call(&admin, "retire_survey_question", &[("key", "comment")]).await;
    assert_eq!(codes(&r), pairs(&[("key", "unchanged")]));
    let r = app.call(&admin, "retire_survey_question", &[("key", "overall")]).await;
    assert_eq!(codes(&r), pairs(&[("key", "invalid_choice")]));
    let r = app.call(&admin, "reword_survey_question", &[("key", "comment"), ("text_en", "Anything else?"), ("text_zh", "还有别的吗？")]).await;
    assert_eq!(codes(&r), pairs(&[("key", "invalid_choice")]));
    let r = app.call(&admin, "retire_survey_question", &[("key", "nope")]).await;
    assert_eq!(r.status, 404, "{}", r.body);
    assert!(asked_now(&app).await.contains(&"overall".to_string()));

    let lines = audit(&app, "survey.").await;
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!((lines[0].0.as_str(), lines[0].2.as_str()), ("survey.question_retire", "survey question comment"));
});

both!(adding_a_choice_question, |app: TestApp| async move {
    let admin = app.signed_in(ADMIN).await;
    let count = current(&app).await.len();
    let add = |kind: &'static str, en: &'static str, zh: &'static str, max: &'static str| {
        vec![
            ("kind", kind),
            ("text_en", "Which parts of the visit could be better?"),
            ("text_zh", "上门服务的哪些方面可以改进？"),
            ("required", "on"),
            ("shown_when", "low_score"),
            ("options_en", en),
            ("options_zh", zh),
            ("max_selected", max),
        ]
    };

    // Refused, each for its own reason, and nothing added.
    let r = app.call(&admin, "add_survey_question", &add("choice", "Too late\nToo short\nOther", "太晚\n太短", "2")).await;
    assert_eq!(codes(&r), pairs(&[("options.2.text_zh", "required")]), "a line without its translation");
    let r = app.call(&admin, "add_survey_question", &add("choice", "Too late\nOther", "太晚\n其他", "3")).await;
    assert_eq!(codes(&r), pairs(&[("max_selected", "out_of_range")]));
    let r = app.call(&admin, "add_survey_question", &add("choice", "", "", "1")).await;
    assert_eq!(codes(&r), pairs(&[("options", "required")]));
    let r = app.call(&admin, "add_survey_question", &add("rating", "", "", "")).await;
    assert_eq!(codes(&r), pairs(&[("kind", "invalid_choice")]));
    let mut bad = add("choice", "A\nB", "甲\n乙", "1");
    bad[1] = ("text_en", " ");
    bad[4] = ("shown_when", "sometimes");
    let r = app.call(&admin, "add_survey_question", &bad).await;
    assert_eq!(codes(&r), pairs(&[("shown_when", "invalid_choice"), ("text_en", "required")]));
    assert_eq!(current(&app).await.len(), count);

    let r = app
        .call(&admin, "add_survey_question", &add("choice", "The engineer came late\n\n Too short a visit \nOther", "工程师迟到\n\n上门时间太短\n其他", "2"))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!((r.body["key"].as_str(), r.body["version"].as_u64()), (Some("custom_1"), Some(1)));
    let (_, q) = current(&app).await.pop().unwrap();
    assert_eq!((q.key.as_str(), q.version, q.required, q.shown_when, q.retired), ("custom_1", 1, true, Some(Condition::LowScore), false));
    let QuestionKind::Choice { options, max_selected } = q.kind else { panic!("{:?}", q.kind) };
    assert_eq!(max_selected, 2);
    let opts: Vec<(&str, &str, &str)> = options.iter().map(|o| (o.key.as_str(), o.text_en.as_str(), o.text_zh.as_str())).collect();
    assert_eq!(
        opts,
        vec![
            ("the_engineer_came_late", "The engineer came late", "工程师迟到"),
            ("too_short_a_visit", "Too short a visit", "上门时间太短"),
            ("other", "Other", "其他")
        ]
    );
    assert_eq!(asked_now(&app).await.last().map(String::as_str), Some("custom_1"), "new surveys ask it, last");

    // Another kind, not required (the box unticked is absent from the form), always shown.
    let r = app
        .call(&admin, "add_survey_question", &[("kind", "yes_no"), ("text_en", "Would you recommend us?"), ("text_zh", "您会推荐我们吗？"), ("shown_when", "")])
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let (_, q) = current(&app).await.pop().unwrap();
    assert_eq!((q.key.as_str(), q.kind, q.required, q.shown_when), ("custom_2", QuestionKind::YesNo, false, None));

    let lines = audit(&app, "survey.").await;
    assert_eq!(lines.iter().map(|l| l.0.as_str()).collect::<Vec<_>>(), vec!["survey.question_add"; 2]);
    assert_eq!(lines[1].2, "survey question custom_1");
    assert_eq!(lines[1].3["question"]["kind"]["options"].as_array().map(Vec::len), Some(3));
});

both!(managers_read_others_are_refused, |app: TestApp| async move {
    let acme = app.org_id("Acme Manufacturing").await.to_string();
    let before = (stored_settings(&app).await, current(&app).await);
    let changes: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("save_survey_settings", settings_form(["1", "2", "1", "1", "1", "1"])),
        ("set_survey_sampling", vec![("organization_id", &acme), ("sample_percent", "10")]),
        ("add_survey_question", vec![("kind", "text"), ("text_en", "Hello?"), ("text_zh", "你好？"), ("shown_when", "")]),
        ("reword_survey_question", vec![("key", "speed"), ("text_en", "Fast?"), ("text_zh", "快吗？")]),
        ("retire_survey_question", vec![("key", "comment")]),
    ];
    // (who, status of reading, status of changing)
    let actors: [(Option<&str>, u16, u16); 7] = [
        (Some("manager@provider.example"), 200, 403),
        (Some("dispatcher@provider.example"), 403, 403),
        (Some("engineer@provider.example"), 403, 403),
        (Some("lead@acme.example"), 404, 404),
        (Some("user@acme.example"), 404, 404),
        (Some("user@globex.example"), 404, 404),
        (None, 401, 401),
    ];
    for (email, read, change) in actors {
        let c = match email {
            Some(e) => app.signed_in(e).await,
            None => client(),
        };
        let r = app.call(&c, "get_survey_admin", &[]).await;
        assert_eq!(r.status.as_u16(), read, "{email:?} get_survey_admin: {}", r.body);
        if read == 200 {
            assert_eq!(r.body["may_edit"], false, "{email:?}");
            assert_eq!(r.body["questions"].as_array().map(Vec::len), Some(6));
        }
        for (f, form) in &changes {
            let r = app.call(&c, f, form).await;
            assert_eq!(r.status.as_u16(), change, "{email:?} {f}: {}", r.body);
            assert!(r.body.is_string(), "{email:?} {f}: errors are plain codes, got {}", r.body);
        }
    }
    assert_eq!((stored_settings(&app).await, current(&app).await), before, "nothing changed");
    assert_eq!(db::repo::surveys::org_samplings(&app.db.conn).await.unwrap(), vec![]);
    assert!(audit(&app, "survey.").await.is_empty());

    // The page itself: the admin's with its forms, the manager's read only, engineers refused.
    let admin = app.signed_in(ADMIN).await;
    let res = app.get(&admin, "/admin/surveys").await;
    assert_eq!(res.status().as_u16(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Overall, how satisfied") && html.contains("Add a question") && html.contains("Acme Manufacturing"), "{html}");
    let manager = app.signed_in("manager@provider.example").await;
    let res = app.get(&manager, "/admin/surveys").await;
    assert_eq!(res.status().as_u16(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("You can read these settings") && !html.contains("Add a question") && html.contains("Overall, how satisfied"), "{html}");
    let engineer = app.signed_in("engineer@provider.example").await;
    assert_eq!(app.get(&engineer, "/admin/surveys").await.status().as_u16(), 403);
});
