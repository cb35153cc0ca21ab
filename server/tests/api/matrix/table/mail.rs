//! The matrix entries of mail notifications: everyone signed in reads and saves their own
//! settings; an unsubscribe link works for whoever holds it, signed in or not (the token is
//! the key, and it names its owner).
use super::super::*;

pub(in crate::matrix) fn entries() -> Vec<Entry> {
    vec![
        Entry {
            f: "get_mail_settings",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        Entry {
            f: "save_mail_settings",
            json: false,
            mutating: true,
            args: &[("choice[request_reply]", Kind::Opt), ("quiet_from", Kind::EmptyOk), ("quiet_to", Kind::EmptyOk)],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("choice[request_reply]", "digest".into()), ("quiet_from", "".into()), ("quiet_to", "".into())])),
        },
        // Reading what a link would do changes nothing; anyone holding it may read it.
        Entry {
            f: "get_unsubscribe_info",
            json: false,
            mutating: false,
            args: &[("token", Kind::Text)],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("token", e.mail_token().await)])),
        },
        Entry {
            f: "unsubscribe",
            json: false,
            mutating: true,
            args: &[("token", Kind::Text)],
            expect: "200 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("token", e.mail_token().await)])),
        },
    ]
}
