//! The one-time survey link: `/survey/{token}`, answerable without signing in.
//!
//! - The token is 32 random bytes (256 bits) from the server's CSPRNG, passed in here
//!   because the domain draws nothing itself; it cannot be guessed or enumerated.
//! - Only a hash of the token's text is stored (the server hashes, e.g. SHA-256; this crate
//!   has no hash function and takes it as an argument), so a leaked database or backup
//!   holds no working link. The comparison is constant-time all the same.
//! - Mail scanners and link previewers open links. A GET therefore only shows the form and
//!   records nothing, not even "seen"; only the POST of the form (the person pressing
//!   submit) records the answer, checked again here and in `lifecycle::can_answer`, and
//!   marks the token used in the same transaction, moving it only from unused
//!   (`UPDATE … WHERE used_at IS NULL`) so two submits cannot both win.
//! - A used link answers no more: changing the answer afterwards is done signed in, from the
//!   request page, so a forwarded mail cannot overwrite it. The server also marks the link
//!   used when the survey is answered in the portal. The link expires with the survey.
//! - Checks run in a fixed order and a wrong token is only ever `Unknown`: nothing about a
//!   survey is revealed to someone without its token.
use std::fmt;

use serde::{Deserialize, Serialize};

pub const TOKEN_BYTES: usize = 32;
/// Characters of a token: 32 bytes in unpadded URL-safe base64.
pub const TOKEN_LEN: usize = 43;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TokenError {
    /// Malformed, or not the stored one.
    Unknown,
    Expired,
    Used,
}

impl TokenError {
    /// A stable name for the UI and the logs (the serde tag).
    pub fn code(self) -> &'static str {
        match self {
            TokenError::Unknown => "unknown",
            TokenError::Expired => "expired",
            TokenError::Used => "used",
        }
    }
}

impl fmt::Display for TokenError {
    // For logs only; the UI translates the code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TokenError::Unknown => "unknown survey link",
            TokenError::Expired => "the survey link has expired",
            TokenError::Used => "the survey link has been used",
        })
    }
}

impl std::error::Error for TokenError {}

/// The token for the link: unpadded URL-safe base64 (RFC 4648 §5), 43 characters, shorter
/// than hex in a mail and safe in a path without escaping.
pub fn token_from_bytes(bytes: [u8; TOKEN_BYTES]) -> String {
    let mut out = String::with_capacity(TOKEN_LEN);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// The bytes of a well-formed token, or `None`: wrong length, a character outside the
/// alphabet, or a non-canonical last character (so each token has one spelling only).
pub fn parse_token(token: &str) -> Option<[u8; TOKEN_BYTES]> {
    if token.len() != TOKEN_LEN {
        return None;
    }
    let mut bits: u32 = 0;
    let mut count = 0;
    let mut out = [0u8; TOKEN_BYTES];
    let mut i = 0;
    for c in token.bytes() {
        let v = ALPHABET.iter().position(|a| *a == c)? as u32;
        bits = (bits << 6) | v;
        count += 6;
        if count >= 8 {
            count -= 8;
            out[i] = (bits >> count) as u8;
            bits &= (1 << count) - 1;
            i += 1;
        }
    }
    // 43 × 6 = 258 bits: the last two must be zero.
    (bits == 0).then_some(out)
}

/// Equality that takes the same time wherever the first difference is. Lengths are not
/// secret (hashes have a fixed length) and differing ones are simply unequal.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether `presented` opens the survey whose token hash is `stored_hash` at `now`.
/// `hash` is the server's hash of a token's text (the one used when storing). Order:
/// unknown, then used, then expired (`now >= expires_at`).
pub fn token_valid<H: AsRef<[u8]>>(
    stored_hash: &[u8],
    presented: &str,
    hash: impl FnOnce(&str) -> H,
    expires_at: i64,
    used_at: Option<i64>,
    now: i64,
) -> Result<(), TokenError> {
    if parse_token(presented).is_none() || !constant_time_eq(stored_hash, hash(presented).as_ref()) {
        return Err(TokenError::Unknown);
    }
    if used_at.is_some() {
        return Err(TokenError::Used);
    }
    if now >= expires_at {
        return Err(TokenError::Expired);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
