//! The in-memory ranked search over published articles.
//!
//! A knowledge base has hundreds to a few tens of thousands of articles, and customers search
//! while they type: an inverted index in memory answers in well under a millisecond to a few
//! milliseconds, the same on SQLite and PostgreSQL deployments (the database only stores the
//! articles, and the order of equal scores is fixed by id).
//!
//! Ranking is BM25 per field (title, tags, body, weighted), plus a bonus for a phrase found as
//! typed; hits the caller marks as related (e.g. to the device category of the request being
//! written) come first. Updates are exact: a removed or replaced article leaves nothing behind.
use std::{
    cmp::{Ordering, Reverse},
    collections::{BTreeMap, BinaryHeap, HashMap},
    ops::Bound,
};

use serde::{Deserialize, Serialize};

use super::text::{self, normalize, Scan, TermKind};

const K1: f32 = 1.2;
const B: f32 = 0.75;
const TITLE: usize = 0;
const TAGS: usize = 1;
const BODY: usize = 2;
/// A word in the title says more about what an article is about than one in its body.
const FIELD_WEIGHTS: [f32; 3] = [3.0, 2.0, 1.0];
/// One character is a weak hint (it is part of many words); it only matters while nothing longer
/// has been typed.
const UNIGRAM_WEIGHT: f32 = 0.3;
/// A word completed from what is being typed may not be the word meant.
const PREFIX_WEIGHT: f32 = 0.6;
const TITLE_PHRASE_BONUS: f32 = 4.0;
const BODY_PHRASE_BONUS: f32 = 2.0;
/// `Index::search`'s mark for a doc that `allow` refused.
const DENIED: u32 = u32::MAX;

/// An article as the index needs it. `body` is plain text: the caller strips formatting first.
/// `meta` is whatever the caller filters on (visibility, language, ...).
#[derive(Clone, Debug, PartialEq)]
pub struct Doc<M> {
    pub id: i32,
    pub title: String,
    pub tags: Vec<String>,
    pub body: String,
    /// What the article is related to (e.g. device categories); see [`SearchOpts::related`].
    pub related: Vec<String>,
    pub meta: M,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SearchOpts {
    pub limit: usize,
    /// Hits related to one of these (compared normalised and trimmed) come before all others.
    pub related: Vec<String>,
    /// About how many chars of the body a snippet shows.
    pub snippet_chars: usize,
}

impl Default for SearchOpts {
    fn default() -> Self {
        SearchOpts { limit: 20, related: Vec::new(), snippet_chars: 120 }
    }
}

/// A piece of shown text; `hit` pieces matched the query and are highlighted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    pub hit: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub id: i32,
    pub score: f32,
    /// One of the article's `related` strings is one of the search's.
    pub related: bool,
    /// The whole title.
    pub title: Vec<Segment>,
    /// A window of the body around its densest cluster of matches, whitespace collapsed, with a
    /// `…` segment of its own where the body was cut.
    pub snippet: Vec<Segment>,
}

/// One document containing one term, with the term's frequency in each field (saturating: past
/// 255 or 65,535 occurrences more say nothing). Eight bytes: postings are most of the memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Posting {
    slot: u32,
    title: u8,
    tags: u8,
    body: u16,
}

/// A text kept normalised (for phrase checks and to re-derive its terms) with the chars that
/// normalisation changed, so the original can be shown without keeping a second copy.
#[derive(Clone, Debug)]
struct Folded {
    norm: Box<str>,
    /// (char index, original char), by index. Eight bytes each: Chinese text changes every
    /// full-width comma. Chars past the 4,294,967,295th are shown normalised.
    changed: Box<[(u32, char)]>,
}

impl Folded {
    fn new(s: &str) -> Self {
        let mut norm = String::with_capacity(s.len());
        let mut changed = Vec::new();
        for (i, c) in s.chars().enumerate() {
            let n = text::normalize_char(c);
            if let (true, Ok(i)) = (n != c, u32::try_from(i)) {
                changed.push((i, c));
            }
            norm.push(n);
        }
        Folded { norm: norm.into(), changed: changed.into() }
    }

