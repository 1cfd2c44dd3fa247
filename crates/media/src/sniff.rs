//! The real type of an upload, from its bytes alone, and the refusal of files that hide another file.

use crate::MediaError;

/// The kinds of file ThingData accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Jpeg,
    Png,
    Gif,
    Webp,
    Pdf,
}

impl Sniffed {
    pub fn label(self) -> &'static str {
        match self {
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
            Self::Gif => "GIF",
            Self::Webp => "WebP",
            Self::Pdf => "PDF",
        }
    }

    fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" | "jpe" | "jfif" => Some(Self::Jpeg),
            "png" => Some(Self::Png),
            "gif" => Some(Self::Gif),
            "webp" => Some(Self::Webp),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }
}

/// Markers of content a browser or another program would run or read as a second
/// file. Each is long enough that compressed image data holds it only by a chance
/// far below one in a million per file.
const FOREIGN: &[(&[u8], &str)] = &[
    (b"<script", "script"),
    (b"<html", "HTML page"),
    (b"<!doctype html", "HTML page"),
    (b"<?php", "PHP program"),
    (b"<svg", "SVG drawing"),
    (b"<iframe", "HTML page"),
    (b"javascript:", "script"),
];

/// What the bytes are. The file name only shapes the message when they are nothing
/// ThingData accepts; neither it nor a declared content type is ever trusted.
pub fn sniff(bytes: &[u8], name: &str) -> Result<Sniffed, MediaError> {
    if bytes.is_empty() {
        return Err(MediaError::Empty);
    }
    let found = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Sniffed::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Sniffed::Png)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(Sniffed::Gif)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(Sniffed::Webp)
    } else if bytes.starts_with(b"%PDF-") {
        Some(Sniffed::Pdf)
    } else {
        None
    };
    let Some(kind) = found else {
        return Err(unsupported(bytes, name));
    };
    refuse_hidden_files(bytes, kind)?;
    Ok(kind)
}

fn unsupported(bytes: &[u8], name: &str) -> MediaError {
    let program = bytes.starts_with(b"MZ")
        || bytes.starts_with(b"\x7fELF")
        || bytes.starts_with(b"#!")
        || bytes.starts_with(&[0xCF, 0xFA, 0xED, 0xFE]);
    let claimed = name
        .rsplit_once('.')
        .and_then(|(_, ext)| Sniffed::from_extension(ext));
    let hint = match (program, claimed) {
        (true, _) => "; it is a program".to_string(),
        (false, Some(c)) => format!("; its name says {} but its content is not", c.label()),
        (false, None) => String::new(),
    };
    let name = if name.trim().is_empty() {
        "the file".to_string()
    } else {
        name.chars().take(120).collect()
    };
    MediaError::Unsupported { name, hint }
}

/// A file that is also another file (a polyglot) is refused even though the image
/// is re-encoded: nobody uploads one by accident.
fn refuse_hidden_files(bytes: &[u8], kind: Sniffed) -> Result<(), MediaError> {
    let lower: Vec<u8> = bytes.iter().map(u8::to_ascii_lowercase).collect();
    for (marker, what) in FOREIGN {
        if contains(&lower, marker) {
            return Err(MediaError::Polyglot(what));
        }
    }
    if kind != Sniffed::Pdf && contains(bytes, b"%PDF-") {
        return Err(MediaError::Polyglot("PDF document"));
    }
    // A ZIP archive (or a JAR, an Office file) is read from its end record, which
    // sits in the last 64 KiB; appended to an image it makes both valid at once.
    let tail = &bytes[bytes.len().saturating_sub(65_557)..];
    if contains(tail, b"PK\x05\x06") {
        return Err(MediaError::Polyglot("ZIP archive"));
    }
    Ok(())
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bytes_decide_not_the_name() {
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n....", "photo.jpg").ok(),
            Some(Sniffed::Png)
        );
        let e = sniff(b"MZ\x90\x00 this program", "photo.jpg").unwrap_err();
        assert_eq!(e.code(), "unsupported_type");
        assert!(e.to_string().contains("it is a program"), "{e}");
        let e = sniff(b"hello", "notes.png").unwrap_err();
        assert!(
            e.to_string()
                .contains("its name says PNG but its content is not"),
            "{e}"
        );
        assert_eq!(sniff(b"", "x").unwrap_err().code(), "empty_file");
    }

    #[test]
    fn a_second_file_inside_is_refused() {
        let mut gif = b"GIF89a\x01\x00\x01\x00".to_vec();
        gif.extend_from_slice(b"<SCRIPT>alert(1)</script>");
        assert_eq!(sniff(&gif, "a.gif").unwrap_err().code(), "polyglot");
        let mut jpg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 0];
        jpg.extend_from_slice(b"PK\x03\x04....PK\x05\x06\0\0\0\0");
        assert_eq!(sniff(&jpg, "a.jpg").unwrap_err().code(), "polyglot");
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(b"%PDF-1.4");
        assert_eq!(sniff(&png, "a.png").unwrap_err().code(), "polyglot");
    }
}
