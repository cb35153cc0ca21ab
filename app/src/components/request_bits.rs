//! Small pieces of request pages: status and severity labels, timeline lines.
use domain::ticket::{Action, Status};
use leptos::prelude::*;

use crate::{
    i18n::{use_i18n, Msg},
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
    let b = item.body.clone();
    let kind = item.kind.clone();
    let text = move || {
        let lang = i18n.lang.get();
        let s = |k: &str| b[k].as_str().unwrap_or("").to_string();
        let status = |k: &str| Status::parse(&s(k)).map(|st| status_msg(st).text(lang).to_string()).unwrap_or_default();
        match kind.as_str() {
            "created" if b["follow_up_of"].is_string() => Msg::TlFollowUpCreated.text(lang).replace("{number}", &s("follow_up_of")),
            "created" => Msg::TlCreated.text(lang).to_string(),
            "survey" => {
                let verdict = if b["satisfied"] == true { Msg::TlSatisfied } else { Msg::TlNotSatisfied };
                Msg::TlSurvey.text(lang).replace("{n}", &b["overall"].to_string()).replace("{verdict}", verdict.text(lang))
            }
            "follow_up" => Msg::TlFollowUp.text(lang).replace("{number}", &s("followup")).replace("{name}", &s("manager")),
            "reply" => s("text"),
            "status" => {
                let mut t = Msg::TlStatus.text(lang).replace("{from}", &status("from")).replace("{to}", &status("to"));
                if let Some(note) = b["note"].as_str() {
                    t.push_str(" — ");
                    t.push_str(note);
                }
                t
            }
            "assigned" => Msg::TlAssigned.text(lang).replace("{name}", &s("engineer")),
            "paused" => Msg::TlPaused.text(lang).replace("{reason}", &s("reason")),
            "resumed" => Msg::TlResumed.text(lang).to_string(),
            "escalated" => Msg::TlEscalated.text(lang).replace("{from}", &b["from"].to_string()).replace("{to}", &b["to"].to_string()),
            "breached" => Msg::TlBreached.text(lang).to_string(),
            "attachment" => Msg::TlAttachment.text(lang).replace("{name}", &s("filename")),
            "triaged" => {
                let mut t = Msg::TlTriaged.text(lang).to_string();
                if let Some(sev) = b.get("severity").filter(|v| v.is_object()) {
                    t.push(' ');
                    t.push_str(
                        &Msg::TlSeverity
                            .text(lang)
                            .replace("{from}", &sev["from"].to_string())
                            .replace("{to}", &sev["to"].to_string())
                            .replace("{reason}", sev["reason"].as_str().unwrap_or("")),
                    );
                }
                t
            }
            "stage" => {
                Msg::TlStage.text(lang).replace("{stage}", domain::ticket::OnSiteStage::parse(&s("stage")).map(|st| stage_msg(st).text(lang)).unwrap_or(""))
            }
            "activity" => {
                let channel = domain::ticket::ActivityChannel::parse(&s("channel")).map(|c| channel_msg(c).text(lang)).unwrap_or("");
                format!("{channel} · {} min — {}", b["minutes"], s("text"))
            }
            "note" => s("text"),
            "fault_report" => Msg::TlFaultReport.text(lang).replace("{cause}", &s("cause")),
            "remote" => Msg::NotifRemote.text(lang).replace("{status}", remote_msg(&s("status")).text(lang)),
            "escalation" => Msg::TlEscalation
                .text(lang)
                .replace("{target}", if s("target") == "management" { Msg::TargetManagement.text(lang) } else { Msg::TargetExpert.text(lang) })
                .replace("{reason}", &s("reason")),
            "emergency" => format!("{}: {} — {}", emergency_msg(&s("kind")).text(lang), plan_status_msg(&s("status")).text(lang), s("reason")),
            other => other.to_string(),
        }
    };
    let class = format!("tl tl-{}{}{}", item.kind, if item.actor_is_staff { " by-staff" } else { "" }, if item.public { "" } else { " internal" });
    let internal = !item.public;
    view! {
        <li class=class data-kind=item.kind.clone()>
            <div class="tl-head">
                <strong>{if system { view! { <span>{move || i18n.t(Msg::SystemActor)}</span> }.into_any() } else { view! { <span>{who}</span> }.into_any() }}</strong>
                <time datetime=item.at.to_rfc3339()>{when}</time>
            </div>
            {internal.then(|| view! { <p class="badge internal-badge">{move || i18n.t(Msg::InternalOnly)}</p> })}
            <p class="tl-text">{text}</p>
        </li>
    }
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
pub fn remote_msg(status: &str) -> Msg {
    match status {
        "approved" => Msg::RemoteApproved,
        "refused" => Msg::RemoteRefused,
        "completed" => Msg::RemoteCompleted,
        "withdrawn" => Msg::RemoteWithdrawn,
        _ => Msg::RemoteRequested,
    }
}

pub fn emergency_msg(kind: &str) -> Msg {
    match kind {
        "vendor_support" => Msg::EmergencyVendor,
        "spare_parts_purchase" => Msg::EmergencyParts,
        _ => Msg::EmergencyDisaster,
    }
}

pub fn plan_status_msg(status: &str) -> Msg {
    match status {
        "authorised" => Msg::StatusAuthorised,
        "refused" => Msg::StatusRefused,
        _ => Msg::StatusRequested,
    }
}