    fn original_chars(&self) -> impl Iterator<Item = char> + '_ {
        let mut next = 0usize;
        self.norm.chars().enumerate().map(move |(i, c)| match self.changed.get(next) {
            Some(&(j, original)) if j as usize == i => {
                next += 1;
                original
            }
            _ => c,
        })
    }
}

#[derive(Clone, Debug)]
struct Stored<M> {
    id: i32,
    title: Folded,
    /// Normalised; only needed to re-derive the doc's terms when it is removed.
    tags: Box<[Box<str>]>,
    body: Folded,
    /// Normalised, trimmed, none empty.
    related: Box<[Box<str>]>,
    meta: M,
}

impl<M> Stored<M> {
    fn new(doc: Doc<M>) -> Self {
        Stored {
            id: doc.id,
            title: Folded::new(&doc.title),
            tags: doc.tags.iter().map(|t| normalize(t).into_boxed_str()).collect(),
            body: Folded::new(&doc.body),
            related: normalized_related(&doc.related).into_iter().map(String::into_boxed_str).collect(),
            meta: doc.meta,
        }
    }

    /// Calls `f(field, text, kind)` for every term occurrence of the doc: the same sequence when
    /// it is added and when it is removed, which keeps the index exact.
    fn for_each_term<'a>(&'a self, f: &mut impl FnMut(usize, &'a str, TermKind)) {
        text::scan(&self.title.norm, Scan::TermsAndUnigrams, &mut |t, k, _, _| f(TITLE, t, k));
        for tag in self.tags.iter() {
            text::scan(tag, Scan::TermsAndUnigrams, &mut |t, k, _, _| f(TAGS, t, k));
        }
        text::scan(&self.body.norm, Scan::Terms, &mut |t, k, _, _| f(BODY, t, k));
    }
}

fn normalized_related(related: &[String]) -> Vec<String> {
    related.iter().map(|r| normalize(r.trim()).trim().to_owned()).filter(|r| !r.is_empty()).collect()
}

/// The inverted index. Terms are interned (an id per distinct text) and each has its postings,
/// sorted by slot (a doc's place in `docs`). A removed doc's postings are taken out at once
/// (found by re-deriving its terms from the stored text), its slot is reused: no tombstones, so
/// idf and lengths are always those of the live docs and nothing needs compacting.
#[derive(Clone, Debug)]
pub struct Index<M> {
    term_ids: HashMap<Box<str>, u32>,
    /// The word terms, sorted, for the prefix scan of the word being typed.
    words: BTreeMap<Box<str>, u32>,
    postings: Vec<Vec<Posting>>,
    free_terms: Vec<u32>,
    docs: Vec<Option<Stored<M>>>,
    /// Terms per field, by slot (apart from `docs`: read for every posting scored).
    lens: Vec<[u32; 3]>,
    free_slots: Vec<u32>,
    slots: HashMap<i32, u32>,
    /// Sums of `lens` over live docs; integers, so that the average is exactly the same after
    /// any sequence of updates as after a rebuild.
    total_lens: [u64; 3],
}

impl<M: Clone> Default for Index<M> {
    fn default() -> Self {
        Self::new()
    }
}

/// A doc's running score in one search.
#[derive(Clone, Copy, Debug)]
struct Acc {
    slot: u32,
    score: f32,
    /// The best word completing the last, unfinished, word: counted once, not per completion.
    prefix: f32,
    /// Query terms (bits) matched in the title and in the body, for phrase checks.
    title_terms: u64,
    body_terms: u64,
}

/// The order of hits: related first, then by score, then by id (ascending). Greater is better.
#[derive(Clone, Copy, Debug)]
struct Ranked {
    related: bool,
    score: f32,
    id: i32,
    acc: usize,
}

