//! Page renders under load: C signed-in browsers GET one page as fast as they can for T
//! seconds; every latency is kept (to the last body byte: the page is complete HTML).
use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::session::Browser;

pub struct PageRun {
    pub who: String,
    pub page: String,
    pub latencies: Vec<Duration>,
    pub errors: u64,
    pub elapsed: Duration,
    /// The first unexpected answer, to say why errors happened.
    pub first_error: Option<String>,
}

/// One render. `marker` is text the real page must contain: a page that answers 200 with an
/// error box instead of its content is an error too.
async fn get(b: &Browser, url: &str, marker: &str) -> Result<(), String> {
    let res = b.client.get(url).header("accept", "text/html").send().await.map_err(|e| e.to_string())?;
    let status = res.status();
    let body = res.text().await.map_err(|e| e.to_string())?;
    if status != StatusCode::OK {
        return Err(format!("{status}, {} bytes", body.len()));
    }
    if !body.contains(marker) {
        return Err(format!("200 but no {marker:?} in the page"));
    }
    Ok(())
}

pub async fn run(browsers: &[Browser], base: &str, who: &str, path: &str, marker: &str, seconds: u64) -> PageRun {
    let url = format!("{base}{path}");
    // One untimed render per browser first: caches warm, connections open.
    futures::future::join_all(browsers.iter().map(|b| get(b, &url, marker))).await;
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let workers = browsers.iter().cloned().map(|b| {
        let (url, marker) = (url.clone(), marker.to_string());
        tokio::spawn(async move {
            let (mut lat, mut errors, mut first_error) = (Vec::new(), 0u64, None);
            while Instant::now() < deadline {
                let t = Instant::now();
                match get(&b, &url, &marker).await {
                    Ok(()) => lat.push(t.elapsed()),
                    Err(e) => {
                        errors += 1;
                        first_error.get_or_insert(e);
                    }
                }
            }
            (lat, errors, first_error)
        })
    });
    let mut run = PageRun { who: who.into(), page: path.into(), latencies: vec![], errors: 0, elapsed: Duration::ZERO, first_error: None };
    for w in futures::future::join_all(workers).await {
        let (lat, errors, first_error) = w.expect("load worker panicked");
        run.latencies.extend(lat);
        run.errors += errors;
        if run.first_error.is_none() {
            run.first_error = first_error;
        }
    }
    run.elapsed = started.elapsed();
    run
}
