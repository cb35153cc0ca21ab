//! Which requests stand behind a figure: every number on a report links to the list of the
//! requests it counts, with this in the query string (`figure=severity:1`). One closed list,
//! so a figure without a drill-down does not compile where links are built.
use chrono::NaiveDate;

use super::Clock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drill {
    /// Opened in the period.
    Opened,
    Kind(String),
    Severity(u8),
    Site(i32),
    /// `portal`, `phone`, `email`.
    Channel(String),
    /// A device category, or `-` for requests without a device.
    Device(String),
    /// One clock of one tier, met or missed.
    Sla {
        tier: String,
        clock: Clock,
        met: bool,
    },
    /// Any clock missed.
    Missed,
    /// Opened within one bar of the chart (a day, week or month).
    Bar(NaiveDate),
    /// Resolved in the period.
    Resolved,
    Reopened,
    Upgraded,
    Escalated,
}

impl Drill {
    pub fn to_query(&self) -> String {
        match self {
            Drill::Opened => "opened".into(),
            Drill::Kind(k) => format!("kind:{k}"),
            Drill::Severity(s) => format!("severity:{s}"),
            Drill::Site(s) => format!("site:{s}"),
            Drill::Channel(c) => format!("channel:{c}"),
            Drill::Device(d) => format!("device:{d}"),
            Drill::Sla { tier, clock, met } => format!("{}:{tier}:{}", if *met { "met" } else { "missed" }, clock.as_str()),
            Drill::Missed => "missed".into(),
            Drill::Bar(d) => format!("bar:{d}"),
            Drill::Resolved => "resolved".into(),
            Drill::Reopened => "reopened".into(),
            Drill::Upgraded => "upgraded".into(),
            Drill::Escalated => "escalated".into(),
        }
    }

    /// `None` for anything that is not a figure (a 400, not an empty list).
    pub fn parse(s: &str) -> Option<Drill> {
        let s = s.trim();
        let word = |v: &str| (!v.is_empty() && v.len() <= 40 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')).then(|| v.to_string());
        Some(match s.split_once(':') {
            None => match s {
                "opened" | "" => Drill::Opened,
                "resolved" => Drill::Resolved,
                "missed" => Drill::Missed,
                "reopened" => Drill::Reopened,
                "upgraded" => Drill::Upgraded,
                "escalated" => Drill::Escalated,
                _ => return None,
            },
            Some(("kind", v)) => Drill::Kind(word(v)?),
            Some(("severity", v)) => Drill::Severity(v.parse().ok().filter(|s| (1..=3).contains(s))?),
            Some(("site", v)) => Drill::Site(v.parse().ok().filter(|s| *s > 0)?),
            Some(("channel", v)) => Drill::Channel(word(v)?),
            Some(("device", v)) => Drill::Device(word(v)?),
            Some(("bar", v)) => Drill::Bar(NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()?),
            Some((m @ ("met" | "missed"), rest)) => {
                let (tier, clock) = rest.split_once(':')?;
                Drill::Sla { tier: word(tier)?, clock: Clock::parse(clock)?, met: m == "met" }
            }
            Some(_) => return None,
        })
    }
}
