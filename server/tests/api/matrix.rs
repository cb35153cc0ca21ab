//! The complete permission matrix and the bad-input sweep, on SQLite and PostgreSQL.
//!
//! `FUNCTIONS` has one entry for every server function: its endpoint, its arguments (with what
//! kind of value each is, for the sweep), a builder of valid arguments for a realistic target,
//! and the status every actor gets, written out here (not derived from the rules under test).
//! `ROUTES` does the same for every page and every other HTTP route. Both tables are checked
//! for completeness against what the running program registers: a new server function, page
//! or `.route(` without an entry fails `permission_matrix` with its name.
//!
//! Targets: every builder runs once per actor and call, and the builders of functions that
//! change something make a new target each time (a new request in the state the function
//! needs, a new training session, a new organization, ...). So the allowed actor's change
//! never changes what the next actor meets, and the order of the table does not matter.
//!
//! The sweep sends, for every function and actor, every argument missing, empty, huge (1 MB),
//! wrongly typed (text for a number, a list or an object for a value), negative, zero,
//! i64::MAX, overflowing, far-future and far-past dates, an invalid choice and non-UTF-8
//! bytes, plus whole malformed bodies; and bad path and query parameters to every route that
//! has them. It asserts: no 5xx, no panic, no bad value accepted (which values must be
//! refused follows each argument's `Kind`), and no change in the database while the bad calls
//! run (every table but `sessions`, which every call touches, by row count and a content hash,
//! before and after each function's calls). Bounds, to stay within about two minutes a
//! database: free text is not sent numbers and dates (they are text too); 1 MB values go to
//! the actors who may call the function and the signed-out only; sign-in is swept as the
//! signed-out, sign-out as the signed-out and one customer, password changes as one customer
//! (an Argon2 hash a call, slow in a debug build); bad path parameters are nine values and a
//! long one; a changing function gets, as the actors who may call it, only the values it must
//! refuse (a valid one would use up the target).
//!
//! Panics: the app under test runs on its own tokio runtime whose threads are named
//! `matrix-app-<test>-<id>`; a process-wide panic hook records panics on threads with that
//! prefix, so panics of the server are told apart from other tests' (and a panicking handler,
//! whose connection is dropped, also shows as "no answer" on the call that caused it).
use std::{
    collections::{BTreeMap, BTreeSet},
    future::Future,
    hash::{Hash, Hasher},
    pin::Pin,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex, Once,
    },
    time::{Duration as StdDuration, Instant},
};

use chrono::{Duration, Utc};
use db::sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, Statement};
use reqwest::{redirect::Policy, Client};
use serde_json::{json, Value};
use server::{config::Config, startup::Application};

use crate::helpers::{fresh_database, signed_in_ok, Backend, TestApp, PASSWORD};

/// Who calls, in the order of the expectation strings below.
const ACTORS: [(&str, Option<&str>); 10] = [
    ("anonymous", None),
    ("customer", Some("user@acme.example")),
    ("site_manager", Some("lead@acme.example")),
    ("other_customer", Some("user@globex.example")),
    ("other_site_manager", Some("lead@globex.example")),
    ("engineer", Some("engineer@provider.example")),
    ("engineer2", Some("engineer2@provider.example")),
    ("dispatcher", Some("dispatcher@provider.example")),
    ("manager", Some("manager@provider.example")),
    ("admin", Some("admin@provider.example")),
];

// ---------------------------------------------------------------------------------------
// The app under test, on its own runtime, and the panics of its threads.

static PANICS: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let thread = std::thread::current().name().unwrap_or("").to_string();
            if thread.starts_with("matrix-app-") {
                let payload = info.payload();
                let msg = payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_default();
                let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
                if let Ok(mut p) = PANICS.lock() {
                    p.push((thread, format!("{msg} (at {at})")));
                }
            }
            previous(info);
        }));
    });
}

fn panics_of(prefix: &str) -> Vec<String> {
    PANICS.lock().map(|p| p.iter().filter(|(t, _)| t.starts_with(prefix)).map(|(_, m)| m.clone()).collect()).unwrap_or_default()
}

/// Stack size of the app's threads. A debug build's futures are large: the default 2 MiB
/// overflowed while the matrix rendered pages.
const APP_STACK: usize = 8 << 20;

/// Starts the app on a fresh database, on a runtime of its own (threads named `prefix`).
/// Sign-in limits are lifted: the tests sign in far more often than a person would.
async fn start(backend: Backend, label: &str) -> Option<(TestApp, String)> {
    install_panic_hook();
    let url = fresh_database(backend).await?;
    let mut config = Config::for_tests(&url);
    config.signin_per_account = 1_000_000;
    config.signin_per_address = 1_000_000;
    let prefix = format!("matrix-app-{label}-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    let (tx, rx) = std::sync::mpsc::channel();
    let name = prefix.clone();
    std::thread::Builder::new()
        .name(name.clone())
        .stack_size(APP_STACK)
        .spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_stack_size(APP_STACK)
                .thread_name(name)
                .enable_all()
                .build()
                .expect("a runtime for the app");
            rt.block_on(async move {
                let app = Application::build(config).await.expect("app builds");
                tx.send((app.port(), app.state.db.clone())).expect("the test waits");
                let _ = app.run_until_stopped().await;
            });
        })
        .expect("the app's thread");
    let (port, db) = tokio::task::spawn_blocking(move || rx.recv().expect("the app started")).await.unwrap();
    Some((TestApp { base: format!("http://127.0.0.1:{port}"), backend, db }, prefix))
}

fn new_client() -> Client {
    Client::builder().cookie_store(true).redirect(Policy::none()).timeout(StdDuration::from_secs(120)).build().unwrap()
}

async fn sign_in(app: &TestApp, email: &str) -> Client {
    let c = new_client();
    let r = app.call(&c, "sign_in", &[("email", email), ("password", PASSWORD)]).await;
    assert!(signed_in_ok(&r), "sign in {email}: {} {}", r.status, r.body);
    c
}

/// One answer, or why there was none (a panicking handler drops the connection).
struct Answer {
    status: u16,
    body: String,
    location: String,
}

async fn send(req: reqwest::RequestBuilder) -> Result<Answer, String> {
    // A request that never reached the server (a pooled connection closed as it was reused,
    // or no local port free for a moment under ~30k calls) is sent once more: that is the
    // client's side, not an answer of the portal. Panics are caught by the hook, not by this.
    let again = req.try_clone();
    let res = match req.send().await {
        Ok(res) => res,
        Err(e) if e.is_connect() || e.is_request() => match again {
            Some(again) => {
                tokio::time::sleep(StdDuration::from_millis(50)).await;
                again.send().await.map_err(|e2| format!("no answer: {e}; sent again: {e2}"))?
            }
            None => return Err(format!("no answer: {e}")),
        },
        Err(e) => return Err(format!("no answer: {e}")),
    };
    let status = res.status().as_u16();
    let location = res.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or("").to_string();
    if res.headers().get("content-type").is_some_and(|t| t.to_str().unwrap_or("").starts_with("text/event-stream")) {
        return Ok(Answer { status, body: String::new(), location });
    }
    let body = res.text().await.map_err(|e| format!("answer cut off ({status}): {e}"))?;
    Ok(Answer { status, body, location })
}

