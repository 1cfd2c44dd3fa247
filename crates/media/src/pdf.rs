//! The structural check a PDF passes before it is stored as it came: header, end marker and cross-reference.

use crate::MediaError;

/// Where a reader looks for the end of a PDF: the trailer sits in its last kilobyte.
const TAIL: usize = 1024;

pub fn check(bytes: &[u8]) -> Result<(), MediaError> {
    let damaged = |why: &str| MediaError::Damaged(format!("not a complete PDF ({why})"));
    let version = bytes.get(5..8).unwrap_or_default();
    let versioned = matches!(version, [b'1' | b'2', b'.', d] if d.is_ascii_digit());
    if !bytes.starts_with(b"%PDF-") || !versioned {
        return Err(damaged("no PDF version in its header"));
    }
    let tail_start = bytes.len().saturating_sub(TAIL);
    let tail = &bytes[tail_start..];
    let Some(eof) = rfind(tail, b"%%EOF") else {
        return Err(damaged("no end marker; the file may be cut off"));
    };
    if !tail[eof + 5..].iter().all(u8::is_ascii_whitespace) {
        return Err(damaged("data after its end marker"));
    }
    let Some(sx) = rfind(&tail[..eof], b"startxref") else {
        return Err(damaged("no cross-reference offset"));
    };
    let offset: usize = std::str::from_utf8(&tail[sx + 9..eof])
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| damaged("an unreadable cross-reference offset"))?;
    let at = bytes
        .get(offset..)
        .filter(|_| offset < tail_start + sx)
        .ok_or_else(|| damaged("a cross-reference offset outside the file"))?;
    if !(at.starts_with(b"xref") || starts_with_object(at)) {
        return Err(damaged("no cross-reference where its trailer points"));
    }
    Ok(())
}

/// `12 0 obj`: a cross-reference stream is an object.
fn starts_with_object(at: &[u8]) -> bool {
    let head = &at[..at.len().min(32)];
    let Ok(text) = std::str::from_utf8(
        head.split(|b| *b == b'\n' || *b == b'\r')
            .next()
            .unwrap_or_default(),
    ) else {
        return false;
    };
    let mut words = text.split_ascii_whitespace();
    let num =
        |w: Option<&str>| w.is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()));
    num(words.next()) && num(words.next()) && words.next().is_some_and(|w| w.starts_with("obj"))
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest structure the check accepts: one object, its table at byte 45.
    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n\
        0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\n\
        startxref\n45\n%%EOF\n";

    #[test]
    fn a_complete_pdf_passes_and_damaged_ones_do_not() {
        let pdf = PDF.to_vec();
        assert!(check(&pdf).is_ok());
        assert!(check(&pdf[..pdf.len() - 20]).is_err(), "cut off");
        let mut appended = pdf.clone();
        appended.extend_from_slice(b"MZ and a program");
        assert!(check(&appended).is_err(), "data after the end");
        let wrong = String::from_utf8(pdf.clone())
            .unwrap()
            .replace("startxref\n", "startxref\n9");
        assert!(check(wrong.as_bytes()).is_err(), "offset outside");
        assert!(check(b"%PDF-x.y\n%%EOF").is_err());
    }
}
