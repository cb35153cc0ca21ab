use super::*;
use crate::sla::test_support::{national_day_2026, plain, sh};
use crate::sla::CoverageKind;
use crate::{ErrorCode, Role};

#[test]
fn every_step_from_every_status_by_every_actor() {
    use ComplaintAction as A;
    use ComplaintActor as W;
    use ComplaintStatus as S;
    let allowed = [
        (S::Submitted, A::Acknowledge, W::Supervisor, S::Acknowledged),
        (S::Submitted, A::Answer, W::Supervisor, S::Answered),
        (S::Acknowledged, A::Answer, W::Supervisor, S::Answered),
        (S::Answered, A::Accept, W::Customer, S::Accepted),
        (S::Answered, A::Reject, W::Customer, S::Acknowledged),
        (S::Answered, A::AutoClose, W::System, S::ClosedNoReply),
    ];
    for from in S::ALL {
        for action in A::ALL {
            for actor in [W::Supervisor, W::Customer, W::System] {
                let expected = allowed.iter().find(|(f, a, w, _)| *f == from && *a == action && *w == actor).map(|(_, _, _, to)| *to);
                assert_eq!(transition(from, action, actor), expected, "{from:?} {action:?} {actor:?}");
            }
        }
    }
    assert_eq!(actions_for(S::Answered, W::Customer), vec![A::Accept, A::Reject]);
    assert_eq!(actions_for(S::Submitted, W::Supervisor), vec![A::Acknowledge, A::Answer]);
    assert!(actions_for(S::Accepted, W::Supervisor).is_empty() && actions_for(S::ClosedNoReply, W::Customer).is_empty());
}

#[test]
fn names_read_back() {
    for s in ComplaintStatus::ALL {
        assert_eq!(ComplaintStatus::parse(s.as_str()), Some(s));
        assert_eq!(serde_json::to_value(s).unwrap(), serde_json::json!(s.as_str()));
    }
    for a in ComplaintAction::ALL {
        assert_eq!(ComplaintAction::parse(a.as_str()), Some(a));
    }
    assert!(ComplaintStatus::Accepted.is_closed() && ComplaintStatus::ClosedNoReply.is_closed() && !ComplaintStatus::Answered.is_closed());
    assert_eq!(format_number(2026, 42), "CP-2026-000042");
}

#[test]
fn only_the_customers_people_and_the_supervisors_read_complaints() {
    for role in Role::ALL {
        let expected = matches!(role, Role::Customer | Role::SiteManager | Role::Manager);
        assert_eq!(may_read(role), expected, "{role:?}");
        assert_eq!(may_complain(role), matches!(role, Role::Customer | Role::SiteManager), "{role:?}");
    }
}

#[test]
fn clocks_count_working_days_on_the_contracts_calendar() {
    let cal = plain(CoverageKind::AllDay7x24);
    // Tuesday 15:00: acknowledged by Wednesday 15:00, answered by the next Tuesday 15:00.
    assert_eq!(working_days_after(&cal, sh("2026-12-01 15:00"), ACK_WORKING_DAYS), sh("2026-12-02 15:00"));
    assert_eq!(working_days_after(&cal, sh("2026-12-01 15:00"), ANSWER_WORKING_DAYS), sh("2026-12-08 15:00"));
    // Friday and Saturday: the weekend does not count, even on a 7x24 contract.
    assert_eq!(working_days_after(&cal, sh("2026-12-04 18:00"), 1), sh("2026-12-07 18:00"));
    assert_eq!(working_days_after(&cal, sh("2026-12-05 10:00"), 1), sh("2026-12-07 10:00"));
    // The National Day week is off; Saturday 10 October is worked in exchange.
    let golden = national_day_2026(CoverageKind::BusinessHours5x8);
    assert_eq!(working_days_after(&golden, sh("2026-09-30 11:00"), 1), sh("2026-10-08 11:00"));
    assert_eq!(working_days_after(&golden, sh("2026-10-09 11:00"), 1), sh("2026-10-10 11:00"));
    assert_eq!(working_days_after(&cal, sh("2026-12-01 15:00"), 0), sh("2026-12-01 15:00"));
}

#[test]
fn texts_and_answers_are_checked() {
    assert_eq!(validate_text("text", "  long enough ", TEXT_MIN).unwrap(), "long enough");
    assert_eq!(validate_text("text", "short", TEXT_MIN).unwrap_err().code, ErrorCode::TooShort { min: TEXT_MIN });
    assert_eq!(validate_text("text", "   ", TEXT_MIN).unwrap_err().code, ErrorCode::Required);
    assert_eq!(validate_text("text", &"长".repeat(TEXT_MAX + 1), TEXT_MIN).unwrap_err().code, ErrorCode::TooLong { max: TEXT_MAX });
    assert!(validate_text("text", &"长".repeat(TEXT_MAX), TEXT_MIN).is_ok());
    let ok = validate_answer("The engineer was late", "Two engineers on call", "We are sorry").unwrap();
    assert_eq!(ok.changes, "Two engineers on call");
    let fields: Vec<String> = validate_answer("", "x", " ").unwrap_err().into_iter().map(|e| e.field).collect();
    assert_eq!(fields, ["findings", "answer"]);
}
