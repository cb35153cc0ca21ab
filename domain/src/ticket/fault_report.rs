//! The fault report left at resolution (DOMAIN.md: the engineer "leaves a fault report
//! signed off by the customer"; the remote command log goes with it). It says what caused
//! the fault, what was done, and which parts were replaced, which also feeds the equipment's
//! repair and replacement history.
//!
//! Parts are typed one per line: lines are trimmed, blank ones dropped, each at most 200
//! characters and at most 50 parts. The `parts_replaced` field reports one problem: too
//! many lines first (the whole list is wrong), else the first line that is too long.
use serde::{Deserialize, Serialize};

use crate::error_code::{ErrorCode, FieldError};

use super::field::{collect, required_text};

pub const FAULT_TEXT_MAX: usize = 4000;
pub const PART_MAX: usize = 200;
pub const PARTS_MAX: usize = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultReport {
    pub cause: String,
    pub action_taken: String,
    /// Possibly empty: not every fix replaces a part.
    pub parts_replaced: Vec<String>,
}

/// The report form (fields `cause`, `action_taken`, `parts_replaced`), every field's problem
/// at once.
pub fn validate_fault_report(cause: &str, action_taken: &str, parts_raw: &str) -> Result<FaultReport, Vec<FieldError>> {
    let mut errors = Vec::new();
    let cause = collect(required_text("cause", cause, FAULT_TEXT_MAX), &mut errors);
    let action_taken = collect(required_text("action_taken", action_taken, FAULT_TEXT_MAX), &mut errors);
    let parts_replaced = collect(parts(parts_raw), &mut errors);
    match (cause, action_taken, parts_replaced) {
        (Some(cause), Some(action_taken), Some(parts_replaced)) => Ok(FaultReport { cause, action_taken, parts_replaced }),
        _ => Err(errors),
    }
}

fn parts(raw: &str) -> Result<Vec<String>, FieldError> {
    const FIELD: &str = "parts_replaced";
    let parts: Vec<String> = raw.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
    if parts.len() > PARTS_MAX {
        return Err(FieldError::new(FIELD, ErrorCode::TooMany { max: PARTS_MAX }));
    }
    if parts.iter().any(|p| p.chars().count() > PART_MAX) {
        return Err(FieldError::new(FIELD, ErrorCode::TooLong { max: PART_MAX }));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Errors = Vec<(String, ErrorCode)>;

    fn errors(cause: &str, action: &str, parts: &str) -> Errors {
        validate_fault_report(cause, action, parts).err().unwrap_or_default().into_iter().map(|e| (e.field, e.code)).collect()
    }

    fn one(field: &str, code: ErrorCode) -> Errors {
        vec![(field.to_string(), code)]
    }

    #[test]
    fn a_good_report_is_normalised() {
        let r = validate_fault_report(" PSU failed. ", " Replaced the PSU.\n", "\n  PSU 550W (SN 123) \n\r\n  \nFan module\r\n").unwrap();
        assert_eq!(
            r,
            FaultReport {
                cause: "PSU failed.".into(),
                action_taken: "Replaced the PSU.".into(),
                parts_replaced: vec!["PSU 550W (SN 123)".into(), "Fan module".into()],
            }
        );
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<FaultReport>(&json).unwrap(), r);
    }

    #[test]
    fn cause_and_action_are_required_up_to_4000_characters() {
        let cases = [(String::new(), ErrorCode::Required), (" \n ".to_string(), ErrorCode::Required), ("因".repeat(4001), ErrorCode::TooLong { max: 4000 })];
        for (bad, code) in cases {
            assert_eq!(errors(&bad, "ok", ""), one("cause", code.clone()));
            assert_eq!(errors("ok", &bad, ""), one("action_taken", code));
        }
        assert_eq!(errors(&"因".repeat(4000), &"修".repeat(4000), ""), vec![]);
    }

    #[test]
    fn parts_one_per_line() {
        let line = |n: usize| "件".repeat(n);
        let lines = |count: usize| (0..count).map(|i| format!("part {i}")).collect::<Vec<_>>().join("\n");
        // (raw, expected parts or error)
        let cases: [(String, Result<Vec<String>, ErrorCode>); 9] = [
            (String::new(), Ok(vec![])),
            ("\n \n\t\n".into(), Ok(vec![])),
            ("a\nb".into(), Ok(vec!["a".into(), "b".into()])),
            (line(200), Ok(vec![line(200)])),
            (format!("ok\n{}", line(201)), Err(ErrorCode::TooLong { max: 200 })),
            (lines(50), Ok((0..50).map(|i| format!("part {i}")).collect())),
            (format!("{}\n\n\n", lines(50)), Ok((0..50).map(|i| format!("part {i}")).collect())),
            (lines(51), Err(ErrorCode::TooMany { max: 50 })),
            (format!("{}\n{}", lines(50), line(201)), Err(ErrorCode::TooMany { max: 50 })),
        ];
        for (raw, want) in cases {
            let got = validate_fault_report("c", "a", &raw).map(|r| r.parts_replaced);
            let want = want.map_err(|code| vec![FieldError::new("parts_replaced", code)]);
            assert_eq!(got, want, "{raw:?}");
        }
    }

    #[test]
    fn every_field_reports_at_once() {
        assert_eq!(
            errors("", "", &"x\n".repeat(51)),
            vec![
                ("cause".into(), ErrorCode::Required),
                ("action_taken".into(), ErrorCode::Required),
                ("parts_replaced".into(), ErrorCode::TooMany { max: 50 }),
            ]
        );
    }
}
