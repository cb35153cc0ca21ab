//! Satisfaction survey results (issue 5): response rate, average score and share satisfied
//! per engineer, organization, site and period, the comments, and (through
//! `server::survey_export`) the same surveys as CSV.
//!
//! Who sees what is decided here, on the server, whatever the query string says:
//! - managers and admins: everything, narrowed by any filter;
//! - a site manager: their own organization only. A filter naming another organization is
//!   ignored (replaced by their own), so it can never widen what they see; a site of
//!   another organization then matches nothing;
//! - an engineer: their own work only (the engineer filter is replaced by themselves);
//! - dispatchers and customers: `Forbidden` (`domain::page_access(Page::SurveyResults)`).
//!
//! The figures are summed by the database (GROUP BY per engineer, organization, site and
//! trend period: `db::repo::reports::survey_sums`) into `domain::survey::Sums`, which make
//! the same `Summary` the records would, so no survey row is read for them, however many
//! there are. A request counts as satisfied by its survey's `outcome_satisfied` (its own
//! verdict, or a later follow-up's), so an unhappy answer that a follow-up put right counts
//! as satisfied. The CSV export lists surveys, so it reads rows (`load_results`, capped).
use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{ResultsFilter, SurveyResults},
};

/// The zone the provider works in: `from`/`until` are whole days here, trend periods are its
/// weeks and months, and the CSV's dates are written in it. A fixed zone rather than each
/// viewer's, so a manager and an engineer looking at "March" count the same surveys.
pub const RESULTS_TZ: chrono_tz::Tz = chrono_tz::Asia::Shanghai;

/// At most this many surveys (the newest closed first) go into one computation or export:
/// about 25 MB of rows at worst, a few years of a busy provider; narrower dates see the rest.
pub const MAX_RESULT_RECORDS: u64 = 50_000;

/// The newest comments shown on the page.
pub const MAX_RESULT_COMMENTS: usize = 50;

/// The results the caller may see under `filter`.
#[server(endpoint = "survey_results")]
pub async fn get_survey_results(filter: ResultsFilter) -> Result<SurveyResults, AppError> {
    use crate::ssr::{require, respond};
    respond(async move {
        let (state, caller) = require().await?;
        let reach = load::Reach::of(&caller)?;
        let (scope, period) = load::scope_of(reach, &filter)?;
        page::build(&state, &caller, reach, scope, period).await
    })
    .await
}

#[cfg(feature = "ssr")]
pub use load::{load_results, request_numbers, Reach, ResultsData};

/// Reading the surveys in the caller's reach: shared by the page and the CSV export, so the
/// two can never disagree about scope.
#[cfg(feature = "ssr")]
mod load {
    use std::collections::{HashMap, HashSet};

