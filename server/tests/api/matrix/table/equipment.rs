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

const SITE_PROFILE: &[(&str, Kind)] = &[
    ("site_id", Kind::Req),
    ("version", Kind::ZeroOk),
    ("address", Kind::Opt),
    ("access_notes", Kind::Opt),
    ("opening_hours", Kind::Opt),
    ("contacts", Kind::Opt),
    ("ups_model", Kind::Opt),
    ("ups_capacity_kva", Kind::EmptyOk),
    ("ups_battery_date", Kind::EmptyOk),
    ("grounding", Kind::EmptyOk),
    ("lightning_protection", Kind::EmptyOk),
    ("air_conditioning", Kind::Opt),
    // Below zero is a temperature too.
    ("temp_min_c", Kind::Opt),
    ("temp_max_c", Kind::Opt),
    ("humidity_min_pct", Kind::EmptyZeroOk),
    ("humidity_max_pct", Kind::EmptyZeroOk),
    ("dust", Kind::EmptyOk),
    ("fire_suppression", Kind::EmptyOk),
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
        Entry {
            f: "compare_configs",
            json: false,
            mutating: false,
            args: &[("device_id", Kind::Req), ("from", Kind::ZeroOk), ("to", Kind::ZeroOk)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("device_id", e.0.device.to_string()), ("from", "0".into()), ("to", "0".into())])),
        },
        // An application at Acme's site, running on Acme's device.
        Entry {
            f: "save_software",
            json: false,
            mutating: true,
            args: &[
                ("id", Kind::ZeroOk),
                ("site_id", Kind::Req),
                ("device_ids[0]", Kind::Opt),
                ("name", Kind::Text),
                ("version", Kind::Opt),
                ("platform", Kind::Opt),
                ("go_live", Kind::EmptyOk),
            ],
            expect: "401 | 403 200 403 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[
                ("id", "0".into()),
                ("site_id", e.0.acme_site.to_string()),
                ("device_ids[0]", e.0.device.to_string()),
                ("name", "Mail".into()),
                ("version", "2.4".into()),
                ("platform", "Linux".into()),
                ("go_live", "2022-03-01".into())
            ])),
        },
        Entry {
            f: "delete_software",
            json: false,
            mutating: true,
            args: &[("id", Kind::Req)],
            expect: "401 | 403 200 403 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("id", e.new_software().await.to_string())])),
        },
        // An Acme site: another organization's is "not found".
        Entry {
            f: "get_site_profile",
            json: false,
            mutating: false,
            args: &[("site_id", Kind::Req)],
            expect: "401 | 200 200 404 404 | 200 200 200 200 200",
            build: build!(|e, a| call(&[("site_id", e.0.acme_site.to_string())])),
        },
        Entry {
            f: "save_site_profile",
            json: false,
            mutating: true,
            args: SITE_PROFILE,
            expect: "401 | 403 200 403 404 | 200 200 200 200 200",
            build: build!(|e, a| {
                // Over whatever version the profile has now (each allowed call saves it).
                let version = db::repo::sites::profile(&e.app().db.conn, e.0.acme_site).await.unwrap().map_or(0, |p| p.version);
                call(&[
                    ("site_id", e.0.acme_site.to_string()),
                    ("version", version.to_string()),
                    ("address", "88 Keyuan Road".into()),
                    ("access_notes", "".into()),
                    ("opening_hours", "".into()),
                    ("contacts", "Wang Wei; IT lead".into()),
                    ("ups_model", "".into()),
                    ("ups_capacity_kva", "10".into()),
                    ("ups_battery_date", "2024-06-01".into()),
                    ("grounding", "in_place".into()),
                    ("lightning_protection", "".into()),
                    ("air_conditioning", "".into()),
                    ("temp_min_c", "18".into()),
                    ("temp_max_c", "27".into()),
                    ("humidity_min_pct", "".into()),
                    ("humidity_max_pct", "".into()),
                    ("dust", "low".into()),
                    ("fire_suppression", "".into()),
                ])
            }),
        },
    ]
}
