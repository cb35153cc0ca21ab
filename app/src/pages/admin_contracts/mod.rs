//! Service contracts: every customer organization with its contracts; administrators create
//! and edit them, service managers read them. One page, three views chosen by the query
//! (plain links, so it works without JavaScript): the list, `?contract=ID` (one contract) and
//! `?new=ORG_ID` (a new contract for an organization).
//!
//! - [`list`]: the organizations with their contracts.
//! - [`card`]: one contract, or a new one, around the form.
//! - [`fields`]: the form's inputs (shared widgets of `components::form`), the tier's
//!   defaults under the limits.
//! - [`problems`]: the form's errors in its own words.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::contracts::{get_contract, list_contracts, CreateContract, UpdateContract},
    components::guard::Guard,
    i18n::{error_text, use_i18n, Msg},
};
use card::{ContractCard, NewContractCard};
use domain::Page;
use list::ContractList;

mod card;
mod fields;
mod list;
mod problems;

#[component]
pub fn AdminContractsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let selected = move || query.read().get("contract").and_then(|s| s.parse::<i32>().ok());
    let new_for = move || query.read().get("new").and_then(|s| s.parse::<i32>().ok());
    let create = ServerAction::<CreateContract>::new();
    let update = ServerAction::<UpdateContract>::new();
    // Refetch after successful saves only: a refused one keeps what was typed on screen.
    let saves = successes(create, update);
    let overview = Resource::new(move || saves.get(), |_| list_contracts());
    let detail = Resource::new(
        move || (selected(), saves.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_contract(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let create_error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let update_error = Signal::derive(move || update.value().get().and_then(|r| r.err()));
    // After a create the page moves to the new contract: say it was saved there too.
    // A plain post (islands mode) comes back to `?contract=<id>` with `__done`.
    let created = crate::components::work_actions::succeeded(create);
    let updated_plain = crate::components::work_actions::succeeded(update);
    let update_done = Signal::derive(move || {
        let updated = matches!(update.value().get(), Some(Ok(d)) if Some(d.contract.id) == selected()) || updated_plain.get();
        let created_here = matches!(create.value().get(), Some(Ok(d)) if Some(d.contract.id) == selected()) || created.get();
        update_error.get().is_none() && (updated || created_here)
    });
    let create_done = created;
    let loading = move || view! { <p class="muted">{move || i18n.t(Msg::Loading)}</p> };
    view! {
        <Guard
            page=Page::AdminContracts
            view=move |_| {
                view! {
                    <h1>{move || i18n.t(Msg::ContractsTitle)}</h1>
                    <p class="hint">{move || i18n.t(Msg::ContractsIntro)}</p>
                    <Transition fallback=loading>
                        {move || {
                            let overview = overview.get()?;
                            let detail = detail.get()?;
                            Some(match overview {
                                Err(e) => view! { <p class="error">{error_text(i18n.lang.get(), &e)}</p> }.into_any(),
                                Ok(o) => {
                                    let can_edit = o.can_edit;
                                    let open = match (detail, new_for()) {
                                        // A contract that does not exist: say so above the list.
                                        (Err(e), _) => view! { <p class="error">{error_text(i18n.lang.get(), &e)}</p> }.into_any(),
                                        (Ok(Some(d)), _) => view! { <ContractCard detail=d action=update error=update_error done=update_done/> }.into_any(),
                                        (Ok(None), Some(org_id)) => match o.orgs.iter().find(|g| g.org_id == org_id && can_edit) {
                                            Some(g) => view! { <NewContractCard org=g.clone() action=create error=create_error done=create_done/> }.into_any(),
                                            None => view! { <p class="error">{move || i18n.t(Msg::ErrNotFound)}</p> }.into_any(),
                                        },
                                        (Ok(None), None) => ().into_any(),
                                    };
                                    view! {
                                        {(!can_edit).then(|| view! { <p class="badge soft">{move || i18n.t(Msg::ContractsReadOnly)}</p> })}
                                        {open}
                                        <ContractList orgs=o.orgs can_edit=can_edit selected=selected()/>
                                    }
                                        .into_any()
                                }
                            })
                        }}
                    </Transition>
                }
            }
        />
    }
}

/// Counts the saves that went through (a failed save does not count), for refetching.
fn successes(create: ServerAction<CreateContract>, update: ServerAction<UpdateContract>) -> Memo<usize> {
    let ok_create = Memo::new(move |prev: Option<&usize>| {
        let n = prev.copied().unwrap_or(0);
        if matches!(create.value().get(), Some(Ok(_))) {
            n + 1
        } else {
            n
        }
    });
    let ok_update = Memo::new(move |prev: Option<&usize>| {
        let n = prev.copied().unwrap_or(0);
        if matches!(update.value().get(), Some(Ok(_))) {
            n + 1
        } else {
            n
        }
    });
    Memo::new(move |_| ok_create.get() + ok_update.get())
}
