//! The questions attendees are asked after a session, in the survey engine's terms
//! (`survey::QuestionVersion`), so the same form component, checks (`validate_answers`) and
//! verdict (`verdict`, on the `overall` score) serve both surveys.
//!
//! They are code, not rows admins edit: training feedback is about the session and the
//! trainer, a different subject from service requests. Each feedback row keeps the question
//! versions it was answered under (a snapshot), so rewording here later never changes what an
//! earlier answer meant.
use crate::survey::{question::key, QuestionKind, QuestionVersion};

/// Keys of the training questions besides the survey's own `overall` and `comment`.
pub mod keys {
    pub const CONTENT: &str = "content";
    pub const TRAINER: &str = "trainer";
}

/// How long after the end attendees may give feedback: long enough for a trainer away for a
/// week, short enough that answers are still memories of the session.
pub const FEEDBACK_OPEN_DAYS: i64 = 30;

/// Whether feedback may still be given at `now` for a session that ended at `ends_at`.
pub fn feedback_open(now: i64, ends_at: i64) -> bool {
    now >= ends_at && now < ends_at + FEEDBACK_OPEN_DAYS * 86_400
}

/// The questions, version 1, in the order they are asked.
pub fn feedback_questions() -> Vec<QuestionVersion> {
    let q = |key: &str, kind: QuestionKind, en: &str, zh: &str, required: bool| QuestionVersion::first(key, kind, en, zh, required, None);
    vec![
        q(key::OVERALL, QuestionKind::Scale5, "Overall, how satisfied are you with this training?", "总体而言，您对本次培训是否满意？", true),
        q(keys::CONTENT, QuestionKind::Scale5, "How useful was the content for your work?", "培训内容对您的工作有多大帮助？", true),
        q(keys::TRAINER, QuestionKind::Scale5, "How satisfied are you with the trainer?", "您对培训讲师是否满意？", true),
        q(key::COMMENT, QuestionKind::Text, "Anything else you would like to tell us?", "还有什么想告诉我们的吗？", false),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::{validate_answers, verdict, Verdict};

    fn raw(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn the_set_asks_overall_first_and_has_both_languages() {
        let qs = feedback_questions();
        assert_eq!(qs[0].key, key::OVERALL);
        let keys: Vec<&str> = qs.iter().map(|q| q.key.as_str()).collect();
        assert_eq!(keys, ["overall", "content", "trainer", "comment"]);
        for q in &qs {
            assert!(!q.text_en.is_empty() && q.text_zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}", q.key);
            assert!(q.shown_when.is_none() && !q.retired && q.version == 1);
        }
    }

    #[test]
    fn answers_are_checked_by_the_survey_engine() {
        let qs = feedback_questions();
        let ok = validate_answers(&qs, &raw(&[("overall", "5"), ("content", "4"), ("trainer", "5"), ("comment", "Good")]), 2).unwrap();
        assert_eq!(ok.overall, 5);
        assert_eq!(verdict(&ok, 2), Verdict::Satisfied);
        let errs = validate_answers(&qs, &raw(&[("overall", "9"), ("trainer", "5")]), 2).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["overall", "content"]);
    }

    #[test]
    fn feedback_is_open_for_thirty_days_after_the_end() {
        let end = 1_000_000;
        for (now, want) in [(end - 1, false), (end, true), (end + 29 * 86_400, true), (end + 30 * 86_400, false)] {
            assert_eq!(feedback_open(now, end), want, "{now}");
        }
    }
}
