use crate::{both, helpers::*};

both!(healthz_reports_the_database, |app: TestApp| async move {
    let res = app.get(&client(), "/healthz").await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"]["ok"], true);
    let kind = if app.backend == Backend::Sqlite { "sqlite" } else { "postgres" };
    assert_eq!(body["database"]["kind"], kind);
});

both!(pages_carry_security_headers, |app: TestApp| async move {
    let res = app.get(&client(), "/sign-in").await;
    assert_eq!(res.status(), 200);
    let h = res.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("'nonce-"), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"));
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("'unsafe-inline'"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "strict-origin-when-cross-origin");
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_string();
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "scripts carry this response's nonce");
});

both!(unknown_pages_are_404, |app: TestApp| async move {
    let c = app.signed_in("user@acme.example").await;
    let res = app.get(&c, "/no/such/page").await;
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("Page not found"));
});
