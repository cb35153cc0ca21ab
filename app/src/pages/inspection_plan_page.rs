//! A contract's inspection plan (`/inspections/plans/:id`, the contract's id): how often, which
//! sites and device categories, which checklist, the notice period and the report deadline
//! in working days. Saving generates this year's and next year's inspections at once.
use domain::{equipment::DeviceCategory, inspection::Frequency, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    api::inspections::{get_inspection_plan, SaveInspectionPlan},
    components::{
        equipment_bits::category_msg,
        form::{FormStatus, Messages},
        guard::Guard,
        inspection_bits::status_msg,
        loaded::Loaded,
        work_actions::succeeded,
    },
    i18n::{use_i18n, Msg},
    model::InspectionPlanForm,
};

#[component]
pub fn InspectionPlanPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let save = ServerAction::<SaveInspectionPlan>::new();
    let v = save.version();
    let plan = Resource::new(move || (id.get(), v.try_get().unwrap_or(0)), |(id, _)| get_inspection_plan(id));
    view! {
        <Guard
            page=Page::InspectionPlan
            view=move |_| view! {
                <p><a href=Page::Inspections.pattern()>"← " {move || i18n.t(Msg::InTitle)}</a></p>
                <Loaded resource=plan suspense=true error=crate::components::equipment_bits::refused let:p>
                    <PlanForm p=p save=save/>
                </Loaded>
            }
        />
    }
}

fn frequency_msg(f: Frequency) -> Msg {
    match f {
        Frequency::Monthly => Msg::InMonthly,
        Frequency::Quarterly => Msg::InQuarterly,
        Frequency::HalfYearly => Msg::InHalfYearly,
    }
}

#[component]
fn PlanForm(p: InspectionPlanForm, save: ServerAction<SaveInspectionPlan>) -> impl IntoView {
    let i18n = use_i18n();
    let err = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let s = p.settings.clone();
    let disabled = !p.can_edit;
    view! {
        <div class="page-head">
            <h1>{move || i18n.t(Msg::InPlanTitle).replace("{org}", &p.organization)}</h1>
            <p class="muted small">{move || i18n.t(Msg::InContract)} " " {p.contract_period.clone()}
                {p.effective_from.clone().map(|d| view! { " · " {move || i18n.t(Msg::InEffectiveFrom)} " " {d.clone()} })}
            </p>
        </div>
        {(!p.counts.is_empty()).then(|| view! {
            <p class="muted small" data-testid="plan-counts">
                {p.counts.iter().map(|(st, n)| { let (st, n) = (*st, *n); view! { <span class="badge">{move || i18n.t(status_msg(st))} " " {n}</span> " " } }).collect_view()}
            </p>
        })}
        <ActionForm action=save attr:class="card stack plan-form">
            <input type="hidden" name="contract_id" value=p.contract_id/>
            <input type="hidden" name="version" value=p.version/>
            <fieldset disabled=disabled>
                <label>{move || i18n.t(Msg::InFrequency)}
                    <select name="frequency">
                        {Frequency::ALL.into_iter().map(|f| view! { <option value=f.as_str() selected=f == s.frequency>{move || i18n.t(frequency_msg(f))}</option> }).collect_view()}
                    </select>
                </label>
                <Messages name="frequency" error=err/>
                <label>{move || i18n.t(Msg::InChecklist)}
                    <select name="template_id">
                        {p.templates.iter().map(|(id, name)| view! { <option value=id.to_string() selected=*id == p.template_id>{name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <Messages name="template_id" error=err/>
                <label>{move || i18n.t(Msg::InNoticeDays)} <input type="number" name="notice_days" min="1" max="60" required value=s.notice_days/></label>
                <Messages name="notice_days" error=err/>
                <label>{move || i18n.t(Msg::InReportDays)} <input type="number" name="report_days" min="1" max="60" required value=s.report_days/></label>
                <Messages name="report_days" error=err/>
                <label class="check"><input type="checkbox" name="initial" checked=s.initial/> {move || i18n.t(Msg::InInitialToo)}</label>
                <fieldset>
                    <legend>{move || i18n.t(Msg::InSites)} <span class="muted small">{move || i18n.t(Msg::InNoneMeansAll)}</span></legend>
                    {p.sites.iter().enumerate().map(|(i, (id, name))| view! {
                        <label class="check"><input type="checkbox" name=format!("sites[{i}]") value=id.to_string() checked=s.sites.contains(id)/> {name.clone()}</label>
                    }).collect_view()}
                    <Messages name="sites" error=err/>
                </fieldset>
                <fieldset>
                    <legend>{move || i18n.t(Msg::InCategories)} <span class="muted small">{move || i18n.t(Msg::InNoneMeansAll)}</span></legend>
                    {DeviceCategory::ALL.into_iter().enumerate().map(|(i, c)| view! {
                        <label class="check"><input type="checkbox" name=format!("categories[{i}]") value=c.as_str() checked=s.categories.contains(&c)/> {move || i18n.t(category_msg(c))}</label>
                    }).collect_view()}
                    <Messages name="categories" error=err/>
                </fieldset>
                {p.can_edit.then(|| view! { <button type="submit">{move || i18n.t(Msg::InSavePlan)}</button> })}
            </fieldset>
            <FormStatus error=err done=succeeded(save) success=Msg::Updated/>
        </ActionForm>
    }
}
