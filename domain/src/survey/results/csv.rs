//! CSV export of results and comments, for spreadsheets.
//!
//! RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a quote, comma or
//! line break, quotes doubled. Two additions for how the files are really opened:
//! - a UTF-8 byte-order mark first, without which Excel reads Chinese text as mojibake;
//! - formula injection: a comment typed as `=HYPERLINK(...)` or `+cmd|...` would run as a
//!   formula on the manager's computer. A field starting with `=`, `+`, `-`, `@`, a tab or a
//!   carriage return gets a leading `'` (OWASP's advice), which spreadsheets show as text.
//!   Numbers written by this module never start with one of them.
use super::Summary;

const BOM: char = '\u{feff}';

/// The file: a byte-order mark, then every row (the first being the header), each ended by
/// CRLF.
pub fn to_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from(BOM);
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One field, guarded and quoted as needed.
pub fn csv_field(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
    if guarded.contains(['"', ',', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The column names of `summary_cells`, for the header row.
pub const SUMMARY_COLUMNS: [&str; 5] = ["sent", "answered", "response_rate_percent", "average_overall", "satisfied_percent"];

/// A summary as cells: counts, then percentages with one decimal and the average with two
/// (`87.5`, `4.32`); empty where there is nothing to count.
pub fn summary_cells(s: &Summary) -> Vec<String> {
    vec![
        s.sent.to_string(),
        s.answered.to_string(),
        s.response_rate_permille.map(|p| decimal(p, 10)).unwrap_or_default(),
        s.average_overall_centi.map(|c| decimal(c, 100)).unwrap_or_default(),
        s.satisfied_permille.map(|p| decimal(p, 10)).unwrap_or_default(),
    ]
}

/// `value / scale` written with as many decimals as `scale` has zeros.
fn decimal(value: u32, scale: u32) -> String {
    let digits = scale.ilog10() as usize;
    if digits == 0 {
        return value.to_string();
    }
    format!("{}.{:0digits$}", value / scale, value % scale)
}
