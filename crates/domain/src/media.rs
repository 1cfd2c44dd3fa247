//! Media as pages and the API see it: a stored file's description, its variants and the rules for its hash.

use crate::LocalizedText;
use serde::{Deserialize, Serialize};
use serde_json::Value;

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

/// Every media reference in an entity body with its path (`media.0.id`,
/// `procedure.2.media.0.id`): its own items' and its steps'. Works on any body, valid
/// or not, so stored history can be read with it.
pub fn media_refs(body: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut add = |prefix: String, list: Option<&Value>| {
        for (i, item) in list
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Some(id) = item.get("id").and_then(Value::as_str) {
                out.push((format!("{prefix}media.{i}.id"), id.to_string()));
            }
        }
    };
    add(String::new(), body.get("media"));
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
            add(format!("{path}.{n}."), step.get("media"));
        }
    }
    out
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
