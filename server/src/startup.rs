//! Builds the whole application: database, state, router, middleware; binds the address.
use std::{net::SocketAddr, sync::Arc, time::Duration};

use axum::{
    extract::{DefaultBodyLimit, FromRef},
    middleware,
    routing::{get, post},
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tokio::net::TcpListener;
use tower_http::{compression::CompressionLayer, trace::TraceLayer};
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};

use app::{
    shell,
    ssr::{
        limiter::{self, KeyLimiter},
        AppState, SignInLimiter,
    },
    App,
};

use crate::{
    attachments,
    config::{Config, Mode},
    health, jobs, lang, live, middleware as mw,
    session_store::DbSessionStore,
};

/// The router's state: what Leptos needs and what our handlers need.
#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    config: Config,
    demo_loaded: bool,
    pub state: AppState,
}

impl Application {
    pub async fn build(config: Config) -> Result<Application, String> {
        if config.database_url.expose().starts_with("sqlite:") {
            std::fs::create_dir_all(&config.data_dir).map_err(|e| format!("cannot create {}: {e}", config.data_dir.display()))?;
        }
        let db = db::connect(config.database_url.expose()).await.map_err(|e| format!("database {}: {e}", db::connect::redact(config.database_url.expose())))?;
        let demo_loaded = match config.mode {
            Mode::Demo => db::seed::demo(&db).await.map_err(|e| format!("loading demo data: {e}"))?,
            Mode::Production => {
                let (Some(email), Some(password)) = (&config.admin_email, &config.admin_password) else {
                    if db::repo::users::count(&db.conn).await.map_err(|e| e.to_string())? == 0 {
                        return Err("production start on an empty database: set PORTAL_ADMIN_EMAIL and PORTAL_ADMIN_PASSWORD for the first admin".into());
                    }
                    return Self::finish(config, db, false).await;
                };
                let mut errors = vec![];
                let email = domain::validation::email("email", email, &mut errors);
                domain::validation::new_password("password", &password.0, &email, &mut errors);
                if !errors.is_empty() {
                    return Err(format!("PORTAL_ADMIN_EMAIL / PORTAL_ADMIN_PASSWORD rejected: {errors:?}"));
                }
                if db::seed::first_admin(&db, &config.provider_name, &email, &password.0).await.map_err(|e| e.to_string())? {
                    tracing::info!(%email, "first admin created");
                }
                false
            }
        };
        Self::finish(config, db, demo_loaded).await
    }

    async fn finish(config: Config, db: db::Db, demo_loaded: bool) -> Result<Application, String> {
        db::seed::checklist(&db).await.map_err(|e| format!("checklist template: {e}"))?;
        let state = AppState {
            db: db.clone(),
            limiter: Arc::new(SignInLimiter::new(config.signin_per_account, config.signin_per_address, config.signin_window)),
            password_limiter: Arc::new(KeyLimiter::new(limiter::PASSWORD_CHANGES, limiter::PASSWORD_CHANGE_WINDOW)),
            trusted_proxies: Arc::new(config.trusted_proxies.clone()),
            session_absolute: chrono::Duration::from_std(config.session_absolute).unwrap_or(chrono::Duration::hours(12)),
            big_lists: Arc::default(),
            live_head: Arc::default(),
            public_url: config.public_url.trim_end_matches('/').into(),
            kb: Arc::default(),
        };
        // Load the knowledge base's search index now rather than on the first search.
        tokio::spawn({
            let (kb, db) = (state.kb.clone(), db.clone());
            async move {
                if let Err(e) = kb.refresh(&db.conn).await {
                    tracing::warn!(error = ?e, "knowledge base index not loaded at start");
                }
            }
        });
        let pg_url = (db.kind == db::DbKind::Postgres).then(|| config.database_url.expose().to_string());
        let hub = live::spawn_pump(db.clone(), pg_url, state.live_head.clone());
        let listener = TcpListener::bind(config.addr).await.map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let router = router(&config, state.clone(), hub, addr);
        jobs::spawn_session_cleanup(db.clone());
        jobs::spawn_auto_close(db.clone(), Duration::from_secs(60));
        let mailer = crate::mail::Mailer::new(&config.mail_from, config.smtp_url.as_ref().map(|s| s.0.as_str()), config.mail_dir.clone())?;
        crate::mail::spawn_delivery(db.clone(), mailer, config.survey_every);
        crate::survey_jobs::spawn(db.clone(), crate::survey_jobs::Links { base: config.public_url.clone() }, config.survey_every);
        crate::training_jobs::spawn(db.clone(), config.survey_every);
        crate::inspection_jobs::spawn(db.clone(), state.public_url.clone(), config.survey_every);
        // As often as the outbox goes (mail) and at least as often as the escalation check (SLA warnings).
        crate::notify_jobs::spawn(db.clone(), state.public_url.clone(), config.survey_every.min(config.escalation_every));
        jobs::spawn_escalation(db, config.escalation_every);
        Ok(Application { listener, router, config, demo_loaded, state })
    }

