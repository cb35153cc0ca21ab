//! Configuration backups through the real router, on SQLite and PostgreSQL: each upload is a
//! new version, secrets masked before storing when asked; two versions compare line by line;
//! the organization reads them; another organization never does; customers cannot upload.
use crate::{both, helpers::*};

async fn upload(app: &TestApp, c: &reqwest::Client, device: i64, text: &str, mask: bool) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(text.as_bytes().to_vec()).file_name("running-config.txt").mime_str("text/plain").unwrap());
    if mask {
        form = form.text("mask", "on");
    }
    c.post(format!("{}/equipment/{device}/configs/upload", app.base)).header("origin", &app.base).multipart(form).send().await.unwrap()
}

both!(each_backup_is_a_version_with_its_secrets_masked_and_versions_compare, |app: TestApp| async move {
    let lead = app.signed_in("lead@acme.example").await;
    let customer = app.signed_in("user@acme.example").await;
    let other = app.signed_in("lead@globex.example").await;
    let orgs = db::repo::organizations::list(&app.db.conn).await.unwrap();
    let acme = orgs.iter().find(|o| o.name == "Acme Manufacturing").unwrap().id;
    let site = db::repo::sites::list_by_org(&app.db.conn, acme).await.unwrap()[0].id;
    let input = domain::equipment::DeviceForm { category: "network".into(), status: "in_service".into(), name: "Core switch".into(), ..Default::default() }
        .check()
        .unwrap();
    let device = db::repo::devices::insert(&app.db.conn, acme, site, &input, app.user_id("lead@acme.example").await).await.unwrap().id as i64;

    let v1 = "hostname core-sw\nenable secret 5 $1$abc$xyz\nsnmp-server community Publ1c RO\ninterface Gi0/1\n description uplink\n";
    let r = upload(&app, &lead, device, v1, true).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], format!("/equipment/{device}?config=saved#configs"));
    // Nothing chosen, or not text: back with the reason, nothing kept.
    let r = upload(&app, &lead, device, "", true).await;
    assert_eq!(r.headers()["location"], format!("/equipment/{device}?config_error=empty#configs"));
    // Customers read but do not upload; another organization gets "not found".
    assert_eq!(upload(&app, &customer, device, v1, true).await.status(), 403);
    assert_eq!(upload(&app, &other, device, v1, true).await.status(), 404);

    let v2 = v1.replace("description uplink", "description uplink to core-2").replace("interface Gi0/1\n", "interface Gi0/1\n shutdown\n");
    assert_eq!(upload(&app, &lead, device, &v2, false).await.status(), 303);

    let d = app.call(&customer, "get_device", &[("id", &device.to_string())]).await.body;
    let versions = d["configs"].as_array().unwrap();
    assert_eq!(versions.iter().map(|v| v["number"].as_i64().unwrap()).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(versions[1]["masked_lines"], 2, "{d}");
    assert_eq!(versions[0]["masked_lines"], 0);
    assert!(d["history"].as_array().unwrap().iter().any(|e| e["what"]["Config"]["number"] == 2));

    // The stored first version has no secret in it; the file is served to the organization only.
    let first = versions[1]["id"].as_i64().unwrap();
    let r = app.get(&customer, &format!("/equipment/configs/{first}")).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let text = r.text().await.unwrap();
    assert!(text.contains("enable secret 5 ******") && text.contains("snmp-server community ****** RO"), "{text}");
    assert!(!text.contains("Publ1c") && !text.contains("$1$abc"), "{text}");
    assert_eq!(app.get(&other, &format!("/equipment/configs/{first}")).await.status(), 404);

    // The latest against the one before: what changed, with the counts.
    let diff = app.call(&customer, "compare_configs", &[("device_id", &device.to_string()), ("from", "0"), ("to", "0")]).await.body;
    assert_eq!((diff["added"].as_i64(), diff["removed"].as_i64()), (Some(4), Some(3)), "{diff}");
    let lines: Vec<(String, String)> =
        diff["lines"].as_array().unwrap().iter().map(|l| (l[0].as_str().unwrap().to_string(), l[1].as_str().unwrap().to_string())).collect();
    assert!(lines.contains(&("added".into(), " shutdown".into())), "{lines:?}");
    assert!(lines.contains(&("removed".into(), " description uplink".into())), "{lines:?}");
    assert_eq!(app.call(&other, "compare_configs", &[("device_id", &device.to_string()), ("from", "0"), ("to", "0")]).await.status, 404);
    // A version of another device is refused at its field.
    let r = app.call(&customer, "compare_configs", &[("device_id", &device.to_string()), ("from", "999999"), ("to", "0")]).await;
    assert_eq!(field_codes(&r.body), [("from".to_string(), "invalid_choice".to_string())]);
    // The page shows the comparison.
    let page = app.get(&customer, &format!("/equipment/{device}/configs")).await.text().await.unwrap();
    assert!(page.contains("data-diff=\"added\"") && page.contains("shutdown"), "the comparison page renders");
});
