use chrono::NaiveDate;
use chrono_tz::Tz;

use super::csv::{csv_field, summary_cells, to_csv, SUMMARY_COLUMNS};
use super::trend::{local_date, trend, Period, TrendPoint};
use super::*;

const DAY: i64 = 86_400;
/// 2026-03-02T00:00:00Z, a Monday.
const MON: i64 = 1_772_409_600;

fn rec(engineer: Option<i64>, org: i64, site: Option<i64>, closed_at: i64, overall: Option<u8>, satisfied: Option<bool>) -> SurveyRecord {
    SurveyRecord { engineer_id: engineer, organization_id: org, site_id: site, closed_at, answered_at: overall.map(|_| closed_at + DAY), overall, satisfied }
}

fn unanswered(engineer: i64, org: i64, closed_at: i64) -> SurveyRecord {
    rec(Some(engineer), org, Some(org * 10), closed_at, None, None)
}

fn sample() -> Vec<SurveyRecord> {
    vec![
        rec(Some(1), 100, Some(1000), MON, Some(5), Some(true)),
        rec(Some(1), 100, Some(1001), MON + DAY, Some(2), Some(false)),
        rec(Some(2), 100, Some(1000), MON + 2 * DAY, Some(4), Some(true)),
        unanswered(2, 200, MON + 3 * DAY),
        rec(None, 200, None, MON + 9 * DAY, Some(3), Some(false)),
        unanswered(1, 200, MON + 10 * DAY),
    ]
}

fn summary(sent: u32, answered: u32, rate: Option<u32>, avg: Option<u32>, sat: Option<u32>) -> Summary {
    Summary { sent, answered, response_rate_permille: rate, average_overall_centi: avg, satisfied_permille: sat }
}

#[test]
fn summaries_by_filter() {
    let all = sample();
    let cases: [(Filter, Summary); 8] = [
        // 4 of 6 answered; (5+2+4+3)/4 = 3.5; 2 of 4 satisfied.
        (Filter::default(), summary(6, 4, Some(667), Some(350), Some(500))),
        (Filter { engineer_id: Some(1), ..Filter::default() }, summary(3, 2, Some(667), Some(350), Some(500))),
        (Filter { engineer_id: Some(2), ..Filter::default() }, summary(2, 1, Some(500), Some(400), Some(1000))),
        (Filter { organization_id: Some(100), ..Filter::default() }, summary(3, 3, Some(1000), Some(367), Some(667))),
        (Filter { site_id: Some(1000), ..Filter::default() }, summary(2, 2, Some(1000), Some(450), Some(1000))),
        // The first week: from included, until excluded.
        (Filter { from: Some(MON), until: Some(MON + 7 * DAY), ..Filter::default() }, summary(4, 3, Some(750), Some(367), Some(667))),
        (Filter { from: Some(MON + DAY), until: Some(MON + 2 * DAY), ..Filter::default() }, summary(1, 1, Some(1000), Some(200), Some(0))),
        // Nothing to count: figures unknown, not zero.
        (Filter { engineer_id: Some(99), ..Filter::default() }, summary(0, 0, None, None, None)),
    ];
    for (filter, want) in cases {
        assert_eq!(summarize(&all, &filter), want, "{filter:?}");
    }
    assert_eq!(summarize(&[], &Filter::default()), Summary::default());
}

#[test]
fn an_answer_without_a_score_counts_as_answered_only() {
    let r = SurveyRecord { answered_at: Some(MON), ..unanswered(1, 1, MON) };
    assert_eq!(summarize(&[r], &Filter::default()), summary(1, 1, Some(1000), None, None));
}

#[test]
fn rounding_is_half_up() {
    // (answered of sent, per mille)
    let cases = [(1u32, 3u32, 333u32), (2, 3, 667), (1, 8, 125), (1, 16, 63), (1, 2000, 1), (1, 2001, 0), (7, 7, 1000)];
    for (answered, sent, want) in cases {
        let mut rs: Vec<SurveyRecord> = (0..sent).map(|i| unanswered(1, 1, MON + i64::from(i))).collect();
        for r in rs.iter_mut().take(answered as usize) {
            r.answered_at = Some(MON);
        }
        assert_eq!(summarize(&rs, &Filter::default()).response_rate_permille, Some(want), "{answered}/{sent}");
    }
    // Averages: 4, 4, 5 → 4.333 → 433; 1, 2 → 1.5 → 150; 4, 5, 5 → 4.667 → 467.
    for (scores, want) in [(vec![4, 4, 5], 433), (vec![1, 2], 150), (vec![4, 5, 5], 467), (vec![5], 500)] {
        let rs: Vec<SurveyRecord> = scores.iter().map(|s| rec(Some(1), 1, None, MON, Some(*s), Some(true))).collect();
        assert_eq!(summarize(&rs, &Filter::default()).average_overall_centi, Some(want), "{scores:?}");
    }
}

#[test]
fn grouping_by_engineer_organization_and_site() {
    let all = sample();
    let f = Filter::default();
    let ids = |by| summarize_by(&all, &f, by).into_iter().map(|(id, s)| (id, s.sent)).collect::<Vec<_>>();
    assert_eq!(ids(GroupBy::Engineer), [(None, 1), (Some(1), 3), (Some(2), 2)]);
    assert_eq!(ids(GroupBy::Organization), [(Some(100), 3), (Some(200), 3)]);
    assert_eq!(ids(GroupBy::Site), [(None, 1), (Some(1000), 2), (Some(1001), 1), (Some(2000), 2)]);
    // Each group's summary is the filtered summary for that id.
    for (id, s) in summarize_by(&all, &f, GroupBy::Engineer) {
        if let Some(id) = id {
            assert_eq!(s, summarize(&all, &Filter { engineer_id: Some(id), ..f }));
        }
    }
    // The filter applies before grouping.
    let org = Filter { organization_id: Some(200), ..f };
    assert_eq!(summarize_by(&all, &org, GroupBy::Engineer).len(), 3);
    assert!(summarize_by(&[], &f, GroupBy::Site).is_empty());
}

