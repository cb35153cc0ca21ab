use chrono::{TimeZone, Utc};

use super::*;

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap().timestamp()
}

fn event<'a>(delivery: &'a Delivery, title: &'a str, description: &'a str) -> IcsEvent<'a> {
    IcsEvent {
        session_id: 42,
        host: "portal.example.com",
        title,
        description,
        delivery,
        starts_at: at(2026, 5, 12, 1, 0),
        ends_at: at(2026, 5, 12, 9, 30),
        cancelled: false,
        sequence: 3,
        stamp: at(2026, 5, 1, 8, 15),
    }
}

/// Undoes the folding: a CRLF followed by a space disappears.
fn unfold(ics: &str) -> Vec<String> {
    ics.replace("\r\n ", "").split("\r\n").filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// Undoes the TEXT escaping.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn value<'a>(lines: &'a [String], name: &str) -> Option<&'a str> {
    lines.iter().find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':')))
}

#[test]
fn a_simple_session_gives_exactly_this_file() {
    let place = Delivery::OnSite { place: "Room 301".into() };
    let ics = to_ics(&event(&place, "Printer basics", "Bring a laptop"));
    let want = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Service Portal//Training//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "UID:training-42@portal.example.com",
        "SEQUENCE:3",
        "DTSTAMP:20260501T081500Z",
        "DTSTART:20260512T010000Z",
        "DTEND:20260512T093000Z",
        "SUMMARY:Printer basics",
        "DESCRIPTION:Bring a laptop",
        "LOCATION:Room 301",
        "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ];
    assert_eq!(ics, want.iter().map(|l| format!("{l}\r\n")).collect::<String>());
}

#[test]
fn online_cancelled_and_without_description() {
    let online = Delivery::Online { link: "https://meet.example.com/j/1?pwd=a,b;c".into() };
    let mut e = event(&online, "Remote tools", "  ");
    e.cancelled = true;
    let lines = unfold(&to_ics(&e));
    assert_eq!(value(&lines, "URL"), Some("https://meet.example.com/j/1?pwd=a,b;c"));
    assert_eq!(value(&lines, "LOCATION"), None);
    assert_eq!(value(&lines, "DESCRIPTION"), None);
    assert_eq!(value(&lines, "STATUS"), Some("CANCELLED"));
    assert_eq!(value(&lines, "METHOD"), Some("PUBLISH"));
}

#[test]
fn text_is_escaped() {
    let cases = [
        ("plain", "plain"),
        ("a,b;c", "a\\,b\\;c"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\nlines"),
        ("windows\r\nbreak", "windows\\nbreak"),
        ("old mac\rbreak", "old mac\\nbreak"),
        ("blank\n\nline", "blank\\n\\nline"),
        ("tab\tkept", "tab\tkept"),
        ("bell\u{7}dropped", "belldropped"),
        ("\\n is not a break", "\\\\n is not a break"),
        ("会议室，三楼；A座", "会议室，三楼；A座"),
        ("", ""),
    ];
    for (raw, want) in cases {
        assert_eq!(escape_text(raw), want, "{raw:?}");
        assert_eq!(unescape(want), raw.replace("\r\n", "\n").replace('\r', "\n").replace('\u{7}', ""), "{raw:?}");
    }
}

#[test]
fn lines_fold_at_75_octets_on_character_boundaries() {
    let cases: [(String, Vec<usize>); 6] = [
        ("a".repeat(75), vec![75]),
        ("a".repeat(76), vec![75, 2]),
        ("a".repeat(75 + 74), vec![75, 75]),
        ("a".repeat(75 + 75), vec![75, 75, 2]),
        // 3-octet characters: 25 fit the first line, 24 (72 octets + the space) each next one.
        ("培".repeat(60), vec![75, 73, 34]),
        // One ASCII octet shifts every boundary: the first line holds 74 octets.
        (format!("x{}", "训".repeat(30)), vec![73, 19]),
    ];
    for (line, want) in cases {
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        let parts: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), want, "{line}");
        assert!(parts.iter().skip(1).all(|p| p.starts_with(' ')));
        assert_eq!(unfold(&folded), vec![line.clone()]);
    }
    assert_eq!(fold(""), "\r\n");
}

#[test]
fn chinese_text_survives_folding_and_escaping() {
    let title = "售后培训：常见故障处理，打印机；网络（第二期）";
    let description = "第一部分：卡纸与进纸故障。\n第二部分：网络连接、驱动安装, 以及固件升级。\r\n请自带笔记本电脑。".repeat(3);
    let place = Delivery::OnSite { place: "上海市浦东新区张江路 88 号, 3 楼 301 室".into() };
    let ics = to_ics(&event(&place, title, &description));
    for line in ics.split("\r\n") {
        assert!(line.len() <= LINE_OCTETS, "{} octets: {line}", line.len());
        assert!(!line.contains(['\r', '\n']));
    }
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    let lines = unfold(&ics);
    assert_eq!(unescape(value(&lines, "SUMMARY").unwrap()), title);
    assert_eq!(unescape(value(&lines, "DESCRIPTION").unwrap()), description.replace("\r\n", "\n"));
    assert_eq!(unescape(value(&lines, "LOCATION").unwrap()), "上海市浦东新区张江路 88 号, 3 楼 301 室");
    assert_eq!(lines.iter().filter(|l| l.starts_with("BEGIN:")).count(), 2);
}

#[test]
fn injected_line_breaks_cannot_add_properties() {
    let online = Delivery::Online { link: "https://x.example.com/\r\nSTATUS:CANCELLED".into() };
    let ics = to_ics(&IcsEvent { host: "evil\r\nX:1", ..event(&online, "Title\r\nATTENDEE:x", "") });
    let lines = unfold(&ics);
    assert_eq!(lines.iter().filter(|l| l.starts_with("STATUS:")).count(), 1);
    assert!(!lines.iter().any(|l| l.starts_with("ATTENDEE") || l.starts_with("X:")));
    assert_eq!(value(&lines, "SUMMARY"), Some("Title\\nATTENDEE:x"));
    assert_eq!(value(&lines, "UID"), Some("training-42@evilX:1"));
}
