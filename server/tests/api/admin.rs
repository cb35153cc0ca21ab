//! Creating organizations, sites and users; roles and activation.
use crate::{both, helpers::*};

both!(admins_create_organizations_with_unique_names, |app: TestApp| async move {
    let c = app.signed_in("admin@provider.example").await;
    let r = app.call(&c, "create_organization", &[("name", "  Initech  "), ("kind", "customer")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["name"], "Initech");
    let r = app.call(&c, "create_organization", &[("name", "Initech"), ("kind", "customer")]).await;
    assert_eq!(r.status, 422);
    assert_eq!(field_codes(&r.body), vec![("name".into(), "name_taken".into())]);
    let r = app.call(&c, "create_organization", &[("name", ""), ("kind", "provider")]).await;
    assert_eq!(field_codes(&r.body), vec![("name".into(), "required".into()), ("kind".into(), "invalid_choice".into())]);
    let names = app.call(&c, "list_organizations", &[]).await.body.to_string();
    assert_eq!(names.matches("Initech").count(), 1);
});

both!(sites_belong_to_organizations, |app: TestApp| async move {
    let c = app.signed_in("admin@provider.example").await;
    let acme = app.org_id("Acme Manufacturing").await.to_string();
    let r = app.call(&c, "create_site", &[("org_id", &acme), ("name", "Ningbo depot"), ("address", "7 Harbour Rd")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.call(&c, "create_site", &[("org_id", &acme), ("name", "Ningbo depot"), ("address", "")]).await;
    assert_eq!(field_codes(&r.body), vec![("name".into(), "name_taken".into())]);
    let detail = app.call(&c, "get_organization", &[("id", &acme)]).await.body;
    assert!(detail["sites"].to_string().contains("Ningbo depot"));
    let r = app.call(&c, "create_site", &[("org_id", "99999"), ("name", "x"), ("address", "")]).await;
    assert_eq!(r.status, 404);
});

both!(new_users_are_validated_field_by_field, |app: TestApp| async move {
    let c = app.signed_in("admin@provider.example").await;
    let acme = app.org_id("Acme Manufacturing").await.to_string();
    let globex = app.org_id("Globex Logistics").await;
    let globex_site = db::repo::sites::list_by_org(&app.db.conn, globex).await.unwrap()[0].id.to_string();
    let r = app
        .call(
            &c,
            "create_user",
            &[
                ("org_id", &acme),
                ("email", "not-an-email"),
                ("display_name", " "),
                ("phone", "call me"),
                ("role", "customer"),
                ("password", "short"),
                ("site_id", &globex_site),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(
        field_codes(&r.body),
        vec![
            ("email".into(), "invalid_email".into()),
            ("display_name".into(), "required".into()),
            ("phone".into(), "invalid_phone".into()),
            ("password".into(), "password_too_short".into()),
            ("site_id".into(), "invalid_choice".into()),
        ]
    );
    let r = app
        .call(
            &c,
            "create_user",
            &[
                ("org_id", &acme),
                ("email", "user@acme.example"),
                ("display_name", "Dup"),
                ("phone", ""),
                ("role", "customer"),
                ("password", "long enough pw"),
                ("site_id", ""),
            ],
        )
        .await;
    assert_eq!(field_codes(&r.body), vec![("email".into(), "email_taken".into())]);
    let r = app
        .call(
            &c,
            "create_user",
            &[
                ("org_id", &acme),
                ("email", "eng@acme.example"),
                ("display_name", "Eng"),
                ("phone", ""),
                ("role", "engineer"),
                ("password", "long enough pw"),
                ("site_id", ""),
            ],
        )
        .await;
    assert_eq!(field_codes(&r.body), vec![("role".into(), "role_not_for_org".into())]);
    assert!(db::repo::users::find_by_email(&app.db.conn, "eng@acme.example").await.unwrap().is_none(), "nothing saved");
});

both!(site_managers_add_customers_and_site_managers_only, |app: TestApp| async move {
    let lead = app.signed_in("lead@acme.example").await;
    let acme = app.org_id("Acme Manufacturing").await.to_string();
    let form = |email: &'static str, role: &'static str| {
        vec![
            ("org_id", acme.clone()),
            ("email", email.into()),
            ("display_name", "Someone".into()),
            ("phone", "".into()),
            ("role", role.into()),
            ("password", "long enough pw".into()),
            ("site_id", "".into()),
        ]
    };
    let call = |f: Vec<(&'static str, String)>| {
        let app = &app;
        let lead = &lead;
        async move {
            let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(lead, "create_user", &f).await
        }
    };
    assert_eq!(call(form("c1@acme.example", "customer")).await.status, 200);
    assert_eq!(call(form("c2@acme.example", "site_manager")).await.status, 200);
    let r = call(form("c3@acme.example", "admin")).await;
    assert_eq!(field_codes(&r.body), vec![("role".into(), "role_not_for_org".into())]);
    let new_user = client();
    let r = app.call(&new_user, "sign_in", &[("email", "c1@acme.example"), ("password", "long enough pw")]).await;
    assert!(signed_in_ok(&r));
    assert_eq!(app.call(&new_user, "current_user", &[]).await.body["role"], "customer");
});

both!(admins_change_roles_within_the_organization_kind, |app: TestApp| async move {
    let c = app.signed_in("admin@provider.example").await;
    let user = app.user_id("user@acme.example").await.to_string();
    let r = app.call(&c, "set_user_role", &[("user_id", &user), ("role", "site_manager")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let signed = app.signed_in("user@acme.example").await;
    assert_eq!(app.call(&signed, "current_user", &[]).await.body["role"], "site_manager");
    let r = app.call(&c, "set_user_role", &[("user_id", &user), ("role", "admin")]).await;
    assert_eq!(field_codes(&r.body), vec![("role".into(), "role_not_for_org".into())]);
    let me = app.user_id("admin@provider.example").await.to_string();
    let r = app.call(&c, "set_user_role", &[("user_id", &me), ("role", "engineer")]).await;
    assert_eq!(field_codes(&r.body), vec![("role".into(), "not_on_yourself".into())]);
    let r = app.call(&c, "set_user_active", &[("user_id", &me), ("active", "false")]).await;
    assert_eq!(field_codes(&r.body), vec![("active".into(), "not_on_yourself".into())]);
});

both!(concurrent_writes_all_succeed, |app: TestApp| async move {
    // Many users created at the same moment: no "database is locked", no lost write.
    let acme = app.org_id("Acme Manufacturing").await.to_string();
    let admin = app.signed_in("admin@provider.example").await;
    let mut tasks = vec![];
    for i in 0..24 {
        let (app_base, admin, acme) = (app.base.clone(), admin.clone(), acme.clone());
        tasks.push(tokio::spawn(async move {
            let email = format!("bulk{i}@acme.example");
            let res = admin
                .post(format!("{app_base}/api/create_user"))
                .header("origin", &app_base)
                .form(&[
                    ("org_id", acme.as_str()),
                    ("email", &email),
                    ("display_name", "Bulk"),
                    ("phone", ""),
                    ("role", "customer"),
                    ("password", "long enough pw"),
                    ("site_id", ""),
                ])
                .send()
                .await
                .unwrap();
            res.status().as_u16()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
    let acme_id: i32 = acme.parse().unwrap();
    let users = db::repo::users::list_by_org(&app.db.conn, acme_id).await.unwrap();
    assert_eq!(users.iter().filter(|u| u.email.starts_with("bulk")).count(), 24);
});
