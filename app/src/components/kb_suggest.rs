//! Articles suggested while a customer types a request. This renders the empty list under
//! the new-request form's title, with the form's token and the words it needs;
//! `kb_suggest.js` (plain JavaScript inlined beside the islands router, so no page's
//! WebAssembly grows for it) fills it: 400 ms after the last keystroke in the title,
//! description, device or software field it asks `suggest_articles` for up to five articles
//! (the ones naming the chosen device's model or the software first). Each links to the
//! article with the token (`?from=`), where "this solved it" is offered; the form's draft stays
//! in the browser. On a phone the list is one line ("3 articles may help"), opened with a tap,
//! so it never pushes the form away; on a desktop it stands beside the form. Without
//! JavaScript there are no suggestions (the form works as before).
use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};

#[component]
pub fn KbSuggest(token: String) -> impl IntoView {
    let lang = use_i18n().lang.get_untracked();
    let words = |m: Msg| m.text(lang).to_string();
    view! {
        <aside
            class="kb-suggest"
            aria-live="polite"
            hidden
            data-testid="kb-suggest"
            data-kb-suggest=""
            data-token=token
            data-heading=words(Msg::KbMayHelp)
            data-related=words(Msg::KbForYourDevice)
            data-show=words(Msg::KbShow)
            data-hide=words(Msg::KbHide)
        >
            <button type="button" class="kb-suggest-toggle" aria-expanded="false">
                <span class="kb-suggest-count"></span> " " <span class="muted small">{words(Msg::KbShow)}</span>
            </button>
            <ul class="kb-suggest-list"></ul>
        </aside>
    }
}
