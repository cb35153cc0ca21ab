//! Test 2: the bad-input sweep.
use super::*;

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
        paths.push((format!("/requests/{p}/survey"), format!("/requests/{shown}/survey"), "POST"));
        paths.push((format!("/training/{p}/feedback"), format!("/training/{shown}/feedback"), "POST"));
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
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
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
