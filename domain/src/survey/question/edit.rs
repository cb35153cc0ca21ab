//! What admins may do to the questions: add one, reword one (a new version under the same
//! key, so earlier answers keep their words), retire one (new surveys stop asking it; old
//! answers stay readable). Texts follow `crate::validation`: trimmed, counted in characters,
//! both languages required, since the portal never shows half-translated pages.
//!
//! Keys of added questions are made here (`custom_1`, `custom_2`, ...) rather than typed:
//! they are stored with every answer and must never be reused, not even a retired one's.
use crate::error_code::{ErrorCode, FieldError};
use crate::ticket::field::{collect, required_text};

use super::{key, ChoiceOption, Condition, QuestionKind, QuestionVersion};

pub const QUESTION_TEXT_MAX: usize = 300;
pub const OPTION_TEXT_MAX: usize = 100;
pub const OPTION_KEY_MAX: usize = 40;
pub const OPTIONS_MAX: usize = 20;

/// Form field names. An option's fields are `options.{i}.key`, `.text_en`, `.text_zh`.
pub mod field {
    pub const KEY: &str = "key";
    pub const TEXT_EN: &str = "text_en";
    pub const TEXT_ZH: &str = "text_zh";
    pub const OPTIONS: &str = "options";
    pub const MAX_SELECTED: &str = "max_selected";
}

/// A new question, version 1, under a key no stored version (retired ones included) has.
pub fn add_question(
    existing: &[QuestionVersion],
    kind: QuestionKind,
    text_en: &str,
    text_zh: &str,
    required: bool,
    shown_when: Option<Condition>,
) -> Result<QuestionVersion, Vec<FieldError>> {
    let mut errors = Vec::new();
    let en = collect(required_text(field::TEXT_EN, text_en, QUESTION_TEXT_MAX), &mut errors);
    let zh = collect(required_text(field::TEXT_ZH, text_zh, QUESTION_TEXT_MAX), &mut errors);
    let kind = check_kind(kind, &mut errors);
    match (en, zh) {
        (Some(text_en), Some(text_zh)) if errors.is_empty() => {
            Ok(QuestionVersion { key: new_key(existing), version: 1, kind, text_en, text_zh, required, shown_when, retired: false })
        }
        _ => Err(errors),
    }
}

/// The next version of `q` with new texts; kind, options, `required` and condition stay.
/// A retired question is not reworded (`key`: `InvalidChoice`); the same texts again are
/// `Unchanged` (on `text_en`), so no version is made for nothing.
pub fn reword(q: &QuestionVersion, text_en: &str, text_zh: &str) -> Result<QuestionVersion, Vec<FieldError>> {
    if q.retired {
        return Err(vec![FieldError::new(field::KEY, ErrorCode::InvalidChoice)]);
    }
    let mut errors = Vec::new();
    let en = collect(required_text(field::TEXT_EN, text_en, QUESTION_TEXT_MAX), &mut errors);
    let zh = collect(required_text(field::TEXT_ZH, text_zh, QUESTION_TEXT_MAX), &mut errors);
    match (en, zh) {
        (Some(en), Some(zh)) if en == q.text_en && zh == q.text_zh => Err(vec![FieldError::new(field::TEXT_EN, ErrorCode::Unchanged)]),
        (Some(text_en), Some(text_zh)) => Ok(QuestionVersion { version: q.version + 1, text_en, text_zh, ..q.clone() }),
        _ => Err(errors),
    }
}

/// `q` marked retired, same version (its meaning did not change). The overall score cannot
/// be retired (`InvalidChoice`): the loop reads it. Retiring twice is `Unchanged`.
pub fn retire(q: &QuestionVersion) -> Result<QuestionVersion, FieldError> {
    if q.key == key::OVERALL {
        return Err(FieldError::new(field::KEY, ErrorCode::InvalidChoice));
    }
    if q.retired {
        return Err(FieldError::new(field::KEY, ErrorCode::Unchanged));
    }
    Ok(QuestionVersion { retired: true, ..q.clone() })
}

fn new_key(existing: &[QuestionVersion]) -> String {
    (1..).map(|n| format!("custom_{n}")).find(|k| existing.iter().all(|q| &q.key != k)).expect("unbounded")
}

fn check_kind(kind: QuestionKind, errors: &mut Vec<FieldError>) -> QuestionKind {
    let QuestionKind::Choice { options, max_selected } = kind else {
        return kind;
    };
    if options.is_empty() {
        errors.push(FieldError::new(field::OPTIONS, ErrorCode::Required));
    } else if options.len() > OPTIONS_MAX {
        errors.push(FieldError::new(field::OPTIONS, ErrorCode::TooMany { max: OPTIONS_MAX }));
    } else if max_selected == 0 || usize::from(max_selected) > options.len() {
        let max = options.len() as i64;
        errors.push(FieldError::new(field::MAX_SELECTED, ErrorCode::OutOfRange { min: 1, max }));
    }
    let mut clean: Vec<ChoiceOption> = Vec::with_capacity(options.len());
    for (i, o) in options.into_iter().enumerate() {
        let key = o.key.trim().to_string();
        let key_field = format!("{}.{i}.key", field::OPTIONS);
        if key.is_empty() {
            errors.push(FieldError::new(&key_field, ErrorCode::Required));
        } else if key.len() > OPTION_KEY_MAX {
            errors.push(FieldError::new(&key_field, ErrorCode::TooLong { max: OPTION_KEY_MAX }));
        } else if !key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
            errors.push(FieldError::new(&key_field, ErrorCode::InvalidChoice));
        } else if clean.iter().any(|c| c.key == key) {
            errors.push(FieldError::new(&key_field, ErrorCode::NameTaken));
        }
        let en = collect(required_text(&format!("{}.{i}.text_en", field::OPTIONS), &o.text_en, OPTION_TEXT_MAX), errors);
        let zh = collect(required_text(&format!("{}.{i}.text_zh", field::OPTIONS), &o.text_zh, OPTION_TEXT_MAX), errors);
        clean.push(ChoiceOption { key, text_en: en.unwrap_or_default(), text_zh: zh.unwrap_or_default() });
    }
    QuestionKind::Choice { options: clean, max_selected }
}
