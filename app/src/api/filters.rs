//! Filters of list functions come from query strings that anyone can edit. Each accepts only
//! its own values ("" means "no filter"); anything else is refused with the field named, so a
//! mistyped link says what is wrong instead of silently showing something else.
use domain::{ErrorCode, FieldError};

use crate::error::AppError;

#[derive(Default)]
pub struct Filters(Vec<FieldError>);

impl Filters {
    /// `None` for an empty value, `Some` for one `parse` accepts, otherwise a field error.
    pub fn opt<'a, T>(&mut self, field: &str, raw: &'a str, parse: impl FnOnce(&'a str) -> Option<T>) -> Option<T> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        let parsed = parse(raw);
        if parsed.is_none() {
            self.0.push(FieldError::new(field, ErrorCode::InvalidChoice));
        }
        parsed
    }

    /// A positive id (of a site, an organization, a user, a row).
    pub fn id<T: std::str::FromStr + PartialOrd + Default>(&mut self, field: &str, raw: &str) -> Option<T> {
        self.opt(field, raw, |s| s.parse::<T>().ok().filter(|n| *n > T::default()))
    }

    /// A severity, 1 to 3.
    pub fn severity(&mut self, field: &str, raw: &str) -> Option<i16> {
        self.opt(field, raw, |s| s.parse::<i16>().ok().filter(|n| (1..=3).contains(n)))
    }

    /// One of a fixed set of words ("" stays "").
    pub fn word<'a>(&mut self, field: &str, raw: &'a str, allowed: &[&str]) -> &'a str {
        self.opt(field, raw, |s| allowed.contains(&s).then_some(s)).unwrap_or("")
    }

    /// Text to search for, at most `max` characters (a long pattern is no search anyone
    /// types, and SQLite refuses LIKE patterns past 50,000 bytes with an error).
    pub fn text<'a>(&mut self, field: &str, raw: &'a str, max: usize) -> Option<&'a str> {
        let raw = raw.trim();
        if raw.chars().count() > max {
            self.0.push(FieldError::new(field, ErrorCode::TooLong { max }));
            return None;
        }
        Some(raw).filter(|s| !s.is_empty())
    }

    /// Every value was one of its own, or the errors for the ones that were not.
    pub fn check(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_filter_accepts_only_its_values() {
        let mut f = Filters::default();
        assert_eq!(f.id::<i32>("site", ""), None);
        assert_eq!(f.id::<i32>("site", " 7 "), Some(7));
        assert_eq!(f.severity("severity", "3"), Some(3));
        assert_eq!(f.word("sort", "oldest", &["newest", "oldest"]), "oldest");
        assert_eq!(f.word("sort", "", &["newest", "oldest"]), "");
        assert_eq!(f.text("q", " 打印 ", 200), Some("打印"));
        assert_eq!(f.text("q", "  ", 200), None);
        assert!(f.check().is_ok());
        let mut f = Filters::default();
        assert_eq!(f.text("q", &"机".repeat(201), 200), None);
        assert!(f.check().is_err());
        let mut f = Filters::default();
        f.id::<i32>("site", "-1");
        f.id::<i32>("org", "99999999999");
        f.severity("severity", "4");
        f.word("sort", "sideways", &["newest", "oldest"]);
        let Err(AppError::Invalid(errors)) = f.check() else { panic!("bad values pass") };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["site", "org", "severity", "sort"]);
    }
}
