//! Satisfaction survey results: response rate, average score and share satisfied in total,
//! per engineer, organization and site, their trend as a chart, and the newest comments.
//! The filters are a GET form, so a selection is a bookmarkable URL that works without
//! JavaScript, and the CSV link downloads the same selection. What the caller may see
//! (all, their organization, their own work) is decided by the server
//! (`api::surveys::get_survey_results`); the page only hides tables the scope makes pointless.
use domain::{survey::Period, ErrorCode, FieldError, Page};
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_query_map};

use crate::{
    api::surveys::{get_survey_results, RESULTS_TZ},
    components::{
        guard::Guard,
        trend_chart::{average, percent, TrendChart},
    },
    error::AppError,
    i18n::{error_text, field_error_text, use_i18n, Lang, Msg},
    model::{GroupRow, ResultsFilter, SurveyComment, SurveyResults},
};

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        ResultsFilter { org: get("org"), site: get("site"), engineer: get("engineer"), from: get("from"), until: get("until"), period: get("period") }
    });
    let results = Resource::new(move || filter.get(), get_survey_results);
    view! {
        <Guard
            page=Page::SurveyResults
            view=move |_| view! {
                <h1>{move || i18n.t(Msg::ResultsTitle)}</h1>
                <Transition fallback=move || view! { <p class="muted">{move || i18n.t(Msg::Loading)}</p> }>
                    {move || results.get().map(|r| {
                        let f = filter.get_untracked();
                        match r {
                            Err(e) => view! {
                                <Filters f=f options=None error=Some(e.clone())/>
                                <p class="error" role="alert">{error_text(i18n.lang.get_untracked(), &e)}</p>
                            }.into_any(),
                            Ok(res) => view! { <Results f=f res=res/> }.into_any(),
                        }
                    })}
                </Transition>
            }
        />
    }
}

#[component]
fn Results(f: ResultsFilter, res: SurveyResults) -> impl IntoView {
    let i18n = use_i18n();
    let scope_msg = match res.scope.as_str() {
        "organization" => Msg::ResultsScopeOrganization,
        "own" => Msg::ResultsScopeOwn,
        _ => Msg::ResultsScopeAll,
    };
    let period = if f.period == "week" { Period::Week } else { Period::Month };
    let csv_href = domain::href::survey_results_csv(&filter_pairs(&f));
    let empty = res.total.sent == 0;
    let t = res.total;
    let answered = format!("{} / {}", t.answered, t.sent);
    // Each part is type-erased: one view type for the whole page overflowed the stack of
    // an unoptimized server build while rendering.
    let head = view! {
        <p class="muted">{move || i18n.t(scope_msg)}</p>
        {res.capped_since.map(|t| view! {
            <p class="notice" role="status">{move || i18n.t(Msg::ResultsCapped).replace("{date}", &t.format("%Y-%m-%d").to_string())}</p>
        })}
        <Filters f=f options=Some(res.clone()) error=None/>
        // rel=external and download: a file, not a page for the client-side router.
        <p><a class="button" href=csv_href rel="external" download="">{move || i18n.t(Msg::ResultsDownloadCsv)}</a></p>
    }
    .into_any();
    let totals = view! {
        <section aria-labelledby="results-totals">
            <h2 id="results-totals">{move || i18n.t(Msg::ResultsTotals)}</h2>
            <dl class="facts results-figures">
                <dt>{move || i18n.t(Msg::ResultsResponseRate)}</dt>
                <dd><strong class="figure">{percent(t.response_rate_permille)}</strong> " " <span class="muted small">"(" {answered} ")"</span></dd>
                <dt>{move || i18n.t(Msg::ResultsAverage)}</dt>
                <dd><strong class="figure">{average(t.average_overall_centi)}</strong> <span class="muted small">" / 5"</span></dd>
                <dt>{move || i18n.t(Msg::ResultsSatisfied)}</dt>
                <dd><strong class="figure">{percent(t.satisfied_permille)}</strong></dd>
            </dl>
        </section>
    }
    .into_any();
    let details = if empty {
        view! { <p class="muted">{move || i18n.t(Msg::ResultsEmpty)}</p> }.into_any()
    } else {
        let trend = view! {
            <section aria-labelledby="results-trend">
                <h2 id="results-trend">{move || i18n.t(Msg::ResultsTrend)}</h2>
                <TrendChart rows=res.trend.clone() period=period/>
            </section>
        }
        .into_any();
        // One engineer's own results need no table per engineer, nor one organization's a
        // table per organization.
        let by_engineer = (res.scope != "own")
            .then(|| view! { <GroupTable id="results-by-engineer" title=Msg::ResultsByEngineer name_col=Msg::Engineer none=Msg::ResultsNoEngineer rows=res.by_engineer.clone()/> }.into_any());
        let by_organization = (res.scope != "organization")
            .then(|| view! { <GroupTable id="results-by-organization" title=Msg::ResultsByOrganization name_col=Msg::Organization rows=res.by_organization.clone()/> }.into_any());
        let by_site = view! { <GroupTable id="results-by-site" title=Msg::ResultsBySite name_col=Msg::Site none=Msg::ResultsNoSite rows=res.by_site.clone()/> }
            .into_any();
        view! { {trend} {by_engineer} {by_organization} {by_site} }.into_any()
    };
    let comments = view! { <Comments comments=res.comments/> }.into_any();
    view! { {head} {totals} {details} {comments} }
}

