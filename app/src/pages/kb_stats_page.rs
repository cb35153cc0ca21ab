//! How the knowledge base is used (`/kb/stats`, writers): per article, how often it was
//! suggested on the new-request form, opened, "solved it" and "submitted anyway", and readers'
//! answers; then the searches and request titles that found nothing, most asked first: the
//! articles still to write.
use domain::Page;
use leptos::prelude::*;

use crate::{
    api::knowledge::get_kb_stats,
    components::{guard::Guard, loaded::Loaded},
    i18n::{use_i18n, Msg},
    model::KbStats,
};

#[component]
pub fn KbStatsPage() -> impl IntoView {
    let i18n = use_i18n();
    let stats = Resource::new(|| (), |_| get_kb_stats());
    view! {
        <Guard
            page=Page::KnowledgeStats
            view=move |_| view! {
                <div class="page-head"><h1>{move || i18n.t(Msg::KbStatsTitle)}</h1></div>
                <p><a href=Page::Knowledge.pattern()>{move || i18n.t(Msg::KbTitle)}</a></p>
                <Loaded resource=stats let:s>
                    <Stats s=s/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Stats(s: KbStats) -> impl IntoView {
    let i18n = use_i18n();
    let pct = |part: i64, all: i64| if all == 0 { "–".to_string() } else { format!("{}%", part * 100 / all) };
    view! {
        <section class="card">
            <h2>{move || i18n.t(Msg::KbSuggestedArticles)}</h2>
            {if s.articles.is_empty() {
                view! { <p class="muted">{move || i18n.t(Msg::KbNoUse)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll"><table data-testid="kb-usage-table">
                        <thead><tr>
                            <th scope="col">{move || i18n.t(Msg::KbArticleTitle)}</th>
                            <th scope="col" class="num">{move || i18n.t(Msg::KbShown)}</th>
                            <th scope="col" class="num">{move || i18n.t(Msg::KbOpened)}</th>
                            <th scope="col" class="num">{move || i18n.t(Msg::KbSolvedCount)}</th>
                            <th scope="col" class="num">{move || i18n.t(Msg::KbSolvedRate)}</th>
                            <th scope="col" class="num">{move || i18n.t(Msg::KbSubmitted)}</th>
                            <th scope="col" class="num">{move || i18n.t(Msg::KbHelped)}</th>
                        </tr></thead>
                        <tbody>
                            {s.articles.into_iter().map(|r| view! {
                                <tr data-article=r.id.to_string()>
                                    <td><a href=domain::href::article(r.id)>{r.title.clone()}</a></td>
                                    <td class="num">{r.shown}</td>
                                    <td class="num">{r.opened}</td>
                                    <td class="num" data-testid="kb-solved-count">{r.solved}</td>
                                    <td class="num">{pct(r.solved, r.shown)}</td>
                                    <td class="num">{r.submitted}</td>
                                    <td class="num">{format!("{}/{}", r.helped, r.answers)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
        <section class="card">
            <h2>{move || i18n.t(Msg::KbMisses)}</h2>
            <p class="muted small">{move || i18n.t(Msg::KbMissesHint)}</p>
            {if s.misses.is_empty() {
                view! { <p class="muted">{move || i18n.t(Msg::KbNoMisses)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll"><table data-testid="kb-misses">
                        <thead><tr>
                            <th scope="col">{move || i18n.t(Msg::KbQuery)}</th>
                            <th scope="col">{move || i18n.t(Msg::KbWhere)}</th>
                            <th scope="col" class="num">{move || i18n.t(Msg::KbTimes)}</th>
                            <th scope="col">{move || i18n.t(Msg::KbLast)}</th>
                        </tr></thead>
                        <tbody>
                            {s.misses.into_iter().map(|m| {
                                let source = if m.source == "request" { Msg::KbFromRequestTitle } else { Msg::KbFromSearch };
                                view! {
                                    <tr>
                                        <td>{m.query.clone()}</td>
                                        <td>{move || i18n.t(source)}</td>
                                        <td class="num">{m.count}</td>
                                        <td>{m.last.clone()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
    }
}
