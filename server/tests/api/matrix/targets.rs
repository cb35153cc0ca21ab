//! Targets: fresh requests, sessions, surveys ... in the state each function needs.
use super::*;

#[derive(Clone)]
pub(super) struct Env(pub(super) Arc<Inner>);

pub(super) struct Inner {
    pub(super) app: TestApp,
    /// One signed-in client per actor (anonymous: none signed in).
    pub(super) clients: Vec<Client>,
    /// The user id of each actor (0 for anonymous).
    pub(super) users: Vec<i32>,
    pub(super) acme: i32,
    pub(super) acme_site: i32,
    pub(super) globex_site: i32,
    pub(super) user: i32,
    pub(super) engineer: i32,
    pub(super) contract: i32,
    pub(super) session: i32,
    /// A device at Acme's site.
    pub(super) device: i32,
    /// A device list uploaded for Acme.
    pub(super) import: i32,
    /// An open request of user@acme, a closed one with its survey sent, and the survey's link.
    pub(super) open: String,
    pub(super) closed: String,
    pub(super) token: String,
    pub(super) demo_hash: String,
    pub(super) counter: AtomicUsize,
}

impl Env {
    pub(super) async fn new(app: TestApp) -> Env {
        let mut clients = vec![];
        let mut users = vec![];
        for (_, email) in ACTORS {
            match email {
                Some(e) => {
                    clients.push(sign_in(&app, e).await);
                    users.push(app.user_id(e).await);
                }
                None => {
                    clients.push(new_client());
                    users.push(0);
                }
            }
        }
        let orgs = db::repo::organizations::list(&app.db.conn).await.unwrap();
        let org = |name: &str| orgs.iter().find(|o| o.name == name).unwrap().id;
        let (acme, globex) = (org("Acme Manufacturing"), org("Globex Logistics"));
        let acme_site = db::repo::sites::list_by_org(&app.db.conn, acme).await.unwrap()[0].id;
        let globex_site = db::repo::sites::list_by_org(&app.db.conn, globex).await.unwrap()[0].id;
        let contract = db::entity::contract::Entity::find().all(&app.db.conn).await.unwrap().into_iter().find(|c| c.organization_id == acme).unwrap().id;
        let demo_hash = db::password::hash_async(PASSWORD.to_string()).await;
        let (user, engineer) = (users[1], users[5]);
        let env = Env(Arc::new(Inner {
            app,
            clients,
            users,
            acme,
            acme_site,
            globex_site,
            user,
            engineer,
            contract,
            session: 0,
            device: 0,
            import: 0,
            open: String::new(),
            closed: String::new(),
            token: String::new(),
            demo_hash,
            counter: AtomicUsize::new(0),
        }));
        let open = env.submit().await;
        let (closed, token) = env.closed_and_sent().await;
        let session = env.new_session(48).await;
        let device = env.new_device().await;
        let import = env.new_import().await;
        let inner = Arc::try_unwrap(env.0).ok().expect("no other handle yet");
        Env(Arc::new(Inner { open, closed, token, session, device, import, ..inner }))
    }

    pub(super) fn app(&self) -> &TestApp {
        &self.0.app
    }

    pub(super) fn by(&self, actor: &str) -> &Client {
        &self.0.clients[ACTORS.iter().position(|(n, _)| *n == actor).unwrap()]
    }

    pub(super) fn next(&self) -> usize {
        self.0.counter.fetch_add(1, Ordering::Relaxed)
    }

    pub(super) async fn ok(&self, actor: &str, f: &str, form: &[(&str, &str)]) -> Value {
        let r = self.app().call(self.by(actor), f, form).await;
        assert_eq!(r.status, 200, "setting up, {actor} {f}: {}", r.body);
        r.body
    }

    pub(super) async fn restore_password(&self, actor: usize) {
        if actor > 0 {
            db::repo::users::set_password_hash(&self.app().db.conn, self.0.users[actor], &self.0.demo_hash).await.unwrap();
        }
    }

    /// A new hardware fault of user@acme (status new).
    pub(super) async fn submit(&self) -> String {
        let site = self.0.acme_site.to_string();
        let body = self
            .ok(
                "customer",
                "submit_request",
                &[
                    ("title", "Matrix target"),
                    ("description", "The storage array reports a failed disk and the database is slow."),
                    ("kind", "fault"),
                    ("fault_kind", "hardware"),
                    ("severity", "3"),
                    ("system", "SAN-01"),
                    ("site_id", &site),
                    ("contact_phone", "+86 21 5555 0101"),
                ],
            )
            .await;
        body.as_str().unwrap().to_string()
    }

