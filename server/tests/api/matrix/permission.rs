//! Test 1: the matrix, and its completeness.
use super::*;

pub(super) async fn permission_matrix(backend: Backend) {
    let Some((app, prefix)) = start(backend, "matrix").await else { return };
    let started = Instant::now();
    let env = Env::new(app).await;
    let table = functions();
    let mut failures: Vec<String> = vec![];

    // Completeness: the registered server functions are exactly the table's.
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p.trim_start_matches("/api/").to_string()).collect();
    let listed: BTreeSet<String> = table.iter().map(|e| e.f.to_string()).collect();
    assert_eq!(listed.len(), table.len(), "an endpoint is listed twice");
    let missing: Vec<&String> = registered.difference(&listed).collect();
    let stale: Vec<&String> = listed.difference(&registered).collect();
    assert!(missing.is_empty() && stale.is_empty(), "server functions without a matrix entry: {missing:?}; entries of no server function: {stale:?}");

    for entry in &table {
        let expect = statuses(entry.expect);
        for (a, (actor, _)) in ACTORS.iter().enumerate() {
            let c = (entry.build)(env.clone(), a).await;
            if !entry.json && !matches!(entry.f, "create_contract" | "update_contract" | "save_training") {
                let keys: Vec<String> = c.args.iter().map(|(k, _)| k.clone()).collect();
                let want: Vec<String> = declared(entry).into_iter().map(|(k, _)| k).collect();
                assert_eq!(keys, want, "{}: the builder's arguments differ from the declared ones", entry.f);
            }
            let got = match make(&env, entry, a, &c).await {
                Ok(r) if r.status == expect[a] => continue,
                Ok(r) => format!("{} {}", r.status, r.body.chars().take(200).collect::<String>()),
                Err(e) => e,
            };
            failures.push(format!("{} as {actor}: expected {}, got {got}", entry.f, expect[a]));
        }
        if entry.f == "change_password" {
            // The session that changed the password stays signed in; then everyone gets the
            // demo password back (and signs in again, should the change have ended a session).
            for (a, (actor, email)) in ACTORS.iter().enumerate().skip(1) {
                let me = env.app().call(&env.0.clients[a], "current_user", &[]).await;
                if me.body["email"] != email.unwrap() {
                    failures.push(format!("change_password as {actor}: the caller's own session ended ({} {})", me.status, me.body));
                }
                env.restore_password(a).await;
                let r = env.app().call(&env.0.clients[a], "sign_in", &[("email", email.unwrap()), ("password", PASSWORD)]).await;
                assert!(signed_in_ok(&r), "signing {actor} in again: {}", r.body);
            }
        }
    }

    // Pages and routes.
    let registered = registered_routes();
    let listed: BTreeSet<String> = ROUTES.iter().map(|r| r.pattern.to_string()).collect();
    let missing: Vec<&String> = registered.difference(&listed).collect();
    let stale: Vec<&String> = listed.difference(&registered).collect();
    assert!(missing.is_empty() && stale.is_empty(), "routes without an entry: {missing:?}; entries of no route: {stale:?}");
    let (number, attachment) = env.attachment().await;
    let plan = env.new_plan().await;
    let config =
        db::repo::device_configs::insert(&env.app().db.conn, env.0.device, "running.cfg", "hostname core-sw\n".into(), 0, env.0.users[2]).await.unwrap().id;
    let inspection = env.inspection("in_progress").await.id;
    let photo = db::repo::inspections::insert_photo(
        &env.app().db.conn,
        db::entity::inspection_photo::ActiveModel {
            inspection_id: Set(inspection),
            device_id: Set(0),
            item_key: Set("15".into()),
            filename: Set("room.png".into()),
            content_type: Set("image/png".into()),
            size: Set(PNG_BYTES.len() as i64),
            data: Set(PNG_BYTES.to_vec()),
            uploaded_by: Set(env.0.engineer),
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .id;
    let article = env.article().await;
    let kb_image = db::repo::kb_usage::add_image(&env.app().db.conn, article, "jam.png", "image/png", PNG_BYTES.to_vec(), env.0.users[8]).await.unwrap().id;
    let ids = RouteIds {
        inspection,
        photo,
        article,
        kb_image,
        contract: env.0.contract,
        assurance: env.assurance(true).await,
        org: env.0.acme,
        session: env.0.session,
        attachment,
        device: env.0.device,
        import: env.0.import,
        plan,
        site: env.0.acme_site,
        config,
        number,
        token: env.0.token.clone(),
        mail_token: env.mail_token().await,
        complaint: env.complaint(false).await,
    };
    for route in ROUTES {
        let expect = statuses(route.expect);
        let path = example(route.pattern, &ids);
        for (a, (actor, _)) in ACTORS.iter().enumerate() {
            let got = match hit(&env, &env.0.clients[a], route.method, &path).await {
                Ok(r) if r.status == expect[a] => {
                    if r.status == 303 && a == 0 && route.method == "GET" && !route.pattern.starts_with("/lang/") && !r.location.starts_with("/sign-in") {
                        format!("303 to {}", r.location)
                    } else {
                        continue;
                    }
                }
                Ok(r) => format!("{} {}", r.status, r.body.chars().take(120).collect::<String>()),
                Err(e) => e,
            };
            failures.push(format!("{} {path} as {actor}: expected {}, got {got}", route.method, expect[a]));
        }
    }
    let panics = panics_of(&prefix);
    eprintln!("permission matrix ({backend:?}): {} functions, {} routes, {} actors in {:.1?}", table.len(), ROUTES.len(), ACTORS.len(), started.elapsed());
    assert!(failures.is_empty() && panics.is_empty(), "{} mismatches:\n{}\npanics: {panics:#?}", failures.len(), failures.join("\n"));
}

mod permission_matrix {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    pub(super) async fn sqlite() {
        permission_matrix(Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    pub(super) async fn postgres() {
        permission_matrix(Backend::Postgres).await
    }
}
