//! Writing an article (`/kb/new`, `/kb/new?translates=<id>`, `/kb/:id/edit`): title, the
//! body in Markdown, category, language, tags, the device models and software it applies to,
//! and who may read it. Saving makes a new version (a draft until reviewed). Images are
//! uploaded to a saved article (`POST /kb/:id/images`) and placed in the body with the
//! Markdown line shown beside each.
use domain::{
    knowledge::{ArticleLang, Category, Visibility},
    Page,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::knowledge::{get_article_form, SaveArticle},
    components::{
        form::{FormStatus, Messages},
        guard::Guard,
        kb_bits::{category_msg, lang_label, visibility_msg},
        loaded::Loaded,
    },
    i18n::{use_i18n, Msg},
    model::ArticleFormData,
};

#[component]
pub fn ArticleFormPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let translates = Memo::new(move |_| query.read().get("translates").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0));
    let save = ServerAction::<SaveArticle>::new();
    let data = Resource::new(move || (id.get(), translates.get()), |(id, t)| get_article_form(id, t));
    view! {
        <Guard
            page=Page::ArticleForm
            view=move |_| view! {
                <Loaded resource=data suspense=true error=crate::components::equipment_bits::refused let:d>
                    <Form d=d save=save/>
                </Loaded>
            }
        />
    }
}

#[component]
fn Form(d: ArticleFormData, save: ServerAction<SaveArticle>) -> impl IntoView {
    let i18n = use_i18n();
    let err = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let f = d.form.clone();
    let chosen_orgs: Vec<i32> = f.orgs.split(',').filter_map(|s| s.trim().parse().ok()).collect();
    let heading = match (d.id, &d.translates) {
        (0, Some(_)) => Msg::KbNewTranslation,
        (0, None) => Msg::KbNew,
        _ => Msg::KbEditTitle,
    };
    view! {
        <div class="page-head"><h1>{move || i18n.t(heading)}</h1></div>
        {d.translates.clone().map(|(tid, title)| view! { <p class="muted">{move || i18n.t(Msg::KbTranslating)} " " <a href=domain::href::article(tid)>{title}</a></p> })}
        {(d.id != 0).then(|| view! { <p><a href=domain::href::article(d.id)>{move || i18n.t(Msg::KbBackToArticle)}</a></p> })}
        <ActionForm action=save attr:class="card stack kb-form" attr:novalidate=true>
            <input type="hidden" name="id" value=d.id.to_string()/>
            <input type="hidden" name="version" value=d.version.to_string()/>
            <input type="hidden" name="translates" value=d.translates.as_ref().map(|t| t.0).unwrap_or(0).to_string()/>
            <div class="field">
                <label for="kb-title">{move || i18n.t(Msg::KbArticleTitle)}</label>
                <input id="kb-title" name="title" maxlength="200" required value=f.title.clone()/>
                <Messages name="title" error=err/>
            </div>
            <div class="field">
                <label for="kb-body">{move || i18n.t(Msg::KbBody)}</label>
                <p class="hint" id="kb-body-hint">{move || i18n.t(Msg::KbBodyHint)}</p>
                <textarea id="kb-body" name="body" rows="18" required aria-describedby="kb-body-hint">{f.body.clone()}</textarea>
                <Messages name="body" error=err/>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="kb-category">{move || i18n.t(Msg::KbCategory)}</label>
                    <select id="kb-category" name="category">
                        {Category::ALL.into_iter().map(|c| view! { <option value=c.as_str() selected=f.category == c.as_str()>{move || i18n.t(category_msg(c))}</option> }).collect_view()}
                    </select>
                    <Messages name="category" error=err/>
                </div>
                <div class="field">
                    <label for="kb-lang">{move || i18n.t(Msg::KbLanguage)}</label>
                    <select id="kb-lang" name="lang">
                        {ArticleLang::ALL.into_iter().map(|l| view! { <option value=l.as_str() selected=f.lang == l.as_str()>{lang_label(l)}</option> }).collect_view()}
                    </select>
                    <Messages name="lang" error=err/>
                </div>
            </div>
            <div class="field">
                <label for="kb-tags">{move || i18n.t(Msg::KbTags)}</label>
                <input id="kb-tags" name="tags" value=f.tags.clone() aria-describedby="kb-list-hint"/>
                <Messages name="tags" error=err/>
            </div>
            <p class="hint" id="kb-list-hint">{move || i18n.t(Msg::KbListHint)}</p>
            <div class="field-row">
                <div class="field">
                    <label for="kb-models">{move || i18n.t(Msg::KbModels)}</label>
                    <textarea id="kb-models" name="models" rows="3">{f.models.clone()}</textarea>
                    <Messages name="models" error=err/>
                </div>
                <div class="field">
                    <label for="kb-software">{move || i18n.t(Msg::KbSoftware)}</label>
                    <textarea id="kb-software" name="software" rows="3">{f.software.clone()}</textarea>
                    <Messages name="software" error=err/>
                </div>
            </div>
            <fieldset class="field">
                <legend>{move || i18n.t(Msg::KbVisibility)}</legend>
                {Visibility::ALL.into_iter().map(|v| view! {
                    <label class="choice"><input type="radio" name="visibility" value=v.as_str() checked=f.visibility == v.as_str()/> {move || i18n.t(visibility_msg(v))}</label>
                }).collect_view()}
                <Messages name="visibility" error=err/>
                <details open=f.visibility == "organizations">
                    <summary>{move || i18n.t(Msg::KbChooseOrgs)}</summary>
                    {d.organizations.iter().enumerate().map(|(i, (oid, name))| view! {
                        <label class="check"><input type="checkbox" name=format!("org_ids[{i}]") value=oid.to_string() checked=chosen_orgs.contains(oid)/> {name.clone()}</label>
                    }).collect_view()}
                    <Messages name="orgs" error=err/>
                </details>
            </fieldset>
            <FormStatus error=err done=Signal::derive(|| false) success=Msg::Updated/>
            <button type="submit">{move || i18n.t(Msg::KbSave)}</button>
        </ActionForm>
        {(d.id != 0).then(|| view! {
            <section class="card">
                <h2>{move || i18n.t(Msg::KbImages)}</h2>
                {if d.images.is_empty() {
                    view! { <p class="muted">{move || i18n.t(Msg::KbNoImages)}</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {d.images.iter().map(|(img, name, size)| view! {
                                <li><code>{format!("![{name}]({})", domain::href::article_image(*img))}</code> <span class="muted small">{format!(" {} KB", size / 1024)}</span></li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <form method="post" action=domain::href::article_images(d.id) enctype="multipart/form-data" class="inline-form" data-reload>
                    <label for="kb-image">{move || i18n.t(Msg::KbAddImage)}</label>
                    <input id="kb-image" type="file" name="file" accept="image/png,image/jpeg,image/gif,image/webp" required/>
                    <button type="submit" class="secondary">{move || i18n.t(Msg::KbUpload)}</button>
                </form>
            </section>
        })}
    }
}
