//! What files may be attached to a request: the type is decided from the content's first
//! bytes, never from the name or the browser's claim.

/// The largest attachment accepted, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The content type of an allowed file, or `None` if the content is not one we accept
/// (images, PDF, plain-text logs).
pub fn sniff(data: &[u8]) -> Option<&'static str> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if data.starts_with(PNG) {
        Some("image/png")
    } else if data.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if data.len() >= 12 && &data[..4] == b"RIFF" && &data[8..12] == b"WEBP" {
        Some("image/webp")
    } else if data.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if !data.is_empty() && looks_like_text(data) {
        Some("text/plain; charset=utf-8")
    } else {
        None
    }
}

/// UTF-8 without NUL or other control bytes except tab, newline, carriage return and form
/// feed; a log cut in the middle of a character still counts.
fn looks_like_text(data: &[u8]) -> bool {
    let head = &data[..data.len().min(64 * 1024)];
    let valid = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && head.len() == 64 * 1024, // cut mid-character at the window's end
    };
    valid && !head.iter().any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
}

/// A file name safe to store and show: no path, no control characters, at most 200 chars.
pub fn clean_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "attachment".into()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_content() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (b"\x89PNG\r\n\x1a\n rest", Some("image/png")),
            (b"\xff\xd8\xff\xe0 jpeg", Some("image/jpeg")),
            (b"GIF89a...", Some("image/gif")),
            (b"RIFF\x00\x00\x00\x00WEBPVP8 ", Some("image/webp")),
            (b"%PDF-1.7\n", Some("application/pdf")),
            (b"2026-11-22 10:00:01 ERROR disk full\n\tat x\r\n", Some("text/plain; charset=utf-8")),
            ("错误：磁盘已满\n".as_bytes(), Some("text/plain; charset=utf-8")),
            (b"MZ\x90\x00\x03\x00", None),             // a Windows executable
            (b"PK\x03\x04", None),                     // a zip, whatever its name says
            (b"<html>\x00", None),                     // NUL byte: not a text log
            (b"\xff\xfe\xfd not utf8", None),
            (b"", None),
        ];
        for (data, expected) in cases {
            assert_eq!(sniff(data), *expected, "{data:?}");
        }
    }

    #[test]
    fn file_names_are_cleaned() {
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("C:\\Users\\li\\照片.png"), "照片.png");
        assert_eq!(clean_filename(".htaccess"), "htaccess");
        assert_eq!(clean_filename("a\u{0}b\nc.log"), "abc.log");
        assert_eq!(clean_filename(""), "attachment");
        assert_eq!(clean_filename(&"x".repeat(300)).len(), 200);
    }
}
