//! Sign-in attempts are limited per account (guessing one password) and per address
//! (trying many accounts), password changes per user, with the governor crate's keyed GCRA
//! limiters. Keys cost memory, and sign-in is open to anyone, so: an e-mail longer than any
//! real address is refused before it is stored, an attempt refused by its address does not
//! create an account key, and keys that have fully recovered are forgotten every
//! [`PRUNE_EVERY`] checks.
//!
//! Also here: which address a request comes from ([`TrustedProxies`]), since the per-address
//! budget is only as good as that answer.
use std::{
    hash::Hash,
    net::IpAddr,
    num::NonZeroU32,
    sync::atomic::{AtomicU64, Ordering},
    time::Duration,
};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// The longest e-mail address accepted (RFC 5321's path limit less the brackets); a longer
/// one is a bad credential without being remembered.
pub const MAX_EMAIL_BYTES: usize = 254;

/// Every this many checks a limiter forgets the keys that are back to a full budget.
pub const PRUNE_EVERY: u64 = 1024;

/// `burst` attempts at once, then one more every `window / burst`.
fn quota(burst: u32, window: Duration) -> Quota {
    let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
    let period = (window / burst.get()).max(Duration::from_nanos(1));
    Quota::with_period(period).unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN)).allow_burst(burst)
}

/// A keyed limiter that forgets keys it no longer needs.
pub struct KeyLimiter<K: Hash + Eq + Clone> {
    limiter: DefaultKeyedRateLimiter<K>,
    checks: AtomicU64,
}

impl<K: Hash + Eq + Clone> KeyLimiter<K> {
    /// `burst` attempts per `window`.
    pub fn new(burst: u32, window: Duration) -> Self {
        KeyLimiter { limiter: RateLimiter::keyed(quota(burst, window)), checks: AtomicU64::new(0) }
    }

    /// Whether `key` may go ahead now; counts it if so.
    pub fn check(&self, key: &K) -> bool {
        if self.checks.fetch_add(1, Ordering::Relaxed) % PRUNE_EVERY == PRUNE_EVERY - 1 {
            self.prune();
        }
        self.limiter.check_key(key).is_ok()
    }

    /// Forgets every key whose budget is full again.
    pub fn prune(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }

    /// How many keys are remembered.
    pub fn len(&self) -> usize {
        self.limiter.len()
    }

    pub fn is_empty(&self) -> bool {
        self.limiter.is_empty()
    }
}

pub struct SignInLimiter {
    by_account: KeyLimiter<String>,
    by_address: KeyLimiter<IpAddr>,
}

impl SignInLimiter {
    pub fn new(per_account: u32, per_address: u32, window: Duration) -> Self {
        SignInLimiter { by_account: KeyLimiter::new(per_account, window), by_address: KeyLimiter::new(per_address, window) }
    }

    /// Whether this attempt may go ahead. The address is counted first; an attempt it
    /// refuses, or with an e-mail longer than [`MAX_EMAIL_BYTES`], adds no account key.
    pub fn allow(&self, email: &str, addr: IpAddr) -> bool {
        if !self.by_address.check(&addr) {
            return false;
        }
        let email = email.trim();
        if email.len() > MAX_EMAIL_BYTES {
            return false;
        }
        self.by_account.check(&email.to_lowercase())
    }

    /// Forgets the keys of both limiters that are back to a full budget.
    pub fn prune(&self) {
        self.by_account.prune();
        self.by_address.prune();
    }

    /// Keys remembered: (accounts, addresses).
    pub fn len(&self) -> (usize, usize) {
        (self.by_account.len(), self.by_address.len())
    }
}

/// The reverse proxies whose `X-Forwarded-For` is believed (`PORTAL_TRUSTED_PROXIES`):
/// addresses and CIDR ranges. Empty by default: the header is ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

