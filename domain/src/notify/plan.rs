//! When a notification's mail goes: at once, after quiet hours, in the digest, or never.
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::Channel;

/// The digest goes out at this hour, in the person's contract's time zone.
pub const DIGEST_HOUR: u32 = 8;

/// Hours in which no mail is sent (it waits until they end), in the contract's time zone.
/// `from > to` spans midnight (22:00 to 07:00); `from == to` is no quiet hours at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuietHours {
    pub from: NaiveTime,
    pub to: NaiveTime,
}

impl QuietHours {
    pub fn contains(&self, t: NaiveTime) -> bool {
        if self.from <= self.to {
            self.from <= t && t < self.to
        } else {
            t >= self.from || t < self.to
        }
    }

    /// When the quiet hours that hold at `now` end (`now` itself when they do not hold).
    pub fn release(&self, now: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
        let local = now.with_timezone(&tz);
        if !self.contains(local.time()) {
            return now;
        }
        // The end is today when it is still ahead of us, else tomorrow (quiet over midnight).
        let day = if local.time() < self.to { local.date_naive() } else { local.date_naive() + Duration::days(1) };
        local_instant(tz, day, self.to).unwrap_or(now)
    }
}

/// The first real instant at `time` on `day` in `tz` (a time skipped by a clock change moves
/// to the hour after).
fn local_instant(tz: Tz, day: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    let at = day.and_time(time);
    tz.from_local_datetime(&at).earliest().or_else(|| tz.from_local_datetime(&(at + Duration::hours(1))).earliest()).map(|t| t.with_timezone(&Utc))
}

/// What happens to one notification's mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailPlan {
    /// Portal only: no mail.
    None,
    /// Mailed on its own, not before this instant.
    At(DateTime<Utc>),
    /// Listed in the next daily digest.
    Digest,
}

/// The plan for a notification of a kind the person set to `channel`. A severity-1 request
/// mails at once whatever the digest or quiet hours say; a kind set to "portal only" (or
/// unsubscribed) is never mailed, not even for severity 1: the person turned it off.
pub fn plan(channel: Channel, severity: Option<u8>, quiet: Option<QuietHours>, now: DateTime<Utc>, tz: Tz) -> MailPlan {
    let critical = severity == Some(1);
    match channel {
        Channel::Portal => MailPlan::None,
        _ if critical => MailPlan::At(now),
        Channel::Digest => MailPlan::Digest,
        Channel::Now => MailPlan::At(quiet.map_or(now, |q| q.release(now, tz))),
    }
}

/// A person's digest is due at `now`: it is past the digest hour today in their zone and
/// today's has not gone yet. (Quiet hours do not hold the digest back: the person picks its
/// hour by picking the digest.)
pub fn digest_due(last_sent_on: Option<NaiveDate>, now: DateTime<Utc>, tz: Tz) -> bool {
    let local = now.with_timezone(&tz);
    let today = local.date_naive();
    let hour_passed = local.time() >= NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0).unwrap_or_default();
    hour_passed && last_sent_on.is_none_or(|d| d < today)
}
