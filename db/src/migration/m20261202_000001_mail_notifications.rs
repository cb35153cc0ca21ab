//! Mail notifications (issue 17): each person's choice per kind of event (`mail_prefs`, only
//! the kinds changed from the default), quiet hours and the last digest (`mail_settings`), the
//! one-click unsubscribe links (`mail_unsubscribes`, only their hashes). A notification carries
//! what happens to its mail (`mail`: `now` with `mail_after`, or `digest`, then `sent` or
//! `digested`). The outbox gains the HTML part, the unsubscribe header, a retry time (backoff,
//! and quiet hours) and "given up". Requests gain the SLA warnings already sent (a bit per
//! clock) and when the next one is due, so the warning job reads one indexed range.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("mail_prefs")
                .if_not_exists()
                .col(integer("user_id"))
                .col(string_len("kind", 24))
                .col(string_len("channel", 10))
                .primary_key(Index::create().col("user_id").col("kind"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("mail_settings")
                .if_not_exists()
                .col(integer("user_id").primary_key())
                // Minutes after midnight in the contract's zone; both null: no quiet hours.
                .col(integer_null("quiet_from"))
                .col(integer_null("quiet_to"))
                .col(date_null("last_digest_on"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("mail_unsubscribes")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len_uniq("token_hash", 64))
                .col(integer("user_id"))
                .col(string_len("kind", 24))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("used_at"))
                .to_owned(),
        )
        .await?;
        // One column an ALTER: SQLite adds them one at a time.
        let add = |table: &'static str, col: ColumnDef| Table::alter().table(table).add_column(col).to_owned();
        m.alter_table(add("notifications", string_len_null("mail", 10))).await?;
        m.alter_table(add("notifications", timestamp_with_time_zone_null("mail_after"))).await?;
        m.create_index(Index::create().name("ix_notifications_mail").table("notifications").col("mail").col("mail_after").to_owned()).await?;
        m.alter_table(add("outbound_mail", text_null("html_body"))).await?;
        m.alter_table(add("outbound_mail", text_null("unsubscribe_url"))).await?;
        m.alter_table(add("outbound_mail", timestamp_with_time_zone_null("next_attempt_at"))).await?;
        m.alter_table(add("outbound_mail", timestamp_with_time_zone_null("gave_up_at"))).await?;
        m.alter_table(add("requests", small_integer("sla_warned").default(0).to_owned())).await?;
        m.alter_table(add("requests", timestamp_with_time_zone_null("sla_warn_at"))).await?;
        m.create_index(Index::create().name("ix_requests_sla_warn_at").table("requests").col("sla_warn_at").to_owned()).await?;
        // Before this, five failures meant "given up".
        m.get_connection().execute_unprepared("UPDATE outbound_mail SET gave_up_at = created_at WHERE sent_at IS NULL AND attempts >= 5").await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("ix_requests_sla_warn_at").table("requests").to_owned()).await?;
        for c in ["sla_warn_at", "sla_warned"] {
            m.alter_table(Table::alter().table("requests").drop_column(c).to_owned()).await?;
        }
        for c in ["gave_up_at", "next_attempt_at", "unsubscribe_url", "html_body"] {
            m.alter_table(Table::alter().table("outbound_mail").drop_column(c).to_owned()).await?;
        }
        m.drop_index(Index::drop().name("ix_notifications_mail").table("notifications").to_owned()).await?;
        for c in ["mail_after", "mail"] {
            m.alter_table(Table::alter().table("notifications").drop_column(c).to_owned()).await?;
        }
        for t in ["mail_unsubscribes", "mail_settings", "mail_prefs"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
