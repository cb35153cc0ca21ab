//! Satisfaction surveys (issue 5): the settings, the versioned questions, one survey per
//! closed request with the questions it was asked under, its one-time links (hashes only), the
//! follow-up request an unhappy answer opens, and the outbox the invitations are mailed from.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // A follow-up request points at the request whose survey opened it.
        m.alter_table(Table::alter().table("requests").add_column(integer_null("follow_up_of")).to_owned()).await?;

        // One row (id 1): the portal-wide settings admins edit.
        m.create_table(
            Table::create()
                .table("survey_settings")
                .if_not_exists()
                .col(integer("id").primary_key())
                .col(integer("delay_minutes"))
                .col(integer("expiry_days"))
                .col(integer("reminder_after_days"))
                .col(small_integer("low_score_threshold"))
                .col(small_integer("sample_percent"))
                .col(integer("final_after_days"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        // High-volume customers are asked about a share of their requests only.
        m.create_table(
            Table::create()
                .table("survey_org_sampling")
                .if_not_exists()
                .col(integer("organization_id").primary_key())
                .col(small_integer("sample_percent"))
                .to_owned(),
        )
        .await?;
        // Every version of every question; a survey keeps the ids it was asked with, so a
        // reworded question never changes what an earlier answer meant.
        m.create_table(
            Table::create()
                .table("survey_questions")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("key", 40))
                .col(integer("version"))
                .col(integer("position"))
                .col(text("definition"))
                .col(boolean("current"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_survey_questions_key_version").table("survey_questions").col("key").col("version").unique().to_owned()).await?;

        m.create_table(
            Table::create()
                .table("surveys")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("request_id").unique_key())
                .col(integer("respondent_id"))
                .col(integer("organization_id"))
                .col(integer_null("site_id"))
                .col(integer_null("engineer_id"))
                .col(timestamp_with_time_zone("closed_at"))
                .col(timestamp_with_time_zone("due_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(boolean("sampled"))
                .col(text("question_ids"))
                .col(timestamp_with_time_zone_null("invited_at"))
                .col(timestamp_with_time_zone_null("reminded_at"))
                .col(timestamp_with_time_zone_null("first_answered_at"))
                .col(timestamp_with_time_zone_null("answered_at"))
                .col(small_integer_null("overall"))
                .col(boolean_null("solved"))
                .col(boolean_null("satisfied"))
                .col(boolean_null("outcome_satisfied"))
                .col(text_null("answers_json"))
                .col(text_null("comment"))
                .col(integer_null("followup_request_id"))
                .col(integer("version"))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("ix_surveys_respondent", &["respondent_id", "expires_at"][..]),
            ("ix_surveys_org_closed", &["organization_id", "closed_at"][..]),
            ("ix_surveys_engineer_closed", &["engineer_id", "closed_at"][..]),
            ("ix_surveys_closed", &["closed_at"][..]),
        ] {
            let mut idx = Index::create().name(name).table("surveys").if_not_exists().to_owned();
            for c in cols {
                idx.col(*c);
            }
            m.create_index(idx).await?;
        }
        // The invitation job reads only surveys still to be sent.
        m.get_connection()
            .execute_unprepared("CREATE INDEX IF NOT EXISTS ix_surveys_to_invite ON surveys (due_at) WHERE invited_at IS NULL AND sampled")
            .await?;

        m.create_table(
            Table::create()
                .table("survey_links")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("survey_id"))
                .col(string_len("token_hash", 64).unique_key())
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .to_owned(),
        )
        .await?;

        // Mail is written in the transaction that decides to send it and sent afterwards, so
        // an invitation is neither lost to a crash nor sent for a change that rolled back.
        m.create_table(
            Table::create()
                .table("outbound_mail")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("to_address", 320))
                .col(string_len("subject", 300))
                .col(text("body"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("sent_at"))
                .col(integer("attempts"))
                .col(text_null("last_error"))
                .to_owned(),
        )
        .await?;
        m.get_connection().execute_unprepared("CREATE INDEX IF NOT EXISTS ix_outbound_mail_unsent ON outbound_mail (id) WHERE sent_at IS NULL").await?;

        // The defaults (DOMAIN.md has no survey figures; see domain::survey::settings).
        let s = domain::survey::SurveySettings::default();
        m.exec_stmt(
            Query::insert()
                .into_table("survey_settings")
                .columns([
                    "id",
                    "delay_minutes",
                    "expiry_days",
                    "reminder_after_days",
                    "low_score_threshold",
                    "sample_percent",
                    "final_after_days",
                    "updated_at",
                ])
                .values_panic([
                    1.into(),
                    s.delay_minutes.into(),
                    s.expiry_days.into(),
                    s.reminder_after_days.into(),
                    i16::from(s.low_score_threshold).into(),
                    i16::from(s.sample_percent).into(),
                    s.final_after_days.into(),
                    chrono::Utc::now().into(),
                ])
                .to_owned(),
        )
        .await?;
        for (position, q) in domain::survey::default_questions().into_iter().enumerate() {
            let definition = serde_json::to_string(&q).map_err(|e| DbErr::Custom(e.to_string()))?;
            m.exec_stmt(
                Query::insert()
                    .into_table("survey_questions")
                    .columns(["key", "version", "position", "definition", "current", "created_at"])
                    .values_panic([q.key.clone().into(), q.version.into(), (position as i32).into(), definition.into(), true.into(), chrono::Utc::now().into()])
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["outbound_mail", "survey_links", "surveys", "survey_questions", "survey_org_sampling", "survey_settings"] {
            m.drop_table(Table::drop().table(t).if_exists().to_owned()).await?;
        }
        m.alter_table(Table::alter().table("requests").drop_column("follow_up_of").to_owned()).await
    }
}
