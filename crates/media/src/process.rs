//! An upload made safe: decoded within limits on the caller's (blocking) thread, turned upright,
//! re-encoded without any metadata, with smaller variants and a ThumbHash placeholder.

use crate::sniff::{sniff, Sniffed};
use crate::{pdf, MediaError};
use base64::Engine;
use domain::media::{MediaKind, ORIGINAL};
use image::codecs::gif::{GifDecoder, GifEncoder, Repeat};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{
    AnimationDecoder, DynamicImage, GenericImageView, ImageDecoder, ImageError, ImageFormat,
    ImageReader,
};
use std::io::Cursor;

/// The `[limits]` that bound one upload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessLimits {
    pub max_bytes: u64,
    pub max_pixels: u64,
    pub max_width: u32,
    pub max_height: u32,
    /// Frames of an animation; all its frames' pixels also count against `max_pixels`.
    pub max_frames: u32,
    /// What a decoder may allocate at once (image's `Limits::max_alloc`).
    pub max_alloc: u64,
}

impl Default for ProcessLimits {
    fn default() -> Self {
        Self {
            max_bytes: 25_000_000,
            max_pixels: 50_000_000,
            max_width: 12_000,
            max_height: 12_000,
            max_frames: 200,
            max_alloc: 256 * 1024 * 1024,
        }
    }
}

/// The widths variants are made at (those below the image's own width).
pub const VARIANT_WIDTHS: [u32; 3] = [320, 800, 1600];
const ORIGINAL_QUALITY: u8 = 90;
const VARIANT_QUALITY: u8 = 80;
/// ThumbHash works on images of at most 100 × 100.
const PLACEHOLDER_SIZE: u32 = 100;

