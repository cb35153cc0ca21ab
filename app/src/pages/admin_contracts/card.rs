//! One contract around its form: editable for administrators (with the version it was opened
//! at), read-only for managers; and the form of a new contract for an organization.
use domain::sla::contract::field;
use leptos::prelude::*;

use super::{fields::ContractFields, list::standing_badge, problems::problem_text};
use crate::{
    api::contracts::{ContractDetail, CreateContract, OrgContracts, UpdateContract},
    components::form::{FormStatus, Messages},
    error::AppError,
    i18n::{use_i18n, Msg},
};

/// One contract: the form for administrators, the same fields read-only for managers.
#[component]
pub(super) fn ContractCard(detail: ContractDetail, action: ServerAction<UpdateContract>, error: Signal<Option<AppError>>, done: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let id = detail.contract.id;
    let version = detail.version;
    let org = detail.org_name.clone();
    // Someone saved the contract after this form was opened: said plainly, with what to do.
    let stale = Signal::derive(move || matches!(error.get(), Some(AppError::Conflict)));
    let other_error = Signal::derive(move || error.get().filter(|e| *e != AppError::Conflict));
    let (standing_class, standing_msg) = standing_badge(detail.contract.standing);
    let heading = move || i18n.t(Msg::ContractHeading).replace("{id}", &id.to_string()).replace("{org}", &org);
    // Type-erased: the read-only page nests it directly, and the whole form as one type is
    // deep enough to overflow a worker thread's stack while rendering in a debug build.
    let fields = view! { <ContractFields form=detail.form.clone() error=error read_only=!detail.can_edit/> }.into_any();
    view! {
        <section class="card contract-card" id="contract">
            <p><a href=domain::Page::AdminContracts.pattern()>"← " {move || i18n.t(Msg::ContractAll)}</a></p>
            <h2>{heading}</h2>
            <p><span class=standing_class>{move || i18n.t(standing_msg)}</span></p>
            {if detail.can_edit {
                view! {
                    <ActionForm action=action attr:class="stack contract-form" attr:novalidate=true>
                        <input type="hidden" name="id" value=id/>
                        // The version it was opened at: a save over someone else's is refused.
                        <input type="hidden" name="version" value=version/>
                        {fields}
                        <p class="hint">{move || i18n.t(Msg::ContractChangesApply)}</p>
                        {move || stale.get().then(|| view! { <p class="error" role="alert">{move || i18n.t(Msg::ErrStaleForm)}</p> })}
                        <FormStatus error=other_error done=done success=Msg::ContractSaved/>
                        <div class="contract-buttons">
                            <button type="submit">{move || i18n.t(Msg::Save)}</button>
                            <ResetButton/>
                        </div>
                    </ActionForm>
                }
                    .into_any()
            } else {
                view! { <div class="contract-form read-only">{fields}</div> }.into_any()
            }}
        </section>
    }
}

#[component]
pub(super) fn NewContractCard(org: OrgContracts, action: ServerAction<CreateContract>, error: Signal<Option<AppError>>, done: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let name = org.org_name.clone();
    let heading = move || i18n.t(Msg::ContractNewFor).replace("{org}", &name);
    view! {
        <section class="card contract-card" id="contract">
            <p><a href=domain::Page::AdminContracts.pattern()>"← " {move || i18n.t(Msg::ContractAll)}</a></p>
            <h2>{heading}</h2>
            <ActionForm action=action attr:class="stack contract-form" attr:novalidate=true>
                <input type="hidden" name="org_id" value=org.org_id/>
                <Messages name=field::ORG error=error words=problem_text/>
                <ContractFields form=org.new_form.clone() error=error read_only=false/>
                <FormStatus error=error done=done success=Msg::ContractSaved/>
                <div class="contract-buttons">
                    <button type="submit">{move || i18n.t(Msg::Create)}</button>
                    <ResetButton/>
                </div>
            </ActionForm>
        </section>
    }
}

/// Saves with the tier's default limits instead of the typed ones. After the main button:
/// pressing Enter in a field submits with the form's first button.
#[component]
fn ResetButton() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button type="submit" class="secondary" name="reset_limits" value="1">{move || i18n.t(Msg::ContractResetLimits)}</button>
    }
}
