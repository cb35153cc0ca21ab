//! Configuration backups of a device (issue 14): each upload is a new version of a text file
//! (a switch's running config, a firewall export). Before it is stored, passwords and keys can
//! be masked: the value after a secret's keyword becomes `******`, and a PEM private key's body
//! is dropped, so the backup can be read and compared without handing out credentials.
//!
//! Masking works line by line on the shapes vendors use:
//! - `keyword [type] value` (Cisco `enable secret 5 $1$…`, `username x password 7 …`, Huawei
//!   `local-user x password irreversible-cipher …`, `snmp-server community public RO`,
//!   `pre-shared-key cipher …`): everything after the keyword (and a type word or digit) up to
//!   the end of the line, or the next keyword-like word, is masked;
//! - `keyword = value` and `keyword: value` (ini, YAML, JSON-ish exports);
//! - `-----BEGIN … PRIVATE KEY-----` … `-----END … PRIVATE KEY-----`: the lines between.
use serde::{Deserialize, Serialize};

use crate::error_code::{ErrorCode, FieldError};

/// The largest backup kept (a big core switch's config is a few hundred kilobytes).
pub const MAX_CONFIG_BYTES: usize = 2 * 1024 * 1024;
/// Files longer than this are listed but not compared line by line.
pub const DIFF_MAX_LINES: usize = 20_000;
pub const MASK: &str = "******";

/// Words after which the value is a secret.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "secret",
    "community",
    "key-string",
    "pre-shared-key",
    "psk",
    "auth-key",
    "authentication-key",
    "private-key",
    "api-key",
    "api_key",
    "apikey",
    "token",
    "passphrase",
];

/// Words that only say how the secret is written (kept, the value after them is masked).
const TYPE_WORDS: &[&str] =
    &["0", "5", "7", "8", "9", "cipher", "simple", "irreversible-cipher", "encrypted", "hash", "sha256", "md5", "plain", "ascii", "hex"];

/// A backup's file name: what was uploaded, without control characters, at most 200 chars.
pub fn file_name(raw: &str) -> String {
    let n: String = raw.chars().filter(|c| !c.is_control() && *c != '/' && *c != '\\').take(200).collect();
    if n.trim().is_empty() {
        "config.txt".into()
    } else {
        n.trim().to_string()
    }
}

/// Checks an uploaded backup's text (not empty, not too large).
pub fn check_text(text: &str) -> Result<(), FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::new("file", ErrorCode::Required));
    }
    if text.len() > MAX_CONFIG_BYTES {
        return Err(FieldError::new("file", ErrorCode::TooLong { max: MAX_CONFIG_BYTES }));
    }
    Ok(())
}

fn is_secret_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| c == '"' || c == '\'').to_ascii_lowercase();
    let w = w.trim_end_matches([':', '=']);
    SECRET_WORDS.contains(&w) || SECRET_WORDS.iter().any(|s| w.ends_with(&format!("_{s}")) || w.ends_with(&format!("-{s}")))
}

/// Masks one line; `true` when it masked something.
fn mask_line(line: &str) -> (String, bool) {
    // `key = value` / `key: value`.
    for sep in ['=', ':'] {
        if let Some((k, v)) = line.split_once(sep) {
            let key = k.trim().trim_matches(|c: char| c == '"' || c == '\'');
            if !key.contains(' ') && is_secret_word(key) && !v.trim().is_empty() {
                let lead = &v[..v.len() - v.trim_start().len()];
                let trailing_comma = if v.trim_end().ends_with(',') { "," } else { "" };
                return (format!("{k}{sep}{lead}{MASK}{trailing_comma}"), true);
            }
        }
    }
    // `keyword [type] value …`.
    let words: Vec<&str> = line.split_whitespace().collect();
    let Some(at) = words.iter().position(|w| is_secret_word(w)) else {
        return (line.to_string(), false);
    };
    let mut keep = at + 1;
    if words.get(keep).is_some_and(|w| TYPE_WORDS.contains(&w.to_ascii_lowercase().as_str())) && words.len() > keep + 1 {
        keep += 1;
    }
    if keep >= words.len() {
        return (line.to_string(), false);
    }
    // The value is one word; what follows it (`RO`, `privilege 15`) says how it is used, and stays.
    let indent = &line[..line.len() - line.trim_start().len()];
    let mut out: Vec<&str> = words[..keep].to_vec();
    out.push(MASK);
    out.extend_from_slice(&words[keep + 1..]);
    (format!("{indent}{}", out.join(" ")), true)
}

