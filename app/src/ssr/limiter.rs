//! Sign-in attempts are limited per account (guessing one password) and per address
//! (trying many accounts), with the governor crate's keyed GCRA limiters.
use std::{net::IpAddr, num::NonZeroU32, time::Duration};

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

pub struct SignInLimiter {
    by_account: DefaultKeyedRateLimiter<String>,
    by_address: DefaultKeyedRateLimiter<IpAddr>,
}

/// `burst` attempts at once, then one more every `window / burst`.
fn quota(burst: u32, window: Duration) -> Quota {
    let burst = NonZeroU32::new(burst.max(1)).unwrap();
    Quota::with_period(window / burst.get()).expect("non-zero period").allow_burst(burst)
}

impl SignInLimiter {
    pub fn new(per_account: u32, per_address: u32, window: Duration) -> Self {
        SignInLimiter {
            by_account: RateLimiter::keyed(quota(per_account, window)),
            by_address: RateLimiter::keyed(quota(per_address, window)),
        }
    }

    /// Whether this attempt may go ahead; counts it either way.
    pub fn allow(&self, email: &str, addr: IpAddr) -> bool {
        let address_ok = self.by_address.check_key(&addr).is_ok();
        let account_ok = self.by_account.check_key(&email.trim().to_lowercase()).is_ok();
        address_ok && account_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
