//! The build's files under /pkg: the precompressed file the browser accepts, cached for a
//! year when the name carries a content hash; pages revalidated every time.
use crate::helpers::*;

const WASM: &[u8] = b"\0asm\x01\0\0\0 the bundle";

/// A site root holding one hashed bundle with its build-time .br and .gz beside it (stand-ins:
/// what matters is which file is sent, and with which headers).
fn site() -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("portal-assets-{}", uuid::Uuid::new_v4()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("portal.9SiAs67DZ3UFp6JsYfzJ-Q.wasm"), WASM).unwrap();
    std::fs::write(pkg.join("portal.9SiAs67DZ3UFp6JsYfzJ-Q.wasm.br"), b"brotli bytes").unwrap();
    std::fs::write(pkg.join("portal.9SiAs67DZ3UFp6JsYfzJ-Q.wasm.gz"), b"gzip bytes").unwrap();
    std::fs::write(pkg.join("portal.css"), b"body{}").unwrap();
    root
}

async fn fetch(app: &TestApp, path: &str, accept: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let res = client().get(format!("{}{path}", app.base)).header("accept-encoding", accept).send().await.unwrap();
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    (status, headers, res.bytes().await.unwrap().to_vec())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bundles_are_precompressed_and_immutable_pages_revalidate() {
    let root = site();
    let app = spawn_with(Backend::Sqlite, |c| c.site_root = root.clone()).await.unwrap();
    let wasm = "/pkg/portal.9SiAs67DZ3UFp6JsYfzJ-Q.wasm";
    for (accept, encoding, body) in [("br, gzip", Some("br"), &b"brotli bytes"[..]), ("gzip", Some("gzip"), b"gzip bytes"), ("identity", None, WASM)] {
        let (status, h, bytes) = fetch(&app, wasm, accept).await;
        assert_eq!(status, 200, "{accept}");
        assert_eq!(bytes, body, "{accept}: the file for that encoding");
        assert_eq!(h.get("content-encoding").map(|v| v.to_str().unwrap()), encoding, "{accept}");
        assert_eq!(h["content-type"], "application/wasm");
        assert_eq!(h["cache-control"], "public, max-age=31536000, immutable", "{accept}");
        assert_eq!(h["vary"], "accept-encoding", "{accept}");
    }
    // A name without a hash is not promised to stay the same: revalidate.
    let (status, h, _) = fetch(&app, "/pkg/portal.css", "gzip").await;
    assert_eq!(status, 200);
    assert_eq!(h["cache-control"], "no-cache");
    // Nothing else is served from there, and a missing file is a plain 404.
    assert_eq!(fetch(&app, "/pkg/../../etc/passwd", "gzip").await.0, 404);
    assert_eq!(fetch(&app, "/pkg/portal.AAAAAAAAAAAAAAAAAAAAAA.js", "gzip").await.0, 404);
    // Pages carry the user's data and this build's file names: always asked for again.
    let (status, h, _) = fetch(&app, "/sign-in", "gzip").await;
    assert_eq!(status, 200);
    assert_eq!(h["cache-control"], "no-cache");
    let _ = std::fs::remove_dir_all(root);
}
