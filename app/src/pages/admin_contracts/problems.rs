//! The contract form's errors in its own words: what exactly is wrong with that input.
use domain::{dates, sla::contract::Problem, FieldError};

use crate::i18n::{field_error_text, Lang, Msg};

/// A contract-form error in words: what exactly is wrong with that input.
pub(super) fn problem_text(lang: Lang, e: &FieldError) -> String {
    let with = |m: Msg, key: &str, value: String| m.text(lang).replace(key, &value);
    match Problem::of(e) {
        None | Some(Problem::Required) => field_error_text(lang, e),
        Some(Problem::UnknownTier) => Msg::ContractErrUnknownTier.text(lang).into(),
        Some(Problem::UnknownTimeZone) => Msg::ContractErrUnknownTz.text(lang).into(),
        Some(Problem::UnknownOnSiteKind) => Msg::ContractErrUnknownOnSite.text(lang).into(),
        Some(Problem::NotACustomer) => Msg::ContractErrNotACustomer.text(lang).into(),
        Some(Problem::NotADate) => Msg::ContractErrNotADate.text(lang).into(),
        Some(Problem::NotATime) => Msg::ContractErrNotATime.text(lang).into(),
        Some(Problem::HoursEndBeforeStart { earliest_minute }) => {
            with(Msg::ContractErrHoursEnd, "{t}", format!("{:02}:{:02}", earliest_minute / 60, earliest_minute % 60))
        }
        Some(Problem::UntilBeforeFrom { from }) => {
            with(Msg::ContractErrUntilBeforeFrom, "{date}", dates::date_from_number(from).map(dates::format_date).unwrap_or_default())
        }
        Some(Problem::Overlaps) => Msg::ContractErrOverlaps.text(lang).into(),
        Some(Problem::LimitOutOfRange) => Msg::ContractErrLimitRange.text(lang).into(),
        Some(Problem::ShorterThanMoreSevere { min }) => with(Msg::ContractErrShorter, "{n}", min.to_string()),
        Some(Problem::ResponseAfterResolution { max }) => with(Msg::ContractErrResponseAfter, "{n}", max.to_string()),
        Some(Problem::BadDateLine) => Msg::ContractErrBadDateLine.text(lang).into(),
        Some(Problem::TooManyDates) => with(Msg::ContractErrTooManyDates, "{n}", dates::MAX_DATES.to_string()),
        Some(Problem::HolidayAndWorkingDay) => Msg::ContractErrHolidayAndWorkingDay.text(lang).into(),
        Some(Problem::ComplaintDaysOutOfRange { min }) => {
            with(Msg::ContractErrComplaintDays, "{n}", min.to_string()).replace("{max}", &domain::complaint::MAX_COMPLAINT_DAYS.to_string())
        }
    }
}
