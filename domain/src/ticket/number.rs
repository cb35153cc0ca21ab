//! Service numbers: `SR-<year>-<sequence>`, e.g. `SR-2026-000123` (DOMAIN.md). The year is
//! the year of submission and the sequence restarts each year, so numbers stay short and
//! tell their age at a glance.

const PREFIX: &str = "SR-";
/// Sequences are padded to this width; larger ones simply grow (`SR-2026-1000000`).
const SEQ_WIDTH: usize = 6;

/// The service number for the `seq`-th request of `year`. Years are four digits
/// (0..=9999); outside that range the result is not a valid service number.
pub fn format_service_number(year: i32, seq: u32) -> String {
    format!("{PREFIX}{year:04}-{seq:0SEQ_WIDTH$}")
}

/// The `(year, seq)` of a service number, as typed into a search box: surrounding spaces
/// and the case of `SR` are forgiven. Otherwise only the canonical spelling is accepted
/// (four-digit year, at least six sequence digits, no extra leading zeros), so one request
/// never has two spellings.
pub fn parse_service_number(s: &str) -> Option<(i32, u32)> {
    let s = s.trim();
    let prefix = s.get(..PREFIX.len())?;
    if !prefix.eq_ignore_ascii_case(PREFIX) {
        return None;
    }
    let (year, seq) = s[PREFIX.len()..].split_once('-')?;
    if year.len() != 4 || !all_digits(year) || seq.len() < SEQ_WIDTH || !all_digits(seq) {
        return None;
    }
    if seq.len() > SEQ_WIDTH && seq.starts_with('0') {
        return None;
    }
    // Only ASCII digits reach here, so parsing fails only on overflow.
    Some((year.parse().ok()?, seq.parse().ok()?))
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_padding_and_grows_past_six_digits() {
        let table = [
            (2026, 123, "SR-2026-000123"),
            (2026, 1, "SR-2026-000001"),
            (2026, 0, "SR-2026-000000"),
            (2026, 999_999, "SR-2026-999999"),
            (2026, 1_000_000, "SR-2026-1000000"),
            (2027, u32::MAX, "SR-2027-4294967295"),
            (999, 5, "SR-0999-000005"),
        ];
        for (year, seq, text) in table {
            assert_eq!(format_service_number(year, seq), text);
        }
    }

    #[test]
    fn round_trips() {
        for year in [0, 1970, 2026, 9999] {
            for seq in [0, 1, 42, 123, 99_999, 999_999, 1_000_000, 12_345_678, u32::MAX] {
                assert_eq!(parse_service_number(&format_service_number(year, seq)), Some((year, seq)), "{year} {seq}");
            }
        }
    }

    #[test]
    fn forgives_spaces_and_case_of_the_prefix() {
        assert_eq!(parse_service_number("  sr-2026-000123 "), Some((2026, 123)));
        assert_eq!(parse_service_number("Sr-2026-000123"), Some((2026, 123)));
    }

    #[test]
    fn rejects_bad_inputs() {
        for bad in [
            "",
            "SR",
            "SR-",
            "SR-2026",
            "SR-2026-",
            "SR2026-000123",
            "XR-2026-000123",
            "SR-2026-123",     // not padded
            "SR-2026-00123",   // five digits
            "SR-2026-0000123", // extra leading zero: not canonical
            "SR-26-000123",    // two-digit year
            "SR-02026-000123", // five-digit year
            "SR-2026-000123-1",
            "SR-2026-+00123",
            "SR-+026-000123",
            "SR--026-000123",
            "SR-2026-00012a",
            "SR-2026-000 123",
            "SR-２０２６-000123", // full-width digits
            "SR-2026-4294967296", // beyond u32
            "SR_2026_000123",
            "S",
            "é",
        ] {
            assert_eq!(parse_service_number(bad), None, "{bad:?}");
        }
    }
}
