//! Checks for the "new service request" form. Every field reports its own problem, all at
//! once, so the form can show each next to its input; nothing is saved unless all pass.
use crate::error_code::{ErrorCode, FieldError};
use crate::validation::{phone, text};

use super::kind::{FaultKind, RequestKind};

pub const TITLE_MIN: usize = 5;
pub const TITLE_MAX: usize = 150;
pub const DESCRIPTION_MIN: usize = 10;
pub const DESCRIPTION_MAX: usize = 10_000;
pub const SYSTEM_MAX: usize = 200;
/// Severity levels run from 1 (critical) to 3 (minor), DOMAIN.md "Severity levels".
pub const SEVERITY_LEVELS: std::ops::RangeInclusive<u8> = 1..=3;

/// The form as posted: raw strings, field names are the inputs' `name`s.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewRequestInput {
    pub title: String,
    pub description: String,
    pub kind: String,
    pub fault_kind: String,
    pub severity_level: String,
    /// The system or equipment concerned, free text (optional).
    pub system: String,
    pub site_id: String,
    pub contact_phone: String,
}

/// A request ready to be saved. The site's existence (and that the caller may use it) is
/// the server's to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidNewRequest {
    pub title: String,
    pub description: String,
    pub kind: RequestKind,
    /// `Some` exactly when `kind` is `Fault`.
    pub fault_kind: Option<FaultKind>,
    pub severity_level: u8,
    pub system: Option<String>,
    pub site_id: i32,
    pub contact_phone: String,
}

pub fn new_request(input: &NewRequestInput) -> Result<ValidNewRequest, Vec<FieldError>> {
    let mut errors = Vec::new();
    let title = text("title", &input.title, TITLE_MIN, TITLE_MAX, &mut errors);
    let description = text("description", &input.description, DESCRIPTION_MIN, DESCRIPTION_MAX, &mut errors);
    let kind = choice("kind", &input.kind, RequestKind::parse, &mut errors);
    let fault_kind = fault_kind(kind, &input.fault_kind, &mut errors);
    let severity_level = choice("severity_level", &input.severity_level, parse_severity, &mut errors);
    let system = text("system", &input.system, 0, SYSTEM_MAX, &mut errors);
    let site_id = choice("site_id", &input.site_id, |s| s.parse::<i32>().ok(), &mut errors);
    let contact_phone = required_phone("contact_phone", &input.contact_phone, &mut errors);
    match (kind, severity_level, site_id, contact_phone) {
        (Some(kind), Some(severity_level), Some(site_id), Some(contact_phone)) if errors.is_empty() => {
            Ok(ValidNewRequest { title, description, kind, fault_kind, severity_level, system: (!system.is_empty()).then_some(system), site_id, contact_phone })
        }
        _ => Err(errors),
    }
}

/// A required value from a fixed set (a select): `Required` when empty, `InvalidChoice`
/// when it does not parse.
fn choice<T>(field: &str, raw: &str, parse: impl Fn(&str) -> Option<T>, errors: &mut Vec<FieldError>) -> Option<T> {
    let raw = raw.trim();
    if raw.is_empty() {
        errors.push(FieldError::new(field, ErrorCode::Required));
        return None;
    }
    let value = parse(raw);
    if value.is_none() {
        errors.push(FieldError::new(field, ErrorCode::InvalidChoice));
    }
    value
}

fn parse_severity(s: &str) -> Option<u8> {
    s.parse::<u8>().ok().filter(|l| SEVERITY_LEVELS.contains(l))
}

/// Required for a fault, empty for a consultation (a stale value from a form that switched
/// kinds must not be stored). When the kind itself is missing or unknown, a given value is
/// still checked, but its absence is not reported twice.
fn fault_kind(kind: Option<RequestKind>, raw: &str, errors: &mut Vec<FieldError>) -> Option<FaultKind> {
    const FIELD: &str = "fault_kind";
    match kind {
        Some(RequestKind::Fault) => choice(FIELD, raw, FaultKind::parse, errors),
        Some(RequestKind::Consultation) => {
            if !raw.trim().is_empty() {
                errors.push(FieldError::new(FIELD, ErrorCode::InvalidChoice));
            }
            None
        }
        None => {
            if !raw.trim().is_empty() && FaultKind::parse(raw.trim()).is_none() {
                errors.push(FieldError::new(FIELD, ErrorCode::InvalidChoice));
            }
            None
        }
    }
}

