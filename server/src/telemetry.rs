//! Structured logs with tracing: human-readable by default, JSON with PORTAL_LOG_FORMAT=json.
use tracing_subscriber::{fmt, EnvFilter};

use crate::config::Config;

pub fn init(config: &Config) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,tower_sessions=warn"));
    let builder = fmt().with_env_filter(filter).with_target(false);
    let _ = if config.log_json { builder.json().try_init() } else { builder.try_init() };
}
