//! Articles: what a writer fills in, who reads an article, and the review a version goes
//! through before customers see it. An article has a language and may be linked to its
//! translation; every save is a new version, and readers see the last published one while a
//! newer draft is reviewed.
use serde::{Deserialize, Serialize};

use crate::{
    error_code::{ErrorCode, FieldError},
    role::Role,
    ticket::field::{choice, required_text},
};

pub const TITLE_MAX: usize = 200;
/// Bodies are Markdown source; 60,000 characters is a long manual chapter.
pub const BODY_MAX: usize = 60_000;
pub const TAGS_MAX: usize = 12;
pub const TAG_MAX: usize = 40;
pub const RELATED_MAX: usize = 20;
pub const RELATED_ITEM_MAX: usize = 120;
pub const ORGS_MAX: usize = 200;
pub const NOTE_MAX: usize = 2_000;

/// What an article is about; a fixed list, so browsing by category is the same in both
/// languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Printing,
    Network,
    Servers,
    Storage,
    Power,
    Accounts,
    Backup,
    Software,
    Security,
    Other,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::Printing,
        Category::Network,
        Category::Servers,
        Category::Storage,
        Category::Power,
        Category::Accounts,
        Category::Backup,
        Category::Software,
        Category::Security,
        Category::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Printing => "printing",
            Category::Network => "network",
            Category::Servers => "servers",
            Category::Storage => "storage",
            Category::Power => "power",
            Category::Accounts => "accounts",
            Category::Backup => "backup",
            Category::Software => "software",
            Category::Security => "security",
            Category::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// The language an article is written in (the UI's two languages).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleLang {
    Zh,
    En,
}

impl ArticleLang {
    pub const ALL: [ArticleLang; 2] = [ArticleLang::Zh, ArticleLang::En];

    pub fn as_str(self) -> &'static str {
        match self {
            ArticleLang::Zh => "zh",
            ArticleLang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<ArticleLang> {
        ArticleLang::ALL.into_iter().find(|l| l.as_str() == s)
    }

    pub fn other(self) -> ArticleLang {
        match self {
            ArticleLang::Zh => ArticleLang::En,
            ArticleLang::En => ArticleLang::Zh,
        }
    }
}

/// Who may read the published article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Anyone, without signing in.
    Public,
    /// Everyone signed in: every customer organization and staff.
    Customers,
    /// The chosen customer organizations (and staff).
    Organizations,
    /// Provider staff only: internal procedures.
    Staff,
}

impl Visibility {
    pub const ALL: [Visibility; 4] = [Visibility::Public, Visibility::Customers, Visibility::Organizations, Visibility::Staff];

    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Customers => "customers",
            Visibility::Organizations => "organizations",
            Visibility::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Visibility> {
        Visibility::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Who is reading: nobody signed in, a person of a customer organization, or staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    Anonymous,
    Customer { org_id: i32 },
    Staff,
}

impl Reader {
    pub fn of(role: Option<Role>, org_id: i32) -> Reader {
        match role {
            None => Reader::Anonymous,
            Some(r) if r.is_staff() => Reader::Staff,
            Some(_) => Reader::Customer { org_id },
        }
    }
}

/// Who may read a published article. Unpublished versions are for staff only (`reads_drafts`).
pub fn may_read(visibility: Visibility, orgs: &[i32], reader: Reader) -> bool {
    match reader {
        Reader::Staff => true,
        Reader::Anonymous => visibility == Visibility::Public,
        Reader::Customer { org_id } => match visibility {
            Visibility::Public | Visibility::Customers => true,
            Visibility::Organizations => orgs.contains(&org_id),
            Visibility::Staff => false,
        },
    }
}

/// Who writes articles and reads drafts: the staff who solve problems (admins keep to
/// accounts and contracts).
pub fn writes_articles(role: Role) -> bool {
    matches!(role, Role::Engineer | Role::Dispatcher | Role::Manager)
}

/// The state of an article's newest version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    /// Being written; only staff see it.
    Draft,
    /// Waiting for a manager or a second writer to publish it.
    InReview,
    /// The newest version is the one readers see.
    Published,
    /// Taken down: readers see nothing, staff keep the versions.
    Withdrawn,
}

impl ArticleStatus {
    pub const ALL: [ArticleStatus; 4] = [ArticleStatus::Draft, ArticleStatus::InReview, ArticleStatus::Published, ArticleStatus::Withdrawn];