impl TrustedProxies {
    /// A comma-separated list like `10.0.0.1, 10.1.0.0/16, fd00::/8`; `Err` names the bad entry.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        let mut nets = vec![];
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let bad = || format!("{entry} is not an IP address or CIDR range");
            let (ip, bits) = match entry.split_once('/') {
                Some((ip, bits)) => (ip.trim().parse::<IpAddr>().map_err(|_| bad())?, Some(bits.trim().parse::<u8>().map_err(|_| bad())?)),
                None => (entry.parse::<IpAddr>().map_err(|_| bad())?, None),
            };
            let max = if ip.is_ipv4() { 32 } else { 128 };
            let bits = bits.unwrap_or(max);
            if bits > max {
                return Err(bad());
            }
            nets.push((ip, bits));
        }
        Ok(TrustedProxies(nets))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, addr: IpAddr) -> bool {
        let addr = canonical(addr);
        self.0.iter().any(|&(net, bits)| match (canonical(net), addr) {
            (IpAddr::V4(n), IpAddr::V4(a)) => prefix_eq(u128::from(u32::from(n)), u128::from(u32::from(a)), bits, 32),
            (IpAddr::V6(n), IpAddr::V6(a)) => prefix_eq(u128::from(n), u128::from(a), bits, 128),
            _ => false,
        })
    }

    /// The client's address: the peer, unless the peer is a trusted proxy; then the
    /// right-most `X-Forwarded-For` entry that is not itself a trusted proxy (entries to its
    /// left were written by the client and prove nothing). A malformed entry where the search
    /// stops leaves the peer's address.
    pub fn client_addr<'a>(&self, peer: IpAddr, forwarded_for: impl IntoIterator<Item = &'a str>) -> IpAddr {
        let peer = canonical(peer);
        if !self.contains(peer) {
            return peer;
        }
        let entries: Vec<&str> = forwarded_for.into_iter().flat_map(|h| h.split(',')).map(str::trim).filter(|e| !e.is_empty()).collect();
        for entry in entries.into_iter().rev() {
            match parse_forwarded(entry) {
                Some(ip) if self.contains(ip) => continue,
                Some(ip) => return canonical(ip),
                None => return peer,
            }
        }
        peer
    }
}

/// The address of the client of the server function being served (see
/// [`TrustedProxies::client_addr`]).
pub async fn client_addr(state: &super::AppState) -> Result<IpAddr, crate::error::AppError> {
    use axum::extract::ConnectInfo;
    let peer = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>().await.map(|c| c.0.ip()).map_err(super::internal)?;
    let parts = leptos::prelude::use_context::<http::request::Parts>();
    let forwarded: Vec<&str> =
        parts.as_ref().map(|p| p.headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect()).unwrap_or_default();
    Ok(state.trusted_proxies.client_addr(peer, forwarded))
}

/// Password changes: this many attempts per user per [`PASSWORD_CHANGE_WINDOW`].
pub const PASSWORD_CHANGES: u32 = 5;
pub const PASSWORD_CHANGE_WINDOW: Duration = Duration::from_secs(15 * 60);