impl Ranked {
    /// Related first, then score: what an upper bound of the score can be compared on.
    fn cmp_score(&self, other: &Self) -> Ordering {
        self.related.cmp(&other.related).then(self.score.total_cmp(&other.score))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.cmp_score(other).then(other.id.cmp(&self.id))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

/// A distinct term of the query.
struct QueryTerm<'a> {
    text: &'a str,
    kind: TermKind,
    bit: u64,
}

/// Which terms of a field are shown as hits.
struct Matcher<'a> {
    texts: Vec<&'a str>,
    prefix: Option<&'a str>,
}

impl Matcher<'_> {
    fn matches(&self, text: &str, kind: TermKind) -> bool {
        self.texts.contains(&text) || (kind == TermKind::Word && self.prefix.is_some_and(|p| text.starts_with(p)))
    }
}

impl<M: Clone> Index<M> {
    pub fn new() -> Self {
        Index {
            term_ids: HashMap::new(),
            words: BTreeMap::new(),
            postings: Vec::new(),
            free_terms: Vec::new(),
            docs: Vec::new(),
            lens: Vec::new(),
            free_slots: Vec::new(),
            slots: HashMap::new(),
            total_lens: [0; 3],
        }
    }

    /// Live documents.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Adds the doc, or replaces the one with the same id.
    pub fn upsert(&mut self, doc: Doc<M>) {
        self.remove(doc.id);
        let stored = Stored::new(doc);
        let slot = match self.free_slots.pop() {
            Some(s) => s,
            None => {
                self.docs.push(None);
                self.lens.push([0; 3]);
                (self.docs.len() - 1) as u32
            }
        };
        let mut lens = [0u32; 3];
        let mut occurrences: Vec<(u32, usize)> = Vec::new();
        stored.for_each_term(&mut |field, t, kind| {
            occurrences.push((self.intern(t, kind), field));
            lens[field] = lens[field].saturating_add(1);
        });
        occurrences.sort_unstable();
        let mut i = 0;
        while i < occurrences.len() {
            let term = occurrences[i].0;
            let mut tf = [0u32; 3];
            while i < occurrences.len() && occurrences[i].0 == term {
                tf[occurrences[i].1] += 1;
                i += 1;
            }
            let posting = Posting {
                slot,
                title: u8::try_from(tf[TITLE]).unwrap_or(u8::MAX),
                tags: u8::try_from(tf[TAGS]).unwrap_or(u8::MAX),
                body: u16::try_from(tf[BODY]).unwrap_or(u16::MAX),
            };
            let list = &mut self.postings[term as usize];
            if list.len() == list.capacity() {
                // Grow by an eighth, not double: postings are most of the memory, and the copy
                // this costs now and then is still amortised constant time per posting.
                list.reserve_exact((list.len() / 8).max(4));
            }
            match list.last() {
                Some(last) if last.slot > slot => {
                    let at = list.partition_point(|p| p.slot < slot);
                    list.insert(at, posting);
                }
                _ => list.push(posting),
            }
        }
        for (total, len) in self.total_lens.iter_mut().zip(lens) {
            *total += u64::from(len);
        }
        self.lens[slot as usize] = lens;
        self.slots.insert(stored.id, slot);
        self.docs[slot as usize] = Some(stored);
    }

