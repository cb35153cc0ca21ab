//! Spare parts (issue 14): the provider's stock of parts by part model and location.
//!
//! - `part_stock` holds one row per part model and location, with a `CHECK (quantity >= 0)`
//!   as the last guard: taking parts is one conditional update (`quantity >= n`), so two
//!   engineers taking the last part at once cannot both succeed on either database.
//! - `stock_moves` is the history of every receipt, move and use; a use names the request
//!   and device it went into, with the serial numbers out and in, and is what the device's
//!   history shows as a part replaced.
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
                .table("part_models")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len_uniq("code", 64))
                .col(string_len("name", 200))
                .col(integer("minimum"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("stock_locations")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(string_len_uniq("name", 100))
                // Set for an engineer's kit.
                .col(integer_null("engineer_id"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("fk_stock_locations_engineer", "stock_locations", "engineer_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("part_stock")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("part_id"))
                .col(integer("location_id"))
                .col(integer("quantity").check(Expr::col("quantity").gte(0)))
                .foreign_key(&mut fk("fk_part_stock_part", "part_stock", "part_id", "part_models"))
                .foreign_key(&mut fk("fk_part_stock_location", "part_stock", "location_id", "stock_locations"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ux_part_stock").table("part_stock").col("part_id").col("location_id").unique().to_owned()).await?;
        m.create_table(
            Table::create()
                .table("stock_moves")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("part_id"))
                .col(string_len("kind", 16))
                .col(integer_null("from_location_id"))
                .col(integer_null("to_location_id"))
                .col(integer("quantity"))
                .col(integer_null("request_id"))
                .col(integer_null("device_id"))
                // The record made for a swapped whole device.
                .col(integer_null("new_device_id"))
                .col(string_len("old_serial", 100))
                .col(string_len("new_serial", 100))
                .col(integer("actor_id"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("fk_stock_moves_part", "stock_moves", "part_id", "part_models"))
                .foreign_key(&mut fk("fk_stock_moves_request", "stock_moves", "request_id", "requests"))
                .foreign_key(&mut fk("fk_stock_moves_device", "stock_moves", "device_id", "devices"))
                .foreign_key(&mut fk("fk_stock_moves_actor", "stock_moves", "actor_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_stock_moves_part").table("stock_moves").col("part_id").col("id").to_owned()).await?;
        m.create_index(Index::create().name("ix_stock_moves_device").table("stock_moves").col("device_id").to_owned()).await?;
        m.create_index(Index::create().name("ix_stock_moves_request").table("stock_moves").col("request_id").to_owned()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["stock_moves", "part_stock", "stock_locations", "part_models"] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