    /// Triaged and assigned to engineer@.
    pub(super) async fn assigned(&self) -> String {
        let n = self.submit().await;
        self.ok("dispatcher", "dispatch_request", &[("number", &n), ("engineer_id", &self.0.engineer.to_string())]).await;
        n
    }

    /// Assigned, and the engineer is on the way (in progress).
    pub(super) async fn in_progress(&self) -> String {
        let n = self.assigned().await;
        self.ok("engineer", "record_stage", &[("number", &n), ("stage", "dispatched")]).await;
        n
    }

    pub(super) async fn remote_requested(&self) -> String {
        let n = self.in_progress().await;
        self.ok("engineer", "request_remote", &[("number", &n), ("plan", "Log in over VPN, 30 minutes, no outage")]).await;
        n
    }

    pub(super) async fn remote_approved(&self) -> String {
        let n = self.remote_requested().await;
        self.ok("customer", "decide_remote", &[("number", &n), ("decision", "approve")]).await;
        n
    }

    /// In progress with an emergency plan proposed by the engineer: (number, plan id).
    pub(super) async fn emergency(&self) -> (String, i64) {
        let n = self.in_progress().await;
        self.ok("engineer", "propose_emergency", &[("number", &n), ("kind", "spare_parts_purchase"), ("reason", "Supervisor module failed")]).await;
        let d = self.ok("engineer", "get_request", &[("number", &n)]).await;
        (n, d["work"]["emergencies"][0]["id"].as_i64().unwrap())
    }

    /// Fixed, confirmed (closed), its survey due and sent: (number, the mailed link's token).
    pub(super) async fn closed_and_sent(&self) -> (String, String) {
        let n = self.in_progress().await;
        self.ok("engineer", "resolve_with_report", &[("number", &n), ("cause", "Failed disk"), ("action_taken", "Replaced the disk"), ("parts_replaced", "")])
            .await;
        self.ok("customer", "act_on_request", &[("number", &n), ("action", "confirm_resolution")]).await;
        let conn = &self.app().db.conn;
        let r = db::repo::requests::find_by_number(conn, &n).await.unwrap().unwrap();
        let s = db::repo::surveys::find_by_request(conn, r.id).await.unwrap().expect("a survey for a closed request");
        let by = Duration::minutes(61);
        let row = db::entity::survey::ActiveModel {
            closed_at: Set(s.closed_at - by),
            due_at: Set(s.due_at - by),
            expires_at: Set(s.expires_at - by),
            ..Default::default()
        };
        assert!(db::repo::surveys::update_if_version(conn, row, s.id, s.version).await.unwrap());
        let links = server::survey_jobs::Links { base: "http://portal.test".into() };
        server::survey_jobs::run(&self.app().db, &links, Utc::now()).await.unwrap();
        let mails = db::entity::outbound_mail::Entity::find().all(conn).await.unwrap();
        let mail = mails.into_iter().max_by_key(|m| m.id).expect("the survey's mail");
        let start = mail.body.find("http://portal.test/s/").expect("a link in the mail") + "http://portal.test/s/".len();
        (n, mail.body[start..].split_whitespace().next().unwrap().to_string())
    }

    pub(super) async fn new_org(&self) -> i32 {
        let name = format!("Matrix Customer {}", self.next());
        self.ok("admin", "create_organization", &[("name", &name), ("kind", "customer")]).await["id"].as_i64().unwrap() as i32
    }

    pub(super) async fn new_contract(&self) -> i32 {
        let org = self.new_org().await.to_string();
        let mut f = contract_form();
        f.push(("org_id", org));
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.ok("admin", "create_contract", &pairs).await["contract"]["id"].as_i64().unwrap() as i32
    }

    pub(super) async fn new_user(&self) -> i32 {
        let (acme, email) = (self.0.acme.to_string(), format!("target{}@acme.example", self.next()));
        let form = [
            ("org_id", acme.as_str()),
            ("email", &email),
            ("display_name", "Target"),
            ("phone", ""),
            ("role", "customer"),
            ("password", "target password 1"),
            ("site_id", ""),
        ];
        self.ok("admin", "create_user", &form).await["id"].as_i64().unwrap() as i32
    }

    pub(super) async fn new_question(&self) -> String {
        let f = question_form(self.next());
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.ok("admin", "add_survey_question", &pairs).await["key"].as_str().unwrap().to_string()
    }

    /// A session open to all, starting in `start_in` hours.
    pub(super) async fn new_session(&self, start_in: i64) -> i32 {
        let f = training_form(&format!("Matrix session {}", self.next()), 10, start_in);
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.ok("dispatcher", "save_training", &pairs).await.as_i64().unwrap() as i32
    }

