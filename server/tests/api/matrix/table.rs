//! The table of server functions: argument kinds, valid arguments, statuses per actor.
use super::*;

/// What an argument is, for the sweep: which bad values must be refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// A number, id, key, choice or date: every bad value is refused.
    Req,
    /// A number or id where zero is a valid value (a new thing, "this month", none sampled).
    ZeroOk,
    /// A choice or number where empty is a valid value (unchanged, not marked, the default).
    EmptyOk,
    /// Empty and zero are both valid (a percentage that may be the default or none).
    EmptyZeroOk,
    /// Required free text: refused when missing, empty, 1 MB or not a single value.
    Text,
    /// Optional, free or ignored here (filters, notes): nothing in particular is refused.
    Opt,
}

/// How the call is made.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Via {
    /// With the actor's client.
    Own,
    /// With a new client signed in as the actor (signing out ends the session).
    Fresh,
}

pub(super) struct Call {
    pub(super) args: Vec<(String, Value)>,
    pub(super) via: Via,
}

pub(super) fn call(args: &[(&str, String)]) -> Call {
    Call { args: args.iter().map(|(k, v)| (k.to_string(), Value::String(v.clone()))).collect(), via: Via::Own }
}

pub(super) fn call_json(args: Value) -> Call {
    Call { args: args.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.clone())).collect(), via: Via::Own }
}

pub(super) type Build = fn(Env, usize) -> Pin<Box<dyn Future<Output = Call>>>;

macro_rules! build {
    (|$e:ident, $a:ident| $body:expr) => {
        |$e: Env, $a: usize| -> Pin<Box<dyn Future<Output = Call>>> {
            let _ = (&$e, $a);
            Box::pin(async move { $body })
        }
    };
}

pub(super) struct Entry {
    pub(super) f: &'static str,
    /// Posted as JSON (`input = Json`) rather than as a form.
    pub(super) json: bool,
    /// Changes something when allowed (the sweep then sends only what must be refused as
    /// the actors who may call it, so a target is not used up by a valid variant).
    pub(super) mutating: bool,
    pub(super) args: &'static [(&'static str, Kind)],
    /// Status per actor, in the order of `ACTORS`:
    /// anonymous | customer site_manager other_customer other_site_manager | engineer
    /// engineer2 dispatcher manager admin.
    pub(super) expect: &'static str,
    pub(super) build: Build,
}

pub(super) fn statuses(expect: &str) -> Vec<u16> {
    let v: Vec<u16> = expect.split_whitespace().filter(|s| *s != "|").map(|s| s.parse().unwrap()).collect();
    assert_eq!(v.len(), ACTORS.len(), "{expect}");
    v
}

pub(super) const REQUEST_FILTER: &[(&str, Kind)] = &[
    ("filter[q]", Kind::Opt),
    ("filter[page]", Kind::Opt),
    ("filter[scope]", Kind::Opt),
    ("filter[status]", Kind::Opt),
    ("filter[severity]", Kind::Opt),
    ("filter[site]", Kind::Opt),
    ("filter[sort]", Kind::Opt),
];
pub(super) const QUEUE_FILTER: &[(&str, Kind)] = &[
    ("filter[org]", Kind::Opt),
    ("filter[site]", Kind::Opt),
    ("filter[severity]", Kind::Opt),
    ("filter[kind]", Kind::Opt),
    ("filter[status]", Kind::Opt),
    ("filter[show]", Kind::Opt),
];
pub(super) const RESULTS_FILTER: &[(&str, Kind)] = &[
    ("filter[org]", Kind::Opt),
    ("filter[site]", Kind::Opt),
    ("filter[engineer]", Kind::Opt),
    ("filter[from]", Kind::Opt),
    ("filter[until]", Kind::Opt),
    ("filter[period]", Kind::Opt),
];
pub(super) const CONTRACT: &[(&str, Kind)] = &[
    ("tier", Kind::Req),
    ("tz", Kind::Req),
    ("day_start", Kind::Req),
    ("day_end", Kind::Req),
    ("valid_from", Kind::Req),
    ("valid_until", Kind::Opt),
    ("first_response", Kind::Req),
    ("on_site_kind", Kind::Req),
    ("on_site", Kind::Opt),
    ("resolution_1", Kind::Req),
    ("resolution_2", Kind::Req),
    ("resolution_3", Kind::Req),
    ("holidays", Kind::Opt),
    ("working_days", Kind::Opt),
    ("reset_limits", Kind::Opt),
];
pub(super) const TRAINING_FORM: &[(&str, Kind)] = &[
    ("id", Kind::ZeroOk),
    ("title", Kind::Text),
    ("kind", Kind::Req),
    ("description", Kind::Opt),
    ("trainer", Kind::Text),
    ("tz", Kind::Req),
    ("starts_at", Kind::Req),
    ("ends_at", Kind::Req),
    ("delivery", Kind::Req),
    ("place", Kind::Text),
    ("link", Kind::Opt),
    ("capacity", Kind::Req),
    ("booking_deadline", Kind::Req),
    ("invited", Kind::Req),
];

