//! One article (`/kb/:id`): the text (Markdown rendered on the server with raw HTML
//! escaped), its tags, devices and software, the other language's version, and "did this
//! help?". Opened from a suggestion on the new-request form (`?from=<token>`), it offers
//! "this solved it", which records that no request was needed and goes home (the form's draft
//! stays in the browser). Writers also see the review status and steps, the versions (`?v=N`
//! shows one), the visibility and how the article is used.
use domain::Page;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::knowledge::{get_article, ActOnArticle, ArticleSolved, RateArticle},
    components::{
        form::FormStatus,
        guard::Guard,
        kb_bits::{action_msg, category_msg, lang_label, status_msg, visibility_msg},
        loaded::Loaded,
    },
    i18n::{use_i18n, Msg},
    model::{ArticleStaff, ArticleView},
};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let v = Memo::new(move |_| query.read().get("v").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let from = Memo::new(move |_| query.read().get("from").unwrap_or_default());
    let rate = ServerAction::<RateArticle>::new();
    let act = ServerAction::<ActOnArticle>::new();
    let solved = ServerAction::<ArticleSolved>::new();
    let article =
        Resource::new(move || (id.get(), v.get(), from.get(), rate.version().get(), act.version().get()), |(id, v, from, _, _)| get_article(id, v, from));
    view! {
        <Guard
            page=Page::Article
            view=move |_| view! {
                <Loaded resource=article suspense=true error=crate::components::equipment_bits::refused let:a>
                    <Article a=a rate=rate act=act solved=solved rated=query.read_untracked().get("rated").is_some()/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Article(
    a: ArticleView,
    rate: ServerAction<RateArticle>,
    act: ServerAction<ActOnArticle>,
    solved: ServerAction<ArticleSolved>,
    rated: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let rate_err = Signal::derive(move || rate.value().get().and_then(|r| r.err()));
    let solved_err = Signal::derive(move || solved.value().get().and_then(|r| r.err()));
    let id = a.id;
    let category = a.category;
    view! {
        <article class="kb-article" lang=a.lang.as_str()>
            <p class="muted small">
                <a href=Page::Knowledge.pattern()>{move || i18n.t(Msg::KbTitle)}</a> " › "
                <a href=domain::href::knowledge("", category.as_str())>{move || i18n.t(category_msg(category))}</a>
            </p>
            <h1>{a.title.clone()}</h1>
            <p class="muted small">
                <span class="badge">{lang_label(a.lang)}</span> " " {move || i18n.t(Msg::KbUpdated)} " " {a.updated.clone()}
                {a.translation.clone().map(|(tid, title)| view! {
                    " · " <a href=domain::href::article(tid) hreflang=a.lang.other().as_str()>{lang_label(a.lang.other())} ": " {title}</a>
                })}
            </p>
            {a.from.clone().map(|token| view! {
                <section class="card kb-solved" data-testid="kb-solved">
                    <p><strong>{move || i18n.t(Msg::KbDidItSolve)}</strong></p>
                    <ActionForm action=solved attr:class="inline-form">
                        <input type="hidden" name="id" value=id.to_string()/>
                        <input type="hidden" name="token" value=token/>
                        <button type="submit">{move || i18n.t(Msg::KbSolvedIt)}</button>
                    </ActionForm>
                    " " <a href=Page::NewRequest.pattern()>{move || i18n.t(Msg::KbBackToRequest)}</a>
                    <FormStatus error=solved_err done=Signal::derive(|| false) success=Msg::Updated/>
                </section>
            })}
            <div class="article-body" inner_html=a.body_html.clone()></div>
            {(!a.tags.is_empty()).then(|| view! {
                <p class="tags">{a.tags.iter().map(|t| view! { <a class="tag" href=domain::href::knowledge(t, "")>{t.clone()}</a> " " }).collect_view()}</p>
            })}
            {(!a.models.is_empty() || !a.software.is_empty()).then(|| view! {
                <p class="muted small">{move || i18n.t(Msg::KbAppliesTo)} " " {a.models.iter().chain(a.software.iter()).cloned().collect::<Vec<_>>().join(", ")}</p>
            })}
        </article>
        {a.signed_in.then(|| view! {
            <section class="card kb-feedback">
                {match (a.my_feedback, rated) {
                    (Some(_), true) => view! { <p class="success" role="status">{move || i18n.t(Msg::KbThanks)}</p> }.into_any(),
                    _ => view! {
                        <ActionForm action=rate attr:class="inline-form">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <span>{move || i18n.t(Msg::KbDidItHelp)}</span> " "
                            <button type="submit" name="helped" value="true" aria-pressed=(a.my_feedback == Some(true)).to_string()>{move || i18n.t(Msg::Yes)}</button> " "
                            <button type="submit" name="helped" value="false" class="secondary" aria-pressed=(a.my_feedback == Some(false)).to_string()>{move || i18n.t(Msg::No)}</button>
                        </ActionForm>
                        <FormStatus error=rate_err done=Signal::derive(|| false) success=Msg::Updated/>
                    }.into_any(),
                }}
            </section>
        })}
        {a.staff.clone().map(|s| view! { <StaffPanel id=id shown=a.shown s=s act=act has_translation=a.translation.is_some()/> })}
    }
}

#[component]
fn StaffPanel(id: i32, shown: i32, s: ArticleStaff, act: ServerAction<ActOnArticle>, has_translation: bool) -> impl IntoView {
    let i18n = use_i18n();
    let err = Signal::derive(move || act.value().get().and_then(|r| r.err()));
    let status = s.status;
    let visibility = s.visibility;
    let (shown_n, opened, solved_n, submitted) = s.suggested;
    view! {
        <section class="card kb-staff" data-testid="kb-staff">
            <h2>{move || i18n.t(Msg::KbReview)}</h2>
            <p>
                <span class="badge" data-testid="kb-status">{move || i18n.t(status_msg(status))}</span>
                " " {move || i18n.t(Msg::KbShowingVersion)} " " {shown}
                {s.published_version.map(|p| view! { " · " {move || i18n.t(Msg::KbPublishedVersion)} " " {p} })}
                " · " {move || i18n.t(visibility_msg(visibility))}
                {(!s.organizations.is_empty()).then(|| format!(" ({})", s.organizations.join(", ")))}
            </p>
            <p class="muted small">{move || i18n.t(Msg::KbReference)} " " <code>{format!("KB-{id}")}</code> " · " <code>{domain::href::article(id)}</code></p>
            {s.request.clone().map(|n| view! { <p class="muted small">{move || i18n.t(Msg::KbFromRequest)} " " <a href=domain::href::request(&n)>{n.clone()}</a></p> })}
            <div class="actions">
                <a class="button" href=domain::href::article_edit(id)>{move || i18n.t(Msg::KbEdit)}</a>
                {(!has_translation).then(|| view! { " " <a href=domain::href::article_translate(id)>{move || i18n.t(Msg::KbTranslate)}</a> })}
                {s.steps.iter().map(|step| {
                    let step = *step;
                    view! {
                        <ActionForm action=act attr:class="inline-form">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="version" value=s.version.to_string()/>
                            <input type="hidden" name="action" value=step.as_str()/>
                            <button type="submit" class:secondary=step != domain::knowledge::ArticleAction::Publish>{move || i18n.t(action_msg(step))}</button>
                        </ActionForm>
                    }
                }).collect_view()}
            </div>
            <FormStatus error=err done=Signal::derive(|| false) success=Msg::Updated/>
            <p class="muted small" data-testid="kb-usage">
                {move || i18n.t(Msg::KbShown)} " " {shown_n} " · " {move || i18n.t(Msg::KbOpened)} " " {opened} " · "
                {move || i18n.t(Msg::KbSolvedCount)} " " {solved_n} " · " {move || i18n.t(Msg::KbSubmitted)} " " {submitted} " · "
                {move || i18n.t(Msg::KbHelped)} " " {format!("{}/{}", s.helped.0, s.helped.1)}
            </p>
            <details>
                <summary>{move || i18n.t(Msg::KbVersions)} " (" {s.versions.len()} ")"</summary>
                <ul>
                    {s.versions.iter().map(|v| view! {
                        <li>
                            <a href=domain::href::article_version(id, v.number) aria-current=(v.number == shown).then_some("page")>{format!("v{}", v.number)}</a>
                            " " {v.title.clone()} " · " {v.author.clone()} " · " {v.at.clone()}
                            {(!v.note.is_empty()).then(|| format!(" · {}", v.note))}
                        </li>
                    }).collect_view()}
                </ul>
            </details>
        </section>
    }
}