    /// A new device at Acme's site, saved by Acme's site manager.
    pub(super) async fn new_device(&self) -> i32 {
        let serial = format!("MX-D-{}", self.next());
        let site = self.0.acme_site.to_string();
        let mut form =
            vec![("id", "0"), ("version", "0"), ("site_id", site.as_str()), ("category", "server"), ("name", "Mail server"), ("serial", serial.as_str())];
        for empty in
            ["vendor", "model", "asset_number", "location", "ips", "purchase_date", "warranty_end", "service_level", "firmware", "status", "config_notes"]
        {
            form.push((empty, ""));
        }
        self.ok("site_manager", "save_device", &form).await.as_i64().unwrap() as i32
    }

    /// A new part model with 5 in stock at a new location, and a second, empty location:
    /// (part, where the parts are, the other location, the stock row).
    pub(super) async fn new_stock(&self) -> (i32, i32, i32, i32) {
        use db::repo::parts;
        let conn = &self.app().db.conn;
        let n = self.next();
        let input = domain::equipment::stock::PartInput { code: format!("MX-P-{n}"), name: "Fan module".into(), minimum: 0 };
        let part = parts::insert_part(conn, &input).await.unwrap().id;
        let from = parts::insert_location(conn, &format!("MX warehouse {n}"), None).await.unwrap().id;
        let to = parts::insert_location(conn, &format!("MX kit {n}"), None).await.unwrap().id;
        parts::add(conn, part, from, 5).await.unwrap();
        let stock = parts::stock(conn).await.unwrap().into_iter().find(|s| s.part_id == part).unwrap().id;
        (part, from, to, stock)
    }

    /// A new application at Acme's site.
    pub(super) async fn new_software(&self) -> i32 {
        let input =
            domain::equipment::software::SoftwareInput { name: format!("App {}", self.next()), version: "1".into(), platform: String::new(), go_live: None };
        db::repo::software::save(&self.app().db.conn, 0, self.0.acme, self.0.acme_site, &input, &[], self.0.users[2]).await.unwrap().unwrap().id
    }

    /// A new upgrade plan for Acme's device, proposed by engineer@ (waiting for approval).
    pub(super) async fn new_plan(&self) -> i32 {
        let device = self.0.device.to_string();
        let form = [
            ("id", "0"),
            ("version", "0"),
            ("title", "Firmware"),
            ("target_version", "V2"),
            ("steps", "Upload and reboot"),
            ("rollback", "Previous image"),
            ("impact", "Five minutes down"),
            ("window_start", "2026-12-12T22:00"),
            ("window_end", "2026-12-12T23:00"),
            ("device_ids[0]", device.as_str()),
        ];
        self.ok("engineer", "save_upgrade_plan", &form).await.as_i64().unwrap() as i32
    }

    /// A new inspection of Acme's site in `status`, assigned to engineer@, planned with the
    /// standard template (a slot of its own, so the plan's generation never touches it).
    pub(super) async fn inspection(&self, status: &str) -> db::entity::inspection::Model {
        use domain::inspection::PlanSettings;
        let conn = &self.app().db.conn;
        let plan = match db::repo::inspections::plan_of_contract(conn, self.0.contract).await.unwrap() {
            Some(p) => p,
            None => {
                let t = db::repo::checklists::current(conn).await.unwrap()[0].id;
                let settings = serde_json::to_string(&PlanSettings::default()).unwrap();
                db::repo::inspections::save_plan(conn, None, self.0.contract, self.0.acme, settings, t, Utc::now().date_naive(), None).await.unwrap().unwrap()
            }
        };
        let template = db::repo::checklists::current(conn).await.unwrap().into_iter().find(|t| t.name.contains("Standard")).unwrap().id;
        let contract = db::repo::contracts::find(conn, self.0.contract).await.unwrap().unwrap();
        let date = Utc::now().date_naive() + Duration::days(30);
        let now = Utc::now();
        let slot = format!("mx-{}", self.next());
        let new = db::repo::inspections::NewInspection {
            plan_id: plan.id,
            organization_id: self.0.acme,
            site_id: self.0.acme_site,
            kind: "regular",
            slot: slot.clone(),
            template_id: template,
            categories_json: "[]".into(),
            calendar_json: contract.calendar_json.clone(),
            notice_days: 15,
            report_days: 3,
            date,
            announce_by: date - Duration::days(21),
        };
        let mut row = db::repo::inspections::planned(new, now);
        row.engineer_id = Set(Some(self.0.engineer));
        row.status = Set(status.into());
        row.announced_at = Set(Some(now));
        db::repo::inspections::insert_new(conn, vec![row]).await.unwrap();
        db::entity::inspection::Entity::find().all(conn).await.unwrap().into_iter().find(|r| r.slot == slot).unwrap()
    }