fn prefix_eq(net: u128, addr: u128, bits: u8, width: u8) -> bool {
    if bits == 0 {
        return true;
    }
    let shift = u32::from(width - bits.min(width));
    (net >> shift) == (addr >> shift)
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// One `X-Forwarded-For` entry: `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` or `[2001:db8::1]:443`.
fn parse_forwarded(entry: &str) -> Option<IpAddr> {
    if let Ok(ip) = entry.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Ok(sa) = entry.parse::<std::net::SocketAddr>() {
        return Some(sa.ip());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn limits_per_account_and_per_address() {
        let l = SignInLimiter::new(3, 5, Duration::from_secs(900));
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        assert!((0..3).all(|_| l.allow("x@y.cn", a)));
        assert!(!l.allow("X@y.cn ", b), "same account from another address");
        assert!(l.allow("z@y.cn", a));
        assert!(l.allow("w@y.cn", a));
        assert!(!l.allow("v@y.cn", a), "sixth attempt from one address");
        assert!(l.allow("v@y.cn", b));
    }

    #[test]
    fn refused_attempts_and_long_emails_store_no_account_key() {
        let l = SignInLimiter::new(3, 5, Duration::from_secs(900));
        let a = ip("10.0.0.1");
        for i in 0..1000 {
            l.allow(&format!("guess{i}@y.cn"), a);
        }
        assert_eq!(l.len(), (5, 1), "only the five attempts the address was allowed leave an account key");
        let b = ip("10.0.0.2");
        let long = format!("{}@y.cn", "x".repeat(1_000_000));
        assert!(!l.allow(&long, b), "a megabyte e-mail is refused");
        assert_eq!(l.len(), (5, 2), "and not remembered");
        assert!(!l.allow(&format!("{}@y.cn", "x".repeat(MAX_EMAIL_BYTES)), ip("10.0.0.3")));
        assert!(l.allow(&format!("{}@y.cn", "x".repeat(MAX_EMAIL_BYTES - 5)), ip("10.0.0.3")), "254 bytes is still an address");
    }

    #[test]
    fn recovered_keys_are_forgotten() {
        let l = SignInLimiter::new(3, 1000, Duration::from_millis(30));
        for i in 0..200u32 {
            assert!(l.allow(&format!("u{i}@y.cn"), IpAddr::from([10, 0, (i / 256) as u8, (i % 256) as u8])));
        }
        assert_eq!(l.len(), (200, 200));
        std::thread::sleep(Duration::from_millis(80));
        l.prune();
        assert_eq!(l.len(), (0, 0), "every key is back to a full budget");
    }

    #[test]
    fn the_check_itself_prunes_so_the_key_count_stays_bounded() {
        let l: KeyLimiter<u64> = KeyLimiter::new(1, Duration::from_millis(5));
        let mut most = 0;
        for i in 0..(PRUNE_EVERY * 20) {
            l.check(&i);
            most = most.max(l.len());
            if i % 256 == 0 {
                std::thread::sleep(Duration::from_millis(6));
            }
        }
        // 20 prune periods of new keys went in; at most the last period's and those still
        // counting at the last prune are held.
        assert!(most <= 2 * PRUNE_EVERY as usize, "{most} keys held");
        std::thread::sleep(Duration::from_millis(10));
        l.prune();
        assert!(l.is_empty());
    }

    #[test]
    fn trusted_proxies_parse() {
        let t = TrustedProxies::parse(" 10.0.0.1, 192.168.0.0/16 ,fd00::/8,").unwrap();
        assert!(t.contains(ip("10.0.0.1")));
        assert!(!t.contains(ip("10.0.0.2")));
        assert!(t.contains(ip("192.168.44.3")));
        assert!(!t.contains(ip("192.169.0.1")));
        assert!(t.contains(ip("fd12::1")));
        assert!(t.contains(ip("::ffff:10.0.0.1")), "an IPv4-mapped peer is the IPv4 address");
        assert!(!t.contains(ip("2001:db8::1")));
        assert!(TrustedProxies::parse("").unwrap().is_empty());
        assert!(TrustedProxies::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
        for bad in ["10.0.0", "10.0.0.0/33", "fd00::/129", "proxy.local", "10.0.0.1/x"] {
            assert!(TrustedProxies::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_client_address_comes_from_the_header_only_through_a_trusted_proxy() {
        let none = TrustedProxies::default();
        let t = TrustedProxies::parse("10.0.0.1, 10.0.1.0/24").unwrap();
        // (trusted, peer, X-Forwarded-For headers, expected)
        let cases: &[(&TrustedProxies, &str, &[&str], &str)] = &[
            (&none, "10.0.0.1", &["203.0.113.9"], "10.0.0.1"),
            (&t, "198.51.100.7", &["203.0.113.9"], "198.51.100.7"),
            (&t, "10.0.0.1", &["203.0.113.9"], "203.0.113.9"),
            (&t, "10.0.0.1", &[], "10.0.0.1"),
            (&t, "10.0.0.1", &["1.1.1.1, 203.0.113.9"], "203.0.113.9"),
            (&t, "10.0.0.1", &["1.1.1.1, 203.0.113.9, 10.0.1.5"], "203.0.113.9"),
            (&t, "10.0.0.1", &["1.1.1.1", "203.0.113.9, 10.0.1.5"], "203.0.113.9"),
            (&t, "10.0.0.1", &["10.0.1.7, 10.0.1.5"], "10.0.0.1"),
            (&t, "10.0.0.1", &["1.1.1.1, garbage"], "10.0.0.1"),
            (&t, "10.0.0.1", &["203.0.113.9:5555"], "203.0.113.9"),
            (&t, "10.0.0.1", &["[2001:db8::1]:443"], "2001:db8::1"),
            (&t, "10.0.0.1", &["::ffff:203.0.113.9"], "203.0.113.9"),
        ];
        for (trusted, peer_s, headers, expected) in cases {
            assert_eq!(trusted.client_addr(ip(peer_s), headers.iter().copied()), ip(expected), "{peer_s} {headers:?}");
        }
    }
}
