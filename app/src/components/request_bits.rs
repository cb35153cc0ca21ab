//! Small pieces of request pages: status and severity labels, timeline lines.
use domain::ticket::{Action, Line, Status};
use leptos::prelude::*;

use crate::{
    i18n::{use_i18n, Lang, Msg},
    model::TimelineItem,
};

pub fn status_msg(s: Status) -> Msg {
    match s {
        Status::New => Msg::StatusNew,
        Status::Triaged => Msg::StatusTriaged,
        Status::Assigned => Msg::StatusAssigned,
        Status::InProgress => Msg::StatusInProgress,
        Status::WaitingOnCustomer => Msg::StatusWaiting,
        Status::Resolved => Msg::StatusResolved,
        Status::Closed => Msg::StatusClosed,
        Status::Reopened => Msg::StatusReopened,
        Status::Cancelled => Msg::StatusCancelled,
    }
}

pub fn severity_msg(level: u8) -> (Msg, Msg) {
    match level {
        1 => (Msg::Sev1, Msg::Sev1Def),
        2 => (Msg::Sev2, Msg::Sev2Def),
        _ => (Msg::Sev3, Msg::Sev3Def),
    }
}

pub fn action_msg(a: Action) -> Msg {
    match a {
        Action::Triage => Msg::ActTriage,
        Action::Assign => Msg::ActAssign,
        Action::StartWork => Msg::ActStartWork,
        Action::AskCustomer => Msg::ActAskCustomer,
        Action::CustomerReplied => Msg::ActCustomerReplied,
        Action::Resolve => Msg::ActResolve,
        Action::ConfirmResolution => Msg::ActConfirm,
        Action::RejectResolution => Msg::ActReject,
        Action::AutoClose => Msg::ActAutoClose,
        Action::Reopen => Msg::ActReopen,
        Action::Cancel => Msg::ActCancel,
        Action::Reassign => Msg::ActReassign,
    }
}

#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    let i18n = use_i18n();
    view! { <span class=format!("badge status-{}", status.as_str()) data-status=status.as_str()>{move || i18n.t(status_msg(status))}</span> }
}

#[component]
pub fn SeverityBadge(level: u8) -> impl IntoView {
    let i18n = use_i18n();
    let (name, _) = severity_msg(level);
    view! { <span class=format!("badge sev-{level}")>{move || i18n.t(name)}</span> }
}

/// One line of the timeline, in words.
#[component]
pub fn TimelineLine(item: TimelineItem, tz: chrono_tz::Tz) -> impl IntoView {
    let i18n = use_i18n();
    let when = item.at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string();
    let who = item.actor_name.clone().unwrap_or_else(|| "—".into());
    let system = item.actor_name.is_none();
    let line = item.line.clone();
    let refs = match &item.line {
        Line::Reply { text } | Line::Note { text } => {
            Some(domain::knowledge::article::references(text)).filter(|r| r.iter().any(|(_, id)| id.is_some())).unwrap_or_default()
        }
        _ => vec![],
    };
    let text = move || line_text(&line, i18n.lang.get());
    let kind = item.line.kind();
    let class = format!("tl tl-{}{}{}", kind, if item.actor_is_staff { " by-staff" } else { "" }, if item.public { "" } else { " internal" });
    let internal = !item.public;
    view! {
        <li class=class data-kind=kind>
            <div class="tl-head">
                <strong>{if system { view! { <span>{move || i18n.t(Msg::SystemActor)}</span> }.into_any() } else { view! { <span>{who}</span> }.into_any() }}</strong>
                <time datetime=item.at.to_rfc3339()>{when}</time>
            </div>
            {internal.then(|| view! { <p class="badge internal-badge">{move || i18n.t(Msg::InternalOnly)}</p> })}
            {if refs.is_empty() {
                view! { <p class="tl-text">{text}</p> }.into_any()
            } else {
                // A reply naming an article (KB-12) links to it.
                view! {
                    <p class="tl-text">
                        {refs.into_iter().map(|(t, id)| match id {
                            Some(id) => view! { <a href=domain::href::article(id)>{t}</a> }.into_any(),
                            None => t.into_any(),
                        }).collect_view()}
                    </p>
                }.into_any()
            }}
        </li>
    }
}