/// One encoded file: the original or a variant.
#[derive(Clone, Debug)]
pub struct Encoded {
    pub name: String,
    pub width: u32,
    pub height: u32,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// What is stored for an upload.
#[derive(Clone, Debug)]
pub struct Processed {
    pub kind: MediaKind,
    pub original: Encoded,
    pub frames: u32,
    pub variants: Vec<Encoded>,
    pub placeholder: Option<String>,
    /// EXIF's DateTimeOriginal as `YYYY-MM-DDTHH:MM:SS` (camera local time).
    pub captured_at: Option<String>,
}

/// Checks and converts an upload. CPU-heavy: call it on a blocking thread.
pub fn process_upload(
    bytes: &[u8],
    name: &str,
    limits: &ProcessLimits,
) -> Result<Processed, MediaError> {
    process(bytes, name, limits, true)
}

/// Checks a stored original another instance made (already upright and without
/// metadata) and makes this instance's variants of it; the original is kept byte for
/// byte, so its hash still names it. CPU-heavy: call it on a blocking thread.
pub fn process_fetched(bytes: &[u8], limits: &ProcessLimits) -> Result<Processed, MediaError> {
    process(bytes, "", limits, false)
}

fn process(
    bytes: &[u8],
    name: &str,
    limits: &ProcessLimits,
    reencode: bool,
) -> Result<Processed, MediaError> {
    let size = bytes.len() as u64;
    if size > limits.max_bytes {
        return Err(MediaError::TooLarge {
            size,
            limit: limits.max_bytes,
        });
    }
    match sniff(bytes, name)? {
        Sniffed::Pdf => {
            pdf::check(bytes)?;
            Ok(Processed {
                kind: MediaKind::Pdf,
                original: Encoded {
                    name: ORIGINAL.into(),
                    width: 0,
                    height: 0,
                    mime: "application/pdf",
                    bytes: bytes.to_vec(),
                },
                frames: 0,
                variants: Vec::new(),
                placeholder: None,
                captured_at: None,
            })
        }
        Sniffed::Gif => gif(bytes, limits, reencode),
        kind => still(bytes, kind, limits, reencode),
    }
}

/// The bytes as they came, as the original: for a file another instance re-encoded.
fn as_is(bytes: &[u8], img: &DynamicImage, kind: Sniffed) -> Encoded {
    let mime = match kind {
        Sniffed::Jpeg => "image/jpeg",
        Sniffed::Png => "image/png",
        Sniffed::Gif => "image/gif",
        Sniffed::Webp => "image/webp",
        Sniffed::Pdf => "application/pdf",
    };
    encoded(ORIGINAL, img, bytes.to_vec(), mime)
}

fn still(
    bytes: &[u8],
    kind: Sniffed,
    limits: &ProcessLimits,
    reencode: bool,
) -> Result<Processed, MediaError> {
    complete(bytes, kind)?;
    let format = match kind {
        Sniffed::Jpeg => ImageFormat::Jpeg,
        Sniffed::Png => ImageFormat::Png,
        _ => ImageFormat::WebP,
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(decoder_limits(limits));
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (width, height) = decoder.dimensions();
    check_size(width, height, limits)?;
    let exif = decoder.exif_metadata().ok().flatten();
    let orientation = exif
        .as_deref()
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms);
    let captured_at = exif.and_then(capture_time);
    let mut img = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    img.apply_orientation(orientation);
    let opaque = is_opaque(&img);
    // A photo stays a JPEG; a drawing with transparency stays lossless.
    let original = if !reencode {
        as_is(bytes, &img, kind)
    } else if kind == Sniffed::Png || !opaque {
        encoded(ORIGINAL, &img, png(&img)?, "image/png")
    } else {
        encoded(ORIGINAL, &img, jpeg(&img, ORIGINAL_QUALITY)?, "image/jpeg")
    };
    finish(img, original, 1, opaque, captured_at)
}

fn gif(bytes: &[u8], limits: &ProcessLimits, reencode: bool) -> Result<Processed, MediaError> {
    let mut decoder = GifDecoder::new(Cursor::new(bytes)).map_err(decode_error)?;
    let (width, height) = decoder.dimensions();
    check_size(width, height, limits)?;
    decoder
        .set_limits(decoder_limits(limits))
        .map_err(decode_error)?;
    let per_frame = (u64::from(width) * u64::from(height)).max(1);
    let allowed = limits
        .max_frames
        .min((limits.max_pixels / per_frame).clamp(1, u64::from(u32::MAX)) as u32);
    let mut frames = Vec::new();
    for frame in decoder.into_frames() {
        frames.push(frame.map_err(decode_error)?);
        if frames.len() as u32 > allowed {
            return Err(MediaError::TooManyFrames(allowed));
        }
    }
    let Some(first) = frames.first() else {
        return Err(MediaError::Damaged("the GIF holds no image".into()));
    };
    let img = DynamicImage::ImageRgba8(first.buffer().clone());
    let count = frames.len() as u32;
    let opaque = is_opaque(&img);
    let original = if !reencode {
        as_is(bytes, &img, Sniffed::Gif)
    } else if count > 1 {
        let mut out = Vec::new();
        {
            // Speed 10 of 30: NeuQuant's best setting takes seconds per frame.
            let mut enc = GifEncoder::new_with_speed(&mut out, 10);
            enc.set_repeat(Repeat::Infinite).map_err(encode_error)?;
            enc.encode_frames(frames).map_err(encode_error)?;
        }
        encoded(ORIGINAL, &img, out, "image/gif")
    } else {
        encoded(ORIGINAL, &img, png(&img)?, "image/png")
    };
    finish(img, original, count, opaque, None)
}

fn finish(
    img: DynamicImage,
    original: Encoded,
    frames: u32,
    opaque: bool,
    captured_at: Option<String>,
) -> Result<Processed, MediaError> {
    let placeholder = placeholder(&img);
    let variants = variants(img, opaque)?;
    Ok(Processed {
        kind: MediaKind::Image,
        original,
        frames,
        variants,
        placeholder: Some(placeholder),
        captured_at,
    })
}

/// Smaller copies at each of `VARIANT_WIDTHS` below the image's width, and one at its
/// own width when it is narrower than the widest: every page size has a copy to show.
/// Each is made from the next larger one, which is faster than from the original.
fn variants(img: DynamicImage, opaque: bool) -> Result<Vec<Encoded>, MediaError> {
    let full = img.width();
    let mut widths: Vec<u32> = VARIANT_WIDTHS
        .iter()
        .copied()
        .filter(|w| *w < full)
        .collect();
    if full < VARIANT_WIDTHS[VARIANT_WIDTHS.len() - 1] {
        widths.push(full);
    }
    let mut out = Vec::new();
    let mut source = img;
    for w in widths.into_iter().rev() {
        if w < source.width() {
            source = source.resize(w, u32::MAX, FilterType::Triangle);
        }
        let (bytes, mime) = if opaque {
            (jpeg(&source, VARIANT_QUALITY)?, "image/jpeg")
        } else {
            (png(&source)?, "image/png")
        };
        out.push(encoded(
            &format!("w{}", source.width()),
            &source,
            bytes,
            mime,
        ));
    }
    out.reverse();
    Ok(out)
}

fn placeholder(img: &DynamicImage) -> String {
    let small = img.thumbnail(PLACEHOLDER_SIZE, PLACEHOLDER_SIZE).to_rgba8();
    let hash = thumbhash::rgba_to_thumb_hash(
        small.width() as usize,
        small.height() as usize,
        small.as_raw(),
    );
    base64::engine::general_purpose::STANDARD.encode(hash)
}

fn encoded(name: &str, img: &DynamicImage, bytes: Vec<u8>, mime: &'static str) -> Encoded {
    Encoded {
        name: name.to_string(),
        width: img.width(),
        height: img.height(),
        mime,
        bytes,
    }
}

fn jpeg(img: &DynamicImage, quality: u8) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::new();
    let mut enc = JpegEncoder::new_with_quality(&mut out, quality);
    match img {
        DynamicImage::ImageRgb8(buf) => enc.encode_image(buf),
        DynamicImage::ImageLuma8(buf) => enc.encode_image(buf),
        other => enc.encode_image(&other.to_rgb8()),
    }
    .map_err(encode_error)?;
    Ok(out)
}

