//! The staff workspace through the real router: triage and dispatch, on-site stages, remote
//! sessions that need the customer's approval, internal notes that never reach a customer,
//! escalation, emergency plans that need a manager, resolving with a fault report, requests
//! logged on a customer's behalf, and the audit log. Permissions for every new function.
use std::time::Duration;

use crate::{
    both,
    helpers::*,
    requests::{detail, submit},
    requests_live::Listener,
};

async fn call_ok(app: &TestApp, c: &reqwest::Client, f: &str, form: &[(&str, &str)]) {
    let r = app.call(c, f, form).await;
    assert_eq!(r.status, 200, "{f}: {}", r.body);
}

both!(dispatcher_to_confirmed_fix_on_site_with_remote_approval, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let manager = app.signed_in("manager@provider.example").await;
    let number = submit(&app, &user, "Core switch down", "3").await;
    let eng = app.user_id("engineer@provider.example").await.to_string();

    // The queue has it first, with its response deadline next.
    let q = app
        .call(
            &dispatcher,
            "triage_queue",
            &[("filter[org]", ""), ("filter[site]", ""), ("filter[severity]", ""), ("filter[kind]", ""), ("filter[status]", ""), ("filter[show]", "")],
        )
        .await;
    assert_eq!(q.status, 200, "{}", q.body);
    assert_eq!(q.body["rows"][0]["number"], number.as_str());
    assert_eq!(q.body["rows"][0]["next_clock"], "response");
    assert!(q.body["engineers"].as_array().unwrap().iter().any(|e| e["id"].as_i64().is_some_and(|id| id.to_string() == eng) && e["open"] == 0));

    // Severity up needs a reason; with one, the deadline follows (tier A severity 1: 2 h).
    let no_reason =
        app.call(&dispatcher, "triage_request", &[("number", &number), ("kind", "fault"), ("fault_kind", "hardware"), ("severity", "1"), ("reason", "")]).await;
    assert_eq!(no_reason.status, 422, "{}", no_reason.body);
    assert_eq!(detail(&app, &user, &number).await.body["severity"], 3, "a refused triage changes nothing");
    call_ok(
        &app,
        &dispatcher,
        "triage_request",
        &[("number", &number), ("kind", "fault"), ("fault_kind", "hardware"), ("severity", "1"), ("reason", "Whole plant offline")],
    )
    .await;
    let row = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    assert_eq!((row.status.as_str(), row.severity), ("triaged", 1));
    assert_eq!(row.resolution_deadline.unwrap(), row.created_at + chrono::Duration::hours(2));

    call_ok(&app, &dispatcher, "dispatch_request", &[("number", &number), ("engineer_id", &eng)]).await;
    let q = app.call(&engineer, "my_work", &[]).await;
    assert_eq!(q.body[0]["number"], number.as_str(), "{}", q.body);

    // On-site stages in order, with the on-site clock stopped on arrival.
    let stage = |s: &'static str| [("number", number.clone()), ("stage", s.to_string())];
    let other = app.signed_in("engineer2@provider.example").await;
    let r = app.call(&other, "record_stage", &stage("dispatched").iter().map(|(a, b)| (*a, b.as_str())).collect::<Vec<_>>()).await;
    assert_eq!(r.status, 403, "only the assigned engineer (or the desk) records stages");
    for s in ["dispatched", "on_the_way"] {
        call_ok(&app, &engineer, "record_stage", &stage(s).iter().map(|(a, b)| (*a, b.as_str())).collect::<Vec<_>>()).await;
    }
    let r = app.call(&engineer, "record_stage", &[("number", number.as_str()), ("stage", "service_restored")]).await;
    assert_eq!(r.status, 409, "not before arriving: {}", r.body);
    call_ok(&app, &engineer, "record_stage", &[("number", &number), ("stage", "on_site")]).await;
    let r = app.call(&engineer, "record_stage", &[("number", number.as_str()), ("stage", "dispatched")]).await;
    assert_eq!(r.status, 409, "never backwards");
    let row = db::repo::requests::find_by_number(&app.db.conn, &number).await.unwrap().unwrap();
    assert_eq!(row.status, "in_progress", "the first stage started the work");
    assert!(row.on_site_at.is_some(), "arrival stops the on-site clock");

    // Remote work needs the customer's approval.
    let r = app
        .call(
            &engineer,
            "log_activity",
            &[("number", &number), ("channel", "remote"), ("minutes", "20"), ("text", "Checked the config"), ("visibility", "public")],
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    call_ok(&app, &engineer, "request_remote", &[("number", &number), ("plan", "Log in to the switch over VPN, 30 minutes, no outage")]).await;
    let mut customer_live = Listener::open(&app, &user, None).await;
    let outsider = app.signed_in("lead@globex.example").await;
    assert_eq!(app.call(&outsider, "decide_remote", &[("number", &number), ("decision", "approve")]).await.status, 404);
    assert_eq!(
        app.call(&engineer, "decide_remote", &[("number", &number), ("decision", "approve")]).await.status,
        403,
        "staff cannot approve for the customer"
    );
    let r = app.call(&engineer, "complete_remote", &[("number", &number), ("command_log", "show run"), ("minutes", "10")]).await;
    assert_eq!(r.status, 409, "not before approval: {}", r.body);
    let d = detail(&app, &user, &number).await.body;
    assert_eq!(d["work"]["remote_actions"], serde_json::json!(["approve", "refuse"]));
    call_ok(&app, &user, "decide_remote", &[("number", &number), ("decision", "approve")]).await;
    call_ok(
        &app,
        &engineer,
        "log_activity",
        &[("number", &number), ("channel", "remote"), ("minutes", "20"), ("text", "Checked the config"), ("visibility", "public")],
    )
    .await;
    call_ok(&app, &engineer, "complete_remote", &[("number", &number), ("command_log", "switch# show interface status\nGi0/1 connected"), ("minutes", "25")])
        .await;
    let d = detail(&app, &user, &number).await.body;
    assert_eq!(d["work"]["remote"][0]["status"], "completed");
    assert!(d["work"]["remote"][0]["command_log"].as_str().unwrap().contains("show interface"));
    let log = d["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["filename"].as_str().unwrap().starts_with("remote-session-"))
        .expect("the log is attached")
        .clone();
    assert_eq!(app.get(&user, &format!("/attachments/{}", log["id"])).await.status(), 200, "the customer can read it");

    // Internal notes: never in the customer's timeline, nor in their live feed.
    while customer_live.next_event(Duration::from_millis(300)).await.is_some() {}
    call_ok(&app, &engineer, "add_note", &[("number", &number), ("body", "SECRET-NOTE customer firmware is out of support")]).await;
    call_ok(
        &app,
        &engineer,
        "log_activity",
        &[("number", &number), ("channel", "phone"), ("minutes", "5"), ("text", "SECRET-ACTIVITY called vendor"), ("visibility", "internal")],
    )
    .await;
    call_ok(&app, &engineer, "escalate_request", &[("number", &number), ("target", "expert"), ("reason", "SECRET-ESCALATION needs a routing expert")]).await;
    assert!(customer_live.next_event(Duration::from_millis(800)).await.is_none(), "no live event about internal lines reaches the customer");
    let lead = app.signed_in("lead@acme.example").await;
    for c in [&user, &lead] {
        let text = detail(&app, c, &number).await.body.to_string();
        assert!(!text.contains("SECRET-"), "internal lines leak: {text}");
        let notes = app.call(c, "list_notifications", &[]).await.body.to_string();
        assert!(!notes.contains("SECRET-"), "internal lines leak into notifications");
    }
    let staff_view = detail(&app, &dispatcher, &number).await.body.to_string();
    assert!(staff_view.contains("SECRET-NOTE") && staff_view.contains("SECRET-ACTIVITY") && staff_view.contains("SECRET-ESCALATION"));

    // Emergency plans wait for a manager.
    call_ok(&app, &engineer, "propose_emergency", &[("number", &number), ("kind", "spare_parts_purchase"), ("reason", "Supervisor module failed")]).await;
    let plan = detail(&app, &engineer, &number).await.body["work"]["emergencies"][0]["id"].to_string();
    assert_eq!(app.call(&dispatcher, "decide_emergency", &[("number", &number), ("plan_id", &plan), ("decision", "authorise")]).await.status, 403);
    assert_eq!(app.call(&engineer, "decide_emergency", &[("number", &number), ("plan_id", &plan), ("decision", "authorise")]).await.status, 403);
    assert_eq!(app.call(&user, "decide_emergency", &[("number", &number), ("plan_id", &plan), ("decision", "authorise")]).await.status, 404);
    call_ok(&app, &manager, "decide_emergency", &[("number", &number), ("plan_id", &plan), ("decision", "authorise")]).await;
    let d = detail(&app, &engineer, &number).await.body;
    assert_eq!(d["work"]["emergencies"][0]["status"], "authorised");
    assert!(detail(&app, &user, &number).await.body["work"]["emergencies"].as_array().unwrap().is_empty());

    // Service restored, then the fix with its report; the customer confirms.
    call_ok(&app, &engineer, "record_stage", &[("number", &number), ("stage", "service_restored")]).await;
    let r = app.call(&engineer, "resolve_with_report", &[("number", &number), ("cause", ""), ("action_taken", ""), ("parts_replaced", "")]).await;
    assert_eq!(r.status, 422);
    let fields: Vec<String> = field_codes(&r.body).into_iter().map(|(f, _)| f).collect();
    assert!(fields.contains(&"cause".to_string()) && fields.contains(&"action_taken".to_string()), "{fields:?}");
    call_ok(
        &app,
        &engineer,
        "resolve_with_report",
        &[("number", &number), ("cause", "Supervisor module failure"), ("action_taken", "Replaced the module"), ("parts_replaced", "SUP-2T\n\n")],
    )
    .await;
    let d = detail(&app, &user, &number).await.body;
    assert_eq!(d["work"]["fault_report"]["parts_replaced"], serde_json::json!(["SUP-2T"]));
    assert!(d["work"]["service_restored_at"].is_string());
    call_ok(&app, &user, "act_on_request", &[("number", &number), ("action", "confirm_resolution")]).await;
    assert_eq!(detail(&app, &user, &number).await.body["status"], "closed");

    // Every staff step is in the audit log, which managers read and dispatchers cannot.
    let log = app.call(&manager, "list_audit", &[("actor", ""), ("action", "request."), ("subject", &number), ("before", "")]).await;
    assert_eq!(log.status, 200, "{}", log.body);
    let actions: Vec<String> = log.body["rows"].as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap().to_string()).collect();
    for a in [
        "request.triage",
        "request.assign",
        "request.stage",
        "request.remote_request",
        "request.remote_complete",
        "request.note",
        "request.escalate",
        "request.emergency_decide",
        "request.resolve",
    ] {
        assert!(actions.contains(&a.to_string()), "{a} missing from {actions:?}");
    }
    assert!(!actions.contains(&"request.remote_decide".to_string()), "customers' own steps are in the timeline, not the staff audit");
    assert_eq!(app.call(&dispatcher, "list_audit", &[("actor", ""), ("action", ""), ("subject", ""), ("before", "")]).await.status, 403);
});

