//! Reporting a fault or asking for help. What the user types is kept as a draft in the
//! browser (localStorage) on every keystroke, restored on reload, and cleared once the
//! request is saved: a failed submit, a reload or a dropped connection loses nothing.
use domain::{sla::Tier, Page, Role};
use leptos::prelude::*;

use crate::{
    api::requests::{get_new_request_form, SubmitRequest},
    components::loaded::Loaded,
    components::{
        form::{FormStatus, TextField},
        guard::Guard,
        request_bits::severity_msg,
    },
    i18n::{field_error_text, use_i18n, Msg},
};

const FORM_ID: &str = "new-request-form";

#[component]
pub fn NewRequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SubmitRequest>::new();
    let form_data = Resource::new(|| (), |_| get_new_request_form());
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let done = Signal::derive(move || matches!(action.value().get(), Some(Ok(_))));
    let errors_of = move |field: &'static str| {
        move || {
            let lang = i18n.lang.get();
            error.get().map(|e| e.for_field(field).iter().map(|fe| view! { <p class="error">{field_error_text(lang, fe)}</p> }).collect_view())
        }
    };
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if done.get() {
            draft::clear();
        }
    });
    // Files can be chosen only once the page runs in the browser (see pending_uploads).
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <Guard
            page=Page::NewRequest
            view=move |me| {
                let me = me.expect("guarded");
                view! {
                    <h1>{move || i18n.t(Msg::NewRequest)}</h1>
                    <Loaded resource=form_data suspense=true let:fd>
                        {{
                                let tier = match fd.tier { Tier::A => "A", Tier::B => "B", Tier::C => "C" };
                                view! {
                                    <section class="card">
                                        {(!fd.intake).then(|| view! { <p class="muted">{move || i18n.t(Msg::YourContract)} " " {tier}</p> })}
                                        {fd.intake.then(|| view! { <p class="muted">{move || i18n.t(Msg::IntakeHint)}</p> })}
                                        <ActionForm action=action attr:id=FORM_ID attr:class="stack" attr:novalidate=true on:input=move |_| { #[cfg(feature = "hydrate")] draft::save(); }>
                                            <TextField label=Msg::ReqTitle name="title" id="nr-title" required=true error=error autocomplete="off"/>
                                            <div class="field">
                                                <label for="nr-description">{move || i18n.t(Msg::ReqDescription)}</label>
                                                <textarea id="nr-description" name="description" rows="6" required></textarea>
                                                <div class="field-errors">{errors_of("description")}</div>
                                            </div>
                                            <fieldset class="field">
                                                <legend>{move || i18n.t(Msg::ReqKind)}</legend>
                                                <label class="choice"><input type="radio" name="kind" value="fault" checked/> {move || i18n.t(Msg::KindFault)}</label>
                                                <label class="choice"><input type="radio" name="kind" value="consultation"/> {move || i18n.t(Msg::KindConsultation)}</label>
                                                <div class="field-errors">{errors_of("kind")}</div>
                                            </fieldset>
                                            <div class="field">
                                                <label for="nr-fault-kind">{move || i18n.t(Msg::ReqFaultKind)}</label>
                                                <select id="nr-fault-kind" name="fault_kind">
                                                    <option value="software">{move || i18n.t(Msg::FaultSoftware)}</option>
                                                    <option value="hardware">{move || i18n.t(Msg::FaultHardware)}</option>
                                                    <option value="">{move || i18n.t(Msg::NotAFault)}</option>
                                                </select>
                                                <div class="field-errors">{errors_of("fault_kind")}</div>
                                            </div>
                                            <fieldset class="field severity">
                                                <legend>{move || i18n.t(Msg::Severity)}</legend>
                                                {[1u8, 2, 3].into_iter().map(|level| {
                                                    let (name, def) = severity_msg(level);
                                                    view! {
                                                        <label class="choice severity-choice">
                                                            <input type="radio" name="severity" value=level.to_string() checked=level == 3/>
                                                            <span><strong>{move || i18n.t(name)}</strong> <span class="muted">{move || i18n.t(def)}</span></span>
                                                        </label>
                                                    }
                                                }).collect_view()}
                                                <div class="field-errors">{errors_of("severity_level")}</div>
                                            </fieldset>
                                            <TextField label=Msg::ReqSystem name="system" id="nr-system" error=error autocomplete="off"/>
                                            <div class="field">
                                                <label for="nr-site">{move || i18n.t(Msg::Site)}</label>
                                                <select id="nr-site" name="site_id">
                                                    {fd.sites.iter().map(|s| view! { <option value=s.id.to_string() selected=Some(s.id) == fd.default_site>{s.name.clone()}</option> }).collect_view()}
                                                </select>
                                                <div class="field-errors">{errors_of("site_id")}</div>
                                            </div>
                                            {(me.role == Role::SiteManager || fd.intake).then(|| view! {
                                                <div class="field">
                                                    <label for="nr-requester">{move || i18n.t(Msg::ReportFor)}</label>
                                                    <select id="nr-requester" name="requester_id">
                                                        {fd.intake.then(|| view! { <option value="">{move || i18n.t(Msg::ChooseCustomer)}</option> })}
                                                        {fd.colleagues.iter().map(|(id, name)| view! { <option value=id.to_string() selected=*id == fd.my_id>{name.clone()}</option> }).collect_view()}
                                                    </select>
                                                    <div class="field-errors">{errors_of("requester_id")}</div>
                                                </div>
                                            })}
                                            {fd.intake.then(|| view! {
                                                <fieldset class="field">
                                                    <legend>{move || i18n.t(Msg::IntakeChannel)}</legend>
                                                    <label class="choice"><input type="radio" name="channel" value="phone" checked/> {move || i18n.t(Msg::ChannelPhone)}</label>
                                                    <label class="choice"><input type="radio" name="channel" value="email"/> {move || i18n.t(Msg::ChannelEmail)}</label>
                                                    <div class="field-errors">{errors_of("channel")}</div>
                                                </fieldset>
                                            })}
                                            <TextField label=Msg::ContactPhone name="contact_phone" id="nr-phone" input_type="tel" required=true error=error autocomplete="tel" value=fd.my_phone.clone()/>
                                            // No name: the files go up after the request is saved (pending_uploads).
                                            <div class="field" hidden=move || !hydrated.get()>
                                                <label for="nr-files">{move || i18n.t(Msg::AttachFiles)}</label>
                                                <input id="nr-files" type="file" multiple accept="image/*,application/pdf,.log,.txt"
                                                    on:change=move |_ev| {
                                                        #[cfg(feature = "hydrate")]
                                                        {
                                                            use wasm_bindgen::JsCast;
                                                            if let Some(input) = _ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                                                crate::components::pending_uploads::remember(&input);
                                                            }
                                                        }
                                                    }/>
                                                <p class="muted small">{move || i18n.t(Msg::UploadHint)}</p>
                                            </div>
                                            <FormStatus error=error done=done success=Msg::Created/>
                                            <button type="submit" disabled=move || action.pending().get()>{move || i18n.t(Msg::SubmitRequest)}</button>
                                        </ActionForm>
                                        <DraftRestorer/>
                                        <p class="muted small" hidden=move || hydrated.get()>{move || i18n.t(Msg::AttachLater)}</p>
                                    </section>
                                }.into_any()
                            }}
                    </Loaded>
                }
            }
        />
    }
}

