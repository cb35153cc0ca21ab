//! The mail settings form, checked: a channel for each kind a role is offered, and quiet
//! hours as two times of day (both empty: none).
use std::collections::BTreeMap;

use chrono::NaiveTime;

use super::{Channel, EventKind, QuietHours};
use crate::{ErrorCode, FieldError, Role};

/// What is stored: only the kinds that differ from the role's default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidSettings {
    pub channels: Vec<(EventKind, Channel)>,
    pub quiet: Option<QuietHours>,
}

fn time(field: &str, s: &str) -> Result<NaiveTime, FieldError> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").map_err(|_| FieldError::new(field, ErrorCode::InvalidTime))
}

/// `choices` maps a kind's name to a channel's name, as the form posts them. A kind the role
/// is not offered, or a name that is neither, is refused; a kind left out gets its default.
pub fn validate_settings(role: Role, choices: &BTreeMap<String, String>, quiet_from: &str, quiet_to: &str) -> Result<ValidSettings, Vec<FieldError>> {
    let offered = EventKind::offered_to(role);
    let mut errors = vec![];
    let mut channels = vec![];
    for (k, c) in choices {
        let Some(kind) = EventKind::parse(k).filter(|k| offered.contains(k)) else {
            errors.push(FieldError::new(k, ErrorCode::InvalidChoice));
            continue;
        };
        match Channel::parse(c) {
            Some(channel) if channel != Channel::default_for(kind, role) => channels.push((kind, channel)),
            Some(_) => {}
            None => errors.push(FieldError::new(k, ErrorCode::InvalidChoice)),
        }
    }
    let quiet = match (quiet_from.trim(), quiet_to.trim()) {
        ("", "") => None,
        ("", _) => {
            errors.push(FieldError::new("quiet_from", ErrorCode::Required));
            None
        }
        (_, "") => {
            errors.push(FieldError::new("quiet_to", ErrorCode::Required));
            None
        }
        (f, t) => match (time("quiet_from", f), time("quiet_to", t)) {
            (Ok(from), Ok(to)) if from == to => {
                errors.push(FieldError::new("quiet_to", ErrorCode::SameTime));
                None
            }
            (Ok(from), Ok(to)) => Some(QuietHours { from, to }),
            (a, b) => {
                errors.extend(a.err());
                errors.extend(b.err());
                None
            }
        },
    };
    if errors.is_empty() {
        Ok(ValidSettings { channels, quiet })
    } else {
        Err(errors)
    }
}
