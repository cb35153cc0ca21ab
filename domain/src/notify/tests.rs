use chrono::{DateTime, NaiveTime, Utc};

use super::*;
use crate::notice::Notice;
use crate::sla::test_support::{date, sh, SHANGHAI};
use crate::sla::{Pause, Severity, Tier};
use crate::ticket::{ClockFacts, RemoteStatus, SlaTerms, Status};
use crate::Role;

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn kinds_and_channels_read_back_from_their_names() {
    for k in EventKind::ALL {
        assert_eq!(EventKind::parse(k.as_str()), Some(k));
        assert_eq!(serde_json::to_value(k).unwrap(), serde_json::json!(k.as_str()));
    }
    for c in Channel::ALL {
        assert_eq!(Channel::parse(c.as_str()), Some(c));
    }
    assert_eq!(EventKind::parse("nope"), None);
    assert_eq!(Channel::parse(""), None);
}

#[test]
fn customers_are_not_offered_the_staff_warnings() {
    for role in Role::ALL {
        let offered = EventKind::offered_to(role);
        assert_eq!(offered.contains(&EventKind::SlaWarning), role.is_staff(), "{role:?}");
        assert_eq!(offered.contains(&EventKind::StaffAlert), role.is_staff(), "{role:?}");
        assert!(offered.contains(&EventKind::RequestReply));
        assert_eq!(offered.contains(&EventKind::Complaint), matches!(role, Role::Customer | Role::SiteManager | Role::Manager), "{role:?}");
    }
}

#[test]
fn each_notice_has_the_kind_a_person_would_look_for() {
    let at = DateTime::<Utc>::from_timestamp(1_790_000_000, 0).unwrap();
    for (notice, kind) in [
        (Notice::Reply { from: "Li".into() }, EventKind::RequestReply),
        (Notice::Status { to: Status::WaitingOnCustomer }, EventKind::RequestNeedsAnswer),
        (Notice::Status { to: Status::Resolved }, EventKind::RequestResolved),
        (Notice::Status { to: Status::Closed }, EventKind::RequestResolved),
        (Notice::Status { to: Status::Assigned }, EventKind::RequestStatus),
        (Notice::Escalated { severity: 1 }, EventKind::RequestStatus),
        (Notice::Remote { status: RemoteStatus::Requested }, EventKind::RequestNeedsAnswer),
        (Notice::Remote { status: RemoteStatus::Completed }, EventKind::Remote),
        (Notice::StockLow { total: 1, minimum: 2 }, EventKind::StaffAlert),
        (Notice::SlaWarning { clock: SlaClock::OnSite, deadline: at, tz: "Asia/Shanghai".into() }, EventKind::SlaWarning),
        (Notice::Survey { expires_at: at }, EventKind::Survey),
        (Notice::TrainingPromoted {}, EventKind::Training),
        (Notice::UpgradeProposed {}, EventKind::Upgrade),
        (Notice::Assurance { starts_on: date("2026-10-01"), ends_on: date("2026-10-07") }, EventKind::Inspection),
    ] {
        assert_eq!(EventKind::of(&notice), kind, "{notice:?}");
    }
}

#[test]
fn defaults_mail_at_once_but_spare_staff_the_status_moves() {
    for role in Role::ALL {
        for kind in EventKind::ALL {
            let expected = if kind == EventKind::RequestStatus && role.is_staff() { Channel::Digest } else { Channel::Now };
            assert_eq!(Channel::default_for(kind, role), expected, "{role:?} {kind:?}");
        }
    }
}

#[test]
fn quiet_hours_within_a_day_and_over_midnight() {
    let day = QuietHours { from: t(12, 0), to: t(14, 0) };
    let night = QuietHours { from: t(22, 0), to: t(7, 0) };
    let none = QuietHours { from: t(9, 0), to: t(9, 0) };
    for (q, time, quiet) in [
        (day, t(11, 59), false),
        (day, t(12, 0), true),
        (day, t(13, 59), true),
        (day, t(14, 0), false),
        (night, t(21, 59), false),
        (night, t(22, 0), true),
        (night, t(23, 59), true),
        (night, t(0, 0), true),
        (night, t(6, 59), true),
        (night, t(7, 0), false),
        (night, t(12, 0), false),
        (none, t(9, 0), false),
        (none, t(3, 0), false),
    ] {
        assert_eq!(q.contains(time), quiet, "{q:?} at {time}");
    }
}