#[cfg(feature = "hydrate")]
mod draft {
    //! The draft as `{name: value}` JSON in localStorage, read and written through the form's
    //! named controls (radios by their checked value).
    use wasm_bindgen::JsCast;

    const KEY: &str = "portal:draft:new-request";

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    fn controls() -> Vec<web_sys::Element> {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return vec![] };
        let Ok(list) = doc.query_selector_all(&format!("#{} [name]", super::FORM_ID)) else { return vec![] };
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok()).collect()
    }

    fn prop(el: &web_sys::Element, name: &str) -> wasm_bindgen::JsValue {
        js_sys::Reflect::get(el, &name.into()).unwrap_or_default()
    }

    pub fn save() {
        let mut map = serde_json::Map::new();
        for el in controls() {
            let name = el.get_attribute("name").unwrap_or_default();
            let is_radio = el.get_attribute("type").as_deref() == Some("radio");
            if is_radio && prop(&el, "checked").as_bool() != Some(true) {
                continue;
            }
            if let Some(v) = prop(&el, "value").as_string() {
                map.insert(name, v.into());
            }
        }
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, &serde_json::Value::Object(map).to_string());
        }
    }

    pub fn restore() {
        let Some(saved) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else { return };
        let Ok(serde_json::Value::Object(map)) = serde_json::from_str(&saved) else { return };
        for el in controls() {
            let name = el.get_attribute("name").unwrap_or_default();
            let Some(v) = map.get(&name).and_then(|v| v.as_str()) else { continue };
            if el.get_attribute("type").as_deref() == Some("radio") {
                let _ = js_sys::Reflect::set(&el, &"checked".into(), &(el.get_attribute("value").as_deref() == Some(v)).into());
            } else if el.get_attribute("type").as_deref() != Some("hidden") {
                let _ = js_sys::Reflect::set(&el, &"value".into(), &v.into());
            }
        }
    }

    pub fn clear() {
        if let Some(s) = storage() {
            let _ = s.remove_item(KEY);
        }
    }
}

/// Restores a saved draft once the form is on the page (browser only).
#[component]
pub fn DraftRestorer() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        request_animation_frame(draft::restore);
    });
}
