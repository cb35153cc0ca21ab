//! Results by week or month, for the trend chart.
//!
//! Periods are calendar weeks (Monday first, as in China and ISO 8601) or months in the
//! viewer's organization's time zone: a request closed at 23:30 on the 31st in Shanghai
//! belongs to that month, not to the next as it would in UTC. Periods with no survey in
//! between are included (all zero, figures `None`) so the chart's time axis has no holes.
use chrono::{Datelike, Days, Months, NaiveDate, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::{summary_of, Filter, Summary, SurveyRecord};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Week,
    Month,
}

impl Period {
    /// The first day of the period holding `date`.
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
            Period::Month => date.with_day(1).expect("every month has a first day"),
        }
    }

    /// The first day of the next period, from a period's first day.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => start + Days::new(7),
            Period::Month => start + Months::new(1),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    /// The period's first day, local to the time zone asked for.
    pub start: NaiveDate,
    pub summary: Summary,
}

/// The local date of an instant in `tz`.
pub fn local_date(at: i64, tz: Tz) -> NaiveDate {
    tz.timestamp_opt(at, 0).single().map(|d| d.date_naive()).unwrap_or_default()
}

/// One point per period from the first to the last filtered record, in order.
pub fn trend(records: &[SurveyRecord], filter: &Filter, period: Period, tz: Tz) -> Vec<TrendPoint> {
    let mut dated: Vec<(NaiveDate, &SurveyRecord)> =
        records.iter().filter(|r| filter.matches(r)).map(|r| (period.start_of(local_date(r.closed_at, tz)), r)).collect();
    dated.sort_by_key(|(start, _)| *start);
    let (Some(first), Some(last)) = (dated.first().map(|d| d.0), dated.last().map(|d| d.0)) else {
        return Vec::new();
    };
    let mut points = Vec::new();
    let mut start = first;
    while start <= last {
        let summary = summary_of(dated.iter().filter(|(s, _)| *s == start).map(|(_, r)| *r));
        points.push(TrendPoint { start, summary });
        start = period.next(start);
    }
    points
}