/// The GET form: organization, site, engineer, dates and trend period. Only the options the
/// server offered (what the caller may filter by) are listed.
#[component]
fn Filters(f: ResultsFilter, options: Option<SurveyResults>, error: Option<AppError>) -> impl IntoView {
    let i18n = use_i18n();
    let errors = move |field: &'static str| error.as_ref().map(|e| e.for_field(field)).unwrap_or_default();
    let (from_errors, until_errors, period_errors) = (errors("from"), errors("until"), errors("period"));
    let (orgs, sites, engineers) = options.map(|o| (o.organizations, o.sites, o.engineers)).unwrap_or_default();
    let select = move |name: &'static str, label: Msg, any: Msg, list: Vec<(i32, String)>, current: String| {
        // A single choice (a site manager's organization, an engineer themselves) is no choice.
        (list.len() > 1).then(|| view! {
            <label>{move || i18n.t(label)}
                <select name=name>
                    <option value="" selected=current.is_empty()>{move || i18n.t(any)}</option>
                    {list.into_iter().map(|(id, text)| view! { <option value=id.to_string() selected=current == id.to_string()>{text}</option> }).collect_view()}
                </select>
            </label>
        })
    };
    view! {
        <Form method="GET" action="" attr:class="filters" attr:role="search">
            {select("org", Msg::Organization, Msg::AnyOrganization, orgs, f.org.clone())}
            {select("site", Msg::Site, Msg::AnySite, sites, f.site.clone())}
            {select("engineer", Msg::Engineer, Msg::ResultsAnyEngineer, engineers, f.engineer.clone())}
            <DateField name="from" label=Msg::ResultsFrom value=f.from.clone() errors=from_errors/>
            <DateField name="until" label=Msg::ResultsUntil value=f.until.clone() errors=until_errors/>
            <label>{move || i18n.t(Msg::ResultsPeriod)}
                <select name="period" aria-invalid=(!period_errors.is_empty()).then_some("true")>
                    <option value="month" selected=f.period != "week">{move || i18n.t(Msg::ResultsMonth)}</option>
                    <option value="week" selected=f.period == "week">{move || i18n.t(Msg::ResultsWeek)}</option>
                </select>
            </label>
            <button type="submit" class="secondary">{move || i18n.t(Msg::Apply)}</button>
        </Form>
    }
}

#[component]
fn DateField(name: &'static str, label: Msg, value: String, errors: Vec<FieldError>) -> impl IntoView {
    let i18n = use_i18n();
    let err_id = format!("results-{name}-err");
    let invalid = !errors.is_empty();
    view! {
        <label>{move || i18n.t(label)}
            <input type="date" name=name value=value aria-invalid=invalid.then_some("true") aria-describedby=invalid.then(|| err_id.clone())/>
            {invalid.then(|| view! {
                <span id=err_id class="error small">
                    {move || errors.iter().map(|e| date_error_text(i18n.lang.get(), e)).collect::<Vec<_>>().join(" ")}
                </span>
            })}
        </label>
    }
}

