//! Production start: no demo data, a first admin from configuration.
use server::{
    config::{Config, Mode, Secret},
    startup::Application,
};

use crate::helpers::*;

#[tokio::test]
async fn production_start_creates_the_first_admin_and_no_demo_data() {
    let url = fresh_database(Backend::Sqlite).await.unwrap();
    let mut config = Config::for_tests(&url);
    config.mode = Mode::Production;
    let err = Application::build(config.clone()).await.err().expect("refuses without an admin");
    assert!(err.contains("PORTAL_ADMIN_EMAIL"), "{err}");

    config.admin_email = Some("root@provider.example".into());
    config.admin_password = Some(Secret("short".into()));
    assert!(Application::build(config.clone()).await.is_err(), "a weak password is refused");

    config.admin_password = Some(Secret("a long admin password".into()));
    let app = Application::build(config.clone()).await.unwrap();
    let orgs = db::repo::organizations::list(&app.state.db.conn).await.unwrap();
    assert_eq!(orgs.len(), 1, "only the provider");
    assert_eq!(db::repo::users::count(&app.state.db.conn).await.unwrap(), 1);
    assert!(format!("{:?}", config.admin_password).contains("***"), "secrets never print");
    drop(app);
    // A restart with the same settings changes nothing.
    let app = Application::build(config).await.unwrap();
    assert_eq!(db::repo::users::count(&app.state.db.conn).await.unwrap(), 1);
}

#[tokio::test]
async fn demo_data_loads_once() {
    let url = fresh_database(Backend::Sqlite).await.unwrap();
    let app = Application::build(Config::for_tests(&url)).await.unwrap();
    let n = db::repo::users::count(&app.state.db.conn).await.unwrap();
    assert_eq!(n as usize, db::seed::DEMO_ACCOUNTS.len());
    drop(app);
    let app = Application::build(Config::for_tests(&url)).await.unwrap();
    assert_eq!(db::repo::users::count(&app.state.db.conn).await.unwrap(), n);
}
