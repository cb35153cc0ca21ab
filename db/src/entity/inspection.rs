use sea_orm::entity::prelude::*;

/// One inspection of one site (see the migration for what it freezes).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inspections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub organization_id: i32,
    pub site_id: i32,
    /// `domain::inspection::InspectionKind`.
    pub kind: String,
    pub slot: String,
    pub template_id: i32,
    /// `Vec<DeviceCategory>` checked (empty: all).
    #[sea_orm(column_type = "Text")]
    pub categories_json: String,
    /// `domain::sla::BusinessCalendar`, frozen at generation.
    #[sea_orm(column_type = "Text")]
    pub calendar_json: String,
    pub notice_days: i32,
    pub report_days: i32,
    pub planned_date: Date,
    pub date: Date,
    /// The last day to announce `date` with the promised notice.
    pub announce_by: Date,
    pub engineer_id: Option<i32>,
    /// `domain::inspection::InspectionStatus`.
    pub status: String,
    pub announced_at: Option<DateTimeUtc>,
    pub announced_late: bool,
    /// The manager was warned that it would be announced late.
    pub late_flagged: bool,
    pub proposed_date: Option<Date>,
    pub started_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
    pub report_due_at: Option<DateTimeUtc>,
    pub report_late_flagged: bool,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    pub reported_at: Option<DateTimeUtc>,
    pub signed_off_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
