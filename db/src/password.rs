//! Argon2id password hashes (the argon2 crate's defaults: m=19 MiB, t=2, p=1, as OWASP
//! recommends). Hashing is slow on purpose, so callers run it on a blocking thread.
use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Argon2,
};

pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).expect("argon2 with default parameters cannot fail").to_string()
}

pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok()).unwrap_or(false)
}

/// A valid hash of a random password: checked against when the account does not exist, so a
/// failed sign-in takes as long for an unknown e-mail as for a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash(&format!("{:x}", rand::random::<u128>())))
}

pub async fn hash_async(password: String) -> String {
    tokio::task::spawn_blocking(move || hash(&password)).await.expect("hashing thread panicked")
}

pub async fn verify_async(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || verify(&password, &hash)).await.unwrap_or(false)
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_verify_and_are_argon2id() {
        let h = super::hash("correct horse battery");
        assert!(h.starts_with("$argon2id$"));
        assert!(super::verify("correct horse battery", &h));
        assert!(!super::verify("wrong", &h));
        assert!(!super::verify("x", "not a hash"));
        assert_ne!(h, super::hash("correct horse battery"), "salted");
    }
}
