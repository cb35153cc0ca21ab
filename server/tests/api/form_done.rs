//! A server function posted as a plain HTML form (islands mode, no JavaScript) comes back to
//! its page: with `__done=<function>` when it worked, which the page shows as saved, with the
//! error and no `__done` when it was refused; an older `__done` never outlives the next post.
use crate::{both, helpers::*, requests::submit};

both!(a_plain_post_that_worked_says_so_and_a_refused_one_does_not, |app: TestApp| async move {
    let user = app.signed_in("user@acme.example").await;
    let number = submit(&app, &user, "Printer offline", "3").await;
    let page = format!("{}/requests/{number}", app.base);
    let reply = |body: &'static str, from: String| {
        user.post(format!("{}/api/reply_request", app.base))
            .header("origin", &app.base)
            .header("accept", "text/html")
            .header("referer", from)
            .form(&[("number", number.as_str()), ("body", body)])
            .send()
    };
    let location = |r: &reqwest::Response| r.headers()["location"].to_str().unwrap().to_string();

    let r = reply("It prints again, thanks.", page.clone()).await.unwrap();
    assert!(r.status().is_redirection());
    assert_eq!(location(&r), format!("/requests/{number}?done=reply&__done=%2Fapi%2Freply_request"));
    let shown = app.get(&user, &location(&r)).await.text().await.unwrap();
    assert!(shown.contains("Reply sent."), "the page says the reply went out");

    // Refused (empty reply), posted from the page that still says the last one worked.
    let r = reply("", format!("{page}?__done=%2Fapi%2Freply_request")).await.unwrap();
    let back = location(&r);
    assert!(back.contains("__err=") && !back.contains("__done"), "{back}");

    // A redirect to another page is left alone: a new request opens its own page.
    let r = user
        .post(format!("{}/api/sign_out", app.base))
        .header("origin", &app.base)
        .header("accept", "text/html")
        .header("referer", page.clone())
        .send()
        .await
        .unwrap();
    assert!(!location(&r).contains("__done"), "{}", location(&r));
});
