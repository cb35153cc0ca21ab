//! The knowledge base's server functions: browsing and searching (`browse`), reading an
//! article and saying whether it helped (`read`), writing and reviewing (`write`),
//! suggestions on the new-request form (`suggest`) and the usage figures (`stats`). Readers
//! who are not signed in reach public articles only; every function asks
//! `domain::knowledge::article` who may read or write.
mod browse;
mod read;
mod stats;
mod suggest;
mod write;

pub use browse::*;
pub use read::*;
pub use stats::*;
pub use suggest::*;
pub use write::*;

/// Longest search a person types (and SQLite-free: the index is ours).
pub const QUERY_MAX: usize = 200;

/// Who is reading: a signed-in caller, or nobody.
#[cfg(feature = "ssr")]
pub(crate) async fn reader() -> Result<(crate::ssr::AppState, Option<crate::ssr::Caller>, domain::knowledge::Reader), crate::error::AppError> {
    let state = crate::ssr::state()?;
    let caller = crate::ssr::current(&state).await?;
    let reader = domain::knowledge::Reader::of(caller.as_ref().map(|c| c.actor.role), caller.as_ref().map(|c| c.org.id).unwrap_or(0));
    Ok((state, caller, reader))
}

/// The search results as cards.
#[cfg(feature = "ssr")]
pub(crate) fn cards(
    hits: Vec<domain::knowledge::index::Hit>,
    metas: &std::collections::HashMap<i32, crate::ssr::knowledge::ArticleMeta>,
) -> Vec<crate::model::ArticleCard> {
    hits.into_iter()
        .filter_map(|h| {
            let m = metas.get(&h.id)?;
            Some(crate::model::ArticleCard { id: h.id, title: h.title, snippet: h.snippet, category: m.category, lang: m.lang })
        })
        .collect()
}
