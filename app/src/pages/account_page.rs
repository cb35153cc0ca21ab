use domain::Page;
use leptos::prelude::*;

use crate::{
    api::account::ChangePassword,
    components::{
        form::{FormStatus, TextField},
        guard::Guard,
    },
    i18n::{use_i18n, Msg},
};

#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let done = crate::components::work_actions::succeeded(action);
    view! {
        <Guard
            page=Page::Account
            view=move |me| {
                let me = me.expect("guarded");
                view! {
                    <section class="card narrow">
                        <h1>{move || i18n.t(Msg::AccountTitle)}</h1>
                        <dl class="facts">
                            <dt>{move || i18n.t(Msg::DisplayName)}</dt>
                            <dd>{me.display_name.clone()}</dd>
                            <dt>{move || i18n.t(Msg::Email)}</dt>
                            <dd>{me.email.clone()}</dd>
                            <dt>{move || i18n.t(Msg::OrganizationLabel)}</dt>
                            <dd>{me.org_name.clone()}</dd>
                        </dl>
                        <p><a href=Page::MailSettings.pattern()>{move || i18n.t(Msg::MailSettingsLink)}</a></p>
                        <h2>{move || i18n.t(Msg::ChangePassword)}</h2>
                        <ActionForm action=action attr:class="stack" attr:novalidate=true>
                            <TextField label=Msg::CurrentPassword name="current" id="cp-current" input_type="password" autocomplete="current-password" required=true error=error/>
                            <TextField
                                label=Msg::NewPassword
                                name="new"
                                id="cp-new"
                                input_type="password"
                                autocomplete="new-password"
                                required=true
                                error=error
                                hint=Msg::PasswordHint
                            />
                            <TextField label=Msg::ConfirmPassword name="confirm" id="cp-confirm" input_type="password" autocomplete="new-password" required=true error=error/>
                            <FormStatus error=error done=done success=Msg::PasswordChanged/>
                            <button type="submit">{move || i18n.t(Msg::Save)}</button>
                        </ActionForm>
                    </section>
                }
            }
        />
    }
}
