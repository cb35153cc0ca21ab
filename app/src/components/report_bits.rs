//! Words of the report pages: a figure's group (a kind, a severity, a channel, a device
//! category, a plan's status) and a period in the reader's language.
use domain::report::{Clock, Drill, Period, PeriodKind};

use crate::i18n::{Lang, Msg};

pub fn period_msg(k: PeriodKind) -> Msg {
    match k {
        PeriodKind::Week => Msg::ReportWeek,
        PeriodKind::Month => Msg::ReportMonth,
        PeriodKind::Quarter => Msg::ReportQuarter,
        PeriodKind::Year => Msg::ReportYear,
    }
}

pub fn clock_msg(c: Clock) -> Msg {
    match c {
        Clock::FirstResponse => Msg::ClockFirstResponse,
        Clock::OnSite => Msg::ClockOnSite,
        Clock::Resolution => Msg::ClockResolution,
    }
}

/// `2026-11 (2026-11-01 – 2026-11-30)`.
pub fn period_text(p: &Period) -> String {
    format!("{} ({} – {})", p.code(), p.start, p.last_day())
}

/// A tier as contracts name it: `A`.
pub fn tier_text(tier: &str) -> String {
    tier.to_uppercase()
}

/// A breakdown group's name: words the page knows, else the label the server gave (a site's
/// name), else the key itself.
pub fn group_text(drill: &Drill, label: &str, lang: Lang) -> String {
    let msg = match drill {
        Drill::Kind(k) => domain::ticket::RequestKind::parse(k).map(|k| match k {
            domain::ticket::RequestKind::Fault => Msg::KindFault,
            domain::ticket::RequestKind::Consultation => Msg::KindConsultation,
        }),
        Drill::Severity(s) => Some(super::request_bits::severity_msg(*s).0),
        Drill::Channel(c) => match c.as_str() {
            "portal" => Some(Msg::ReportChannelPortal),
            "phone" => Some(Msg::ReportChannelPhone),
            "email" => Some(Msg::ReportChannelEmail),
            "survey" => Some(Msg::ReportChannelSurvey),
            "inspection" => Some(Msg::ReportChannelInspection),
            _ => None,
        },
        Drill::Device(d) if d == "-" => Some(Msg::ReportNoDevice),
        Drill::Device(d) => domain::equipment::DeviceCategory::parse(d).map(super::equipment_bits::category_msg),
        Drill::Sla { clock, .. } => Some(clock_msg(*clock)),
        Drill::Opened => Some(Msg::ReportFigureOpened),
        Drill::Missed => Some(Msg::ReportMissed),
        Drill::Resolved => Some(Msg::ReportFigureResolved),
        Drill::Reopened => Some(Msg::ReportFigureReopened),
        Drill::Upgraded => Some(Msg::ReportFigureUpgraded),
        Drill::Escalated => Some(Msg::ReportFigureEscalated),
        Drill::Site(_) | Drill::Bar(_) => None,
    };
    match (msg, label, drill) {
        (Some(m), _, _) => m.text(lang).to_string(),
        (None, l, _) if !l.is_empty() => l.to_string(),
        (None, _, Drill::Bar(d)) => d.to_string(),
        (None, _, d) => d.to_query(),
    }
}

/// An emergency plan's status, in words.
pub fn plan_status_text(status: &str, lang: Lang) -> String {
    domain::ticket::EmergencyStatus::parse(status).map(|s| super::request_bits::plan_status_msg(s).text(lang).to_string()).unwrap_or_else(|| status.to_string())
}