/// The server says `invalid_choice` for "not a date" and `out_of_range` for an end before
/// the start (the contract form's codes); say so in words that fit a date.
fn date_error_text(lang: Lang, e: &FieldError) -> String {
    match e.code {
        ErrorCode::InvalidChoice => Msg::ResultsErrNotADate.text(lang).into(),
        ErrorCode::OutOfRange { .. } => Msg::ResultsErrUntilBeforeFrom.text(lang).into(),
        _ => field_error_text(lang, e),
    }
}

/// Figures per engineer, organization or site, in a scroll container so a phone never
/// scrolls the whole page sideways.
#[component]
fn GroupTable(
    id: &'static str,
    title: Msg,
    name_col: Msg,
    /// What an empty name (no engineer, no site) is shown as.
    #[prop(optional)]
    none: Option<Msg>,
    rows: Vec<GroupRow>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{move || i18n.t(title)}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby=id>
                <table class="audit results-table">
                    <thead><tr>
                        <th scope="col">{move || i18n.t(name_col)}</th>
                        <th scope="col">{move || i18n.t(Msg::ResultsSent)}</th>
                        <th scope="col">{move || i18n.t(Msg::ResultsAnswered)}</th>
                        <th scope="col">{move || i18n.t(Msg::ResultsResponseRate)}</th>
                        <th scope="col">{move || i18n.t(Msg::ResultsAverage)}</th>
                        <th scope="col">{move || i18n.t(Msg::ResultsSatisfied)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|r| {
                            let s = r.summary;
                            let name = r.name;
                            view! {
                                <tr>
                                    <th scope="row">{if name.is_empty() { view! { <span class="muted">{move || none.map(|m| i18n.t(m)).unwrap_or("—")}</span> }.into_any() } else { view! { <span>{name}</span> }.into_any() }}</th>
                                    <td>{s.sent}</td>
                                    <td>{s.answered}</td>
                                    <td>{percent(s.response_rate_permille)}</td>
                                    <td>{average(s.average_overall_centi)}</td>
                                    <td>{percent(s.satisfied_permille)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn Comments(comments: Vec<SurveyComment>) -> impl IntoView {
    let i18n = use_i18n();
    let empty = comments.is_empty();
    view! {
        <section aria-labelledby="results-comments">
            <h2 id="results-comments">{move || i18n.t(Msg::ResultsComments)}</h2>
            {empty.then(|| view! { <p class="muted">{move || i18n.t(Msg::ResultsNoComments)}</p> })}
            <ul class="notification-list results-comments">
                {comments.into_iter().map(|c| {
                    let verdict = c.satisfied.map(|s| if s { Msg::ResultsVerdictYes } else { Msg::ResultsVerdictNo });
                    let when = c.answered_at.with_timezone(&RESULTS_TZ);
                    let href = domain::href::request(&c.number);
                    let mut about = vec![c.org_name];
                    about.extend(c.engineer_name);
                    view! {
                        <li>
                            <p>
                                {c.overall.map(|o| view! { <strong>{move || i18n.t(Msg::ResultsScore)} " " {format!("{o}/5")}</strong> " " })}
                                {verdict.map(|m| view! { <span class="badge">{move || i18n.t(m)}</span> })}
                            </p>
                            <p class="results-comment-text">{c.text}</p>
                            <p class="small muted">
                                <a href=href>{c.number}</a> " · " {about.join(" · ")} " · "
                                <time datetime=c.answered_at.to_rfc3339()>{when.format("%Y-%m-%d %H:%M").to_string()}</time>
                            </p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The filters that are set, for the CSV link.
fn filter_pairs(f: &ResultsFilter) -> Vec<(&'static str, &str)> {
    let pairs = [("org", &f.org), ("site", &f.site), ("engineer", &f.engineer), ("from", &f.from), ("until", &f.until), ("period", &f.period)];
    pairs.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (k, v.as_str())).collect()
}
