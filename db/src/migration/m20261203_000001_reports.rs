//! Service reports (issue 17):
//! - `requests.channel`: how a request came in (portal, phone, email, survey, inspection), a
//!   column so reports can GROUP BY it; filled for older requests from their first line.
//! - indexes for the period scans: requests by opening time (provider-wide, and per
//!   organization), timeline lines by kind and time (upgrades, escalations, resolutions and
//!   reopenings in a period), emergency plans and complaints by time.
//! - `report_snapshots`: a closed period's figures as they were when it ended (JSON of
//!   `domain::report::Figures`), one per scope, kind and first day; a recompute replaces the
//!   figures and says who and when (the audit log keeps what changed).
//! - `report_narratives`: the provider's words on a weekly report.
//! - `report_recipients`: who a manager chose to receive which report by mail (a row says
//!   yes or no; without one, `domain::report::receives_by_default` decides).
//! - `report_mailings`: one row per report sent, claimed by insert so two instances never
//!   mail the same report twice.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: &[(&str, &str, &[&str])] = &[
    // With the site: the per-site count reads the index alone, not the rows.
    ("ix_requests_created_site", "requests", &["created_at", "site_id"]),
    ("ix_requests_org_created_site", "requests", &["organization_id", "created_at", "site_id"]),
    ("ix_events_kind_created", "request_events", &["kind", "created_at"]),
    ("ix_emergency_requested", "emergency_plans", &["requested_at"]),
    ("ix_complaints_created", "complaints", &["created_at"]),
    ("ix_training_starts", "training_sessions", &["starts_at"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("requests").add_column(string_len("channel", 20).default("portal")).to_owned()).await?;
        let db = m.get_connection();
        for (channel, pattern) in [
            ("phone", r#"%"channel":"phone"%"#),
            ("email", r#"%"channel":"email"%"#),
            ("survey", r#"%"follow_up_of":"%"#),
            ("inspection", r#"%"inspection":%"#),
        ] {
            db.execute_unprepared(&format!(
                "UPDATE requests SET channel = '{channel}' WHERE id IN \
                 (SELECT request_id FROM request_events WHERE kind = 'created' AND body LIKE '{pattern}')"
            ))
            .await?;
        }
        for (name, table, cols) in INDEXES {
            let mut idx = Index::create().name(*name).table(*table).if_not_exists().to_owned();
            for c in cols.iter() {
                idx.col(*c);
            }
            m.create_index(idx).await?;
        }
        m.create_table(
            Table::create()
                .table("report_snapshots")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("scope", 20))
                .col(string_len("kind", 10))
                .col(string_len("start", 10))
                .col(text("figures_json"))
                .col(timestamp_with_time_zone("computed_at"))
                .col(integer_null("recomputed_by"))
                .col(timestamp_with_time_zone_null("recomputed_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_report_snapshots").table("report_snapshots").col("scope").col("kind").col("start").unique().to_owned()).await?;
        m.create_index(Index::create().name("ix_report_snapshots_period").table("report_snapshots").col("kind").col("start").to_owned()).await?;
        m.create_table(
            Table::create()
                .table("report_narratives")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("scope", 20))
                .col(string_len("start", 10))
                .col(text("done"))
                .col(text("not_done"))
                .col(text("plan"))
                .col(integer("author_id"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(integer("version"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_report_narratives").table("report_narratives").col("scope").col("start").unique().to_owned()).await?;
        m.create_table(
            Table::create()
                .table("report_recipients")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("user_id"))
                .col(string_len("kind", 10))
                .col(boolean("receives"))
                .col(integer("chosen_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_report_recipients").table("report_recipients").col("user_id").col("kind").unique().to_owned()).await?;
        m.create_table(
            Table::create()
                .table("report_mailings")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("scope", 20))
                .col(string_len("kind", 10))
                .col(string_len("start", 10))
                .col(integer("recipients"))
                .col(timestamp_with_time_zone("sent_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_report_mailings").table("report_mailings").col("scope").col("kind").col("start").unique().to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["report_mailings", "report_recipients", "report_narratives", "report_snapshots"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for (name, table, _) in INDEXES {
            m.drop_index(Index::drop().name(*name).table(*table).if_exists().to_owned()).await?;
        }
        m.alter_table(Table::alter().table("requests").drop_column("channel").to_owned()).await?;
        Ok(())
    }
}