    /// Removes the doc with this id, if there is one.
    pub fn remove(&mut self, id: i32) {
        let Some(slot) = self.slots.remove(&id) else { return };
        let Some(stored) = self.docs.get_mut(slot as usize).and_then(Option::take) else { return };
        let mut terms: Vec<(u32, &str)> = Vec::new();
        stored.for_each_term(&mut |_, t, _| {
            if let Some(&term) = self.term_ids.get(t) {
                terms.push((term, t));
            }
        });
        terms.sort_unstable();
        terms.dedup();
        for (term, t) in terms {
            let list = &mut self.postings[term as usize];
            if let Ok(at) = list.binary_search_by_key(&slot, |p| p.slot) {
                list.remove(at);
            }
            if list.is_empty() {
                // Forget the term: a word no article has any more must not be completed.
                self.postings[term as usize] = Vec::new();
                self.term_ids.remove(t);
                self.words.remove(t);
                self.free_terms.push(term);
            }
        }
        let lens = std::mem::take(&mut self.lens[slot as usize]);
        for (total, len) in self.total_lens.iter_mut().zip(lens) {
            *total -= u64::from(len);
        }
        self.free_slots.push(slot);
    }

    pub fn meta(&self, id: i32) -> Option<&M> {
        let slot = *self.slots.get(&id)?;
        self.docs.get(slot as usize)?.as_ref().map(|d| &d.meta)
    }

    fn intern(&mut self, t: &str, kind: TermKind) -> u32 {
        if let Some(&term) = self.term_ids.get(t) {
            return term;
        }
        let term = match self.free_terms.pop() {
            Some(term) => term,
            None => {
                self.postings.push(Vec::new());
                (self.postings.len() - 1) as u32
            }
        };
        self.term_ids.insert(t.into(), term);
        if kind == TermKind::Word {
            self.words.insert(t.into(), term);
        }
        term
    }

