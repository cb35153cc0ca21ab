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
        kb_suggest::KbSuggest,
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
    // Files can be chosen only once the page runs in the browser (see pending_uploads): the
    // `NewRequestBrowser` island shows the file field and hides the "add files later" note.
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
                                        <ActionForm action=action attr:id=FORM_ID attr:class="stack" attr:novalidate=true>
                                            <TextField label=Msg::ReqTitle name="title" id="nr-title" required=true error=error autocomplete="off"/>
                                            // The form's suggestion token: what became of the articles suggested on it.
                                            <input type="hidden" name="kb_token" value=fd.kb_token.clone()/>
                                            {(!fd.intake).then(|| view! { <KbSuggest token=fd.kb_token.clone()/> })}
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
                                            {(!fd.devices.is_empty()).then(|| view! {
                                                <div class="field">
                                                    <label for="nr-device">{move || i18n.t(Msg::EqDeviceField)} <span class="optional">" (" {move || i18n.t(Msg::Optional)} ")"</span></label>
                                                    <p class="hint" id="nr-device-hint">{move || i18n.t(Msg::EqDeviceHint)}</p>
                                                    <input id="nr-device" name="device" list="nr-devices" autocomplete="off" aria-describedby="nr-device-hint"/>
                                                    <datalist id="nr-devices">
                                                        {fd.devices.iter().map(|(text, _)| view! { <option value=text.clone()></option> }).collect_view()}
                                                    </datalist>
                                                    <div class="field-errors">{errors_of("device")}</div>
                                                </div>
                                            })}
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
                                            <div class="field" id="nr-files-field" hidden>
                                                <label for="nr-files">{move || i18n.t(Msg::AttachFiles)}</label>
                                                <input id="nr-files" type="file" multiple accept="image/*,application/pdf,.log,.txt"/>
                                                <p class="muted small">{move || i18n.t(Msg::UploadHint)}</p>
                                            </div>
                                            <FormStatus error=error done=done success=Msg::Created/>
                                            <button type="submit" disabled=move || action.pending().get()>{move || i18n.t(Msg::SubmitRequest)}</button>
                                        </ActionForm>
                                        <NewRequestBrowser/>
                                        <p class="muted small" id="nr-attach-later">{move || i18n.t(Msg::AttachLater)}</p>
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

    /// Everything the island does, once the form is on the page.
    pub fn attach() {
        use wasm_bindgen::closure::Closure;
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
        let Some(form) = doc.get_element_by_id(super::FORM_ID) else { return };
        restore();
        if let Some(f) = doc.get_element_by_id("nr-files-field") {
            let _ = f.remove_attribute("hidden");
        }
        if let Some(p) = doc.get_element_by_id("nr-attach-later") {
            let _ = p.set_attribute("hidden", "");
        }
        let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| save());
        let _ = form.add_event_listener_with_callback("input", on_change.as_ref().unchecked_ref());
        let _ = form.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
        if let Some(input) = doc.get_element_by_id("nr-files").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            let on_files = {
                let input = input.clone();
                Closure::<dyn FnMut(web_sys::Event)>::new(move |_| crate::components::pending_uploads::remember(&input))
            };
            let _ = input.add_event_listener_with_callback("change", on_files.as_ref().unchecked_ref());
            on_files.forget();
        }
        let on_submit = {
            let form = form.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
                let has_files = doc_files() > 0;
                if !has_files {
                    // The router posts it; a refused post keeps what is typed on the page.
                    clear();
                    return;
                }
                ev.prevent_default();
                let body = encoded(&form);
                let action = form.get_attribute("action").unwrap_or_default();
                leptos::task::spawn_local(async move {
                    match post(&action, &body).await {
                        Some(url) if domain::Page::from_path(&path_of(&url)) == Some(domain::Page::RequestDetail) => {
                            clear();
                            crate::components::pending_uploads::navigate(&path_of(&url));
                        }
                        Some(url) => go(&url),
                        None => go(domain::Page::NewRequest.pattern()),
                    }
                });
            })
        };
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        on_submit.forget();
    }

    fn doc_files() -> u32 {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("nr-files"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .map(|f| f.length())
            .unwrap_or(0)
    }

    /// The form's named controls as `application/x-www-form-urlencoded`.
    fn encoded(form: &web_sys::Element) -> String {
        let _ = form;
        let mut parts = vec![];
        for el in controls() {
            let name = el.get_attribute("name").unwrap_or_default();
            let is_check = matches!(el.get_attribute("type").as_deref(), Some("radio") | Some("checkbox"));
            if is_check && prop(&el, "checked").as_bool() != Some(true) {
                continue;
            }
            if let Some(v) = prop(&el, "value").as_string() {
                parts.push(format!("{}={}", String::from(js_sys::encode_uri_component(&name)), String::from(js_sys::encode_uri_component(&v))));
            }
        }
        parts.join("&")
    }

    /// Posts the form as a plain form would; the address the answer came from (after redirects).
    async fn post(url: &str, body: &str) -> Option<String> {
        let window = web_sys::window()?;
        let headers = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&headers, &"Accept".into(), &"text/html".into());
        let _ = js_sys::Reflect::set(&headers, &"Content-Type".into(), &"application/x-www-form-urlencoded".into());
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(&body.into());
        let res: web_sys::Response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.ok()?.dyn_into().ok()?;
        Some(res.url())
    }

    /// `/requests/SR-…` from `http://host/requests/SR-…?x`.
    fn path_of(url: &str) -> String {
        let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
        let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
        path.split(['?', '#']).next().unwrap_or("/").to_string()
    }

    fn go(url: &str) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_href(url);
        }
    }
}

/// The form's browser side, an island after the server-rendered form: restores the saved
/// draft and saves it on every change; shows the file field (files are held in the browser,
/// `pending_uploads`) and hides the "add files later" note. Submitting without files is the
/// plain post (the islands router's soft navigation) and forgets the draft. With files chosen
/// the island posts the form itself: on success (the answer is the new request's page) the
/// draft is forgotten and `pending_uploads::navigate` uploads the files before opening the
/// request; a refused post loads the form again (the draft puts back what was typed).
#[island]
pub fn NewRequestBrowser() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        request_animation_frame(draft::attach);
    });
}
