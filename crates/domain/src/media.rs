//! Media as pages and the API see it: a stored file's description, its variants and the rules for its hash.

use crate::LocalizedText;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

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

/// A photo or document attached to an entry or a step, by the hash of its file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MediaItem {
    pub id: String,
    /// What the photo shows, for readers who cannot see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<LocalizedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<LocalizedText>,
    /// Drawn over the image, never into it: they stay sharp and translatable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markers: Vec<Marker>,
}

/// An arrow, circle or numbered point over a photo. Positions are fractions of the
/// image's width and height (0 to 1), so they hold at every size.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marker {
    pub shape: String,
    pub x: f64,
    pub y: f64,
    /// Where an arrow points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x2: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y2: Option<f64>,
    /// A circle's radius, as a fraction of the image's width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<LocalizedText>,
}

/// The marker shapes; fixed, not instance-configurable.
pub const MARKER_SHAPES: [&str; 3] = ["arrow", "circle", "point"];

/// Calls `f` with each media item in an entity body, its own first and then its
/// steps' (a story's `procedure`, a guide's `content.procedure`), with the path prefix
/// of the list it is in (`""`, `procedure.2.`) and its place there. Works on any body,
/// valid or not, so stored history can be read with it.
fn each_item<'a>(body: &'a Value, mut f: impl FnMut(&str, usize, &'a Value)) {
    let mut list = |prefix: &str, list: Option<&'a Value>| {
        for (i, item) in list
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            f(prefix, i, item);
        }
    };
    list("", body.get("media"));
    let procedures = [
        ("procedure", body.get("procedure")),
        (
            "content.procedure",
            body.get("content").and_then(|c| c.get("procedure")),
        ),
    ];
    for (path, steps) in procedures {
        for (n, step) in steps
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            list(&format!("{path}.{n}."), step.get("media"));
        }
    }
}

/// Every media reference in an entity body with its path (`media.0.id`,
/// `procedure.2.media.0.id`).
pub fn media_refs(body: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    each_item(body, |prefix, i, item| {
        if let Some(id) = item.get("id").and_then(Value::as_str) {
            out.push((format!("{prefix}media.{i}.id"), id.to_string()));
        }
    });
    out
}

/// How many items are looked at for an entry's cover: enough to pass over a few
/// documents, few enough to keep search documents small.
const COVER_CANDIDATES: usize = 4;

/// The items that may stand for an entry, in order (its own, then its steps'), without
/// their markers, which a small picture in a list leaves out.
pub fn cover_candidates(body: &Value) -> Vec<MediaItem> {
    let mut out: Vec<MediaItem> = Vec::new();
    each_item(body, |_, _, item| {
        if out.len() < COVER_CANDIDATES {
            if let Ok(mut m) = serde_json::from_value::<MediaItem>(item.clone()) {
                if !out.iter().any(|o| o.id == m.id) {
                    m.markers.clear();
                    m.caption = None;
                    out.push(m);
                }
            }
        }
    });
    out
}

/// How wide a cover is drawn at most, in CSS pixels; the copy picked is at least
/// this wide so it stays sharp on a screen of twice the density.
pub const COVER_WIDTH: u32 = 160;

/// The photo that stands for an entry in lists, search results and cards: the first
/// image among its candidates that this instance stores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cover {
    pub hash: String,
    /// The alt text in the reader's language, or its original; empty when none was given.
    pub alt: String,
    pub width: u32,
    pub height: u32,
    /// Where the copy to show is served.
    pub src: String,
}

/// The cover among `candidates`, with `files` holding what is known of the stored
/// files (absent ones are skipped: a peer's file may not have arrived yet).
pub fn cover(
    candidates: &[MediaItem],
    files: &HashMap<String, MediaInfo>,
    lang: &str,
    assumed: &str,
) -> Option<Cover> {
    candidates.iter().find_map(|item| {
        let info = files.get(&item.id).filter(|i| i.kind == MediaKind::Image)?;
        let part = info
            .variant_for(COVER_WIDTH * 2)
            .map(|v| v.name.as_str())
            .unwrap_or(ORIGINAL);
        Some(Cover {
            hash: info.hash.clone(),
            alt: item
                .alt
                .as_ref()
                .map(|a| a.resolve(lang, assumed).text.to_string())
                .unwrap_or_default(),
            width: info.width,
            height: info.height,
            src: media_path(&info.hash, part),
        })
    })
}

