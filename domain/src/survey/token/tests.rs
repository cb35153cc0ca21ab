use super::*;

fn seq() -> [u8; 32] {
    std::array::from_fn(|i| i as u8)
}

/// A stand-in for the server's hash: any deterministic function of the text will do here.
fn fake_hash(token: &str) -> Vec<u8> {
    token.bytes().rev().map(|b| b ^ 0x5a).collect()
}

#[test]
fn tokens_are_url_safe_base64_of_the_bytes() {
    // Expected values from Python's base64.urlsafe_b64encode, padding removed.
    let mut mixed = [0u8; 32];
    for (i, b) in mixed.iter_mut().enumerate() {
        *b = [0xfb, 0xff, 0xbf][i % 3];
    }
    mixed[30] = 0xfe;
    mixed[31] = 0xff;
    let cases: [([u8; 32], &str); 4] = [
        ([0; 32], "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        ([0xff; 32], "__________________________________________8"),
        (seq(), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"),
        (mixed, "-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-__v8"),
    ];
    for (bytes, want) in cases {
        let t = token_from_bytes(bytes);
        assert_eq!(t, want);
        assert_eq!(t.len(), TOKEN_LEN);
        assert_eq!(parse_token(&t), Some(bytes), "{t}");
    }
}

#[test]
fn malformed_tokens_do_not_parse() {
    let good = token_from_bytes(seq());
    let cases = [
        String::new(),
        good[..42].to_string(),
        format!("{good}A"),
        format!("{good}="),
        good.replace('A', "+"),
        good.replace('A', "/"),
        good.replace('A', " "),
        // The last character carries two unused bits; only the canonical spelling parses.
        format!("{}9", &good[..42]),
        format!("{}é", &good[..41]),
    ];
    for bad in cases {
        assert_eq!(parse_token(&bad), None, "{bad:?}");
    }
}

#[test]
fn constant_time_eq_is_equality() {
    let cases: [(&[u8], &[u8], bool); 6] =
        [(b"", b"", true), (b"abc", b"abc", true), (b"abc", b"abd", false), (b"abc", b"bbc", false), (b"abc", b"ab", false), (b"", b"a", false)];
    for (a, b, want) in cases {
        assert_eq!(constant_time_eq(a, b), want, "{a:?} {b:?}");
    }
}

#[test]
fn token_checks_in_order() {
    let token = token_from_bytes(seq());
    let stored = fake_hash(&token);
    let other = token_from_bytes([7; 32]);
    const EXP: i64 = 1_000;
    // (presented, used_at, now, result)
    type Case<'a> = (&'a str, Option<i64>, i64, Result<(), TokenError>);
    let cases: Vec<Case> = vec![
        (&token, None, 0, Ok(())),
        (&token, None, EXP - 1, Ok(())),
        (&token, None, EXP, Err(TokenError::Expired)),
        (&token, Some(10), 20, Err(TokenError::Used)),
        // Used beats expired: "you have already answered" is the more useful page.
        (&token, Some(10), EXP + 1, Err(TokenError::Used)),
        // A wrong or malformed token learns nothing about the survey.
        (&other, None, 0, Err(TokenError::Unknown)),
        (&other, Some(10), EXP + 1, Err(TokenError::Unknown)),
        ("", None, 0, Err(TokenError::Unknown)),
        ("not-a-token", None, 0, Err(TokenError::Unknown)),
    ];
    for (presented, used_at, now, want) in cases {
        assert_eq!(token_valid(&stored, presented, fake_hash, EXP, used_at, now), want, "{presented} {used_at:?} {now}");
    }
}

#[test]
fn a_malformed_token_is_not_even_hashed() {
    let stored = fake_hash("x");
    let got = token_valid(&stored, "x", |_| -> Vec<u8> { panic!("hashed a malformed token") }, 10, None, 0);
    assert_eq!(got, Err(TokenError::Unknown));
}

#[test]
fn errors_have_codes_and_serde_names() {
    for e in [TokenError::Unknown, TokenError::Expired, TokenError::Used] {
        assert_eq!(serde_json::to_string(&e).unwrap(), format!(r#"{{"code":"{}"}}"#, e.code()));
        assert!(!e.to_string().is_empty());
    }
}
