use std::collections::BTreeSet;

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Expands the filter of `.cargo/config.toml`, shaped `^(UTC|Asia/(Shanghai|Tokyo)|…)$`.
fn zones_of_filter(filter: &str) -> Vec<String> {
    let inner = filter.trim_start_matches("^(").trim_end_matches(")$");
    let mut names = vec![];
    let (mut depth, mut start) = (0, 0);
    let mut items = vec![];
    for (i, c) in inner.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '|' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    for item in items {
        match item.split_once('(') {
            None => names.push(item.to_string()),
            Some((prefix, rest)) => names.extend(rest.trim_end_matches(')').split('|').map(|z| format!("{prefix}{z}"))),
        }
    }
    names
}

#[test]
fn the_offered_time_zones_are_exactly_the_compiled_in_ones() {
    let filter = env!("CHRONO_TZ_TIMEZONE_FILTER");
    let mut from_filter = zones_of_filter(filter);
    let mut offered: Vec<String> = TIME_ZONES.iter().map(|z| z.to_string()).collect();
    from_filter.sort();
    offered.sort();
    assert_eq!(offered, from_filter, "TIME_ZONES and CHRONO_TZ_TIMEZONE_FILTER differ");
    assert_eq!(TIME_ZONES[0], DEFAULT_TZ);
    for name in TIME_ZONES {
        assert_eq!(parse_time_zone(name).map(|tz| tz.name()), Some(name));
    }
    // Aliases compiled in with them, other zones, other spellings: refused.
    for bad in ["PRC", "Asia/Chongqing", "Etc/GMT-8", "Europe/Madrid", "asia/shanghai", "CST", "+08:00"] {
        assert_eq!(parse_time_zone(bad), None, "{bad}");
    }
}

#[test]
fn date_lists_take_lines_ranges_and_separators() {
    let parsed = parse_dates("2026-10-01..2026-10-03\n 2026-12-25 ,2027-01-01; 2026-09-27 ~ 2026-09-27\r\n\n2026-10-02").unwrap();
    let expect: BTreeSet<_> = ["2026-09-27", "2026-10-01", "2026-10-02", "2026-10-03", "2026-12-25", "2027-01-01"].into_iter().map(d).collect();
    assert_eq!(parsed, expect);
    assert_eq!(format_dates(&parsed), "2026-09-27\n2026-10-01..2026-10-03\n2026-12-25\n2027-01-01");
    assert_eq!(parse_dates(&format_dates(&parsed)).unwrap(), parsed);
    assert_eq!(parse_dates("2026-10-01，2026-10-02").unwrap().len(), 2, "full-width comma");
    assert_eq!(parse_dates("").unwrap(), BTreeSet::new());
    assert_eq!(format_dates(&BTreeSet::new()), "");
    for bad in ["2026-10-07..2026-10-01", "2026-13-01", "2026-10-01..", "2026-01-01..2027-01-02", "National Day"] {
        assert!(parse_dates(&format!("2026-05-01\n{bad}")).is_err(), "{bad}");
    }
    assert_eq!(parse_dates("2026-01-01..2026-12-31").unwrap().len(), 365);
}