/// Every media id a body refers to, in order, each once.
pub fn media_ids(body: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, id) in media_refs(body) {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// Appends `items` to a body's own media, or to the media of the step with id `step`
/// (a story's `procedure`, a guide's `content.procedure`). False when there is no
/// such step.
pub fn attach(body: &mut Value, step: Option<&str>, items: &[MediaItem]) -> bool {
    let values: Vec<Value> = items
        .iter()
        .filter_map(|i| serde_json::to_value(i).ok())
        .collect();
    let target = match step {
        None => Some(body),
        Some(id) => {
            let steps = if body.get("procedure").is_some() {
                body.get_mut("procedure")
            } else {
                body.get_mut("content").and_then(|c| c.get_mut("procedure"))
            };
            steps.and_then(Value::as_array_mut).and_then(|s| {
                s.iter_mut()
                    .find(|s| s.get("id").and_then(Value::as_str) == Some(id))
            })
        }
    };
    let Some(Value::Object(target)) = target else {
        return false;
    };
    match target
        .entry("media")
        .or_insert_with(|| Value::Array(Vec::new()))
    {
        Value::Array(list) => {
            list.extend(values);
            true
        }
        _ => false,
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
    fn media_ids_come_from_the_entry_and_its_steps_once_each() {
        let a = "a".repeat(64);
        let b = "b".repeat(64);
        let story = serde_json::json!({
            "media": [{"id": a}],
            "procedure": [{"media": [{"id": b}, {"id": a}]}, {"media": []}],
        });
        assert_eq!(media_ids(&story), [a.clone(), b.clone()]);
        assert_eq!(
            media_refs(&story)[2],
            ("procedure.0.media.1.id".to_string(), a.clone())
        );
        let guide = serde_json::json!({"content": {"procedure": [{"media": [{"id": b}]}]}});
        assert_eq!(media_ids(&guide), [b]);
        assert!(media_ids(&serde_json::json!({"media": "nonsense"})).is_empty());
    }

    #[test]
    fn the_cover_is_the_first_stored_image_with_its_alt_in_the_readers_language() {
        let (pdf, photo, missing) = ("a".repeat(64), "b".repeat(64), "c".repeat(64));
        let story = serde_json::json!({
            "media": [{"id": missing}, {"id": pdf}],
            "procedure": [{"media": [{"id": photo, "alt": {"default": "Pump", "lang": "en",
                "translations": {"de": "Pumpe"}}, "markers": [{"shape": "point", "x": 0.5, "y": 0.5}]}]}],
        });
        let candidates = cover_candidates(&story);
        assert_eq!(candidates.len(), 3);
        assert!(candidates[2].markers.is_empty());
        let info = |hash: &str, kind: MediaKind, variants: &[u32]| MediaInfo {
            hash: hash.to_string(),
            kind,
            mime: String::new(),
            bytes: 1,
            width: 1200,
            height: 900,
            frames: 1,
            placeholder: None,
            variants: variants
                .iter()
                .map(|w| Variant {
                    name: format!("w{w}"),
                    width: *w,
                    height: w * 3 / 4,
                    mime: "image/jpeg".into(),
                    bytes: 1,
                })
                .collect(),
            created_at: String::new(),
            captured_at: None,
        };
        let files = [
            (pdf.clone(), info(&pdf, MediaKind::Pdf, &[])),
            (
                photo.clone(),
                info(&photo, MediaKind::Image, &[320, 800, 1200]),
            ),
        ]
        .into_iter()
        .collect();
        let c = cover(&candidates, &files, "de", "en").unwrap();
        assert_eq!(
            (c.hash.as_str(), c.alt.as_str(), c.src),
            (photo.as_str(), "Pumpe", format!("/media/{photo}/w320"))
        );
        assert_eq!(cover(&candidates[..2], &files, "de", "en"), None);
    }

    #[test]
    fn attach_appends_to_the_entry_or_to_one_step() {
        let item = |c: &str| MediaItem {
            id: c.repeat(64),
            alt: None,
            caption: None,
            markers: Vec::new(),
        };
        let mut guide = serde_json::json!({"content": {"procedure": [{"id": "s1", "media": []}, {"id": "s2"}]}});
        assert!(attach(&mut guide, Some("s2"), &[item("a")]));
        assert!(attach(&mut guide, None, &[item("b"), item("c")]));
        assert_eq!(
            media_ids(&guide),
            ["b".repeat(64), "c".repeat(64), "a".repeat(64)]
        );
        assert_eq!(
            guide["content"]["procedure"][1]["media"][0]["id"],
            "a".repeat(64)
        );
        assert!(!attach(&mut guide, Some("nope"), &[item("d")]));
    }

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
