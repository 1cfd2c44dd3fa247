//! Media as pages and the API see it: a stored file's description, its variants and the rules for its hash.

use serde::{Deserialize, Serialize};

/// What a media file is; photos get variants, documents are kept as they came.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaKind {
    Image,
    Pdf,
}

impl MediaKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Image => "image",
            Self::Pdf => "pdf",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "image" => Some(Self::Image),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }
}

/// A smaller copy of an image, made for lists and pages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    /// `w320`, `w800`, `w1600`: the width it was made for.
    pub name: String,
    pub width: u32,
    pub height: u32,
    pub mime: String,
    pub bytes: u64,
}

/// One stored media file, named by the SHA-256 of its stored original.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaInfo {
    pub hash: String,
    pub kind: MediaKind,
    pub mime: String,
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
    /// More than one for an animation.
    pub frames: u32,
    /// A ThumbHash (base64) pages paint while the image loads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placeholder: Option<String>,
    pub variants: Vec<Variant>,
    pub created_at: String,
    /// When the photo was taken, kept only when the uploader agreed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captured_at: Option<String>,
}

impl MediaInfo {
    /// The variant closest to `width` without being smaller, else the largest one.
    pub fn variant_for(&self, width: u32) -> Option<&Variant> {
        self.variants
            .iter()
            .find(|v| v.width >= width)
            .or_else(|| self.variants.last())
    }

    /// Everything stored for this file: the original and its variants.
    pub fn stored_bytes(&self) -> u64 {
        self.bytes + self.variants.iter().map(|v| v.bytes).sum::<u64>()
    }
}

/// The name of the original among a file's stored parts.
pub const ORIGINAL: &str = "original";

/// A media hash: 64 lowercase hex digits (SHA-256).
pub fn is_media_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Where this instance serves a stored part of a media file.
pub fn media_path(hash: &str, part: &str) -> String {
    format!("/media/{hash}/{part}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_lowercase_sha256_hex() {
        let h = "a".repeat(64);
        assert!(is_media_hash(&h));
        assert!(!is_media_hash(&"A".repeat(64)));
        assert!(!is_media_hash(&"a".repeat(63)));
        assert!(!is_media_hash(&format!("{}/", "a".repeat(63))));
    }

    #[test]
    fn the_variant_for_a_width_is_the_smallest_wide_enough() {
        let v = |name: &str, width| Variant {
            name: name.into(),
            width,
            height: width / 2,
            mime: "image/jpeg".into(),
            bytes: 10,
        };
        let m = MediaInfo {
            hash: "a".repeat(64),
            kind: MediaKind::Image,
            mime: "image/jpeg".into(),
            bytes: 100,
            width: 2000,
            height: 1000,
            frames: 1,
            placeholder: None,
            variants: vec![v("w320", 320), v("w800", 800), v("w1600", 1600)],
            created_at: String::new(),
            captured_at: None,
        };
        assert_eq!(m.variant_for(300).map(|v| v.width), Some(320));
        assert_eq!(m.variant_for(700).map(|v| v.width), Some(800));
        assert_eq!(m.variant_for(5000).map(|v| v.width), Some(1600));
        assert_eq!(m.stored_bytes(), 130);
    }
}