/// `crate::validation::phone` treats an empty phone as absent; here it is required, since
/// the engineer must be able to call back.
fn required_phone(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    let before = errors.len();
    match phone(field, raw, errors) {
        None => {
            errors.push(FieldError::new(field, ErrorCode::Required));
            None
        }
        Some(p) if errors.len() == before => Some(p),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> NewRequestInput {
        NewRequestInput {
            title: "  Core switch down ".into(),
            description: "The core switch in room 3 stopped forwarding at 09:10.".into(),
            kind: "fault".into(),
            fault_kind: "hardware".into(),
            severity_level: "1".into(),
            system: " Huawei S5700, asset A-0042 ".into(),
            site_id: "7".into(),
            contact_phone: " +86 138-0000-0000 ".into(),
        }
    }

    /// The errors of `input` with one field changed, as (field, code).
    fn errors_with(change: impl FnOnce(&mut NewRequestInput)) -> Errors {
        let mut input = good();
        change(&mut input);
        new_request(&input).err().unwrap_or_default().into_iter().map(|e| (e.field, e.code)).collect()
    }

    type Errors = Vec<(String, ErrorCode)>;

    fn one(field: &str, code: ErrorCode) -> Errors {
        vec![(field.to_string(), code)]
    }

    #[test]
    fn a_good_fault_is_normalised() {
        let v = new_request(&good()).unwrap();
        assert_eq!(
            v,
            ValidNewRequest {
                title: "Core switch down".into(),
                description: "The core switch in room 3 stopped forwarding at 09:10.".into(),
                kind: RequestKind::Fault,
                fault_kind: Some(FaultKind::Hardware),
                severity_level: 1,
                system: Some("Huawei S5700, asset A-0042".into()),
                site_id: 7,
                contact_phone: "+86 138-0000-0000".into(),
            }
        );
    }

    #[test]
    fn a_good_consultation_has_no_fault_kind_and_may_omit_the_system() {
        let mut input = good();
        input.kind = "consultation".into();
        input.fault_kind = "  ".into();
        input.system = String::new();
        let v = new_request(&input).unwrap();
        assert_eq!((v.kind, v.fault_kind, v.system), (RequestKind::Consultation, None, None));
    }

    #[test]
    fn an_empty_form_reports_every_required_field_at_once() {
        let got = new_request(&NewRequestInput::default()).unwrap_err();
        let fields: Vec<_> = got.iter().map(|e| (e.field.as_str(), e.code.clone())).collect();
        assert_eq!(
            fields,
            vec![
                ("title", ErrorCode::Required),
                ("description", ErrorCode::Required),
                ("kind", ErrorCode::Required),
                ("severity_level", ErrorCode::Required),
                ("site_id", ErrorCode::Required),
                ("contact_phone", ErrorCode::Required),
            ]
        );
    }

    #[test]
    fn many_bad_fields_are_all_reported() {
        let input = NewRequestInput {
            title: "abc".into(),
            description: "x".repeat(DESCRIPTION_MAX + 1),
            kind: "consultation".into(),
            fault_kind: "software".into(),
            severity_level: "9".into(),
            system: "s".repeat(SYSTEM_MAX + 1),
            site_id: "seven".into(),
            contact_phone: "call me".into(),
        };
        let codes: Vec<_> = new_request(&input).unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            codes,
            vec![
                ("title".into(), ErrorCode::TooShort { min: 5 }),
                ("description".into(), ErrorCode::TooLong { max: 10_000 }),
                ("fault_kind".into(), ErrorCode::InvalidChoice),
                ("severity_level".into(), ErrorCode::InvalidChoice),
                ("system".into(), ErrorCode::TooLong { max: 200 }),
                ("site_id".into(), ErrorCode::InvalidChoice),
                ("contact_phone".into(), ErrorCode::InvalidPhone),
            ]
        );
    }

    #[test]
    fn title_bounds_count_characters() {
        let cases: [(String, Errors); 7] = [
            ("".into(), one("title", ErrorCode::Required)),
            ("    ".into(), one("title", ErrorCode::Required)),
            ("abcd".into(), one("title", ErrorCode::TooShort { min: 5 })),
            ("abcde".into(), vec![]),
            ("服务器宕机".into(), vec![]),
            ("题".repeat(150), vec![]),
            ("题".repeat(151), one("title", ErrorCode::TooLong { max: 150 })),
        ];
        for (title, want) in cases {
            assert_eq!(errors_with(|i| i.title = title.clone()), want, "{title:?}");
        }
    }

    #[test]
    fn description_bounds() {
        let cases = [
            (String::new(), one("description", ErrorCode::Required)),
            ("x".repeat(9), one("description", ErrorCode::TooShort { min: 10 })),
            ("x".repeat(10), vec![]),
            ("描".repeat(10_000), vec![]),
            ("x".repeat(10_001), one("description", ErrorCode::TooLong { max: 10_000 })),
        ];
        for (d, want) in cases {
            assert_eq!(errors_with(|i| i.description = d.clone()), want, "{} chars", d.chars().count());
        }
    }

    #[test]
    fn kind_and_fault_kind_together() {
        // (kind, fault_kind, expected errors)
        let cases: [(&str, &str, Errors); 12] = [
            ("fault", "hardware", vec![]),
            ("fault", " software ", vec![]),
            ("fault", "", one("fault_kind", ErrorCode::Required)),
            ("fault", "network", one("fault_kind", ErrorCode::InvalidChoice)),
            ("consultation", "", vec![]),
            ("consultation", "hardware", one("fault_kind", ErrorCode::InvalidChoice)),
            ("consultation", "junk", one("fault_kind", ErrorCode::InvalidChoice)),
            ("", "", one("kind", ErrorCode::Required)),
            ("", "hardware", one("kind", ErrorCode::Required)),
            ("defect", "", one("kind", ErrorCode::InvalidChoice)),
            ("Fault", "junk", vec![("kind".into(), ErrorCode::InvalidChoice), ("fault_kind".into(), ErrorCode::InvalidChoice)]),
            (" fault ", "hardware", vec![]),
        ];
        for (kind, fault, want) in cases {
            assert_eq!(errors_with(|i| (i.kind, i.fault_kind) = (kind.into(), fault.into())), want, "{kind:?} / {fault:?}");
        }
    }

    #[test]
    fn severity_is_one_to_three() {
        // "+1" is how `u8::from_str` reads 1; harmless, so not worth a special case.
        for (raw, level) in [("1", 1), ("2", 2), ("3", 3), (" 2 ", 2), ("+1", 1)] {
            let mut input = good();
            input.severity_level = raw.into();
            assert_eq!(new_request(&input).unwrap().severity_level, level, "{raw:?}");
        }
        assert_eq!(errors_with(|i| i.severity_level = " ".into()), one("severity_level", ErrorCode::Required));
        for bad in ["0", "4", "-1", "1.5", "256", "abc", "critical", "1 2"] {
            assert_eq!(errors_with(|i| i.severity_level = bad.into()), one("severity_level", ErrorCode::InvalidChoice), "{bad:?}");
        }
    }

    #[test]
    fn system_is_optional_up_to_200_characters() {
        assert_eq!(errors_with(|i| i.system = "  ".into()), vec![]);
        assert_eq!(errors_with(|i| i.system = "设".repeat(200)), vec![]);
        assert_eq!(errors_with(|i| i.system = "设".repeat(201)), one("system", ErrorCode::TooLong { max: 200 }));
    }

    #[test]
    fn site_id_must_be_a_number() {
        for (raw, id) in [("42", 42), (" 7 ", 7), ("-3", -3)] {
            let mut input = good();
            input.site_id = raw.into();
            assert_eq!(new_request(&input).unwrap().site_id, id, "{raw:?}");
        }
        assert_eq!(errors_with(|i| i.site_id = String::new()), one("site_id", ErrorCode::Required));
        for bad in ["abc", "1.0", "4 2", "99999999999", "0x10"] {
            assert_eq!(errors_with(|i| i.site_id = bad.into()), one("site_id", ErrorCode::InvalidChoice), "{bad:?}");
        }
    }

    #[test]
    fn contact_phone_is_required_and_well_formed() {
        assert_eq!(errors_with(|i| i.contact_phone = "   ".into()), one("contact_phone", ErrorCode::Required));
        for bad in ["abc", "1234", "138 0000 0000 ext 5", &"1".repeat(31)] {
            assert_eq!(errors_with(|i| i.contact_phone = bad.to_string()), one("contact_phone", ErrorCode::InvalidPhone), "{bad:?}");
        }
        for ok in ["12345", "(010) 6543-2100", "+86 138 0000 0000"] {
            assert_eq!(errors_with(|i| i.contact_phone = ok.into()), vec![], "{ok:?}");
        }
    }
}
