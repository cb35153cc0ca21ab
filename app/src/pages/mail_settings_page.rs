//! `/account/notifications`: for each kind of event, portal only, mail at once or the daily
//! digest; quiet hours. One plain form, so it works without JavaScript.
use domain::notify::Channel;
use domain::Page;
use leptos::prelude::*;

use crate::{
    api::mail_settings::{get_mail_settings, SaveMailSettings},
    components::{
        form::FormStatus,
        guard::Guard,
        loaded::Loaded,
        mail_bits::{channel_msg, kind_msg},
    },
    i18n::{use_i18n, Msg},
    model::MailSettings,
};

#[component]
pub fn MailSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let settings = Resource::new(|| (), |_| get_mail_settings());
    view! {
        <Guard
            page=Page::MailSettings
            view=move |_| view! {
                <section class="card narrow">
                    <h1>{move || i18n.t(Msg::MailSettingsTitle)}</h1>
                    <p><a href=Page::Account.pattern()>{move || i18n.t(Msg::AccountTitle)}</a></p>
                    <Loaded resource=settings let:s>
                        <SettingsForm s=s/>
                    </Loaded>
                </section>
            }
        />
    }
}

#[component]
fn SettingsForm(s: MailSettings) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SaveMailSettings>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let done = crate::components::work_actions::succeeded(action);
    let field_error = move |field: &'static str| {
        move || {
            let lang = i18n.lang.get();
            match error.get() {
                Some(crate::error::AppError::Invalid(fields)) => {
                    fields.iter().find(|f| f.field == field).map(|f| view! { <span class="field-error">{crate::i18n::field_error_text(lang, f)}</span> })
                }
                _ => None,
            }
        }
    };
    let email = s.email.clone();
    let digest = (s.digest_hour, s.tz.clone());
    view! {
        <p>{move || i18n.t(Msg::MailSettingsIntro)}</p>
        <p class="muted">{move || i18n.t(Msg::MailSettingsTo).replace("{email}", &email)}</p>
        <ActionForm action=action attr:class="stack mail-settings" attr:novalidate=true>
            {s.kinds.into_iter().map(|(kind, chosen)| {
                let name = format!("choice[{}]", kind.as_str());
                view! {
                    <fieldset class="choice-row">
                        <legend>{move || i18n.t(kind_msg(kind))}</legend>
                        {Channel::ALL.into_iter().map(|c| {
                            let id = format!("ch-{}-{}", kind.as_str(), c.as_str());
                            view! {
                                <label for=id.clone()>
                                    <input type="radio" id=id.clone() name=name.clone() value=c.as_str() checked=c == chosen/>
                                    " " {move || i18n.t(channel_msg(c))}
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                }
            }).collect_view()}
            <p class="muted small">{move || i18n.t(Msg::MailSeverityNote)}</p>
            <p class="muted small">{
                let (hour, tz) = digest.clone();
                move || i18n.t(Msg::MailDigestNote).replace("{hour}", &format!("{hour:02}")).replace("{tz}", &tz)
            }</p>
            <fieldset>
                <legend>{move || i18n.t(Msg::QuietHours)}</legend>
                <p class="muted small" id="quiet-hint">{move || i18n.t(Msg::QuietHoursHint)}</p>
                <div class="row">
                    <label for="quiet-from">{move || i18n.t(Msg::QuietFrom)}</label>
                    <input type="time" id="quiet-from" name="quiet_from" value=s.quiet_from aria-describedby="quiet-hint"/>
                    {field_error("quiet_from")}
                    <label for="quiet-to">{move || i18n.t(Msg::QuietTo)}</label>
                    <input type="time" id="quiet-to" name="quiet_to" value=s.quiet_to aria-describedby="quiet-hint"/>
                    {field_error("quiet_to")}
                </div>
            </fieldset>
            <FormStatus error=error done=done success=Msg::MailSettingsSaved/>
            <button type="submit">{move || i18n.t(Msg::Save)}</button>
        </ActionForm>
    }
}
