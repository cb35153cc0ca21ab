//! Input names of the contract form (the server functions' argument names, and the fields
//! errors are reported on).
pub const ORG: &str = "org_id";
pub const TIER: &str = "tier";
pub const TZ: &str = "tz";
pub const DAY_START: &str = "day_start";
pub const DAY_END: &str = "day_end";
pub const VALID_FROM: &str = "valid_from";
pub const VALID_UNTIL: &str = "valid_until";
/// The validity period as a whole: it overlaps another contract of the organization.
pub const VALIDITY: &str = "validity";
pub const FIRST_RESPONSE: &str = "first_response";
/// `within` (then [`ON_SITE`] minutes) or `next_working_day_end`.
pub const ON_SITE_KIND: &str = "on_site_kind";
pub const ON_SITE: &str = "on_site";
/// Resolution minutes for severity 1, 2 and 3.
pub const RESOLUTION: [&str; 3] = ["resolution_1", "resolution_2", "resolution_3"];
pub const HOLIDAYS: &str = "holidays";
pub const WORKING_DAYS: &str = "working_days";
/// Both date lists together: a date is in both.
pub const CALENDAR_DATES: &str = "calendar_dates";

/// Working days to acknowledge a complaint, and to answer it.
pub const COMPLAINT_ACK: &str = "complaint_ack";
pub const COMPLAINT_ANSWER: &str = "complaint_answer";

/// Every limit input, in form order.
pub const LIMITS: [&str; 5] = [FIRST_RESPONSE, ON_SITE, RESOLUTION[0], RESOLUTION[1], RESOLUTION[2]];
