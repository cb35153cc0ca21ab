//! List filters come from editable query strings: each accepts only its own values and
//! refuses anything else with the field named (it used to fall back to "no filter").
use crate::{both, helpers::*};

both!(list_filters_accept_only_their_values, |app: TestApp| async move {
    let lead = app.signed_in("lead@acme.example").await;
    let list = |status: &'static str, severity: &'static str, site: &'static str, sort: &'static str, scope: &'static str| {
        vec![("filter[scope]", scope), ("filter[status]", status), ("filter[severity]", severity), ("filter[site]", site), ("filter[q]", ""), ("filter[sort]", sort), ("filter[page]", "0")]
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
