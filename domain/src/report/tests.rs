use chrono::{Datelike, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::{Asia::Shanghai, Europe::London};

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn every_day_of_four_years_is_in_exactly_one_period_of_each_kind() {
    let mut day = d(2024, 1, 1);
    while day < d(2028, 1, 1) {
        for kind in PeriodKind::ALL {
            let p = Period::containing(kind, day);
            assert!(p.start <= day && day < p.end(), "{kind:?} {day}");
            assert_eq!(Period::containing(kind, p.start), p, "a period's first day is in it");
            assert_eq!(p.next().prev(), p);
            assert_eq!(p.prev().end(), p.start, "periods touch");
            match kind {
                PeriodKind::Week => assert_eq!(p.start.weekday(), Weekday::Mon),
                PeriodKind::Month => assert_eq!(p.start.day(), 1),
                PeriodKind::Quarter => assert!(p.start.day() == 1 && [1, 4, 7, 10].contains(&p.start.month())),
                PeriodKind::Year => assert_eq!((p.start.month(), p.start.day()), (1, 1)),
            }
            // The bars cover the period in order, without gaps or overlap.
            let bars = p.buckets();
            assert_eq!(bars[0], p.start);
            assert!(bars.windows(2).all(|w| w[0] < w[1]));
            assert!(*bars.last().unwrap() < p.end());
            let expected = match kind {
                PeriodKind::Week => 7..=7,
                PeriodKind::Month => 4..=6,
                PeriodKind::Quarter => 13..=15,
                PeriodKind::Year => 12..=12,
            };
            assert!(expected.contains(&bars.len()), "{kind:?} {day} {}", bars.len());
        }
        day = day.succ_opt().unwrap();
    }
}

#[test]
fn periods_are_local_to_the_contract_zone() {
    let nov = Period::containing(PeriodKind::Month, d(2026, 11, 17));
    let (from, until) = nov.bounds(Shanghai);
    assert_eq!(from, Utc.with_ymd_and_hms(2026, 10, 31, 16, 0, 0).unwrap());
    assert_eq!(until, Utc.with_ymd_and_hms(2026, 11, 30, 16, 0, 0).unwrap());
    // 23:30 on the 30th in Shanghai (15:30 UTC) is still November; half past midnight is not.
    assert_eq!(Period::at(PeriodKind::Month, Utc.with_ymd_and_hms(2026, 11, 30, 15, 30, 0).unwrap(), Shanghai), nov);
    assert_eq!(Period::at(PeriodKind::Month, Utc.with_ymd_and_hms(2026, 11, 30, 16, 30, 0).unwrap(), Shanghai), nov.next());
    assert!(!nov.is_closed(Shanghai, Utc.with_ymd_and_hms(2026, 11, 30, 15, 59, 59).unwrap()));
    assert!(nov.is_closed(Shanghai, until));
    // London moves its clocks: March 2026 is 31 days less one hour.
    let march = Period::containing(PeriodKind::Month, d(2026, 3, 5));
    let (a, b) = march.bounds(London);
    assert_eq!(a, Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap());
    assert_eq!(b, Utc.with_ymd_and_hms(2026, 3, 31, 23, 0, 0).unwrap());
}

#[test]
fn codes_and_parsing() {
    assert_eq!(Period::parse("month", "2026-11-17").unwrap().code(), "2026-11");
    assert_eq!(Period::parse("week", "2026-11-26").unwrap(), Period { kind: PeriodKind::Week, start: d(2026, 11, 23) });
    assert_eq!(Period::parse("week", "2026-11-26").unwrap().code(), "2026-W48");
    // ISO week-year: 29 Dec 2025 is week 1 of 2026.
    assert_eq!(Period::parse("week", "2025-12-30").unwrap().code(), "2026-W01");
    assert_eq!(Period::parse("quarter", "2026-11-17").unwrap().code(), "2026-Q4");
    assert_eq!(Period::parse("quarter", "2026-11-17").unwrap().start, d(2026, 10, 1));
    assert_eq!(Period::parse("year", "2026-11-17").unwrap().code(), "2026");
    assert_eq!(Period::parse("year", "2026-11-17").unwrap().last_day(), d(2026, 12, 31));
    for bad in [("day", "2026-11-17"), ("month", "2026-13-01"), ("month", "17/11/2026"), ("month", ""), ("year", "1999-12-31"), ("year", "2101-01-01")] {
        assert_eq!(Period::parse(bad.0, bad.1), None, "{bad:?}");
    }
    for k in PeriodKind::ALL {
        assert_eq!(PeriodKind::parse(k.as_str()), Some(k));
    }
}

#[test]
fn a_month_starting_on_a_thursday_has_a_short_first_bar() {
    // 1 October 2026 is a Thursday.
    let oct = Period::containing(PeriodKind::Month, d(2026, 10, 9));
    assert_eq!(oct.buckets(), vec![d(2026, 10, 1), d(2026, 10, 5), d(2026, 10, 12), d(2026, 10, 19), d(2026, 10, 26)]);
    let year = Period::containing(PeriodKind::Year, d(2026, 6, 1));
    assert_eq!(year.buckets().len(), 12);
    assert_eq!(year.buckets()[11], d(2026, 12, 1));
}

#[test]
fn every_drill_down_round_trips_and_nonsense_is_refused() {
    let all = [
        Drill::Opened,
        Drill::Kind("fault".into()),
        Drill::Severity(1),
        Drill::Site(12),
        Drill::Channel("phone".into()),
        Drill::Device("-".into()),
        Drill::Device("server".into()),
        Drill::Sla { tier: "A".into(), clock: Clock::OnSite, met: false },
        Drill::Sla { tier: "C".into(), clock: Clock::Resolution, met: true },
        Drill::Bar(d(2026, 11, 2)),
        Drill::Missed,
        Drill::Resolved,
        Drill::Reopened,
        Drill::Upgraded,
        Drill::Escalated,
    ];
    for drill in all {
        assert_eq!(Drill::parse(&drill.to_query()), Some(drill.clone()), "{drill:?}");
    }
    assert_eq!(Drill::parse(""), Some(Drill::Opened));
    for bad in [
        "x",
        "severity:5",
        "severity:0",
        "site:-1",
        "site:x",
        "kind:",
        "kind:a b",
        "kind:<script>",
        "missed:A",
        "missed:A:lunch",
        "bar:2026-02-30",
        "met::resolution",
    ] {
        assert_eq!(Drill::parse(bad), None, "{bad}");
    }
}

#[test]
fn who_reads_which_report() {
    for role in Role::ALL {
        for asked in [None, Some(7), Some(8)] {
            let got = reach(role, 7, asked);
            let expected = match (role, asked) {
                (Role::Manager | Role::Admin, None) => Some(Scope::Provider),
                (Role::Manager | Role::Admin, Some(o)) => Some(Scope::Organization(o)),
                (Role::SiteManager, None | Some(7)) => Some(Scope::Organization(7)),
                _ => None,
            };
            assert_eq!(got, expected, "{role:?} {asked:?}");
            assert_eq!(may_read(role), reach(role, 7, None).is_some(), "{role:?}");
        }
        assert_eq!(writes_narrative(role), role == Role::Manager);
        assert_eq!(manages_reports(role), matches!(role, Role::Manager | Role::Admin));
        for kind in PeriodKind::ALL {
            assert_eq!(receives_by_default(role, kind), role == Role::SiteManager && kind == PeriodKind::Month);
            // Nobody gets by default what they could not be chosen for.
            assert!(!receives_by_default(role, kind) || may_receive(role));
        }
        assert!(!may_receive(role) || may_read(role), "a recipient can open the link");
    }
    assert_eq!(Scope::Organization(3).key(), "org:3");
    assert_eq!(Scope::Provider.key(), "all");
}

#[test]
fn the_narrative_needs_one_part_and_none_too_long() {
    assert_eq!(validate_narrative("  fixed the UPS ", "", "").unwrap().done, "fixed the UPS");
    let e = validate_narrative(" ", "", "\n").unwrap_err();
    assert_eq!(e, vec![FieldError::new("done", ErrorCode::Required)]);
    let long = "字".repeat(NARRATIVE_MAX + 1);
    let e = validate_narrative("ok", &long, "").unwrap_err();
    assert_eq!(e, vec![FieldError::new("not_done", ErrorCode::TooLong { max: NARRATIVE_MAX })]);
    assert!(validate_narrative("", "", &"a".repeat(NARRATIVE_MAX)).is_ok());
}

#[test]
fn ratios_and_compliance() {
    assert_eq!(ratio(0, 0, 1000), None);
    assert_eq!(ratio(2, 3, 1000), Some(667));
    assert_eq!(ratio(1, 8, 1000), Some(125));
    let f = Figures {
        resolved: 8,
        reopened: 1,
        sla: vec![
            SlaResult { tier: "A".into(), clock: Clock::Resolution, met: 3, missed: 1 },
            SlaResult { tier: "B".into(), clock: Clock::Resolution, met: 1, missed: 1 },
            SlaResult { tier: "B".into(), clock: Clock::OnSite, met: 0, missed: 0 },
        ],
        ..Figures::default()
    };
    assert_eq!(f.reopen_rate_permille(), Some(125));
    assert_eq!(f.compliance_permille(Clock::Resolution), Some(667));
    assert_eq!(f.compliance_permille(Clock::OnSite), None);
    assert_eq!(f.sla[2].compliance_permille(), None);
    let mut g = f.clone();
    g.reopened = 2;
    g.sla[0].met = 2;
    g.sla[0].missed = 2;
    assert_eq!(g.changes_from(&f), vec!["reopened: 1 → 2".to_string(), "sla met: 4 → 3".into(), "sla missed: 2 → 3".into()]);
    assert!(f.changes_from(&f).is_empty());
}

#[test]
fn charts_scale_escape_and_fit_a_phone() {
    assert_eq!(axis_top(0), 1);
    assert_eq!(axis_top(1), 1);
    assert_eq!(axis_top(3), 5);
    assert_eq!(axis_top(7), 10);
    assert_eq!(axis_top(11), 20);
    assert_eq!(axis_top(450), 500);
    let svg = bars_svg(
        "Requests <opened>",
        &[
            Point { label: "A&B", value: 4, line_permille: Some(1000) },
            Point { label: "2", value: 0, line_permille: Some(500) },
            Point { label: "3", value: 5, line_permille: None },
        ],
        "met",
    );
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    assert!(svg.contains("viewBox") && !svg.contains("width=\"640\""), "scales to the screen");
    assert!(svg.contains("<title>Requests &lt;opened&gt;</title>"));
    assert!(svg.contains("A&amp;B: 4"));
    assert_eq!(svg.matches("<rect").count(), 3);
    assert_eq!(svg.matches("<circle").count(), 2);
    assert!(svg.contains("<polyline"));
    // The tallest bar reaches the top of the plot: 5 of an axis of 5.
    assert!(svg.contains(r#"y="16" width"#), "{svg}");
    assert!(bars_svg("empty", &[], "met").contains("</svg>"));
}

#[test]
fn the_channel_comes_from_the_first_line() {
    use crate::ticket::Line;
    let line = |channel: Option<&str>, follow: Option<&str>, inspection: Option<i32>| Line::Created {
        severity: 3,
        on_behalf_of: None,
        channel: channel.map(String::from),
        follow_up_of: follow.map(String::from),
        inspection,
    };
    assert_eq!(channel_of(&line(None, None, None)), "portal");
    assert_eq!(channel_of(&line(Some("phone"), None, None)), "phone");
    assert_eq!(channel_of(&line(Some("email"), None, None)), "email");
    assert_eq!(channel_of(&line(None, Some("SR-2026-000001"), None)), "survey");
    assert_eq!(channel_of(&line(None, None, Some(4))), "inspection");
    assert_eq!(channel_of(&Line::Reply { text: "x".into() }), "portal");
    for c in ["portal", "phone", "email", "survey", "inspection"] {
        assert!(CHANNELS.contains(&c));
    }
}
