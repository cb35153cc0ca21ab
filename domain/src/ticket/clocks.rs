//! The three clocks of one request (first response, on site, resolution), computed from the
//! contract terms frozen on the request and the facts recorded so far. The server calls this
//! to store deadlines and the browser calls it every second for the countdown: one function,
//! so the two never disagree.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::sla::{clock_status, BusinessCalendar, ClockStatus, OnSiteLimit, Pause, Severity, Tier, TimeLimits};

/// A contract's SLA terms as frozen on a request when it is opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaTerms {
    pub tier: Tier,
    pub calendar: BusinessCalendar,
    pub limits: TimeLimits,
}

impl SlaTerms {
    pub fn default_for(tier: Tier, tz: chrono_tz::Tz) -> SlaTerms {
        SlaTerms { tier, calendar: BusinessCalendar::for_tier(tier, tz), limits: TimeLimits::default_for(tier) }
    }

    /// The on-site limit as counted time from `from` (tier C's "next working day" becomes the
    /// counted time until the end of that day, so all clocks are "limit from start").
    pub fn on_site_limit_secs(&self, from: DateTime<Utc>) -> i64 {
        match self.limits.on_site {
            OnSiteLimit::Within { minutes } => i64::from(minutes) * 60,
            // "By the next day": the close of the first working day after the day of the
            // report (a Friday-night report is due on site by Monday's close).
            OnSiteLimit::NextWorkingDayEnd => {
                use chrono::TimeZone;
                let cal = &self.calendar;
                let mut day = from.with_timezone(&cal.tz).date_naive();
                let mut end = None;
                for _ in 0..400 {
                    let Some(next) = day.succ_opt() else { break };
                    day = next;
                    if cal.is_working_day(day) {
                        end = cal.tz.from_local_datetime(&day.and_time(cal.day_end)).earliest().map(|t| t.with_timezone(&Utc));
                        break;
                    }
                }
                end.map(|end| cal.business_secs_between(from, end)).unwrap_or(0)
            }
        }
    }
}

/// What the clocks depend on, as recorded on the request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockFacts {
    pub created_at: DateTime<Utc>,
    pub severity: Severity,
    pub first_response_at: Option<DateTime<Utc>>,
    pub on_site_required: bool,
    pub on_site_limit_secs: i64,
    pub on_site_at: Option<DateTime<Utc>>,
    /// When the current resolution clock started: opening, or the last automatic upgrade.
    pub resolution_started_at: DateTime<Utc>,
    /// When work stopped the resolution clock (resolved, closed or cancelled).
    pub stopped_at: Option<DateTime<Utc>>,
    /// Waiting on the customer; pauses the on-site and resolution clocks.
    pub pauses: Vec<Pause>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestClocks {
    pub first_response: ClockStatus,
    pub on_site: Option<ClockStatus>,
    pub resolution: ClockStatus,
}

pub fn request_clocks(terms: &SlaTerms, f: &ClockFacts, now: DateTime<Utc>) -> RequestClocks {
    let cal = &terms.calendar;
    let first_response = clock_status(cal, f.created_at, terms.limits.first_response_secs(), &[], f.first_response_at.or(f.stopped_at), now);
    let on_site = f.on_site_required.then(|| clock_status(cal, f.created_at, f.on_site_limit_secs, &f.pauses, f.on_site_at.or(f.stopped_at), now));
    let resolution = clock_status(cal, f.resolution_started_at, terms.limits.resolution_secs(f.severity), &f.pauses, f.stopped_at, now);
    RequestClocks { first_response, on_site, resolution }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::ClockState;
    use chrono::TimeZone;
    use chrono_tz::Asia::Shanghai;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Shanghai.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap().with_timezone(&Utc)
    }

    fn facts(created: DateTime<Utc>, severity: Severity) -> ClockFacts {
        ClockFacts {
            created_at: created,
            severity,
            first_response_at: None,
            on_site_required: true,
            on_site_limit_secs: 0,
            on_site_at: None,
            resolution_started_at: created,
            stopped_at: None,
            pauses: vec![],
        }
    }

    #[test]
    fn tier_a_critical_from_a_friday_evening() {
        let terms = SlaTerms::default_for(Tier::A, Shanghai);
        let created = at(2026, 11, 20, 22, 0);
        let mut f = facts(created, Severity::Critical);
        f.on_site_limit_secs = terms.on_site_limit_secs(created);
        let c = request_clocks(&terms, &f, created);
        assert_eq!(c.first_response.deadline, Some(at(2026, 11, 20, 22, 10)));
        assert_eq!(c.on_site.unwrap().deadline, Some(at(2026, 11, 21, 0, 0)));
        assert_eq!(c.resolution.deadline, Some(at(2026, 11, 21, 0, 0)));
    }

    #[test]
    fn tier_c_waits_for_business_hours_and_next_working_day_on_site() {
        let terms = SlaTerms::default_for(Tier::C, Shanghai);
        let created = at(2026, 11, 20, 22, 0); // Friday night
        let mut f = facts(created, Severity::Major);
        f.on_site_limit_secs = terms.on_site_limit_secs(created);
        let c = request_clocks(&terms, &f, created);
        assert_eq!(c.first_response.deadline, Some(at(2026, 11, 23, 9, 10)), "Monday 09:10");
        assert_eq!(c.on_site.unwrap().deadline, Some(at(2026, 11, 23, 17, 0)), "end of the next working day");
        // 72 business hours = 9 working days of 8 h: Monday 23rd to Thursday 3 Dec, 17:00.
        assert_eq!(c.resolution.deadline, Some(at(2026, 12, 3, 17, 0)));
    }

    #[test]
    fn a_pause_moves_resolution_but_not_first_response_and_stopping_meets() {
        let terms = SlaTerms::default_for(Tier::A, Shanghai);
        let created = at(2026, 11, 23, 10, 0);
        let mut f = facts(created, Severity::Critical);
        f.pauses = vec![Pause { from: at(2026, 11, 23, 10, 30), to: Some(at(2026, 11, 23, 11, 0)), reason: "waiting".into() }];
        let c = request_clocks(&terms, &f, at(2026, 11, 23, 11, 5));
        assert_eq!(c.resolution.deadline, Some(at(2026, 11, 23, 12, 30)));
        assert_eq!(c.first_response.deadline, Some(at(2026, 11, 23, 10, 10)));
        assert!(matches!(c.first_response.state, ClockState::Breached { .. }));
        f.first_response_at = Some(at(2026, 11, 23, 10, 5));
        f.stopped_at = Some(at(2026, 11, 23, 12, 0));
        let c = request_clocks(&terms, &f, at(2026, 11, 23, 13, 0));
        assert!(matches!(c.first_response.state, ClockState::Met { .. }));
        assert!(matches!(c.resolution.state, ClockState::Met { .. }));
    }

    #[test]
    fn terms_round_trip_as_json() {
        let terms = SlaTerms::default_for(Tier::B, Shanghai);
        let json = serde_json::to_string(&terms).unwrap();
        assert_eq!(serde_json::from_str::<SlaTerms>(&json).unwrap(), terms);
    }
}