    /// The whole router, for tests that drive a request by hand (e.g. drop it half-way).
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// What `main` prints: where to go and, in demo mode, how to sign in.
    pub fn banner(&self) -> String {
        let addr = self.listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
        let mut s = format!("Service portal listening on http://{addr}\n");
        if self.config.mode == Mode::Demo {
            s.push_str(if self.demo_loaded { "Demo data loaded. Sign in as:\n" } else { "Demo sign-ins:\n" });
            for a in db::seed::DEMO_ACCOUNTS {
                s.push_str(&format!("  {:<30} {:<12} ({})\n", a.email, a.role.as_str(), a.org));
            }
            s.push_str(&format!("  password for all: {}\n", db::seed::DEMO_PASSWORD));
        }
        s
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        axum::serve(self.listener, self.router.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(shutdown_signal()).await
    }
}

fn router(config: &Config, state: AppState, hub: live::LiveHub, addr: SocketAddr) -> Router {
    let mut leptos_options =
        LeptosOptions::builder().output_name("portal").site_root(config.site_root.display().to_string()).site_pkg_dir("pkg").site_addr(addr).build();
    // Hashed bundle names from hash.txt, which the release build writes beside the binary.
    // Only when it is there: Leptos's hydration scripts panic on a missing one (a test
    // binary, a plain `cargo build`), and the plain names are right then.
    leptos_options.hash_files = app::shell::hash_file(&leptos_options.hash_file).is_some_and(|p| p.is_file());
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let server_state = ServerState { leptos_options: leptos_options.clone(), app: state.clone() };
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name("portal_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(config.session_idle.as_secs() as i64)));

    let live_routes = Router::new().route("/live", get(live::stream)).with_state(live::LiveState { app: state.clone(), hub });
    let file_routes = Router::new()
        .route("/requests/{number}/attachments", post(attachments::upload))
        .route("/attachments/{id}", get(attachments::download))
        .route("/surveys/results.csv", get(crate::survey_export::download))
        .route("/reports/export.csv", get(crate::report_export::csv))
        .route("/reports/export.xlsx", get(crate::report_export::xlsx))
        .route("/training/{id}/calendar.ics", get(crate::training_files::calendar))
        .route("/training/{id}/attendees.csv", get(crate::training_files::attendees))
        .route("/s/{token}", post(crate::survey_form::answer))
        .route("/requests/{number}/survey", post(crate::survey_form::answer_signed_in))
        .route("/training/{id}/feedback", post(crate::survey_form::training_feedback))
        .route("/equipment/devices.csv", get(crate::device_files::export))
        .route("/equipment/import", post(crate::device_files::upload))
        .route("/equipment/{id}/configs/upload", post(crate::device_files::upload_config))
        .route("/equipment/configs/{id}", get(crate::device_files::config_file))
        .route("/inspections/{id}/answers", post(crate::inspection_form::answers))
        .route("/inspections/{id}/photos", post(crate::inspection_form::photo_upload))
        .route("/inspections/photos/{id}", get(crate::inspection_form::photo))
        .route("/kb/{id}/images", post(crate::kb_files::upload))
        .route("/kb/images/{id}", get(crate::kb_files::image))
        .route("/mail/unsubscribe/{token}/one-click", post(crate::unsubscribe::one_click))
        .layer(DefaultBodyLimit::max(
            domain::attachment::MAX_BYTES.max(crate::device_files::MAX_IMPORT_BYTES).max(domain::equipment::config_backup::MAX_CONFIG_BYTES) + 64 * 1024,
        ))
        .with_state(state.clone());

    // The build's own files: outside sessions and the page guard (they are the same for
    // everyone), precompressed at build time and kept by browsers for a year.
    let pkg = crate::assets::pkg_service(&config.site_root.join("pkg"));

    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/lang/{code}", get(lang::set_lang))
        .leptos_routes_with_context(&server_state, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<ServerState, _>(context, shell))
        // Pages and server functions finish even when the client hangs up (not /live, whose
        // stream must end with its connection; not the file routes, which hold no render).
        .layer(middleware::from_fn(mw::run_to_completion))
        // At most a few renders at once, the rest queued in order: 64 renders sharing two
        // cores all finish late (and the database's worker threads thrash), a queue served
        // at full speed finishes most of them sooner. Not `/live` or files (merged below).
        .layer(tower::limit::ConcurrencyLimitLayer::new(config.render_concurrency))
        .layer(middleware::from_fn(crate::form_done::mark_done))
        .merge(live_routes)
        .merge(file_routes)
        .layer(middleware::from_fn_with_state(state, mw::page_guard))
        // Activity pushes the idle expiry forward (at most one write a minute); inside the
        // cross-site check, so a refused request is not activity.
        .layer(middleware::from_fn_with_state(crate::session_touch::Touch::new(config.session_idle), crate::session_touch::touch))
        .layer(middleware::from_fn(mw::reject_cross_site))
        .layer(sessions)
        .nest_service("/pkg", pkg)
        .layer(middleware::from_fn_with_state(config.secure_cookies, mw::security_headers))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(server_state)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
