//! Schema migrations, run at every start (`connect`). Never edit one that has shipped: add
//! the next `mYYYYMMDD_NNNNNN_what.rs` and list it below.
use sea_orm_migration::prelude::*;

mod m20261122_000001_accounts;
mod m20261122_000002_requests;
mod m20261122_000003_request_indexes;
mod m20261122_000004_request_list_indexes;
mod m20261122_000005_staff_work;
mod m20261122_000006_surveys;
mod m20261122_000007_training;
mod m20261129_000001_mail_claims;
mod m20261129_000002_contract_versions;
mod m20261130_000001_unread_notifications;
mod m20261130_000002_devices;
mod m20261130_000003_request_device;
mod m20261130_000004_spare_parts;
mod m20261130_000005_upgrade_plans;
mod m20261130_000006_site_profiles;
mod m20261130_000007_device_configs;
mod m20261130_000008_site_software;
mod m20261130_000009_device_search_trgm;
mod m20261130_000010_inspections;
mod m20261130_000011_assurance;
mod m20261201_000001_knowledge;
mod m20261202_000001_mail_notifications;
mod m20261202_000002_complaints;
mod m20261203_000001_reports;
mod m20261204_000001_job_indexes;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_accounts::Migration),
            Box::new(m20261122_000002_requests::Migration),
            Box::new(m20261122_000003_request_indexes::Migration),
            Box::new(m20261122_000004_request_list_indexes::Migration),
            Box::new(m20261122_000005_staff_work::Migration),
            Box::new(m20261122_000006_surveys::Migration),
            Box::new(m20261122_000007_training::Migration),
            Box::new(m20261129_000001_mail_claims::Migration),
            Box::new(m20261129_000002_contract_versions::Migration),
            Box::new(m20261130_000001_unread_notifications::Migration),
            Box::new(m20261130_000002_devices::Migration),
            Box::new(m20261130_000003_request_device::Migration),
            Box::new(m20261130_000004_spare_parts::Migration),
            Box::new(m20261130_000005_upgrade_plans::Migration),
            Box::new(m20261130_000006_site_profiles::Migration),
            Box::new(m20261130_000007_device_configs::Migration),
            Box::new(m20261130_000008_site_software::Migration),
            Box::new(m20261130_000009_device_search_trgm::Migration),
            Box::new(m20261130_000010_inspections::Migration),
            Box::new(m20261130_000011_assurance::Migration),
            Box::new(m20261201_000001_knowledge::Migration),
            Box::new(m20261202_000001_mail_notifications::Migration),
            Box::new(m20261202_000002_complaints::Migration),
            Box::new(m20261203_000001_reports::Migration),
            Box::new(m20261204_000001_job_indexes::Migration),
        ]
    }
}
