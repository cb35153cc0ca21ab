//! Lists that match more than `COUNT_CAP` requests, remembered for a few seconds.
//!
//! Counting such a list reads `COUNT_CAP + 1` index entries on every view of its first pages:
//! at a million requests that was the largest single cost of rendering a big organization's
//! list. The answer shown is "10,000+", which does not change within seconds, so it is kept
//! for `FRESH` per filter. Smaller counts are always counted (or read off the page itself), so
//! a list that shrinks below the cap shows its exact count again after at most `FRESH`.
use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

use db::repo::requests::ListQuery;

const FRESH: Duration = Duration::from_secs(10);
/// Distinct filters remembered at most (the oldest are dropped past it).
const MAX: usize = 4096;

#[derive(Default)]
pub struct BigLists(Mutex<HashMap<String, Instant>>);

impl BigLists {
    /// The filter of a list, without its page and order (the count does not depend on them).
    fn key(q: &ListQuery) -> String {
        format!("{:?}|{:?}|{:?}|{:?}|{:?}", q.scope, q.statuses, q.severity, q.site_id, q.search)
    }

    /// Was this list counted over the cap within `FRESH`?
    pub fn known_over_cap(&self, q: &ListQuery) -> bool {
        self.known_over_cap_at(q, Instant::now())
    }

    fn known_over_cap_at(&self, q: &ListQuery, now: Instant) -> bool {
        let map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&Self::key(q)).is_some_and(|at| now.saturating_duration_since(*at) < FRESH)
    }

    /// Records the total a list read gave: a count over the cap is remembered from now, a
    /// smaller one forgets the filter. A total that only repeats what was remembered (the
    /// list was read with `known_over_cap`, so nothing was counted) changes nothing: it must
    /// not push the time forward, or the list would never be counted again.
    pub fn counted(&self, q: &ListQuery, total: u64) {
        self.counted_at(q, total, Instant::now())
    }

    fn counted_at(&self, q: &ListQuery, total: u64, now: Instant) {
        let over = total > db::repo::requests::COUNT_CAP;
        if over && q.known_over_cap {
            return;
        }
        let key = Self::key(q);
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if over {
            if map.len() >= MAX {
                map.retain(|_, at| now.saturating_duration_since(*at) < FRESH);
                if map.len() >= MAX {
                    map.clear();
                }
            }
            // `insert`, not `or_insert`: a filter counted again after `FRESH` is fresh again.
            // (Keeping the first time made every view past the first ten seconds count.)
            map.insert(key, now);
        } else {
            map.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::repo::requests::{Scope, Sort, COUNT_CAP};

    #[test]
    fn only_counts_over_the_cap_are_remembered_per_filter() {
        let lists = BigLists::default();
        let org = ListQuery { scope: Scope::Organization(7), ..Default::default() };
        let open = ListQuery { statuses: vec!["new".into()], ..org.clone() };
        assert!(!lists.known_over_cap(&org));
        lists.counted(&org, COUNT_CAP);
        assert!(!lists.known_over_cap(&org), "at the cap it is an exact count: counted every time");
        lists.counted(&org, COUNT_CAP + 1);
        assert!(lists.known_over_cap(&org));
        assert!(lists.known_over_cap(&ListQuery { page: 3, sort: Sort::Oldest, ..org.clone() }), "page and order do not matter");
        assert!(!lists.known_over_cap(&open), "another filter is counted on its own");
        assert!(!lists.known_over_cap(&ListQuery { scope: Scope::Organization(8), ..Default::default() }), "another organization too");
        lists.counted(&org, 12);
        assert!(!lists.known_over_cap(&org), "a count under the cap forgets it");
    }

    #[test]
    fn a_big_list_is_counted_again_after_fresh_and_then_remembered_again() {
        let lists = BigLists::default();
        let q = ListQuery { scope: Scope::Organization(7), ..Default::default() };
        let t0 = Instant::now();
        lists.counted_at(&q, COUNT_CAP + 1, t0);
        let read = ListQuery { known_over_cap: true, ..q.clone() };
        let later = t0 + FRESH - Duration::from_secs(1);
        assert!(lists.known_over_cap_at(&q, later));
        // A view that used the remembered answer counted nothing: the time stays.
        lists.counted_at(&read, COUNT_CAP + 1, later);
        let stale = t0 + FRESH + Duration::from_secs(1);
        assert!(!lists.known_over_cap_at(&q, stale), "after FRESH the list is counted again");
        // That count is remembered from its own time.
        lists.counted_at(&q, COUNT_CAP + 1, stale);
        assert!(lists.known_over_cap_at(&q, stale + Duration::from_secs(1)), "the new count is fresh");
        assert!(!lists.known_over_cap_at(&q, stale + FRESH), "and ages like the first");
        // An exact count that is small forgets it even when the list was read as big.
        lists.counted_at(&read, 5, stale);
        assert!(!lists.known_over_cap_at(&q, stale));
    }
}
