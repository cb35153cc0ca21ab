//! Training sessions (issue 6): the sessions staff schedule, the organizations invited to
//! each, the bookings (confirmed seats, waiting list, cancellations) and attendees' feedback.
//!
//! Two guarantees live in the schema rather than in code alone:
//! - nobody is booked twice: a unique partial index on (session, person) over the bookings
//!   that are not cancelled (cancelled ones stay, so staff see who dropped out);
//! - capacity is never exceeded: `training_sessions.confirmed_count` is the number of
//!   confirmed seats, and a seat is taken only by the one statement
//!   `UPDATE … SET confirmed_count = confirmed_count + 1 WHERE … confirmed_count < capacity`
//!   (see `repo::training::take_seat`), which PostgreSQL re-checks after waiting for the row
//!   lock and SQLite runs under the single writer.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(name: &str, from: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from, col).to(to, "id").on_delete(ForeignKeyAction::Restrict).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("training_sessions")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("title", 200))
                .col(string_len("kind", 20))
                .col(text("description"))
                .col(string_len("trainer", 120))
                .col(string_len("tz", 64))
                .col(timestamp_with_time_zone("starts_at"))
                .col(timestamp_with_time_zone("ends_at"))
                .col(timestamp_with_time_zone("booking_deadline"))
                // `on_site` (then `place`) or `online` (then `link`); the other one is empty.
                .col(string_len("delivery", 10))
                .col(text("place"))
                .col(text("link"))
                .col(integer("capacity"))
                // True: every customer organization; false: those in training_invites.
                .col(boolean("invited_all"))
                .col(string_len("status", 12))
                .col(integer("confirmed_count"))
                // The .ics SEQUENCE: one more on every change attendees' calendars should take.
                .col(integer("sequence"))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("cancelled_at"))
                .col(text_null("cancel_reason"))
                .col(integer("version"))
                .foreign_key(&mut fk("fk_training_sessions_creator", "training_sessions", "created_by", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_training_sessions_starts").table("training_sessions").col("starts_at").to_owned()).await?;
        m.create_index(Index::create().name("ix_training_sessions_ends").table("training_sessions").col("ends_at").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("training_invites")
                .if_not_exists()
                .col(integer("session_id"))
                .col(integer("organization_id"))
                .primary_key(Index::create().col("session_id").col("organization_id"))
                .foreign_key(&mut fk("fk_training_invites_session", "training_invites", "session_id", "training_sessions"))
                .foreign_key(&mut fk("fk_training_invites_org", "training_invites", "organization_id", "organizations"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_training_invites_org").table("training_invites").col("organization_id").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("training_bookings")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("session_id"))
                .col(integer("user_id"))
                // The attendee's organization when booked (what invitations are checked against).
                .col(integer("organization_id"))
                // Who made the booking: the attendee, their site manager, or staff.
                .col(integer("booked_by"))
                .col(string_len("status", 12))
                .col(timestamp_with_time_zone("booked_at"))
                .col(timestamp_with_time_zone_null("cancelled_at"))
                .col(integer_null("cancelled_by"))
                .col(timestamp_with_time_zone_null("promoted_at"))
                .col(boolean_null("attended"))
                // Set once each message went out, so the job tells each person once.
                .col(timestamp_with_time_zone_null("reminded_at"))
                .col(timestamp_with_time_zone_null("feedback_asked_at"))
                .foreign_key(&mut fk("fk_training_bookings_session", "training_bookings", "session_id", "training_sessions"))
                .foreign_key(&mut fk("fk_training_bookings_user", "training_bookings", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        let conn = m.get_connection();
        // Nobody holds two seats (or a seat and a place on the waiting list) of one session,
        // however many requests arrive at once. Same syntax on SQLite and PostgreSQL.
        conn.execute_unprepared(
            "CREATE UNIQUE INDEX IF NOT EXISTS ux_training_bookings_active ON training_bookings (session_id, user_id) WHERE status <> 'cancelled'",
        )
        .await?;
        // The waiting list in the order seats are offered, and the attendee list.
        m.create_index(
            Index::create()
                .name("ix_training_bookings_session")
                .table("training_bookings")
                .col("session_id")
                .col("status")
                .col("booked_at")
                .col("id")
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_training_bookings_user").table("training_bookings").col("user_id").to_owned()).await?;

        m.create_table(
            Table::create()
                .table("training_feedback")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("booking_id").unique_key())
                .col(integer("session_id"))
                .col(integer("user_id"))
                // JSON Vec<domain::survey::QuestionVersion>: the questions as they were asked.
                .col(text("questions_json"))
                // JSON Vec<domain::survey::Answer>.
                .col(text("answers_json"))
                .col(small_integer("overall"))
                .col(boolean("satisfied"))
                .col(text_null("comment"))
                .col(timestamp_with_time_zone("answered_at"))
                .foreign_key(&mut fk("fk_training_feedback_booking", "training_feedback", "booking_id", "training_bookings"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_training_feedback_session").table("training_feedback").col("session_id").to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["training_feedback", "training_bookings", "training_invites", "training_sessions"] {
            m.drop_table(Table::drop().table(t).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}
