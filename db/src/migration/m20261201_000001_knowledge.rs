//! The knowledge base (issue 16): articles, every saved version of each, the images their
//! bodies show, readers' "did it help", what became of each suggestion on the new-request
//! form, and the searches that found nothing. `kb_generation` is one counter bumped by every
//! change to what search sees: each instance's in-memory index reads only the articles whose
//! `index_seq` is past the one it has (the counter's row lock orders the writers, so a
//! change never commits behind a later one).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk(name: &str, from: (&'static str, &'static str), to: (&'static str, &'static str), on_delete: ForeignKeyAction) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from.0, from.1).to(to.0, to.1).on_delete(on_delete).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("kb_articles")
                .if_not_exists()
                .col(pk_auto("id"))
                // The translation pair: the id of the pair's first article (itself when alone).
                .col(integer_null("pair_id"))
                .col(string_len("lang", 8))
                .col(string_len("status", 20))
                .col(integer("latest_version"))
                .col(integer_null("published_version"))
                .col(integer("latest_author"))
                // The request it was drafted from, if any.
                .col(integer_null("request_id"))
                .col(big_integer("index_seq"))
                .col(integer("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(timestamp_with_time_zone_null("published_at"))
                .col(integer("version"))
                .foreign_key(&mut fk("fk_kb_articles_author", ("kb_articles", "latest_author"), ("users", "id"), ForeignKeyAction::Restrict))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_kb_articles_index_seq").table("kb_articles").col("index_seq").to_owned()).await?;
        m.create_index(Index::create().name("ix_kb_articles_status").table("kb_articles").col("status").col("updated_at").to_owned()).await?;
        m.create_index(Index::create().name("ix_kb_articles_pair").table("kb_articles").col("pair_id").to_owned()).await?;
        m.create_table(
            Table::create()
                .table("kb_article_versions")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("article_id"))
                .col(integer("number"))
                .col(string_len("title", 200))
                .col(text("body"))
                .col(string_len("category", 20))
                .col(string_len("lang", 8))
                .col(text("tags_json"))
                .col(text("models_json"))
                .col(text("software_json"))
                .col(string_len("visibility", 20))
                .col(text("orgs_json"))
                .col(integer("author_id"))
                .col(text("note"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("fk_kb_versions_article", ("kb_article_versions", "article_id"), ("kb_articles", "id"), ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("fk_kb_versions_author", ("kb_article_versions", "author_id"), ("users", "id"), ForeignKeyAction::Restrict))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_kb_versions_number").table("kb_article_versions").col("article_id").col("number").unique().to_owned()).await?;
        m.create_table(Table::create().table("kb_generation").if_not_exists().col(pk_auto("id")).col(big_integer("n")).to_owned()).await?;
        m.get_connection().execute_unprepared("INSERT INTO kb_generation (id, n) VALUES (1, 0)").await?;
        m.create_table(
            Table::create()
                .table("kb_images")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("article_id"))
                .col(string_len("filename", 200))
                .col(string_len("content_type", 100))
                .col(big_integer("size"))
                .col(blob("data"))
                .col(integer("uploaded_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("fk_kb_images_article", ("kb_images", "article_id"), ("kb_articles", "id"), ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_kb_images_article").table("kb_images").col("article_id").to_owned()).await?;
        m.create_table(
            Table::create()
                .table("kb_feedback")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("article_id"))
                .col(integer("user_id"))
                .col(boolean("helped"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("fk_kb_feedback_article", ("kb_feedback", "article_id"), ("kb_articles", "id"), ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("fk_kb_feedback_user", ("kb_feedback", "user_id"), ("users", "id"), ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_kb_feedback_user").table("kb_feedback").col("article_id").col("user_id").unique().to_owned()).await?;
        m.create_table(
            Table::create()
                .table("kb_suggestions")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len("token", 64))
                .col(integer("article_id"))
                .col(integer("user_id"))
                .col(integer("org_id"))
                .col(timestamp_with_time_zone("shown_at"))
                .col(timestamp_with_time_zone_null("opened_at"))
                .col(timestamp_with_time_zone_null("solved_at"))
                .col(timestamp_with_time_zone_null("submitted_at"))
                .foreign_key(&mut fk("fk_kb_suggestions_article", ("kb_suggestions", "article_id"), ("kb_articles", "id"), ForeignKeyAction::Cascade))
                .foreign_key(&mut fk("fk_kb_suggestions_user", ("kb_suggestions", "user_id"), ("users", "id"), ForeignKeyAction::Cascade))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_kb_suggestions_token").table("kb_suggestions").col("token").col("article_id").unique().to_owned()).await?;
        m.create_index(Index::create().name("ix_kb_suggestions_article").table("kb_suggestions").col("article_id").to_owned()).await?;
        m.create_table(
            Table::create()
                .table("kb_misses")
                .if_not_exists()
                .col(pk_auto("id"))
                // The normalised text: the same question asked twice counts twice, once.
                .col(string_len("query_key", 200))
                .col(string_len("query", 200))
                // "search" (the knowledge base's search box) or "request" (a request's title).
                .col(string_len("source", 20))
                .col(integer("count"))
                .col(timestamp_with_time_zone("last_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_kb_misses_key").table("kb_misses").col("query_key").col("source").unique().to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["kb_misses", "kb_suggestions", "kb_feedback", "kb_images", "kb_generation", "kb_article_versions", "kb_articles"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
