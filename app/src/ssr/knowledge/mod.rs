//! The knowledge base on the server: each instance keeps the published articles in an
//! in-memory index (`domain::knowledge::index`), so search ranks the same way whatever the
//! database (tokenizing is ours, in Rust: SQLite's trigrams need three characters, and
//! PostgreSQL's parser sees a Chinese sentence as one word) and answers in milliseconds.
//! Before each search one indexed read of `kb_generation` tells whether anything changed;
//! if so, only the articles changed since are read again. Every instance sees every other's
//! changes that way, with no message between them.
pub mod markup;

use std::collections::BTreeMap;

use domain::knowledge::{
    article::may_read,
    index::{Doc, Hit, Index, SearchOpts},
    ArticleLang, Category, Reader, Visibility,
};
use tokio::sync::{Mutex, RwLock};

use crate::error::AppError;

/// What the index keeps of an article to decide who may find it and to list it.
#[derive(Clone, Debug)]
pub struct ArticleMeta {
    pub visibility: Visibility,
    pub orgs: Vec<i32>,
    pub lang: ArticleLang,
    pub category: Category,
    pub title: String,
    pub pair_id: Option<i32>,
}

impl ArticleMeta {
    pub fn readable_by(&self, reader: Reader) -> bool {
        may_read(self.visibility, &self.orgs, reader)
    }
}

#[derive(Default)]
struct Inner {
    /// The generation this index has read up to.
    seen: i64,
    loaded: bool,
    index: Index<ArticleMeta>,
    /// Every published article's metadata, by id (browsing by category).
    catalog: BTreeMap<i32, ArticleMeta>,
}

/// One instance's index of the published articles.
#[derive(Default)]
pub struct KbIndex {
    inner: RwLock<Inner>,
    /// One refresh at a time; the others wait for it and find the index fresh.
    refreshing: Mutex<()>,
}

/// Articles read per batch when refreshing.
const BATCH: u64 = 2_000;

impl KbIndex {
    /// Brings the index up to the database's generation.
    pub async fn refresh(&self, db: &impl db::sea_orm::ConnectionTrait) -> Result<(), AppError> {
        let current = db::repo::kb_articles::generation(db).await?;
        {
            let inner = self.inner.read().await;
            if inner.loaded && inner.seen >= current {
                return Ok(());
            }
        }
        let _one = self.refreshing.lock().await;
        let mut since = {
            let inner = self.inner.read().await;
            if inner.loaded && inner.seen >= current {
                return Ok(());
            }
            inner.seen
        };
        loop {
            let batch = db::repo::kb_articles::changed_since(db, since, BATCH).await?;
            let full = batch.len() as u64 == BATCH;
            // Parse outside the lock: searches go on meanwhile.
            let docs: Vec<(i32, i64, Option<Doc<ArticleMeta>>)> = batch.into_iter().map(|a| (a.article.id, a.article.index_seq, doc_of(&a))).collect();
            let mut inner = self.inner.write().await;
            for (id, seq, doc) in docs {
                since = since.max(seq);
                match doc {
                    Some(doc) => {
                        inner.catalog.insert(id, doc.meta.clone());
                        inner.index.upsert(doc);
                    }
                    None => {
                        inner.catalog.remove(&id);
                        inner.index.remove(id);
                    }
                }
            }
            inner.seen = since;
            if !full {
                inner.seen = inner.seen.max(current);
                inner.loaded = true;
                return Ok(());
            }
        }
    }

    /// Ranked hits the reader may see.
    pub async fn search(&self, db: &impl db::sea_orm::ConnectionTrait, reader: Reader, query: &str, opts: &SearchOpts) -> Result<Vec<Hit>, AppError> {
        self.refresh(db).await?;
        let inner = self.inner.read().await;
        Ok(inner.index.search(query, opts, |m: &ArticleMeta| m.readable_by(reader)))
    }

    /// The published articles the reader may see, in a category (all when `None`), by title.
    pub async fn browse(
        &self,
        db: &impl db::sea_orm::ConnectionTrait,
        reader: Reader,
        category: Option<Category>,
    ) -> Result<Vec<(i32, ArticleMeta)>, AppError> {
        self.refresh(db).await?;
        let inner = self.inner.read().await;
        let mut out: Vec<(i32, ArticleMeta)> =
            inner.catalog.iter().filter(|(_, m)| m.readable_by(reader) && category.is_none_or(|c| m.category == c)).map(|(id, m)| (*id, m.clone())).collect();
        out.sort_by(|a, b| a.1.title.cmp(&b.1.title).then(a.0.cmp(&b.0)));
        Ok(out)
    }

    /// How many published articles the reader may see per category.
    pub async fn counts(&self, db: &impl db::sea_orm::ConnectionTrait, reader: Reader) -> Result<Vec<(Category, u32)>, AppError> {
        self.refresh(db).await?;
        let inner = self.inner.read().await;
        Ok(Category::ALL
            .into_iter()
            .map(|c| (c, inner.catalog.values().filter(|m| m.category == c && m.readable_by(reader)).count() as u32))
            .filter(|(_, n)| *n > 0)
            .collect())
    }

    /// The published metadata of one article (after a refresh by the caller's search).
    pub async fn meta(&self, id: i32) -> Option<ArticleMeta> {
        self.inner.read().await.catalog.get(&id).cloned()
    }
}

/// The search document of an article's published version (`None`: nothing published).
fn doc_of(a: &db::repo::kb_articles::Indexed) -> Option<Doc<ArticleMeta>> {
    let v = a.published.as_ref()?;
    let d = db::repo::kb_articles::draft_of(v)?;
    let mut related = d.models.clone();
    related.extend(d.software.iter().cloned());
    Some(Doc {
        id: a.article.id,
        title: d.title.clone(),
        tags: d.tags.clone(),
        body: markup::to_text(&d.body),
        related,
        meta: ArticleMeta { visibility: d.visibility, orgs: d.orgs, lang: d.lang, category: d.category, title: d.title, pair_id: a.article.pair_id },
    })
}