pub(super) fn with_prefix(prefix: &[(&str, Kind)], extra: &[(&'static str, Kind)]) -> Vec<(String, Kind)> {
    prefix.iter().map(|(k, v)| (k.to_string(), *v)).chain(extra.iter().map(|(k, v)| (k.to_string(), *v))).collect()
}

/// Every server function: who may call it, with which arguments.
pub(super) fn functions() -> Vec<Entry> {
    vec![
        // --- Accounts and sign-in.
        Entry {
            f: "sign_in",
            json: false,
            mutating: false,
            args: &[("email", Kind::Req), ("password", Kind::Text), ("next", Kind::Opt)],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            // Signed in: the actor signs in again as themselves; signed out: a new client each time.
            build: build!(|e, a| {
                let c = call(&[
                    ("email", ACTORS[a].1.unwrap_or("user@acme.example").to_string()),
                    ("password", PASSWORD.to_string()),
                    ("next", "/requests".into()),
                ]);
                Call { via: if a == 0 { Via::Fresh } else { Via::Own }, ..c }
            }),
        },
        Entry {
            f: "sign_out",
            json: false,
            mutating: false,
            args: &[],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| Call { args: vec![], via: Via::Fresh }),
        },
        Entry {
            f: "current_user",
            json: false,
            mutating: false,
            args: &[],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        // The builder puts the demo password back first, so the change succeeds every time.
        Entry {
            f: "change_password",
            json: false,
            mutating: true,
            args: &[("current", Kind::Text), ("new", Kind::Text), ("confirm", Kind::Text)],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| {
                e.restore_password(a).await;
                call(&[("current", PASSWORD.into()), ("new", "Matrix changed password 1".into()), ("confirm", "Matrix changed password 1".into())])
            }),
        },
        // --- Organizations and users.
        Entry {
            f: "list_organizations",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 403 403 403 403 | 403 403 403 403 200",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "create_organization",
            json: false,
            mutating: true,
            args: &[("name", Kind::Text), ("kind", Kind::Req)],
            expect: "401 | 403 403 403 403 | 403 403 403 403 200",
            build: build!(|e, a| call(&[("name", format!("Matrix Org {}", e.next())), ("kind", "customer".into())])),
        },
        Entry {
            f: "get_organization",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 404 200 404 404 | 404 404 404 404 200",
            build: build!(|e, a| call(&[("id", e.0.acme.to_string())])),
        },
        Entry {
            f: "create_site",
            json: false,
            mutating: true,
            args: &[("org_id", Kind::Req), ("name", Kind::Text), ("address", Kind::Opt)],
            expect: "401 | 403 403 403 403 | 403 403 403 403 200",
            build: build!(|e, a| call(&[("org_id", e.0.acme.to_string()), ("name", format!("Matrix Site {}", e.next())), ("address", "".into())])),
        },
        Entry {
            f: "create_user",
            json: false,
            mutating: true,
            args: &[
                ("org_id", Kind::Req),
                ("email", Kind::Req),
                ("display_name", Kind::Text),
                ("phone", Kind::Opt),
                ("role", Kind::Req),
                ("password", Kind::Text),
                ("site_id", Kind::Opt),
            ],
            expect: "401 | 403 200 403 403 | 403 403 403 403 200",
            build: build!(|e, a| call(&[
                ("org_id", e.0.acme.to_string()),
                ("email", format!("matrix{}@acme.example", e.next())),
                ("display_name", "Matrix".into()),
                ("phone", "".into()),
                ("role", "customer".into()),
                ("password", "long enough pw".into()),
                ("site_id", "".into()),
            ])),
        },
        Entry {
            f: "set_user_active",
            json: false,
            mutating: true,
            args: &[("user_id", Kind::Req), ("active", Kind::Req)],
            expect: "401 | 404 200 404 404 | 404 404 404 404 200",
            build: build!(|e, a| call(&[("user_id", e.new_user().await.to_string()), ("active", "false".into())])),
        },
        Entry {
            f: "set_user_role",
            json: false,
            mutating: true,
            args: &[("user_id", Kind::Req), ("role", Kind::Req)],
            expect: "401 | 403 403 403 403 | 403 403 403 403 200",
            build: build!(|e, a| call(&[("user_id", e.new_user().await.to_string()), ("role", "site_manager".into())])),
        },
        // --- Contracts.
        Entry {
            f: "list_contracts",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 403 403 403 403 | 403 403 403 200 200",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "get_contract",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 403 403 403 403 | 403 403 403 200 200",
            build: build!(|e, a| call(&[("id", e.0.contract.to_string())])),
        },
        Entry {
            f: "create_contract",
            json: false,
            mutating: true,
            args: &[],
            expect: "401 | 403 403 403 403 | 403 403 403 403 200",
            build: build!(|e, a| {
                let org = e.new_org().await;
                let mut f = contract_form();
                f.insert(0, ("org_id", org.to_string()));
                call(&f)
            }),
        },
        Entry {
            f: "update_contract",
            json: false,
            mutating: true,
            args: &[],
            expect: "401 | 403 403 403 403 | 403 403 403 403 200",
            build: build!(|e, a| {
                let id = e.new_contract().await;
                let mut f = contract_form();
                f.insert(0, ("id", id.to_string()));
                f.iter_mut().find(|(k, _)| *k == "tier").unwrap().1 = "a".into();
                // The version the edit form was opened at (a hidden input).
                let version = db::entity::contract::Entity::find_by_id(id).one(&e.app().db.conn).await.unwrap().unwrap().version;
                f.push(("version", version.to_string()));
                call(&f)
            }),
        },
        // --- Notifications.
        Entry {
            f: "unread_notifications",
            json: false,
            mutating: false,
            args: &[],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "list_notifications",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "mark_notifications_read",
            json: false,
            mutating: true,
            args: &[("number", Kind::Opt)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("number", e.submit().await)])),
        },
        // --- Requests.
        Entry {
            f: "list_requests",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[
                ("filter[q]", "".into()),
                ("filter[page]", "0".into()),
                ("filter[scope]", "".into()),
                ("filter[status]", "".into()),
                ("filter[severity]", "".into()),
                ("filter[site]", "".into()),
                ("filter[sort]", "".into())
            ])),
        },
        Entry {
            f: "get_request",
            json: false,
            mutating: false,
            args: &[("number", Kind::Req)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("number", e.0.open.clone())])),
        },
        Entry {
            f: "get_new_request_form",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 403 403 200 200 403",
            build: build!(|e, a| call(&[])),
        },
        // Customers submit for themselves (their own site); the desk logs one for user@acme.
        Entry {
            f: "submit_request",
            json: false,
            mutating: true,
            args: &[
                ("title", Kind::Text),
                ("description", Kind::Text),
                ("kind", Kind::Req),
                ("fault_kind", Kind::Opt),
                ("severity", Kind::Req),
                ("system", Kind::Opt),
                ("site_id", Kind::Req),
                ("contact_phone", Kind::Text),
                ("requester_id", Kind::Opt),
                ("channel", Kind::Opt),
            ],
            expect: "401 | 200 200 200 200 | 403 403 200 200 403",
            build: build!(|e, a| {
                let (site, requester) = match a {
                    3 | 4 => (e.0.globex_site, e.0.user),
                    _ => (e.0.acme_site, e.0.user),
                };
                let requester = if (1..=4).contains(&a) { e.0.users[a] } else { requester };
                call(&[
                    ("title", "Matrix: label printer offline".into()),
                    ("description", "The label printer on line 2 is offline since 9:00.".into()),
                    ("kind", "fault".into()),
                    ("fault_kind", "hardware".into()),
                    ("severity", "3".into()),
                    ("system", "Printer L2".into()),
                    ("site_id", site.to_string()),
                    ("contact_phone", "+86 21 5555 0101".into()),
                    ("requester_id", requester.to_string()),
                    ("channel", "phone".into()),
                ])
            }),
        },
        // The requester (or their site manager) cancels a new request; so may the desk and admins
        // (cancelling is coordination); engineers may not.
        Entry {
            f: "act_on_request",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("action", Kind::Req), ("note", Kind::Opt), ("engineer_id", Kind::Opt)],
            expect: "401 | 200 200 404 404 | 409 409 200 200 200",
            build: build!(|e, a| call(&[
                ("number", e.submit().await),
                ("action", "cancel".into()),
                ("note", "Found the cable".into()),
                ("engineer_id", "".into())
            ])),
        },
        Entry {
            f: "reply_request",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("body", Kind::Text)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("number", e.submit().await), ("body", "Any news?".into())])),
        },
        // --- Staff workspace.
        Entry {
            f: "triage_queue",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 403 403 403 403 | 403 403 200 200 200",
            build: build!(|e, a| call(&[
                ("filter[org]", "".into()),
                ("filter[site]", "".into()),
                ("filter[severity]", "".into()),
                ("filter[kind]", "".into()),
                ("filter[status]", "".into()),
                ("filter[show]", "all".into())
            ])),
        },
        Entry { f: "my_work", json: false, mutating: false, args: &[], expect: "401 | 403 403 403 403 | 200 200 403 200 403", build: build!(|e, a| call(&[])) },
        Entry {
            f: "list_audit",
            json: false,
            mutating: false,
            args: &[("actor", Kind::Opt), ("action", Kind::Opt), ("subject", Kind::Opt), ("before", Kind::Opt)],
            expect: "401 | 403 403 403 403 | 403 403 403 200 200",
            build: build!(|e, a| call(&[("actor", "".into()), ("action", "".into()), ("subject", "".into()), ("before", "".into())])),
        },
        Entry {
            f: "triage_request",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("kind", Kind::Req), ("fault_kind", Kind::Req), ("severity", Kind::EmptyOk), ("reason", Kind::Opt)],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| call(&[
                ("number", e.submit().await),
                ("kind", "fault".into()),
                ("fault_kind", "software".into()),
                ("severity", "2".into()),
                ("reason", "Whole line stopped".into())
            ])),
        },
        Entry {
            f: "dispatch_request",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("engineer_id", Kind::Req)],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| call(&[("number", e.submit().await), ("engineer_id", e.0.engineer.to_string())])),
        },
        // From here the targets are assigned to engineer@ (engineer2 is not working them).
        Entry {
            f: "record_stage",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("stage", Kind::Req)],
            expect: "401 | 404 404 404 404 | 200 403 200 200 403",
            build: build!(|e, a| call(&[("number", e.assigned().await), ("stage", "dispatched".into())])),
        },
        Entry {
            f: "log_activity",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("channel", Kind::Req), ("minutes", Kind::Req), ("text", Kind::Text), ("visibility", Kind::Opt)],
            expect: "401 | 404 404 404 404 | 200 403 200 200 403",
            build: build!(|e, a| call(&[
                ("number", e.in_progress().await),
                ("channel", "phone".into()),
                ("minutes", "5".into()),
                ("text", "Called the vendor".into()),
                ("visibility", "internal".into())
            ])),
        },
        Entry {
            f: "add_note",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("body", Kind::Text)],
            expect: "401 | 404 404 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("number", e.in_progress().await), ("body", "Firmware is out of support".into())])),
        },
        Entry {
            f: "escalate_request",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("target", Kind::Req), ("reason", Kind::Text)],
            expect: "401 | 404 404 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("number", e.in_progress().await), ("target", "expert".into()), ("reason", "Needs a routing expert".into())])),
        },
        Entry {
            f: "resolve_with_report",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("cause", Kind::Text), ("action_taken", Kind::Text), ("parts_replaced", Kind::Opt)],
            expect: "401 | 404 404 404 404 | 200 409 200 200 409",
            build: build!(|e, a| call(&[
                ("number", e.in_progress().await),
                ("cause", "Failed disk".into()),
                ("action_taken", "Replaced the disk".into()),
                ("parts_replaced", "HDD 1.2 TB\n".into())
            ])),
        },
        Entry {
            f: "request_remote",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("plan", Kind::Text)],
            expect: "401 | 404 404 404 404 | 200 403 200 200 403",
            build: build!(|e, a| call(&[("number", e.in_progress().await), ("plan", "Log in over VPN, 30 minutes, no outage".into())])),
        },
        Entry {
            f: "decide_remote",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("decision", Kind::Req)],
            expect: "401 | 200 200 404 404 | 403 403 403 403 403",
            build: build!(|e, a| call(&[("number", e.remote_requested().await), ("decision", "approve".into())])),
        },
        Entry {
            f: "withdraw_remote",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req)],
            expect: "401 | 404 404 404 404 | 200 403 200 200 403",
            build: build!(|e, a| call(&[("number", e.remote_requested().await)])),
        },
        Entry {
            f: "complete_remote",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("command_log", Kind::Text), ("minutes", Kind::Req)],
            expect: "401 | 404 404 404 404 | 200 403 200 200 403",
            build: build!(|e, a| call(&[("number", e.remote_approved().await), ("command_log", "switch# show run".into()), ("minutes", "25".into())])),
        },
        Entry {
            f: "propose_emergency",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("kind", Kind::Req), ("reason", Kind::Text)],
            expect: "401 | 404 404 404 404 | 200 403 200 200 200",
            build: build!(|e, a| call(&[("number", e.in_progress().await), ("kind", "vendor_support".into()), ("reason", "Supervisor module failed".into())])),
        },
        Entry {
            f: "decide_emergency",
            json: false,
            mutating: true,
            args: &[("number", Kind::Req), ("plan_id", Kind::Req), ("decision", Kind::Req)],
            expect: "401 | 404 404 404 404 | 403 403 403 200 200",
            build: build!(|e, a| {
                let (number, plan) = e.emergency().await;
                call(&[("number", number), ("plan_id", plan.to_string()), ("decision", "authorise".into())])
            }),
        },
        // --- Surveys.
        Entry {
            f: "get_request_survey",
            json: false,
            mutating: false,
            args: &[("number", Kind::Req)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("number", e.0.closed.clone())])),
        },
        Entry {
            f: "answer_survey",
            json: true,
            mutating: true,
            args: &[("number", Kind::Req), ("answers", Kind::Req)],
            expect: "401 | 200 403 404 404 | 403 403 403 403 403",
            build: build!(|e, a| call_json(json!({ "number": e.closed_and_sent().await.0, "answers": happy() }))),
        },
        Entry {
            f: "waiting_surveys",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        // Any token answers 200: an unknown one says the link is not valid (the page shows it).
        Entry {
            f: "get_link_survey",
            json: false,
            mutating: false,
            args: &[("token", Kind::Opt)],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("token", e.0.token.clone())])),
        },
        Entry {
            f: "answer_link_survey",
            json: true,
            mutating: true,
            args: &[("token", Kind::Req), ("answers", Kind::Req)],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call_json(json!({ "token": e.closed_and_sent().await.1, "answers": happy() }))),
        },
        Entry {
            f: "survey_results",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 403 200 403 200 | 200 200 403 200 200",
            build: build!(|e, a| call(&[
                ("filter[org]", "".into()),
                ("filter[site]", "".into()),
                ("filter[engineer]", "".into()),
                ("filter[from]", "".into()),
                ("filter[until]", "".into()),
                ("filter[period]", "".into())
            ])),
        },
        Entry {
            f: "get_survey_admin",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 404 404 404 404 | 403 403 403 200 200",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "save_survey_settings",
            json: false,
            mutating: true,
            args: &[
                ("delay_minutes", Kind::ZeroOk),
                ("expiry_days", Kind::Req),
                ("reminder_after_days", Kind::ZeroOk),
                ("low_score_threshold", Kind::Req),
                ("sample_percent", Kind::ZeroOk),
                ("final_after_days", Kind::ZeroOk),
            ],
            expect: "401 | 404 404 404 404 | 403 403 403 403 200",
            build: build!(|e, a| call(&[
                ("delay_minutes", "60".into()),
                ("expiry_days", "14".into()),
                ("reminder_after_days", "3".into()),
                ("low_score_threshold", "2".into()),
                ("sample_percent", "100".into()),
                ("final_after_days", "7".into())
            ])),
        },
        Entry {
            f: "set_survey_sampling",
            json: false,
            mutating: true,
            args: &[("organization_id", Kind::Req), ("sample_percent", Kind::EmptyZeroOk)],
            expect: "401 | 404 404 404 404 | 403 403 403 403 200",
            build: build!(|e, a| call(&[("organization_id", e.new_org().await.to_string()), ("sample_percent", "50".into())])),
        },
        Entry {
            f: "add_survey_question",
            json: false,
            mutating: true,
            args: &[
                ("kind", Kind::Req),
                ("text_en", Kind::Text),
                ("text_zh", Kind::Text),
                ("required", Kind::Opt),
                ("shown_when", Kind::Opt),
                ("options_en", Kind::Text),
                ("options_zh", Kind::Text),
                ("max_selected", Kind::Req),
            ],
            expect: "401 | 404 404 404 404 | 403 403 403 403 200",
            build: build!(|e, a| call(&question_form(e.next()))),
        },
        Entry {
            f: "reword_survey_question",
            json: false,
            mutating: true,
            args: &[("key", Kind::Req), ("text_en", Kind::Text), ("text_zh", Kind::Text)],
            expect: "401 | 404 404 404 404 | 403 403 403 403 200",
            build: build!(|e, a| call(&[
                ("key", e.new_question().await),
                ("text_en", "What went wrong, in a word?".into()),
                ("text_zh", "哪里出了问题？".into())
            ])),
        },
        Entry {
            f: "retire_survey_question",
            json: false,
            mutating: true,
            args: &[("key", Kind::Req)],
            expect: "401 | 404 404 404 404 | 403 403 403 403 200",
            build: build!(|e, a| call(&[("key", e.new_question().await)])),
        },
        // --- Training. The shared session is open to every organization.
        Entry {
            f: "list_training",
            json: false,
            mutating: false,
            args: &[("scope", Kind::Opt)],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("scope", "upcoming".into())])),
        },
        Entry {
            f: "training_calendar",
            json: false,
            mutating: false,
            args: &[("year", Kind::ZeroOk), ("month", Kind::ZeroOk)],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("year", "2027".into()), ("month", "3".into())])),
        },
        Entry {
            f: "get_training",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("id", e.0.session.to_string())])),
        },
        Entry {
            f: "my_bookings",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        // Staff book someone by id; customers book themselves (an empty `user_id`).
        Entry {
            f: "book_training",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req), ("user_id", Kind::Opt)],
            expect: "401 | 200 200 200 200 | 403 403 200 200 200",
            build: build!(|e, a| {
                let who = if a >= 5 { e.0.user.to_string() } else { String::new() };
                call(&[("id", e.new_session(48).await.to_string()), ("user_id", who)])
            }),
        },
        Entry {
            f: "cancel_booking",
            json: false,
            mutating: true,
            args: &[("booking_id", Kind::Req)],
            expect: "401 | 200 200 404 404 | 403 403 200 200 200",
            build: build!(|e, a| call(&[("booking_id", e.booking(48).await.1.to_string())])),
        },
        Entry {
            f: "answer_training_feedback",
            json: true,
            mutating: true,
            args: &[("session_id", Kind::Req), ("answers", Kind::Req)],
            expect: "401 | 200 403 403 403 | 403 403 403 403 403",
            build: build!(|e, a| call_json(
                json!({ "session_id": e.feedback_session().await, "answers": [["overall", "5"], ["content", "4"], ["trainer", "5"], ["comment", "Useful"]] })
            )),
        },
        Entry {
            f: "get_training_form",
            json: false,
            mutating: false,
            args: &[("id", Kind::ZeroOk)],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| call(&[("id", e.0.session.to_string())])),
        },
        Entry {
            f: "save_training",
            json: false,
            mutating: true,
            args: &[],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| {
                let f = training_form("Matrix session", 10, 48);
                Call { args: f.into_iter().map(|(k, v)| (k.to_string(), Value::String(v))).collect(), via: Via::Own }
            }),
        },
        Entry {
            f: "cancel_training",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req), ("reason", Kind::Opt)],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| call(&[("id", e.new_session(48).await.to_string()), ("reason", "Trainer ill".into())])),
        },
        Entry {
            f: "training_attendees",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| call(&[("id", e.0.session.to_string())])),
        },
        Entry {
            f: "mark_attendance",
            json: false,
            mutating: true,
            args: &[("booking_id", Kind::Req), ("attended", Kind::EmptyOk)],
            expect: "401 | 404 404 404 404 | 403 403 200 200 200",
            build: build!(|e, a| {
                let (session, booking) = e.booking(48).await;
                e.shift(session, Duration::hours(-49), Duration::zero(), Duration::hours(-49)).await;
                call(&[("booking_id", booking.to_string()), ("attended", "yes".into())])
            }),
        },
    ]
}