/// The text with its secrets masked, and how many lines were masked.
pub fn mask_secrets(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut masked = 0;
    let mut in_key = false;
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix("\r\n") {
            Some(b) => (b, "\r\n"),
            None => match line.strip_suffix('\n') {
                Some(b) => (b, "\n"),
                None => (line, ""),
            },
        };
        let upper = body.to_ascii_uppercase();
        if upper.contains("-----BEGIN") && upper.contains("PRIVATE KEY-----") {
            in_key = true;
            out.push_str(body);
        } else if in_key && upper.contains("-----END") {
            in_key = false;
            out.push_str(MASK);
            out.push_str(end);
            out.push_str(body);
            masked += 1;
        } else if in_key {
            continue;
        } else {
            let (m, did) = mask_line(body);
            masked += usize::from(did);
            out.push_str(&m);
        }
        out.push_str(end);
    }
    (out, masked)
}

/// A line of a comparison between two versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(line: &str) -> String {
        mask_secrets(line).0
    }

    #[test]
    fn vendor_shapes() {
        let cases = [
            ("enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0", "enable secret 5 ******"),
            (" username admin privilege 15 password 7 0822455D0A16", " username admin privilege 15 password 7 ******"),
            ("snmp-server community Publ1c RO", "snmp-server community ****** RO"),
            (" local-user admin password irreversible-cipher $1c$abc$", " local-user admin password irreversible-cipher ******"),
            ("  pre-shared-key cipher %^%#abc%^%#", "  pre-shared-key cipher ******"),
            ("wpa_passphrase=hunter2", "wpa_passphrase=******"),
            ("admin_password: s3cret", "admin_password: ******"),
            ("  \"api_key\": \"abc123\",", "  \"api_key\": ******,"),
            ("password", "password"),
            ("hostname core-sw-01", "hostname core-sw-01"),
            ("interface GigabitEthernet0/0/1", "interface GigabitEthernet0/0/1"),
            ("description uplink to secret-room", "description uplink to secret-room"),
        ];
        for (line, want) in cases {
            assert_eq!(masked(line), want, "{line:?}");
        }
    }

    #[test]
    fn private_keys_lose_their_body_and_line_ends_stay() {
        let text = "hostname fw\r\n-----BEGIN RSA PRIVATE KEY-----\r\nMIIEow\r\nAAAA\r\n-----END RSA PRIVATE KEY-----\r\nip route 0.0.0.0 0.0.0.0 10.0.0.1\r\n";
        let (out, n) = mask_secrets(text);
        assert_eq!(out, "hostname fw\r\n-----BEGIN RSA PRIVATE KEY-----\r\n******\r\n-----END RSA PRIVATE KEY-----\r\nip route 0.0.0.0 0.0.0.0 10.0.0.1\r\n");
        assert_eq!(n, 1);
        let (out, n) = mask_secrets("a\nenable secret x\nb");
        assert_eq!((out.as_str(), n), ("a\nenable secret ******\nb", 1));
        assert_eq!(mask_secrets("").0, "");
    }

    #[test]
    fn names_and_sizes() {
        assert_eq!(file_name(" ../etc/passwd\u{7} "), "..etcpasswd");
        assert_eq!(file_name(""), "config.txt");
        assert_eq!(file_name(&"长".repeat(300)).chars().count(), 200);
        assert_eq!(check_text(" \n"), Err(FieldError::new("file", ErrorCode::Required)));
        assert!(check_text("hostname a").is_ok());
        assert_eq!(check_text(&"x".repeat(MAX_CONFIG_BYTES + 1)), Err(FieldError::new("file", ErrorCode::TooLong { max: MAX_CONFIG_BYTES })));
    }
}
