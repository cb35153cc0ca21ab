//! The survey's questions, as versions.
//!
//! Admins add, reword and retire questions (`edit`), but an answer must keep the meaning of
//! the words it was given under: "3" to "how fast did we respond?" is not "3" to "how fast
//! did we fix it?". So a question is never changed in place: rewording makes a new version
//! under the same key, each answer stores the (key, version) it answered, and a survey asks
//! the versions that were current when it was sent. Retiring only stops new surveys asking.
//!
//! Two questions are the loop's own and have fixed keys: `overall` (1 to 5) and `solved`
//! (yes/no). They decide whether the work is reopened (`answer::verdict`) and what the
//! conditions read, so `overall` can be reworded but never retired, and neither can be shown
//! conditionally.
use serde::{Deserialize, Serialize};

pub mod edit;

/// Keys of the standard questions. `OVERALL` and `SOLVED` are read by the rules.
pub mod key {
    pub const OVERALL: &str = "overall";
    pub const SPEED: &str = "speed";
    pub const PROFESSIONALISM: &str = "professionalism";
    pub const SOLVED: &str = "solved";
    pub const REASONS: &str = "reasons";
    pub const COMMENT: &str = "comment";
}

/// The lowest and highest score of a `Scale5` question.
pub const SCALE: std::ops::RangeInclusive<u8> = 1..=5;

/// What kind of answer a question takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QuestionKind {
    /// A score from 1 (very dissatisfied) to 5 (very satisfied).
    Scale5,
    /// "yes" or "no".
    YesNo,
    /// One or more of `options` (checkboxes), at most `max_selected`.
    Choice { options: Vec<ChoiceOption>, max_selected: u8 },
    /// Free text (`answer::TEXT_MAX` characters).
    Text,
}

/// One choice of a `Choice` question. The key is what an answer stores; the texts are shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    pub key: String,
    pub text_en: String,
    pub text_zh: String,
}

/// When a question is shown; otherwise it is not asked and any answer to it is dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// The overall score is at or below the low-score threshold.
    LowScore,
    /// The answer to "was your problem solved?" is no.
    NotSolved,
    /// Either: the answer will reopen the work, and the reasons help the follow-up.
    LowScoreOrNotSolved,
}

impl Condition {
    /// Whether the question is shown, given the answers so far. An unknown (unanswered or
    /// invalid) overall score is not low; an unknown `solved` is not "no".
    pub fn holds(self, overall: Option<u8>, solved: Option<bool>, threshold: u8) -> bool {
        let low = overall.is_some_and(|o| o <= threshold);
        let not_solved = solved == Some(false);
        match self {
            Condition::LowScore => low,
            Condition::NotSolved => not_solved,
            Condition::LowScoreOrNotSolved => low || not_solved,
        }
    }
}

/// One version of one question. Stored as a row per (key, version), never updated except to
/// set `retired`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionVersion {
    pub key: String,
    /// 1 for a new question, one more on each rewording.
    pub version: u32,
    pub kind: QuestionKind,
    pub text_en: String,
    pub text_zh: String,
    pub required: bool,
    pub shown_when: Option<Condition>,
    /// No longer asked by new surveys.
    pub retired: bool,
}

impl QuestionVersion {
    /// Whether it is shown, given the answers to `overall` and `solved`.
    pub fn shown(&self, overall: Option<u8>, solved: Option<bool>, threshold: u8) -> bool {
        self.shown_when.is_none_or(|c| c.holds(overall, solved, threshold))
    }

    /// The text in Chinese when `zh`, else in English.
    pub fn text(&self, zh: bool) -> &str {
        if zh {
            &self.text_zh
        } else {
            &self.text_en
        }
    }
}

impl QuestionVersion {
    /// The first version of a question (the built-in sets are written with it).
    pub fn first(key: &str, kind: QuestionKind, en: &str, zh: &str, required: bool, shown_when: Option<Condition>) -> Self {
        QuestionVersion { key: key.to_string(), version: 1, kind, text_en: en.to_string(), text_zh: zh.to_string(), required, shown_when, retired: false }
    }
}

/// The standard questions, version 1, in the order they are asked.
pub fn default_questions() -> Vec<QuestionVersion> {
    let q = QuestionVersion::first;
    vec![
        q(
            key::OVERALL,
            QuestionKind::Scale5,
            "Overall, how satisfied are you with how this request was handled?",
            "总体而言，您对本次服务是否满意？",
            true,
            None,
        ),
        q(key::SPEED, QuestionKind::Scale5, "How satisfied are you with how quickly we responded?", "您对我们的响应速度是否满意？", true, None),
        q(
            key::PROFESSIONALISM,
            QuestionKind::Scale5,
            "How satisfied are you with the engineer's professionalism?",
            "您对工程师的专业水平是否满意？",
            true,
            None,
        ),
        q(key::SOLVED, QuestionKind::YesNo, "Was your problem solved?", "您的问题解决了吗？", true, None),
        q(
            key::REASONS,
            QuestionKind::Choice { options: default_reasons(), max_selected: 3 },
            "What went wrong? Choose up to three.",
            "哪些方面让您不满意？最多选三项。",
            false,
            Some(Condition::LowScoreOrNotSolved),
        ),
        q(key::COMMENT, QuestionKind::Text, "Anything else you would like to tell us?", "还有什么想告诉我们的吗？", false, None),
    ]
}

fn default_reasons() -> Vec<ChoiceOption> {
    [
        ("slow_response", "Slow to respond", "响应太慢"),
        ("slow_fix", "Took too long to fix", "处理时间太长"),
        ("not_fixed", "The problem is not fixed", "问题没有解决"),
        ("came_back", "The problem came back", "问题再次出现"),
        ("communication", "Poor communication", "沟通不畅"),
        ("engineer", "The engineer lacked skill or courtesy", "工程师专业能力或服务态度欠佳"),
        ("other", "Other", "其他"),
    ]
    .into_iter()
    .map(|(key, en, zh)| ChoiceOption { key: key.into(), text_en: en.into(), text_zh: zh.into() })
    .collect()
}

/// What a new survey asks: the latest version of each key, keys in the order they first
/// appear in `all` (every stored version, in any order). A key with any version retired is
/// left out: retiring is about the question, whichever row carries the mark.
pub fn current_questions(all: &[QuestionVersion]) -> Vec<QuestionVersion> {
    let mut latest: Vec<&QuestionVersion> = Vec::new();
    for q in all {
        match latest.iter_mut().find(|l| l.key == q.key) {
            Some(l) if l.version < q.version => *l = q,
            Some(_) => {}
            None => latest.push(q),
        }
    }
    let retired = |key: &str| all.iter().any(|q| q.retired && q.key == key);
    latest.into_iter().filter(|q| !retired(&q.key)).cloned().collect()
}

#[cfg(test)]
mod tests;
