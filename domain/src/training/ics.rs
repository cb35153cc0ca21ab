//! "Add to calendar": one session as an iCalendar file (RFC 5545) that Outlook, Apple and
//! Google calendars import.
//!
//! Times are written in UTC (`...Z`), so the file needs no VTIMEZONE block and every
//! calendar shows the session in its owner's own zone. The UID is stable per session and
//! host, and SEQUENCE grows with every change, so downloading the file again after an edit
//! or a cancellation updates the entry instead of adding a second one.
//!
//! Text is escaped (`\\`, `\;`, `\,`, `\n`) and every line is folded at 75 octets, never
//! inside a UTF-8 character (a split character shows as mojibake in Chinese titles). Control
//! characters are dropped: a line break smuggled into a value must not start a new property.
use chrono::DateTime;

use super::kind::Delivery;

/// Identifies the producer in the file, as RFC 5545 requires.
pub const PRODID: &str = "-//Service Portal//Training//EN";
/// The longest line, in octets, without its CRLF.
pub const LINE_OCTETS: usize = 75;

/// One session as the calendar file shows it. Times are unix seconds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IcsEvent<'a> {
    pub session_id: i32,
    /// The portal's host name (`portal.example.com`), making the UID unique worldwide.
    pub host: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub delivery: &'a Delivery,
    pub starts_at: i64,
    pub ends_at: i64,
    pub cancelled: bool,
    /// Grows with every change to the session (its version), so calendars take the update.
    pub sequence: u32,
    /// When the file is made (`now`, from the caller).
    pub stamp: i64,
}

/// The whole file, CRLF line ends.
pub fn to_ics(e: &IcsEvent<'_>) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!("PRODID:{PRODID}"),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:training-{}@{}", e.session_id, clean(e.host)),
        format!("SEQUENCE:{}", e.sequence),
        format!("DTSTAMP:{}", utc(e.stamp)),
        format!("DTSTART:{}", utc(e.starts_at)),
        format!("DTEND:{}", utc(e.ends_at)),
        format!("SUMMARY:{}", escape_text(e.title)),
    ];
    if !e.description.trim().is_empty() {
        lines.push(format!("DESCRIPTION:{}", escape_text(e.description)));
    }
    match e.delivery {
        Delivery::OnSite { place } => lines.push(format!("LOCATION:{}", escape_text(place))),
        // A URI value, not TEXT: commas and semicolons in it are not escaped.
        Delivery::Online { link } => lines.push(format!("URL:{}", clean(link))),
    }
    lines.push(format!("STATUS:{}", if e.cancelled { "CANCELLED" } else { "CONFIRMED" }));
    lines.push("END:VEVENT".to_string());
    lines.push("END:VCALENDAR".to_string());
    lines.iter().map(|l| fold(l)).collect()
}

/// A TEXT value: backslash, semicolon and comma escaped, every line break (CRLF, LF or CR)
/// as `\n`, other control characters but tab dropped.
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line folded to at most [`LINE_OCTETS`] octets a line, continuation lines
/// starting with a space (which counts), each line ended by CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 64 * 3 + 2);
    let mut rest = line;
    let mut room = LINE_OCTETS;
    loop {
        if rest.len() <= room {
            out.push_str(rest);
            out.push_str("\r\n");
            return out;
        }
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LINE_OCTETS - 1;
    }
}

/// `YYYYMMDDTHHMMSSZ`.
fn utc(at: i64) -> String {
    DateTime::from_timestamp(at, 0).map(|t| t.format("%Y%m%dT%H%M%SZ").to_string()).unwrap_or_default()
}

fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

#[cfg(test)]
mod tests;