    /// An inspection under way with a finding (a machine room at 35 °C): the answer's id.
    pub(super) async fn finding(&self) -> i32 {
        let r = self.inspection("in_progress").await;
        let json = serde_json::to_string(&Some(domain::inspection::Answer::Reading(35.0))).unwrap();
        // Item 11 of the standard template: the machine room's temperature, 18–27 °C.
        db::repo::inspections::upsert_answer(&self.app().db.conn, r.id, 0, "11", json, String::new(), true, self.0.engineer).await.unwrap();
        db::repo::inspections::answers(&self.app().db.conn, r.id).await.unwrap()[0].id
    }

    /// A new assurance period for Acme (1–7 October next year), published or a draft: its id.
    pub(super) async fn assurance(&self, published: bool) -> i32 {
        let conn = &self.app().db.conn;
        let y = chrono::Datelike::year(&Utc::now()) + 1;
        let input = domain::inspection::assurance::PeriodInput {
            name: format!("MX period {}", self.next()),
            reason: String::new(),
            starts_on: chrono::NaiveDate::from_ymd_opt(y, 10, 1).unwrap(),
            ends_on: chrono::NaiveDate::from_ymd_opt(y, 10, 7).unwrap(),
        };
        let p = db::repo::assurance::save(conn, 0, 0, &input, &[self.0.acme], self.0.users[8]).await.unwrap().unwrap();
        if published {
            db::repo::assurance::publish(conn, p.id, p.version).await.unwrap();
        }
        p.id
    }

    /// A new complaint of the customer's (Acme) about the service; answered when `answered`
    /// (so the customer's people may accept it), else just submitted: its id.
    pub(super) async fn complaint(&self, answered: bool) -> i32 {
        let db = &self.app().db;
        let now = Utc::now();
        let tx = db.begin_write().await.unwrap();
        let new = db::repo::complaints::NewComplaint {
            organization_id: self.0.acme,
            complainant_id: self.0.users[1],
            request_id: None,
            concerns_user_id: None,
            from_survey: false,
            text: "Matrix: the hotline did not answer.",
            ack_due_at: now + Duration::days(1),
            answer_due_at: now + Duration::days(7),
        };
        let c = app::ssr::complaints::create(&*tx, new, now).await.unwrap();
        tx.commit().await.unwrap();
        if answered {
            let answer = domain::complaint::validate_answer("Found", "Changed", "Answer").unwrap();
            let manager = domain::Actor { user_id: self.0.users[8], org_id: 0, role: domain::Role::Manager };
            app::ssr::complaints::step(
                db,
                &c,
                domain::complaint::ComplaintAction::Answer,
                Some(&manager),
                app::ssr::complaints::StepInput::Answer(answer),
                now,
            )
            .await
            .unwrap();
        }
        c.id
    }

    /// A new unsubscribe link of the customer's, for training mail: its token.
    pub(super) async fn mail_token(&self) -> String {
        db::repo::mail_prefs::new_unsubscribe(&self.app().db.conn, self.0.users[1], "training", Utc::now()).await.unwrap()
    }

    /// A published knowledge-base article for Acme only (by the manager): its id.
    pub(super) async fn article(&self) -> i32 {
        self.new_article(domain::knowledge::ArticleStatus::Published).await
    }

    /// A draft article (by the manager, so every writer may send it for review): its id.
    pub(super) async fn draft_article(&self) -> i32 {
        self.new_article(domain::knowledge::ArticleStatus::Draft).await
    }

