//! The equipment archive (issue 14): one row per device at a customer's site.
//!
//! - `organization_id` repeats the site's organization so that every list a customer sees
//!   is scoped by one indexed column, without a join.
//! - A serial number names one device within an organization: a partial unique index over
//!   the rows that have one (a CSV import matches rows to devices by it).
//! - `search` holds the searchable fields lower-cased in one string (serial, asset number,
//!   name, model, vendor, addresses), so a search is one `LIKE` over one column.
//! - `device_imports` keeps an uploaded CSV list until it is applied.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn fk_of(name: &str, from: &'static str, col: &'static str, to: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create().name(name).from(from, col).to(to, "id").on_delete(ForeignKeyAction::Restrict).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let fk = |name: &str, col: &'static str, to: &'static str| fk_of(name, "devices", col, to);
        m.create_table(
            Table::create()
                .table("devices")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("organization_id"))
                .col(integer("site_id"))
                .col(string_len("category", 16))
                .col(string_len("vendor", 100))
                .col(string_len("model", 100))
                .col(string_len("serial", 64))
                .col(string_len("asset_number", 64))
                .col(string_len("name", 120))
                .col(string_len("location", 200))
                .col(text("ips"))
                .col(date_null("purchase_date"))
                .col(date_null("warranty_end"))
                .col(string_len("service_level", 100))
                .col(string_len("firmware", 100))
                .col(string_len("status", 16))
                .col(text("config_notes"))
                .col(text("search"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .col(integer("updated_by"))
                .col(integer("version"))
                .foreign_key(&mut fk("fk_devices_org", "organization_id", "organizations"))
                .foreign_key(&mut fk("fk_devices_site", "site_id", "sites"))
                .foreign_key(&mut fk("fk_devices_updated_by", "updated_by", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(Index::create().name("ix_devices_org_name").table("devices").col("organization_id").col("name").to_owned()).await?;
        m.create_index(Index::create().name("ix_devices_site").table("devices").col("site_id").to_owned()).await?;
        m.create_index(Index::create().name("ix_devices_asset").table("devices").col("asset_number").to_owned()).await?;
        m.create_index(Index::create().name("ix_devices_warranty").table("devices").col("warranty_end").to_owned()).await?;
        m.get_connection().execute_unprepared("CREATE UNIQUE INDEX ux_devices_org_serial ON devices (organization_id, serial) WHERE serial <> ''").await?;
        // An uploaded CSV device list, kept until it is applied: the preview page reads it,
        // and nothing a site manager uploaded is lost to a reload or a server restart.
        m.create_table(
            Table::create()
                .table("device_imports")
                .if_not_exists()
                .col(pk_auto("id"))
                .col(integer("organization_id"))
                .col(integer("created_by"))
                .col(string_len("file_name", 200))
                .col(text("content"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("applied_at"))
                .foreign_key(&mut fk_of("fk_device_imports_org", "device_imports", "organization_id", "organizations"))
                .foreign_key(&mut fk_of("fk_device_imports_user", "device_imports", "created_by", "users"))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("device_imports").to_owned()).await?;
        m.drop_table(Table::drop().table("devices").to_owned()).await
    }
}
