//! Talking to the portal like a browser: signed-in clients and server-function calls.
use std::sync::Arc;

use reqwest::{cookie::Jar, redirect::Policy, Client, StatusCode};

pub const PASSWORD: &str = db::seed::DEMO_PASSWORD;

#[derive(Clone)]
pub struct Portal {
    pub base: String,
}

/// A signed-in browser: its client and the cookie jar holding the session.
#[derive(Clone)]
pub struct Browser {
    pub client: Client,
    pub jar: Arc<Jar>,
}

impl Portal {
    /// A client on `jar`. Redirects are not followed, so a bounce to the sign-in page shows
    /// up as a non-200 instead of a quietly rendered sign-in form.
    pub fn client_on(&self, jar: Arc<Jar>) -> Client {
        Client::builder().cookie_provider(jar).redirect(Policy::none()).http1_only().build().expect("reqwest client builds")
    }

    pub async fn sign_in(&self, email: &str) -> Result<Browser, String> {
        let jar = Arc::new(Jar::default());
        let client = self.client_on(jar.clone());
        let (status, body) = self.call(&client, "sign_in", &[("email", email), ("password", PASSWORD)]).await?;
        if status != StatusCode::OK {
            return Err(format!("sign in {email}: {status} {body}"));
        }
        Ok(Browser { client, jar })
    }

    /// Signs in `count` sessions of `email` at once (each is its own session row, like
    /// separate browsers).
    pub async fn sign_in_many(&self, email: &str, count: usize) -> Result<Vec<Browser>, String> {
        futures::future::try_join_all((0..count).map(|_| self.sign_in(email))).await
    }

    /// Calls a server function the way the hydrated app does: form-encoded POST, same origin.
    pub async fn call(&self, client: &Client, name: &str, form: &[(&str, &str)]) -> Result<(StatusCode, String), String> {
        let res = client
            .post(format!("{}/api/{name}", self.base))
            .header("origin", &self.base)
            .form(form)
            .send()
            .await
            .map_err(|e| format!("POST /api/{name}: {e}"))?;
        let status = res.status();
        let body = res.text().await.map_err(|e| format!("POST /api/{name} body: {e}"))?;
        Ok((status, body))
    }
}
