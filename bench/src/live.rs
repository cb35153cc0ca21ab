//! Live-update latency: K open `/live` streams, a staff reply to the real request, and the time
//! until each stream carries that request's `event: request`.
use std::time::{Duration, Instant};

use futures::StreamExt;
use reqwest::StatusCode;
use tokio::sync::mpsc;

use crate::session::{Browser, Portal};

pub struct LiveRun {
    pub listeners: usize,
    /// How long until all K streams had answered with their headers.
    pub connect: Duration,
    /// One entry per (listener, round) that arrived: from just before the reply was sent.
    pub latencies: Vec<Duration>,
    /// How long the reply POST itself took (the change is committed when it returns).
    pub post: Vec<Duration>,
    /// Streams that failed to open, plus (listener, round) events that never came.
    pub errors: u64,
    pub expected: u64,
    pub first_error: Option<String>,
}

/// A round's event: which listener, which of its matching events (0-based), when.
type Hit = (usize, usize, Instant);

/// Reads one stream, parsing SSE blocks as bytes arrive. Sends `Ok` once the headers are in
/// (the server subscribes to its broadcast before answering, so nothing after that is lost),
/// then a `Hit` for every `request` event about `request_id`.
async fn listen(
    browser: Browser,
    url: String,
    idx: usize,
    request_id: i32,
    ready: mpsc::UnboundedSender<Result<(), String>>,
    hits: mpsc::UnboundedSender<Hit>,
) {
    let res = match browser.client.get(&url).header("accept", "text/event-stream").send().await {
        Ok(r) if r.status() == StatusCode::OK => r,
        Ok(r) => return drop(ready.send(Err(format!("GET /live: {}", r.status())))),
        Err(e) => return drop(ready.send(Err(format!("GET /live: {e}")))),
    };
    let _ = ready.send(Ok(()));
    let mut stream = res.bytes_stream();
    let mut buf = String::new();
    let mut seen = 0usize;
    while let Some(Ok(chunk)) = stream.next().await {
        let at = Instant::now();
        buf.push_str(&String::from_utf8_lossy(&chunk).replace('\r', ""));
        while let Some(end) = buf.find("\n\n") {
            let block: String = buf.drain(..end + 2).collect();
            let (mut event, mut data) = ("message", "");
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event:") {
                    event = v.trim();
                } else if let Some(v) = line.strip_prefix("data:") {
                    data = v.trim();
                }
            }
            if event != "request" {
                continue;
            }
            let about = serde_json::from_str::<serde_json::Value>(data).ok().and_then(|d| d["request_id"].as_i64());
            if about == Some(request_id as i64) {
                let _ = hits.send((idx, seen, at));
                seen += 1;
            }
        }
    }
}

pub async fn run(portal: &Portal, sessions: &[Browser], staff: &Browser, number: &str, request_id: i32, k: usize, rounds: usize) -> LiveRun {
    let (ready_tx, mut ready_rx) = mpsc::unbounded_channel();
    let (hit_tx, mut hit_rx) = mpsc::unbounded_channel::<Hit>();
    let url = format!("{}/live", portal.base);
    let started = Instant::now();
    // One client per listener (sharing a session's cookie jar): each stream is its own
    // connection, as with K browser tabs.
    let tasks: Vec<_> = (0..k)
        .map(|i| {
            let s = &sessions[i % sessions.len()];
            let b = Browser { client: portal.client_on(s.jar.clone()), jar: s.jar.clone() };
            tokio::spawn(listen(b, url.clone(), i, request_id, ready_tx.clone(), hit_tx.clone()))
        })
        .collect();
    drop(ready_tx);
    let mut run =
        LiveRun { listeners: k, connect: Duration::ZERO, latencies: vec![], post: vec![], errors: 0, expected: (k * rounds) as u64, first_error: None };
    let mut open = 0;
    let connect_deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while open + (run.errors as usize) < k {
        match tokio::time::timeout_at(connect_deadline, ready_rx.recv()).await {
            Ok(Some(Ok(()))) => open += 1,
            Ok(Some(Err(e))) => {
                run.errors += 1;
                run.first_error.get_or_insert(e);
            }
            _ => break,
        }
    }
    run.connect = started.elapsed();
    if open < k {
        // Streams that never opened miss every round.
        run.errors = ((k - open) * rounds) as u64;
        run.first_error.get_or_insert_with(|| format!("{} of {k} streams did not open", k - open));
    }
    // A short settle: the last streams' first bytes are still on their way.
    tokio::time::sleep(Duration::from_millis(300)).await;

    for round in 0..rounds {
        let body = format!("Benchmark reply {round} to {k} listeners");
        let sent = Instant::now();
        match portal.call(&staff.client, "reply_request", &[("number", number), ("body", &body)]).await {
            Ok((StatusCode::OK, _)) => run.post.push(sent.elapsed()),
            Ok((status, text)) => {
                run.first_error.get_or_insert(format!("reply_request: {status} {text}"));
            }
            Err(e) => {
                run.first_error.get_or_insert(e);
            }
        }
        let mut got = 0;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
        while got < open {
            match tokio::time::timeout_at(deadline, hit_rx.recv()).await {
                // A late event of an earlier round is not this round's.
                Ok(Some((_, n, at))) if n == round => {
                    run.latencies.push(at.saturating_duration_since(sent));
                    got += 1;
                }
                Ok(Some(_)) => {}
                _ => break,
            }
        }
        if got < open {
            run.errors += (open - got) as u64;
            run.first_error.get_or_insert_with(|| format!("round {round}: {} of {open} streams got no event in 15 s", open - got));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Close every stream before the next K, so the counts do not add up.
    for t in tasks {
        t.abort();
    }
    run
}
