use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::auth::SignIn,
    components::form::{FormStatus, TextField},
    i18n::{use_i18n, Msg},
};

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <section class="card narrow">
            <h1>{move || i18n.t(Msg::SignInTitle)}</h1>
            <p class="muted">{move || i18n.t(Msg::SignInIntro)}</p>
            <ActionForm action=action attr:class="stack" attr:id="sign-in-form">
                <input type="hidden" name="next" value=next/>
                <TextField label=Msg::Email name="email" id="si-email" input_type="email" autocomplete="username" required=true error=error/>
                <TextField
                    label=Msg::Password
                    name="password"
                    id="si-password"
                    input_type="password"
                    autocomplete="current-password"
                    required=true
                    error=error
                />
                <FormStatus error=error done=Signal::derive(|| false) success=Msg::SignIn/>
                <button type="submit" disabled=move || action.pending().get()>
                    {move || i18n.t(if action.pending().get() { Msg::SigningIn } else { Msg::SignIn })}
                </button>
            </ActionForm>
        </section>
    }
}
