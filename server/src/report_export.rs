//! `GET /reports/export.csv` and `/reports/export.xlsx`: a service report's figures for
//! spreadsheets, the same query as its page (`org`, `period`, `day`) and read through the
//! same `app::ssr::reports` (scope checks, frozen figures), so a file never differs from the
//! page. The spreadsheet has a sheet per section; the CSV has the sections one after the
//! other, each under its name. Headers are snake_case keys, as the survey export's.
use std::collections::HashMap;

use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use domain::report::{Clock, Figures};
use tower_sessions::Session;

use app::ssr::AppState;

/// One cell: text, or a number a spreadsheet can sum.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Num(f64),
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn n(v: u32) -> Cell {
    Cell::Num(f64::from(v))
}

/// A per-mille figure as a percentage (empty when there was nothing to count).
fn pct(v: Option<u32>) -> Cell {
    v.map(|p| Cell::Num(f64::from(p) / 10.0)).unwrap_or_else(|| t(""))
}

/// The report's sections: a name (the sheet's) and its rows, the header first.
pub fn sections(f: &Figures, tz: chrono_tz::Tz) -> Vec<(&'static str, Vec<Vec<Cell>>)> {
    let local = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let counts = |key: &str, rows: &[domain::report::Count]| {
        let mut out = vec![vec![t(key), t("label"), t("requests")]];
        out.extend(rows.iter().map(|c| vec![t(c.key.clone()), t(c.label.clone()), n(c.count)]));
        out
    };
    let clock = |c: Clock| c.as_str();
    vec![
        (
            "summary",
            vec![
                vec![t("figure"), t("value")],
                vec![t("opened"), n(f.opened)],
                vec![t("resolved"), n(f.resolved)],
                vec![t("reopened"), n(f.reopened)],
                vec![t("reopen_rate_percent"), pct(f.reopen_rate_permille())],
                vec![t("resolution_on_time_percent"), pct(f.compliance_permille(Clock::Resolution))],
                vec![t("severity_upgrades"), n(f.upgrades)],
                vec![t("escalations"), n(f.escalations)],
            ],
        ),
        ("by_bar", {
            let mut rows = vec![vec![t("from"), t("opened"), t("resolution_met"), t("resolution_missed"), t("on_time_percent")]];
            rows.extend(f.bars.iter().map(|b| vec![t(b.start.to_string()), n(b.opened), n(b.met), n(b.missed), pct(b.compliance_permille())]));
            rows
        }),
        ("by_kind", counts("kind", &f.by_kind)),
        ("by_severity", counts("severity", &f.by_severity)),
        ("by_site", counts("site_id", &f.by_site)),
        ("by_channel", counts("channel", &f.by_channel)),
        ("by_device", counts("device_category", &f.by_device)),
        ("sla", {
            let mut rows = vec![vec![t("tier"), t("clock"), t("met"), t("missed"), t("on_time_percent")]];
            rows.extend(f.sla.iter().map(|s| vec![t(s.tier.to_uppercase()), t(clock(s.clock)), n(s.met), n(s.missed), pct(s.compliance_permille())]));
            rows
        }),
        ("breaches", {
            let mut rows = vec![vec![t("request"), t("title"), t("severity"), t("tier"), t("clock"), t("deadline"), t("done_at")]];
            rows.extend(f.breaches.iter().map(|b| {
                vec![
                    t(b.number.clone()),
                    t(b.title.clone()),
                    n(u32::from(b.severity)),
                    t(b.tier.to_uppercase()),
                    t(clock(b.clock)),
                    t(local(b.deadline)),
                    t(b.done_at.map(local).unwrap_or_default()),
                ]
            }));
            rows
        }),
        ("emergency_plans", counts("status", &f.emergency_plans)),
        (
            "satisfaction",
            vec![
                vec![t("figure"), t("value")],
                vec![t("surveys_sent"), n(f.satisfaction.sent)],
                vec![t("answered"), n(f.satisfaction.answered)],
                vec![t("response_rate_percent"), pct(f.satisfaction.response_rate_permille)],
                vec![t("average_score"), f.satisfaction.average_overall_centi.map(|c| Cell::Num(f64::from(c) / 100.0)).unwrap_or_else(|| t(""))],
                vec![t("satisfied_percent"), pct(f.satisfaction.satisfied_permille)],
            ],
        ),
        (
            "inspections",
            vec![
                vec![t("figure"), t("value")],
                vec![t("planned"), n(f.inspections.planned)],
                vec![t("done"), n(f.inspections.done)],
                vec![t("done_on_time"), n(f.inspections.done_on_time)],
                vec![t("reported"), n(f.inspections.reported)],
                vec![t("reported_on_time"), n(f.inspections.reported_on_time)],
            ],
        ),
        (
            "training",
            vec![
                vec![t("figure"), t("value")],
                vec![t("sessions"), n(f.training.sessions)],
                vec![t("seats_booked"), n(f.training.booked)],
                vec![t("attended"), n(f.training.attended)],
                vec![t("absent"), n(f.training.absent)],
            ],
        ),
        ("complaints", {
            let c = &f.complaints;
            let mut rows = vec![vec![t("complaint"), t("status"), t("made_at"), t("what_will_change")]];
            rows.extend(c.lines.iter().map(|l| vec![t(l.number.clone()), t(l.status.clone()), t(local(l.made_at)), t(l.changes.clone().unwrap_or_default())]));
            rows.push(vec![]);
            rows.push(vec![t("made"), n(c.made)]);
            rows.push(vec![t("acknowledged_on_time"), n(c.acknowledged_on_time)]);
            rows.push(vec![t("answered"), n(c.answered)]);
            rows.push(vec![t("answered_on_time"), n(c.answered_on_time)]);
            rows.push(vec![t("closed"), n(c.closed)]);
            rows
        }),
    ]
}