/// The arguments an entry declares (those with a prefix list are completed here).
pub(super) fn declared(entry: &Entry) -> Vec<(String, Kind)> {
    match entry.f {
        "list_requests" => with_prefix(REQUEST_FILTER, &[]),
        "triage_queue" => with_prefix(QUEUE_FILTER, &[]),
        "survey_results" => with_prefix(RESULTS_FILTER, &[]),
        "create_contract" => with_prefix(&[("org_id", Kind::Req)], &[]).into_iter().chain(with_prefix(CONTRACT, &[])).collect(),
        "update_contract" => with_prefix(&[("id", Kind::Req)], &[]).into_iter().chain(with_prefix(CONTRACT, &[("version", Kind::Opt)])).collect(),
        "save_training" => with_prefix(TRAINING_FORM, &[("org_ids", Kind::Opt)]),
        _ => entry.args.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
    }
}

pub(super) fn happy() -> Value {
    json!([["overall", "5"], ["speed", "4"], ["professionalism", "5"], ["solved", "yes"], ["comment", "Thanks"]])
}

pub(super) fn contract_form() -> Vec<(&'static str, String)> {
    [
        ("tier", "b"),
        ("tz", "Asia/Shanghai"),
        ("day_start", "09:00"),
        ("day_end", "17:00"),
        ("valid_from", "2027-01-01"),
        ("valid_until", ""),
        ("first_response", "10"),
        ("on_site_kind", "within"),
        ("on_site", "240"),
        ("resolution_1", "240"),
        ("resolution_2", "1440"),
        ("resolution_3", "2880"),
        ("holidays", ""),
        ("working_days", ""),
        ("reset_limits", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect()
}

pub(super) fn question_form(n: usize) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "choice".into()),
        ("text_en", format!("Matrix question {n}?")),
        ("text_zh", "矩阵问题？".into()),
        ("required", "on".into()),
        ("shown_when", "low_score".into()),
        ("options_en", "Too late\nOther".into()),
        ("options_zh", "太晚\n其他".into()),
        ("max_selected", "1".into()),
    ]
}

pub(super) fn training_form(title: &str, capacity: u32, start_in_hours: i64) -> Vec<(&'static str, String)> {
    let tz = chrono_tz::Asia::Shanghai;
    let local = |at: chrono::DateTime<Utc>| domain::training::form::format_local_datetime(at.timestamp(), tz);
    let start = Utc::now() + Duration::hours(start_in_hours);
    vec![
        ("id", "0".into()),
        ("title", title.into()),
        ("kind", "product".into()),
        ("description", "Hands-on".into()),
        ("trainer", "Li Qiang".into()),
        ("tz", "Asia/Shanghai".into()),
        ("starts_at", local(start)),
        ("ends_at", local(start + Duration::hours(2))),
        ("delivery", "on_site".into()),
        ("place", "Room 3".into()),
        ("link", "".into()),
        ("capacity", capacity.to_string()),
        ("booking_deadline", local(start - Duration::hours(1))),
        ("invited", "all".into()),
    ]
}
