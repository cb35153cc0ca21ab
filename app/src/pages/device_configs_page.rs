//! Two versions of a device's configuration backup compared
//! (`/equipment/:id/configs?from=ID&to=ID`, by default the latest against the one before):
//! the changed lines with a few lines around each, added and removed marked in words and
//! colour. Choosing other versions is a plain GET form.
use domain::{equipment::config_backup::DiffKind, Page};
use leptos::prelude::*;
use leptos_router::{
    components::Form,
    hooks::{use_params_map, use_query_map},
};

use crate::{
    api::equipment::compare_configs,
    components::{guard::Guard, loaded::Loaded},
    i18n::{use_i18n, Msg},
    model::ConfigDiff,
};

#[component]
pub fn DeviceConfigsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = Memo::new(move |_| {
        let id = params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
        let q = query.read();
        let n = |k: &str| q.get(k).and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
        (id, n("from"), n("to"))
    });
    let diff = Resource::new(move || key.get(), |(id, from, to)| compare_configs(id, from, to));
    view! {
        <Guard
            page=Page::DeviceConfigs
            view=move |_| view! {
                <Loaded resource=diff suspense=true error=crate::components::equipment_bits::refused let:d>
                    <Diff d=d/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Diff(d: ConfigDiff) -> impl IntoView {
    let i18n = use_i18n();
    let device = d.device.clone();
    let select = |name: &'static str, chosen: Option<i32>, versions: &[crate::model::ConfigVersion]| {
        let options = versions
            .iter()
            .map(|v| view! { <option value=v.id.to_string() selected=Some(v.id) == chosen>{format!("v{} · {}", v.number, v.at)}</option> })
            .collect_view();
        view! { <select name=name>{options}</select> }
    };
    let (from, to) = (d.from.as_ref().map(|v| v.id), d.to.as_ref().map(|v| v.id));
    let (added, removed) = (d.added, d.removed);
    view! {
        <p><a href=domain::href::device(d.device_id)>"← " {d.device.clone()}</a></p>
        <h1>{move || i18n.t(Msg::EqConfigTitle).replace("{device}", &device)}</h1>
        <Form method="GET" action="" attr:class="filters">
            <label>{move || i18n.t(Msg::EqConfigFrom)} " " {select("from", from, &d.versions)}</label>
            <label>{move || i18n.t(Msg::EqConfigTo)} " " {select("to", to, &d.versions)}</label>
            <button type="submit">{move || i18n.t(Msg::EqConfigShow)}</button>
        </Form>
        {match (&d.from, &d.to) {
            (Some(_), Some(_)) if d.too_large => view! { <p class="muted">{move || i18n.t(Msg::EqConfigTooLong)}</p> }.into_any(),
            (Some(_), Some(_)) if d.lines.is_empty() => view! { <p class="muted">{move || i18n.t(Msg::EqConfigSame)}</p> }.into_any(),
            (Some(_), Some(_)) => view! {
                <p class="diff-counts">{move || i18n.t(Msg::EqConfigCounts).replace("{added}", &added.to_string()).replace("{removed}", &removed.to_string())}</p>
                <pre class="diff card">
                    {d.lines.into_iter().map(|(kind, text)| {
                        let (class, sign) = match kind {
                            DiffKind::Same => ("same", "  "),
                            DiffKind::Added => ("added", "+ "),
                            DiffKind::Removed => ("removed", "- "),
                        };
                        view! { <span class=class data-diff=class>{sign}{text}"\n"</span> }
                    }).collect_view()}
                </pre>
            }.into_any(),
            _ => view! { <p class="muted">{move || i18n.t(Msg::EqConfigNeedTwo)}</p> }.into_any(),
        }}
    }
}