#[test]
fn period_starts() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let cases = [
        (d(2026, 3, 2), Period::Week, d(2026, 3, 2)),
        (d(2026, 3, 8), Period::Week, d(2026, 3, 2)),
        (d(2026, 3, 9), Period::Week, d(2026, 3, 9)),
        (d(2026, 1, 1), Period::Week, d(2025, 12, 29)),
        (d(2026, 3, 31), Period::Month, d(2026, 3, 1)),
        (d(2024, 2, 29), Period::Month, d(2024, 2, 1)),
    ];
    for (date, period, want) in cases {
        assert_eq!(period.start_of(date), want, "{date} {period:?}");
    }
}

#[test]
fn local_dates_follow_the_time_zone() {
    let sh: Tz = "Asia/Shanghai".parse().unwrap();
    // 2026-03-31T16:30Z is 00:30 on 1 April in Shanghai.
    let t = 1_774_974_600;
    assert_eq!(local_date(t, Tz::UTC), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    assert_eq!(local_date(t, sh), NaiveDate::from_ymd_opt(2026, 4, 1).unwrap());
}

#[test]
fn weekly_trend_fills_empty_weeks() {
    let all = vec![
        rec(Some(1), 1, None, MON + DAY, Some(5), Some(true)),
        rec(Some(1), 1, None, MON + 3 * DAY, Some(1), Some(false)),
        // Three weeks later.
        rec(Some(1), 1, None, MON + 22 * DAY, Some(4), Some(true)),
    ];
    let got = trend(&all, &Filter::default(), Period::Week, Tz::UTC);
    let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
    assert_eq!(
        got,
        vec![
            TrendPoint { start: d(2), summary: summary(2, 2, Some(1000), Some(300), Some(500)) },
            TrendPoint { start: d(9), summary: Summary::default() },
            TrendPoint { start: d(16), summary: Summary::default() },
            TrendPoint { start: d(23), summary: summary(1, 1, Some(1000), Some(400), Some(1000)) },
        ]
    );
    assert!(trend(&[], &Filter::default(), Period::Week, Tz::UTC).is_empty());
    assert!(trend(&all, &Filter { engineer_id: Some(2), ..Filter::default() }, Period::Week, Tz::UTC).is_empty());
}

#[test]
fn monthly_trend_uses_local_months() {
    let sh: Tz = "Asia/Shanghai".parse().unwrap();
    // 2026-01-31T20:00Z: still January in UTC, already 1 February in Shanghai.
    let late_jan = 1_769_889_600;
    let all = vec![rec(Some(1), 1, None, late_jan, Some(5), Some(true)), rec(Some(1), 1, None, late_jan + 60 * DAY, Some(2), Some(false))];
    let months = |tz| trend(&all, &Filter::default(), Period::Month, tz).into_iter().map(|p| (p.start.to_string(), p.summary.sent)).collect::<Vec<_>>();
    assert_eq!(months(Tz::UTC), [("2026-01-01".to_string(), 1), ("2026-02-01".into(), 0), ("2026-03-01".into(), 0), ("2026-04-01".into(), 1)]);
    assert_eq!(months(sh), [("2026-02-01".to_string(), 1), ("2026-03-01".into(), 0), ("2026-04-01".into(), 1)]);
}

#[test]
fn csv_fields_are_quoted_and_guarded() {
    let cases = [
        ("plain", "plain"),
        ("", ""),
        ("满意", "满意"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\rlf", "\"cr\rlf\""),
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""),
        ("=1,2", "\"'=1,2\""),
        // Only the first character matters.
        ("a=b", "a=b"),
        ("4.5", "4.5"),
    ];
    for (raw, want) in cases {
        assert_eq!(csv_field(raw), want, "{raw:?}");
    }
}

#[test]
fn csv_file_has_bom_header_and_crlf_rows() {
    let mut header: Vec<String> = vec!["engineer".into()];
    header.extend(SUMMARY_COLUMNS.iter().map(|c| c.to_string()));
    let mut row = vec!["Li, Wei".to_string()];
    row.extend(summary_cells(&summary(8, 7, Some(875), Some(432), Some(571))));
    let mut empty = vec!["张三".to_string()];
    empty.extend(summary_cells(&Summary::default()));
    let csv = to_csv(&[header, row, empty]);
    assert_eq!(
        csv,
        "\u{feff}engineer,sent,answered,response_rate_percent,average_overall,satisfied_percent\r\n\
         \"Li, Wei\",8,7,87.5,4.32,57.1\r\n\
         张三,0,0,,,\r\n"
    );
    assert_eq!(to_csv(&[]), "\u{feff}");
    // Small values keep their leading zeros.
    assert_eq!(summary_cells(&summary(1, 1, Some(5), Some(105), Some(0)))[2..], ["0.5", "1.05", "0.0"]);
}

#[test]
fn records_round_trip_through_json() {
    for r in sample() {
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<SurveyRecord>(&json).unwrap(), r);
    }
}
