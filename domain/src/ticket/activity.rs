//! Service activities: every piece of work on a request, by phone, e-mail, remotely or on
//! site, with its time spent and a description (DOMAIN.md: "every service activity: phone,
//! e-mail, remote, on-site, with time and author"). The author and the time come from the
//! server; this checks what the engineer types.
//!
//! A remote activity is accepted only while the customer has approved a remote session:
//! the provider may log in to the customer's system only after that approval, so logging
//! remote work without it would record something that must not have happened.
use serde::{Deserialize, Serialize};

use crate::error_code::{ErrorCode, FieldError};

use super::field::{choice, collect, required_text};

/// Time spent on one activity, in whole minutes: at least one, at most a day.
pub const ACTIVITY_MINUTES: std::ops::RangeInclusive<u32> = 1..=1440;
pub const ACTIVITY_TEXT_MAX: usize = 4000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityChannel {
    Phone,
    Email,
    Remote,
    OnSite,
}

impl ActivityChannel {
    pub const ALL: [ActivityChannel; 4] = [ActivityChannel::Phone, ActivityChannel::Email, ActivityChannel::Remote, ActivityChannel::OnSite];

    /// The stable name stored in the database and sent in forms (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityChannel::Phone => "phone",
            ActivityChannel::Email => "email",
            ActivityChannel::Remote => "remote",
            ActivityChannel::OnSite => "on_site",
        }
    }

    pub fn parse(s: &str) -> Option<ActivityChannel> {
        ActivityChannel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// An activity ready to be saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidActivity {
    pub channel: ActivityChannel,
    pub minutes: u32,
    pub text: String,
}

/// Checks the activity form (fields `channel`, `minutes`, `text`), reporting every field's
/// problem at once. `remote_approved`: the request has a remote session in `Approved`.
pub fn validate_activity(channel_raw: &str, minutes_raw: &str, text: &str, remote_approved: bool) -> Result<ValidActivity, Vec<FieldError>> {
    let mut errors = Vec::new();
    let channel = collect(channel(channel_raw, remote_approved), &mut errors);
    let minutes = collect(minutes(minutes_raw), &mut errors);
    let text = collect(required_text("text", text, ACTIVITY_TEXT_MAX), &mut errors);
    match (channel, minutes, text) {
        (Some(channel), Some(minutes), Some(text)) => Ok(ValidActivity { channel, minutes, text }),
        _ => Err(errors),
    }
}

fn channel(raw: &str, remote_approved: bool) -> Result<ActivityChannel, FieldError> {
    match choice("channel", raw, ActivityChannel::parse)? {
        ActivityChannel::Remote if !remote_approved => Err(FieldError::new("channel", ErrorCode::RemoteNotApproved)),
        c => Ok(c),
    }
}

fn minutes(raw: &str) -> Result<u32, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new("minutes", ErrorCode::Required));
    }
    raw.parse::<u32>().ok().filter(|m| ACTIVITY_MINUTES.contains(m)).ok_or_else(|| {
        let (min, max) = (*ACTIVITY_MINUTES.start(), *ACTIVITY_MINUTES.end());
        FieldError::new("minutes", ErrorCode::OutOfRange { min: min.into(), max: max.into() })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{value::Error as DeError, IntoDeserializer};
    use ActivityChannel::*;

    type Errors = Vec<(String, ErrorCode)>;

    fn errors(channel: &str, minutes: &str, text: &str, remote_approved: bool) -> Errors {
        validate_activity(channel, minutes, text, remote_approved).err().unwrap_or_default().into_iter().map(|e| (e.field, e.code)).collect()
    }

    fn one(field: &str, code: ErrorCode) -> Errors {
        vec![(field.to_string(), code)]
    }

    const RANGE: ErrorCode = ErrorCode::OutOfRange { min: 1, max: 1440 };

    #[test]
    fn channel_names_round_trip_and_match_serde() {
        let expected = [(Phone, "phone"), (Email, "email"), (Remote, "remote"), (OnSite, "on_site")];
        assert_eq!(expected.map(|(c, _)| c), ActivityChannel::ALL);
        for (c, name) in expected {
            assert_eq!(c.as_str(), name);
            assert_eq!(ActivityChannel::parse(name), Some(c));
            let de: Result<ActivityChannel, DeError> = ActivityChannel::deserialize(name.into_deserializer());
            assert_eq!(de, Ok(c));
        }
        for bad in ["", "Phone", "e-mail", "onsite", "visit"] {
            assert_eq!(ActivityChannel::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_good_activity_is_normalised() {
        let v = validate_activity(" on_site ", " 90 ", "  Replaced the PSU of switch A-0042. ", false).unwrap();
        assert_eq!(v, ValidActivity { channel: OnSite, minutes: 90, text: "Replaced the PSU of switch A-0042.".into() });
    }

    #[test]
    fn channel_and_remote_approval() {
        // (channel, remote approved, expected errors)
        let cases: [(&str, bool, Errors); 12] = [
            ("phone", false, vec![]),
            ("phone", true, vec![]),
            ("email", false, vec![]),
            ("email", true, vec![]),
            ("on_site", false, vec![]),
            ("on_site", true, vec![]),
            ("remote", true, vec![]),
            ("remote", false, one("channel", ErrorCode::RemoteNotApproved)),
            ("", true, one("channel", ErrorCode::Required)),
            ("  ", false, one("channel", ErrorCode::Required)),
            ("fax", true, one("channel", ErrorCode::InvalidChoice)),
            ("Remote", false, one("channel", ErrorCode::InvalidChoice)),
        ];
        for (channel, approved, want) in cases {
            assert_eq!(errors(channel, "30", "Called the customer.", approved), want, "{channel:?} approved={approved}");
        }
    }

    #[test]
    fn minutes_are_a_whole_number_from_1_to_1440() {
        for (raw, want) in [("1", 1), ("1440", 1440), (" 45 ", 45), ("+5", 5), ("007", 7)] {
            assert_eq!(validate_activity("phone", raw, "x", false).unwrap().minutes, want, "{raw:?}");
        }
        assert_eq!(errors("phone", " ", "x", false), one("minutes", ErrorCode::Required));
        for bad in ["0", "1441", "-1", "1.5", "abc", "1 0", "99999999999", "1h"] {
            assert_eq!(errors("phone", bad, "x", false), one("minutes", RANGE), "{bad:?}");
        }
    }

    #[test]
    fn text_is_required_up_to_4000_characters() {
        let cases = [
            (String::new(), one("text", ErrorCode::Required)),
            (" \n ".into(), one("text", ErrorCode::Required)),
            ("x".into(), vec![]),
            ("录".repeat(4000), vec![]),
            ("录".repeat(4001), one("text", ErrorCode::TooLong { max: 4000 })),
        ];
        for (text, want) in cases {
            assert_eq!(errors("email", "5", &text, false), want, "{} chars", text.chars().count());
        }
    }

    #[test]
    fn every_field_reports_at_once() {
        assert_eq!(
            errors("remote", "0", "", false),
            vec![("channel".into(), ErrorCode::RemoteNotApproved), ("minutes".into(), RANGE), ("text".into(), ErrorCode::Required)]
        );
        assert_eq!(
            errors("", "", "", true),
            vec![("channel".into(), ErrorCode::Required), ("minutes".into(), ErrorCode::Required), ("text".into(), ErrorCode::Required)]
        );
    }
}
