//! The matrix entries of the equipment archive: customers read their organization's devices,
//! site managers edit them, staff read and edit every organization's.
use super::super::*;

const DEVICE_FORM: &[(&str, Kind)] = &[
    ("id", Kind::ZeroOk),
    ("version", Kind::ZeroOk),
    ("site_id", Kind::Req),
    ("category", Kind::Req),
    ("vendor", Kind::Opt),
    ("model", Kind::Opt),
    ("serial", Kind::Opt),
    ("asset_number", Kind::Opt),
    ("name", Kind::Text),
    ("location", Kind::Opt),
    ("ips", Kind::EmptyOk),
    ("purchase_date", Kind::EmptyOk),
    ("warranty_end", Kind::EmptyOk),
    ("service_level", Kind::Opt),
    ("firmware", Kind::Opt),
    ("status", Kind::EmptyOk),
    ("config_notes", Kind::Opt),
];

pub(in crate::matrix) fn entries() -> Vec<Entry> {
    vec![
        Entry {
            f: "list_devices",
            json: false,
            mutating: false,
            args: &[
                ("q", Kind::Opt),
                ("site", Kind::EmptyOk),
                ("category", Kind::EmptyOk),
                ("status", Kind::EmptyOk),
                ("warranty", Kind::EmptyOk),
                ("page", Kind::ZeroOk),
            ],
            expect: "401 | 200 200 200 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[
                ("q", "".into()),
                ("site", "".into()),
                ("category", "server".into()),
                ("status", "".into()),
                ("warranty", "ending_soon".into()),
                ("page", "1".into())
            ])),
        },
        // An Acme device: another organization's is "not found".
        Entry {
            f: "get_device",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("id", e.0.device.to_string())])),
        },
        Entry {
            f: "get_device_form",
            json: false,
            mutating: false,
            args: &[("id", Kind::ZeroOk)],
            expect: "401 | 403 200 403 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("id", e.0.device.to_string())])),
        },
        // A new device at Acme's site: Globex's site manager may not choose that site.
        Entry {
            f: "save_device",
            json: false,
            mutating: true,
            args: DEVICE_FORM,
            expect: "401 | 403 200 403 422 | 200 200 200 200 200",
            build: build!(|e, a| call(&[
                ("id", "0".into()),
                ("version", "0".into()),
                ("site_id", e.0.acme_site.to_string()),
                ("category", "network".into()),
                ("vendor", "Huawei".into()),
                ("model", "S5735".into()),
                ("serial", format!("MX-{}", e.next())),
                ("asset_number", "".into()),
                ("name", "Access switch".into()),
                ("location", "".into()),
                ("ips", "10.1.0.2".into()),
                ("purchase_date", "2024-01-10".into()),
                ("warranty_end", "2027-01-09".into()),
                ("service_level", "".into()),
                ("firmware", "V200R022".into()),
                ("status", "".into()),
                ("config_notes", "".into())
            ])),
        },
        Entry {
            f: "device_import_organizations",
            json: false,
            mutating: false,
            args: &[],
            expect: "401 | 403 200 403 200 | 200 200 200 200 200",
            build: build!(|e, a| call(&[])),
        },
        // A list Acme's site manager uploaded: another organization's is "not found".
        Entry {
            f: "get_device_import",
            json: false,
            mutating: false,
            args: &[("id", Kind::Req)],
            expect: "401 | 403 200 403 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("id", e.new_import().await.to_string())])),
        },
        Entry {
            f: "apply_device_import",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req)],
            expect: "401 | 403 200 403 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("id", e.new_import().await.to_string())])),
        },
    ]
}
