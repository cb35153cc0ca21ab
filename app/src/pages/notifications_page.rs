//! The notification centre: what happened to the caller's requests, newest first.
use domain::Page;
use leptos::prelude::*;

use crate::{
    api::notifications::{list_notifications, MarkNotificationsRead},
    components::{
        guard::Guard,
        live::use_live,
        request_bits::{emergency_msg, plan_status_msg, remote_msg, stage_msg, status_msg},
    },
    i18n::{error_text, use_i18n, Msg},
};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let changes = use_live().version_of("notification");
    let list = Resource::new(move || (changes.get(), mark.version().get()), |_| list_notifications());
    view! {
        <Guard
            page=Page::Notifications
            view=move |_| view! {
                <div class="page-head">
                    <h1>{move || i18n.t(Msg::Notifications)}</h1>
                    <ActionForm action=mark attr:class="inline">
                        <button type="submit" class="secondary">{move || i18n.t(Msg::MarkAllRead)}</button>
                    </ActionForm>
                </div>
                <Transition fallback=move || view! { <p class="muted">{move || i18n.t(Msg::Loading)}</p> }>
                    {move || list.get().map(|r| match r {
                        Err(e) => view! { <p class="error">{error_text(i18n.lang.get(), &e)}</p> }.into_any(),
                        Ok(items) if items.is_empty() => view! { <p class="muted">{move || i18n.t(Msg::NoNotifications)}</p> }.into_any(),
                        Ok(items) => view! {
                            <ul class="notification-list">
                                {items.into_iter().map(|n| {
                                    let number = n.request_number.clone().unwrap_or_default();
                                    let title = n.body["title"].as_str().unwrap_or("").to_string();
                                    let b = n.body.clone();
                                    let what = move || {
                                        let lang = i18n.lang.get();
                                        match n.kind.as_str() {
                                            "reply" => Msg::NotifReply.text(lang).replace("{name}", b["from"].as_str().unwrap_or("")),
                                            "escalated" => Msg::NotifEscalated.text(lang).to_string(),
                                            "stage" => Msg::TlStage.text(lang).replace(
                                                "{stage}",
                                                domain::ticket::OnSiteStage::parse(b["stage"].as_str().unwrap_or("")).map(|st| stage_msg(st).text(lang)).unwrap_or(""),
                                            ),
                                            "remote" => Msg::NotifRemote.text(lang).replace("{status}", remote_msg(b["status"].as_str().unwrap_or("")).text(lang)),
                                            "severity" => Msg::TlSeverity
                                                .text(lang)
                                                .replace("{from}", &b["severity"]["from"].to_string())
                                                .replace("{to}", &b["severity"]["to"].to_string())
                                                .replace("{reason}", b["severity"]["reason"].as_str().unwrap_or("")),
                                            "escalation" => Msg::TlEscalation
                                                .text(lang)
                                                .replace("{target}", if b["target"] == "management" { Msg::TargetManagement.text(lang) } else { Msg::TargetExpert.text(lang) })
                                                .replace("{reason}", b["reason"].as_str().unwrap_or("")),
                                            "emergency" => format!(
                                                "{}: {}",
                                                emergency_msg(b["kind"].as_str().unwrap_or("")).text(lang),
                                                plan_status_msg(b["status"].as_str().unwrap_or("")).text(lang)
                                            ),
                                            "survey" => Msg::NotifSurvey.text(lang).to_string(),
                                            "survey_reminder" => Msg::NotifSurveyReminder.text(lang).to_string(),
                                            "follow_up" => Msg::NotifFollowUp.text(lang).replace("{number}", b["followup"].as_str().unwrap_or("")),
                                            "training_booked" if b["status"] == "waitlisted" => Msg::NotifTrainingBookedWaiting.text(lang).replace("{by}", b["by"].as_str().unwrap_or("")),
                                            "training_booked" => Msg::NotifTrainingBooked.text(lang).replace("{by}", b["by"].as_str().unwrap_or("")),
                                            "training_booking_cancelled" => Msg::NotifTrainingBookingCancelled.text(lang).replace("{by}", b["by"].as_str().unwrap_or("")),
                                            "training_promoted" => Msg::NotifTrainingPromoted.text(lang).to_string(),
                                            "training_cancelled" => Msg::NotifTrainingCancelled.text(lang).replace("{reason}", b["reason"].as_str().unwrap_or("")),
                                            "training_changed" => Msg::NotifTrainingChanged.text(lang).to_string(),
                                            "training_reminder" => Msg::NotifTrainingReminder.text(lang).to_string(),
                                            "training_feedback" => Msg::NotifTrainingFeedback.text(lang).to_string(),
                                            "follow_up_assigned" => Msg::NotifFollowUpAssigned.text(lang).replace("{number}", b["of"].as_str().unwrap_or("")).replace("{n}", &b["overall"].to_string()),
                                            _ => Msg::NotifStatus.text(lang).replace(
                                                "{status}",
                                                domain::ticket::Status::parse(b["to"].as_str().unwrap_or("")).map(|s| status_msg(s).text(lang)).unwrap_or(""),
                                            ),
                                        }
                                    };
                                    view! {
                                        <li class:unread=!n.read>
                                            <a href=match n.body["session_id"].as_i64() { Some(id) => domain::href::training(id), None => domain::href::request(&number) }>{number.clone()} " " {title}</a>
                                            <p>{what}</p>
                                            <time class="muted small" datetime=n.created_at.to_rfc3339()>{n.created_at.format("%Y-%m-%d %H:%M UTC").to_string()}</time>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    })}
                </Transition>
            }
        />
    }
}
