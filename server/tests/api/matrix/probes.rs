//! The bad calls of the sweep: bad values for each kind of argument, and which must be refused.
use super::*;

/// The size of a huge value (1 MB).
pub(super) const HUGE: usize = 1 << 20;

/// A value put in place of a valid one.
#[derive(Clone)]
pub(super) enum Bad {
    Missing,
    Form(Vec<u8>),
    /// `k[0]=a&k[1]=b` in a form; a JSON list.
    List,
    /// `k[x]=a` in a form; a JSON object.
    Object,
    Json(Value),
    /// Raw bytes inside a JSON string.
    RawJson(Vec<u8>),
}

/// The bad values for one argument: (name, value).
pub(super) fn bad_values(valid: &Value, json: bool) -> Vec<(&'static str, Bad)> {
    let datetime = valid.as_str().is_some_and(|v| v.contains('T') && v.contains(':'));
    let (future, past, y10k) =
        if datetime { ("9999-12-31T23:59", "-5000-01-01T00:00", "10000-01-01T00:00") } else { ("9999-12-31", "-5000-01-01", "10000-01-01") };
    let s = |v: &str| if json { Bad::Json(Value::String(v.into())) } else { Bad::Form(v.as_bytes().to_vec()) };
    let mut out = vec![
        ("missing", Bad::Missing),
        ("empty", s("")),
        ("huge", if json { Bad::Json(Value::String("x".repeat(HUGE))) } else { Bad::Form(vec![b'x'; HUGE]) }),
        ("text for a number", s("abc")),
        ("list", Bad::List),
        ("object", Bad::Object),
        ("negative", s("-1")),
        ("zero", s("0")),
        ("i64::MAX", s("9223372036854775807")),
        ("overflow", s("99999999999999999999")),
        ("year 9999", s(future)),
        ("year -5000", s(past)),
        ("year 10000", s(y10k)),
        ("invalid choice", s("no_such_value")),
        ("non-UTF-8", if json { Bad::RawJson(vec![0xFF, 0xFE]) } else { Bad::Form(vec![0xFF, 0xFE]) }),
    ];
    if json {
        out.extend([
            ("number", Bad::Json(json!(-1))),
            ("number i64::MAX", Bad::Json(json!(i64::MAX))),
            ("number overflow", Bad::Json(json!(1e300))),
            ("null", Bad::Json(Value::Null)),
            ("boolean", Bad::Json(json!(true))),
            ("malformed pair", Bad::Json(json!([["overall"]]))),
            ("numbers as pairs", Bad::Json(json!([[1, 2]]))),
            ("long pair", Bad::Json(json!([["overall", "5", "x"]]))),
            ("20k pairs", Bad::Json(Value::Array((0..20_000).map(|i| json!([format!("k{i}"), "5"])).collect()))),
        ]);
    }
    out
}

/// Whether a bad value of this kind must be refused.
pub(super) fn must_refuse(kind: Kind, variant: &str) -> bool {
    match kind {
        Kind::Req => true,
        Kind::ZeroOk => variant != "zero",
        Kind::EmptyOk => variant != "empty",
        Kind::EmptyZeroOk => !matches!(variant, "empty" | "zero"),
        Kind::Text => {
            matches!(
                variant,
                "missing" | "empty" | "huge" | "list" | "object" | "null" | "number" | "number i64::MAX" | "number overflow" | "boolean" | "malformed pair"
            )
        }
        Kind::Opt => false,
    }
}

/// One bad call: a body and whether it must be refused.
pub(super) struct Probe {
    pub(super) what: String,
    pub(super) content_type: &'static str,
    pub(super) body: Vec<u8>,
    pub(super) refuse: bool,
}

