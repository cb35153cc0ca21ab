//! Service contracts: every customer organization with its contracts; administrators create
//! and edit them, service managers read them. One page, three views chosen by the query
//! (plain links, so it works without JavaScript): the list, `?contract=ID` (one contract) and
//! `?new=ORG_ID` (a new contract for an organization).
use domain::{
    dates::{self, TIME_ZONES},
    sla::{
        contract::{field, ContractInput, Problem, Standing, ON_SITE_NEXT_DAY, ON_SITE_WITHIN},
        CoverageKind, OnSiteLimit, Tier, TimeLimits,
    },
    FieldError, Page,
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::contracts::{get_contract, list_contracts, ContractDetail, ContractSummary, CreateContract, OrgContracts, UpdateContract},
    components::{form::FormStatus, guard::Guard},
    error::AppError,
    i18n::{error_text, field_error_text, use_i18n, Lang, Msg},
};

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
    let update_done = Signal::derive(move || {
        let updated = matches!(update.value().get(), Some(Ok(d)) if Some(d.contract.id) == selected());
        let created_here = matches!(create.value().get(), Some(Ok(d)) if Some(d.contract.id) == selected());
        update_error.get().is_none() && (updated || created_here)
    });
    let create_done = Signal::derive(move || matches!(create.value().get(), Some(Ok(_))));
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

