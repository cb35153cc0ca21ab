//! Service tiers, severity levels and clock coverages (shared/DOMAIN.md, "Severity levels", "Service tiers").
use serde::{Deserialize, Serialize};

/// The service tier a contract buys. It decides which clock counts (see [`CoverageKind`]) and
/// the default time limits (see [`super::TimeLimits::default_for`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    A,
    B,
    C,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::A, Tier::B, Tier::C];

    /// When reports are accepted and clocks run: A round the clock, B business hours every
    /// day, C business hours on working days only.
    pub fn coverage(self) -> CoverageKind {
        match self {
            Tier::A => CoverageKind::AllDay7x24,
            Tier::B => CoverageKind::BusinessHours7x8,
            Tier::C => CoverageKind::BusinessHours5x8,
        }
    }

    /// The stable name stored in the database; the same as the serde name.
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::A => "a",
            Tier::B => "b",
            Tier::C => "c",
        }
    }

    pub fn parse(s: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// How bad a fault is. The discriminant is the contract's level number, so ordering puts the
/// most urgent first (critical < major < minor), which is the order a queue wants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Severity {
    Critical = 1,
    Major = 2,
    Minor = 3,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Critical, Severity::Major, Severity::Minor];

    /// The level number the contracts and the customers use (1 is the worst).
    pub fn level(self) -> u8 {
        self as u8
    }

    pub fn from_level(level: u8) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.level() == level)
    }

    /// The severity a fault gets when it misses its resolution limit (3 to 2 to 1); a
    /// critical fault cannot go higher, it is escalated to people instead.
    pub fn upgraded(self) -> Option<Severity> {
        match self {
            Severity::Minor => Some(Severity::Major),
            Severity::Major => Some(Severity::Critical),
            Severity::Critical => None,
        }
    }

    /// The stable name stored in the database; the same as the serde name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Major => "major",
            Severity::Minor => "minor",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Which instants a clock counts. The serde names are spelled out because the derived
/// snake_case of `AllDay7x24` would be the unreadable `all_day7x24`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CoverageKind {
    /// Every second, holidays included.
    #[serde(rename = "all_day_7x24")]
    AllDay7x24,
    /// Business hours on every day except public holidays.
    #[serde(rename = "business_hours_7x8")]
    BusinessHours7x8,
    /// Business hours Monday to Friday and on moved working days, except public holidays.
    #[serde(rename = "business_hours_5x8")]
    BusinessHours5x8,
}

impl CoverageKind {
    pub const ALL: [CoverageKind; 3] = [CoverageKind::AllDay7x24, CoverageKind::BusinessHours7x8, CoverageKind::BusinessHours5x8];

    /// The stable name stored in the database; the same as the serde name.
    pub fn as_str(self) -> &'static str {
        match self {
            CoverageKind::AllDay7x24 => "all_day_7x24",
            CoverageKind::BusinessHours7x8 => "business_hours_7x8",
            CoverageKind::BusinessHours5x8 => "business_hours_5x8",
        }
    }

    pub fn parse(s: &str) -> Option<CoverageKind> {
        CoverageKind::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_name<T: Serialize>(value: T) -> String {
        serde_json::to_value(value).unwrap().as_str().unwrap().to_owned()
    }

    #[test]
    fn tier_names_round_trip_and_match_serde() {
        for tier in Tier::ALL {
            assert_eq!(Tier::parse(tier.as_str()), Some(tier));
            assert_eq!(json_name(tier), tier.as_str());
            let back: Tier = serde_json::from_str(&format!("\"{}\"", tier.as_str())).unwrap();
            assert_eq!(back, tier);
        }
        assert_eq!(Tier::parse("A"), None, "names are case-sensitive, as stored");
        assert_eq!(Tier::parse(""), None);
    }

    #[test]
    fn severity_names_round_trip_and_match_serde() {
        for severity in Severity::ALL {
            assert_eq!(Severity::parse(severity.as_str()), Some(severity));
            assert_eq!(json_name(severity), severity.as_str());
        }
        assert_eq!(Severity::parse("1"), None);
    }

    #[test]
    fn coverage_names_round_trip_and_match_serde() {
        for coverage in CoverageKind::ALL {
            assert_eq!(CoverageKind::parse(coverage.as_str()), Some(coverage));
            assert_eq!(json_name(coverage), coverage.as_str());
            let back: CoverageKind = serde_json::from_str(&format!("\"{}\"", coverage.as_str())).unwrap();
            assert_eq!(back, coverage);
        }
        assert_eq!(CoverageKind::parse("7x24"), None);
    }

    #[test]
    fn each_tier_has_the_coverage_of_the_contract_table() {
        let table = [(Tier::A, CoverageKind::AllDay7x24), (Tier::B, CoverageKind::BusinessHours7x8), (Tier::C, CoverageKind::BusinessHours5x8)];
        for (tier, coverage) in table {
            assert_eq!(tier.coverage(), coverage, "{tier:?}");
        }
    }

    #[test]
    fn severity_levels_are_the_contract_numbers() {
        let table = [(Severity::Critical, 1), (Severity::Major, 2), (Severity::Minor, 3)];
        for (severity, level) in table {
            assert_eq!(severity.level(), level);
            assert_eq!(Severity::from_level(level), Some(severity));
        }
        for level in [0, 4, 255] {
            assert_eq!(Severity::from_level(level), None, "level {level}");
        }
    }

    #[test]
    fn severity_upgrades_three_to_two_to_one_then_stops() {
        let table = [(Severity::Minor, Some(Severity::Major)), (Severity::Major, Some(Severity::Critical)), (Severity::Critical, None)];
        for (from, to) in table {
            assert_eq!(from.upgraded(), to, "{from:?}");
        }
    }

    #[test]
    fn severity_orders_most_urgent_first() {
        let mut all = [Severity::Minor, Severity::Critical, Severity::Major];
        all.sort();
        assert_eq!(all, [Severity::Critical, Severity::Major, Severity::Minor]);
    }
}