both!(dispatchers_log_requests_for_customers_who_then_see_them, |app: TestApp| async move {
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let form = app.call(&dispatcher, "get_new_request_form", &[]).await.body;
    assert_eq!(form["intake"], true);
    let customer = app.user_id("user@acme.example").await.to_string();
    let site = form["sites"].as_array().unwrap().iter().find(|s| s["name"].as_str().unwrap().starts_with("Acme")).unwrap()["id"].to_string();
    let fields = |requester: &str, channel: &str| {
        vec![
            ("title", "Phoned in: label printer offline".to_string()),
            ("description", "The customer called: the label printer on line 2 is offline since 9:00.".to_string()),
            ("kind", "fault".to_string()),
            ("fault_kind", "hardware".to_string()),
            ("severity", "3".to_string()),
            ("system", "Printer L2".to_string()),
            ("site_id", site.clone()),
            ("contact_phone", "+86 21 5555 0101".to_string()),
            ("requester_id", requester.to_string()),
            ("channel", channel.to_string()),
        ]
    };
    let as_ref = |v: &Vec<(&'static str, String)>| v.iter().map(|(a, b)| (*a, b.clone())).collect::<Vec<_>>();
    let call = |v: Vec<(&'static str, String)>| {
        let app = &app;
        let dispatcher = &dispatcher;
        async move {
            let form: Vec<(&str, &str)> = v.iter().map(|(a, b)| (*a, b.as_str())).collect();
            app.call(dispatcher, "submit_request", &form).await
        }
    };
    let r = call(as_ref(&fields("", "phone"))).await;
    assert_eq!(r.status, 422, "a customer must be chosen: {}", r.body);
    let r = call(as_ref(&fields(&customer, "fax"))).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let globex_site = form["sites"].as_array().unwrap().iter().find(|s| s["name"].as_str().unwrap().starts_with("Globex")).unwrap()["id"].to_string();
    let mut wrong = fields(&customer, "phone");
    wrong[6].1 = globex_site;
    assert_eq!(call(wrong).await.status, 422, "the site must be the customer's");
    let r = call(as_ref(&fields(&customer, "phone"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let number = r.body.as_str().unwrap().to_string();
    let user = app.signed_in("user@acme.example").await;
    let d = detail(&app, &user, &number).await.body;
    assert!(!d["requester_name"].as_str().unwrap().is_empty());
    assert_eq!(d["timeline"][0]["body"]["channel"], "phone");
    let engineer = app.signed_in("engineer@provider.example").await;
    assert_eq!(app.call(&engineer, "get_new_request_form", &[]).await.status, 403, "engineers do not log requests");
});

both!(every_staff_function_against_every_role, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let number = submit(&app, &user, "Permission probe", "3").await;
    let eng = app.user_id("engineer@provider.example").await.to_string();
    let actors = [
        ("customer", "user@acme.example"),
        ("site_manager", "lead@acme.example"),
        ("other_customer", "user@globex.example"),
        ("other_site_manager", "lead@globex.example"),
        ("engineer", "engineer@provider.example"),
        ("dispatcher", "dispatcher@provider.example"),
        ("manager", "manager@provider.example"),
        ("admin", "admin@provider.example"),
    ];
    let queue_form =
        [("filter[org]", ""), ("filter[site]", ""), ("filter[severity]", ""), ("filter[kind]", ""), ("filter[status]", ""), ("filter[show]", "all")];
    // Functions that only read or are refused before anything changes: (function, form,
    // who gets 200, status for the others).
    let n = number.as_str();
    let cases: Vec<(&str, Vec<(&str, &str)>, Vec<&str>, Vec<(&str, u16)>)> = vec![
        ("triage_queue", queue_form.to_vec(), vec!["dispatcher", "manager", "admin"], vec![]),
        ("my_work", vec![], vec!["engineer", "manager"], vec![]),
        ("list_audit", vec![("actor", ""), ("action", ""), ("subject", ""), ("before", "")], vec!["manager", "admin"], vec![]),
        // Notes: any staff member; customers do not know the function exists for them.
        (
            "add_note",
            vec![("number", n), ("body", "probe")],
            vec!["engineer", "dispatcher", "manager", "admin"],
            vec![("customer", 404), ("site_manager", 404), ("other_customer", 404), ("other_site_manager", 404)],
        ),
        // Stages need someone working the request: nobody is assigned, so the desk may but
        // the status (new) refuses (409); an engineer not assigned is forbidden.
        (
            "record_stage",
            vec![("number", n), ("stage", "dispatched")],
            vec![],
            vec![
                ("engineer", 403),
                ("dispatcher", 409),
                ("manager", 409),
                ("admin", 403),
                ("customer", 404),
                ("site_manager", 404),
                ("other_customer", 404),
                ("other_site_manager", 404),
            ],
        ),
        // The first ask succeeds; a second while it waits is refused as out of turn (409).
        (
            "request_remote",
            vec![("number", n), ("plan", "probe plan")],
            vec!["dispatcher"],
            vec![
                ("manager", 409),
                ("engineer", 403),
                ("admin", 403),
                ("customer", 404),
                ("site_manager", 404),
                ("other_customer", 404),
                ("other_site_manager", 404),
            ],
        ),
        (
            "decide_remote",
            vec![("number", n), ("decision", "refuse")],
            vec!["customer"],
            vec![
                ("site_manager", 409),
                ("engineer", 403),
                ("dispatcher", 403),
                ("manager", 403),
                ("admin", 403),
                ("other_customer", 404),
                ("other_site_manager", 404),
            ],
        ),
        (
            "escalate_request",
            vec![("number", n), ("target", "expert"), ("reason", "probe")],
            vec!["engineer", "dispatcher", "manager", "admin"],
            vec![("customer", 404), ("site_manager", 404), ("other_customer", 404), ("other_site_manager", 404)],
        ),
        (
            "triage_request",
            vec![("number", n), ("kind", "fault"), ("fault_kind", "software"), ("severity", "3"), ("reason", "")],
            vec!["dispatcher", "manager", "admin"],
            vec![("engineer", 403), ("customer", 404), ("site_manager", 404), ("other_customer", 404), ("other_site_manager", 404)],
        ),
        // From here on the request is assigned to engineer@ (the first dispatch assigns, the
        // later ones reassign to the same engineer).
        (
            "dispatch_request",
            vec![("number", n), ("engineer_id", eng.as_str())],
            vec!["dispatcher", "manager", "admin"],
            vec![("engineer", 403), ("customer", 404), ("site_manager", 404), ("other_customer", 404), ("other_site_manager", 404)],
        ),
        (
            "log_activity",
            vec![("number", n), ("channel", "phone"), ("minutes", "5"), ("text", "probe"), ("visibility", "internal")],
            vec!["engineer", "dispatcher", "manager"],
            vec![("admin", 403), ("customer", 404), ("site_manager", 404), ("other_customer", 404), ("other_site_manager", 404)],
        ),
        // The remote session was refused above: nothing to withdraw or complete (409) for
        // those working the request.
        (
            "withdraw_remote",
            vec![("number", n)],
            vec![],
            vec![
                ("engineer", 409),
                ("dispatcher", 409),
                ("manager", 409),
                ("admin", 403),
                ("customer", 404),
                ("site_manager", 404),
                ("other_customer", 404),
                ("other_site_manager", 404),
            ],
        ),
        (
            "complete_remote",
            vec![("number", n), ("command_log", "ls"), ("minutes", "5")],
            vec![],
            vec![
                ("engineer", 409),
                ("dispatcher", 409),
                ("manager", 409),
                ("admin", 403),
                ("customer", 404),
                ("site_manager", 404),
                ("other_customer", 404),
                ("other_site_manager", 404),
            ],
        ),
        // The engineer proposes first; the same kind waiting for a decision refuses the next.
        (
            "propose_emergency",
            vec![("number", n), ("kind", "vendor_support"), ("reason", "probe")],
            vec!["engineer"],
            vec![
                ("dispatcher", 409),
                ("manager", 409),
                ("admin", 409),
                ("customer", 404),
                ("site_manager", 404),
                ("other_customer", 404),
                ("other_site_manager", 404),
            ],
        ),
        // Assigned, not in progress: resolving is out of turn for those who may resolve.
        (
            "resolve_with_report",
            vec![("number", n), ("cause", "c"), ("action_taken", "a"), ("parts_replaced", "")],
            vec![],
            vec![
                ("engineer", 409),
                ("dispatcher", 409),
                ("manager", 409),
                ("admin", 409),
                ("customer", 404),
                ("site_manager", 404),
                ("other_customer", 404),
                ("other_site_manager", 404),
            ],
        ),
    ];
    let mut clients = vec![];
    for (name, email) in actors {
        clients.push((name, app.signed_in(email).await));
    }
    for (f, form, allowed, others) in cases {
        for (name, c) in &clients {
            let name = *name;
            let r = app.call(c, f, &form).await;
            let expected = if allowed.contains(&name) { 200 } else { others.iter().find(|(o, _)| *o == name).map(|(_, s)| *s).unwrap_or(403) };
            assert_eq!(r.status.as_u16(), expected, "{name} calling {f}: {}", r.body);
        }
        assert_eq!(app.call(&client(), f, &form).await.status, 401, "anonymous {f}");
    }
});

both!(admin_changes_are_in_the_audit_log, |app: TestApp| async move {
    let admin = app.signed_in("admin@provider.example").await;
    let manager = app.signed_in("manager@provider.example").await;
    let acme = app.org_id("Acme Manufacturing").await.to_string();
    let r = app
        .call(
            &admin,
            "create_user",
            &[
                ("org_id", &acme),
                ("email", "audited@acme.example"),
                ("display_name", "Audited"),
                ("phone", ""),
                ("role", "customer"),
                ("password", "long enough pw"),
                ("site_id", ""),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.body["id"].to_string();
    call_ok(&app, &admin, "set_user_role", &[("user_id", &id), ("role", "site_manager")]).await;
    call_ok(&app, &admin, "set_user_active", &[("user_id", &id), ("active", "false")]).await;
    // A refused change leaves no line.
    assert_eq!(
        app.call(
            &admin,
            "create_user",
            &[
                ("org_id", &acme),
                ("email", "audited@acme.example"),
                ("display_name", "Again"),
                ("phone", ""),
                ("role", "customer"),
                ("password", "long enough pw"),
                ("site_id", "")
            ]
        )
        .await
        .status,
        422
    );
    let log = app.call(&manager, "list_audit", &[("actor", ""), ("action", "user."), ("subject", "audited@acme.example"), ("before", "")]).await;
    assert_eq!(log.status, 200, "{}", log.body);
    let actions: Vec<&str> = log.body["rows"].as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["user.deactivate", "user.role", "user.create"], "newest first");
    assert_eq!(log.body["rows"][1]["detail"]["to"], "site_manager");
});

both!(queues_put_unassigned_first_then_the_nearest_running_deadline, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let first = submit(&app, &user, "Older, answered", "3").await;
    let second = submit(&app, &user, "Newer, unanswered", "3").await;
    let third = submit(&app, &user, "Newest, unanswered", "3").await;
    let eng = app.user_id("engineer@provider.example").await.to_string();
    let queue = |show: &'static str| {
        let (app, dispatcher) = (&app, &dispatcher);
        async move {
            let q = app
                .call(
                    dispatcher,
                    "triage_queue",
                    &[
                        ("filter[org]", ""),
                        ("filter[site]", ""),
                        ("filter[severity]", ""),
                        ("filter[kind]", ""),
                        ("filter[status]", ""),
                        ("filter[show]", show),
                    ],
                )
                .await;
            assert_eq!(q.status, 200, "{}", q.body);
            q.body["rows"].as_array().unwrap().iter().map(|r| r["number"].as_str().unwrap().to_string()).collect::<Vec<_>>()
        }
    };
    assert_eq!(queue("").await, [first.clone(), second.clone(), third.clone()], "all wait for a first response: oldest deadline first");
    // Triage answers the first: its next deadline becomes the on-site one (2 h), after the
    // others' 10-minute response deadlines.
    call_ok(&app, &dispatcher, "act_on_request", &[("number", &first), ("action", "triage")]).await;
    assert_eq!(queue("").await, [second.clone(), third.clone(), first.clone()]);
    call_ok(&app, &dispatcher, "dispatch_request", &[("number", &second), ("engineer_id", &eng)]).await;
    assert_eq!(queue("").await, [third.clone(), first.clone()], "assigned requests leave the unassigned queue");
    assert_eq!(queue("all").await, [third.clone(), first.clone(), second.clone()], "and come after the unassigned ones");
    call_ok(&app, &user, "act_on_request", &[("number", &third), ("action", "cancel"), ("note", "Found the cable")]).await;
    assert_eq!(queue("all").await, [first, second], "only open work is queued");
});
