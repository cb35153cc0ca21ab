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

// The entries, by area (after `build!`, which they use).
mod accounts;
mod complaints;
mod contracts;
mod equipment;
mod inspections;
mod knowledge;
mod mail;
mod parts;
mod reports;
mod requests;
mod staff;
mod surveys;
mod training;

/// Every server function: who may call it, with which arguments.
pub(super) fn functions() -> Vec<Entry> {
    [
        accounts::entries(),
        complaints::entries(),
        reports::entries(),
        contracts::entries(),
        equipment::entries(),
        inspections::entries(),
        knowledge::entries(),
        mail::entries(),
        parts::entries(),
        requests::entries(),
        staff::entries(),
        surveys::entries(),
        training::entries(),
    ]
    .into_iter()
    .flatten()
    .collect()
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
