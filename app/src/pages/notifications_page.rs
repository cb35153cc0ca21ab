//! The notification centre: what happened to the caller's requests, newest first.
use domain::{live::LiveKind, Page};
use leptos::prelude::*;

use crate::{
    api::notifications::{list_notifications, MarkNotificationsRead},
    components::{guard::Guard, live::use_live, loaded::Loaded, notice_text::notice_text},
    i18n::{use_i18n, Msg},
};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let mark = ServerAction::<MarkNotificationsRead>::new();
    let changes = use_live().version_of(LiveKind::Notification);
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
                <Loaded resource=list let:data>
                    {match data {
                        items if items.is_empty() => view! { <p class="muted">{move || i18n.t(Msg::NoNotifications)}</p> }.into_any(),
                        items => view! {
                            <ul class="notification-list">
                                {items.into_iter().map(|n| {
                                    let number = n.request_number.clone().unwrap_or_default();
                                    let (href, title) = n.note.about.link();
                                    let notice = n.note.notice.clone();
                                    let what = move || notice_text(&notice, i18n.lang.get());
                                    view! {
                                        <li class:unread=!n.read>
                                            <a href=href>{number.clone()} " " {title}</a>
                                            <p>{what}</p>
                                            <time class="muted small" datetime=n.created_at.to_rfc3339()>{n.created_at.format("%Y-%m-%d %H:%M UTC").to_string()}</time>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }}
                </Loaded>
            }
        />
    }
}
