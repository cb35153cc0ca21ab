//! Times the equipment archive with many devices, against the real portal started in-process
//! on a fresh SQLite database (or the PostgreSQL database given):
//!
//! `scripts/bench-equipment.sh [--devices 100000] [--import 10000] [DATABASE_URL]`
//!
//! Search: the device list as staff (every organization) and as a site manager (one), for
//! the searches people make (a serial number, an address, a name fragment, a model) and the
//! filters (warranty ending soon, a category): median and p99 of 40 calls each, end to end
//! through HTTP. Import: a CSV of `--import` new rows uploaded, previewed and saved.
use std::time::{Duration, Instant};

use db::sea_orm::{ConnectionTrait, Statement};
use reqwest::{redirect::Policy, Client};
use server::{config::Config, startup::Application};

const PASSWORD: &str = db::seed::DEMO_PASSWORD;
const CATEGORIES: [&str; 7] = ["server", "storage", "network", "security", "terminal", "power", "other"];
const MODELS: [&str; 6] = ["RH2288 V3", "OceanStor 5300", "S5735-L48T4X", "USG6525E", "ThinkCentre M70", "Smart-UPS 3000"];

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

async fn call(base: &str, c: &Client, f: &str, form: &[(&str, &str)]) -> (u16, String) {
    let r = c.post(format!("{base}/api/{f}")).header("origin", base).form(form).send().await.expect("call");
    (r.status().as_u16(), r.text().await.unwrap_or_default())
}

