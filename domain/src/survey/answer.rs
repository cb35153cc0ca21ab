//! Checking a submitted survey and judging it.
//!
//! The form arrives as (name, value) pairs, the names being question keys; a choice
//! question's checkboxes repeat their name. Every problem is reported at once, one per
//! question. A question whose condition does not hold (the reasons, when the score is not
//! low and the problem was solved) is not asked, so whatever came for it is dropped: a
//! customer who first picked a low score, ticked reasons, then raised the score must not
//! leave reasons behind. Names that are not questions (tokens, buttons) are ignored.
//!
//! The survey asks the versions it was given, retired since or not; each answer keeps the
//! (key, version) it answered, so later rewording never changes what it meant.
use serde::{Deserialize, Serialize};

use crate::error_code::{ErrorCode, FieldError};

use super::question::{key, QuestionKind, QuestionVersion, SCALE};

/// A comment, in characters.
pub const TEXT_MAX: usize = 4000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum AnswerValue {
    Scale(u8),
    YesNo(bool),
    /// Option keys, in the question's option order, each once.
    Choices(Vec<String>),
    Text(String),
}

impl AnswerValue {
    /// The form values that give this answer back (to fill the form for a change).
    pub fn form_values(&self) -> Vec<String> {
        match self {
            AnswerValue::Scale(n) => vec![n.to_string()],
            AnswerValue::YesNo(b) => vec![if *b { "yes" } else { "no" }.to_string()],
            AnswerValue::Choices(keys) => keys.clone(),
            AnswerValue::Text(t) => vec![t.clone()],
        }
    }
}

/// One answer, tied to the version of the question it answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub key: String,
    pub version: u32,
    pub value: AnswerValue,
}

/// A complete, checked survey answer. Optional questions left empty and questions not shown
/// have no entry in `answers`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidAnswers {
    pub overall: u8,
    /// `None` when the survey did not ask (the question was retired) or it was left empty.
    pub solved: Option<bool>,
    pub answers: Vec<Answer>,
}

impl ValidAnswers {
    pub fn get(&self, key: &str) -> Option<&AnswerValue> {
        self.answers.iter().find(|a| a.key == key).map(|a| &a.value)
    }
}

/// What an answer means for the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    Satisfied,
    /// At least one of the two is true.
    Unsatisfied {
        low_score: bool,
        not_solved: bool,
    },
}

/// Satisfied means an overall score above `threshold` and a problem not reported unsolved
/// (an unanswered "solved" does not block).
pub fn verdict(answers: &ValidAnswers, threshold: u8) -> Verdict {
    let low_score = answers.overall <= threshold;
    let not_solved = answers.solved == Some(false);
    if low_score || not_solved {
        Verdict::Unsatisfied { low_score, not_solved }
    } else {
        Verdict::Satisfied
    }
}

/// Checks a submitted survey against the questions it asks. The overall score is always
/// required, whatever its stored flag says: without it there is no verdict.
pub fn validate_answers(questions: &[QuestionVersion], raw: &[(String, String)], threshold: u8) -> Result<ValidAnswers, Vec<FieldError>> {
    let core = |k: &str| questions.iter().find(|q| q.key == k).and_then(|q| parse(q, raw).ok().flatten());
    let overall = match core(key::OVERALL) {
        Some(AnswerValue::Scale(n)) => Some(n),
        _ => None,
    };
    let solved = match core(key::SOLVED) {
        Some(AnswerValue::YesNo(b)) => Some(b),
        _ => None,
    };
    let mut errors = Vec::new();
    let mut answers = Vec::new();
    if !questions.iter().any(|q| q.key == key::OVERALL) {
        errors.push(FieldError::new(key::OVERALL, ErrorCode::Required));
    }
    for q in questions.iter().filter(|q| q.shown(overall, solved, threshold)) {
        match parse(q, raw) {
            Ok(Some(value)) => answers.push(Answer { key: q.key.clone(), version: q.version, value }),
            Ok(None) if q.required || q.key == key::OVERALL => errors.push(FieldError::new(&q.key, ErrorCode::Required)),
            Ok(None) => {}
            Err(code) => errors.push(FieldError::new(&q.key, code)),
        }
    }
    match overall {
        Some(overall) if errors.is_empty() => Ok(ValidAnswers { overall, solved, answers }),
        _ => Err(errors),
    }
}

/// The answer to one question, `None` when left empty.
fn parse(q: &QuestionVersion, raw: &[(String, String)]) -> Result<Option<AnswerValue>, ErrorCode> {
    let values: Vec<&str> = raw.iter().filter(|(k, _)| *k == q.key).map(|(_, v)| v.trim()).filter(|v| !v.is_empty()).collect();
    if values.is_empty() {
        return Ok(None);
    }
    let value = match &q.kind {
        QuestionKind::Scale5 => {
            let range = ErrorCode::OutOfRange { min: i64::from(*SCALE.start()), max: i64::from(*SCALE.end()) };
            AnswerValue::Scale(one(&values)?.parse::<u8>().ok().filter(|n| SCALE.contains(n)).ok_or(range)?)
        }
        QuestionKind::YesNo => match one(&values)? {
            "yes" => AnswerValue::YesNo(true),
            "no" => AnswerValue::YesNo(false),
            _ => return Err(ErrorCode::InvalidChoice),
        },
        QuestionKind::Text => {
            let text = one(&values)?;
            if text.chars().count() > TEXT_MAX {
                return Err(ErrorCode::TooLong { max: TEXT_MAX });
            }
            AnswerValue::Text(text.to_string())
        }
        QuestionKind::Choice { options, max_selected } => {
            if values.iter().any(|v| !options.iter().any(|o| o.key == *v)) {
                return Err(ErrorCode::InvalidChoice);
            }
            // Option order, each once: a box sent twice is still one choice.
            let chosen: Vec<String> = options.iter().filter(|o| values.contains(&o.key.as_str())).map(|o| o.key.clone()).collect();
            let max = usize::from(*max_selected);
            if chosen.len() > max {
                return Err(ErrorCode::TooMany { max });
            }
            AnswerValue::Choices(chosen)
        }
    };
    Ok(Some(value))
}

/// The only value of a single-valued question; two are a forged or broken form.
fn one<'a>(values: &[&'a str]) -> Result<&'a str, ErrorCode> {
    match values {
        [v] => Ok(v),
        _ => Err(ErrorCode::TooMany { max: 1 }),
    }
}

#[cfg(test)]
mod tests;
