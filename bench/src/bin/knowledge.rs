//! Knowledge-base search at scale, against the real portal started in-process on a fresh
//! SQLite database (or the PostgreSQL database given):
//!
//! `scripts/bench-knowledge.sh [--articles 20000] [--queries 2000] [DATABASE_URL]`
//!
//! Fills N published articles made of sentences of the demo articles (Chinese and English,
//! realistic words and lengths), then measures: loading the search index from the database
//! (what an instance does at start), one search as a server function does it (the generation
//! check, a read of the database, then the in-memory search), sequentially on one task so one
//! core works at a time; and `suggest_articles` over HTTP, signed in as a customer, the way the
//! new-request form asks while one types.
use std::time::{Duration, Instant};

use domain::knowledge::{index::SearchOpts, ArticleDraft, ArticleLang, ArticleStatus, Category, Reader, Visibility};
use server::{config::Config, startup::Application};

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A deterministic pseudo-random sequence (no seed to carry between runs).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

const QUERIES: &[&str] = &[
    "打印",
    "卡纸",
    "机房",
    "告警",
    "密码",
    "备份",
    "网络",
    "硬盘",
    "温度",
    "交换",
    "打印机卡纸",
    "交换机端口告警",
    "备份任务失败",
    "账号被锁定",
    "UPS 蓄电池告警",
    "机房温度过高",
    "VPN 连接失败",
    "paper jam",
    "password reset",
    "backup failed",
    "ups alarm",
    "vpn",
    "raid degraded",
    "passw",
    "netw",
    "HP打印机",
];

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i].as_secs_f64() * 1000.0
}

fn line(what: &str, mut times: Vec<Duration>) -> String {
    times.sort();
    format!("| {what} | {} | {:.2} ms | {:.2} ms | {:.2} ms |", times.len(), percentile(&times, 0.5), percentile(&times, 0.99), percentile(&times, 1.0))
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let articles = arg(&args, "--articles", 20_000);
    let queries = arg(&args, "--queries", 2_000);
    let dir = std::env::temp_dir().join(format!("portal-bench-kb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let url = args.iter().find(|a| a.contains("://")).cloned().unwrap_or_else(|| format!("sqlite://{}?mode=rwc", dir.join("bench.db").display()));
    let app = Application::build(Config::for_tests(&url)).await?;
    let port = app.port();
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());
    let kind = if url.starts_with("sqlite") { "SQLite" } else { "PostgreSQL" };

    // Sentences of the demo articles, by language.
    let mut zh = vec![];
    let mut en = vec![];
    let mut titles = vec![];
    for t in db::seed_knowledge::topics(include_str!("../../../db/seed/knowledge_base.txt")) {
        for a in t.articles {
            let text = app::ssr::knowledge::markup::to_text(&a.body);
            let (bucket, split): (&mut Vec<String>, &[char]) = if a.lang == "zh" { (&mut zh, &['。', '\n']) } else { (&mut en, &['.', '\n']) };
            bucket.extend(text.split(split).map(str::trim).filter(|s| s.chars().count() > 6).map(|s| s.to_string()));
            titles.push((a.lang.clone(), a.title.clone()));
        }
    }
    let author = db::repo::users::find_by_email(&db.conn, "manager@provider.example").await.map_err(|e| e.to_string())?.ok_or("no manager")?.id;
    let mut rng = Lcg(42);
    let t = Instant::now();
    let mut made = 0;
    while made < articles {
        let tx = db.begin_write().await.map_err(|e| e.to_string())?;
        for _ in 0..1_000.min(articles - made) {
            let (lang, title) = &titles[rng.next(titles.len())];
            let pool = if lang == "zh" { &zh } else { &en };
            let n = 6 + rng.next(10);
            let body: Vec<&str> = (0..n).map(|_| pool[rng.next(pool.len())].as_str()).collect();
            let sep = if lang == "zh" { "。\n\n" } else { ".\n\n" };
            let draft = ArticleDraft {
                title: format!("{title} ({made})"),
                body: body.join(sep),
                category: Category::ALL[rng.next(Category::ALL.len())],
                lang: ArticleLang::parse(lang).unwrap_or(ArticleLang::Zh),
                tags: vec![],
                models: vec![],
                software: vec![],
                visibility: if rng.next(4) == 0 { Visibility::Customers } else { Visibility::Public },
                orgs: vec![],
            };
            db::repo::kb_articles::create(
                &*tx,
                db::repo::kb_articles::NewArticle {
                    draft: &draft,
                    by: author,
                    pair_id: None,
                    request_id: None,
                    note: "bench",
                    status: ArticleStatus::Published,
                },
            )
            .await
            .map_err(|e| e.to_string())?;
            made += 1;
        }
        tx.commit().await.map_err(|e| e.to_string())?;
    }
    println!("filled {articles} articles in {:.1} s ({kind})", t.elapsed().as_secs_f64());

    // Loading the index, as a new instance does (a fresh one, not the server's).
    let fresh = app::ssr::knowledge::KbIndex::default();
    let t = Instant::now();
    fresh.refresh(&db.conn).await.map_err(|e| format!("{e:?}"))?;
    let load = t.elapsed();

    // One search as a server function makes it: generation check, then the index.
    let reader = Reader::Customer { org_id: 2 };
    let opts = SearchOpts { limit: 50, ..Default::default() };
    let mut in_process = vec![];
    let mut hits = 0usize;
    for i in 0..queries {
        let q = QUERIES[i % QUERIES.len()];
        let t = Instant::now();
        let found = fresh.search(&db.conn, reader, q, &opts).await.map_err(|e| format!("{e:?}"))?;
        in_process.push(t.elapsed());
        hits += found.len();
    }

    // Over HTTP, as the new-request form asks.
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder().cookie_store(true).build().map_err(|e| e.to_string())?;
    let r = client
        .post(format!("{base}/api/sign_in"))
        .header("origin", &base)
        .form(&[("email", "user@acme.example"), ("password", db::seed::DEMO_PASSWORD)])
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !r.status().is_success() {
        return Err(format!("sign in: {}", r.status()));
    }
    let token = db::repo::kb_usage::new_form_token();
    let mut http = vec![];
    for i in 0..queries {
        let q = QUERIES[i % QUERIES.len()];
        let t = Instant::now();
        let r = client
            .post(format!("{base}/api/suggest_articles"))
            .header("origin", &base)
            .form(&[("token", token.as_str()), ("title", q), ("description", ""), ("device", ""), ("system", "")])
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let ok = r.status().is_success();
        let _ = r.bytes().await;
        http.push(t.elapsed());
        if !ok {
            return Err("suggest_articles failed".into());
        }
    }
    println!("\n{kind}, {articles} articles: index loaded in {:.2} s; {:.1} hits per search on average\n", load.as_secs_f64(), hits as f64 / queries as f64);
    println!("| {kind}: {articles} articles | searches | p50 | p99 | max |\n|---|---|---|---|---|");
    println!("{}", line("search (generation check + index), in process", in_process));
    println!("{}", line("suggest_articles over HTTP (signed in, top 5)", http));
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
