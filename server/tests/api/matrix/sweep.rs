//! Test 2: the bad-input sweep.
use super::*;

pub(super) const HUGE: usize = 1 << 20;

/// A value put in place of a valid one.
#[derive(Clone)]
pub(super) enum Bad {
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
pub(super) fn bad_values(valid: &Value, json: bool) -> Vec<(&'static str, Bad)> {
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
pub(super) fn must_refuse(kind: Kind, variant: &str) -> bool {
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
pub(super) struct Probe {
    pub(super) what: String,
    pub(super) content_type: &'static str,
    pub(super) body: Vec<u8>,
    pub(super) refuse: bool,
}

pub(super) fn probes(entry: &Entry, c: &Call) -> Vec<Probe> {
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
pub(super) async fn snapshot(db: &db::Db) -> BTreeMap<String, (i64, u64)> {
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

pub(super) fn changed(before: &BTreeMap<String, (i64, u64)>, after: &BTreeMap<String, (i64, u64)>) -> Vec<String> {
    after
        .iter()
        .filter(|(t, v)| before.get(*t) != Some(v))
        .map(|(t, (n, _))| format!("{t} ({} -> {n} rows)", before.get(t).map(|b| b.0).unwrap_or(0)))
        .collect()
}

/// A finding of the sweep.
pub(super) struct Finding {
    pub(super) class: &'static str,
    /// The function or route.
    pub(super) subject: String,
    pub(super) variant: String,
    pub(super) actor: &'static str,
    pub(super) outcome: String,
}

pub(super) fn classify(status: u16, body: &str) -> &'static str {
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
pub(super) fn report(findings: &[Finding]) -> String {
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
pub(super) fn sweep_actors(entry: &Entry) -> Vec<usize> {
    match entry.f {
        "sign_in" => vec![0],
        "change_password" => vec![1],
        // No arguments, and a new sign-in after each call that signed out: out and in.
        "sign_out" => vec![0, 1],
        _ => (0..ACTORS.len()).collect(),
    }
}

pub(super) fn short(body: &str, n: usize) -> String {
    body.chars().take(n).collect()
}

pub(super) async fn bad_input_sweep(backend: Backend) {
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
    pub(super) async fn sqlite() {
        bad_input_sweep(Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    pub(super) async fn postgres() {
        bad_input_sweep(Backend::Postgres).await
    }
}
