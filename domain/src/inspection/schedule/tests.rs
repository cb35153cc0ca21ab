use chrono::NaiveDate;

use super::*;
use crate::sla::{
    test_support::{date, plain},
    tier::CoverageKind,
    BusinessCalendar,
};

fn d(s: &str) -> NaiveDate {
    date(s)
}

fn cal() -> BusinessCalendar {
    plain(CoverageKind::BusinessHours5x8)
}

fn dates(p: &[Planned]) -> Vec<(i32, &str, NaiveDate)> {
    p.iter().map(|x| (x.site_id, x.slot.as_str(), x.date)).collect()
}

#[test]
fn periods_cover_the_year_without_gaps() {
    for f in Frequency::ALL {
        assert_eq!(Frequency::parse(f.as_str()), Some(f));
        let ps = f.periods(2028);
        assert_eq!(ps.len(), 12 / f.months() as usize);
        assert_eq!(ps[0].start, d("2028-01-01"));
        assert_eq!(ps.last().unwrap().end, d("2028-12-31"));
        for w in ps.windows(2) {
            assert_eq!(w[0].end.succ_opt(), Some(w[1].start));
        }
    }
    assert_eq!(Frequency::Monthly.periods(2028)[1].end, d("2028-02-29"), "a leap year");
    let keys: Vec<String> = Frequency::Quarterly.periods(2027).into_iter().map(|p| p.key).collect();
    assert_eq!(keys, ["2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"]);
}

#[test]
fn a_quarterly_plan_for_a_whole_year() {
    let c = cal();
    let span = ContractSpan { valid_from: d("2026-01-01"), valid_until: None, calendar: &c };
    let plan = PlanSettings::default();
    let got = generate(&plan, 2027, &[7], &span, d("2026-01-01"));
    // Mid-quarter, moved off weekends: 15 May 2027 is a Saturday, 15 August a Sunday.
    assert_eq!(
        dates(&got),
        vec![(7, "2027-Q1", d("2027-02-15")), (7, "2027-Q2", d("2027-05-17")), (7, "2027-Q3", d("2027-08-16")), (7, "2027-Q4", d("2027-11-15"))]
    );
    assert!(got.iter().all(|p| p.kind == InspectionKind::Regular));
    let half = PlanSettings { frequency: Frequency::HalfYearly, ..plan.clone() };
    assert_eq!(dates(&generate(&half, 2027, &[7], &span, d("2026-01-01"))), vec![(7, "2027-H1", d("2027-03-15")), (7, "2027-H2", d("2027-09-15"))]);
    let monthly = PlanSettings { frequency: Frequency::Monthly, ..plan };
    let m = generate(&monthly, 2027, &[1, 2], &span, d("2026-01-01"));
    assert_eq!(m.len(), 24, "twelve a site");
    assert_eq!(m[0].slot, "2027-M01");
}

#[test]
fn holidays_move_the_planned_day() {
    let c = cal().with_holidays([d("2027-02-15"), d("2027-02-16")]);
    let span = ContractSpan { valid_from: d("2026-01-01"), valid_until: None, calendar: &c };
    let got = generate(&PlanSettings::default(), 2027, &[1], &span, d("2026-01-01"));
    assert_eq!(got[0].date, d("2027-02-17"));
    // A moved working day on a weekend is a working day.
    let c = cal().with_extra_working_days([d("2027-05-15")]);
    let span = ContractSpan { valid_from: d("2026-01-01"), valid_until: None, calendar: &c };
    assert_eq!(generate(&PlanSettings::default(), 2027, &[1], &span, d("2026-01-01"))[1].date, d("2027-05-15"));
}

#[test]
fn a_contract_starting_and_ending_mid_year() {
    let c = cal();
    let span = ContractSpan { valid_from: d("2027-03-01"), valid_until: Some(d("2027-09-30")), calendar: &c };
    let got = generate(&PlanSettings::default(), 2027, &[3], &span, d("2027-03-01"));
    // The first, complete inspection 15 working days after the start (in Q1, which it
    // replaces), Q2 and Q3; Q4 is after the end.
    assert_eq!(dates(&got), vec![(3, "initial", d("2027-03-22")), (3, "2027-Q2", d("2027-05-17")), (3, "2027-Q3", d("2027-08-16"))]);
    assert_eq!(got[0].kind, InspectionKind::Initial);
    // Without the first inspection, Q1's day (15 February) is before the start.
    let no_initial = PlanSettings { initial: false, ..PlanSettings::default() };
    assert_eq!(generate(&no_initial, 2027, &[3], &span, d("2027-03-01")).len(), 2);
    // The next year has no first inspection, and nothing after the contract's end.
    assert!(generate(&PlanSettings::default(), 2028, &[3], &span, d("2027-03-01")).is_empty());
    // A contract starting in November: the first inspection falls in December, Q4 is replaced.
    let late = ContractSpan { valid_from: d("2027-11-20"), valid_until: None, calendar: &c };
    assert_eq!(dates(&generate(&PlanSettings::default(), 2027, &[3], &late, d("2027-11-20"))), vec![(3, "initial", d("2027-12-10"))]);
}

