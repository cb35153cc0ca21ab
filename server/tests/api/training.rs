//! Training sessions through the real router, on SQLite and PostgreSQL: the last seat under
//! concurrent bookings, the waiting list, deadline and cancellation rules, who may see and
//! book what, cancelling a session, the .ics and CSV files, feedback after the end, and the
//! staff form (posted as the page's plain form, checkboxes `org_ids[i]`).
use chrono::{Duration, Utc};
use db::sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use futures::future::join_all;
use serde_json::{json, Value};

use crate::{both, helpers::*};

const TZ: chrono_tz::Tz = chrono_tz::Asia::Shanghai;

fn local(at: chrono::DateTime<Utc>) -> String {
    domain::training::form::format_local_datetime(at.timestamp(), TZ)
}

/// A session form: starts in `start_in` (hours), two hours long, bookable until an hour
/// before; open to all unless `orgs` are given.
fn form(title: &str, capacity: u32, start_in: i64, orgs: &[i32]) -> Vec<(String, String)> {
    let start = Utc::now() + Duration::hours(start_in);
    let mut f: Vec<(String, String)> = [
        ("id", "0".to_string()),
        ("title", title.to_string()),
        ("kind", "product".into()),
        ("description", "Hands-on".into()),
        ("trainer", "Li Qiang".into()),
        ("tz", "Asia/Shanghai".into()),
        ("starts_at", local(start)),
        ("ends_at", local(start + Duration::hours(2))),
        ("delivery", "on_site".into()),
        ("place", "Room 3".into()),
        ("link", "".into()),
        ("capacity", capacity.to_string()),
        ("booking_deadline", local(start - Duration::hours(1))),
        ("invited", if orgs.is_empty() { "all" } else { "some" }.into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    for (i, o) in orgs.iter().enumerate() {
        f.push((format!("org_ids[{i}]"), o.to_string()));
    }
    f
}

fn pairs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn set(f: &mut [(String, String)], key: &str, value: &str) {
    f.iter_mut().find(|(k, _)| k == key).unwrap().1 = value.to_string();
}

async fn create(app: &TestApp, staff: &reqwest::Client, f: &[(String, String)]) -> i32 {
    let r = app.call(staff, "save_training", &pairs(f)).await;
    assert_eq!(r.status, 200, "save_training: {}", r.body);
    r.body.as_i64().unwrap() as i32
}

async fn book(app: &TestApp, c: &reqwest::Client, id: i32, user: &str) -> Reply {
    app.call(c, "book_training", &[("id", &id.to_string()), ("user_id", user)]).await
}

async fn session_row(app: &TestApp, id: i32) -> db::entity::training_session::Model {
    db::repo::training::find(&app.db.conn, id).await.unwrap().unwrap()
}

async fn bookings(app: &TestApp, id: i32) -> Vec<db::entity::training_booking::Model> {
    db::repo::training::bookings_of_session(&app.db.conn, id).await.unwrap()
}

fn count(rows: &[db::entity::training_booking::Model], status: &str) -> usize {
    rows.iter().filter(|b| b.status == status).count()
}

/// Moves a session's times by `by` (negative: into the past), as if time had passed.
async fn shift(app: &TestApp, id: i32, start: Duration, end: Duration, deadline: Duration) {
    let s = session_row(app, id).await;
    db::entity::training_session::Entity::update(db::entity::training_session::ActiveModel {
        id: Set(id),
        starts_at: Set(s.starts_at + start),
        ends_at: Set(s.ends_at + end),
        booking_deadline: Set(s.booking_deadline + deadline),
        ..Default::default()
    })
    .exec(&app.db.conn)
    .await
    .unwrap();
}

async fn org(app: &TestApp, name: &str) -> i32 {
    db::repo::organizations::list(&app.db.conn).await.unwrap().into_iter().find(|o| o.name == name).unwrap().id
}

/// `n` new customers of `org_name`, signed in (each once: sign-ins are rate limited).
async fn customers(app: &TestApp, org_name: &str, prefix: &str, n: usize) -> Vec<(i32, reqwest::Client)> {
    named_customers(app, org_name, prefix, prefix, n).await
}

async fn named_customers(app: &TestApp, org_name: &str, prefix: &str, name: &str, n: usize) -> Vec<(i32, reqwest::Client)> {
    let org_id = org(app, org_name).await;
    let hash = db::password::hash_async(PASSWORD.to_string()).await;
    let mut ids = Vec::new();
    for i in 0..n {
        let email = format!("{prefix}{i}@{}.example", org_name.split(' ').next().unwrap().to_lowercase());
        let u = db::repo::users::insert(
            &app.db.conn,
            db::repo::users::NewUserRow {
                org_id,
                site_id: None,
                email: &email,
                display_name: &format!("{name} {i}"),
                phone: None,
                role: domain::Role::Customer,
                password_hash: &hash,
            },
        )
        .await
        .unwrap();
        ids.push((u.id, email));
    }
    join_all(ids.into_iter().map(|(id, email)| async move { (id, app.signed_in(&email).await) })).await
}

async fn notes(app: &TestApp, c: &reqwest::Client) -> Value {
    app.call(c, "list_notifications", &[]).await.body
}

fn kinds(notes: &Value) -> Vec<String> {
    notes.as_array().unwrap().iter().map(|n| n["kind"].as_str().unwrap().to_string()).collect()
}

async fn last_seat(app: &TestApp, staff: &reqwest::Client, people: &[(i32, reqwest::Client)], capacity: u32) {
    let id = create(app, staff, &form(&format!("Last seat of {capacity}"), capacity, 48, &[])).await;
    let replies = join_all(people.iter().map(|(_, c)| book(app, c, id, ""))).await;
    let statuses: Vec<(u16, String)> = replies.iter().map(|r| (r.status.as_u16(), r.body.as_str().unwrap_or("").to_string())).collect();
    assert!(statuses.iter().all(|(s, _)| *s == 200), "{statuses:?}");
    let confirmed = statuses.iter().filter(|(_, b)| b == "confirmed").count();
    let waiting = statuses.iter().filter(|(_, b)| b == "waitlisted").count();
    assert_eq!((confirmed, waiting), (capacity as usize, people.len() - capacity as usize), "{statuses:?}");
    let rows = bookings(app, id).await;
    assert_eq!(count(&rows, "confirmed"), capacity as usize);
    assert_eq!(count(&rows, "waitlisted"), people.len() - capacity as usize);
    let s = session_row(app, id).await;
    assert_eq!(s.confirmed_count, capacity as i32, "the counter equals the confirmed rows");
    let view = app.call(&people[0].1, "get_training", &[("id", &id.to_string())]).await.body;
    assert_eq!(view["summary"]["seats_left"], 0);
    assert_eq!(view["summary"]["waiting"], people.len() - capacity as usize);
}

both!(the_last_seat_goes_to_exactly_one_of_many_booking_at_once, |app: TestApp| async move {
    let staff = app.signed_in("dispatcher@provider.example").await;
    let people = customers(&app, "Acme Manufacturing", "rush", 20).await;
    last_seat(&app, &staff, &people, 1).await;
    last_seat(&app, &staff, &people, 3).await;

    // The same person clicking five times at once holds one booking.
    let id = create(&app, &staff, &form("Double click", 5, 48, &[])).await;
    let me = &people[0].1;
    let replies = join_all((0..5).map(|_| book(&app, me, id, ""))).await;
    let ok = replies.iter().filter(|r| r.status == 200).count();
    assert_eq!(ok, 1, "{:?}", replies.iter().map(|r| (r.status, r.body.clone())).collect::<Vec<_>>());
    for r in replies.iter().filter(|r| r.status != 200) {
        assert_eq!((r.status.as_u16(), r.body["NotNow"].as_str()), (409, Some("training_already_booked")));
    }
    let rows = bookings(&app, id).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(session_row(&app, id).await.confirmed_count, 1);
});

both!(a_freed_seat_goes_to_the_first_waiting_who_is_told, |app: TestApp| async move {
    let staff = app.signed_in("manager@provider.example").await;
    let people = customers(&app, "Acme Manufacturing", "queue", 4).await;
    let mut f = form("Queue", 2, 48, &[]);
    let id = create(&app, &staff, &f).await;
    for (_, c) in &people {
        assert_eq!(book(&app, c, id, "").await.status, 200);
    }
    let rows = bookings(&app, id).await;
    let status_of =
        |rows: &[db::entity::training_booking::Model], user: i32| rows.iter().find(|b| b.user_id == user && b.status != "cancelled").map(|b| b.status.clone());
    assert_eq!(status_of(&rows, people[2].0).as_deref(), Some("waitlisted"));
    let mine = app.call(&people[3].1, "my_bookings", &[]).await.body;
    assert_eq!(mine[0]["position"], 2, "{mine}");

    // The first confirmed person cancels: the first waiting takes the seat and is told.
    let first = rows.iter().find(|b| b.user_id == people[0].0).unwrap().id;
    let r = app.call(&people[0].1, "cancel_booking", &[("booking_id", &first.to_string())]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let rows = bookings(&app, id).await;
    assert_eq!(status_of(&rows, people[2].0).as_deref(), Some("confirmed"));
    assert_eq!(status_of(&rows, people[3].0).as_deref(), Some("waitlisted"));
    assert!(rows.iter().find(|b| b.user_id == people[2].0 && b.status == "confirmed").unwrap().promoted_at.is_some());
    assert!(kinds(&notes(&app, &people[2].1).await).contains(&"training_promoted".to_string()));
    assert!(!kinds(&notes(&app, &people[3].1).await).contains(&"training_promoted".to_string()));
    let mine = app.call(&people[3].1, "my_bookings", &[]).await.body;
    assert_eq!(mine[0]["position"], 1, "{mine}");
    assert_eq!(session_row(&app, id).await.confirmed_count, 2);

    // Lowering the capacity below the confirmed seats is refused and changes nothing.
    set(&mut f, "id", &id.to_string());
    set(&mut f, "capacity", "1");
    let r = app.call(&staff, "save_training", &pairs(&f)).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(field_codes(&r.body), vec![("capacity".to_string(), "out_of_range".to_string())]);
    assert_eq!(session_row(&app, id).await.capacity, 2);

    // Raising it lets the next one in.
    set(&mut f, "capacity", "3");
    let before = session_row(&app, id).await.sequence;
    let r = app.call(&staff, "save_training", &pairs(&f)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let rows = bookings(&app, id).await;
    assert_eq!(status_of(&rows, people[3].0).as_deref(), Some("confirmed"));
    assert!(kinds(&notes(&app, &people[3].1).await).contains(&"training_promoted".to_string()));
    let s = session_row(&app, id).await;
    assert_eq!((s.confirmed_count, s.capacity, s.sequence), (3, 3, before + 1));
});

both!(deadline_and_cancellation_rules, |app: TestApp| async move {
    let staff = app.signed_in("dispatcher@provider.example").await;
    let people = customers(&app, "Acme Manufacturing", "rules", 3).await;
    let id = create(&app, &staff, &form("Rules", 1, 48, &[])).await;
    assert_eq!(book(&app, &people[0].1, id, "").await.body, "confirmed");
    assert_eq!(book(&app, &people[1].1, id, "").await.body, "waitlisted");
    let rows = bookings(&app, id).await;
    let booking_of = |user: i32| rows.iter().find(|b| b.user_id == user).unwrap().id.to_string();
    let (b0, b1) = (booking_of(people[0].0), booking_of(people[1].0));

    // After the booking deadline: customers can neither book nor give up a seat...
    shift(&app, id, Duration::zero(), Duration::zero(), Duration::hours(-48)).await;
    let r = book(&app, &people[2].1, id, "").await;
    assert_eq!((r.status.as_u16(), r.body["NotNow"].as_str()), (409, Some("training_deadline_passed")));
    let r = app.call(&people[0].1, "cancel_booking", &[("booking_id", &b0)]).await;
    assert_eq!((r.status.as_u16(), r.body["NotNow"].as_str()), (409, Some("training_deadline_passed")));
    let view = app.call(&people[2].1, "get_training", &[("id", &id.to_string())]).await.body;
    assert_eq!(view["may_book"], false);
    // ...but may leave the waiting list until the start.
    assert_eq!(app.call(&people[1].1, "cancel_booking", &[("booking_id", &b1)]).await.status, 200);
    // Staff still book (someone phoned in) and cancel.
    let r = book(&app, &staff, id, &people[2].0.to_string()).await;
    assert_eq!((r.status.as_u16(), r.body.as_str()), (200, Some("waitlisted")), "{}", r.body);
    assert!(kinds(&notes(&app, &people[2].1).await).contains(&"training_booked".to_string()));
    assert_eq!(app.call(&staff, "cancel_booking", &[("booking_id", &b0)]).await.status, 200);
    let rows = bookings(&app, id).await;
    assert_eq!(rows.iter().find(|b| b.user_id == people[2].0).unwrap().status, "confirmed", "promoted after the deadline, before the start");
    assert!(kinds(&notes(&app, &people[0].1).await).contains(&"training_booking_cancelled".to_string()));
    let b2 = rows.iter().find(|b| b.user_id == people[2].0).unwrap().id.to_string();

    // Once started nobody books, customers do not cancel; staff cancel until the end.
    shift(&app, id, Duration::hours(-49), Duration::hours(-48), Duration::zero()).await;
    let r = book(&app, &staff, id, &people[1].0.to_string()).await;
    assert_eq!((r.status.as_u16(), r.body["NotNow"].as_str()), (409, Some("training_started")));
    let r = app.call(&people[2].1, "cancel_booking", &[("booking_id", &b2)]).await;
    assert_eq!(r.status, 409);
    shift(&app, id, Duration::zero(), Duration::hours(-2), Duration::zero()).await;
    let r = app.call(&staff, "cancel_booking", &[("booking_id", &b2)]).await;
    assert_eq!((r.status.as_u16(), r.body["NotNow"].as_str()), (409, Some("training_ended")));
    // Nothing was cancelled twice: a cancelled booking cannot be cancelled again.
    let r = app.call(&staff, "cancel_booking", &[("booking_id", &b0)]).await;
    assert_eq!(r.status, 409);
});

both!(only_invited_organizations_see_and_book, |app: TestApp| async move {
    let staff = app.signed_in("dispatcher@provider.example").await;
    let acme_user = app.signed_in("user@acme.example").await;
    let globex_user = app.signed_in("user@globex.example").await;
    let globex_lead = app.signed_in("lead@globex.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let globex = org(&app, "Globex Logistics").await;
    let id = create(&app, &staff, &form("Globex only", 5, 30 * 24, &[globex])).await;
    let sid = id.to_string();

    // Acme's customer: not found, anywhere.
    assert_eq!(app.call(&acme_user, "get_training", &[("id", &sid)]).await.status, 404);
    assert_eq!(book(&app, &acme_user, id, "").await.status, 404);
    assert_eq!(app.get(&acme_user, &format!("/training/{id}/calendar.ics")).await.status(), 404);
    let list = app.call(&acme_user, "list_training", &[("scope", "upcoming")]).await.body;
    assert!(!list.to_string().contains("Globex only"), "{list}");
    let start = session_row(&app, id).await.starts_at.with_timezone(&TZ);
    let (y, m) = (chrono::Datelike::year(&start).to_string(), chrono::Datelike::month(&start).to_string());
    let cal = app.call(&acme_user, "training_calendar", &[("year", &y), ("month", &m)]).await;
    assert_eq!(cal.status, 200, "{}", cal.body);
    assert!(!cal.body.to_string().contains("Globex only") && !cal.body["grid"].to_string().contains(&format!("[{id}]")));
    let cal = app.call(&globex_user, "training_calendar", &[("year", &y), ("month", &m)]).await.body;
    assert!(cal["sessions"].to_string().contains("Globex only"), "{cal}");
    assert!(app.call(&globex_user, "list_training", &[("scope", "upcoming")]).await.body.to_string().contains("Globex only"));

    // Live events of this session are addressed to Globex (and staff) only.
    let events = db::entity::live_event::Entity::find().filter(db::entity::live_event::Column::Kind.eq("training")).all(&app.db.conn).await.unwrap();
    assert!(!events.is_empty());
    let actor = |user: i32, org: i32, role| domain::Actor { user_id: user, org_id: org, role };
    let acme = org(&app, "Acme Manufacturing").await;
    for ev in &events {
        assert_eq!(ev.organization_id, Some(globex));
        assert!(!server::live::may_receive(&actor(99, acme, domain::Role::Customer), ev));
        assert!(!server::live::may_receive(&actor(99, acme, domain::Role::SiteManager), ev));
        assert!(server::live::may_receive(&actor(98, globex, domain::Role::Customer), ev));
        assert!(server::live::may_receive(&actor(1, 1, domain::Role::Engineer), ev));
    }

    // A site manager books a colleague, not someone of another organization (404: such a
    // person does not exist for them), and a customer books nobody but themselves (403).
    let globex_user_id = app.user_id("user@globex.example").await.to_string();
    let acme_user_id = app.user_id("user@acme.example").await.to_string();
    let r = book(&app, &globex_lead, id, &globex_user_id).await;
    assert_eq!((r.status.as_u16(), r.body.as_str()), (200, Some("confirmed")), "{}", r.body);
    assert_eq!(book(&app, &globex_lead, id, &acme_user_id).await.status, 404);
    let lead_id = app.user_id("lead@globex.example").await.to_string();
    assert_eq!(book(&app, &globex_user, id, &lead_id).await.status, 403);
    // Staff cannot book a customer of an organization that is not invited.
    let r = book(&app, &staff, id, &acme_user_id).await;
    assert_eq!((r.status.as_u16(), r.body["NotNow"].as_str()), (409, Some("training_not_invited")));
    let view = app.call(&globex_lead, "get_training", &[("id", &sid)]).await.body;
    assert_eq!(view["booked_by_me"].as_array().unwrap().len(), 1, "{view}");
    assert!(view["book_for"].as_array().unwrap().iter().all(|p| p[1].as_str().unwrap().contains("Globex")), "{view}");
    // A booking of Globex is not Acme's to cancel, nor even to know of.
    let b = bookings(&app, id).await[0].id.to_string();
    assert_eq!(app.call(&acme_user, "cancel_booking", &[("booking_id", &b)]).await.status, 404);

    // Engineers see sessions but neither manage nor book; customers do not manage either.
    assert_eq!(app.call(&engineer, "get_training", &[("id", &sid)]).await.status, 200);
    assert_eq!(book(&app, &engineer, id, "").await.status, 403);
    assert_eq!(app.call(&engineer, "save_training", &pairs(&form("Nope", 5, 48, &[]))).await.status, 403);
    assert_eq!(app.call(&engineer, "get_training_form", &[("id", "0")]).await.status, 403);
    assert_eq!(app.call(&engineer, "training_attendees", &[("id", &sid)]).await.status, 403);
    assert_eq!(app.call(&engineer, "cancel_training", &[("id", &sid), ("reason", "")]).await.status, 403);
    assert_eq!(app.call(&globex_user, "get_training_form", &[("id", &sid)]).await.status, 404);
    assert_eq!(app.call(&globex_user, "training_attendees", &[("id", &sid)]).await.status, 404);
    assert_eq!(app.call(&globex_user, "save_training", &pairs(&form("Nope", 5, 48, &[]))).await.status, 404);
    assert_eq!(app.call(&client(), "list_training", &[("scope", "upcoming")]).await.status, 401);
    assert_eq!(app.get(&client(), &format!("/training/{id}/calendar.ics")).await.status(), 401);
});

both!(cancelling_a_session_tells_every_attendee, |app: TestApp| async move {
    let staff = app.signed_in("manager@provider.example").await;
    let people = customers(&app, "Acme Manufacturing", "told", 3).await;
    let id = create(&app, &staff, &form("To be cancelled", 1, 48, &[])).await;
    assert_eq!(book(&app, &people[0].1, id, "").await.body, "confirmed");
    assert_eq!(book(&app, &people[1].1, id, "").await.body, "waitlisted");
    let r = app.call(&staff, "cancel_training", &[("id", &id.to_string()), ("reason", "Trainer ill")]).await;
    assert_eq!(r.status, 200, "{}", r.body);
    for (_, c) in &people[..2] {
        let n = notes(&app, c).await;
        let note = n.as_array().unwrap().iter().find(|n| n["kind"] == "training_cancelled").expect("told");
        assert_eq!(note["body"]["reason"], "Trainer ill");
        assert_eq!(note["body"]["session_id"], id);
        let view = app.call(c, "get_training", &[("id", &id.to_string())]).await.body;
        assert_eq!(view["summary"]["status"], "cancelled");
        assert_eq!(view["may_book"], false);
        let list = app.call(c, "list_training", &[("scope", "upcoming")]).await.body;
        assert!(list.to_string().contains("To be cancelled"), "those who had booked still see it");
    }
    // Someone who had not booked no longer sees it.
    assert_eq!(app.call(&people[2].1, "get_training", &[("id", &id.to_string())]).await.status, 404);
    assert!(!app.call(&people[2].1, "list_training", &[("scope", "upcoming")]).await.body.to_string().contains("To be cancelled"));
    let rows = bookings(&app, id).await;
    assert!(rows.iter().all(|b| b.status == "cancelled"));
    let s = session_row(&app, id).await;
    assert_eq!((s.status.as_str(), s.confirmed_count, s.sequence), ("cancelled", 0, 1));
    // The calendar file now says so, with a higher sequence, so calendars update the entry.
    let ics = app.get(&people[0].1, &format!("/training/{id}/calendar.ics")).await.text().await.unwrap();
    assert!(ics.contains("STATUS:CANCELLED\r\n") && ics.contains("SEQUENCE:1\r\n"), "{ics}");
    // Nothing more happens to it.
    assert_eq!(book(&app, &people[0].1, id, "").await.status, 409);
    assert_eq!(app.call(&staff, "cancel_training", &[("id", &id.to_string()), ("reason", "")]).await.status, 409);
    let audit = db::entity::audit_entry::Entity::find().all(&app.db.conn).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "training.cancel"));
});

both!(calendar_file_and_attendee_list, |app: TestApp| async move {
    let staff = app.signed_in("dispatcher@provider.example").await;
    let user = app.signed_in("user@acme.example").await;
    let engineer = app.signed_in("engineer@provider.example").await;
    let mut f = form("Setup, tuning; and more", 5, 48, &[]);
    set(&mut f, "description", "Line one\nLine two");
    set(&mut f, "delivery", "online");
    set(&mut f, "link", "https://meet.example.com/abc?x=1,2");
    let id = create(&app, &staff, &f).await;

    let res = app.get(&user, &format!("/training/{id}/calendar.ics")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/calendar; charset=utf-8");
    assert_eq!(res.headers()["content-disposition"], format!("attachment; filename=\"training-{id}.ics\""));
    let ics = res.text().await.unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.contains(&format!("UID:training-{id}@127.0.0.1\r\n")), "{ics}");
    assert!(ics.contains("SUMMARY:Setup\\, tuning\\; and more\r\n"), "{ics}");
    assert!(ics.contains("DESCRIPTION:Line one\\nLine two\r\n"), "{ics}");
    assert!(!ics.contains("meet.example.com"), "the link is for people with a seat");
    assert_eq!(book(&app, &user, id, "").await.status, 200);
    let ics = app.get(&user, &format!("/training/{id}/calendar.ics")).await.text().await.unwrap();
    assert!(ics.contains("URL:https://meet.example.com/abc?x=1,2\r\n"), "{ics}");
    let view = app.call(&user, "get_training", &[("id", &id.to_string())]).await.body;
    assert_eq!(view["link"], "https://meet.example.com/abc?x=1,2");

    // A customer whose name is a formula: the CSV keeps it text.
    let sneaky = named_customers(&app, "Acme Manufacturing", "sneaky", "=HYPERLINK(\"x\")", 1).await;
    assert_eq!(book(&app, &sneaky[0].1, id, "").await.status, 200);
    let res = app.get(&staff, &format!("/training/{id}/attendees.csv")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = res.text().await.unwrap();
    // A byte-order mark first, so spreadsheet programs read the file as UTF-8.
    assert!(csv.starts_with("\u{feff}name,email,organization,status,booked_at,attended\r\n"), "{csv}");
    assert!(csv.contains("Alice Zhang,user@acme.example,Acme Manufacturing,confirmed,"), "{csv}");
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\") 0\""), "{csv}");
    assert_eq!(app.get(&user, &format!("/training/{id}/attendees.csv")).await.status(), 404);
    assert_eq!(app.get(&engineer, &format!("/training/{id}/attendees.csv")).await.status(), 403);
    assert_eq!(app.get(&client(), &format!("/training/{id}/attendees.csv")).await.status(), 401);
    assert_eq!(app.get(&staff, "/training/999999/attendees.csv").await.status(), 404);

    // Attendance: only once started, only for confirmed seats.
    let list = app.call(&staff, "training_attendees", &[("id", &id.to_string())]).await.body;
    assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    let b = list[0]["id"].to_string();
    let r = app.call(&staff, "mark_attendance", &[("booking_id", &b), ("attended", "yes")]).await;
    assert_eq!((r.status.as_u16(), r.body["NotNow"].as_str()), (409, Some("training_not_started")));
    shift(&app, id, Duration::hours(-49), Duration::zero(), Duration::hours(-49)).await;
    assert_eq!(app.call(&staff, "mark_attendance", &[("booking_id", &b), ("attended", "maybe")]).await.status, 422);
    assert_eq!(app.call(&staff, "mark_attendance", &[("booking_id", &b), ("attended", "yes")]).await.status, 200);
    let csv = app.get(&staff, &format!("/training/{id}/attendees.csv")).await.text().await.unwrap();
    assert!(csv.contains(",yes\r\n"), "{csv}");
});

both!(feedback_is_asked_after_the_end_once, |app: TestApp| async move {
    let staff = app.signed_in("dispatcher@provider.example").await;
    let people = customers(&app, "Acme Manufacturing", "fb", 2).await;
    let (user, other) = (&people[0].1, &people[1].1);
    let id = create(&app, &staff, &form("Feedback", 5, 3, &[])).await;
    assert_eq!(book(&app, user, id, "").await.status, 200);
    let answers = json!({ "session_id": id, "answers": [["overall", "5"], ["content", "4"], ["trainer", "5"], ["comment", "Useful"]] });

    // Within a day of the start: a reminder, once; no feedback yet.
    let view = app.call(user, "get_training", &[("id", &id.to_string())]).await.body;
    assert_eq!((view["reminder"].as_bool(), &view["feedback"]), (Some(true), &Value::Null));
    assert_eq!(server::training_jobs::run(&app.db, Utc::now()).await.unwrap(), 1);
    assert_eq!(server::training_jobs::run(&app.db, Utc::now()).await.unwrap(), 0);
    assert!(kinds(&notes(&app, user).await).contains(&"training_reminder".to_string()));
    let r = app.call_json(user, "answer_training_feedback", &answers).await;
    assert_eq!((r.status.as_u16(), r.body["NotNow"].as_str()), (409, Some("training_feedback_not_yet")));

    // Ended: asked once, in the portal.
    shift(&app, id, Duration::hours(-6), Duration::hours(-6), Duration::hours(-6)).await;
    assert_eq!(server::training_jobs::run(&app.db, Utc::now()).await.unwrap(), 1);
    assert_eq!(server::training_jobs::run(&app.db, Utc::now()).await.unwrap(), 0);
    let n = notes(&app, user).await;
    assert!(kinds(&n).contains(&"training_feedback".to_string()), "{n}");
    let view = app.call(user, "get_training", &[("id", &id.to_string())]).await.body;
    assert_eq!(view["feedback"]["status"], "open", "{view}");
    assert_eq!(view["feedback"]["may_answer"], true);
    assert_eq!(view["feedback"]["request_title"], "Feedback");
    assert_eq!(view["feedback"]["questions"][0]["key"], "overall");

    // Someone without a seat cannot answer; a bad answer changes nothing; a good one counts once.
    assert_eq!(app.call_json(other, "answer_training_feedback", &answers).await.status, 403);
    let bad = json!({ "session_id": id, "answers": [["overall", "9"]] });
    let r = app.call_json(user, "answer_training_feedback", &bad).await;
    assert_eq!(r.status, 422);
    assert!(db::repo::training::feedback_of_session(&app.db.conn, id).await.unwrap().is_empty());
    let r = app.call_json(user, "answer_training_feedback", &answers).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.call_json(user, "answer_training_feedback", &answers).await;
    assert_eq!((r.status.as_u16(), r.body["NotNow"].as_str()), (409, Some("training_feedback_given")));
    let stored = db::repo::training::feedback_of_session(&app.db.conn, id).await.unwrap();
    assert_eq!((stored.len(), stored[0].overall, stored[0].satisfied, stored[0].comment.as_deref()), (1, 5, true, Some("Useful")));
    let view = app.call(user, "get_training", &[("id", &id.to_string())]).await.body;
    assert_eq!((view["feedback"]["status"].as_str(), view["feedback"]["may_answer"].as_bool()), (Some("final"), Some(false)));
    assert_eq!(view["feedback"]["answers"][0]["value"]["value"], 5);
    // Past sessions are listed under "past".
    let past = app.call(user, "list_training", &[("scope", "past")]).await.body;
    assert!(past.to_string().contains("\"Feedback\""), "{past}");
    assert_eq!(app.call(user, "list_training", &[("scope", "soon")]).await.status, 422);
});

both!(the_staff_form_posts_checkboxes_and_refuses_mistakes, |app: TestApp| async move {
    let staff = app.signed_in("admin@provider.example").await;
    let (acme, globex) = (org(&app, "Acme Manufacturing").await, org(&app, "Globex Logistics").await);
    let blank = app.call(&staff, "get_training_form", &[("id", "0")]).await.body;
    assert_eq!(
        (blank["input"]["tz"].as_str(), blank["input"]["capacity"].as_str(), blank["input"]["invited"].as_str()),
        (Some("Asia/Shanghai"), Some("20"), Some("all"))
    );
    let orgs = blank["organizations"].to_string();
    assert!(orgs.contains("Acme Manufacturing") && orgs.contains("Globex Logistics") && !orgs.contains("Northwind"), "{orgs}");

    // Checkboxes as the page posts them: index = position in the list, unchecked ones absent.
    let mut f = form("Checked", 5, 48, &[]);
    set(&mut f, "invited", "some");
    f.push(("org_ids[0]".into(), acme.to_string()));
    f.push(("org_ids[2]".into(), globex.to_string()));
    let id = create(&app, &staff, &f).await;
    assert_eq!(db::repo::training::invites(&app.db.conn, id).await.unwrap(), {
        let mut v = vec![acme, globex];
        v.sort();
        v
    });
    let back = app.call(&staff, "get_training_form", &[("id", &id.to_string())]).await.body;
    assert_eq!(back["input"]["invited"], "some");
    assert_eq!(back["input"]["title"], "Checked");
    let total = || async { db::entity::training_session::Entity::find().all(&app.db.conn).await.unwrap().len() };
    let before = total().await;

    // "Some" with no box checked: refused, nothing saved.
    let mut none = form("No boxes", 5, 48, &[]);
    set(&mut none, "invited", "some");
    let r = app.call(&staff, "save_training", &pairs(&none)).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert_eq!(field_codes(&r.body), vec![("org_ids".to_string(), "required".to_string())]);
    // The provider is not a customer to invite.
    let provider = org(&app, "Northwind IT Services").await;
    let r = app.call(&staff, "save_training", &pairs(&form("Provider", 5, 48, &[provider]))).await;
    assert_eq!(field_codes(&r.body), vec![("org_ids".to_string(), "invalid_choice".to_string())]);
    // Several mistakes at once, each on its field.
    let mut bad = form(" ", 0, 48, &[]);
    set(&mut bad, "ends_at", &local(Utc::now()));
    set(&mut bad, "link", "javascript:alert(1)");
    set(&mut bad, "delivery", "online");
    let r = app.call(&staff, "save_training", &pairs(&bad)).await;
    assert_eq!(r.status, 422);
    let fields: Vec<String> = field_codes(&r.body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["title", "ends_at", "link", "capacity"], "{}", r.body);
    assert_eq!(total().await, before, "nothing was created");
    // An edit with a mistake changes nothing either.
    let mut edit = f.clone();
    set(&mut edit, "id", &id.to_string());
    set(&mut edit, "title", "");
    assert_eq!(app.call(&staff, "save_training", &pairs(&edit)).await.status, 422);
    let s = session_row(&app, id).await;
    assert_eq!((s.title.as_str(), s.version, s.sequence), ("Checked", 0, 0));
    // A good edit is audited and moves the calendar sequence.
    set(&mut edit, "title", "Checked again");
    assert_eq!(app.call(&staff, "save_training", &pairs(&edit)).await.status, 200);
    let s = session_row(&app, id).await;
    assert_eq!((s.title.as_str(), s.version, s.sequence), ("Checked again", 1, 1));
    let audit = db::entity::audit_entry::Entity::find().all(&app.db.conn).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "training.create") && audit.iter().any(|a| a.action == "training.update"));
    assert_eq!(app.call(&staff, "get_training_form", &[("id", "424242")]).await.status, 404);
});