    async fn new_article(&self, status: domain::knowledge::ArticleStatus) -> i32 {
        use domain::knowledge::{ArticleDraft, ArticleLang, Category, Visibility};
        let draft = ArticleDraft {
            title: format!("矩阵：Acme 专用文章 {}", self.next()),
            body: "正文".into(),
            category: Category::Network,
            lang: ArticleLang::Zh,
            tags: vec![],
            models: vec![],
            software: vec![],
            visibility: Visibility::Organizations,
            orgs: vec![self.0.acme],
        };
        let tx = self.app().db.begin_write().await.unwrap();
        let a = db::repo::kb_articles::create(
            &*tx,
            db::repo::kb_articles::NewArticle { draft: &draft, by: self.0.users[8], pair_id: None, request_id: None, note: "", status },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        a.id
    }

    /// A shift on a new draft period: its id.
    pub(super) async fn duty_shift(&self) -> i32 {
        let period = self.assurance(false).await;
        let p = db::repo::assurance::find(&self.app().db.conn, period).await.unwrap().unwrap();
        db::repo::assurance::add_shift(&self.app().db.conn, period, p.starts_on, "day", self.0.engineer, "+86 138 0000 0001").await.unwrap().id
    }

    /// A new plan, approved by Acme's site manager.
    pub(super) async fn approved_plan(&self) -> i32 {
        let id = self.new_plan().await;
        self.ok("site_manager", "decide_upgrade_plan", &[("id", &id.to_string()), ("revision", "1"), ("decision", "approve")]).await;
        id
    }

    /// A new uploaded device list of Acme (one row, a new serial), not yet saved.
    pub(super) async fn new_import(&self) -> i32 {
        let site = db::repo::sites::find(&self.app().db.conn, self.0.acme_site).await.unwrap().unwrap().name;
        let csv = format!("site,category,name,serial\n{site},network,Edge router,MX-I-{}\n", self.next());
        let by = self.0.users[2];
        db::repo::devices::insert_import(&self.app().db.conn, self.0.acme, by, "devices.csv", csv).await.unwrap().id
    }

    /// A new session with user@acme's confirmed booking: (session, booking).
    pub(super) async fn booking(&self, start_in: i64) -> (i32, i32) {
        let id = self.new_session(start_in).await;
        self.ok("customer", "book_training", &[("id", &id.to_string()), ("user_id", "")]).await;
        let b = db::repo::training::bookings_of_session(&self.app().db.conn, id).await.unwrap();
        (id, b.iter().find(|b| b.user_id == self.0.user).unwrap().id)
    }

    /// A session that has ended, booked by user@acme, whose feedback has been asked.
    pub(super) async fn feedback_session(&self) -> i32 {
        let (id, _) = self.booking(3).await;
        self.shift(id, Duration::hours(-6), Duration::hours(-6), Duration::hours(-6)).await;
        server::training_jobs::run(&self.app().db, Utc::now()).await.unwrap();
        id
    }

    pub(super) async fn shift(&self, id: i32, start: Duration, end: Duration, deadline: Duration) {
        let conn = &self.app().db.conn;
        let s = db::repo::training::find(conn, id).await.unwrap().unwrap();
        db::entity::training_session::Entity::update(db::entity::training_session::ActiveModel {
            id: Set(id),
            starts_at: Set(s.starts_at + start),
            ends_at: Set(s.ends_at + end),
            booking_deadline: Set(s.booking_deadline + deadline),
            ..Default::default()
        })
        .exec(conn)
        .await
        .unwrap();
    }

    /// A request of user@acme with a PNG attached: (number, attachment id).
    pub(super) async fn attachment(&self) -> (String, i64) {
        let n = self.submit().await;
        let a = upload(self.app(), self.by("customer"), &n, png()).await.unwrap();
        assert_eq!(a.status, 303, "upload: {}", a.body);
        let d = self.ok("customer", "get_request", &[("number", &n)]).await;
        (n, d["attachments"][0]["id"].as_i64().unwrap())
    }
}

/// A file the portal takes for a PNG image (its signature).
pub(super) const PNG_BYTES: &[u8] = b"\x89PNG\r\n\x1a\nmatrix image";

pub(super) fn png() -> reqwest::multipart::Form {
    reqwest::multipart::Form::new().part("file", reqwest::multipart::Part::bytes(PNG_BYTES.to_vec()).file_name("screen.png"))
}

pub(super) async fn upload(app: &TestApp, c: &Client, number: &str, form: reqwest::multipart::Form) -> Result<Answer, String> {
    send(c.post(format!("{}/requests/{}/attachments", app.base, number)).header("origin", &app.base).multipart(form)).await
}

/// Makes one call of the matrix: the arguments as a form or JSON.
pub(super) async fn make(env: &Env, entry: &Entry, actor: usize, c: &Call) -> Result<Answer, String> {
    let app = env.app();
    let fresh;
    let client = match (c.via, ACTORS[actor].1) {
        (Via::Fresh, Some(email)) => {
            fresh = sign_in(app, email).await;
            &fresh
        }
        (Via::Fresh, None) => {
            fresh = new_client();
            &fresh
        }
        (Via::Own, _) => &env.0.clients[actor],
    };
    if entry.json {
        let body = Value::Object(c.args.iter().cloned().collect());
        post_fn(app, client, entry.f, JSON, serde_json::to_vec(&body).unwrap()).await
    } else {
        let pairs: Vec<(String, Vec<u8>)> = c.args.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().as_bytes().to_vec())).collect();
        post_fn(app, client, entry.f, FORM, form_body(&pairs)).await
    }
}