#[component]
fn ContractList(orgs: Vec<OrgContracts>, can_edit: bool, selected: Option<i32>) -> impl IntoView {
    let i18n = use_i18n();
    if orgs.is_empty() {
        return view! { <p class="muted">{move || i18n.t(Msg::ContractsNoCustomers)}</p> }.into_any();
    }
    view! {
        <div class="contract-orgs">
            {orgs
                .into_iter()
                .map(|g| {
                    let none_in_force = !g.contracts.iter().any(|c| c.standing == Standing::InForce);
                    let new_href = format!("/admin/contracts?new={}", g.org_id);
                    view! {
                        <section class="card contract-org" data-org=g.org_id>
                            <div class="contract-org-head">
                                <h2>{g.org_name.clone()}</h2>
                                {(!g.active).then(|| view! { <span class="badge off">{move || i18n.t(Msg::Inactive)}</span> })}
                            </div>
                            {none_in_force.then(|| view! { <p class="hint contract-none">{move || i18n.t(Msg::ContractNoneInForce)}</p> })}
                            {if g.contracts.is_empty() {
                                view! { <p class="muted">{move || i18n.t(Msg::ContractNoContracts)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="contract-list">
                                        {g.contracts.into_iter().map(|c| {
                                            let current = selected == Some(c.id);
                                            view! { <ContractRow c=c can_edit=can_edit current=current/> }
                                        }).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                            {can_edit.then(|| view! { <p><a class="button-link" href=new_href>{move || i18n.t(Msg::ContractNew)}</a></p> })}
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

#[component]
fn ContractRow(c: ContractSummary, can_edit: bool, current: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/admin/contracts?contract={}", c.id);
    let (standing_class, standing_msg) = standing_badge(c.standing);
    let tier = c.tier;
    let coverage = c.coverage;
    let from = dates::format_date(c.valid_from);
    let until = c.valid_until.map(dates::format_date);
    view! {
        <li class="contract-row" data-contract=c.id>
            <div class="contract-row-main">
                <strong>{move || tier_short(i18n.lang.get(), tier)}</strong>
                <span class="badge soft">{move || i18n.t(coverage_msg(coverage))}</span>
                <span class=standing_class>{move || i18n.t(standing_msg)}</span>
            </div>
            <div class="contract-row-meta muted">
                <span>{c.tz.clone()}</span>
                <span>
                    {from} " – " {move || until.clone().unwrap_or_else(|| i18n.t(Msg::ContractOpenEnded).to_string())}
                </span>
            </div>
            <a href=href aria-current=current.then_some("true")>
                {move || i18n.t(if can_edit { Msg::ContractEdit } else { Msg::ContractView })}
                <span class="visually-hidden">" #" {c.id}</span>
            </a>
        </li>
    }
}

/// One contract: the form for administrators, the same fields read-only for managers.
#[component]
fn ContractCard(detail: ContractDetail, action: ServerAction<UpdateContract>, error: Signal<Option<AppError>>, done: Signal<bool>) -> impl IntoView {
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
            <p><a href="/admin/contracts">"← " {move || i18n.t(Msg::ContractAll)}</a></p>
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
fn NewContractCard(org: OrgContracts, action: ServerAction<CreateContract>, error: Signal<Option<AppError>>, done: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let name = org.org_name.clone();
    let heading = move || i18n.t(Msg::ContractNewFor).replace("{org}", &name);
    view! {
        <section class="card contract-card" id="contract">
            <p><a href="/admin/contracts">"← " {move || i18n.t(Msg::ContractAll)}</a></p>
            <h2>{heading}</h2>
            <ActionForm action=action attr:class="stack contract-form" attr:novalidate=true>
                <input type="hidden" name="org_id" value=org.org_id/>
                <Messages name=field::ORG error=error/>
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

/// The inputs of the contract form. Read-only renders them in a disabled fieldset.
#[component]
fn ContractFields(form: ContractInput, error: Signal<Option<AppError>>, read_only: bool) -> impl IntoView {
    let i18n = use_i18n();
    // The tier and the limits follow each other in the browser: choosing another tier while
    // the limits are still the old tier's defaults puts in the new tier's (without JavaScript,
    // the reset button does it on the server).
    let tier = RwSignal::new(form.tier.clone());
    let first_response = RwSignal::new(form.first_response.clone());
    let on_site_kind = RwSignal::new(form.on_site_kind.clone());
    let on_site = RwSignal::new(form.on_site.clone());
    let resolution = form.resolution.clone().map(RwSignal::new);
    let current_limits = move || ContractInput {
        first_response: first_response.get_untracked(),
        on_site_kind: on_site_kind.get_untracked(),
        on_site: on_site.get_untracked(),
        resolution: resolution.map(|r| r.get_untracked()),
        ..ContractInput::default()
    };
    let on_tier = move |value: String| {
        let old = Tier::parse(&tier.get_untracked());
        if let (Some(old), Some(new)) = (old, Tier::parse(&value)) {
            let mut limits = current_limits();
            if limits.limits_are(&TimeLimits::default_for(old)) {
                limits.set_limits(&TimeLimits::default_for(new));
                first_response.set(limits.first_response);
                on_site_kind.set(limits.on_site_kind);
                on_site.set(limits.on_site);
                for (signal, value) in resolution.iter().zip(limits.resolution) {
                    signal.set(value);
                }
            }
        }
        tier.set(value);
    };
    let defaults = move || Tier::parse(&tier.get()).map(TimeLimits::default_for);
    let tier_options: Vec<(String, Msg)> = [(Tier::A, Msg::ContractTierA), (Tier::B, Msg::ContractTierB), (Tier::C, Msg::ContractTierC)]
        .into_iter()
        .map(|(t, m)| (t.as_str().to_string(), m))
        .collect();
    let tier_selected = form.tier.clone();
    let tz_selected = form.tz.clone();
    let kind_selected = form.on_site_kind.clone();
    let resolution_initial = form.resolution.clone();
    let resolution_labels = [Msg::ContractResolution1, Msg::ContractResolution2, Msg::ContractResolution3];
    // Built in parts, each type-erased: one concrete type for the whole form makes render
    // frames big enough to overflow a server worker's stack in debug builds.
    let choices = view! {
            <div class="contract-grid">
                <Field label=Msg::ContractTier name=field::TIER error=error>
                    <select
                        id=field::TIER
                        name=field::TIER
                        aria-invalid=invalid(error, field::TIER)
                        on:change=move |ev| on_tier(event_target_value(&ev))
                    >
                        {tier_options
                            .into_iter()
                            .map(|(value, msg)| {
                                let selected = value == tier_selected;
                                view! { <option value=value selected=selected>{move || i18n.t(msg)}</option> }
                            })
                            .collect_view()}
                    </select>
                </Field>
                <Field label=Msg::ContractTimeZone name=field::TZ error=error hint=Msg::ContractTimeZoneHint>
                    <select id=field::TZ name=field::TZ aria-invalid=invalid(error, field::TZ) aria-describedby=described(error, field::TZ, true)>
                        {TIME_ZONES.iter().map(|z| view! { <option value=*z selected=*z == tz_selected>{*z}</option> }).collect_view()}
                    </select>
                </Field>
            </div>
    }
    .into_any();
    let validity = view! {
            <Group legend=Msg::ContractValidity name=field::VALIDITY error=error>
                <div class="contract-grid">
                    <Field label=Msg::ContractValidFrom name=field::VALID_FROM error=error>
                        <input type="date" id=field::VALID_FROM name=field::VALID_FROM value=form.valid_from.clone()
                            aria-invalid=invalid(error, field::VALID_FROM) aria-describedby=described(error, field::VALID_FROM, false)/>
                    </Field>
                    <Field label=Msg::ContractValidUntil name=field::VALID_UNTIL error=error hint=Msg::ContractValidUntilHint optional=true>
                        <input type="date" id=field::VALID_UNTIL name=field::VALID_UNTIL value=form.valid_until.clone()
                            aria-invalid=invalid(error, field::VALID_UNTIL) aria-describedby=described(error, field::VALID_UNTIL, true)/>
                    </Field>
                </div>
            </Group>
    }
    .into_any();
    let hours = view! {
            <Group legend=Msg::ContractHours name="hours" error=error hint=Msg::ContractHoursHint>
                <div class="contract-grid">
                    <Field label=Msg::ContractDayStart name=field::DAY_START error=error>
                        <input type="time" id=field::DAY_START name=field::DAY_START value=form.day_start.clone()
                            aria-invalid=invalid(error, field::DAY_START) aria-describedby=described(error, field::DAY_START, false)/>
                    </Field>
                    <Field label=Msg::ContractDayEnd name=field::DAY_END error=error>
                        <input type="time" id=field::DAY_END name=field::DAY_END value=form.day_end.clone()
                            aria-invalid=invalid(error, field::DAY_END) aria-describedby=described(error, field::DAY_END, false)/>
                    </Field>
                </div>
            </Group>
    }
    .into_any();
    let limits = view! {
            <Group legend=Msg::ContractLimits name="limits" error=error hint=Msg::ContractLimitsHint>
                <div class="contract-grid">
                    <Field label=Msg::ContractFirstResponse name=field::FIRST_RESPONSE error=error
                        tier_default=Signal::derive(move || defaults().map(|d| TierDefault::Minutes(d.first_response_minutes)))>
                        <MinutesInput name=field::FIRST_RESPONSE value=first_response initial=form.first_response.clone() error=error/>
                    </Field>
                    <Field label=Msg::ContractOnSiteKind name=field::ON_SITE_KIND error=error
                        tier_default=Signal::derive(move || defaults().map(|d| TierDefault::OnSite(d.on_site)))>
                        <select
                            id=field::ON_SITE_KIND
                            name=field::ON_SITE_KIND
                            aria-invalid=invalid(error, field::ON_SITE_KIND)
                            aria-describedby=described(error, field::ON_SITE_KIND, false)
                            prop:value=move || on_site_kind.get()
                            on:change=move |ev| on_site_kind.set(event_target_value(&ev))
                        >
                            <option value=ON_SITE_WITHIN selected=kind_selected == ON_SITE_WITHIN>{move || i18n.t(Msg::ContractOnSiteWithin)}</option>
                            <option value=ON_SITE_NEXT_DAY selected=kind_selected == ON_SITE_NEXT_DAY>{move || i18n.t(Msg::ContractOnSiteNextDay)}</option>
                        </select>
                    </Field>
                    <Field label=Msg::ContractOnSiteMinutes name=field::ON_SITE error=error hint=Msg::ContractOnSiteMinutesHint>
                        <MinutesInput name=field::ON_SITE value=on_site initial=form.on_site.clone() error=error hint=true/>
                    </Field>
                    {(0..3)
                        .map(|i| {
                            let name = field::RESOLUTION[i];
                            let initial = resolution_initial[i].clone();
                            view! {
                                <Field label=resolution_labels[i] name=name error=error
                                    tier_default=Signal::derive(move || defaults().map(|d| TierDefault::Minutes(d.resolution_minutes.get(domain::sla::Severity::ALL[i])))) >
                                    <MinutesInput name=name value=resolution[i] initial=initial error=error/>
                                </Field>
                            }
                        })
                        .collect_view()}
                </div>
            </Group>
    }
    .into_any();
    let dates = view! {
            <Group legend=Msg::ContractDates name=field::CALENDAR_DATES error=error hint=Msg::ContractDatesHint>
                <div class="contract-grid">
                    <Field label=Msg::ContractHolidays name=field::HOLIDAYS error=error optional=true>
                        <textarea id=field::HOLIDAYS name=field::HOLIDAYS rows="6" spellcheck="false" autocomplete="off"
                            aria-invalid=invalid(error, field::HOLIDAYS) aria-describedby=described(error, field::HOLIDAYS, false)>
                            {form.holidays.clone()}
                        </textarea>
                    </Field>
                    <Field label=Msg::ContractWorkingDays name=field::WORKING_DAYS error=error optional=true>
                        <textarea id=field::WORKING_DAYS name=field::WORKING_DAYS rows="6" spellcheck="false" autocomplete="off"
                            aria-invalid=invalid(error, field::WORKING_DAYS) aria-describedby=described(error, field::WORKING_DAYS, false)>
                            {form.working_days.clone()}
                        </textarea>
                    </Field>
                </div>
            </Group>
    }
    .into_any();
    view! {
        <fieldset class="contract-fields" disabled=read_only>
            {choices}
            {validity}
            {hours}
            {limits}
            {dates}
        </fieldset>
    }
    .into_any()
}

/// What a tier's default for a limit is, shown under the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TierDefault {
    Minutes(u32),
    OnSite(OnSiteLimit),
}

impl TierDefault {
    fn text(self, lang: Lang) -> String {
        let value = match self {
            TierDefault::Minutes(m) => minutes_text(lang, m),
            TierDefault::OnSite(OnSiteLimit::Within { minutes }) => {
                format!("{} · {}", Msg::ContractOnSiteWithin.text(lang), minutes_text(lang, minutes))
            }
            TierDefault::OnSite(OnSiteLimit::NextWorkingDayEnd) => Msg::ContractOnSiteNextDay.text(lang).to_string(),
        };
        Msg::ContractTierDefault.text(lang).replace("{v}", &value)
    }
}

/// `120 (2 h)`, or just `10` when not whole hours.
fn minutes_text(lang: Lang, m: u32) -> String {
    let hours = m / 60;
    if hours > 0 && hours * 60 == m {
        format!("{m} ({})", Msg::ContractHoursValue.text(lang).replace("{n}", &hours.to_string()))
    } else {
        m.to_string()
    }
}

/// A labelled control with its hint, the tier's default and its error messages. The control
/// (the children) carries `id = name`; the page shows one contract form at a time.
#[component]
fn Field(
    label: Msg,
    name: &'static str,
    error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(optional)] optional: bool,
    #[prop(optional, into)] tier_default: Option<Signal<Option<TierDefault>>>,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_error = move || error.with(|e| e.as_ref().is_some_and(|e| !e.for_field(name).is_empty()));
    view! {
        <div class="field" class:invalid=has_error>
            <label for=name>
                {move || i18n.t(label)}
                {optional.then(|| view! { <span class="optional">" (" {move || i18n.t(Msg::Optional)} ")"</span> })}
            </label>
            {hint.map(|h| view! { <p class="hint" id=format!("{name}-hint")>{move || i18n.t(h)}</p> })}
            {children()}
            {tier_default.map(|d| view! { <p class="hint tier-default">{move || d.get().map(|d| d.text(i18n.lang.get()))}</p> })}
            <Messages name=name error=error/>
        </div>
    }
}

/// A fieldset with a legend, a hint and the errors that concern its inputs together.
#[component]
fn Group(legend: Msg, name: &'static str, error: Signal<Option<AppError>>, #[prop(optional)] hint: Option<Msg>, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let has_error = move || error.with(|e| e.as_ref().is_some_and(|e| !e.for_field(name).is_empty()));
    view! {
        <fieldset class="contract-group" class:invalid=has_error name=name>
            <legend>{move || i18n.t(legend)}</legend>
            {hint.map(|h| view! { <p class="hint">{move || i18n.t(h)}</p> })}
            <Messages name=name error=error/>
            {children()}
        </fieldset>
    }
}

#[component]
fn MinutesInput(name: &'static str, value: RwSignal<String>, initial: String, error: Signal<Option<AppError>>, #[prop(optional)] hint: bool) -> impl IntoView {
    view! {
        <input
            type="text"
            inputmode="numeric"
            autocomplete="off"
            id=name
            name=name
            value=initial
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
            aria-invalid=invalid(error, name)
            aria-describedby=described(error, name, hint)
        />
    }
}

/// The error messages of one input or group, in the contract form's own words.
#[component]
fn Messages(name: &'static str, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let messages = move || {
        let lang = i18n.lang.get();
        error.get().map(|e| e.for_field(name).iter().map(|fe| problem_text(lang, fe)).collect::<Vec<_>>()).unwrap_or_default()
    };
    view! {
        <div id=format!("{name}-err") class="field-errors" aria-live="polite">
            {move || messages().into_iter().map(|m| view! { <p class="error">{m}</p> }).collect_view()}
        </div>
    }
}

fn invalid(error: Signal<Option<AppError>>, name: &'static str) -> impl Fn() -> Option<&'static str> + Send + Sync + Copy + 'static {
    move || error.with(|e| e.as_ref().is_some_and(|e| !e.for_field(name).is_empty())).then_some("true")
}

fn described(error: Signal<Option<AppError>>, name: &'static str, hint: bool) -> impl Fn() -> Option<String> + Send + Sync + Copy + 'static {
    move || {
        let mut ids = vec![];
        if hint {
            ids.push(format!("{name}-hint"));
        }
        if error.with(|e| e.as_ref().is_some_and(|e| !e.for_field(name).is_empty())) {
            ids.push(format!("{name}-err"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A contract-form error in words: what exactly is wrong with that input.
fn problem_text(lang: Lang, e: &FieldError) -> String {
    let with = |m: Msg, key: &str, value: String| m.text(lang).replace(key, &value);
    match Problem::of(e) {
        None | Some(Problem::Required) => field_error_text(lang, e),
        Some(Problem::UnknownTier) => Msg::ContractErrUnknownTier.text(lang).into(),
        Some(Problem::UnknownTimeZone) => Msg::ContractErrUnknownTz.text(lang).into(),
        Some(Problem::UnknownOnSiteKind) => Msg::ContractErrUnknownOnSite.text(lang).into(),
        Some(Problem::NotACustomer) => Msg::ContractErrNotACustomer.text(lang).into(),
        Some(Problem::NotADate) => Msg::ContractErrNotADate.text(lang).into(),
        Some(Problem::NotATime) => Msg::ContractErrNotATime.text(lang).into(),
        Some(Problem::HoursEndBeforeStart { earliest_minute }) => {
            with(Msg::ContractErrHoursEnd, "{t}", format!("{:02}:{:02}", earliest_minute / 60, earliest_minute % 60))
        }
        Some(Problem::UntilBeforeFrom { from }) => {
            with(Msg::ContractErrUntilBeforeFrom, "{date}", dates::date_from_number(from).map(dates::format_date).unwrap_or_default())
        }
        Some(Problem::Overlaps) => Msg::ContractErrOverlaps.text(lang).into(),
        Some(Problem::LimitOutOfRange) => Msg::ContractErrLimitRange.text(lang).into(),
        Some(Problem::ShorterThanMoreSevere { min }) => with(Msg::ContractErrShorter, "{n}", min.to_string()),
        Some(Problem::ResponseAfterResolution { max }) => with(Msg::ContractErrResponseAfter, "{n}", max.to_string()),
        Some(Problem::BadDateLine) => Msg::ContractErrBadDateLine.text(lang).into(),
        Some(Problem::TooManyDates) => with(Msg::ContractErrTooManyDates, "{n}", dates::MAX_DATES.to_string()),
        Some(Problem::HolidayAndWorkingDay) => Msg::ContractErrHolidayAndWorkingDay.text(lang).into(),
    }
}

fn standing_badge(s: Standing) -> (&'static str, Msg) {
    match s {
        Standing::InForce => ("badge ok", Msg::ContractInForce),
        Standing::Upcoming => ("badge", Msg::ContractUpcoming),
        Standing::NotInForce => ("badge off", Msg::ContractNotInForce),
    }
}

fn coverage_msg(c: CoverageKind) -> Msg {
    match c {
        CoverageKind::AllDay7x24 => Msg::Calendar7x24,
        CoverageKind::BusinessHours7x8 => Msg::Calendar7x8,
        CoverageKind::BusinessHours5x8 => Msg::Calendar5x8,
    }
}

fn tier_short(lang: Lang, t: Tier) -> String {
    Msg::ContractTierShort.text(lang).replace("{t}", &t.as_str().to_uppercase())
}