async fn post_fn(app: &TestApp, c: &Client, f: &str, content_type: &str, body: Vec<u8>) -> Result<Answer, String> {
    send(c.post(format!("{}/api/{f}", app.base)).header("origin", &app.base).header("content-type", content_type).body(body)).await
}

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

/// Percent-encodes every byte but the unreserved ones, as a form does.
fn enc(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len());
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(b) {
            s.push(*b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fn form_body(pairs: &[(String, Vec<u8>)]) -> Vec<u8> {
    pairs.iter().map(|(k, v)| format!("{}={}", enc(k.as_bytes()), enc(v))).collect::<Vec<_>>().join("&").into_bytes()
}

// ---------------------------------------------------------------------------------------
// The table of server functions.

/// What an argument is, for the sweep: which bad values must be refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
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
enum Via {
    /// With the actor's client.
    Own,
    /// With a new client signed in as the actor (signing out ends the session).
    Fresh,
}

struct Call {
    args: Vec<(String, Value)>,
    via: Via,
}

fn call(args: &[(&str, String)]) -> Call {
    Call { args: args.iter().map(|(k, v)| (k.to_string(), Value::String(v.clone()))).collect(), via: Via::Own }
}

fn call_json(args: Value) -> Call {
    Call { args: args.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.clone())).collect(), via: Via::Own }
}

type Build = fn(Env, usize) -> Pin<Box<dyn Future<Output = Call>>>;

macro_rules! build {
    (|$e:ident, $a:ident| $body:expr) => {
        |$e: Env, $a: usize| -> Pin<Box<dyn Future<Output = Call>>> {
            let _ = (&$e, $a);
            Box::pin(async move { $body })
        }
    };
}

struct Entry {
    f: &'static str,
    /// Posted as JSON (`input = Json`) rather than as a form.
    json: bool,
    /// Changes something when allowed (the sweep then sends only what must be refused as
    /// the actors who may call it, so a target is not used up by a valid variant).
    mutating: bool,
    args: &'static [(&'static str, Kind)],
    /// Status per actor, in the order of `ACTORS`:
    /// anonymous | customer site_manager other_customer other_site_manager | engineer
    /// engineer2 dispatcher manager admin.
    expect: &'static str,
    build: Build,
}

fn statuses(expect: &str) -> Vec<u16> {
    let v: Vec<u16> = expect.split_whitespace().filter(|s| *s != "|").map(|s| s.parse().unwrap()).collect();
    assert_eq!(v.len(), ACTORS.len(), "{expect}");
    v
}

