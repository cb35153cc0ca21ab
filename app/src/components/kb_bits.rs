//! Small pieces the knowledge-base pages share: the words for categories, statuses and
//! review steps, and a title or snippet with its matching words marked.
use domain::knowledge::{index::Segment, ArticleAction, ArticleLang, ArticleStatus, Category, Visibility};
use leptos::prelude::*;

use crate::i18n::Msg;

pub fn category_msg(c: Category) -> Msg {
    match c {
        Category::Printing => Msg::KbCatPrinting,
        Category::Network => Msg::KbCatNetwork,
        Category::Servers => Msg::KbCatServers,
        Category::Storage => Msg::KbCatStorage,
        Category::Power => Msg::KbCatPower,
        Category::Accounts => Msg::KbCatAccounts,
        Category::Backup => Msg::KbCatBackup,
        Category::Software => Msg::KbCatSoftware,
        Category::Security => Msg::KbCatSecurity,
        Category::Other => Msg::KbCatOther,
    }
}

pub fn status_msg(s: ArticleStatus) -> Msg {
    match s {
        ArticleStatus::Draft => Msg::KbDraft,
        ArticleStatus::InReview => Msg::KbInReview,
        ArticleStatus::Published => Msg::KbPublished,
        ArticleStatus::Withdrawn => Msg::KbWithdrawn,
    }
}

pub fn action_msg(a: ArticleAction) -> Msg {
    match a {
        ArticleAction::SendForReview => Msg::KbSendForReview,
        ArticleAction::Publish => Msg::KbPublish,
        ArticleAction::ReturnToDraft => Msg::KbReturnToDraft,
        ArticleAction::Withdraw => Msg::KbWithdraw,
    }
}

pub fn visibility_msg(v: Visibility) -> Msg {
    match v {
        Visibility::Public => Msg::KbVisPublic,
        Visibility::Customers => Msg::KbVisCustomers,
        Visibility::Organizations => Msg::KbVisOrganizations,
        Visibility::Staff => Msg::KbVisStaff,
    }
}

/// The article's language as a short label in its own language (a Chinese reader spots
/// "English" and the reverse).
pub fn lang_label(l: ArticleLang) -> &'static str {
    match l {
        ArticleLang::Zh => "中文",
        ArticleLang::En => "English",
    }
}

/// Text with the words that matched the search in `<mark>`.
pub fn marked(segments: Vec<Segment>) -> impl IntoView {
    segments.into_iter().map(|s| if s.hit { view! { <mark>{s.text}</mark> }.into_any() } else { s.text.into_any() }).collect_view()
}