    /// The best `opts.limit` articles for `query` among those `allow` accepts, best first.
    ///
    /// An article is a hit when it contains at least one term of the query. `allow` is asked
    /// once per article that contains a term, before it is scored; articles it refuses never
    /// show and cost nothing more. Term rarity (idf) is over all live articles, so that the same
    /// article gets the same score whoever searches.
    pub fn search(&self, query: &str, opts: &SearchOpts, allow: impl Fn(&M) -> bool) -> Vec<Hit> {
        let query = text::query_terms(query);
        if opts.limit == 0 || query.terms.is_empty() || self.is_empty() {
            return Vec::new();
        }
        // Distinct terms, each a bit (there are at most 64).
        let mut terms: Vec<QueryTerm> = Vec::new();
        for t in &query.terms {
            if !terms.iter().any(|q| q.text == t.text) {
                terms.push(QueryTerm { text: &t.text, kind: t.kind, bit: 1 << terms.len() });
            }
        }
        let prefix = query.last_word_prefix.as_deref();
        let prefix_bit = prefix.and_then(|p| terms.iter().find(|q| q.text == p)).map_or(0, |q| q.bit);

        let live = self.len() as f32;
        let avg = self.total_lens.map(|t| if t == 0 { 1.0 } else { t as f32 / live });
        // Per slot: 0 not seen yet, DENIED, or the index of its `Acc` plus one.
        let mut seen = vec![0u32; self.docs.len()];
        let mut accs: Vec<Acc> = Vec::new();
        let mut score_postings = |term: u32, weight: f32, bit: u64, is_prefix: bool| {
            let Some(list) = self.postings.get(term as usize) else { return };
            let df = list.len() as f32;
            let idf = ((live - df + 0.5) / (df + 0.5) + 1.0).ln();
            for p in list {
                let s = p.slot as usize;
                let acc = match seen[s] {
                    DENIED => continue,
                    0 => {
                        let Some(Some(doc)) = self.docs.get(s) else { continue };
                        if !allow(&doc.meta) {
                            seen[s] = DENIED;
                            continue;
                        }
                        accs.push(Acc { slot: p.slot, score: 0.0, prefix: 0.0, title_terms: 0, body_terms: 0 });
                        seen[s] = accs.len() as u32;
                        accs.len() - 1
                    }
                    n => n as usize - 1,
                };
                let lens = self.lens[s];
                let mut score = 0.0;
                for (field, tf) in [(TITLE, u32::from(p.title)), (TAGS, u32::from(p.tags)), (BODY, u32::from(p.body))] {
                    if tf > 0 {
                        let tf = tf as f32;
                        let norm = K1 * (1.0 - B + B * lens[field] as f32 / avg[field]);
                        score += FIELD_WEIGHTS[field] * tf * (K1 + 1.0) / (tf + norm);
                    }
                }
                let score = score * idf * weight;
                let a = &mut accs[acc];
                if is_prefix {
                    a.prefix = a.prefix.max(score);
                } else {
                    a.score += score;
                }
                if p.title > 0 {
                    a.title_terms |= bit;
                }
                if p.body > 0 {
                    a.body_terms |= bit;
                }
            }
        };
        for q in &terms {
            if let Some(&term) = self.term_ids.get(q.text) {
                let weight = if q.kind == TermKind::Unigram { UNIGRAM_WEIGHT } else { 1.0 };
                score_postings(term, weight, q.bit, false);
            }
        }
        if let Some(p) = prefix {
            let completions = self.words.range::<str, _>((Bound::Excluded(p), Bound::Unbounded)).take_while(|(w, _)| w.starts_with(p));
            for (_, &term) in completions {
                score_postings(term, PREFIX_WEIGHT, prefix_bit, true);
            }
        }

        let related = normalized_related(&opts.related);
        // Per phrase, the query terms it contains: a field holds the phrase only if it matched
        // them all (a cheap test before the substring search, and it keeps a phrase that starts
        // or ends inside a longer word from counting).
        let phrases: Vec<(&str, u64)> = query
            .phrases
            .iter()
            .map(|ph| {
                let bits = terms.iter().filter(|q| q.kind != TermKind::Unigram && ph.contains(q.text)).fold(0, |b, q| b | q.bit);
                (ph.as_str(), bits)
            })
            .collect();
        let max_bonus = phrases.len() as f32 * (TITLE_PHRASE_BONUS + BODY_PHRASE_BONUS);

        let mut candidates: BinaryHeap<Ranked> = accs
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let doc = self.docs.get(a.slot as usize)?.as_ref()?;
                let is_related = !related.is_empty() && doc.related.iter().any(|r| related.iter().any(|o| **r == **o));
                Some(Ranked { related: is_related, score: a.score + a.prefix, id: doc.id, acc: i })
            })
            .collect();
        // Best base score first; a phrase bonus can lift a doc by at most `max_bonus`, so once the
        // next one could not beat the worst kept even with it, no later one can.
        let mut top: BinaryHeap<Reverse<Ranked>> = BinaryHeap::new();
        while let Some(c) = candidates.pop() {
            if top.len() >= opts.limit {
                let Some(Reverse(worst)) = top.peek() else { break };
                if max_bonus == 0.0 || (Ranked { score: c.score + max_bonus, ..c }).cmp_score(worst) == Ordering::Less {
                    break;
                }
            }
            let a = &accs[c.acc];
            let Some(Some(doc)) = self.docs.get(a.slot as usize) else { continue };
            let mut bonus = 0.0;
            for &(phrase, bits) in &phrases {
                if a.title_terms & bits == bits && doc.title.norm.contains(phrase) {
                    bonus += TITLE_PHRASE_BONUS;
                }
                if a.body_terms & bits == bits && doc.body.norm.contains(phrase) {
                    bonus += BODY_PHRASE_BONUS;
                }
            }
            let r = Ranked { score: c.score + bonus, ..c };
            if top.len() < opts.limit {
                top.push(Reverse(r));
            } else if top.peek().is_some_and(|Reverse(worst)| r > *worst) {
                top.pop();
                top.push(Reverse(r));
            }
        }
        let mut ranked: Vec<Ranked> = top.into_iter().map(|Reverse(r)| r).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));

        let matcher = Matcher { texts: terms.iter().map(|q| q.text).collect(), prefix };
        ranked
            .into_iter()
            .filter_map(|r| {
                let doc = self.docs.get(accs[r.acc].slot as usize)?.as_ref()?;
                Some(Hit {
                    id: r.id,
                    score: r.score,
                    related: r.related,
                    title: title_segments(&doc.title, &matcher),
                    snippet: snippet(&doc.body, &matcher, opts.snippet_chars),
                })
            })
            .collect()
    }
}

