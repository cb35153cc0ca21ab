//! Wire types of satisfaction surveys: the survey as its respondent (or staff) sees it,
//! the home page's waiting list, results and the admin page.
use chrono::{DateTime, NaiveDate, Utc};
use domain::survey::{Answer, QuestionVersion, Summary, SurveySettings, SurveyStatus};
use serde::{Deserialize, Serialize};

/// The follow-up an unhappy answer opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpInfo {
    pub number: String,
    pub assignee_name: Option<String>,
    /// domain::ticket::Status name.
    pub status: String,
}

/// A request's survey, with the question versions it asks and the answer given so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyView {
    pub request_number: String,
    pub request_title: String,
    pub status: SurveyStatus,
    pub questions: Vec<QuestionVersion>,
    pub answers: Vec<Answer>,
    pub low_score_threshold: u8,
    pub expires_at: DateTime<Utc>,
    /// When the answer can no longer be changed.
    pub final_at: Option<DateTime<Utc>>,
    /// Whether the caller may answer (or change the answer) now.
    pub may_answer: bool,
    pub followup: Option<FollowUpInfo>,
    /// The request this one follows up, if it is a follow-up.
    pub follow_up_of: Option<String>,
    /// Whether the request counts as satisfied (a later follow-up's survey can say so).
    pub outcome_satisfied: Option<bool>,
}

/// What a one-time link opens: the survey, or why it cannot be answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
// Sent once per page load; boxing the open survey would only add a pointer to every match.
#[allow(clippy::large_enum_variant)]
pub enum LinkSurvey {
    Open(SurveyView),
    Closed(LinkClosed),
}

/// Why a survey link opens no form (`"used"`, ... on the wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkClosed {
    Unknown,
    Used,
    Expired,
    Final,
    NotYet,
    Skipped,
}

impl LinkClosed {
    /// The name on the wire and in the page's `data-link-state`.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkClosed::Unknown => "unknown",
            LinkClosed::Used => "used",
            LinkClosed::Expired => "expired",
            LinkClosed::Final => "final",
            LinkClosed::NotYet => "not_yet",
            LinkClosed::Skipped => "skipped",
        }
    }
}

impl From<domain::survey::TokenError> for LinkClosed {
    fn from(e: domain::survey::TokenError) -> Self {
        use domain::survey::TokenError as T;
        match e {
            T::Unknown => LinkClosed::Unknown,
            T::Used => LinkClosed::Used,
            T::Expired => LinkClosed::Expired,
        }
    }
}

impl From<domain::survey::SurveyError> for LinkClosed {
    fn from(e: domain::survey::SurveyError) -> Self {
        use domain::survey::SurveyError as S;
        match e {
            S::NotYet => LinkClosed::NotYet,
            S::Final => LinkClosed::Final,
            S::Expired => LinkClosed::Expired,
            S::Skipped => LinkClosed::Skipped,
        }
    }
}

/// A survey waiting for the signed-in person's answer (home page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingSurvey {
    pub number: String,
    pub title: String,
    pub expires_at: DateTime<Utc>,
}

/// The results page's filters, as in its query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsFilter {
    pub org: String,
    pub site: String,
    pub engineer: String,
    /// `YYYY-MM-DD`, inclusive.
    pub from: String,
    /// `YYYY-MM-DD`, inclusive.
    pub until: String,
    /// `week` or `month`.
    pub period: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow {
    pub name: String,
    pub summary: Summary,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyComment {
    pub number: String,
    pub org_name: String,
    pub engineer_name: Option<String>,
    pub overall: Option<u8>,
    pub satisfied: Option<bool>,
    pub answered_at: DateTime<Utc>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendRow {
    pub start: NaiveDate,
    pub summary: Summary,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyResults {
    /// What the caller's role lets them see: `all`, `organization` or `own`.
    pub scope: String,
    pub total: Summary,
    pub by_engineer: Vec<GroupRow>,
    pub by_organization: Vec<GroupRow>,
    pub by_site: Vec<GroupRow>,
    pub trend: Vec<TrendRow>,
    pub comments: Vec<SurveyComment>,
    /// Set when more surveys match than one view reads (the newest are counted): the
    /// closing time of the oldest one counted, so the page can say so.
    pub capped_since: Option<DateTime<Utc>>,
    pub organizations: Vec<(i32, String)>,
    pub sites: Vec<(i32, String)>,
    pub engineers: Vec<(i32, String)>,
}

/// The admin page: settings, per-organization sampling and the current questions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyAdmin {
    pub settings: SurveySettings,
    pub sampling: Vec<(i32, String, Option<u8>)>,
    pub questions: Vec<QuestionVersion>,
    pub may_edit: bool,
}
