//! Input checks for the account and admin forms. Each returns every problem at once, one per
//! field, so a form can show them all next to their inputs; nothing is saved unless all pass.
use crate::error_code::{ErrorCode, FieldError};
use crate::org::OrgKind;
use crate::role::Role;
use serde::{Deserialize, Serialize};

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 128;
pub const NAME_MAX: usize = 100;
pub const ORG_NAME_MAX: usize = 120;
pub const ADDRESS_MAX: usize = 300;

/// Trims and lower-cases an e-mail address and checks its shape (not its existence).
pub fn email(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> String {
    let value = raw.trim().to_lowercase();
    if value.is_empty() {
        errors.push(FieldError::new(field, ErrorCode::Required));
    } else if value.chars().count() > 254 {
        errors.push(FieldError::new(field, ErrorCode::TooLong { max: 254 }));
    } else if !email_shape_ok(&value) {
        errors.push(FieldError::new(field, ErrorCode::InvalidEmail));
    }
    value
}

fn email_shape_ok(v: &str) -> bool {
    let mut parts = v.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !v.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A trimmed required text of `min..=max` characters.
pub fn text(field: &str, raw: &str, min: usize, max: usize, errors: &mut Vec<FieldError>) -> String {
    let value = raw.trim().to_string();
    let n = value.chars().count();
    if n == 0 && min > 0 {
        errors.push(FieldError::new(field, ErrorCode::Required));
    } else if n < min {
        errors.push(FieldError::new(field, ErrorCode::TooShort { min }));
    } else if n > max {
        errors.push(FieldError::new(field, ErrorCode::TooLong { max }));
    }
    value
}

/// An optional phone number: digits with `+ - ( )` and spaces, 5 to 30 characters.
pub fn phone(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    let value = raw.trim();
    if value.is_empty() {
        return None;
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let shape = value.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    if !shape || digits < 5 || value.chars().count() > 30 {
        errors.push(FieldError::new(field, ErrorCode::InvalidPhone));
    }
    Some(value.to_string())
}

/// A new password: long enough (NIST 800-63B favours length over composition rules), not
/// absurdly long (hashing cost), and not the e-mail address itself.
pub fn new_password(field: &str, password: &str, email: &str, errors: &mut Vec<FieldError>) {
    let n = password.chars().count();
    if n == 0 {
        errors.push(FieldError::new(field, ErrorCode::Required));
    } else if n < PASSWORD_MIN {
        errors.push(FieldError::new(field, ErrorCode::PasswordTooShort { min: PASSWORD_MIN }));
    } else if n > PASSWORD_MAX {
        errors.push(FieldError::new(field, ErrorCode::TooLong { max: PASSWORD_MAX }));
    } else if !email.is_empty() && password.trim().eq_ignore_ascii_case(email.trim()) {
        errors.push(FieldError::new(field, ErrorCode::PasswordSameAsEmail));
    }
}

pub fn role(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<Role> {
    let r = Role::parse(raw.trim());
    if r.is_none() {
        errors.push(FieldError::new(field, if raw.trim().is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice }));
    }
    r
}

pub fn org_kind(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<OrgKind> {
    let k = OrgKind::parse(raw.trim());
    if k.is_none() {
        errors.push(FieldError::new(field, if raw.trim().is_empty() { ErrorCode::Required } else { ErrorCode::InvalidChoice }));
    }
    k
}

/// A new user as an admin or site manager enters it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    pub phone: Option<String>,
    pub role: Role,
    pub password: String,
}

pub fn new_user(email_raw: &str, name: &str, phone_raw: &str, role_raw: &str, password: &str) -> Result<NewUser, Vec<FieldError>> {
    let mut errors = Vec::new();
    let email = email("email", email_raw, &mut errors);
    let display_name = text("display_name", name, 1, NAME_MAX, &mut errors);
    let phone = phone("phone", phone_raw, &mut errors);
    let role = role("role", role_raw, &mut errors);
    new_password("password", password, &email, &mut errors);
    match role {
        Some(role) if errors.is_empty() => Ok(NewUser { email, display_name, phone, role, password: password.to_string() }),
        _ => Err(errors),
    }
}

/// A change of one's own password.
pub fn password_change(current: &str, new: &str, confirm: &str, email: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if current.is_empty() {
        errors.push(FieldError::new("current", ErrorCode::Required));
    }
    new_password("new", new, email, &mut errors);
    if new != confirm {
        errors.push(FieldError::new("confirm", ErrorCode::PasswordMismatch));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Who may read a line of work: the customer too, or staff only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Public,
    Internal,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Internal => "internal",
        }
    }

    /// Exactly `public` or `internal`: anything else is no visibility at all (it once meant
    /// public, so a typo published a staff-only line).
    pub fn parse(s: &str) -> Option<Visibility> {
        [Visibility::Public, Visibility::Internal].into_iter().find(|v| v.as_str() == s)
    }

    pub fn is_public(self) -> bool {
        self == Visibility::Public
    }
}

/// The visibility field of a form (surrounding spaces ignored).
pub fn visibility(field: &str, raw: &str) -> Result<Visibility, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, ErrorCode::Required));
    }
    Visibility::parse(raw).ok_or_else(|| FieldError::new(field, ErrorCode::InvalidChoice))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(r: Result<NewUser, Vec<FieldError>>) -> Vec<(String, ErrorCode)> {
        r.err().unwrap_or_default().into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn a_good_user_is_normalised() {
        let u = new_user("  Li.Wei@Example.COM ", " Li Wei ", " +86 138-0000-0000 ", "customer", "correct horse battery").unwrap();
        assert_eq!(u.email, "li.wei@example.com");
        assert_eq!(u.display_name, "Li Wei");
        assert_eq!(u.phone.as_deref(), Some("+86 138-0000-0000"));
        assert_eq!(u.role, Role::Customer);
    }

    #[test]
    fn every_field_reports_its_own_problem() {
        let got = codes(new_user("", "", "abc", "", ""));
        assert_eq!(
            got,
            vec![
                ("email".into(), ErrorCode::Required),
                ("display_name".into(), ErrorCode::Required),
                ("phone".into(), ErrorCode::InvalidPhone),
                ("role".into(), ErrorCode::Required),
                ("password".into(), ErrorCode::Required),
            ]
        );
    }

    #[test]
    fn email_shapes() {
        for bad in ["a", "a@b", "@b.cn", "a@.cn", "a@b.", "a b@c.cn", "a@b@c.cn", "a@b..cn"] {
            let mut e = vec![];
            email("email", bad, &mut e);
            assert_eq!(e, vec![FieldError::new("email", ErrorCode::InvalidEmail)], "{bad}");
        }
        let mut e = vec![];
        email("email", &format!("{}@x.cn", "a".repeat(260)), &mut e);
        assert_eq!(e[0].code, ErrorCode::TooLong { max: 254 });
    }

    #[test]
    fn password_rules() {
        let check = |p: &str| {
            let mut e = vec![];
            new_password("p", p, "li@example.com", &mut e);
            e.into_iter().map(|e| e.code).collect::<Vec<_>>()
        };
        assert_eq!(check(""), vec![ErrorCode::Required]);
        assert_eq!(check("short"), vec![ErrorCode::PasswordTooShort { min: 10 }]);
        assert_eq!(check(&"x".repeat(129)), vec![ErrorCode::TooLong { max: 128 }]);
        assert_eq!(check("LI@example.com"), vec![ErrorCode::PasswordSameAsEmail]);
        assert!(check("密码很长很长很长很长很长").is_empty(), "counts characters, not bytes");
        assert!(check(&"x".repeat(128)).is_empty());
    }

    #[test]
    fn password_change_checks_confirmation() {
        assert_eq!(password_change("old", "new password 1", "new password 1", "a@b.cn"), Ok(()));
        let e = password_change("", "new password 1", "other", "a@b.cn").unwrap_err();
        assert_eq!(e, vec![FieldError::new("current", ErrorCode::Required), FieldError::new("confirm", ErrorCode::PasswordMismatch)]);
    }

    #[test]
    fn text_bounds_count_characters() {
        let mut e = vec![];
        assert_eq!(text("n", "  北京分公司 ", 2, 5, &mut e), "北京分公司");
        assert!(e.is_empty());
        text("n", "北京分公司二", 2, 5, &mut e);
        text("n", "北", 2, 5, &mut e);
        assert_eq!(e.iter().map(|e| e.code.clone()).collect::<Vec<_>>(), vec![ErrorCode::TooLong { max: 5 }, ErrorCode::TooShort { min: 2 }]);
    }

    #[test]
    fn roles_and_kinds_must_be_known() {
        let mut e = vec![];
        assert_eq!(role("role", "admin", &mut e), Some(Role::Admin));
        assert_eq!(role("role", "god", &mut e), None);
        assert_eq!(org_kind("kind", "customer", &mut e), Some(OrgKind::Customer));
        assert_eq!(org_kind("kind", "", &mut e), None);
        assert_eq!(e.iter().map(|e| e.code.clone()).collect::<Vec<_>>(), vec![ErrorCode::InvalidChoice, ErrorCode::Required]);
    }

    #[test]
    fn visibility_is_public_or_internal_and_nothing_else() {
        assert_eq!(visibility("v", "public"), Ok(Visibility::Public));
        assert_eq!(visibility("v", " internal "), Ok(Visibility::Internal));
        for bad in ["Internal", "INTERNAL", "private", "staff", "public,internal", "internal\u{0}"] {
            assert_eq!(visibility("v", bad), Err(FieldError::new("v", ErrorCode::InvalidChoice)), "{bad:?}");
        }
        assert_eq!(visibility("v", " "), Err(FieldError::new("v", ErrorCode::Required)));
        assert_eq!(serde_json::to_string(&Visibility::Internal).unwrap(), "\"internal\"");
    }
}
