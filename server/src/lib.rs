//! The portal's server: configuration, the axum router around the Leptos app, sessions,
//! security middleware and background jobs. `startup::Application` is what both `main` and
//! the integration tests start.
// The whole page is one nested view type in builds without `erase_components` (the tests);
// the layout with its phone bars goes past the default depth of 128.
#![recursion_limit = "256"]
pub mod assets;
pub mod attachments;
pub mod backup;
pub mod config;
pub mod device_files;
pub mod download;
pub mod form_done;
pub mod health;
pub mod inspection_form;
pub mod inspection_jobs;
pub mod jobs;
pub mod kb_files;
pub mod lang;
pub mod live;
pub mod mail;
pub mod middleware;
pub mod notify_jobs;
pub mod report_export;
pub mod session_store;
pub mod session_touch;
pub mod startup;
pub mod survey_export;
pub mod survey_form;
pub mod survey_jobs;
pub mod telemetry;
pub mod training_files;
pub mod training_jobs;
pub mod unsubscribe;