/// Appends chars to segments, a new segment only when `hit` changes; a `…` stays on its own.
#[derive(Default)]
struct Segments {
    out: Vec<Segment>,
    /// The last segment is text that may grow.
    open: bool,
}

impl Segments {
    fn push(&mut self, c: char, hit: bool) {
        match self.out.last_mut() {
            Some(last) if self.open && last.hit == hit => last.text.push(c),
            _ => {
                self.out.push(Segment { text: c.to_string(), hit });
                self.open = true;
            }
        }
    }

    fn ellipsis(&mut self) {
        self.out.push(Segment { text: "…".to_owned(), hit: false });
        self.open = false;
    }
}

/// Marks the chars of `norm` covered by a matching term.
fn hit_chars(norm: &str, what: Scan, matcher: &Matcher) -> (Vec<bool>, Vec<(usize, usize)>) {
    let mut hits = vec![false; norm.chars().count()];
    let mut spans = Vec::new();
    text::scan(norm, what, &mut |t, kind, start, len| {
        if matcher.matches(t, kind) {
            for h in hits.iter_mut().skip(start).take(len) {
                *h = true;
            }
            spans.push((start, start + len));
        }
    });
    (hits, spans)
}

fn title_segments(title: &Folded, matcher: &Matcher) -> Vec<Segment> {
    let (hits, _) = hit_chars(&title.norm, Scan::TermsAndUnigrams, matcher);
    let mut out = Segments::default();
    for (c, hit) in title.original_chars().zip(hits) {
        out.push(c, hit);
    }
    out.out
}

/// About `width` chars of the body around the densest cluster of matches (the most matches
/// within `width` chars; the first such), or its start when nothing in it matches.
fn snippet(body: &Folded, matcher: &Matcher, width: usize) -> Vec<Segment> {
    if width == 0 || body.norm.is_empty() {
        return Vec::new();
    }
    let (hits, spans) = hit_chars(&body.norm, Scan::Terms, matcher);
    let n = hits.len();
    let mut from = 0;
    if n > width && !spans.is_empty() {
        // Spans are in order of start; `end` is the first span not within `width` of span `i`.
        let (mut best, mut best_count, mut best_end) = (0, 0, 0);
        let mut end = 0;
        for (i, &(start, _)) in spans.iter().enumerate() {
            end = end.max(i);
            while end < spans.len() && spans[end].1 <= start + width {
                end += 1;
            }
            if end - i > best_count {
                (best, best_count, best_end) = (i, end - i, end);
            }
        }
        let cluster_start = spans[best].0;
        let cluster_end = spans[best..best_end.max(best + 1)].iter().map(|s| s.1).max().unwrap_or(cluster_start);
        let slack = width.saturating_sub(cluster_end - cluster_start);
        from = cluster_start.saturating_sub(slack / 2).min(n - width);
    }
    let to = (from + width).min(n);
    let chars: Vec<char> = body.original_chars().collect();
    let mut out = Segments::default();
    if chars[..from].iter().any(|c| !c.is_whitespace()) {
        out.ellipsis();
    }
    // Whitespace runs become one space, none at either end of the window.
    let (mut started, mut space) = (false, false);
    for (&c, &hit) in chars[from..to].iter().zip(&hits[from..to]) {
        if c.is_whitespace() {
            space = started;
            continue;
        }
        if space {
            out.push(' ', false);
            space = false;
        }
        started = true;
        out.push(c, hit);
    }
    if chars[to..].iter().any(|c| !c.is_whitespace()) {
        out.ellipsis();
    }
    out.out
}

#[cfg(test)]
mod tests;
