//! Service reports (issue 17): per customer organization or provider-wide, for a calendar
//! week, month, quarter or year in the contract's zone. The figures are computed in the
//! database (GROUP BY) by `db::repo::reports`; this module holds what they mean: periods,
//! the figures' shape (also the frozen snapshot's format), drill-downs, charts, who may read
//! and write what, and the weekly narrative's rules.
mod chart;
mod drill;
mod figures;
mod period;

pub use chart::{axis_top, bars_svg, Point};
pub use drill::Drill;
pub use figures::*;
pub use period::*;

use crate::{ErrorCode, FieldError, Role};

/// Whose report: one customer organization's, or the provider's over all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Provider,
    Organization(i32),
}

impl Scope {
    /// As stored (`all`, `org:12`) and in links (`org=12`, empty for all).
    pub fn key(self) -> String {
        match self {
            Scope::Provider => "all".into(),
            Scope::Organization(id) => format!("org:{id}"),
        }
    }

    pub fn org(self) -> Option<i32> {
        match self {
            Scope::Provider => None,
            Scope::Organization(id) => Some(id),
        }
    }
}

/// Managers and admins read every report; a site manager their organization's. Engineers and
/// dispatchers do not: a report lists complaints, which the engineer they concern never sees.
pub fn may_read(role: Role) -> bool {
    matches!(role, Role::Manager | Role::Admin | Role::SiteManager)
}

/// The scope the caller gets when asking for `asked` (`None`: the provider-wide one), or
/// `None` when they may not read it. A site manager always gets their own organization's.
pub fn reach(role: Role, own_org: i32, asked: Option<i32>) -> Option<Scope> {
    match role {
        Role::Manager | Role::Admin => Some(asked.map_or(Scope::Provider, Scope::Organization)),
        Role::SiteManager => match asked {
            None => Some(Scope::Organization(own_org)),
            Some(o) if o == own_org => Some(Scope::Organization(own_org)),
            Some(_) => None,
        },
        _ => None,
    }
}

/// The provider's narrative on a weekly report is the managers' to write.
pub fn writes_narrative(role: Role) -> bool {
    role == Role::Manager
}

/// Recomputing a frozen period, and choosing who receives which report by mail.
pub fn manages_reports(role: Role) -> bool {
    matches!(role, Role::Manager | Role::Admin)
}

/// Who gets a report by mail unless a manager chose otherwise: site managers, the monthly one.
pub fn receives_by_default(role: Role, kind: PeriodKind) -> bool {
    role == Role::SiteManager && kind == PeriodKind::Month
}

/// Who may be chosen to receive reports at all (the people who may read them).
pub fn may_receive(role: Role) -> bool {
    matches!(role, Role::Manager | Role::SiteManager)
}

/// Each part of the narrative: what was done, what was not and why, next week's plan.
pub const NARRATIVE_MAX: usize = 4000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Narrative {
    pub done: String,
    pub not_done: String,
    pub plan: String,
}

/// The narrative as saved: trimmed; at least one part written; none too long.
pub fn validate_narrative(done: &str, not_done: &str, plan: &str) -> Result<Narrative, Vec<FieldError>> {
    let mut errors = Vec::new();
    for (field, text) in [("done", done), ("not_done", not_done), ("plan", plan)] {
        if text.trim().chars().count() > NARRATIVE_MAX {
            errors.push(FieldError::new(field, ErrorCode::TooLong { max: NARRATIVE_MAX }));
        }
    }
    if [done, not_done, plan].iter().all(|t| t.trim().is_empty()) {
        errors.push(FieldError::new("done", ErrorCode::Required));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Narrative { done: done.trim().into(), not_done: not_done.trim().into(), plan: plan.trim().into() })
}

#[cfg(test)]
mod tests;

/// How a request came in, from its first timeline line: the desk logged a call or a mail, an
/// unhappy survey answer or an inspection's finding opened it, or the customer used the
/// portal. Stored on the request (`requests.channel`) so reports can group by it.
pub fn channel_of(created: &crate::ticket::Line) -> &'static str {
    match created {
        crate::ticket::Line::Created { channel, follow_up_of, inspection, .. } => match (channel.as_deref(), follow_up_of, inspection) {
            (Some("phone"), _, _) => "phone",
            (Some("email"), _, _) => "email",
            (_, Some(_), _) => "survey",
            (_, _, Some(_)) => "inspection",
            _ => "portal",
        },
        _ => "portal",
    }
}

/// Every channel a request can come in by, in the order reports list them.
pub const CHANNELS: [&str; 5] = ["portal", "phone", "email", "survey", "inspection"];
