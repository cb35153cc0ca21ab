//! The knowledge base through the real router, on SQLite and PostgreSQL (the same results on
//! both: the search index is ours, in Rust): two-character Chinese queries over the demo
//! articles, phrase ranking, who reads what by every path (search, page, suggestion, image),
//! the review, versions, suggestions and their outcomes, the searches that found nothing, an
//! article drafted from a resolved request, and an index that sees another instance's change.
use serde_json::Value;

use crate::{both, helpers::*};

/// The ids and titles (with the marks removed) of a search's results.
fn titles(body: &Value) -> Vec<(i64, String)> {
    body["results"]
        .as_array()
        .unwrap_or(&vec![])
        .iter()
        .map(|r| (r["id"].as_i64().unwrap(), r["title"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()).collect::<String>()))
        .collect()
}

async fn search(app: &TestApp, c: &reqwest::Client, q: &str) -> Vec<(i64, String)> {
    let r = app.call(c, "list_articles", &[("q", q), ("category", "")]).await;
    assert_eq!(r.status, 200, "{q}: {}", r.body);
    titles(&r.body)
}

/// Saves an article as `c` (a new one when `id` is 0); answers its id.
async fn save(app: &TestApp, c: &reqwest::Client, id: i64, version: i64, fields: &[(&str, &str)]) -> Reply {
    let (id, version) = (id.to_string(), version.to_string());
    let mut form: Vec<(&str, &str)> = vec![("id", &id), ("version", &version), ("translates", "0"), ("category", "network"), ("lang", "zh")];
    form.extend_from_slice(fields);
    app.call(c, "save_article", &form).await
}

async fn step(app: &TestApp, c: &reqwest::Client, id: i64, action: &str) -> Reply {
    let d = app.call(c, "get_article", &[("id", &id.to_string()), ("v", "0"), ("from", "")]).await.body;
    let version = d["staff"]["version"].to_string();
    app.call(c, "act_on_article", &[("id", &id.to_string()), ("version", &version), ("action", action)]).await
}

both!(two_character_chinese_queries_find_and_rank_the_demo_articles, |app: TestApp| async move {
    let anon = client();
    let user = app.signed_in("user@acme.example").await;
    for q in ["打印", "卡纸", "告警", "密码", "备份", "网络"] {
        let found = search(&app, &anon, q).await;
        assert!(found.len() >= 2, "{q}: {found:?}");
    }
    // 机房 is in customer-only articles too: a signed-in customer finds more than the public.
    let public = search(&app, &anon, "机房").await;
    let signed = search(&app, &user, "机房").await;
    assert!(!public.is_empty() && signed.len() > public.len(), "{public:?} {signed:?}");
    // The whole phrase ranks first; articles with 打印机 and 卡纸 apart come after it.
    let jam = search(&app, &user, "打印机卡纸").await;
    assert_eq!(jam[0].1, "打印机卡纸怎么处理", "{jam:?}");
    assert!(jam.len() >= 3, "{jam:?}");
    // Matches are marked.
    let r = app.call(&user, "list_articles", &[("q", "卡纸"), ("category", "")]).await.body;
    let marked: Vec<&str> = r["results"][0]["title"].as_array().unwrap().iter().filter(|s| s["hit"] == true).map(|s| s["text"].as_str().unwrap()).collect();
    assert_eq!(marked, ["卡纸"], "{}", r["results"][0]);
    // English, full-width and traditional forms.
    assert!(search(&app, &anon, "paper jam").await.iter().any(|(_, t)| t.contains("paper jam")));
    assert_eq!(search(&app, &anon, "ＵＰＳ").await, search(&app, &anon, "ups").await);
    assert!(search(&app, &anon, "卡紙").await.iter().any(|(_, t)| t == "打印机卡纸怎么处理"));
    // A category lists its articles; bad filters are named.
    let r = app.call(&anon, "list_articles", &[("q", ""), ("category", "printing")]).await.body;
    assert!(r["results"].as_array().unwrap().len() >= 8, "{r}");
    let r = app.call(&anon, "list_articles", &[("q", ""), ("category", "cars")]).await;
    assert_eq!(field_codes(&r.body), [("category".to_string(), "invalid_choice".to_string())]);
    let long = "字".repeat(201);
    assert_eq!(app.call(&anon, "list_articles", &[("q", &long), ("category", "")]).await.status, 422);
});

