//! The inputs of the contract form, built from the shared form widgets; the tier and the
//! limits follow each other in the browser, and each limit says the tier's default.
use domain::{
    dates::TIME_ZONES,
    sla::{
        contract::{field, ContractInput, ON_SITE_NEXT_DAY, ON_SITE_WITHIN},
        OnSiteLimit, Tier, TimeLimits,
    },
};
use leptos::prelude::*;

use super::problems::problem_text;
use crate::{
    components::form::{aria_described, aria_invalid, Field, Group},
    error::AppError,
    i18n::{use_i18n, Lang, Msg},
};

/// The inputs of the contract form. Read-only renders them in a disabled fieldset.
#[component]
pub(super) fn ContractFields(form: ContractInput, error: Signal<Option<AppError>>, read_only: bool) -> impl IntoView {
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
                <Field label=Msg::ContractTier name=field::TIER error=error words=problem_text>
                    <select
                        id=field::TIER
                        name=field::TIER
                        aria-invalid=aria_invalid(error, field::TIER)
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
                <Field label=Msg::ContractTimeZone name=field::TZ error=error words=problem_text hint=Msg::ContractTimeZoneHint>
                    <select id=field::TZ name=field::TZ aria-invalid=aria_invalid(error, field::TZ) aria-describedby=aria_described(error, field::TZ, true)>
                        {TIME_ZONES.iter().map(|z| view! { <option value=*z selected=*z == tz_selected>{*z}</option> }).collect_view()}
                    </select>
                </Field>
            </div>
    }
    .into_any();
    let validity = view! {
            <Group legend=Msg::ContractValidity name=field::VALIDITY error=error class="contract-group" words=problem_text>
                <div class="contract-grid">
                    <Field label=Msg::ContractValidFrom name=field::VALID_FROM error=error words=problem_text>
                        <input type="date" id=field::VALID_FROM name=field::VALID_FROM value=form.valid_from.clone()
                            aria-invalid=aria_invalid(error, field::VALID_FROM) aria-describedby=aria_described(error, field::VALID_FROM, false)/>
                    </Field>
                    <Field label=Msg::ContractValidUntil name=field::VALID_UNTIL error=error words=problem_text hint=Msg::ContractValidUntilHint optional=true>
                        <input type="date" id=field::VALID_UNTIL name=field::VALID_UNTIL value=form.valid_until.clone()
                            aria-invalid=aria_invalid(error, field::VALID_UNTIL) aria-describedby=aria_described(error, field::VALID_UNTIL, true)/>
                    </Field>
                </div>
            </Group>
    }
    .into_any();
    let hours = view! {
            <Group legend=Msg::ContractHours name="hours" error=error class="contract-group" words=problem_text hint=Msg::ContractHoursHint>
                <div class="contract-grid">
                    <Field label=Msg::ContractDayStart name=field::DAY_START error=error words=problem_text>
                        <input type="time" id=field::DAY_START name=field::DAY_START value=form.day_start.clone()
                            aria-invalid=aria_invalid(error, field::DAY_START) aria-describedby=aria_described(error, field::DAY_START, false)/>
                    </Field>
                    <Field label=Msg::ContractDayEnd name=field::DAY_END error=error words=problem_text>
                        <input type="time" id=field::DAY_END name=field::DAY_END value=form.day_end.clone()
                            aria-invalid=aria_invalid(error, field::DAY_END) aria-describedby=aria_described(error, field::DAY_END, false)/>
                    </Field>
                </div>
            </Group>
    }
    .into_any();
    let limits = view! {
            <Group legend=Msg::ContractLimits name="limits" error=error class="contract-group" words=problem_text hint=Msg::ContractLimitsHint>
                <div class="contract-grid">
                    <Field label=Msg::ContractFirstResponse name=field::FIRST_RESPONSE error=error words=problem_text>
                        <MinutesInput name=field::FIRST_RESPONSE value=first_response initial=form.first_response.clone() error=error/>
                            <TierDefaultHint value=Signal::derive(move || defaults().map(|d| TierDefault::Minutes(d.first_response_minutes)))/>
                    </Field>
                    <Field label=Msg::ContractOnSiteKind name=field::ON_SITE_KIND error=error words=problem_text>
                        <select
                            id=field::ON_SITE_KIND
                            name=field::ON_SITE_KIND
                            aria-invalid=aria_invalid(error, field::ON_SITE_KIND)
                            aria-describedby=aria_described(error, field::ON_SITE_KIND, false)
                            prop:value=move || on_site_kind.get()
                            on:change=move |ev| on_site_kind.set(event_target_value(&ev))
                        >
                            <option value=ON_SITE_WITHIN selected=kind_selected == ON_SITE_WITHIN>{move || i18n.t(Msg::ContractOnSiteWithin)}</option>
                            <option value=ON_SITE_NEXT_DAY selected=kind_selected == ON_SITE_NEXT_DAY>{move || i18n.t(Msg::ContractOnSiteNextDay)}</option>
                        </select>
                            <TierDefaultHint value=Signal::derive(move || defaults().map(|d| TierDefault::OnSite(d.on_site)))/>
                    </Field>
                    <Field label=Msg::ContractOnSiteMinutes name=field::ON_SITE error=error words=problem_text hint=Msg::ContractOnSiteMinutesHint>
                        <MinutesInput name=field::ON_SITE value=on_site initial=form.on_site.clone() error=error hint=true/>
                    </Field>
                    {(0..3)
                        .map(|i| {
                            let name = field::RESOLUTION[i];
                            let initial = resolution_initial[i].clone();
                            view! {
                                <Field label=resolution_labels[i] name=name error=error words=problem_text>
                                    <MinutesInput name=name value=resolution[i] initial=initial error=error/>
                                        <TierDefaultHint value=Signal::derive(move || defaults().map(|d| TierDefault::Minutes(d.resolution_minutes.get(domain::sla::Severity::ALL[i]))))/>
                                </Field>
                            }
                        })
                        .collect_view()}
                </div>
            </Group>
    }
    .into_any();
    let complaints = view! {
            <Group legend=Msg::ContractComplaints name="complaints" error=error class="contract-group" words=problem_text hint=Msg::ContractComplaintsHint>
                <div class="contract-grid">
                    <Field label=Msg::ContractComplaintAck name=field::COMPLAINT_ACK error=error words=problem_text>
                        <input type="text" inputmode="numeric" autocomplete="off" id=field::COMPLAINT_ACK name=field::COMPLAINT_ACK value=form.complaint_ack.clone()
                            aria-invalid=aria_invalid(error, field::COMPLAINT_ACK) aria-describedby=aria_described(error, field::COMPLAINT_ACK, false)/>
                    </Field>
                    <Field label=Msg::ContractComplaintAnswer name=field::COMPLAINT_ANSWER error=error words=problem_text>
                        <input type="text" inputmode="numeric" autocomplete="off" id=field::COMPLAINT_ANSWER name=field::COMPLAINT_ANSWER value=form.complaint_answer.clone()
                            aria-invalid=aria_invalid(error, field::COMPLAINT_ANSWER) aria-describedby=aria_described(error, field::COMPLAINT_ANSWER, false)/>
                    </Field>
                </div>
            </Group>
    }
    .into_any();
    let dates = view! {
            <Group legend=Msg::ContractDates name=field::CALENDAR_DATES error=error class="contract-group" words=problem_text hint=Msg::ContractDatesHint>
                <div class="contract-grid">
                    <Field label=Msg::ContractHolidays name=field::HOLIDAYS error=error words=problem_text optional=true>
                        <textarea id=field::HOLIDAYS name=field::HOLIDAYS rows="6" spellcheck="false" autocomplete="off"
                            aria-invalid=aria_invalid(error, field::HOLIDAYS) aria-describedby=aria_described(error, field::HOLIDAYS, false)>
                            {form.holidays.clone()}
                        </textarea>
                    </Field>
                    <Field label=Msg::ContractWorkingDays name=field::WORKING_DAYS error=error words=problem_text optional=true>
                        <textarea id=field::WORKING_DAYS name=field::WORKING_DAYS rows="6" spellcheck="false" autocomplete="off"
                            aria-invalid=aria_invalid(error, field::WORKING_DAYS) aria-describedby=aria_described(error, field::WORKING_DAYS, false)>
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
            {complaints}
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

/// The tier's default for a limit, under its input.
#[component]
fn TierDefaultHint(#[prop(into)] value: Signal<Option<TierDefault>>) -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="hint tier-default">{move || value.get().map(|d| d.text(i18n.lang.get()))}</p> }
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
            aria-invalid=aria_invalid(error, name)
            aria-describedby=aria_described(error, name, hint)
        />
    }
}