    pub fn as_str(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::InReview => "in_review",
            ArticleStatus::Published => "published",
            ArticleStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<ArticleStatus> {
        ArticleStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A step in an article's review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleAction {
    SendForReview,
    Publish,
    /// The reviewer sends it back to its writer.
    ReturnToDraft,
    Withdraw,
}

impl ArticleAction {
    pub const ALL: [ArticleAction; 4] = [ArticleAction::SendForReview, ArticleAction::Publish, ArticleAction::ReturnToDraft, ArticleAction::Withdraw];

    pub fn as_str(self) -> &'static str {
        match self {
            ArticleAction::SendForReview => "send_for_review",
            ArticleAction::Publish => "publish",
            ArticleAction::ReturnToDraft => "return_to_draft",
            ArticleAction::Withdraw => "withdraw",
        }
    }

    pub fn parse(s: &str) -> Option<ArticleAction> {
        ArticleAction::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Why a review step is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepError {
    /// Not a writer at all, or publishing one's own version without being a manager.
    NotAllowed,
    /// The article is not in a state that takes this step.
    NotNow,
}

/// The review rule: a writer sends a draft for review; a manager publishes any version, and a
/// writer publishes only a version someone else wrote (a second pair of eyes); a manager
/// withdraws a published article. `wrote_it`: the caller wrote the newest version.
pub fn transition(status: ArticleStatus, action: ArticleAction, role: Role, wrote_it: bool) -> Result<ArticleStatus, StepError> {
    if !writes_articles(role) {
        return Err(StepError::NotAllowed);
    }
    let manager = role == Role::Manager;
    match (action, status) {
        (ArticleAction::SendForReview, ArticleStatus::Draft | ArticleStatus::Withdrawn) => Ok(ArticleStatus::InReview),
        (ArticleAction::Publish, ArticleStatus::Draft | ArticleStatus::InReview | ArticleStatus::Withdrawn) => {
            if manager || !wrote_it {
                Ok(ArticleStatus::Published)
            } else {
                Err(StepError::NotAllowed)
            }
        }
        (ArticleAction::ReturnToDraft, ArticleStatus::InReview) => Ok(ArticleStatus::Draft),
        (ArticleAction::Withdraw, ArticleStatus::Published) => {
            if manager {
                Ok(ArticleStatus::Withdrawn)
            } else {
                Err(StepError::NotAllowed)
            }
        }
        _ => Err(StepError::NotNow),
    }
}

/// The steps to offer a caller on an article's page (the same rule as [`transition`]).
pub fn steps_for(status: ArticleStatus, role: Role, wrote_it: bool) -> Vec<ArticleAction> {
    ArticleAction::ALL.into_iter().filter(|a| transition(status, *a, role, wrote_it).is_ok()).collect()
}

/// The article form as posted (names are the form's; the lists may be left out).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArticleForm {
    pub title: String,
    pub body: String,
    pub category: String,
    pub lang: String,
    /// Comma- or newline-separated (Chinese commas too).
    pub tags: String,
    /// Device models it applies to, one per line or comma-separated.
    pub models: String,
    /// Software it applies to, likewise.
    pub software: String,
    pub visibility: String,
    /// Organization ids, comma-separated; only for `organizations`.
    pub orgs: String,
}

/// A validated article version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDraft {
    pub title: String,
    pub body: String,
    pub category: Category,
    pub lang: ArticleLang,
    pub tags: Vec<String>,
    pub models: Vec<String>,
    pub software: Vec<String>,
    pub visibility: Visibility,
    pub orgs: Vec<i32>,
}

/// Splits a list typed by a person: commas (ASCII, full-width, ideographic), semicolons and
/// newlines; trimmed, empty items dropped, duplicates (ignoring case) dropped in order.
pub fn split_list(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for item in raw.split([',', '，', '、', ';', '；', '\n', '\r']) {
        let item = item.trim();
        if !item.is_empty() && !out.iter().any(|o| o.to_lowercase() == item.to_lowercase()) {
            out.push(item.to_string());
        }
    }
    out
}

fn list(field: &str, raw: &str, max_items: usize, max_len: usize, errors: &mut Vec<FieldError>) -> Vec<String> {
    let items = split_list(raw);
    if items.len() > max_items {
        errors.push(FieldError::new(field, ErrorCode::TooMany { max: max_items }));
    } else if items.iter().any(|i| i.chars().count() > max_len) {
        errors.push(FieldError::new(field, ErrorCode::TooLong { max: max_len }));
    }
    items
}

impl ArticleForm {
    /// Checks every field and names each one that is wrong.
    pub fn validate(&self) -> Result<ArticleDraft, Vec<FieldError>> {
        let mut errors = vec![];
        let title = required_text("title", &self.title, TITLE_MAX).map_err(|e| errors.push(e)).unwrap_or_default();
        let body = required_text("body", &self.body, BODY_MAX).map_err(|e| errors.push(e)).unwrap_or_default();
        let category = choice("category", &self.category, Category::parse).map_err(|e| errors.push(e)).ok();
        let lang = choice("lang", &self.lang, ArticleLang::parse).map_err(|e| errors.push(e)).ok();
        let visibility = choice("visibility", &self.visibility, Visibility::parse).map_err(|e| errors.push(e)).ok();
        let tags = list("tags", &self.tags, TAGS_MAX, TAG_MAX, &mut errors);
        let models = list("models", &self.models, RELATED_MAX, RELATED_ITEM_MAX, &mut errors);
        let software = list("software", &self.software, RELATED_MAX, RELATED_ITEM_MAX, &mut errors);
        let mut orgs = vec![];
        for item in split_list(&self.orgs) {
            match item.parse::<i32>() {
                Ok(id) if id > 0 => {
                    if !orgs.contains(&id) {
                        orgs.push(id)
                    }
                }
                _ => {
                    errors.push(FieldError::new("orgs", ErrorCode::InvalidChoice));
                    break;
                }
            }
        }
        if orgs.len() > ORGS_MAX {
            errors.push(FieldError::new("orgs", ErrorCode::TooMany { max: ORGS_MAX }));
        }
        match visibility {
            Some(Visibility::Organizations) if orgs.is_empty() && !errors.iter().any(|e| e.field == "orgs") => {
                errors.push(FieldError::new("orgs", ErrorCode::Required));
            }
            // Organizations are kept only where they mean something.
            Some(v) if v != Visibility::Organizations => orgs.clear(),
            _ => {}
        }
        match (category, lang, visibility) {
            (Some(category), Some(lang), Some(visibility)) if errors.is_empty() => {
                Ok(ArticleDraft { title, body, category, lang, tags, models, software, visibility, orgs })
            }
            _ => Err(errors),
        }
    }
}

impl ArticleDraft {
    /// The form that shows this version again, for editing.
    pub fn to_form(&self) -> ArticleForm {
        ArticleForm {
            title: self.title.clone(),
            body: self.body.clone(),
            category: self.category.as_str().into(),
            lang: self.lang.as_str().into(),
            tags: self.tags.join(", "),
            models: self.models.join("\n"),
            software: self.software.join("\n"),
            visibility: self.visibility.as_str().into(),
            orgs: self.orgs.iter().map(|o| o.to_string()).collect::<Vec<_>>().join(","),
        }
    }
}

/// What became of an article suggested on the new-request form. One row per form and article
/// records each outcome once, so "shown" is not counted again at every keystroke.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Shown,
    Opened,
    /// "This solved it": no request was needed.
    Solved,
    /// The customer sent the request anyway.
    Submitted,
}

