//! The satisfaction trend as an inline SVG: share satisfied as bars (right axis, 0 to 100 %)
//! and the average score as a line with dots (left axis, 1 to 5), one slot per period.
//!
//! Drawn on the server like the rest of the page (no chart library, nothing in the wasm but
//! this arithmetic), and scaled by its viewBox to the width it gets, so it fits a 360 px
//! phone. The view box is narrow (360) so its text stays readable on a phone; colours are
//! SVG attributes, which the CSP (no inline styles) allows. Screen readers get the chart's
//! name and a visually hidden table with the same figures.
use chrono::NaiveDate;
use domain::survey::Period;
use leptos::prelude::*;

use crate::{
    i18n::{use_i18n, Msg},
    model::TrendRow,
};

const W: f64 = 360.0;
const H: f64 = 220.0;
const LEFT: f64 = 30.0;
const RIGHT: f64 = 36.0;
const TOP: f64 = 26.0;
const BOTTOM: f64 = 24.0;
/// At most this many date labels under the axis, so they never overlap.
const MAX_LABELS: usize = 6;
/// Blue-600 and amber-700: both at least 4.5:1 on white and told apart without colour
/// vision (bars against a line with dots).
const BAR_COLOUR: &str = "#2563eb";
const LINE_COLOUR: &str = "#b45309";
const GRID_COLOUR: &str = "#e5e7eb";
const TEXT_COLOUR: &str = "#4b5563";

/// `87.5 %` from per mille; a dash when there is nothing to count.
pub fn percent(permille: Option<u32>) -> String {
    permille.map(|p| format!("{}.{} %", p / 10, p % 10)).unwrap_or_else(|| "—".into())
}

/// `4.32` from hundredths; a dash when nobody gave a score.
pub fn average(centi: Option<u32>) -> String {
    centi.map(|c| format!("{}.{:02}", c / 100, c % 100)).unwrap_or_else(|| "—".into())
}

/// How a period's first day is written: `2026-03` for a month, `03-02` for a week.
pub fn period_label(start: NaiveDate, period: Period) -> String {
    match period {
        Period::Month => start.format("%Y-%m").to_string(),
        Period::Week => start.format("%m-%d").to_string(),
    }
}

fn n(v: f64) -> String {
    format!("{v:.1}")
}

