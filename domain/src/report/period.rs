//! Report periods: calendar weeks (Monday first), months, quarters and years, in the
//! contract's time zone. A period is its kind and its first day; its instants are that day's
//! local midnight up to the next period's, so consecutive periods never count a request twice
//! and a request opened at 23:30 on the 31st in Shanghai belongs to that month there.
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Week,
    Month,
    Quarter,
    Year,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [PeriodKind::Week, PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year];

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }

    pub fn parse(s: &str) -> Option<PeriodKind> {
        PeriodKind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    /// The bars of a chart of this period: days of a week, weeks of a month or quarter,
    /// months of a year.
    pub fn bucket(self) -> Bucketing {
        match self {
            PeriodKind::Week => Bucketing::Day,
            PeriodKind::Month | PeriodKind::Quarter => Bucketing::Week,
            PeriodKind::Year => Bucketing::Month,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucketing {
    Day,
    Week,
    Month,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    pub kind: PeriodKind,
    /// The first day (a Monday, the 1st of a month, of a quarter's first month, of January).
    pub start: NaiveDate,
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

/// Local midnight of `d` in `tz` as an instant. A midnight that a daylight-saving jump skips
/// is the first instant of that day (the jump's end).
pub fn local_midnight(d: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let mut t = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    for _ in 0..4 {
        if let Some(at) = tz.from_local_datetime(&t).earliest() {
            return at.with_timezone(&Utc);
        }
        t += chrono::Duration::minutes(30);
    }
    t.and_utc()
}

impl Period {
    /// The period of `kind` holding `date`.
    pub fn containing(kind: PeriodKind, date: NaiveDate) -> Period {
        let start = match kind {
            PeriodKind::Week => monday_of(date),
            PeriodKind::Month => date.with_day(1).unwrap_or(date),
            PeriodKind::Quarter => NaiveDate::from_ymd_opt(date.year(), (date.month0() / 3) * 3 + 1, 1).unwrap_or(date),
            PeriodKind::Year => NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date),
        };
        Period { kind, start }
    }

    /// The period of `kind` holding the instant `at` in `tz`.
    pub fn at(kind: PeriodKind, at: DateTime<Utc>, tz: Tz) -> Period {
        Period::containing(kind, at.with_timezone(&tz).date_naive())
    }

    /// `kind` and any day in the period (`YYYY-MM-DD`); a day inside it means that period.
    /// `None` for an unknown kind, a bad date or a year outside 2000..=2100.
    pub fn parse(kind: &str, day: &str) -> Option<Period> {
        let kind = PeriodKind::parse(kind)?;
        let d = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").ok()?;
        (2000..=2100).contains(&d.year()).then(|| Period::containing(kind, d))
    }

    /// The first day after the period.
    pub fn end(&self) -> NaiveDate {
        match self.kind {
            PeriodKind::Week => self.start + Days::new(7),
            PeriodKind::Month => self.start + Months::new(1),
            PeriodKind::Quarter => self.start + Months::new(3),
            PeriodKind::Year => self.start + Months::new(12),
        }
    }

    pub fn next(&self) -> Period {
        Period { kind: self.kind, start: self.end() }
    }

    pub fn prev(&self) -> Period {
        Period::containing(self.kind, self.start - Days::new(1))
    }

    /// From the first instant in, to the first instant after (excluded).
    pub fn bounds(&self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        (local_midnight(self.start, tz), local_midnight(self.end(), tz))
    }

    /// Over at `now`: its figures are frozen.
    pub fn is_closed(&self, tz: Tz, now: DateTime<Utc>) -> bool {
        now >= self.bounds(tz).1
    }

    /// The first day of each bar of its chart, in order; each bar runs to the next one's
    /// start (the last to the period's end). Weeks are cut at the period's edges, so a month
    /// starting on a Thursday has a short first bar.
    pub fn buckets(&self) -> Vec<NaiveDate> {
        let end = self.end();
        let mut out = vec![self.start];
        let mut d = self.start;
        loop {
            d = match self.kind.bucket() {
                Bucketing::Day => d + Days::new(1),
                Bucketing::Week => monday_of(d) + Days::new(7),
                Bucketing::Month => d + Months::new(1),
            };
            if d >= end {
                return out;
            }
            out.push(d);
        }
    }

    /// A short stable name: `2026-W48`, `2026-11`, `2026-Q4`, `2026` (file names, headings).
    pub fn code(&self) -> String {
        match self.kind {
            PeriodKind::Week => {
                let w = self.start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            PeriodKind::Month => format!("{}-{:02}", self.start.year(), self.start.month()),
            PeriodKind::Quarter => format!("{}-Q{}", self.start.year(), self.start.month0() / 3 + 1),
            PeriodKind::Year => format!("{}", self.start.year()),
        }
    }

    /// The last day in the period (inclusive), for "1 Nov – 30 Nov".
    pub fn last_day(&self) -> NaiveDate {
        self.end() - Days::new(1)
    }
}
