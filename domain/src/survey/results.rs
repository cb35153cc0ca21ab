//! Survey results: response rate, average score and share satisfied, per engineer,
//! organization, site and period, and their trend; `csv` writes them for export.
//!
//! Figures are whole numbers (per mille, hundredths), rounded half up, so the server, the
//! browser and the tests agree to the digit and a chart never shows 66.66666666666667 %.
//! A figure with nothing to count (no survey sent, none answered) is `None`, shown as a
//! dash, not 0: "nobody answered" is not "nobody was satisfied".
//!
//! Each record is one survey that was sent (skipped and still scheduled ones are not
//! passed). It belongs to the period its request closed in, even when answered later, so a
//! period's response rate does not grow with answers to the next one's surveys.
//! `satisfied` is that survey's own verdict; whether the request counts as satisfied over
//! all its surveys is `followup::counts_as_satisfied`.
use serde::{Deserialize, Serialize};

pub mod csv;
pub mod trend;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyRecord {
    /// The engineer on the request when it closed; none for requests closed without one.
    pub engineer_id: Option<i64>,
    pub organization_id: i64,
    pub site_id: Option<i64>,
    pub closed_at: i64,
    pub answered_at: Option<i64>,
    pub overall: Option<u8>,
    pub satisfied: Option<bool>,
}

/// Which records count; every `None` lets all through. `from`/`until` bound `closed_at`
/// (from included, until excluded), so consecutive periods never count a survey twice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub engineer_id: Option<i64>,
    pub organization_id: Option<i64>,
    pub site_id: Option<i64>,
    pub from: Option<i64>,
    pub until: Option<i64>,
}

impl Filter {
    pub fn matches(&self, r: &SurveyRecord) -> bool {
        self.engineer_id.is_none_or(|e| r.engineer_id == Some(e))
            && self.organization_id.is_none_or(|o| r.organization_id == o)
            && self.site_id.is_none_or(|s| r.site_id == Some(s))
            && self.from.is_none_or(|f| r.closed_at >= f)
            && self.until.is_none_or(|u| r.closed_at < u)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Summary {
    pub sent: u32,
    pub answered: u32,
    /// answered / sent, in per mille (875 = 87.5 %).
    pub response_rate_permille: Option<u32>,
    /// Average overall score in hundredths (432 = 4.32), over answers with a score.
    pub average_overall_centi: Option<u32>,
    /// Satisfied / answers with a verdict, in per mille.
    pub satisfied_permille: Option<u32>,
}

/// The figures over the records `filter` lets through.
pub fn summarize(records: &[SurveyRecord], filter: &Filter) -> Summary {
    summary_of(records.iter().filter(|r| filter.matches(r)))
}

/// What results are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    Engineer,
    Organization,
    Site,
}

/// One summary per engineer, organization or site among the filtered records, by id
/// (`None` first: no engineer, or no site).
pub fn summarize_by(records: &[SurveyRecord], filter: &Filter, by: GroupBy) -> Vec<(Option<i64>, Summary)> {
    let id = |r: &SurveyRecord| match by {
        GroupBy::Engineer => r.engineer_id,
        GroupBy::Organization => Some(r.organization_id),
        GroupBy::Site => r.site_id,
    };
    let mut ids: Vec<Option<i64>> = records.iter().filter(|r| filter.matches(r)).map(id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter().map(|g| (g, summary_of(records.iter().filter(|r| filter.matches(r) && id(r) == g)))).collect()
}

pub(crate) fn summary_of<'a>(records: impl Iterator<Item = &'a SurveyRecord>) -> Summary {
    let mut sums = Sums::default();
    for r in records {
        sums.sent += 1;
        sums.answered += u64::from(r.answered_at.is_some());
        if let Some(o) = r.overall {
            sums.scored += 1;
            sums.score_sum += u64::from(o);
        }
        if let Some(s) = r.satisfied {
            sums.judged += 1;
            sums.satisfied += u64::from(s);
        }
    }
    sums.summary()
}

/// The counts a summary is made of: counted here from records, or summed by the database
/// (GROUP BY) for the results page and the reports, so both give the same figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    pub sent: u64,
    pub answered: u64,
    /// Answers with an overall score, and those scores added up.
    pub scored: u64,
    pub score_sum: u64,
    /// Answers with a verdict, and the satisfied ones among them.
    pub judged: u64,
    pub satisfied: u64,
}

impl Sums {
    pub fn summary(self) -> Summary {
        Summary {
            sent: self.sent as u32,
            answered: self.answered as u32,
            response_rate_permille: ratio(self.answered, self.sent, 1000),
            average_overall_centi: ratio(self.score_sum, self.scored, 100),
            satisfied_permille: ratio(self.satisfied, self.judged, 1000),
        }
    }
}

/// Two groups' counts together (the total over groups, the report of several).
impl std::ops::Add for Sums {
    type Output = Sums;

    fn add(self, o: Sums) -> Sums {
        Sums {
            sent: self.sent + o.sent,
            answered: self.answered + o.answered,
            scored: self.scored + o.scored,
            score_sum: self.score_sum + o.score_sum,
            judged: self.judged + o.judged,
            satisfied: self.satisfied + o.satisfied,
        }
    }
}

/// `num / den × scale`, rounded half up; `None` without a denominator.
fn ratio(num: u64, den: u64, scale: u64) -> Option<u32> {
    (den > 0).then(|| ((2 * num * scale + den) / (2 * den)) as u32)
}

#[cfg(test)]
mod tests;
