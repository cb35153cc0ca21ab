//! The equipment archive through the real router, on SQLite and PostgreSQL: a site manager
//! adds and edits their organization's devices, every problem comes back at its field and
//! nothing is saved; serial numbers are unique within an organization; a stale form is
//! refused; search and filters; customers of another organization never see a device.
use serde_json::Value;

use crate::{both, helpers::*};

fn form(site: i32, name: &str, serial: &str) -> Vec<(String, String)> {
    [
        ("id", "0".to_string()),
        ("version", "0".into()),
        ("site_id", site.to_string()),
        ("category", "server".into()),
        ("vendor", "Huawei".into()),
        ("model", "RH2288 V3".into()),
        ("serial", serial.into()),
        ("asset_number", format!("A-{serial}")),
        ("name", name.into()),
        ("location", "Rack A3".into()),
        ("ips", "10.0.0.12, 10.0.0.13".into()),
        ("purchase_date", "2023-05-01".into()),
        ("warranty_end", "2099-04-30".into()),
        ("service_level", "7x24".into()),
        ("firmware", "iBMC 3.08".into()),
        ("status", "in_service".into()),
        ("config_notes", "".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn set(f: &mut [(String, String)], key: &str, value: &str) {
    f.iter_mut().find(|(k, _)| k == key).unwrap().1 = value.to_string();
}

fn pairs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn site_of(app: &TestApp, org: &str) -> i32 {
    let id = app.org_id(org).await;
    db::repo::sites::list_by_org(&app.db.conn, id).await.unwrap()[0].id
}

async fn list(app: &TestApp, c: &reqwest::Client, q: &str, extra: &[(&str, &str)]) -> Value {
    let mut args = vec![("q", q), ("site", ""), ("category", ""), ("status", ""), ("warranty", ""), ("page", "1")];
    for (k, v) in extra {
        args.iter_mut().find(|(a, _)| a == k).unwrap().1 = v;
    }
    let r = app.call(c, "list_devices", &args).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
}

fn names(list: &Value) -> Vec<String> {
    list["rows"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_string()).collect()
}

both!(a_site_manager_keeps_the_archive_and_others_never_see_it, |app: TestApp| async move {
    let lead = app.signed_in("lead@acme.example").await;
    let site = site_of(&app, "Acme Manufacturing").await;
    let r = app.call(&lead, "save_device", &pairs(&form(site, "Mail server", "SN-1"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.headers["location"], format!("/equipment/{}", r.body));
    let id = r.body.as_i64().unwrap().to_string();

    // Every problem at its field, nothing saved.
    let mut bad = form(site, "", "SN-2");
    set(&mut bad, "ips", "10.0.0.300");
    set(&mut bad, "warranty_end", "2020-01-01");
    set(&mut bad, "category", "printer");
    let r = app.call(&lead, "save_device", &pairs(&bad)).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let mut codes = field_codes(&r.body);
    codes.sort();
    assert_eq!(
        codes,
        [("category", "invalid_choice"), ("ips", "invalid_ip_address"), ("name", "required"), ("warranty_end", "ends_before_start")]
            .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // A serial number names one device of the organization.
    let r = app.call(&lead, "save_device", &pairs(&form(site, "Spare server", "SN-1"))).await;
    assert_eq!(field_codes(&r.body), [("serial".to_string(), "serial_taken".to_string())], "{}", r.body);
    assert_eq!(list(&app, &lead, "", &[]).await["total"], 1);

    // Edit: the form opened at version 1 saves once; a second save from the same form is stale.
    let got = app.call(&lead, "get_device_form", &[("id", &id)]).await.body;
    assert_eq!(got["version"], 1);
    let mut edit = form(site, "Mail server 1", "SN-1");
    set(&mut edit, "id", &id);
    set(&mut edit, "version", "1");
    set(&mut edit, "status", "faulty");
    assert_eq!(app.call(&lead, "save_device", &pairs(&edit)).await.status, 200);
    assert_eq!(app.call(&lead, "save_device", &pairs(&edit)).await.status, 409);
    let d = app.call(&lead, "get_device", &[("id", &id)]).await.body;
    assert_eq!((d["device"]["name"].as_str(), d["device"]["status"].as_str(), d["version"].as_i64()), (Some("Mail server 1"), Some("faulty"), Some(2)));
    assert_eq!(d["device"]["ips"], serde_json::json!(["10.0.0.12", "10.0.0.13"]));
    assert_eq!(d["warranty"]["state"], "covered");

    // A customer of the organization reads it and may not edit; Globex sees nothing of it.
    let user = app.signed_in("user@acme.example").await;
    assert_eq!(app.call(&user, "get_device", &[("id", &id)]).await.body["can_edit"], false);
    assert_eq!(app.call(&user, "save_device", &pairs(&edit)).await.status, 403);
    let other = app.signed_in("lead@globex.example").await;
    assert_eq!(app.call(&other, "get_device", &[("id", &id)]).await.status, 404);
    assert_eq!(list(&app, &other, "sn-1", &[]).await["total"], 0);
    let mut steal = edit.clone();
    set(&mut steal, "version", "2");
    assert_eq!(app.call(&other, "save_device", &pairs(&steal)).await.status, 422, "Acme's site is not Globex's to choose");
    assert_eq!(app.get(&other, &format!("/equipment/{id}")).await.status(), 404);
    // Globex's own site, for Acme's device: refused too (a device stays in its organization).
    let globex_site = site_of(&app, "Globex Logistics").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let mut moved = edit.clone();
    set(&mut moved, "version", "2");
    set(&mut moved, "site_id", &globex_site.to_string());
    assert_eq!(app.call(&engineer, "save_device", &pairs(&moved)).await.status, 422);
});

both!(search_and_filters_find_devices_by_what_people_know, |app: TestApp| async move {
    let engineer = app.signed_in("engineer@provider.example").await;
    let acme = site_of(&app, "Acme Manufacturing").await;
    let globex = site_of(&app, "Globex Logistics").await;
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Asia::Shanghai).date_naive();
    let day = |offset: i64| (today + chrono::Duration::days(offset)).to_string();
    let cases = [
        (acme, "Core switch", "CS-100", "network", "10.9.0.1", day(30)),
        (acme, "Firewall", "FW-7", "security", "10.9.0.254", day(-1)),
        (globex, "Storage array", "ST-55", "storage", "192.168.5.20", day(400)),
        (globex, "UPS 50%_off", "UP_1", "power", "", "".to_string()),
    ];
    for (site, name, serial, category, ips, end) in &cases {
        let mut f = form(*site, name, serial);
        set(&mut f, "category", category);
        set(&mut f, "ips", ips);
        set(&mut f, "purchase_date", "2000-01-01");
        set(&mut f, "warranty_end", end);
        let r = app.call(&engineer, "save_device", &pairs(&f)).await;
        assert_eq!(r.status, 200, "{name}: {}", r.body);
    }
    assert_eq!(names(&list(&app, &engineer, "", &[]).await).len(), 4);
    assert_eq!(names(&list(&app, &engineer, "cs-1", &[]).await), ["Core switch"], "serial, any case");
    assert_eq!(names(&list(&app, &engineer, "A-FW", &[]).await), ["Firewall"], "asset number");
    assert_eq!(names(&list(&app, &engineer, "192.168.5", &[]).await), ["Storage array"], "an address");
    assert_eq!(names(&list(&app, &engineer, "rh2288", &[]).await).len(), 4, "model");
    assert_eq!(names(&list(&app, &engineer, "50%", &[]).await), ["UPS 50%_off"], "% is a character");
    assert_eq!(names(&list(&app, &engineer, "cs_100", &[]).await), Vec::<String>::new(), "_ is a character, not any one");
    assert_eq!(names(&list(&app, &engineer, "", &[("category", "security")]).await), ["Firewall"]);
    assert_eq!(names(&list(&app, &engineer, "", &[("warranty", "expired")]).await), ["Firewall"]);
    assert_eq!(names(&list(&app, &engineer, "", &[("warranty", "ending_soon")]).await), ["Core switch"]);
    assert_eq!(names(&list(&app, &engineer, "", &[("site", &globex.to_string())]).await), ["Storage array", "UPS 50%_off"]);
    assert_eq!(list(&app, &engineer, "", &[("warranty", "ending_soon")]).await["rows"][0]["warranty"]["state"], "ending_soon");
    // A customer lists their own organization's only; a filter value that is not one says so.
    let user = app.signed_in("user@acme.example").await;
    assert_eq!(names(&list(&app, &user, "", &[]).await), ["Core switch", "Firewall"]);
    for (k, v) in [("category", "printer"), ("status", "lost"), ("warranty", "soon"), ("site", &globex.to_string())] {
        let mut args = vec![("q", ""), ("site", ""), ("category", ""), ("status", ""), ("warranty", ""), ("page", "1")];
        args.iter_mut().find(|(a, _)| *a == k).unwrap().1 = v;
        let r = app.call(&user, "list_devices", &args).await;
        assert_eq!((r.status.as_u16(), field_codes(&r.body)), (422, vec![(k.to_string(), "invalid_choice".to_string())]), "{k}={v}");
    }
    // The page renders, with JavaScript off too (server-rendered).
    let page = app.get(&user, "/equipment?q=core").await.text().await.unwrap();
    assert!(page.contains("Core switch") && !page.contains("Firewall"), "{page}");
});

async fn upload(app: &TestApp, c: &reqwest::Client, org: i32, bytes: Vec<u8>) -> String {
    let form = reqwest::multipart::Form::new()
        .text("org", org.to_string())
        .part("file", reqwest::multipart::Part::bytes(bytes).file_name("devices.csv").mime_str("text/csv").unwrap());
    let r = c.post(format!("{}/equipment/import", app.base)).header("origin", &app.base).multipart(form).send().await.unwrap();
    let (status, location) = (r.status(), r.headers().get("location").map(|l| l.to_str().unwrap().to_string()));
    assert_eq!(status, 303, "{}", r.text().await.unwrap());
    location.unwrap()
}

both!(a_csv_list_is_previewed_then_saved_once_and_exports_back_unchanged, |app: TestApp| async move {
    let lead = app.signed_in("lead@acme.example").await;
    let acme = app.org_id("Acme Manufacturing").await;
    let site = db::repo::sites::find(&app.db.conn, site_of(&app, "Acme Manufacturing").await).await.unwrap().unwrap().name;
    // One device already there: the list changes it by its serial number.
    assert_eq!(app.call(&lead, "save_device", &pairs(&form(site_of(&app, "Acme Manufacturing").await, "Mail server", "SN-1"))).await.status, 200);
    let csv = format!(
        "name,site,category,serial,ips,warranty_end,notes\n\
         Mail server (new board),{site},server,SN-1,10.0.0.12,2030-01-01,x\n\
         Core switch,{site},network,SN-2,10.0.0.1,,\n\
         Printer,{site},printer,SN-3,,,\n\
         Firewall,Nowhere,security,SN-4,300.1.1.1,,\n\
         Spare switch,{site},network,SN-2,,,\n"
    );
    let location = upload(&app, &lead, acme, csv.into_bytes()).await;
    let id = location.rsplit('/').next().unwrap().to_string();
    assert_eq!(location, format!("/equipment/import/{id}"));
    let p = app.call(&lead, "get_device_import", &[("id", &id)]).await.body;
    assert_eq!((p["adds"].as_u64(), p["changes"].as_u64()), (Some(1), Some(1)), "{p}");
    let bad: Vec<(u64, Vec<String>)> = p["bad"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["line"].as_u64().unwrap(),
                b["errors"].as_array().unwrap().iter().map(|e| format!("{}:{}", e["field"].as_str().unwrap(), e["code"]["code"].as_str().unwrap())).collect(),
            )
        })
        .collect();
    assert_eq!(
        bad,
        vec![
            (4, vec!["category:invalid_choice".to_string()]),
            (5, vec!["site:invalid_choice".to_string(), "ips:invalid_ip_address".to_string()]),
            (6, vec!["serial:serial_taken".to_string()]),
        ]
    );
    // Nothing saved by the preview.
    assert_eq!(list(&app, &lead, "", &[]).await["total"], 1);
    // Globex sees nothing of it; a customer may not import.
    let other = app.signed_in("lead@globex.example").await;
    assert_eq!(app.call(&other, "get_device_import", &[("id", &id)]).await.status, 404);
    assert_eq!(app.call(&other, "apply_device_import", &[("id", &id)]).await.status, 404);
    let user = app.signed_in("user@acme.example").await;
    assert_eq!(app.call(&user, "apply_device_import", &[("id", &id)]).await.status, 403);

    let r = app.call(&lead, "apply_device_import", &[("id", &id)]).await;
    assert_eq!((r.status.as_u16(), r.body.as_u64()), (200, Some(2)), "{}", r.body);
    assert_eq!(app.call(&lead, "apply_device_import", &[("id", &id)]).await.status, 409, "saved once only");
    assert_eq!(names(&list(&app, &lead, "", &[]).await), ["Core switch", "Mail server (new board)"]);

    // The export imports back as "no change" (and a customer downloads their own).
    let file = app.get(&user, &format!("/equipment/devices.csv?org={acme}")).await;
    assert_eq!(file.status(), 200);
    let text = file.text().await.unwrap();
    assert!(text.starts_with("\u{feff}site,category,vendor,model,serial"), "{text}");
    let again = upload(&app, &lead, acme, text.into_bytes()).await;
    let again = app.call(&lead, "get_device_import", &[("id", again.rsplit('/').next().unwrap())]).await.body;
    assert_eq!((again["adds"].as_u64(), again["changes"].as_u64(), again["bad"].as_array().unwrap().len()), (Some(0), Some(0), 0), "{again}");

    // A list saved by a spreadsheet in Chinese: GB18030, Chinese headers.
    let zh_text = format!("站点,类别,名称,序列号\r\n{site},storage,存储阵列,SN-9\r\n");
    let gbk = encoding_rs::GB18030.encode(&zh_text).0.into_owned();
    let zh = upload(&app, &lead, acme, gbk).await;
    let zh = app.call(&lead, "get_device_import", &[("id", zh.rsplit('/').next().unwrap())]).await.body;
    assert_eq!(zh["rows"][0][0]["device"]["name"], "存储阵列", "{zh}");
    // Not a text file: back to the form with the reason.
    let form = reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(vec![0x89, b'P', b'N', b'G', 0, 0, 0xff, 0xfe]).file_name("x.png"));
    let r = lead.post(format!("{}/equipment/import", app.base)).header("origin", &app.base).multipart(form).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/equipment/import?error=not_text");
});

both!(a_request_names_its_device_and_its_page_shows_the_devices_history, |app: TestApp| async move {
    let lead = app.signed_in("lead@acme.example").await;
    let user = app.signed_in("user@acme.example").await;
    let acme = app.org_id("Acme Manufacturing").await;
    let sites = db::repo::sites::list_by_org(&app.db.conn, acme).await.unwrap();
    let (first, second) = (sites[0].id, sites[1].id);
    let mut f = form(first, "Mail server", "SN-1");
    set(&mut f, "warranty_end", "2001-01-01");
    set(&mut f, "purchase_date", "2000-01-01");
    let id = app.call(&lead, "save_device", &pairs(&f)).await.body.as_i64().unwrap();
    let elsewhere = app.call(&lead, "save_device", &pairs(&form(second, "Scanner", "SN-2"))).await.body.as_i64().unwrap();

    // The form offers the organization's devices as choices "#id …".
    let nf = app.call(&user, "get_new_request_form", &[]).await.body;
    let choice = nf["devices"].as_array().unwrap().iter().map(|d| d[0].as_str().unwrap().to_string()).find(|t| t.starts_with(&format!("#{id} "))).unwrap();
    assert!(choice.contains("Mail server") && choice.contains("SN-1"), "{choice}");
    let submit = |device: String, site: i32, title: &'static str| {
        let (app, user) = (&app, &user);
        async move {
            let site = site.to_string();
            let args = [
                ("title", title),
                ("description", "The mail queue is stuck since this morning."),
                ("kind", "fault"),
                ("fault_kind", "software"),
                ("severity", "3"),
                ("system", ""),
                ("site_id", site.as_str()),
                ("contact_phone", "+86 21 5555 0100"),
                ("device", device.as_str()),
            ];
            app.call(user, "submit_request", &args).await
        }
    };
    let r = submit(choice.clone(), first, "Mail stuck").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let n1 = r.body.as_str().unwrap().to_string();
    let r = submit(format!("#{id}"), first, "Mail stuck again").await;
    let n2 = r.body.as_str().unwrap().to_string();
    let d = app.call(&user, "get_request", &[("number", &n2)]).await.body;
    assert_eq!(d["device"]["name"], "Mail server", "{d}");
    assert_eq!(d["device"]["warranty"]["state"], "expired");
    assert_eq!(d["device"]["earlier"], serde_json::json!([[n1, "Mail stuck"]]));
    // The device page lists its requests, newest first.
    let dev = app.call(&user, "get_device", &[("id", &id.to_string())]).await.body;
    let history: Vec<String> = dev["history"].as_array().unwrap().iter().map(|e| e["what"]["Request"]["number"].as_str().unwrap().to_string()).collect();
    assert_eq!(history, [n2.clone(), n1.clone()]);
    let page = app.get(&user, &format!("/requests/{n2}")).await.text().await.unwrap();
    assert!(page.contains(&format!("/equipment/{id}")) && page.contains(&n1), "the request page links the device and its history");

    // A device at another site than the request's, another organization's, or typed text: refused at the field.
    let globex_lead = app.signed_in("lead@globex.example").await;
    let globex_site = site_of(&app, "Globex Logistics").await;
    let theirs = app.call(&globex_lead, "save_device", &pairs(&form(globex_site, "Router", "SN-G"))).await.body.as_i64().unwrap();
    for (device, site) in
        [(format!("#{elsewhere}"), first), (format!("#{theirs} Router"), first), ("Mail server".to_string(), first), ("#999999".to_string(), first)]
    {
        let r = submit(device.clone(), site, "Wrong device").await;
        assert_eq!((r.status.as_u16(), field_codes(&r.body)), (422, vec![("device".to_string(), "invalid_choice".to_string())]), "{device}");
    }
});