/// A suggestion token (one per new-request form shown): 16 to 64 URL-safe characters, made by
/// the server; anything else is refused before it reaches a query.
pub fn valid_token(token: &str) -> bool {
    (16..=64).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A reply's text cut where it names an article: `KB-12` (any case, also full-width
/// `ＫＢ－１２` typed on a Chinese keyboard) becomes `(text, Some(12))`, the rest `(text,
/// None)`. Staff link an article in a reply by writing its reference; the page makes it a
/// link, and the article's page decides who may read it.
pub fn references(text: &str) -> Vec<(String, Option<i32>)> {
    let chars: Vec<char> = text.chars().collect();
    let norm: Vec<char> = chars.iter().map(|c| crate::knowledge::text::normalize_char(*c)).collect();
    let mut out: Vec<(String, Option<i32>)> = vec![];
    let mut plain = String::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = norm[i] == 'k'
            && norm.get(i + 1) == Some(&'b')
            && norm.get(i + 2) == Some(&'-')
            && norm.get(i + 3).is_some_and(|c| c.is_ascii_digit())
            && (i == 0 || !norm[i - 1].is_ascii_alphanumeric());
        if starts {
            let end = (i + 3..chars.len()).find(|&j| !norm[j].is_ascii_digit()).unwrap_or(chars.len());
            let digits: String = norm[i + 3..end].iter().collect();
            let whole_word = end == chars.len() || !norm[end].is_ascii_alphanumeric();
            if let (Ok(id), true) = (digits.parse::<i32>(), whole_word) {
                if id > 0 {
                    if !plain.is_empty() {
                        out.push((std::mem::take(&mut plain), None));
                    }
                    out.push((chars[i..end].iter().collect(), Some(id)));
                    i = end;
                    continue;
                }
            }
        }
        plain.push(chars[i]);
        i += 1;
    }
    if !plain.is_empty() {
        out.push((plain, None));
    }
    out
}

#[cfg(test)]
mod tests;