#[test]
fn mail_held_by_quiet_hours_goes_when_they_end() {
    let night = QuietHours { from: t(22, 0), to: t(7, 0) };
    assert_eq!(night.release(sh("2026-12-01 23:30"), SHANGHAI), sh("2026-12-02 07:00"));
    assert_eq!(night.release(sh("2026-12-02 03:10"), SHANGHAI), sh("2026-12-02 07:00"));
    assert_eq!(night.release(sh("2026-12-02 07:00"), SHANGHAI), sh("2026-12-02 07:00"));
    assert_eq!(night.release(sh("2026-12-02 15:00"), SHANGHAI), sh("2026-12-02 15:00"));
    let lunch = QuietHours { from: t(12, 0), to: t(13, 30) };
    assert_eq!(lunch.release(sh("2026-12-02 12:05"), SHANGHAI), sh("2026-12-02 13:30"));
    // The zone is the contract's: 23:30 UTC is 07:30 in Shanghai, after the quiet hours.
    let utc_late: DateTime<Utc> = "2026-12-01T23:30:00Z".parse().unwrap();
    assert_eq!(night.release(utc_late, SHANGHAI), utc_late);
}

#[test]
fn the_plan_for_every_channel_severity_and_quiet_hour() {
    let night = Some(QuietHours { from: t(22, 0), to: t(7, 0) });
    let late = sh("2026-12-01 23:00");
    let noon = sh("2026-12-01 12:00");
    let morning = sh("2026-12-02 07:00");
    for (channel, severity, quiet, now, expected) in [
        (Channel::Portal, None, None, noon, MailPlan::None),
        (Channel::Portal, Some(1), night, late, MailPlan::None),
        (Channel::Portal, Some(3), None, noon, MailPlan::None),
        (Channel::Now, None, None, noon, MailPlan::At(noon)),
        (Channel::Now, Some(3), night, noon, MailPlan::At(noon)),
        (Channel::Now, Some(3), night, late, MailPlan::At(morning)),
        (Channel::Now, Some(2), night, late, MailPlan::At(morning)),
        (Channel::Now, None, night, late, MailPlan::At(morning)),
        (Channel::Now, Some(1), night, late, MailPlan::At(late)),
        (Channel::Digest, None, None, noon, MailPlan::Digest),
        (Channel::Digest, Some(2), night, late, MailPlan::Digest),
        (Channel::Digest, Some(1), None, noon, MailPlan::At(noon)),
        (Channel::Digest, Some(1), night, late, MailPlan::At(late)),
    ] {
        assert_eq!(plan(channel, severity, quiet, now, SHANGHAI), expected, "{channel:?} severity {severity:?} quiet {quiet:?} at {now}");
    }
}

#[test]
fn the_digest_goes_once_a_day_after_its_hour() {
    assert!(!digest_due(None, sh("2026-12-02 07:59"), SHANGHAI));
    assert!(digest_due(None, sh("2026-12-02 08:00"), SHANGHAI));
    assert!(digest_due(Some(date("2026-12-01")), sh("2026-12-02 08:01"), SHANGHAI));
    assert!(!digest_due(Some(date("2026-12-02")), sh("2026-12-02 08:01"), SHANGHAI));
    assert!(!digest_due(Some(date("2026-12-02")), sh("2026-12-02 23:59"), SHANGHAI));
    assert!(!digest_due(Some(date("2026-12-02")), sh("2026-12-03 07:00"), SHANGHAI));
    assert!(digest_due(Some(date("2026-12-02")), sh("2026-12-03 08:00"), SHANGHAI));
    // 00:30 UTC is 08:30 in Shanghai: the local day counts.
    assert!(digest_due(Some(date("2026-12-01")), "2026-12-02T00:30:00Z".parse().unwrap(), SHANGHAI));
}

fn facts(created: &str, severity: Severity) -> ClockFacts {
    ClockFacts {
        created_at: sh(created),
        severity,
        first_response_at: None,
        on_site_required: true,
        on_site_limit_secs: 2 * 3600,
        on_site_at: None,
        resolution_started_at: sh(created),
        stopped_at: None,
        pauses: vec![],
    }
}

#[test]
fn warnings_fall_at_three_quarters_of_each_clock() {
    let a = SlaTerms::default_for(Tier::A, SHANGHAI);
    let f = facts("2026-12-01 10:00", Severity::Critical);
    let now = sh("2026-12-01 10:00");
    // 10 min first response, 2 h on site, 2 h resolution (severity 1, tier A, 7x24).
    assert_eq!(warn_at(&a, &f, SlaClock::FirstResponse, now), Some(sh("2026-12-01 10:07:30")));
    assert_eq!(warn_at(&a, &f, SlaClock::OnSite, now), Some(sh("2026-12-01 11:30")));
    assert_eq!(warn_at(&a, &f, SlaClock::Resolution, now), Some(sh("2026-12-01 11:30")));
    let minor = facts("2026-12-01 10:00", Severity::Minor);
    assert_eq!(warn_at(&a, &minor, SlaClock::Resolution, now), Some(sh("2026-12-02 22:00")), "48 h × 0.75 = 36 h");
}

#[test]
fn business_hour_clocks_warn_in_business_time() {
    // Tier C: 09:00-17:00 on working days; severity 1 has 8 h, so 6 h of working time.
    let c = SlaTerms::default_for(Tier::C, SHANGHAI);
    let mut f = facts("2026-12-04 15:00", Severity::Critical); // a Friday
    f.on_site_required = false;
    let now = sh("2026-12-04 15:00");
    assert_eq!(warn_at(&c, &f, SlaClock::Resolution, now), Some(sh("2026-12-07 13:00")), "2 h on Friday, 4 h on Monday");
    assert_eq!(warn_at(&c, &f, SlaClock::OnSite, now), None, "not required");
}