#[component]
pub fn TrendChart(rows: Vec<TrendRow>, period: Period) -> impl IntoView {
    let i18n = use_i18n();
    let pw = W - LEFT - RIGHT;
    let ph = H - TOP - BOTTOM;
    let slot = pw / rows.len().max(1) as f64;
    let x = move |i: usize| LEFT + slot * (i as f64 + 0.5);
    let y_score = move |centi: u32| TOP + ph - ph * (f64::from(centi.clamp(100, 500)) - 100.0) / 400.0;
    let y_share = move |permille: u32| TOP + ph - ph * f64::from(permille.min(1000)) / 1000.0;

    let bars = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.summary.satisfied_permille.map(|p| (i, p)))
        .map(|(i, p)| {
            let top = y_share(p);
            let width = (slot * 0.6).max(1.0);
            view! { <rect x=n(x(i) - width / 2.0) y=n(top) width=n(width) height=n(TOP + ph - top) fill=BAR_COLOUR fill-opacity="0.55"/> }
        })
        .collect_view();
    // The line breaks where a period has no score: "nobody answered" is not a dip.
    let mut path = String::new();
    let mut pen_down = false;
    for (i, r) in rows.iter().enumerate() {
        match r.summary.average_overall_centi {
            Some(c) => {
                path.push_str(&format!("{}{} {} ", if pen_down { "L" } else { "M" }, n(x(i)), n(y_score(c))));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    let dots = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.summary.average_overall_centi.map(|c| (i, c)))
        .map(|(i, c)| view! { <circle cx=n(x(i)) cy=n(y_score(c)) r="3" fill=LINE_COLOUR/> })
        .collect_view();
    let score_ticks = (1u32..=5)
        .map(|s| {
            let y = y_score(s * 100);
            view! {
                <line x1=n(LEFT) x2=n(W - RIGHT) y1=n(y) y2=n(y) stroke=GRID_COLOUR stroke-width="1"/>
                <text x=n(LEFT - 6.0) y=n(y + 4.0) text-anchor="end" font-size="11" fill=LINE_COLOUR>{s.to_string()}</text>
            }
        })
        .collect_view();
    let share_ticks = [0u32, 500, 1000]
        .into_iter()
        .map(|p| view! { <text x=n(W - RIGHT + 4.0) y=n(y_share(p) + 4.0) font-size="11" fill=BAR_COLOUR>{format!("{}%", p / 10)}</text> })
        .collect_view();
    let step = rows.len().div_ceil(MAX_LABELS).max(1);
    let date_labels = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0)
        .map(|(i, r)| view! { <text x=n(x(i)) y=n(H - 6.0) text-anchor="middle" font-size="11" fill=TEXT_COLOUR>{period_label(r.start, period)}</text> })
        .collect_view();
    let table_rows = rows
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.start.format("%Y-%m-%d").to_string()}</th>
                    <td>{average(r.summary.average_overall_centi)}</td>
                    <td>{percent(r.summary.satisfied_permille)}</td>
                    <td>{format!("{} / {}", r.summary.answered, r.summary.sent)}</td>
                </tr>
            }
        })
        .collect_view();

    let label = move || i18n.t(Msg::ResultsTrendChart);
    // Erased in two parts: one view type for all of it is heavy on an unoptimized build.
    let svg = view! {
        <svg
            viewBox=format!("0 0 {W} {H}")
            width="100%"
            role="img"
            aria-label=label
            preserveAspectRatio="xMidYMid meet"
        >
            <title>{label}</title>
            // Legend, top left: a bar swatch and a line swatch with their names.
            <rect x=n(LEFT) y="6" width="12" height="10" fill=BAR_COLOUR fill-opacity="0.55"/>
            <text x=n(LEFT + 16.0) y="15" font-size="11" fill=TEXT_COLOUR>{move || i18n.t(Msg::ResultsSatisfied)}</text>
            <line x1=n(LEFT + 120.0) x2=n(LEFT + 136.0) y1="11" y2="11" stroke=LINE_COLOUR stroke-width="2"/>
            <circle cx=n(LEFT + 128.0) cy="11" r="3" fill=LINE_COLOUR/>
            <text x=n(LEFT + 142.0) y="15" font-size="11" fill=TEXT_COLOUR>{move || i18n.t(Msg::ResultsAverage)}</text>
            {score_ticks}
            {share_ticks}
            {bars}
            <path d=path fill="none" stroke=LINE_COLOUR stroke-width="2" stroke-linejoin="round"/>
            {dots}
            <line x1=n(LEFT) x2=n(W - RIGHT) y1=n(TOP + ph) y2=n(TOP + ph) stroke=TEXT_COLOUR stroke-width="1"/>
            {date_labels}
        </svg>
    }
    .into_any();
    let table = view! {
        <table class="visually-hidden">
            <caption>{label}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || i18n.t(Msg::ResultsPeriodStart)}</th>
                    <th scope="col">{move || i18n.t(Msg::ResultsAverage)}</th>
                    <th scope="col">{move || i18n.t(Msg::ResultsSatisfied)}</th>
                    <th scope="col">{move || i18n.t(Msg::ResultsAnsweredOfSent)}</th>
                </tr>
            </thead>
            <tbody>{table_rows}</tbody>
        </table>
    }
    .into_any();
    view! { <div class="trend-chart">{svg} {table}</div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_written_with_their_decimals_or_a_dash() {
        assert_eq!(percent(Some(875)), "87.5 %");
        assert_eq!(percent(Some(1000)), "100.0 %");
        assert_eq!(percent(None), "—");
        assert_eq!(average(Some(432)), "4.32");
        assert_eq!(average(Some(405)), "4.05");
        assert_eq!(average(None), "—");
    }

    #[test]
    fn periods_are_labelled_by_month_or_week_start() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(period_label(d, Period::Month), "2026-03");
        assert_eq!(period_label(d, Period::Week), "03-02");
    }
}
