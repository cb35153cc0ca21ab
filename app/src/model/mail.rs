use domain::notify::{Channel, EventKind};
use serde::{Deserialize, Serialize};

/// A person's mail settings as the settings page shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MailSettings {
    /// Where mail goes.
    pub email: String,
    /// Every kind the person's role is offered, with its channel (their choice or the default).
    pub kinds: Vec<(EventKind, Channel)>,
    /// `HH:MM`, both empty when there are no quiet hours.
    pub quiet_from: String,
    pub quiet_to: String,
    /// The zone the quiet hours and the digest hour are read in (the contract's).
    pub tz: String,
    pub digest_hour: u32,
}

/// What an unsubscribe link would turn off, before the person confirms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnsubscribeInfo {
    /// `None`: the digest (every kind set to "daily digest").
    pub kind: Option<EventKind>,
    /// The address, partly hidden (`l***@acme.example`): the link may have been forwarded.
    pub email: String,
    /// Already off (the link was used, or the kind is "portal only" now).
    pub done: bool,
}
