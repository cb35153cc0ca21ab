//! `/mail/unsubscribe/:token`, the link in every notification mail. Opening it changes
//! nothing (mail scanners open links): it says what the button would turn off, and only the
//! button's POST does it. Works signed in or not, and without JavaScript.
use domain::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::mail_settings::{get_unsubscribe_info, Unsubscribe},
    components::{form::FormStatus, mail_bits::kind_msg},
    i18n::{error_text, use_i18n, Msg},
    model::UnsubscribeInfo,
};

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = Memo::new(move |_| params.read().get("token").unwrap_or_default());
    let info = Resource::new(move || token.get(), get_unsubscribe_info);
    view! {
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::UnsubTitle)}</h1>
            <Transition fallback=move || view! { <p class="muted">{move || i18n.t(Msg::Loading)}</p> }>
                {move || info.get().map(|r| match r {
                    Err(crate::error::AppError::NotFound) => view! { <p class="error">{move || i18n.t(Msg::UnsubUnknown)}</p> }.into_any(),
                    Err(e) => view! { <p class="error">{error_text(i18n.lang.get(), &e)}</p> }.into_any(),
                    Ok(i) => view! { <Ask info=i token=token.get_untracked()/> }.into_any(),
                })}
            </Transition>
            <p><a href=Page::MailSettings.pattern()>{move || i18n.t(Msg::MailSettingsLink)}</a></p>
        </section>
    }
}

#[component]
fn Ask(info: UnsubscribeInfo, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<Unsubscribe>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let done = crate::components::work_actions::succeeded(action);
    let already = info.done;
    let (kind, email) = (info.kind, info.email.clone());
    let ask = move || match kind {
        Some(k) => i18n.t(Msg::UnsubAskKind).replace("{kind}", i18n.t(kind_msg(k))).replace("{email}", &email),
        None => i18n.t(Msg::UnsubAskDigest).replace("{email}", &email),
    };
    let token = StoredValue::new(token);
    view! {
        <Show
            when=move || !(already || done.get())
            fallback=move || view! { <p class="success" role="status">{move || i18n.t(Msg::UnsubDone)}</p> }
        >
            <p>{ask.clone()}</p>
            <ActionForm action=action attr:class="stack">
                <input type="hidden" name="token" value=token.get_value()/>
                <FormStatus error=error done=done success=Msg::UnsubDone/>
                <button type="submit">{move || i18n.t(Msg::UnsubButton)}</button>
            </ActionForm>
        </Show>
    }
}