#[test]
fn a_pause_moves_the_warning_and_a_met_clock_has_none() {
    let a = SlaTerms::default_for(Tier::A, SHANGHAI);
    let mut f = facts("2026-12-01 10:00", Severity::Critical);
    f.pauses = vec![Pause { from: sh("2026-12-01 10:30"), to: Some(sh("2026-12-01 11:00")), reason: "waiting".into() }];
    let now = sh("2026-12-01 11:05");
    assert_eq!(warn_at(&a, &f, SlaClock::Resolution, now), Some(sh("2026-12-01 12:00")));
    // The first response clock is never paused.
    assert_eq!(warn_at(&a, &f, SlaClock::FirstResponse, now), Some(sh("2026-12-01 10:07:30")));
    f.first_response_at = Some(sh("2026-12-01 10:03"));
    f.on_site_at = Some(sh("2026-12-01 11:00"));
    assert_eq!(warn_at(&a, &f, SlaClock::FirstResponse, now), None);
    assert_eq!(warn_at(&a, &f, SlaClock::OnSite, now), None);
    f.stopped_at = Some(sh("2026-12-01 11:04"));
    assert_eq!(warn_at(&a, &f, SlaClock::Resolution, now), None);
}

#[test]
fn warned_clocks_and_paused_ones_are_left_out() {
    let a = SlaTerms::default_for(Tier::A, SHANGHAI);
    let f = facts("2026-12-01 10:00", Severity::Critical);
    let now = sh("2026-12-01 10:00");
    let all: Vec<SlaClock> = warn_points(&a, &f, 0, false, now).into_iter().map(|(c, _)| c).collect();
    assert_eq!(all, SlaClock::ALL.to_vec());
    let rest: Vec<SlaClock> = warn_points(&a, &f, SlaClock::FirstResponse.bit() | SlaClock::Resolution.bit(), false, now).into_iter().map(|(c, _)| c).collect();
    assert_eq!(rest, vec![SlaClock::OnSite]);
    let paused: Vec<SlaClock> = warn_points(&a, &f, 0, true, now).into_iter().map(|(c, _)| c).collect();
    assert_eq!(paused, vec![SlaClock::FirstResponse]);
    let bits: Vec<i16> = SlaClock::ALL.iter().map(|c| c.bit()).collect();
    assert_eq!(bits, vec![1, 2, 4]);
}

fn form(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn the_settings_form_keeps_only_what_differs_from_the_default() {
    let ok = validate_settings(Role::Customer, &form(&[("request_reply", "now"), ("training", "digest"), ("survey", "portal")]), "22:00", "07:00").unwrap();
    assert_eq!(ok.channels, vec![(EventKind::Survey, Channel::Portal), (EventKind::Training, Channel::Digest)]);
    assert_eq!(ok.quiet, Some(QuietHours { from: t(22, 0), to: t(7, 0) }));
    let staff = validate_settings(Role::Engineer, &form(&[("request_status", "digest"), ("sla_warning", "portal")]), "", "").unwrap();
    assert_eq!(staff.channels, vec![(EventKind::SlaWarning, Channel::Portal)]);
    assert_eq!(staff.quiet, None);
}

#[test]
fn the_settings_form_refuses_what_it_does_not_offer() {
    let codes = |r: Result<ValidSettings, Vec<crate::FieldError>>| r.unwrap_err().into_iter().map(|e| (e.field, e.code)).collect::<Vec<_>>();
    use crate::ErrorCode::*;
    assert_eq!(codes(validate_settings(Role::Customer, &form(&[("sla_warning", "now")]), "", "")), vec![("sla_warning".into(), InvalidChoice)]);
    assert_eq!(codes(validate_settings(Role::Customer, &form(&[("nope", "now")]), "", "")), vec![("nope".into(), InvalidChoice)]);
    assert_eq!(codes(validate_settings(Role::Customer, &form(&[("training", "fax")]), "", "")), vec![("training".into(), InvalidChoice)]);
    assert_eq!(codes(validate_settings(Role::Customer, &form(&[]), "22:00", "")), vec![("quiet_to".into(), Required)]);
    assert_eq!(codes(validate_settings(Role::Customer, &form(&[]), "", "7:00")), vec![("quiet_from".into(), Required)]);
    assert_eq!(codes(validate_settings(Role::Customer, &form(&[]), "25:00", "7:00")), vec![("quiet_from".into(), InvalidTime)]);
    assert_eq!(codes(validate_settings(Role::Customer, &form(&[]), "22:00", "late")), vec![("quiet_to".into(), InvalidTime)]);
    assert_eq!(codes(validate_settings(Role::Customer, &form(&[]), "08:00", "08:00")), vec![("quiet_to".into(), SameTime)]);
}