async fn signed_in(base: &str, email: &str) -> Client {
    let c = Client::builder().cookie_store(true).redirect(Policy::none()).build().expect("client");
    let (status, body) = call(base, &c, "sign_in", &[("email", email), ("password", PASSWORD)]).await;
    assert_eq!(status, 200, "sign in {email}: {body}");
    c
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `n` devices over every customer site, in multi-row inserts.
async fn fill(conn: &impl ConnectionTrait, n: usize) -> Result<(), String> {
    let backend = conn.get_database_backend();
    let q = |sql: String| Statement::from_string(backend, sql);
    let rows = conn
        .query_all_raw(q("SELECT s.id, s.organization_id FROM sites s JOIN organizations o ON o.id = s.organization_id WHERE o.kind = 'customer'".into()))
        .await
        .map_err(|e| e.to_string())?;
    let sites: Vec<(i32, i32)> = rows.iter().map(|r| (r.try_get::<i32>("", "id").unwrap(), r.try_get::<i32>("", "organization_id").unwrap())).collect();
    let by = conn.query_all_raw(q("SELECT id FROM users WHERE role = 'admin' LIMIT 1".into())).await.map_err(|e| e.to_string())?[0]
        .try_get::<i32>("", "id")
        .map_err(|e| e.to_string())?;
    let today = chrono::Utc::now().date_naive();
    let now = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S%:z").to_string();
    let mut done = 0;
    while done < n {
        let chunk = (n - done).min(500);
        let values: Vec<String> = (done..done + chunk)
            .map(|i| {
                let (site, org) = sites[i % sites.len()];
                let (cat, model) = (CATEGORIES[i % 7], MODELS[i % 6]);
                let serial = format!("SN{i:08}");
                let asset = format!("AS-{i:07}");
                let name = format!("{cat} {i}");
                let ip = format!("10.{}.{}.{}", i / 65536 % 256, i / 256 % 256, i % 256);
                let end = today + chrono::Duration::days((i % 2000) as i64 - 500);
                let search = [serial.as_str(), &asset, &name, model, "vendor", &ip].join("\u{1f}").to_lowercase();
                format!(
                    "({org}, {site}, '{cat}', 'vendor', '{model}', '{serial}', '{asset}', '{name}', 'rack', '{ip}', '2020-01-01', '{end}', '', '', 'in_service', '', '{search}', '{now}', '{now}', {by}, 1)"
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO devices (organization_id, site_id, category, vendor, model, serial, asset_number, name, location, ips, purchase_date, warranty_end, service_level, firmware, status, config_notes, search, created_at, updated_at, updated_by, version) VALUES {}",
            values.join(",")
        );
        conn.execute_raw(q(sql)).await.map_err(|e| e.to_string())?;
        done += chunk;
    }
    Ok(())
}

async fn time_list(base: &str, c: &Client, label: &str, args: &[(&str, &str)]) {
    let mut form = vec![("q", ""), ("site", ""), ("category", ""), ("status", ""), ("warranty", ""), ("page", "1")];
    for (k, v) in args {
        form.iter_mut().find(|(a, _)| a == k).expect("a list argument").1 = v;
    }
    let mut times = vec![];
    let mut total = String::new();
    for _ in 0..40 {
        let t = Instant::now();
        let (status, body) = call(base, c, "list_devices", &form).await;
        times.push(t.elapsed());
        assert_eq!(status, 200, "{body}");
        total = serde_json::from_str::<serde_json::Value>(&body).map(|v| v["total"].to_string()).unwrap_or_default();
    }
    times.sort();
    println!("| {label} | {total} | {:.1} ms | {:.1} ms |", ms(times[times.len() / 2]), ms(times[times.len() * 99 / 100]));
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let devices = arg(&args, "--devices", 100_000);
    let import_rows = arg(&args, "--import", 10_000);
    let dir = std::env::temp_dir().join(format!("portal-bench-eq-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let url = args.iter().find(|a| a.contains("://")).cloned().unwrap_or_else(|| format!("sqlite://{}?mode=rwc", dir.join("bench.db").display()));
    let mut config = Config::for_tests(&url);
    config.signin_per_address = 1_000_000;
    let app = Application::build(config).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.state.db.clone();
    tokio::spawn(app.run_until_stopped());

    let t = Instant::now();
    fill(&db.conn, devices).await?;
    println!("filled {devices} devices in {:.1} s ({})", t.elapsed().as_secs_f64(), if url.starts_with("sqlite") { "SQLite" } else { "PostgreSQL" });
    let staff = signed_in(&base, "engineer@provider.example").await;
    let lead = signed_in(&base, "lead@acme.example").await;
    println!("\n| search (list_devices, 50 a page) | matches | median | p99 |\n|---|---|---|---|");
    for (who, c) in [("staff", &staff), ("site manager", &lead)] {
        time_list(&base, c, &format!("{who}: no filter"), &[]).await;
        time_list(&base, c, &format!("{who}: serial SN00031337"), &[("q", "SN00031337")]).await;
        time_list(&base, c, &format!("{who}: address 10.1.44."), &[("q", "10.1.44.")]).await;
        time_list(&base, c, &format!("{who}: model 'oceanstor'"), &[("q", "oceanstor")]).await;
        time_list(&base, c, &format!("{who}: no match 'zzz'"), &[("q", "zzz")]).await;
        time_list(&base, c, &format!("{who}: warranty ending soon"), &[("warranty", "ending_soon")]).await;
        time_list(&base, c, &format!("{who}: category security"), &[("category", "security")]).await;
    }

    // ---- a CSV of new devices at Acme's first site: upload, preview, save.
    let (_, form) = call(&base, &lead, "get_device_form", &[("id", "0")]).await;
    let form: serde_json::Value = serde_json::from_str(&form).map_err(|e| e.to_string())?;
    let site = form["sites"].as_array().and_then(|s| s.iter().find(|x| x[0] == form["site_id"])).and_then(|s| s[1].as_str()).unwrap_or_default().to_string();
    let mut csv = String::from("site,category,name,serial,model,ips,warranty_end\n");
    for i in 0..import_rows {
        csv.push_str(&format!("{site},{},Imported {i},IMP{i:07},{},192.168.{}.{},2030-01-01\n", CATEGORIES[i % 7], MODELS[i % 6], i / 256 % 256, i % 256));
    }
    let t = Instant::now();
    let part = reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("devices.csv").mime_str("text/csv").map_err(|e| e.to_string())?;
    let r = lead
        .post(format!("{base}/equipment/import"))
        .header("origin", &base)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let location = r.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_string();
    let id = location.rsplit('/').next().unwrap_or_default().to_string();
    let uploaded = t.elapsed();
    let t = Instant::now();
    let (status, body) = call(&base, &lead, "get_device_import", &[("id", &id)]).await;
    assert_eq!(status, 200, "{}", &body[..body.len().min(300)]);
    let previewed = t.elapsed();
    let t = Instant::now();
    let (status, body) = call(&base, &lead, "apply_device_import", &[("id", &id)]).await;
    assert_eq!(status, 200, "{body}");
    let saved = t.elapsed();
    println!("\nimport of {import_rows} rows: upload {:.0} ms, preview {:.0} ms, save {:.0} ms ({body} devices saved)", ms(uploaded), ms(previewed), ms(saved));
    Ok(())
}
