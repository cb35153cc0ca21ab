//! Wire types of the knowledge base: the browse and search page, one article, the writer's
//! form, suggestions on the new-request form, and the usage figures staff see.
use domain::knowledge::{index::Segment, ArticleAction, ArticleForm, ArticleLang, ArticleStatus, Category, Visibility};
use serde::{Deserialize, Serialize};

/// An article in a list or a search result; `title` and `snippet` mark the matching words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleCard {
    pub id: i32,
    pub title: Vec<Segment>,
    pub snippet: Vec<Segment>,
    pub category: Category,
    pub lang: ArticleLang,
}

/// An article not yet published, or changed since, in the writers' list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRow {
    pub id: i32,
    pub title: String,
    pub status: ArticleStatus,
    pub lang: ArticleLang,
    pub author: String,
    /// "YYYY-MM-DD HH:MM" in the provider's zone.
    pub updated: String,
}

/// The knowledge base's front page: a search's results, or a category's articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KbBrowse {
    pub results: Vec<ArticleCard>,
    /// Categories with how many articles the caller may read in each.
    pub categories: Vec<(Category, u32)>,
    /// Writers: drafts and articles waiting for review.
    pub work: Vec<ArticleRow>,
    pub may_write: bool,
    pub signed_in: bool,
}

/// A version in an article's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRow {
    pub number: i32,
    pub title: String,
    pub author: String,
    pub at: String,
    pub note: String,
}

/// What writers see on an article's page besides the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleStaff {
    pub status: ArticleStatus,
    pub version: i32,
    pub latest_version: i32,
    pub published_version: Option<i32>,
    pub steps: Vec<ArticleAction>,
    pub versions: Vec<VersionRow>,
    pub visibility: Visibility,
    pub organizations: Vec<String>,
    /// The request it was drafted from.
    pub request: Option<String>,
    /// (shown as a suggestion, opened, solved it, submitted anyway)
    pub suggested: (i64, i64, i64, i64),
    /// Readers' answers: (helped, all).
    pub helped: (i64, i64),
}

/// One article as a reader sees it (staff: any version, `shown` says which).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleView {
    pub id: i32,
    pub shown: i32,
    pub title: String,
    /// The body rendered on the server from Markdown with raw HTML escaped
    /// (`ssr::knowledge::markup`).
    pub body_html: String,
    pub category: Category,
    pub lang: ArticleLang,
    pub tags: Vec<String>,
    pub models: Vec<String>,
    pub software: Vec<String>,
    pub updated: String,
    /// The same article in the other language, if the caller may read it: (id, title).
    pub translation: Option<(i32, String)>,
    /// Opened from a suggestion on the caller's new-request form: the form's token.
    pub from: Option<String>,
    pub signed_in: bool,
    pub my_feedback: Option<bool>,
    pub staff: Option<ArticleStaff>,
}

/// The writer's form: a new article (`id` 0) or the newest version of one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleFormData {
    pub id: i32,
    pub version: i32,
    pub form: ArticleForm,
    /// Customer organizations that can be chosen for "chosen organizations".
    pub organizations: Vec<(i32, String)>,
    /// Translating this article: (id, title).
    pub translates: Option<(i32, String)>,
    /// Images uploaded to this article: (id, file name, bytes).
    pub images: Vec<(i32, String, i64)>,
}

/// An article suggested while a customer types a request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub id: i32,
    pub title: Vec<Segment>,
    pub snippet: Vec<Segment>,
    /// It names the device model or software chosen on the form.
    pub related: bool,
}

/// An article's use, for staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleUseRow {
    pub id: i32,
    pub title: String,
    pub shown: i64,
    pub opened: i64,
    pub solved: i64,
    pub submitted: i64,
    pub helped: i64,
    pub answers: i64,
}

/// A search or request title that found nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissRow {
    pub query: String,
    /// "search" or "request".
    pub source: String,
    pub count: i32,
    pub last: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KbStats {
    pub articles: Vec<ArticleUseRow>,
    pub misses: Vec<MissRow>,
}