fn csv_of(sections: &[(&str, Vec<Vec<Cell>>)]) -> String {
    let mut rows: Vec<Vec<String>> = vec![];
    for (name, section) in sections {
        rows.push(vec![format!("# {name}")]);
        rows.extend(section.iter().map(|r| {
            r.iter()
                .map(|c| match c {
                    Cell::Text(s) => s.clone(),
                    Cell::Num(v) => v.to_string(),
                })
                .collect()
        }));
        rows.push(vec![]);
    }
    domain::survey::to_csv(&rows)
}

fn xlsx_of(sections: &[(&str, Vec<Vec<Cell>>)]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for (name, rows) in sections {
        let sheet = book.add_worksheet();
        sheet.set_name(*name)?;
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match (cell, r) {
                    (Cell::Text(s), 0) => sheet.write_string_with_format(r, c, s, &bold)?,
                    (Cell::Text(s), _) => sheet.write_string(r, c, s)?,
                    (Cell::Num(v), _) => sheet.write_number(r, c, *v)?,
                };
            }
        }
        sheet.autofit();
    }
    book.save_to_buffer()
}

pub async fn csv(state: State<AppState>, session: Session, query: Query<HashMap<String, String>>) -> Response {
    download(state, session, query, "csv").await
}

pub async fn xlsx(state: State<AppState>, session: Session, query: Query<HashMap<String, String>>) -> Response {
    download(state, session, query, "xlsx").await
}

async fn download(State(state): State<AppState>, session: Session, Query(query): Query<HashMap<String, String>>, format: &str) -> Response {
    let caller = match app::ssr::auth::caller_from_session(&state, &session).await {
        Ok(Some(c)) => c,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let get = |k: &str| query.get(k).cloned().unwrap_or_default();
    let today = chrono::Utc::now().with_timezone(&app::ssr::reports::PROVIDER_TZ).date_naive();
    let loaded = match app::ssr::reports::asked(&caller, &get("org"), &get("period"), &get("day"), today) {
        Ok((scope, period)) => app::ssr::reports::load(&state.db.conn, scope, period, chrono::Utc::now()).await,
        Err(e) => Err(e),
    };
    let r = match loaded {
        Ok(r) => r,
        Err(e) => return crate::download::refused(&e, "report"),
    };
    let sections = sections(&r.figures, r.tz);
    let whose = r.scope.org().map(|o| format!("org{o}")).unwrap_or_else(|| "all".into());
    let name = format!("report-{whose}-{}.{format}", r.period.code());
    let (body, content_type) = match format {
        "xlsx" => match xlsx_of(&sections) {
            Ok(bytes) => (bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Err(e) => {
                tracing::error!(error = %e, "writing the report spreadsheet failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
        _ => (csv_of(&sections).into_bytes(), "text/csv; charset=utf-8"),
    };
    crate::download::attachment(body, content_type, &name)
}