    use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
    use db::{
        entity::{organization, request, site, survey, user},
        repo::surveys::Scope,
        sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect},
    };
    use domain::{
        dates::{date_number, parse_date, LAST_YEAR},
        survey::{Period, SurveyRecord},
        Access, ErrorCode, FieldError, Page, Role,
    };

    use super::{MAX_RESULT_RECORDS, RESULTS_TZ};
    use crate::{
        error::AppError,
        model::ResultsFilter,
        ssr::{AppState, Caller},
    };

    /// How far the caller's role reaches.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Reach {
        All,
        Organization(i32),
        Own(i32),
    }

    impl Reach {
        pub fn of(caller: &Caller) -> Result<Reach, AppError> {
            if domain::page_access(Page::SurveyResults, Some(caller.actor.role)) != Access::Allow {
                return Err(AppError::Forbidden);
            }
            match caller.actor.role {
                Role::Manager | Role::Admin => Ok(Reach::All),
                Role::SiteManager => Ok(Reach::Organization(caller.org.id)),
                Role::Engineer => Ok(Reach::Own(caller.user.id)),
                Role::Customer | Role::Dispatcher => Err(AppError::Forbidden),
            }
        }

        /// `all`, `organization` or `own` (`SurveyResults::scope`).
        pub fn name(self) -> &'static str {
            match self {
                Reach::All => "all",
                Reach::Organization(_) => "organization",
                Reach::Own(_) => "own",
            }
        }
    }

    /// The surveys in reach, with the names they mention.
    pub struct ResultsData {
        pub reach: Reach,
        pub period: Period,
        /// The scope the query ran with (the role's limits applied).
        pub scope: Scope,
        /// Sent surveys, newest closed first, at most `MAX_RESULT_RECORDS`.
        pub surveys: Vec<survey::Model>,
        pub records: Vec<SurveyRecord>,
        pub org_names: HashMap<i32, String>,
        pub site_names: HashMap<i32, String>,
        pub user_names: HashMap<i32, String>,
    }

    /// Checks the caller, applies their reach to `filter` and reads the surveys.
    pub async fn load_results(state: &AppState, caller: &Caller, filter: &ResultsFilter) -> Result<ResultsData, AppError> {
        let reach = Reach::of(caller)?;
        let (scope, period) = scope_of(reach, filter)?;
        let conn = &state.db.conn;
        let surveys = db::repo::surveys::sent_in(conn, &scope, MAX_RESULT_RECORDS).await?;
        if surveys.len() as u64 == MAX_RESULT_RECORDS {
            tracing::warn!(limit = MAX_RESULT_RECORDS, "survey results capped: older surveys left out");
        }
        let records = surveys.iter().map(record_of).collect();
        let org_names = organization::Entity::find().all(conn).await?.into_iter().map(|o| (o.id, o.name)).collect();
        let site_ids: HashSet<i32> = surveys.iter().filter_map(|s| s.site_id).collect();
        let site_names = site::Entity::find().filter(site::Column::Id.is_in(site_ids)).all(conn).await?.into_iter().map(|s| (s.id, s.name)).collect();
        let user_ids: HashSet<i32> = surveys.iter().filter_map(|s| s.engineer_id).collect();
        let user_names = user_names(conn, user_ids).await?;
        Ok(ResultsData { reach, period, scope, surveys, records, org_names, site_names, user_names })
    }

    pub async fn user_names(conn: &impl ConnectionTrait, ids: HashSet<i32>) -> Result<HashMap<i32, String>, DbErr> {
        Ok(user::Entity::find().filter(user::Column::Id.is_in(ids)).all(conn).await?.into_iter().map(|u| (u.id, u.display_name)).collect())
    }

    /// Service numbers by request id, read in chunks (SQLite and PostgreSQL both limit how
    /// many values one statement may bind).
    pub async fn request_numbers(conn: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, String>, DbErr> {
        let mut numbers = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(1000) {
            let rows: Vec<(i32, String)> = request::Entity::find()
                .select_only()
                .column(request::Column::Id)
                .column(request::Column::Number)
                .filter(request::Column::Id.is_in(chunk.iter().copied()))
                .into_tuple()
                .all(conn)
                .await?;
            numbers.extend(rows);
        }
        Ok(numbers)
    }

    fn record_of(s: &survey::Model) -> SurveyRecord {
        SurveyRecord {
            engineer_id: s.engineer_id.map(i64::from),
            organization_id: i64::from(s.organization_id),
            site_id: s.site_id.map(i64::from),
            closed_at: s.closed_at.timestamp(),
            // Answered at all: a later change of the answer does not move when it came.
            answered_at: s.first_answered_at.or(s.answered_at).map(|t| t.timestamp()),
            overall: s.overall.and_then(|o| u8::try_from(o).ok()).filter(|o| (1..=5).contains(o)),
            satisfied: s.outcome_satisfied,
        }
    }

    /// The query's scope with the role's limits applied, and the trend's period. Bad dates
    /// and periods are field errors; ids that are not numbers are ignored (no filter).
    pub fn scope_of(reach: Reach, f: &ResultsFilter) -> Result<(Scope, Period), AppError> {
        let id = |s: &str| s.trim().parse::<i32>().ok();
        let mut errors = Vec::new();
        let mut date = |field: &str, value: &str| {
            let value = value.trim();
            if value.is_empty() {
                return None;
            }
            let d = parse_date(value);
            if d.is_none() {
                // The contract form's convention for "not a date YYYY-MM-DD".
                errors.push(FieldError::new(field, ErrorCode::InvalidChoice));
            }
            d
        };
        let from = date("from", &f.from);
        let until = date("until", &f.until);
        if let (Some(a), Some(b)) = (from, until) {
            if b < a {
                errors.push(FieldError::new("until", ErrorCode::OutOfRange { min: date_number(a), max: i64::from(LAST_YEAR) * 10_000 + 1231 }));
            }
        }
        let period = match f.period.trim() {
            "" | "month" => Period::Month,
            "week" => Period::Week,
            _ => {
                errors.push(FieldError::new("period", ErrorCode::InvalidChoice));
                Period::Month
            }
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        let mut scope = Scope {
            organization_id: id(&f.org),
            engineer_id: id(&f.engineer),
            site_id: id(&f.site),
            from: from.map(start_of_day),
            // Inclusive in the form, exclusive in the query: up to the next day's start.
            until: until.and_then(|d| d.checked_add_days(Days::new(1))).map(start_of_day),
        };
        match reach {
            Reach::All => {}
            Reach::Organization(org) => scope.organization_id = Some(org),
            Reach::Own(me) => scope.engineer_id = Some(me),
        }
        Ok((scope, period))
    }

    /// Midnight of `d` in the provider's zone (no daylight saving there, so always one).
    fn start_of_day(d: NaiveDate) -> DateTime<Utc> {
        let midnight = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        RESULTS_TZ.from_local_datetime(&midnight).earliest().map(|t| t.with_timezone(&Utc)).unwrap_or_else(|| midnight.and_utc())
    }
}

/// The page's figures, tables, trend, comments and filter options, from GROUP BY sums.
#[cfg(feature = "ssr")]
mod page {
    use std::collections::{HashMap, HashSet};

    use chrono::{DateTime, Utc};
    use db::repo::{
        reports::{survey_extent, survey_sums, SurveyGroup},
        surveys::Scope,
    };
    use domain::{
        survey::{results::trend::local_date, Period, Sums},
        OrgKind, Role,
    };

    use super::{load::user_names, request_numbers, Reach, MAX_RESULT_COMMENTS, RESULTS_TZ};
    use crate::{
        error::AppError,
        model::{GroupRow, SurveyComment, SurveyResults, TrendRow},
        ssr::{AppState, Caller},
    };

    /// Each trend period's first day from the first survey's to the last one's, and the
    /// instants the periods after the first start at (the GROUP BY's boundaries).
    fn periods(first: DateTime<Utc>, last: DateTime<Utc>, period: Period) -> (Vec<chrono::NaiveDate>, Vec<DateTime<Utc>>) {
        let (mut day, end) = (period.start_of(local_date(first.timestamp(), RESULTS_TZ)), period.start_of(local_date(last.timestamp(), RESULTS_TZ)));
        let mut days = vec![];
        while day <= end {
            days.push(day);
            day = period.next(day);
        }
        let starts = days.iter().skip(1).map(|d| domain::report::local_midnight(*d, RESULTS_TZ)).collect();
        (days, starts)
    }

    pub async fn build(state: &AppState, caller: &Caller, reach: Reach, scope: Scope, period: Period) -> Result<SurveyResults, AppError> {
        let conn = &state.db.conn;
        let sums = |group: SurveyGroup, starts: Vec<DateTime<Utc>>| async move { survey_sums(conn, &scope, group, &starts).await };
        let total = sums(SurveyGroup::Total, vec![]).await?.into_iter().map(|(_, s)| s).fold(Sums::default(), |a, b| a + b).summary();
        let org_names: HashMap<i32, String> = db::repo::organizations::list(conn).await?.into_iter().map(|o| (o.id, o.name)).collect();
        let by_engineer_sums = sums(SurveyGroup::Engineer, vec![]).await?;
        let by_site_sums = sums(SurveyGroup::Site, vec![]).await?;
        let user_ids: HashSet<i32> = by_engineer_sums.iter().filter_map(|(id, _)| *id).collect();
        let engineer_names = user_names(conn, user_ids).await?;
        let site_ids: Vec<i32> = by_site_sums.iter().filter_map(|(id, _)| *id).collect();
        let site_names: HashMap<i32, String> = db::repo::sites::names(conn, &site_ids).await?;
        let rows = |groups: Vec<(Option<i32>, Sums)>, names: &HashMap<i32, String>| -> Vec<GroupRow> {
            let mut rows: Vec<GroupRow> = groups
                .into_iter()
                // Empty: no engineer / no site; the page says so in the reader's language.
                .map(|(id, s)| GroupRow {
                    name: id.map(|i| names.get(&i).cloned().unwrap_or_else(|| format!("#{i}"))).unwrap_or_default(),
                    summary: s.summary(),
                })
                .collect();
            rows.sort_by(|a, b| (a.name.is_empty(), &a.name).cmp(&(b.name.is_empty(), &b.name)));
            rows
        };
        let by_engineer = rows(by_engineer_sums, &engineer_names);
        let by_organization = rows(sums(SurveyGroup::Organization, vec![]).await?, &org_names);
        let by_site = rows(by_site_sums, &site_names);

        let trend = match survey_extent(conn, &scope).await? {
            None => vec![],
            Some((first, last)) => {
                let (days, starts) = periods(first, last, period);
                let by_period: HashMap<i32, Sums> = sums(SurveyGroup::Period, starts).await?.into_iter().filter_map(|(i, s)| i.map(|i| (i, s))).collect();
                days.into_iter()
                    .enumerate()
                    .map(|(i, start)| TrendRow { start, summary: by_period.get(&(i as i32)).copied().unwrap_or_default().summary() })
                    .collect()
            }
        };

        // The newest answers with a comment.
        let commented = db::repo::surveys::commented(conn, &scope, MAX_RESULT_COMMENTS as u64).await?;
        let numbers = request_numbers(conn, &commented.iter().map(|s| s.request_id).collect::<Vec<_>>()).await?;
        let commenters = user_names(conn, commented.iter().filter_map(|s| s.engineer_id).collect()).await?;
        let comments = commented
            .into_iter()
            .map(|s| SurveyComment {
                number: numbers.get(&s.request_id).cloned().unwrap_or_default(),
                org_name: org_names.get(&s.organization_id).cloned().unwrap_or_default(),
                engineer_name: s.engineer_id.and_then(|e| commenters.get(&e).cloned()),
                overall: s.overall.and_then(|o| u8::try_from(o).ok()),
                // The verdict of the answer the comment came with.
                satisfied: s.satisfied,
                answered_at: s.answered_at.or(s.first_answered_at).unwrap_or(s.closed_at),
                text: s.comment.clone().unwrap_or_default(),
            })
            .collect();

        // Filter options: only what the caller may filter by.
        let sorted = |mut v: Vec<(i32, String)>| {
            v.sort_by(|a, b| a.1.cmp(&b.1));
            v
        };
        let organizations = match reach {
            Reach::Organization(org) => vec![(org, org_names.get(&org).cloned().unwrap_or_default())],
            Reach::All | Reach::Own(_) => sorted(
                db::repo::organizations::list(conn)
                    .await?
                    .into_iter()
                    .filter(|o| OrgKind::parse(&o.kind) == Some(OrgKind::Customer))
                    .map(|o| (o.id, o.name))
                    .collect(),
            ),
        };
        let sites = match scope.organization_id {
            Some(org) => sorted(db::repo::sites::list_by_org(conn, org).await?.into_iter().map(|s| (s.id, s.name)).collect()),
            None => vec![],
        };
        let engineers = match reach {
            Reach::Own(me) => vec![(me, caller.user.display_name.clone())],
            Reach::All | Reach::Organization(_) => {
                // The provider's engineers, and anyone else rated (follow-ups go to managers).
                let provider = db::repo::organizations::provider(conn).await?.map(|o| o.id).unwrap_or(caller.org.id);
                let mut ids: HashSet<i32> = engineer_names.keys().copied().collect();
                ids.extend(db::repo::users::list_by_org(conn, provider).await?.into_iter().filter(|u| u.role == Role::Engineer.as_str()).map(|u| u.id));
                sorted(user_names(conn, ids).await?.into_iter().collect())
            }
        };

        Ok(SurveyResults {
            scope: reach.name().to_string(),
            total,
            by_engineer,
            by_organization,
            by_site,
            trend,
            comments,
            // Nothing is capped: the database sums every survey in scope.
            capped_since: None,
            organizations,
            sites,
            engineers,
        })
    }
}
