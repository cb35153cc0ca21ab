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

mod harness;
mod permission;
mod probes;
mod routes;
mod snapshot;
mod sweep;
mod table;
mod targets;

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
pub(super) const ACTORS: [(&str, Option<&str>); 10] = [
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

use harness::*;
use probes::*;
use routes::*;
use snapshot::*;
use table::*;
use targets::*;