/// A timeline line in words: one arm per kind, so a new kind does not compile without its text.
pub fn line_text(line: &Line, lang: Lang) -> String {
    let status = |st: Status| status_msg(st).text(lang).to_string();
    match line {
        Line::Created { follow_up_of: Some(of), .. } => Msg::TlFollowUpCreated.text(lang).replace("{number}", of),
        Line::Created { inspection: Some(id), .. } => Msg::TlFromInspection.text(lang).replace("{id}", &id.to_string()),
        Line::Created { .. } => Msg::TlCreated.text(lang).to_string(),
        Line::Survey { overall, satisfied, .. } => {
            let verdict = if *satisfied { Msg::TlSatisfied } else { Msg::TlNotSatisfied };
            Msg::TlSurvey.text(lang).replace("{n}", &overall.to_string()).replace("{verdict}", verdict.text(lang))
        }
        Line::FollowUp { followup, manager } => Msg::TlFollowUp.text(lang).replace("{number}", followup).replace("{name}", manager.as_deref().unwrap_or("")),
        Line::Reply { text } | Line::Note { text } => text.clone(),
        Line::Status { from, to, note, .. } => {
            let mut t = Msg::TlStatus.text(lang).replace("{from}", &status(*from)).replace("{to}", &status(*to));
            if let Some(note) = note {
                t.push_str(" — ");
                t.push_str(note);
            }
            t
        }
        Line::Assigned { engineer } => Msg::TlAssigned.text(lang).replace("{name}", engineer),
        Line::Paused { reason } => Msg::TlPaused.text(lang).replace("{reason}", reason),
        Line::Resumed {} => Msg::TlResumed.text(lang).to_string(),
        Line::Escalated { from, to, .. } => Msg::TlEscalated.text(lang).replace("{from}", &from.to_string()).replace("{to}", &to.to_string()),
        Line::Breached { .. } => Msg::TlBreached.text(lang).to_string(),
        Line::Attachment { filename, .. } => Msg::TlAttachment.text(lang).replace("{name}", filename),
        Line::Triaged { severity, .. } => {
            let mut t = Msg::TlTriaged.text(lang).to_string();
            if let Some(sev) = severity {
                t.push(' ');
                t.push_str(&severity_text(sev, lang));
            }
            t
        }
        Line::Stage { stage, .. } => Msg::TlStage.text(lang).replace("{stage}", stage_msg(*stage).text(lang)),
        Line::Activity { channel, minutes, text } => format!("{} · {minutes} min — {text}", channel_msg(*channel).text(lang)),
        Line::FaultReport(report) => Msg::TlFaultReport.text(lang).replace("{cause}", &report.cause),
        Line::PartReplaced { part, old_serial, new_serial, whole_device } => {
            let m = if *whole_device { Msg::TlDeviceSwapped } else { Msg::TlPartReplaced };
            let serial = |s: &str| if s.is_empty() { "—".to_string() } else { s.to_string() };
            m.text(lang).replace("{part}", part).replace("{old}", &serial(old_serial)).replace("{new}", &serial(new_serial))
        }
        Line::DeviceChanged { device: Some(d) } => Msg::TlDeviceChanged.text(lang).replace("{device}", d),
        Line::DeviceChanged { device: None } => Msg::TlDeviceRemoved.text(lang).to_string(),
        Line::Remote { status, .. } => Msg::NotifRemote.text(lang).replace("{status}", remote_msg(*status).text(lang)),
        Line::Escalation { target, reason } => escalation_text(*target, reason, lang),
        Line::Emergency { kind, status, reason, .. } => {
            format!("{}: {} — {}", emergency_msg(*kind).text(lang), plan_status_msg(*status).text(lang), reason.as_deref().unwrap_or(""))
        }
        Line::Unreadable { kind } => kind.clone(),
    }
}

/// "Severity 3 → 2: reason".
pub fn severity_text(sev: &domain::ticket::SeverityChange, lang: Lang) -> String {
    Msg::TlSeverity.text(lang).replace("{from}", &sev.from.to_string()).replace("{to}", &sev.to.to_string()).replace("{reason}", &sev.reason)
}

pub fn escalation_text(target: domain::ticket::EscalationTarget, reason: &str, lang: Lang) -> String {
    let target = match target {
        domain::ticket::EscalationTarget::Management => Msg::TargetManagement,
        domain::ticket::EscalationTarget::Expert => Msg::TargetExpert,
    };
    Msg::TlEscalation.text(lang).replace("{target}", target.text(lang)).replace("{reason}", reason)
}

pub fn stage_msg(s: domain::ticket::OnSiteStage) -> Msg {
    use domain::ticket::OnSiteStage as S;
    match s {
        S::Dispatched => Msg::StageDispatched,
        S::OnTheWay => Msg::StageOnTheWay,
        S::OnSite => Msg::StageOnSite,
        S::ServiceRestored => Msg::StageServiceRestored,
    }
}

pub fn channel_msg(c: domain::ticket::ActivityChannel) -> Msg {
    use domain::ticket::ActivityChannel as C;
    match c {
        C::Phone => Msg::ChannelPhone,
        C::Email => Msg::ChannelEmail,
        C::Remote => Msg::ChannelRemote,
        C::OnSite => Msg::ChannelOnSite,
    }
}

/// A remote session's status name in words.
pub fn remote_msg(status: domain::ticket::RemoteStatus) -> Msg {
    use domain::ticket::RemoteStatus as R;
    match status {
        R::Requested => Msg::RemoteRequested,
        R::Approved => Msg::RemoteApproved,
        R::Refused => Msg::RemoteRefused,
        R::Completed => Msg::RemoteCompleted,
        R::Withdrawn => Msg::RemoteWithdrawn,
    }
}

pub fn emergency_msg(kind: domain::ticket::EmergencyKind) -> Msg {
    use domain::ticket::EmergencyKind as K;
    match kind {
        K::VendorSupport => Msg::EmergencyVendor,
        K::SparePartsPurchase => Msg::EmergencyParts,
        K::DisasterResponse => Msg::EmergencyDisaster,
    }
}

pub fn plan_status_msg(status: domain::ticket::EmergencyStatus) -> Msg {
    use domain::ticket::EmergencyStatus as E;
    match status {
        E::Requested => Msg::StatusRequested,
        E::Authorised => Msg::StatusAuthorised,
        E::Refused => Msg::StatusRefused,
    }
}

pub fn clock_msg(c: domain::notify::SlaClock) -> Msg {
    match c {
        domain::notify::SlaClock::FirstResponse => Msg::ClockFirstResponse,
        domain::notify::SlaClock::OnSite => Msg::ClockOnSite,
        domain::notify::SlaClock::Resolution => Msg::ClockResolution,
    }
}
