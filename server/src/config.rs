//! Typed configuration from environment variables, read once at start-up. Every setting has
//! a default that runs the portal on a laptop; the README lists them all.
use std::{fmt, net::SocketAddr, path::PathBuf, time::Duration};

use app::ssr::limiter::TrustedProxies;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Loads the demo organizations and users into an empty database.
    Demo,
    /// Loads nothing; creates the first admin from PORTAL_ADMIN_EMAIL / PORTAL_ADMIN_PASSWORD.
    Production,
}

/// A secret that never prints.
#[derive(Clone)]
pub struct Secret(pub String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    /// May hold a password: never printed (`Secret`), logged only through `db::connect::redact`.
    pub database_url: Secret,
    pub data_dir: PathBuf,
    /// Where cargo-leptos put the compiled site (`/pkg`, icons, manifest).
    pub site_root: PathBuf,
    pub mode: Mode,
    /// Set the `Secure` cookie flag and HSTS (serve over https).
    pub secure_cookies: bool,
    pub session_idle: Duration,
    pub session_absolute: Duration,
    pub signin_per_account: u32,
    pub signin_per_address: u32,
    pub signin_window: Duration,
    pub admin_email: Option<String>,
    pub admin_password: Option<Secret>,
    pub provider_name: String,
    pub log_json: bool,
    /// How often the escalation job looks for missed deadlines.
    pub escalation_every: Duration,
    /// Where links in mails point (`PORTAL_PUBLIC_URL`; by default this server's address).
    pub public_url: String,
    pub mail_from: String,
    /// SMTP relay (`PORTAL_SMTP_URL`); without one, mail is written as files to `mail_dir`.
    pub smtp_url: Option<Secret>,
    pub mail_dir: PathBuf,
    /// How often surveys due are sent and the outbox delivered (`PORTAL_SURVEY_SECONDS`).
    pub survey_every: Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`PORTAL_TRUSTED_PROXIES`).
    pub trusted_proxies: TrustedProxies,
    /// Pages and server functions run at once (`PORTAL_RENDER_CONCURRENCY`, default twice the
    /// cores); the others wait their turn in order (see `startup::router`).
    pub render_concurrency: usize,
}

/// Twice the cores: enough to keep them busy while some renders wait on the database.
fn default_render_concurrency() -> usize {
    2 * std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2)
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn parse<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match var(name) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| format!("{name}={v} is not valid")),
    }
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let data_dir = PathBuf::from(var("PORTAL_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL").unwrap_or_else(|| format!("sqlite://{}?mode=rwc", data_dir.join("portal.db").display()));
        let addr = var("PORTAL_ADDR").or_else(|| var("LEPTOS_SITE_ADDR")).unwrap_or_else(|| "127.0.0.1:3000".into());
        let addr: SocketAddr = addr.parse().map_err(|_| format!("PORTAL_ADDR={addr} is not an address like 127.0.0.1:3000"))?;
        let mode = match var("PORTAL_MODE").as_deref() {
            None | Some("demo") => Mode::Demo,
            Some("production") => Mode::Production,
            Some(other) => return Err(format!("PORTAL_MODE={other}: use demo or production")),
        };
        let public_url = var("PORTAL_PUBLIC_URL").unwrap_or_default();
        let config = Config {
            addr,
            database_url: Secret(database_url),
            site_root: PathBuf::from(var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into())),
            mail_dir: var("PORTAL_MAIL_DIR").map(PathBuf::from).unwrap_or_else(|| data_dir.join("mail")),
            data_dir,
            mode,
            secure_cookies: parse("PORTAL_SECURE_COOKIES", public_url.starts_with("https://"))?,
            session_idle: Duration::from_secs(60 * parse::<u64>("PORTAL_SESSION_IDLE_MINUTES", 120)?),
            session_absolute: Duration::from_secs(3600 * parse::<u64>("PORTAL_SESSION_ABSOLUTE_HOURS", 12)?),
            signin_per_account: parse("PORTAL_SIGNIN_PER_ACCOUNT", 5)?,
            signin_per_address: parse("PORTAL_SIGNIN_PER_ADDRESS", 30)?,
            signin_window: Duration::from_secs(60 * parse::<u64>("PORTAL_SIGNIN_WINDOW_MINUTES", 15)?),
            admin_email: var("PORTAL_ADMIN_EMAIL"),
            admin_password: var("PORTAL_ADMIN_PASSWORD").map(Secret),
            provider_name: var("PORTAL_PROVIDER_NAME").unwrap_or_else(|| "IT Service Provider".into()),
            log_json: var("PORTAL_LOG_FORMAT").as_deref() == Some("json"),
            escalation_every: Duration::from_secs(parse::<u64>("PORTAL_ESCALATION_SECONDS", 15)?),
            public_url: if public_url.is_empty() { format!("http://{addr}") } else { public_url.clone() },
            mail_from: var("PORTAL_MAIL_FROM").unwrap_or_else(|| "Service portal <portal@localhost>".into()),
            smtp_url: var("PORTAL_SMTP_URL").map(Secret),
            survey_every: Duration::from_secs(parse::<u64>("PORTAL_SURVEY_SECONDS", 30)?.max(1)),
            trusted_proxies: TrustedProxies::parse(&var("PORTAL_TRUSTED_PROXIES").unwrap_or_default()).map_err(|e| format!("PORTAL_TRUSTED_PROXIES: {e}"))?,
            render_concurrency: parse("PORTAL_RENDER_CONCURRENCY", default_render_concurrency())?.max(1),
        };
        Ok(config)
    }

    /// A configuration for tests: port 0 and the given database.
    pub fn for_tests(database_url: &str) -> Config {
        Config {
            addr: "127.0.0.1:0".parse().unwrap(),
            database_url: Secret(database_url.to_string()),
            data_dir: std::env::temp_dir(),
            site_root: PathBuf::from("target/site"),
            mode: Mode::Demo,
            secure_cookies: false,
            session_idle: Duration::from_secs(3600),
            session_absolute: Duration::from_secs(12 * 3600),
            signin_per_account: 5,
            signin_per_address: 1000,
            signin_window: Duration::from_secs(900),
            admin_email: None,
            admin_password: None,
            provider_name: "Test Provider".into(),
            log_json: false,
            escalation_every: Duration::from_secs(3600),
            public_url: "http://portal.test".into(),
            mail_from: "Test Portal <portal@test.example>".into(),
            smtp_url: None,
            mail_dir: std::env::temp_dir().join(format!("portal-test-mail-{}", std::process::id())),
            // Tests run the survey job themselves, at the times they choose.
            survey_every: Duration::from_secs(3600),
            trusted_proxies: TrustedProxies::default(),
            render_concurrency: default_render_concurrency(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_and_smtp_urls_never_print() {
        let mut c = Config::for_tests("postgres://portal:db-password@db.example/portal");
        c.smtp_url = Some(Secret("smtp://mailer:smtp-password@mail.example:587".into()));
        let printed = format!("{c:?} {c:#?}");
        assert!(!printed.contains("db-password") && !printed.contains("smtp-password"), "{printed}");
        assert!(!printed.contains("db.example") && !printed.contains("mail.example"), "{printed}");
    }
}
