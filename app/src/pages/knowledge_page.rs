//! The knowledge base (`/kb?q=…&category=…`): a search box (a plain GET form: it works
//! without JavaScript), the categories with how many articles the reader may read, the
//! results with the matching words marked. Public articles are read without signing in.
//! Writers also see drafts and articles waiting for review, and links to write and to the
//! usage figures.
use domain::{knowledge::Category, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::{
    api::knowledge::list_articles,
    components::{
        guard::Guard,
        kb_bits::{category_msg, lang_label, marked, status_msg},
        loaded::Loaded,
    },
    i18n::{use_i18n, Msg},
    model::KbBrowse,
};

#[component]
pub fn KnowledgePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let q = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let category = Memo::new(move |_| query.read().get("category").unwrap_or_default());
    let list = Resource::new(move || (q.get(), category.get()), |(q, c)| list_articles(q, c));
    view! {
        <Guard
            page=Page::Knowledge
            view=move |_| view! {
                <div class="page-head"><h1>{move || i18n.t(Msg::KbTitle)}</h1></div>
                <form method="get" action=Page::Knowledge.pattern() class="kb-search" role="search">
                    <label for="kb-q" class="visually-hidden">{move || i18n.t(Msg::KbSearchLabel)}</label>
                    <input id="kb-q" type="search" name="q" maxlength="200" value=move || q.get() placeholder=move || i18n.t(Msg::KbSearchHint)/>
                    {move || (!category.get().is_empty()).then(|| view! { <input type="hidden" name="category" value=category.get()/> })}
                    <button type="submit">{move || i18n.t(Msg::KbSearch)}</button>
                </form>
                <Loaded resource=list let:b>
                    <Browse b=b q=q.get_untracked() category=category.get_untracked()/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Browse(b: KbBrowse, q: String, category: String) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = Category::parse(&category);
    let searching = !q.trim().is_empty();
    view! {
        {b.may_write.then(|| view! {
            <p class="actions">
                <a class="button" href=domain::href::article_new()>{move || i18n.t(Msg::KbNew)}</a>
                " " <a href=Page::KnowledgeStats.pattern()>{move || i18n.t(Msg::KbStatsTitle)}</a>
            </p>
        })}
        <nav class="kb-categories" aria-label=move || i18n.t(Msg::KbCategories)>
            <a href=domain::href::knowledge(&q, "") aria-current=chosen.is_none().then_some("page")>{move || i18n.t(Msg::KbAll)}</a>
            {b.categories.iter().map(|(c, n)| {
                let c = *c;
                view! {
                    <a href=domain::href::knowledge(&q, c.as_str()) aria-current=(chosen == Some(c)).then_some("page")>
                        {move || i18n.t(category_msg(c))} " " <span class="count">{*n}</span>
                    </a>
                }
            }).collect_view()}
        </nav>
        {if b.results.is_empty() {
            let text = if searching { Msg::KbNoMatch } else { Msg::KbEmpty };
            view! { <p class="muted" data-testid="kb-empty">{move || i18n.t(text)}</p> }.into_any()
        } else {
            view! {
                <ul class="kb-results" data-testid="kb-results">
                    {b.results.into_iter().map(|a| view! {
                        <li class="card">
                            <a href=domain::href::article(a.id)><strong>{marked(a.title)}</strong></a>
                            " " <span class="badge">{lang_label(a.lang)}</span>
                            " " <span class="muted small">{move || i18n.t(category_msg(a.category))}</span>
                            {(!a.snippet.is_empty()).then(|| view! { <p class="snippet">{marked(a.snippet)}</p> })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(!b.work.is_empty()).then(|| view! {
            <section class="card">
                <h2>{move || i18n.t(Msg::KbWork)}</h2>
                <div class="table-scroll"><table>
                    <thead><tr>
                        <th scope="col">{move || i18n.t(Msg::KbArticleTitle)}</th>
                        <th scope="col">{move || i18n.t(Msg::Status)}</th>
                        <th scope="col">{move || i18n.t(Msg::KbAuthor)}</th>
                        <th scope="col">{move || i18n.t(Msg::KbUpdated)}</th>
                    </tr></thead>
                    <tbody>
                        {b.work.into_iter().map(|r| view! {
                            <tr>
                                <td><a href=domain::href::article(r.id)>{r.title}</a> " " <span class="badge">{lang_label(r.lang)}</span></td>
                                <td>{move || i18n.t(status_msg(r.status))}</td>
                                <td>{r.author}</td>
                                <td>{r.updated}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table></div>
            </section>
        })}
        {(!b.signed_in).then(|| view! {
            <p class="muted small">{move || i18n.t(Msg::KbSignInForMore)} " " <a href=Page::SignIn.pattern()>{move || i18n.t(Msg::SignIn)}</a></p>
        })}
    }
}
