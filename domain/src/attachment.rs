//! What files may be attached to a request: the type is decided from the content's first
//! bytes, never from the name or the browser's claim.

/// The largest attachment accepted, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The most files one upload (one form post) may carry.
pub const MAX_FILES_PER_UPLOAD: usize = 10;

/// What one person may upload in 24 hours, in bytes and in files.
pub const DAILY_BYTES_PER_USER: u64 = 200 * 1024 * 1024;
pub const DAILY_FILES_PER_USER: u64 = 500;

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

/// A file name safe to store and show: no path, no control characters (nor the invisible
/// direction marks that make `x\u{202e}txt.exe` look like `xexe.txt`), at most 200 chars.
pub fn clean_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base.chars().filter(|c| !c.is_control() && !is_direction_mark(*c)).take(200).collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "attachment".into()
    } else {
        cleaned
    }
}

fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The extensions a file of `content_type` (as [`sniff`] gives it) may keep; the first is
/// the one added when its name has none of them.
fn extensions(content_type: &str) -> &'static [&'static str] {
    match content_type {
        "image/png" => &["png"],
        "image/jpeg" => &["jpg", "jpeg"],
        "image/gif" => &["gif"],
        "image/webp" => &["webp"],
        "application/pdf" => &["pdf"],
        // Text, and anything else: never a name a computer would run or render.
        _ => &["txt", "log", "csv"],
    }
}

/// The name a file is stored and served under: the cleaned name, with the extension of its
/// sniffed type added unless it already ends in one. So a text file never keeps an
/// executable or markup ending (`fix.bat` → `fix.bat.txt`, `x.svg` → `x.svg.txt`, `x.html`
/// → `x.html.txt`) and an image never claims to be something else (`photo.html` →
/// `photo.html.png`), while the name the uploader gave stays readable in front.
pub fn stored_filename(raw: &str, content_type: &str) -> String {
    let name = clean_filename(raw);
    let exts = extensions(content_type);
    let kept = name.rsplit_once('.').is_some_and(|(stem, ext)| !stem.is_empty() && exts.iter().any(|e| e.eq_ignore_ascii_case(ext)));
    if kept {
        name
    } else {
        format!("{name}.{}", exts[0])
    }
}

/// The content type a stored file is served with: one [`sniff`] gives, or plain text for any
/// text type, or an opaque download.
pub fn served_content_type(stored: &str) -> &'static str {
    match stored {
        "image/png" => "image/png",
        "image/jpeg" => "image/jpeg",
        "image/gif" => "image/gif",
        "image/webp" => "image/webp",
        "application/pdf" => "application/pdf",
        t if t.starts_with("text/") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
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
            (b"MZ\x90\x00\x03\x00", None), // a Windows executable
            (b"PK\x03\x04", None),         // a zip, whatever its name says
            (b"<html>\x00", None),         // NUL byte: not a text log
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
        assert_eq!(clean_filename("invoice\u{202e}fdp.exe"), "invoicefdp.exe");
    }

    #[test]
    fn text_is_stored_as_text_and_images_as_what_they_are() {
        const TEXT: &str = "text/plain; charset=utf-8";
        let cases = [
            ("fix.bat", TEXT, "fix.bat.txt"),
            ("x.hta", TEXT, "x.hta.txt"),
            ("x.ps1", TEXT, "x.ps1.txt"),
            ("x.html", TEXT, "x.html.txt"),
            ("x.svg", TEXT, "x.svg.txt"),
            ("x.js", TEXT, "x.js.txt"),
            ("x.exe", TEXT, "x.exe.txt"),
            ("README", TEXT, "README.txt"),
            ("txt", TEXT, "txt.txt"),
            (".bashrc", TEXT, "bashrc.txt"),
            ("x.bat.", TEXT, "x.bat..txt"),
            ("server.log", TEXT, "server.log"),
            ("notes.TXT", TEXT, "notes.TXT"),
            ("table.csv", TEXT, "table.csv"),
            ("photo.png", "image/png", "photo.png"),
            ("photo.JPEG", "image/jpeg", "photo.JPEG"),
            ("photo.html", "image/png", "photo.html.png"),
            ("photo.jpg", "image/png", "photo.jpg.png"),
            ("report.pdf", "application/pdf", "report.pdf"),
            ("report.pdf.exe", "application/pdf", "report.pdf.exe.pdf"),
            ("", TEXT, "attachment.txt"),
        ];
        for (raw, ctype, expected) in cases {
            assert_eq!(stored_filename(raw, ctype), expected, "{raw}");
        }
    }

    #[test]
    fn served_types_are_only_the_known_ones() {
        assert_eq!(served_content_type("text/plain; charset=utf-8"), "text/plain; charset=utf-8");
        assert_eq!(served_content_type("text/html"), "text/plain; charset=utf-8");
        assert_eq!(served_content_type("image/svg+xml"), "application/octet-stream");
        assert_eq!(served_content_type("image/png"), "image/png");
    }
}