both!(an_article_reaches_only_those_who_may_read_it, |app: TestApp| async move {
    let manager = app.signed_in("manager@provider.example").await;
    let acme = app.signed_in("user@acme.example").await;
    let globex = app.signed_in("user@globex.example").await;
    let anon = client();
    let acme_id = app.org_id("Acme Manufacturing").await.to_string();
    // An Acme-only article about a word no demo article has.
    let r = save(
        &app,
        &manager,
        0,
        0,
        &[
            ("title", "Acme 专线光猫重启步骤"),
            ("body", "光猫指示灯 LOS 红灯时，先检查尾纤。"),
            ("tags", "光猫"),
            ("visibility", "organizations"),
            ("org_ids[0]", &acme_id),
        ],
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.body.as_i64().unwrap();
    let page = |c: &reqwest::Client| {
        let app = &app;
        let c = c.clone();
        async move { app.call(&c, "get_article", &[("id", &id.to_string()), ("v", "0"), ("from", "")]).await.status }
    };
    // A draft reaches no customer, by any path.
    assert_eq!(page(&acme).await, 404);
    assert!(search(&app, &acme, "光猫").await.is_empty());
    assert_eq!(step(&app, &manager, id, "publish").await.status, 200);
    // Published: Acme reads it by search, page and suggestion; Globex and strangers never.
    assert_eq!(search(&app, &acme, "光猫").await.len(), 1);
    assert_eq!(page(&acme).await, 200);
    assert!(search(&app, &globex, "光猫").await.is_empty());
    assert!(search(&app, &anon, "光猫").await.is_empty());
    assert_eq!(page(&globex).await, 404);
    assert_eq!(page(&anon).await, 404);
    let token = |b: &Value| b["kb_token"].as_str().unwrap().to_string();
    let gt = token(&app.call(&globex, "get_new_request_form", &[]).await.body);
    let s = app.call(&globex, "suggest_articles", &[("token", &gt), ("title", "光猫红灯"), ("description", ""), ("device", ""), ("system", "")]).await;
    assert_eq!(s.status, 200, "{}", s.body);
    assert!(!s.body.as_array().unwrap().iter().any(|a| a["id"].as_i64() == Some(id)), "{}", s.body);
    let at = token(&app.call(&acme, "get_new_request_form", &[]).await.body);
    let s = app.call(&acme, "suggest_articles", &[("token", &at), ("title", "光猫红灯"), ("description", ""), ("device", ""), ("system", "")]).await;
    assert_eq!(s.body[0]["id"].as_i64(), Some(id), "{}", s.body);
    // Feedback and "solved it" only on what one may read.
    assert_eq!(app.call(&globex, "rate_article", &[("id", &id.to_string()), ("helped", "true")]).await.status, 404);
    assert_eq!(app.call(&globex, "article_solved", &[("id", &id.to_string()), ("token", &gt)]).await.status, 404);
    // Staff only: no customer.
    let r = save(&app, &manager, 0, 0, &[("title", "内部：光猫备件库位"), ("body", "备件在二号库。"), ("visibility", "staff")]).await;
    let internal = r.body.as_i64().unwrap();
    assert_eq!(step(&app, &manager, internal, "publish").await.status, 200);
    assert_eq!(search(&app, &manager, "光猫").await.len(), 2);
    assert_eq!(search(&app, &acme, "光猫").await.len(), 1);
    let r = app.call(&acme, "get_article", &[("id", &internal.to_string()), ("v", "0"), ("from", "")]).await;
    assert_eq!(r.status, 404);
    // Writers' functions are theirs.
    assert_eq!(app.call(&acme, "get_article_form", &[("id", "0"), ("translates", "0")]).await.status, 403);
    assert_eq!(app.call(&acme, "get_kb_stats", &[]).await.status, 403);
    let r = app.call(&acme, "act_on_article", &[("id", &id.to_string()), ("version", "2"), ("action", "withdraw")]).await;
    assert_eq!(r.status, 403);
});

both!(review_versions_and_safe_markup, |app: TestApp| async move {
    let engineer = app.signed_in("engineer@provider.example").await;
    let engineer2 = app.signed_in("engineer2@provider.example").await;
    let manager = app.signed_in("manager@provider.example").await;
    let user = app.signed_in("user@acme.example").await;
    let body = "## 步骤\n\n1. 重启交换机\n\n<script>alert(1)</script> [x](javascript:alert(1))";
    let r = save(&app, &engineer, 0, 0, &[("title", "交换机端口环路告警"), ("body", body), ("visibility", "customers")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.body.as_i64().unwrap();
    // Bad input is named, and saves nothing.
    let r = save(&app, &engineer, 0, 0, &[("title", ""), ("body", "x"), ("visibility", "world")]).await;
    let mut codes = field_codes(&r.body);
    codes.sort();
    assert_eq!(codes, [("title".to_string(), "required".to_string()), ("visibility".to_string(), "invalid_choice".to_string())]);
    // The writer may not publish their own version; a second engineer may.
    assert_eq!(step(&app, &engineer, id, "send_for_review").await.status, 200);
    assert_eq!(step(&app, &engineer, id, "publish").await.status, 403);
    assert_eq!(step(&app, &engineer2, id, "publish").await.status, 200);
    assert_eq!(step(&app, &engineer2, id, "publish").await.status, 409);
    let d = app.call(&user, "get_article", &[("id", &id.to_string()), ("v", "0"), ("from", "")]).await.body;
    let html = d["body_html"].as_str().unwrap();
    assert!(html.contains("<h2>步骤</h2>") && html.contains("&lt;script&gt;") && !html.contains("<script") && !html.contains("href=\"javascript"), "{html}");
    assert!(d["staff"].is_null(), "customers see no review");
    // A new version is a draft: readers keep the published one until it is published.
    let staff = app.call(&engineer, "get_article", &[("id", &id.to_string()), ("v", "0"), ("from", "")]).await.body;
    let version = staff["staff"]["version"].as_i64().unwrap();
    let r = save(&app, &engineer, id, version, &[("title", "交换机环路告警处理（第二版）"), ("body", "新版正文"), ("visibility", "customers")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // A stale version is a conflict, nothing saved.
    let r = save(&app, &engineer2, id, version, &[("title", "冲突"), ("body", "x"), ("visibility", "customers")]).await;
    assert_eq!(r.status, 409);
    let d = app.call(&user, "get_article", &[("id", &id.to_string()), ("v", "2"), ("from", "")]).await.body;
    assert_eq!(d["title"], "交换机端口环路告警", "customers get the published version whatever they ask");
    let d = app.call(&engineer2, "get_article", &[("id", &id.to_string()), ("v", "0"), ("from", "")]).await.body;
    assert_eq!(
        (d["title"].as_str(), d["staff"]["status"].as_str(), d["staff"]["published_version"].as_i64()),
        (Some("交换机环路告警处理（第二版）"), Some("draft"), Some(1))
    );
    assert_eq!(d["staff"]["versions"].as_array().unwrap().len(), 2);
    assert!(search(&app, &user, "第二版").await.is_empty());
    assert_eq!(step(&app, &manager, id, "publish").await.status, 200);
    assert_eq!(search(&app, &user, "第二版").await.len(), 1);
    // Withdrawn: gone for readers and search.
    assert_eq!(step(&app, &engineer, id, "withdraw").await.status, 403);
    assert_eq!(step(&app, &manager, id, "withdraw").await.status, 200);
    assert_eq!(app.call(&user, "get_article", &[("id", &id.to_string()), ("v", "0"), ("from", "")]).await.status, 404);
    assert!(search(&app, &user, "第二版").await.is_empty());
    // A translation is linked both ways.
    let jam = search(&app, &user, "打印机卡纸").await[0].0;
    let d = app.call(&user, "get_article", &[("id", &jam.to_string()), ("v", "0"), ("from", "")]).await.body;
    assert_eq!(d["translation"][1], "Clearing a paper jam on the office printer", "{}", d["translation"]);
});

both!(suggestions_and_what_came_of_them_are_counted, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let manager = app.signed_in("manager@provider.example").await;
    let form = app.call(&user, "get_new_request_form", &[]).await.body;
    let token = form["kb_token"].as_str().unwrap().to_string();
    let suggest = |title: &'static str, token: String| {
        let (app, user) = (&app, user.clone());
        async move { app.call(&user, "suggest_articles", &[("token", &token), ("title", title), ("description", ""), ("device", ""), ("system", "")]).await }
    };
    let s = suggest("打印机卡纸", token.clone()).await;
    assert_eq!(s.status, 200, "{}", s.body);
    let list = s.body.as_array().unwrap();
    assert!(!list.is_empty() && list.len() <= 5, "{}", s.body);
    let jam = list[0]["id"].as_i64().unwrap();
    // Typing on: shown again, counted once.
    suggest("打印机卡纸了", token.clone()).await;
    // Opened from the suggestion: "this solved it" is offered, and recorded.
    let d = app.call(&user, "get_article", &[("id", &jam.to_string()), ("v", "0"), ("from", &token)]).await.body;
    assert_eq!(d["from"].as_str(), Some(token.as_str()));
    let r = app.call(&user, "article_solved", &[("id", &jam.to_string()), ("token", &token)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // Someone else's token is not the caller's form.
    let other = app.signed_in("lead@acme.example").await;
    assert_eq!(app.call(&other, "article_solved", &[("id", &jam.to_string()), ("token", &token)]).await.status, 422);
    assert_eq!(
        app.call(&user, "suggest_articles", &[("token", "short"), ("title", "x"), ("description", ""), ("device", ""), ("system", "")]).await.status,
        422
    );
    // A second form: submitted anyway.
    let second = app.call(&user, "get_new_request_form", &[]).await.body["kb_token"].as_str().unwrap().to_string();
    suggest("打印机卡纸", second.clone()).await;
    let site = form["sites"][0]["id"].to_string();
    let submit = |title: &'static str, token: String| {
        let (app, user, site) = (&app, user.clone(), site.clone());
        async move {
            app.call(
                &user,
                "submit_request",
                &[
                    ("title", title),
                    ("description", "Still jammed after clearing."),
                    ("kind", "fault"),
                    ("fault_kind", "hardware"),
                    ("severity", "3"),
                    ("system", ""),
                    ("site_id", &site),
                    ("contact_phone", "+86 21 5555 0101"),
                    ("kb_token", &token),
                ],
            )
            .await
        }
    };
    assert_eq!(submit("打印机卡纸", second).await.status, 200);
    // A request no article matched is an article still to write.
    let third = app.call(&user, "get_new_request_form", &[]).await.body["kb_token"].as_str().unwrap().to_string();
    assert_eq!(submit("Zorblax gateway firmware question", third).await.status, 200);
    // A search that found nothing too.
    assert!(search(&app, &user, "麒麟鳄鱼").await.is_empty());
    let stats = app.call(&manager, "get_kb_stats", &[]).await.body;
    let row = stats["articles"].as_array().unwrap().iter().find(|a| a["id"].as_i64() == Some(jam)).cloned().unwrap();
    assert_eq!(
        (row["shown"].as_i64(), row["opened"].as_i64(), row["solved"].as_i64(), row["submitted"].as_i64()),
        (Some(2), Some(1), Some(1), Some(1)),
        "{row}"
    );
    let misses: Vec<(String, String)> =
        stats["misses"].as_array().unwrap().iter().map(|m| (m["query"].as_str().unwrap().to_string(), m["source"].as_str().unwrap().to_string())).collect();
    assert!(misses.contains(&("Zorblax gateway firmware question".into(), "request".into())), "{misses:?}");
    assert!(misses.contains(&("麒麟鳄鱼".into(), "search".into())), "{misses:?}");
    // Helped or not, once per reader.
    for helped in ["false", "true"] {
        assert_eq!(app.call(&user, "rate_article", &[("id", &jam.to_string()), ("helped", helped)]).await.status, 200);
    }
    let d = app.call(&manager, "get_article", &[("id", &jam.to_string()), ("v", "0"), ("from", "")]).await.body;
    assert_eq!(d["staff"]["helped"], serde_json::json!([1, 1]));
});

both!(an_article_is_drafted_from_a_resolved_request, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let dispatcher = app.signed_in("dispatcher@provider.example").await;
    let number = crate::requests::submit(&app, &user, "存储阵列硬盘故障", "3").await;
    // Not before it is resolved.
    assert_eq!(app.call(&engineer, "draft_article_from_request", &[("number", &number)]).await.status, 409);
    let eng_id = app.user_id("engineer@provider.example").await.to_string();
    assert_eq!(crate::requests::act(&app, &dispatcher, &number, "triage", &[]).await.status, 200);
    assert_eq!(crate::requests::act(&app, &dispatcher, &number, "assign", &[("engineer_id", &eng_id)]).await.status, 200);
    assert_eq!(crate::requests::act(&app, &engineer, &number, "start_work", &[]).await.status, 200);
    assert_eq!(crate::requests::resolve(&app, &engineer, &number).await.status, 200);
    assert_eq!(app.call(&user, "draft_article_from_request", &[("number", &number)]).await.status, 403);
    let r = app.call(&engineer, "draft_article_from_request", &[("number", &number)]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.body.as_i64().unwrap();
    let f = app.call(&engineer, "get_article_form", &[("id", &id.to_string()), ("translates", "0")]).await.body;
    assert_eq!(f["form"]["title"], "存储阵列硬盘故障");
    assert_eq!(f["form"]["lang"], "zh");
    assert_eq!(f["form"]["visibility"], "staff", "a request's details stay internal until reviewed");
    let body = f["form"]["body"].as_str().unwrap();
    assert!(body.contains("Failed disk in slot 3") && body.contains("Replaced the disk, rebuilt the array") && body.contains("HDD 1.2 TB SAS"), "{body}");
    let d = app.call(&engineer, "get_article", &[("id", &id.to_string()), ("v", "0"), ("from", "")]).await.body;
    assert_eq!(d["staff"]["request"], number.as_str());
    assert_eq!(d["staff"]["status"], "draft");
    assert_eq!(app.call(&user, "get_article", &[("id", &id.to_string()), ("v", "0"), ("from", "")]).await.status, 404);
});

both!(the_index_sees_a_change_made_by_another_instance, |app: TestApp| async move {
    use domain::knowledge::{ArticleDraft, ArticleLang, ArticleStatus, Category, Visibility};
    let anon = client();
    assert!(search(&app, &anon, "柴油发电机").await.is_empty());
    // Another instance publishes straight into the shared database.
    let author = app.user_id("manager@provider.example").await;
    let draft = ArticleDraft {
        title: "柴油发电机自检".into(),
        body: "每月空载运行十五分钟。".into(),
        category: Category::Power,
        lang: ArticleLang::Zh,
        tags: vec![],
        models: vec![],
        software: vec![],
        visibility: Visibility::Public,
        orgs: vec![],
    };
    let tx = app.db.begin_write().await.unwrap();
    let a = db::repo::kb_articles::create(
        &*tx,
        db::repo::kb_articles::NewArticle { draft: &draft, by: author, pair_id: None, request_id: None, note: "", status: ArticleStatus::Published },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(search(&app, &anon, "柴油发电机").await, vec![(a.id as i64, "柴油发电机自检".to_string())]);
    // And its withdrawal.
    let tx = app.db.begin_write().await.unwrap();
    let a = db::repo::kb_articles::find(&*tx, a.id).await.unwrap().unwrap();
    assert!(db::repo::kb_articles::set_status(&*tx, &a, a.version, ArticleStatus::Withdrawn).await.unwrap());
    tx.commit().await.unwrap();
    assert!(search(&app, &anon, "柴油发电机").await.is_empty());
});

both!(public_pages_and_images_work_without_signing_in, |app: TestApp| async move {
    let anon = client();
    let page = app.get(&anon, "/kb?q=%E5%8D%A1%E7%BA%B8").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("<mark>卡纸</mark>"), "marked results in the page");
    // A customer-only article's page asks nothing but says "not found" to a stranger.
    let manager = app.signed_in("manager@provider.example").await;
    let r = save(&app, &manager, 0, 0, &[("title", "客户专用：远程协助"), ("body", "正文"), ("visibility", "customers")]).await;
    let id = r.body.as_i64().unwrap();
    assert_eq!(step(&app, &manager, id, "publish").await.status, 200);
    assert_eq!(app.get(&anon, &format!("/kb/{id}")).await.status(), 404);
    assert_eq!(app.get(&anon, "/kb/new").await.status(), 303, "writing needs signing in");
    // An image goes with its article's audience.
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\0\0\x01\x01\0\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";
    let part = reqwest::multipart::Part::bytes(png.to_vec()).file_name("jam.png");
    let res = manager
        .post(format!("{}/kb/{id}/images", app.base))
        .header("origin", &app.base)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let img = db::repo::kb_usage::images_of(&app.db.conn, id as i32).await.unwrap()[0].0;
    assert_eq!(app.get(&anon, &format!("/kb/images/{img}")).await.status(), 404);
    let user = app.signed_in("user@acme.example").await;
    let res = app.get(&user, &format!("/kb/images/{img}")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    // Not an image: refused.
    let part = reqwest::multipart::Part::bytes(b"<svg onload=alert(1)>".to_vec()).file_name("x.svg");
    let res = manager
        .post(format!("{}/kb/{id}/images", app.base))
        .header("origin", &app.base)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["location"], format!("/kb/{id}/edit?bad=file"));
});

both!(articles_about_the_chosen_device_come_first, |app: TestApp| async move {
    let manager = app.signed_in("manager@provider.example").await;
    let lead = app.signed_in("lead@acme.example").await;
    // Two articles about the same problem; one names the model of Acme's device.
    for (title, models) in [("热敏标签机不出纸（通用）", ""), ("热敏标签机不出纸：斑马 ZT411", "Zebra ZT411")] {
        let r = save(&app, &manager, 0, 0, &[("title", title), ("body", "检查标签纸和色带。"), ("visibility", "customers"), ("models", models)]).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(step(&app, &manager, r.body.as_i64().unwrap(), "publish").await.status, 200);
    }
    let form = app.call(&lead, "get_new_request_form", &[]).await.body;
    let site = form["sites"][0]["id"].to_string();
    let mut device = vec![
        ("id", "0"),
        ("version", "0"),
        ("site_id", site.as_str()),
        ("category", "other"),
        ("name", "Label printer"),
        ("serial", "ZT-0001"),
        ("model", "Zebra ZT411"),
    ];
    for empty in ["vendor", "asset_number", "location", "ips", "purchase_date", "warranty_end", "service_level", "firmware", "status", "config_notes"] {
        device.push((empty, ""));
    }
    let r = app.call(&lead, "save_device", &device).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let choice = format!("#{} Label printer", r.body.as_i64().unwrap());
    let token = app.call(&lead, "get_new_request_form", &[]).await.body["kb_token"].as_str().unwrap().to_string();
    let ask = |device: String| {
        let (app, lead, token) = (&app, lead.clone(), token.clone());
        async move {
            let r = app
                .call(&lead, "suggest_articles", &[("token", &token), ("title", "标签机不出纸"), ("description", ""), ("device", &device), ("system", "")])
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
            r.body
                .as_array()
                .unwrap()
                .iter()
                .map(|s| (s["title"].as_array().unwrap().iter().map(|x| x["text"].as_str().unwrap()).collect::<String>(), s["related"] == true))
                .collect::<Vec<_>>()
        }
    };
    let with_device = ask(choice).await;
    assert_eq!(with_device[0], ("热敏标签机不出纸：斑马 ZT411".to_string(), true), "{with_device:?}");
    // Without a device nothing is "for your device", and both are there.
    let without = ask(String::new()).await;
    assert!(without.iter().all(|(_, related)| !related) && without.len() >= 2, "{without:?}");
});

both!(staff_are_offered_articles_to_link_in_a_reply, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let desk = app.signed_in("dispatcher@provider.example").await;
    let number = crate::requests::submit(&app, &user, "打印机卡纸，清理后还是卡", "3").await;
    let d = crate::requests::detail(&app, &desk, &number).await.body;
    let offered = d["articles"].as_array().unwrap();
    assert!(!offered.is_empty() && offered.len() <= 3, "{offered:?}");
    assert_eq!(offered[0][1], "打印机卡纸怎么处理");
    assert_eq!(crate::requests::detail(&app, &user, &number).await.body["articles"], serde_json::json!([]), "customers are offered none");
    // A reply naming it: the customer's page links it.
    let reference = format!("KB-{}", offered[0][0]);
    let r = app.call(&desk, "reply_request", &[("number", &number), ("body", &format!("请参考 {reference}"))]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let page = app.get(&user, &domain::href::request(&number)).await.text().await.unwrap();
    assert!(page.contains(&format!("<a href=\"/kb/{}\">{reference}</a>", offered[0][0])), "the reference is a link");
});
