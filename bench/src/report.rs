//! The printed report: markdown tables, and the error-rate verdict.
use std::{io::Write, path::Path, time::Duration};

use crate::{fill::Filled, live::LiveRun, load::PageRun};

pub struct Setup {
    pub database: String,
    pub requests: u64,
    pub concurrency: usize,
    pub seconds: u64,
    pub rounds: usize,
    pub cores: usize,
    /// Panics in the process (server tasks) during the run; each cost one request.
    pub panics: u64,
    pub first_panic: Option<String>,
}

/// Nearest-rank percentile of sorted latencies, in milliseconds.
fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1].as_secs_f64() * 1000.0
}

fn error_rate(errors: u64, total: u64) -> f64 {
    if total == 0 {
        if errors == 0 {
            0.0
        } else {
            1.0
        }
    } else {
        errors as f64 / total as f64
    }
}

/// Raw and gzip sizes of a file of the compiled site, if it was built.
fn sizes(path: &Path) -> Option<(u64, u64)> {
    let raw = std::fs::read(path).ok()?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&raw).ok()?;
    Some((raw.len() as u64, gz.finish().ok()?.len() as u64))
}

/// Prints everything; answers whether every error rate stayed at or under 1 %.
pub fn print(setup: &Setup, fill: &Filled, pages: &[PageRun], live: &[LiveRun], pkg_dir: &Path) -> bool {
    let mut ok = true;
    println!("\n# Portal benchmark\n");
    println!("| setting | value |\n|---|---|");
    println!("| database | {} |", setup.database);
    println!("| service requests (N) | {} |", setup.requests);
    println!("| concurrent browsers (C) | {} |", setup.concurrency);
    println!("| seconds per page (T) | {} |", setup.seconds);
    println!("| live rounds (R) | {} |", setup.rounds);
    println!("| CPU cores | {} (server and load generator share them) |", setup.cores);

    println!("\n## Fill\n");
    println!("| rows inserted | seconds | rows/s | real request | detail page request |\n|---:|---:|---:|---|---|");
    println!("| {} | {:.2} | {:.0} | {} | {} |", fill.rows, fill.seconds, fill.rows as f64 / fill.seconds.max(1e-9), fill.real_number, fill.deep_number);

    println!("\n## Page renders under load (full server render, ms)\n");
    println!("| as | page | count | req/s | p50 | p90 | p99 | max | errors |\n|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for p in pages {
        let mut l = p.latencies.clone();
        l.sort();
        let total = l.len() as u64 + p.errors;
        let rate = error_rate(p.errors, total);
        ok &= rate <= 0.01;
        println!(
            "| {} | `{}` | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {} |",
            p.who,
            p.page,
            l.len(),
            l.len() as f64 / p.elapsed.as_secs_f64().max(1e-9),
            pct(&l, 50.0),
            pct(&l, 90.0),
            pct(&l, 99.0),
            pct(&l, 100.0),
            p.errors
        );
    }

    println!("\n## Live updates (reply committed → event received, ms)\n");
    println!("| listeners | connect all (ms) | events | reply POST p50 | p50 | p99 | max | missed |\n|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in live {
        let mut l = r.latencies.clone();
        l.sort();
        let mut post = r.post.clone();
        post.sort();
        let rate = error_rate(r.errors, r.expected);
        ok &= rate <= 0.01;
        println!(
            "| {} | {:.0} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {} |",
            r.listeners,
            r.connect.as_secs_f64() * 1000.0,
            l.len(),
            pct(&post, 50.0),
            pct(&l, 50.0),
            pct(&l, 99.0),
            pct(&l, 100.0),
            r.errors
        );
    }

    let bundle: Vec<_> = ["portal.wasm", "portal.js"].iter().filter_map(|f| sizes(&pkg_dir.join(f)).map(|s| (*f, s))).collect();
    if !bundle.is_empty() {
        println!("\n## Browser bundle ({})\n", pkg_dir.display());
        println!("| file | raw KiB | gzip KiB |\n|---|---:|---:|");
        for (f, (raw, gz)) in bundle {
            println!("| {f} | {:.1} | {:.1} |", raw as f64 / 1024.0, gz as f64 / 1024.0);
        }
    }

    println!("\nServer panics during the run: {}{}", setup.panics, setup.first_panic.as_ref().map(|p| format!(" — first: {p}")).unwrap_or_default());

    let errors: Vec<String> = pages
        .iter()
        .filter_map(|p| p.first_error.as_ref().map(|e| format!("{} {}: {e}", p.who, p.page)))
        .chain(live.iter().filter_map(|r| r.first_error.as_ref().map(|e| format!("{} listeners: {e}", r.listeners))))
        .collect();
    if !errors.is_empty() {
        println!("\n## First errors\n");
        for e in errors {
            println!("- {e}");
        }
    }
    // A panic is a defect even when the error rate stays low: it fails the run.
    let panicked = setup.panics > 0;
    let verdict = match (ok, panicked) {
        (true, false) => "Result: every error rate ≤ 1 %, no panic.",
        (false, false) => "Result: FAILED — an error rate is above 1 %.",
        (_, true) => "Result: FAILED — the server panicked.",
    };
    println!("\n{verdict}");
    ok && !panicked
}
