//! Checklist templates (`/inspections/checklists`, `?edit=<id>` or `?edit=new`): the current
//! version of each; managers edit one as text, a line an item (the format is shown above the
//! box, see `domain::inspection::checklist`). Saving makes a new version; inspections already
//! planned keep theirs.
use domain::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::inspections::{list_checklists, SaveChecklist},
    components::{
        form::{FormStatus, Messages},
        guard::Guard,
        loaded::Loaded,
        work_actions::succeeded,
    },
    i18n::{use_i18n, Msg},
    model::ChecklistPage,
};

#[component]
pub fn ChecklistsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let edit = Memo::new(move |_| query.read().get("edit"));
    let save = ServerAction::<SaveChecklist>::new();
    let v = save.version();
    let page = Resource::new(move || (edit.get(), v.try_get().unwrap_or(0)), |(e, _)| list_checklists(e));
    view! {
        <Guard
            page=Page::Checklists
            view=move |_| view! {
                <p><a href=Page::Inspections.pattern()>"← " {move || i18n.t(Msg::InTitle)}</a></p>
                <h1>{move || i18n.t(Msg::InChecklists)}</h1>
                <Loaded resource=page suspense=true error=crate::components::equipment_bits::refused let:p>
                    <Templates p=p save=save/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Templates(p: ChecklistPage, save: ServerAction<SaveChecklist>) -> impl IntoView {
    let i18n = use_i18n();
    let err = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    view! {
        <ul class="plain checklist-templates">
            {p.templates.into_iter().map(|t| view! {
                <li>
                    <strong>{t.name.clone()}</strong> " " <span class="muted small">{format!("v{} · ", t.revision)} {move || i18n.t(Msg::InItems).replace("{n}", &t.items.to_string())}</span>
                    {p.can_edit.then(|| view! { " " <a href=domain::href::checklist(Some(t.id))>{move || i18n.t(Msg::UpEdit)}</a> })}
                </li>
            }).collect_view()}
        </ul>
        {p.can_edit.then(|| view! { <p><a class="button" href=domain::href::checklist(None)>{move || i18n.t(Msg::InNewChecklist)}</a></p> })}
        {p.editing.map(|(id, name, text)| view! {
            <ActionForm action=save attr:class="card stack checklist-form">
                <input type="hidden" name="id" value=id.unwrap_or(0)/>
                <label>{move || i18n.t(Msg::InChecklistName)} <input type="text" name="name" required maxlength="100" value=name/></label>
                <Messages name="name" error=err/>
                <p class="hint">{move || i18n.t(Msg::InChecklistFormat)}</p>
                <pre class="small">"section; kind; label; details; applies to; [environment fields]\nenvironment; reading; 机房温度 Temperature; °C 18..27; site; temp_min_c temp_max_c\nhardware; choice; 风扇 Fans; normal, noisy*, stopped*; server storage\npower; pass_fail; UPS 自检 UPS self-test; ; power"</pre>
                <textarea name="text" rows="18" required class="mono">{text}</textarea>
                <Messages name="text" error=err/>
                <button type="submit">{move || i18n.t(Msg::InSaveChecklist)}</button>
                <FormStatus error=err done=succeeded(save) success=Msg::Updated/>
            </ActionForm>
        })}
    }
}