pub(super) fn probes(entry: &Entry, c: &Call) -> Vec<Probe> {
    let mut out = vec![];
    let kinds: BTreeMap<String, Kind> = declared(entry).into_iter().collect();
    let any_required = kinds.values().any(|k| *k != Kind::Opt);
    for (i, (key, valid)) in c.args.iter().enumerate() {
        let kind = kinds.get(key).copied().unwrap_or(Kind::Opt);
        for (name, bad) in bad_values(valid, entry.json) {
            // Free text takes numbers, dates and odd words as text: nothing new to try there.
            if kind == Kind::Text && !must_refuse(kind, name) && name != "non-UTF-8" {
                continue;
            }
            let what = format!("{key}: {name}");
            let refuse = must_refuse(kind, name);
            if entry.json {
                let mut body = String::from("{");
                let mut first = true;
                let mut raw: Option<Vec<u8>> = None;
                for (j, (k, v)) in c.args.iter().enumerate() {
                    let v = if j != i {
                        v.clone()
                    } else {
                        match &bad {
                            Bad::Missing => continue,
                            Bad::Form(_) => unreachable!(),
                            Bad::List => json!([v.clone()]),
                            Bad::Object => json!({ "x": v.clone() }),
                            Bad::Json(b) => b.clone(),
                            Bad::RawJson(bytes) => {
                                raw = Some(bytes.clone());
                                Value::String("\u{1}RAW\u{1}".into())
                            }
                        }
                    };
                    if !first {
                        body.push(',');
                    }
                    first = false;
                    body.push_str(&format!("{}:{}", serde_json::to_string(k).unwrap(), serde_json::to_string(&v).unwrap()));
                }
                body.push('}');
                let mut bytes = body.into_bytes();
                if let Some(raw) = raw {
                    let marker = b"\\u0001RAW\\u0001";
                    let at = bytes.windows(marker.len()).position(|w| w == marker).unwrap();
                    bytes.splice(at..at + marker.len(), raw);
                }
                out.push(Probe { what, content_type: JSON, body: bytes, refuse });
            } else {
                if name.starts_with("number") || matches!(name, "null" | "boolean" | "malformed pair" | "numbers as pairs" | "long pair" | "20k pairs") {
                    continue;
                }
                let mut pairs: Vec<(String, Vec<u8>)> = vec![];
                for (j, (k, v)) in c.args.iter().enumerate() {
                    let v = v.as_str().unwrap().as_bytes().to_vec();
                    if j != i {
                        pairs.push((k.clone(), v));
                        continue;
                    }
                    match &bad {
                        Bad::Missing => {}
                        Bad::Form(b) => pairs.push((k.clone(), b.clone())),
                        Bad::List => {
                            pairs.push((format!("{k}[0]"), v.clone()));
                            pairs.push((format!("{k}[1]"), v));
                        }
                        Bad::Object => pairs.push((format!("{k}[x]"), v)),
                        _ => unreachable!(),
                    }
                }
                out.push(Probe { what, content_type: FORM, body: form_body(&pairs), refuse });
            }
        }
    }
    // Whole bodies.
    let valid_form: Vec<(String, Vec<u8>)> = c.args.iter().map(|(k, v)| (k.clone(), v.as_str().map(|s| s.as_bytes().to_vec()).unwrap_or_default())).collect();
    out.push(Probe {
        what: "no arguments at all".into(),
        content_type: if entry.json { JSON } else { FORM },
        body: if entry.json { b"{}".to_vec() } else { vec![] },
        refuse: any_required,
    });
    out.push(Probe {
        what: "body of raw non-UTF-8 bytes".into(),
        content_type: if entry.json { JSON } else { FORM },
        body: vec![0xFF, 0xFE, 0x00, 0x80],
        refuse: any_required,
    });
    if entry.json {
        out.push(Probe { what: "truncated JSON".into(), content_type: JSON, body: b"{\"x\":".to_vec(), refuse: true });
        out.push(Probe { what: "a JSON list for the arguments".into(), content_type: JSON, body: b"[1,2,3]".to_vec(), refuse: true });
        out.push(Probe { what: "a form for a JSON function".into(), content_type: FORM, body: b"a=1".to_vec(), refuse: true });
    } else {
        let mut dup = valid_form.clone();
        dup.extend(valid_form.iter().cloned());
        out.push(Probe { what: "every argument twice".into(), content_type: FORM, body: form_body(&dup), refuse: false });
        let mut odd = b"%FF%FE=1&".to_vec();
        odd.extend(form_body(&valid_form));
        out.push(Probe { what: "an extra argument with a non-UTF-8 name".into(), content_type: FORM, body: odd, refuse: false });
        out.push(Probe { what: "malformed encoding".into(), content_type: FORM, body: b"%%%=&&==%G0".to_vec(), refuse: any_required });
    }
    out
}