#[test]
fn an_initial_inspection_that_would_fall_in_the_next_year_is_not_planned_twice() {
    let c = cal();
    let span = ContractSpan { valid_from: d("2027-12-20"), valid_until: None, calendar: &c };
    let this = generate(&PlanSettings::default(), 2027, &[1], &span, d("2027-12-20"));
    let next = generate(&PlanSettings::default(), 2028, &[1], &span, d("2027-12-20"));
    // 15 working days after 20 December is in January: planned when 2027 is generated
    // (its key is per contract), and 2028's Q1 stays.
    assert_eq!(dates(&this), vec![(1, "initial", d("2028-01-10"))]);
    assert_eq!(next.iter().filter(|p| p.kind == InspectionKind::Initial).count(), 0);
    assert!(next.iter().any(|p| p.slot == "2028-Q1"));
    // Generating 2028 does not take back the first inspection dated in 2028.
    let (_, cancel) = reconcile(2028, &next, &stored(&this, true), d("2027-12-20"));
    assert!(cancel.is_empty());
}

#[test]
fn sites_and_categories_of_a_plan() {
    let all_sites = PlanSettings::default();
    assert_eq!(all_sites.sites_of(&[1, 2, 3]), vec![1, 2, 3]);
    let some = PlanSettings { sites: vec![2, 9], categories: vec![crate::equipment::DeviceCategory::Server], ..PlanSettings::default() };
    assert_eq!(some.sites_of(&[1, 2, 3]), vec![2], "never a site of another organization");
    use crate::equipment::DeviceCategory::*;
    assert!(some.covers(Server, InspectionKind::Regular));
    assert!(!some.covers(Network, InspectionKind::Regular));
    assert!(some.covers(Network, InspectionKind::Initial), "the first inspection is complete");
    assert!(all_sites.covers(Network, InspectionKind::Regular));
}

fn stored(p: &[Planned], untouched: bool) -> Vec<Existing> {
    p.iter().enumerate().map(|(i, x)| Existing { id: i as i32 + 1, site_id: x.site_id, slot: x.slot.clone(), date: x.date, untouched }).collect()
}

#[test]
fn generating_again_adds_nothing() {
    let c = cal();
    let span = ContractSpan { valid_from: d("2026-01-01"), valid_until: None, calendar: &c };
    let wanted = generate(&PlanSettings::default(), 2027, &[1, 2], &span, d("2026-06-01"));
    let (add, cancel) = reconcile(2027, &wanted, &[], d("2026-06-01"));
    assert_eq!(add.len(), 8);
    assert!(cancel.is_empty());
    let (add, cancel) = reconcile(2027, &wanted, &stored(&wanted, true), d("2026-06-01"));
    assert!(add.is_empty() && cancel.is_empty());
}

#[test]
fn a_plan_changed_mid_year() {
    let c = cal();
    let span = ContractSpan { valid_from: d("2026-01-01"), valid_until: None, calendar: &c };
    let quarterly = generate(&PlanSettings::default(), 2027, &[1], &span, d("2026-06-01"));
    let mut existing = stored(&quarterly, true);
    existing[0].untouched = false; // Q1 done
    existing[2].untouched = false; // Q3 already announced
                                   // On 1 July it becomes monthly.
    let changed = d("2027-07-01");
    let monthly = PlanSettings { frequency: Frequency::Monthly, ..PlanSettings::default() };
    let wanted = generate(&monthly, 2027, &[1], &span, changed);
    assert_eq!(wanted.first().map(|p| p.slot.as_str()), Some("2027-M07"));
    let (add, cancel) = reconcile(2027, &wanted, &existing, changed);
    assert_eq!(add.len(), 6, "July to December");
    // Q2 is before the change and stays; Q3 was announced and stays; Q4 goes.
    assert_eq!(cancel, vec![4]);
    // A site taken off the plan loses its future, untouched inspections only.
    let (_, cancel) = reconcile(2027, &[], &existing, changed);
    assert_eq!(cancel, vec![4]);
    // Another year's inspections are not touched when this year is generated.
    let next = generate(&PlanSettings::default(), 2028, &[1], &span, changed);
    let (_, cancel) = reconcile(2027, &[], &stored(&next, true), changed);
    assert!(cancel.is_empty());
}
