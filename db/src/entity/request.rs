use sea_orm::entity::prelude::*;

/// A service request. `sla_json` is the contract's calendar and limits as they were when the
/// request was opened (domain's `SlaTerms`), so later contract changes never move its clocks.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub number: String,
    pub organization_id: i32,
    pub site_id: i32,
    pub requester_id: i32,
    pub created_by_id: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub kind: String,
    pub fault_kind: Option<String>,
    pub severity: i16,
    pub system: String,
    pub contact_phone: String,
    pub status: String,
    pub assignee_id: Option<i32>,
    pub tier: String,
    #[sea_orm(column_type = "Text")]
    pub sla_json: String,
    pub on_site_required: bool,
    pub on_site_limit_secs: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub first_response_at: Option<DateTimeUtc>,
    pub on_site_at: Option<DateTimeUtc>,
    pub resolution_started_at: DateTimeUtc,
    pub resolved_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub response_deadline: Option<DateTimeUtc>,
    pub on_site_deadline: Option<DateTimeUtc>,
    pub resolution_deadline: Option<DateTimeUtc>,
    pub paused_since: Option<DateTimeUtc>,
    pub pause_reason: Option<String>,
    pub escalation_level: i32,
    pub breach_recorded: bool,
    pub version: i32,
    /// The device concerned, from the site's equipment archive.
    pub device_id: Option<i32>,
    /// The engineer's latest on-site stage (domain::ticket::OnSiteStage) and when.
    pub stage: Option<String>,
    pub stage_at: Option<DateTimeUtc>,
    /// Service restored on site, apart from the final fix (`resolved_at`).
    pub service_restored_at: Option<DateTimeUtc>,
    /// domain::ticket::FaultReport as JSON, written at resolution.
    #[sea_orm(column_type = "Text", nullable)]
    pub fault_report_json: Option<String>,
    /// The deadline that matters next: first response until there is one, then arrival on
    /// site while awaited, then resolution (kept with the others; orders the staff queues).
    pub next_deadline: Option<DateTimeUtc>,
    /// A follow-up request: the request whose survey answer opened it.
    pub follow_up_of: Option<i32>,
    /// The SLA clocks whose 75 % warning went to staff, a bit each (`domain::notify::SlaClock`).
    pub sla_warned: i16,
    /// When the next of those warnings is due (the warning job reads `<= now`).
    pub sla_warn_at: Option<DateTimeUtc>,
    /// How it came in: `portal`, `phone`, `email`, `survey` (a follow-up), `inspection`
    /// (`domain::report::channel_of`); reports group by it.
    pub channel: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
