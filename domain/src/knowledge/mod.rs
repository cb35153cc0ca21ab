//! The knowledge base (issue 16): articles in Chinese and English, written and reviewed by
//! staff, searched while a customer types a request. `article` holds the form, who reads what
//! and the review; `text` turns text into search terms (CJK bigrams, words); `index` is the
//! in-memory ranked search over published articles.
pub mod article;
pub mod index;
pub mod text;

pub use article::{ArticleAction, ArticleDraft, ArticleForm, ArticleLang, ArticleStatus, Category, Outcome, Reader, Visibility};
