//! List filters come from editable query strings: each accepts only its own values and
//! refuses anything else with the field named (it used to fall back to "no filter").
use crate::{both, helpers::*};

both!(list_filters_accept_only_their_values, |app: TestApp| async move {
    let lead = app.signed_in("lead@acme.example").await;
    let list = |status: &'static str, severity: &'static str, site: &'static str, sort: &'static str, scope: &'static str| {
        vec![
            ("filter[scope]", scope),
            ("filter[status]", status),
            ("filter[severity]", severity),
            ("filter[site]", site),
            ("filter[q]", ""),
            ("filter[sort]", sort),
            ("filter[page]", "0"),
        ]
    };
    assert_eq!(app.call(&lead, "list_requests", &list("", "", "", "", "")).await.status, 200);
    assert_eq!(app.call(&lead, "list_requests", &list("open", "2", "", "deadline", "mine")).await.status, 200);
    for (form, field) in [
        (list("opened", "", "", "", ""), "status"),
        (list("", "4", "", "", ""), "severity"),
        (list("", "", "-3", "", ""), "site"),
        (list("", "", "", "sideways", ""), "sort"),
        (list("", "", "", "", "everyone"), "scope"),
    ] {
        let r = app.call(&lead, "list_requests", &form).await;
        assert_eq!(r.status, 422, "{field}: {}", r.body);
        assert_eq!(field_codes(&r.body), vec![(field.to_string(), "invalid_choice".to_string())], "{field}");
    }

    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let queue = |show: &'static str, status: &'static str, org: &'static str| {
        vec![("filter[org]", org), ("filter[site]", ""), ("filter[severity]", ""), ("filter[kind]", ""), ("filter[status]", status), ("filter[show]", show)]
    };
    assert_eq!(app.call(&dispatcher, "triage_queue", &queue("", "", "")).await.status, 200);
    assert_eq!(app.call(&dispatcher, "triage_queue", &queue("all", "new", "")).await.status, 200);
    for (form, field) in [(queue("everything", "", ""), "show"), (queue("", "closed", ""), "status"), (queue("", "", "acme"), "org")] {
        let r = app.call(&dispatcher, "triage_queue", &form).await;
        assert_eq!(r.status, 422, "{field}: {}", r.body);
        assert_eq!(field_codes(&r.body), vec![(field.to_string(), "invalid_choice".to_string())], "{field}");
    }

    let manager = app.signed_in("manager@provider.example").await;
    let audit = |actor: &'static str, before: &'static str| vec![("actor", actor), ("action", ""), ("subject", ""), ("before", before)];
    assert_eq!(app.call(&manager, "list_audit", &audit("", "")).await.status, 200);
    let r = app.call(&manager, "list_audit", &audit("someone", "")).await;
    assert_eq!((r.status.as_u16(), field_codes(&r.body)), (422, vec![("actor".to_string(), "invalid_choice".to_string())]));
    let r = app.call(&manager, "list_audit", &audit("", "0")).await;
    assert_eq!((r.status.as_u16(), field_codes(&r.body)), (422, vec![("before".to_string(), "invalid_choice".to_string())]));
});

both!(long_search_text_is_refused_not_a_server_error, |app: TestApp| async move {
    let lead = app.signed_in("lead@acme.example").await;
    let long = "机".repeat(201);
    let huge = "x".repeat(1_000_000);
    for q in [long.as_str(), huge.as_str()] {
        let form = [
            ("filter[scope]", ""),
            ("filter[status]", ""),
            ("filter[severity]", ""),
            ("filter[site]", ""),
            ("filter[q]", q),
            ("filter[sort]", ""),
            ("filter[page]", "0"),
        ];
        let r = app.call(&lead, "list_requests", &form).await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert_eq!(field_codes(&r.body), vec![("q".to_string(), "too_long".to_string())]);
    }
    let manager = app.signed_in("manager@provider.example").await;
    let r = app.call(&manager, "list_audit", &[("actor", ""), ("action", &huge), ("subject", ""), ("before", "")]).await;
    assert_eq!((r.status.as_u16(), field_codes(&r.body)), (422, vec![("action".to_string(), "too_long".to_string())]));
});

both!(a_refused_dispatch_changes_nothing, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let number = crate::requests::submit(&app, &user, "Switch down", "2").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let customer_id = app.user_id("user@acme.example").await.to_string();
    for engineer in ["", "abc", "-1", "99999", customer_id.as_str()] {
        let r = app.call(&dispatcher, "dispatch_request", &[("number", &number), ("engineer_id", engineer)]).await;
        assert_eq!(r.status, 422, "engineer {engineer:?}: {}", r.body);
        assert_eq!(field_codes(&r.body), vec![("engineer_id".to_string(), "required".to_string())]);
    }
    let d = crate::requests::detail(&app, &user, &number).await.body;
    assert_eq!(d["status"], "new", "a refused dispatch triaged the request");
    assert_eq!(d["timeline"].as_array().unwrap().len(), 1, "{}", d["timeline"]);
});
