//! Small field checks shared by the staff-workspace forms (activities, remote sessions,
//! emergency plans, escalations, fault reports, triage). They follow the conventions of
//! `crate::validation`: trimmed text, lengths counted in characters, `Required` when empty,
//! `InvalidChoice` for a value outside a fixed set. Kept here rather than in
//! `ticket::validation` so each workspace rule stays in its own small file.
use crate::error_code::{ErrorCode, FieldError};
use crate::validation::text;

/// A required, trimmed text of at most `max` characters.
pub fn required_text(field: &str, raw: &str, max: usize) -> Result<String, FieldError> {
    let mut errors = Vec::new();
    let value = text(field, raw, 1, max, &mut errors);
    match errors.pop() {
        Some(e) => Err(e),
        None => Ok(value),
    }
}

/// A required value from a fixed set (a select), trimmed: `Required` when empty,
/// `InvalidChoice` when it does not parse.
pub fn choice<T>(field: &str, raw: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, ErrorCode::Required));
    }
    parse(raw).ok_or_else(|| FieldError::new(field, ErrorCode::InvalidChoice))
}

/// Pushes the error of `r` (if any) onto `errors` and returns the value (if any).
pub(crate) fn collect<T>(r: Result<T, FieldError>, errors: &mut Vec<FieldError>) -> Option<T> {
    r.map_err(|e| errors.push(e)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_trims_and_counts_characters() {
        let cases: [(&str, Result<String, ErrorCode>); 5] = [
            ("", Err(ErrorCode::Required)),
            (" \n\t ", Err(ErrorCode::Required)),
            (" 好 ", Ok("好".into())),
            ("三个字", Ok("三个字".into())),
            ("四个字了", Err(ErrorCode::TooLong { max: 3 })),
        ];
        for (raw, want) in cases {
            let got = required_text("f", raw, 3);
            assert_eq!(got, want.map_err(|c| FieldError::new("f", c)), "{raw:?}");
        }
    }

    #[test]
    fn choice_distinguishes_missing_from_unknown() {
        let parse = |s: &str| (s == "a").then_some(1);
        assert_eq!(choice("f", " a ", parse), Ok(1));
        assert_eq!(choice("f", "  ", parse), Err(FieldError::new("f", ErrorCode::Required)));
        assert_eq!(choice("f", "b", parse), Err(FieldError::new("f", ErrorCode::InvalidChoice)));
    }

    #[test]
    fn collect_keeps_values_and_gathers_errors() {
        let mut errors = vec![];
        assert_eq!(collect(Ok::<_, FieldError>(3), &mut errors), Some(3));
        assert_eq!(collect::<u8>(Err(FieldError::new("f", ErrorCode::Required)), &mut errors), None);
        assert_eq!(errors, vec![FieldError::new("f", ErrorCode::Required)]);
    }
}
