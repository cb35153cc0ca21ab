//! Closing the loop: an unhappy answer reopens the work, and the request counts as
//! satisfied only once a later survey says so (DOMAIN.md: "an unsatisfied customer reopens
//! the work, which continues until they are satisfied").
//!
//! The follow-up itself (a task assigned to a manager, shown to the customer) is the
//! server's to create, in the transaction that records the answer; making one also makes
//! the answer final (`lifecycle`), so it cannot be changed afterwards to hide what was
//! acted on. When the follow-up's work closes the request again, a new survey is sent, and
//! that one can count the request as satisfied.
use super::answer::Verdict;

/// Whether recording this answer should create a follow-up: it is unsatisfied and the
/// request has no follow-up still open (one at a time; a second unhappy answer before the
/// first is dealt with joins it).
pub fn follow_up_needed(verdict: &Verdict, already_open_followup: bool) -> bool {
    matches!(verdict, Verdict::Unsatisfied { .. }) && !already_open_followup
}

/// Whether the request counts as satisfied, from the verdicts of its surveys oldest first
/// (`None`: not answered, expired or skipped, which say nothing either way). The latest
/// answered survey decides; with none answered, the request does not count as satisfied.
pub fn counts_as_satisfied(verdicts: &[Option<Verdict>]) -> bool {
    verdicts.iter().rev().find_map(|v| v.as_ref()).is_some_and(|v| *v == Verdict::Satisfied)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAT: Option<Verdict> = Some(Verdict::Satisfied);
    const LOW: Option<Verdict> = Some(Verdict::Unsatisfied { low_score: true, not_solved: false });
    const UNSOLVED: Option<Verdict> = Some(Verdict::Unsatisfied { low_score: false, not_solved: true });
    const NONE: Option<Verdict> = None;

    #[test]
    fn follow_ups_for_unhappy_answers_one_at_a_time() {
        let cases = [
            (Verdict::Satisfied, false, false),
            (Verdict::Satisfied, true, false),
            (LOW.unwrap(), false, true),
            (UNSOLVED.unwrap(), false, true),
            (Verdict::Unsatisfied { low_score: true, not_solved: true }, false, true),
            (LOW.unwrap(), true, false),
        ];
        for (verdict, open, want) in cases {
            assert_eq!(follow_up_needed(&verdict, open), want, "{verdict:?} {open}");
        }
    }

    #[test]
    fn the_latest_answered_survey_decides() {
        let cases: [(&[Option<Verdict>], bool); 11] = [
            (&[], false),
            (&[NONE], false),
            (&[SAT], true),
            (&[LOW], false),
            (&[UNSOLVED], false),
            // Unhappy, then a later survey says satisfied: counts.
            (&[LOW, SAT], true),
            // ...but not until then.
            (&[LOW, NONE], false),
            // An unanswered later survey does not undo an earlier answer.
            (&[SAT, NONE], true),
            (&[LOW, SAT, NONE, NONE], true),
            (&[SAT, LOW], false),
            (&[LOW, SAT, UNSOLVED, NONE], false),
        ];
        for (verdicts, want) in cases {
            assert_eq!(counts_as_satisfied(verdicts), want, "{verdicts:?}");
        }
    }
}