const REQUEST_FILTER: &[(&str, Kind)] = &[
    ("filter[q]", Kind::Opt),
    ("filter[page]", Kind::Opt),
    ("filter[scope]", Kind::Opt),
    ("filter[status]", Kind::Opt),
    ("filter[severity]", Kind::Opt),
    ("filter[site]", Kind::Opt),
    ("filter[sort]", Kind::Opt),
];
const QUEUE_FILTER: &[(&str, Kind)] = &[
    ("filter[org]", Kind::Opt),
    ("filter[site]", Kind::Opt),
    ("filter[severity]", Kind::Opt),
    ("filter[kind]", Kind::Opt),
    ("filter[status]", Kind::Opt),
    ("filter[show]", Kind::Opt),
];
const RESULTS_FILTER: &[(&str, Kind)] = &[
    ("filter[org]", Kind::Opt),
    ("filter[site]", Kind::Opt),
    ("filter[engineer]", Kind::Opt),
    ("filter[from]", Kind::Opt),
    ("filter[until]", Kind::Opt),
    ("filter[period]", Kind::Opt),
];
const CONTRACT: &[(&str, Kind)] = &[
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
const TRAINING_FORM: &[(&str, Kind)] = &[
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

fn with_prefix(prefix: &[(&str, Kind)], extra: &[(&'static str, Kind)]) -> Vec<(String, Kind)> {
    prefix.iter().map(|(k, v)| (k.to_string(), *v)).chain(extra.iter().map(|(k, v)| (k.to_string(), *v))).collect()
}

/// Every server function: who may call it, with which arguments.
fn functions() -> Vec<Entry> {
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
fn declared(entry: &Entry) -> Vec<(String, Kind)> {
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

fn happy() -> Value {
    json!([["overall", "5"], ["speed", "4"], ["professionalism", "5"], ["solved", "yes"], ["comment", "Thanks"]])
}

fn contract_form() -> Vec<(&'static str, String)> {
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

fn question_form(n: usize) -> Vec<(&'static str, String)> {
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

fn training_form(title: &str, capacity: u32, start_in_hours: i64) -> Vec<(&'static str, String)> {
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

// ---------------------------------------------------------------------------------------
// Targets.

#[derive(Clone)]
struct Env(Arc<Inner>);

struct Inner {
    app: TestApp,
    /// One signed-in client per actor (anonymous: none signed in).
    clients: Vec<Client>,
    /// The user id of each actor (0 for anonymous).
    users: Vec<i32>,
    acme: i32,
    acme_site: i32,
    globex_site: i32,
    user: i32,
    engineer: i32,
    contract: i32,
    session: i32,
    /// An open request of user@acme, a closed one with its survey sent, and the survey's link.
    open: String,
    closed: String,
    token: String,
    demo_hash: String,
    counter: AtomicUsize,
}

impl Env {
    async fn new(app: TestApp) -> Env {
        let mut clients = vec![];
        let mut users = vec![];
        for (_, email) in ACTORS {
            match email {
                Some(e) => {
                    clients.push(sign_in(&app, e).await);
                    users.push(app.user_id(e).await);
                }
                None => {
                    clients.push(new_client());
                    users.push(0);
                }
            }
        }
        let orgs = db::repo::organizations::list(&app.db.conn).await.unwrap();
        let org = |name: &str| orgs.iter().find(|o| o.name == name).unwrap().id;
        let (acme, globex) = (org("Acme Manufacturing"), org("Globex Logistics"));
        let acme_site = db::repo::sites::list_by_org(&app.db.conn, acme).await.unwrap()[0].id;
        let globex_site = db::repo::sites::list_by_org(&app.db.conn, globex).await.unwrap()[0].id;
        let contract = db::entity::contract::Entity::find().all(&app.db.conn).await.unwrap().into_iter().find(|c| c.organization_id == acme).unwrap().id;
        let demo_hash = db::password::hash_async(PASSWORD.to_string()).await;
        let (user, engineer) = (users[1], users[5]);
        let env = Env(Arc::new(Inner {
            app,
            clients,
            users,
            acme,
            acme_site,
            globex_site,
            user,
            engineer,
            contract,
            session: 0,
            open: String::new(),
            closed: String::new(),
            token: String::new(),
            demo_hash,
            counter: AtomicUsize::new(0),
        }));
        let open = env.submit().await;
        let (closed, token) = env.closed_and_sent().await;
        let session = env.new_session(48).await;
        let inner = Arc::try_unwrap(env.0).ok().expect("no other handle yet");
        Env(Arc::new(Inner { open, closed, token, session, ..inner }))
    }

    fn app(&self) -> &TestApp {
        &self.0.app
    }

    fn by(&self, actor: &str) -> &Client {
        &self.0.clients[ACTORS.iter().position(|(n, _)| *n == actor).unwrap()]
    }

    fn next(&self) -> usize {
        self.0.counter.fetch_add(1, Ordering::Relaxed)
    }

    async fn ok(&self, actor: &str, f: &str, form: &[(&str, &str)]) -> Value {
        let r = self.app().call(self.by(actor), f, form).await;
        assert_eq!(r.status, 200, "setting up, {actor} {f}: {}", r.body);
        r.body
    }

    async fn restore_password(&self, actor: usize) {
        if actor > 0 {
            db::repo::users::set_password_hash(&self.app().db.conn, self.0.users[actor], &self.0.demo_hash).await.unwrap();
        }
    }

    /// A new hardware fault of user@acme (status new).
    async fn submit(&self) -> String {
        let site = self.0.acme_site.to_string();
        let body = self
            .ok(
                "customer",
                "submit_request",
                &[
                    ("title", "Matrix target"),
                    ("description", "The storage array reports a failed disk and the database is slow."),
                    ("kind", "fault"),
                    ("fault_kind", "hardware"),
                    ("severity", "3"),
                    ("system", "SAN-01"),
                    ("site_id", &site),
                    ("contact_phone", "+86 21 5555 0101"),
                ],
            )
            .await;
        body.as_str().unwrap().to_string()
    }

    /// Triaged and assigned to engineer@.
    async fn assigned(&self) -> String {
        let n = self.submit().await;
        self.ok("dispatcher", "dispatch_request", &[("number", &n), ("engineer_id", &self.0.engineer.to_string())]).await;
        n
    }

    /// Assigned, and the engineer is on the way (in progress).
    async fn in_progress(&self) -> String {
        let n = self.assigned().await;
        self.ok("engineer", "record_stage", &[("number", &n), ("stage", "dispatched")]).await;
        n
    }

    async fn remote_requested(&self) -> String {
        let n = self.in_progress().await;
        self.ok("engineer", "request_remote", &[("number", &n), ("plan", "Log in over VPN, 30 minutes, no outage")]).await;
        n
    }

    async fn remote_approved(&self) -> String {
        let n = self.remote_requested().await;
        self.ok("customer", "decide_remote", &[("number", &n), ("decision", "approve")]).await;
        n
    }

    /// In progress with an emergency plan proposed by the engineer: (number, plan id).
    async fn emergency(&self) -> (String, i64) {
        let n = self.in_progress().await;
        self.ok("engineer", "propose_emergency", &[("number", &n), ("kind", "spare_parts_purchase"), ("reason", "Supervisor module failed")]).await;
        let d = self.ok("engineer", "get_request", &[("number", &n)]).await;
        (n, d["work"]["emergencies"][0]["id"].as_i64().unwrap())
    }

    /// Fixed, confirmed (closed), its survey due and sent: (number, the mailed link's token).
    async fn closed_and_sent(&self) -> (String, String) {
        let n = self.in_progress().await;
        self.ok("engineer", "resolve_with_report", &[("number", &n), ("cause", "Failed disk"), ("action_taken", "Replaced the disk"), ("parts_replaced", "")])
            .await;
        self.ok("customer", "act_on_request", &[("number", &n), ("action", "confirm_resolution")]).await;
        let conn = &self.app().db.conn;
        let r = db::repo::requests::find_by_number(conn, &n).await.unwrap().unwrap();
        let s = db::repo::surveys::find_by_request(conn, r.id).await.unwrap().expect("a survey for a closed request");
        let by = Duration::minutes(61);
        let row = db::entity::survey::ActiveModel {
            closed_at: Set(s.closed_at - by),
            due_at: Set(s.due_at - by),
            expires_at: Set(s.expires_at - by),
            ..Default::default()
        };
        assert!(db::repo::surveys::update_if_version(conn, row, s.id, s.version).await.unwrap());
        let links = server::survey_jobs::Links { base: "http://portal.test".into() };
        server::survey_jobs::run(&self.app().db, &links, Utc::now()).await.unwrap();
        let mails = db::entity::outbound_mail::Entity::find().all(conn).await.unwrap();
        let mail = mails.into_iter().max_by_key(|m| m.id).expect("the survey's mail");
        let start = mail.body.find("http://portal.test/s/").expect("a link in the mail") + "http://portal.test/s/".len();
        (n, mail.body[start..].split_whitespace().next().unwrap().to_string())
    }

    async fn new_org(&self) -> i32 {
        let name = format!("Matrix Customer {}", self.next());
        self.ok("admin", "create_organization", &[("name", &name), ("kind", "customer")]).await["id"].as_i64().unwrap() as i32
    }

    async fn new_contract(&self) -> i32 {
        let org = self.new_org().await.to_string();
        let mut f = contract_form();
        f.push(("org_id", org));
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.ok("admin", "create_contract", &pairs).await["contract"]["id"].as_i64().unwrap() as i32
    }

    async fn new_user(&self) -> i32 {
        let (acme, email) = (self.0.acme.to_string(), format!("target{}@acme.example", self.next()));
        let form = [
            ("org_id", acme.as_str()),
            ("email", &email),
            ("display_name", "Target"),
            ("phone", ""),
            ("role", "customer"),
            ("password", "target password 1"),
            ("site_id", ""),
        ];
        self.ok("admin", "create_user", &form).await["id"].as_i64().unwrap() as i32
    }

    async fn new_question(&self) -> String {
        let f = question_form(self.next());
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.ok("admin", "add_survey_question", &pairs).await["key"].as_str().unwrap().to_string()
    }

    /// A session open to all, starting in `start_in` hours.
    async fn new_session(&self, start_in: i64) -> i32 {
        let f = training_form(&format!("Matrix session {}", self.next()), 10, start_in);
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.ok("dispatcher", "save_training", &pairs).await.as_i64().unwrap() as i32
    }

    /// A new session with user@acme's confirmed booking: (session, booking).
    async fn booking(&self, start_in: i64) -> (i32, i32) {
        let id = self.new_session(start_in).await;
        self.ok("customer", "book_training", &[("id", &id.to_string()), ("user_id", "")]).await;
        let b = db::repo::training::bookings_of_session(&self.app().db.conn, id).await.unwrap();
        (id, b.iter().find(|b| b.user_id == self.0.user).unwrap().id)
    }

    /// A session that has ended, booked by user@acme, whose feedback has been asked.
    async fn feedback_session(&self) -> i32 {
        let (id, _) = self.booking(3).await;
        self.shift(id, Duration::hours(-6), Duration::hours(-6), Duration::hours(-6)).await;
        server::training_jobs::run(&self.app().db, Utc::now()).await.unwrap();
        id
    }

    async fn shift(&self, id: i32, start: Duration, end: Duration, deadline: Duration) {
        let conn = &self.app().db.conn;
        let s = db::repo::training::find(conn, id).await.unwrap().unwrap();
        db::entity::training_session::Entity::update(db::entity::training_session::ActiveModel {
            id: Set(id),
            starts_at: Set(s.starts_at + start),
            ends_at: Set(s.ends_at + end),
            booking_deadline: Set(s.booking_deadline + deadline),
            ..Default::default()
        })
        .exec(conn)
        .await
        .unwrap();
    }

    /// A request of user@acme with a PNG attached: (number, attachment id).
    async fn attachment(&self) -> (String, i64) {
        let n = self.submit().await;
        let a = upload(self.app(), self.by("customer"), &n, png()).await.unwrap();
        assert_eq!(a.status, 303, "upload: {}", a.body);
        let d = self.ok("customer", "get_request", &[("number", &n)]).await;
        (n, d["attachments"][0]["id"].as_i64().unwrap())
    }
}

fn png() -> reqwest::multipart::Form {
    reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(b"\x89PNG\r\n\x1a\nmatrix image".to_vec()).file_name("screen.png"))
}

async fn upload(app: &TestApp, c: &Client, number: &str, form: reqwest::multipart::Form) -> Result<Answer, String> {
    send(c.post(format!("{}/requests/{}/attachments", app.base, number)).header("origin", &app.base).multipart(form)).await
}

/// Makes one call of the matrix: the arguments as a form or JSON.
async fn make(env: &Env, entry: &Entry, actor: usize, c: &Call) -> Result<Answer, String> {
    let app = env.app();
    let fresh;
    let client = match (c.via, ACTORS[actor].1) {
        (Via::Fresh, Some(email)) => {
            fresh = sign_in(app, email).await;
            &fresh
        }
        (Via::Fresh, None) => {
            fresh = new_client();
            &fresh
        }
        (Via::Own, _) => &env.0.clients[actor],
    };
    if entry.json {
        let body = Value::Object(c.args.iter().cloned().collect());
        post_fn(app, client, entry.f, JSON, serde_json::to_vec(&body).unwrap()).await
    } else {
        let pairs: Vec<(String, Vec<u8>)> = c.args.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().as_bytes().to_vec())).collect();
        post_fn(app, client, entry.f, FORM, form_body(&pairs)).await
    }
}

// ---------------------------------------------------------------------------------------
// Pages and other routes.

/// A route: its pattern as the router has it, the method, and the status per actor.
struct RouteEntry {
    pattern: &'static str,
    method: &'static str,
    expect: &'static str,
}

/// Every page and route. Pages: 200, 403, or 303 to the sign-in page for the signed-out
/// (the sign-in page sends the signed-in home with a 303). Other routes as they answer.
const ROUTES: &[RouteEntry] = &[
    RouteEntry { pattern: "/", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/sign-in", method: "GET", expect: "200 | 303 303 303 303 | 303 303 303 303 303" },
    RouteEntry { pattern: "/account", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/admin/organizations", method: "GET", expect: "303 | 403 403 403 403 | 403 403 403 403 200" },
    RouteEntry { pattern: "/admin/organizations/{id}", method: "GET", expect: "303 | 403 403 403 403 | 403 403 403 403 200" },
    RouteEntry { pattern: "/admin/contracts", method: "GET", expect: "303 | 403 403 403 403 | 403 403 403 200 200" },
    RouteEntry { pattern: "/organization/users", method: "GET", expect: "303 | 403 200 403 200 | 403 403 403 403 403" },
    RouteEntry { pattern: "/requests", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/requests/new", method: "GET", expect: "303 | 200 200 200 200 | 403 403 200 200 403" },
    // Another organization's request: the page answers "not found" (404), like its function.
    RouteEntry { pattern: "/requests/{number}", method: "GET", expect: "303 | 200 200 404 404 | 200 200 200 200 200" },
    RouteEntry { pattern: "/notifications", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/staff/triage", method: "GET", expect: "303 | 403 403 403 403 | 403 403 200 200 200" },
    RouteEntry { pattern: "/staff/my-work", method: "GET", expect: "303 | 403 403 403 403 | 200 200 403 200 403" },
    RouteEntry { pattern: "/admin/audit", method: "GET", expect: "303 | 403 403 403 403 | 403 403 403 200 200" },
    RouteEntry { pattern: "/s/{token}", method: "GET", expect: "200 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/surveys/results", method: "GET", expect: "303 | 403 200 403 200 | 200 200 403 200 200" },
    RouteEntry { pattern: "/admin/surveys", method: "GET", expect: "303 | 403 403 403 403 | 403 403 403 200 200" },
    RouteEntry { pattern: "/training", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/training/mine", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/training/new", method: "GET", expect: "303 | 403 403 403 403 | 403 403 200 200 200" },
    RouteEntry { pattern: "/training/{id}", method: "GET", expect: "303 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/training/{id}/edit", method: "GET", expect: "303 | 403 403 403 403 | 403 403 200 200 200" },
    // Not pages (a new `.route(` in server/src/startup.rs needs an entry here).
    RouteEntry { pattern: "/healthz", method: "GET", expect: "200 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/lang/{code}", method: "GET", expect: "303 | 303 303 303 303 | 303 303 303 303 303" },
    RouteEntry { pattern: "/live", method: "GET", expect: "401 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/requests/{number}/attachments", method: "POST", expect: "401 | 303 303 404 404 | 303 303 303 303 303" },
    RouteEntry { pattern: "/attachments/{id}", method: "GET", expect: "401 | 200 200 404 404 | 200 200 200 200 200" },
    RouteEntry { pattern: "/surveys/results.csv", method: "GET", expect: "401 | 403 200 403 200 | 200 200 403 200 200" },
    RouteEntry { pattern: "/training/{id}/calendar.ics", method: "GET", expect: "401 | 200 200 200 200 | 200 200 200 200 200" },
    RouteEntry { pattern: "/training/{id}/attendees.csv", method: "GET", expect: "401 | 404 404 404 404 | 403 403 200 200 200" },
];

/// The router's routes: the Leptos pages plus every `.route("…")` in startup.rs.
fn registered_routes() -> BTreeSet<String> {
    let mut out: BTreeSet<String> = leptos_axum::generate_route_list(app::App)
        .iter()
        .map(|r| r.path().split('/').map(|s| if let Some(p) = s.strip_prefix(':') { format!("{{{p}}}") } else { s.to_string() }).collect::<Vec<_>>().join("/"))
        .map(|p| if p.is_empty() { "/".to_string() } else { p })
        .collect();
    let source = include_str!("../../src/startup.rs");
    for piece in source.split(".route(").skip(1) {
        let piece = piece.trim_start();
        if let Some(rest) = piece.strip_prefix('"') {
            out.insert(rest.split('"').next().unwrap().to_string());
        }
    }
    out
}

/// An example path for a pattern, with real ids.
fn example(pattern: &str, ids: &RouteIds) -> String {
    pattern
        .replace("/admin/organizations/{id}", &format!("/admin/organizations/{}", ids.org))
        .replace("/training/{id}", &format!("/training/{}", ids.session))
        .replace("/attachments/{id}", &format!("/attachments/{}", ids.attachment))
        .replace("{number}", &ids.number)
        .replace("{token}", &ids.token)
        .replace("{code}", "zh")
}

struct RouteIds {
    org: i32,
    session: i32,
    attachment: i64,
    number: String,
    token: String,
}

async fn hit(env: &Env, client: &Client, method: &str, path: &str) -> Result<Answer, String> {
    let app = env.app();
    if method == "POST" {
        let number = path.trim_start_matches("/requests/").trim_end_matches("/attachments");
        upload(app, client, number, png()).await
    } else {
        send(client.get(format!("{}{path}", app.base))).await
    }
}

// ---------------------------------------------------------------------------------------
// Test 1: the matrix.

async fn permission_matrix(backend: Backend) {
    let Some((app, prefix)) = start(backend, "matrix").await else { return };
    let started = Instant::now();
    let env = Env::new(app).await;
    let table = functions();
    let mut failures: Vec<String> = vec![];

    // Completeness: the registered server functions are exactly the table's.
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p.trim_start_matches("/api/").to_string()).collect();
    let listed: BTreeSet<String> = table.iter().map(|e| e.f.to_string()).collect();
    assert_eq!(listed.len(), table.len(), "an endpoint is listed twice");
    let missing: Vec<&String> = registered.difference(&listed).collect();
    let stale: Vec<&String> = listed.difference(&registered).collect();
    assert!(missing.is_empty() && stale.is_empty(), "server functions without a matrix entry: {missing:?}; entries of no server function: {stale:?}");

    for entry in &table {
        let expect = statuses(entry.expect);
        for (a, (actor, _)) in ACTORS.iter().enumerate() {
            let c = (entry.build)(env.clone(), a).await;
            if !entry.json && !matches!(entry.f, "create_contract" | "update_contract" | "save_training") {
                let keys: Vec<String> = c.args.iter().map(|(k, _)| k.clone()).collect();
                let want: Vec<String> = declared(entry).into_iter().map(|(k, _)| k).collect();
                assert_eq!(keys, want, "{}: the builder's arguments differ from the declared ones", entry.f);
            }
            let got = match make(&env, entry, a, &c).await {
                Ok(r) if r.status == expect[a] => continue,
                Ok(r) => format!("{} {}", r.status, r.body.chars().take(200).collect::<String>()),
                Err(e) => e,
            };
            failures.push(format!("{} as {actor}: expected {}, got {got}", entry.f, expect[a]));
        }
        if entry.f == "change_password" {
            // The session that changed the password stays signed in; then everyone gets the
            // demo password back (and signs in again, should the change have ended a session).
            for (a, (actor, email)) in ACTORS.iter().enumerate().skip(1) {
                let me = env.app().call(&env.0.clients[a], "current_user", &[]).await;
                if me.body["email"] != email.unwrap() {
                    failures.push(format!("change_password as {actor}: the caller's own session ended ({} {})", me.status, me.body));
                }
                env.restore_password(a).await;
                let r = env.app().call(&env.0.clients[a], "sign_in", &[("email", email.unwrap()), ("password", PASSWORD)]).await;
                assert!(signed_in_ok(&r), "signing {actor} in again: {}", r.body);
            }
        }
    }

    // Pages and routes.
    let registered = registered_routes();
    let listed: BTreeSet<String> = ROUTES.iter().map(|r| r.pattern.to_string()).collect();
    let missing: Vec<&String> = registered.difference(&listed).collect();
    let stale: Vec<&String> = listed.difference(&registered).collect();
    assert!(missing.is_empty() && stale.is_empty(), "routes without an entry: {missing:?}; entries of no route: {stale:?}");
    let (number, attachment) = env.attachment().await;
    let ids = RouteIds { org: env.0.acme, session: env.0.session, attachment, number, token: env.0.token.clone() };
    for route in ROUTES {
        let expect = statuses(route.expect);
        let path = example(route.pattern, &ids);
        for (a, (actor, _)) in ACTORS.iter().enumerate() {
            let got = match hit(&env, &env.0.clients[a], route.method, &path).await {
                Ok(r) if r.status == expect[a] => {
                    if r.status == 303 && a == 0 && route.method == "GET" && !route.pattern.starts_with("/lang/") && !r.location.starts_with("/sign-in") {
                        format!("303 to {}", r.location)
                    } else {
                        continue;
                    }
                }
                Ok(r) => format!("{} {}", r.status, r.body.chars().take(120).collect::<String>()),
                Err(e) => e,
            };
            failures.push(format!("{} {path} as {actor}: expected {}, got {got}", route.method, expect[a]));
        }
    }
    let panics = panics_of(&prefix);
    eprintln!("permission matrix ({backend:?}): {} functions, {} routes, {} actors in {:.1?}", table.len(), ROUTES.len(), ACTORS.len(), started.elapsed());
    assert!(failures.is_empty() && panics.is_empty(), "{} mismatches:\n{}\npanics: {panics:#?}", failures.len(), failures.join("\n"));
}

mod permission_matrix {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        permission_matrix(Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        permission_matrix(Backend::Postgres).await
    }
}

// ---------------------------------------------------------------------------------------
// Test 2: the bad-input sweep.

const HUGE: usize = 1 << 20;

/// A value put in place of a valid one.
#[derive(Clone)]
enum Bad {
    Missing,
    Form(Vec<u8>),
    /// `k[0]=a&k[1]=b` in a form; a JSON list.
    List,
    /// `k[x]=a` in a form; a JSON object.
    Object,
    Json(Value),
    /// Raw bytes inside a JSON string.
    RawJson(Vec<u8>),
}

/// The bad values for one argument: (name, value).
fn bad_values(valid: &Value, json: bool) -> Vec<(&'static str, Bad)> {
    let datetime = valid.as_str().is_some_and(|v| v.contains('T') && v.contains(':'));
    let (future, past, y10k) =
        if datetime { ("9999-12-31T23:59", "-5000-01-01T00:00", "10000-01-01T00:00") } else { ("9999-12-31", "-5000-01-01", "10000-01-01") };
    let s = |v: &str| if json { Bad::Json(Value::String(v.into())) } else { Bad::Form(v.as_bytes().to_vec()) };
    let mut out = vec![
        ("missing", Bad::Missing),
        ("empty", s("")),
        ("huge", if json { Bad::Json(Value::String("x".repeat(HUGE))) } else { Bad::Form(vec![b'x'; HUGE]) }),
        ("text for a number", s("abc")),
        ("list", Bad::List),
        ("object", Bad::Object),
        ("negative", s("-1")),
        ("zero", s("0")),
        ("i64::MAX", s("9223372036854775807")),
        ("overflow", s("99999999999999999999")),
        ("year 9999", s(future)),
        ("year -5000", s(past)),
        ("year 10000", s(y10k)),
        ("invalid choice", s("no_such_value")),
        ("non-UTF-8", if json { Bad::RawJson(vec![0xFF, 0xFE]) } else { Bad::Form(vec![0xFF, 0xFE]) }),
    ];
    if json {
        out.extend([
            ("number", Bad::Json(json!(-1))),
            ("number i64::MAX", Bad::Json(json!(i64::MAX))),
            ("number overflow", Bad::Json(json!(1e300))),
            ("null", Bad::Json(Value::Null)),
            ("boolean", Bad::Json(json!(true))),
            ("malformed pair", Bad::Json(json!([["overall"]]))),
            ("numbers as pairs", Bad::Json(json!([[1, 2]]))),
            ("long pair", Bad::Json(json!([["overall", "5", "x"]]))),
            ("20k pairs", Bad::Json(Value::Array((0..20_000).map(|i| json!([format!("k{i}"), "5"])).collect()))),
        ]);
    }
    out
}

/// Whether a bad value of this kind must be refused.
fn must_refuse(kind: Kind, variant: &str) -> bool {
    match kind {
        Kind::Req => true,
        Kind::ZeroOk => variant != "zero",
        Kind::EmptyOk => variant != "empty",
        Kind::EmptyZeroOk => !matches!(variant, "empty" | "zero"),
        Kind::Text => {
            matches!(
                variant,
                "missing" | "empty" | "huge" | "list" | "object" | "null" | "number" | "number i64::MAX" | "number overflow" | "boolean" | "malformed pair"
            )
        }
        Kind::Opt => false,
    }
}

/// One bad call: a body and whether it must be refused.
struct Probe {
    what: String,
    content_type: &'static str,
    body: Vec<u8>,
    refuse: bool,
}

fn probes(entry: &Entry, c: &Call) -> Vec<Probe> {
    let mut out = vec![];
    let kinds: BTreeMap<String, Kind> = declared(entry).into_iter().collect();
    let any_required = kinds.values().any(|k| *k != Kind::Opt);
    for (i, (key, valid)) in c.args.iter().enumerate() {
        let kind = kinds.get(key).copied().unwrap_or(Kind::Opt);
        for (name, bad) in bad_values(valid, entry.json) {
            // Free text takes numbers, dates and odd words as text: nothing new to try there.
            if kind == Kind::Text && !must_refuse(kind, name) && name != "non-UTF-8" {
                continue;
            }
            let what = format!("{key}: {name}");
            let refuse = must_refuse(kind, name);
            if entry.json {
                let mut body = String::from("{");
                let mut first = true;
                let mut raw: Option<Vec<u8>> = None;
                for (j, (k, v)) in c.args.iter().enumerate() {
                    let v = if j != i {
                        v.clone()
                    } else {
                        match &bad {
                            Bad::Missing => continue,
                            Bad::Form(_) => unreachable!(),
                            Bad::List => json!([v.clone()]),
                            Bad::Object => json!({ "x": v.clone() }),
                            Bad::Json(b) => b.clone(),
                            Bad::RawJson(bytes) => {
                                raw = Some(bytes.clone());
                                Value::String("\u{1}RAW\u{1}".into())
                            }
                        }
                    };
                    if !first {
                        body.push(',');
                    }
                    first = false;
                    body.push_str(&format!("{}:{}", serde_json::to_string(k).unwrap(), serde_json::to_string(&v).unwrap()));
                }
                body.push('}');
                let mut bytes = body.into_bytes();
                if let Some(raw) = raw {
                    let marker = b"\\u0001RAW\\u0001";
                    let at = bytes.windows(marker.len()).position(|w| w == marker).unwrap();
                    bytes.splice(at..at + marker.len(), raw);
                }
                out.push(Probe { what, content_type: JSON, body: bytes, refuse });
            } else {
                if name.starts_with("number") || matches!(name, "null" | "boolean" | "malformed pair" | "numbers as pairs" | "long pair" | "20k pairs") {
                    continue;
                }
                let mut pairs: Vec<(String, Vec<u8>)> = vec![];
                for (j, (k, v)) in c.args.iter().enumerate() {
                    let v = v.as_str().unwrap().as_bytes().to_vec();
                    if j != i {
                        pairs.push((k.clone(), v));
                        continue;
                    }
                    match &bad {
                        Bad::Missing => {}
                        Bad::Form(b) => pairs.push((k.clone(), b.clone())),
                        Bad::List => {
                            pairs.push((format!("{k}[0]"), v.clone()));
                            pairs.push((format!("{k}[1]"), v));
                        }
                        Bad::Object => pairs.push((format!("{k}[x]"), v)),
                        _ => unreachable!(),
                    }
                }
                out.push(Probe { what, content_type: FORM, body: form_body(&pairs), refuse });
            }
        }
    }
    // Whole bodies.
    let valid_form: Vec<(String, Vec<u8>)> = c.args.iter().map(|(k, v)| (k.clone(), v.as_str().map(|s| s.as_bytes().to_vec()).unwrap_or_default())).collect();
    out.push(Probe {
        what: "no arguments at all".into(),
        content_type: if entry.json { JSON } else { FORM },
        body: if entry.json { b"{}".to_vec() } else { vec![] },
        refuse: any_required,
    });
    out.push(Probe {
        what: "body of raw non-UTF-8 bytes".into(),
        content_type: if entry.json { JSON } else { FORM },
        body: vec![0xFF, 0xFE, 0x00, 0x80],
        refuse: any_required,
    });
    if entry.json {
        out.push(Probe { what: "truncated JSON".into(), content_type: JSON, body: b"{\"x\":".to_vec(), refuse: true });
        out.push(Probe { what: "a JSON list for the arguments".into(), content_type: JSON, body: b"[1,2,3]".to_vec(), refuse: true });
        out.push(Probe { what: "a form for a JSON function".into(), content_type: FORM, body: b"a=1".to_vec(), refuse: true });
    } else {
        let mut dup = valid_form.clone();
        dup.extend(valid_form.iter().cloned());
        out.push(Probe { what: "every argument twice".into(), content_type: FORM, body: form_body(&dup), refuse: false });
        let mut odd = b"%FF%FE=1&".to_vec();
        odd.extend(form_body(&valid_form));
        out.push(Probe { what: "an extra argument with a non-UTF-8 name".into(), content_type: FORM, body: odd, refuse: false });
        out.push(Probe { what: "malformed encoding".into(), content_type: FORM, body: b"%%%=&&==%G0".to_vec(), refuse: any_required });
    }
    out
}

/// Row count and a content hash of every table but `sessions`.
async fn snapshot(db: &db::Db) -> BTreeMap<String, (i64, u64)> {
    let conn = &db.conn;
    let backend = conn.get_database_backend();
    let pg = db.kind == db::DbKind::Postgres;
    let q = |sql: String| Statement::from_string(backend, sql);
    let tables: Vec<String> = if pg {
        conn.query_all_raw(q("SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema()".into()))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get::<String>("", "t").unwrap())
            .collect()
    } else {
        conn.query_all_raw(q("SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'".into()))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get::<String>("", "t").unwrap())
            .collect()
    };
    let mut out = BTreeMap::new();
    for t in tables.into_iter().filter(|t| t != "sessions") {
        let sql = if pg {
            format!("SELECT COUNT(*)::int8 AS n, COALESCE(md5(string_agg(x::text, E'\\n' ORDER BY x::text)), '') AS h FROM \"{t}\" x")
        } else {
            let cols: Vec<String> = conn
                .query_all_raw(q(format!("SELECT name AS c FROM pragma_table_info('{t}')")))
                .await
                .unwrap()
                .iter()
                .map(|r| format!("quote(\"{}\")", r.try_get::<String>("", "c").unwrap()))
                .collect();
            format!(
                "SELECT COUNT(*) AS n, COALESCE(GROUP_CONCAT(r, char(10)), '') AS h FROM (SELECT {} AS r FROM \"{t}\" ORDER BY rowid)",
                cols.join("||','||")
            )
        };
        let row = conn.query_one_raw(q(sql)).await.unwrap().unwrap();
        let n: i64 = row.try_get("", "n").unwrap();
        let h: String = row.try_get("", "h").unwrap();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        h.hash(&mut hasher);
        out.insert(t, (n, hasher.finish()));
    }
    out
}

fn changed(before: &BTreeMap<String, (i64, u64)>, after: &BTreeMap<String, (i64, u64)>) -> Vec<String> {
    after
        .iter()
        .filter(|(t, v)| before.get(*t) != Some(v))
        .map(|(t, (n, _))| format!("{t} ({} -> {n} rows)", before.get(t).map(|b| b.0).unwrap_or(0)))
        .collect()
}

/// A finding of the sweep.
struct Finding {
    class: &'static str,
    /// The function or route.
    subject: String,
    variant: String,
    actor: &'static str,
    outcome: String,
}

fn classify(status: u16, body: &str) -> &'static str {
    let b = body.to_lowercase();
    if status >= 500
        && (b.contains("args")
            || b.contains("deserializ")
            || b.contains("transport")
            || b.contains("missing field")
            || b.contains("invalid type")
            || b.contains("invalid digit")
            || b.contains("utf-8"))
    {
        "5xx: missing/mistyped argument (malformed call)"
    } else if status >= 500 {
        "5xx: other"
    } else {
        "accepted bad input"
    }
}

/// The findings grouped by class, then by what was called with what, with the actors.
fn report(findings: &[Finding]) -> String {
    let mut by_class: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_class.entry(f.class).or_default().push(f);
    }
    let mut out = String::new();
    for (class, list) in by_class {
        out.push_str(&format!("\n== {class}: {} calls ==\n", list.len()));
        if class.starts_with("5xx: missing/mistyped") {
            // One line per function: its variants, each with how many actors got a 5xx.
            let mut by_subject: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
            for f in &list {
                *by_subject.entry(&f.subject).or_default().entry(&f.variant).or_default() += 1;
            }
            for (subject, variants) in by_subject {
                let v: Vec<String> = variants.iter().map(|(v, n)| format!("{v} ({n})")).collect();
                out.push_str(&format!("{subject}: {}\n", v.join("; ")));
            }
            let sample = list[0];
            out.push_str(&format!("  (e.g. {} as {}: {} -> {})\n", sample.subject, sample.actor, sample.variant, sample.outcome));
            continue;
        }
        let mut groups: BTreeMap<(&str, &str, &str), Vec<&str>> = BTreeMap::new();
        for f in &list {
            groups.entry((&f.subject, &f.variant, &f.outcome)).or_default().push(f.actor);
        }
        for ((subject, variant, outcome), actors) in groups {
            let who = if actors.len() == ACTORS.len() { "every actor".to_string() } else { actors.join(", ") };
            out.push_str(&format!("{subject} | {variant} | as {who} -> {outcome}\n"));
        }
    }
    out
}

/// Which actors the sweep runs a function as: every actor, but sign-in as the signed-out
/// only, sign-out as the signed-out and one customer, and password changes as one customer
/// (an Argon2 hash per call is slow in a debug build, and who calls does not matter to
/// these beyond being signed in or not).
fn sweep_actors(entry: &Entry) -> Vec<usize> {
    match entry.f {
        "sign_in" => vec![0],
        "change_password" => vec![1],
        // No arguments, and a new sign-in after each call that signed out: out and in.
        "sign_out" => vec![0, 1],
        _ => (0..ACTORS.len()).collect(),
    }
}

fn short(body: &str, n: usize) -> String {
    body.chars().take(n).collect()
}

async fn bad_input_sweep(backend: Backend) {
    let Some((app, prefix)) = start(backend, "sweep").await else { return };
    let started = Instant::now();
    let env = Env::new(app).await;
    let table = functions();
    let mut findings: Vec<Finding> = vec![];
    let mut calls = 0usize;
    let mut slowest: Vec<(StdDuration, &str)> = vec![];

    for entry in &table {
        let t0 = Instant::now();
        let expect = statuses(entry.expect);
        let actors = sweep_actors(entry);
        let mut targets = vec![];
        for &a in &actors {
            targets.push((a, (entry.build)(env.clone(), a).await));
        }
        let before = snapshot(&env.app().db).await;
        let runs = targets.iter().map(|(a, c)| {
            let env = env.clone();
            let a = *a;
            let allowed = (200..300).contains(&expect[a]);
            async move {
                let mut out: Vec<Finding> = vec![];
                let mut n = 0;
                let mut fresh: Option<Client> = None;
                for p in probes(entry, c) {
                    // As an actor who may call it, a valid variant of a changing function
                    // would use up the target: those are sent as the refused actors only.
                    if entry.mutating && allowed && !p.refuse {
                        continue;
                    }
                    // 1 MB bodies: as those who may call it and the signed-out only (anyone
                    // else is refused before the value is looked at).
                    if p.what.ends_with(": huge") && !allowed && a != 0 {
                        continue;
                    }
                    n += 1;
                    let client = match (c.via, ACTORS[a].1) {
                        (Via::Own, _) => env.0.clients[a].clone(),
                        (Via::Fresh, _) if fresh.is_some() => fresh.clone().unwrap(),
                        (Via::Fresh, Some(email)) => sign_in(env.app(), email).await,
                        (Via::Fresh, None) => new_client(),
                    };
                    fresh = (c.via == Via::Fresh).then(|| client.clone());
                    let r = post_fn(env.app(), &client, entry.f, p.content_type, p.body).await;
                    if r.as_ref().is_ok_and(|r| (200..300).contains(&r.status)) {
                        // Signing in or out changes the session: the next call starts afresh.
                        fresh = None;
                    }
                    let class = match &r {
                        Err(_) => "no answer (panic?)",
                        Ok(r) if r.status >= 500 => classify(r.status, &r.body),
                        Ok(r) if (200..300).contains(&r.status) && p.refuse => "accepted bad input",
                        Ok(_) => continue,
                    };
                    let outcome = match r {
                        Err(e) => e,
                        Ok(r) => format!("{} {}", r.status, short(&r.body, 120)),
                    };
                    out.push(Finding { class, subject: entry.f.to_string(), variant: p.what, actor: ACTORS[a].0, outcome });
                }
                (out, n)
            }
        });
        for (out, n) in futures::future::join_all(runs).await {
            calls += n;
            findings.extend(out);
        }
        let diff = changed(&before, &snapshot(&env.app().db).await);
        if !diff.is_empty() {
            findings.push(Finding {
                class: "database changed by refused calls",
                subject: entry.f.to_string(),
                variant: "all of the above".into(),
                actor: "-",
                outcome: diff.join(", "),
            });
        }
        slowest.push((t0.elapsed(), entry.f));
    }

    // Routes with parameters, and query strings, as every actor.
    let t0 = Instant::now();
    let (number, _) = env.attachment().await;
    let bad_params: Vec<String> = ["%FF%FE", "-1", "0", "99999999999999999999", "9223372036854775807", "abc", "%00", "..%2F..%2Fetc%2Fpasswd", "9999-12-31"]
        .iter()
        .map(|s| s.to_string())
        .chain(["9".repeat(8000)])
        .collect();
    let mut paths: Vec<(String, String, &str)> = vec![];
    for p in &bad_params {
        let shown = short(p, 20);
        for t in [
            "/requests/{}",
            "/admin/organizations/{}",
            "/training/{}",
            "/training/{}/edit",
            "/training/{}/calendar.ics",
            "/training/{}/attendees.csv",
            "/attachments/{}",
            "/s/{}",
            "/lang/{}",
        ] {
            paths.push((t.replace("{}", p), t.replace("{}", &shown), "GET"));
        }
        paths.push((format!("/requests/{p}/attachments"), format!("/requests/{shown}/attachments"), "POST"));
        for q in ["from", "until", "org", "site", "engineer", "period"] {
            paths.push((format!("/surveys/results.csv?{q}={p}"), format!("/surveys/results.csv?{q}={shown}"), "GET"));
        }
        paths.push((format!("/live?since={p}"), format!("/live?since={shown}"), "GET"));
        paths.push((format!("/lang/zh?next={p}"), format!("/lang/zh?next={shown}"), "GET"));
        paths.push((format!("/requests?page={p}&status={p}&severity={p}&site={p}&sort={p}"), format!("/requests?page=…&status=…(all {shown})"), "GET"));
        paths.push((format!("/training?view=calendar&year={p}&month={p}"), format!("/training?view=calendar&year=…&month=…({shown})"), "GET"));
    }
    let before = snapshot(&env.app().db).await;
    let runs = (0..ACTORS.len()).map(|a| {
        let env = env.clone();
        let paths = &paths;
        let number = number.clone();
        async move {
            let mut out = vec![];
            let c = &env.0.clients[a];
            let app = env.app();
            let mut answers = vec![];
            for (path, shown, method) in paths {
                answers.push((format!("{method} {shown}"), hit(&env, c, method, path).await));
            }
            let r = send(
                c.post(format!("{}/requests/{number}/attachments", app.base))
                    .header("origin", &app.base)
                    .header("content-type", "multipart/form-data; boundary=X")
                    .body(b"--X\r\ngarbage\xFF\xFE".to_vec()),
            )
            .await;
            answers.push(("POST /requests/{number}/attachments with a broken multipart body".into(), r));
            let r = send(c.get(format!("{}/live", app.base)).header("last-event-id", "99999999999999999999999")).await;
            answers.push(("GET /live with an overflowing Last-Event-ID".into(), r));
            let n = answers.len();
            for (what, r) in answers {
                let (class, outcome) = match r {
                    Err(e) => ("no answer (panic?)", e),
                    Ok(r) if r.status >= 500 => ("5xx: route", format!("{} {}", r.status, short(&r.body, 80))),
                    Ok(_) => continue,
                };
                out.push(Finding { class, subject: what, variant: "bad path or query parameter".into(), actor: ACTORS[a].0, outcome });
            }
            (out, n)
        }
    });
    for (out, n) in futures::future::join_all(runs).await {
        calls += n;
        findings.extend(out);
    }
    let diff = changed(&before, &snapshot(&env.app().db).await);
    if !diff.is_empty() {
        findings.push(Finding {
            class: "database changed by refused calls",
            subject: "routes".into(),
            variant: "bad parameters".into(),
            actor: "-",
            outcome: diff.join(", "),
        });
    }
    slowest.push((t0.elapsed(), "routes"));

    for p in panics_of(&prefix) {
        findings.push(Finding { class: "panic", subject: "server thread".into(), variant: "-".into(), actor: "-", outcome: p });
    }
    slowest.sort_by(|a, b| b.0.cmp(&a.0));
    let slow: Vec<String> = slowest.iter().take(6).map(|(d, f)| format!("{f} {d:.1?}")).collect();
    eprintln!("bad-input sweep ({backend:?}): {calls} calls in {:.1?}; slowest: {}", started.elapsed(), slow.join(", "));
    assert!(findings.is_empty(), "bad-input sweep ({backend:?}) found:{}", report(&findings));
}

mod bad_input_sweep {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        bad_input_sweep(Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        bad_input_sweep(Backend::Postgres).await
    }
}