fn png(img: &DynamicImage) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::new();
    img.write_with_encoder(PngEncoder::new(&mut out))
        .map_err(encode_error)?;
    Ok(out)
}

fn is_opaque(img: &DynamicImage) -> bool {
    !img.color().has_alpha() || img.pixels().all(|(_, _, p)| p.0[3] == u8::MAX)
}

/// Only the allocation bound: the pixel limits are checked by `check_size`, which can
/// say which limit an image passes.
fn decoder_limits(limits: &ProcessLimits) -> image::Limits {
    let mut l = image::Limits::default();
    l.max_alloc = Some(limits.max_alloc);
    l
}

/// Refused from the header alone, before any pixel is allocated.
fn check_size(width: u32, height: u32, limits: &ProcessLimits) -> Result<(), MediaError> {
    if width > limits.max_width
        || height > limits.max_height
        || u64::from(width) * u64::from(height) > limits.max_pixels
    {
        return Err(MediaError::TooManyPixels {
            width,
            height,
            max_width: limits.max_width,
            max_height: limits.max_height,
            max_pixels: limits.max_pixels,
        });
    }
    Ok(())
}

/// The JPEG decoder fills a cut-off scan with grey rather than failing, so the end
/// marker is looked for: it must follow the first scan (a thumbnail's earlier one
/// does not count). Data after it is allowed; some phones append their own.
fn complete(bytes: &[u8], kind: Sniffed) -> Result<(), MediaError> {
    let ok = match kind {
        Sniffed::Jpeg => bytes
            .windows(2)
            .position(|w| w == [0xFF, 0xDA])
            .is_some_and(|sos| bytes[sos..].windows(2).any(|w| w == [0xFF, 0xD9])),
        Sniffed::Webp => {
            let declared = bytes
                .get(4..8)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map(u32::from_le_bytes);
            declared.is_some_and(|n| u64::from(n) + 8 <= bytes.len() as u64)
        }
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(MediaError::Damaged(format!(
            "the {} ends before its image does",
            kind.label()
        )))
    }
}

fn capture_time(exif: Vec<u8>) -> Option<String> {
    let parsed = exif::Reader::new().read_raw(exif).ok()?;
    let field = parsed.get_field(exif::Tag::DateTimeOriginal, exif::In::PRIMARY)?;
    let exif::Value::Ascii(ref parts) = field.value else {
        return None;
    };
    let t = exif::DateTime::from_ascii(parts.first()?).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    ))
}

fn decode_error(e: ImageError) -> MediaError {
    match e {
        ImageError::Limits(_) => MediaError::TooMuchMemory,
        other => MediaError::Damaged(other.to_string()),
    }
}

fn encode_error(e: ImageError) -> MediaError {
    MediaError::Encode(e.to_string())
}

/// The small image a ThumbHash (base64) stands for, as a PNG.
pub fn placeholder_png(thumbhash: &str) -> Option<Vec<u8>> {
    let hash = base64::engine::general_purpose::STANDARD
        .decode(thumbhash)
        .ok()?;
    let (w, h, rgba) = thumbhash::thumb_hash_to_rgba(&hash).ok()?;
    let img = image::RgbaImage::from_raw(u32::try_from(w).ok()?, u32::try_from(h).ok()?, rgba)?;
    png(&DynamicImage::ImageRgba8(img)).ok()
}
