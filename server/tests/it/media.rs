//! Media uploads through the API with files made here: every accepted format, EXIF
//! orientation and stripping, and each way a file is refused; then serving the parts.

use crate::common::{Reply, TestApp};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use image::codecs::gif::{GifEncoder, Repeat};
use image::{DynamicImage, Frame, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use serde_json::Value;
use std::io::Cursor;

pub const BOUNDARY: &str = "thingdata-test-boundary";

/// A multipart body of `parts` ((field, file name, bytes); no file name for a plain
/// field), each file sent as `file_type`.
pub fn multipart(parts: &[(&str, Option<&str>, &[u8])], file_type: &str) -> Vec<u8> {
    let mut body = Vec::new();
    for (field, file, bytes) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        let disposition = match file {
            Some(f) => format!("Content-Disposition: form-data; name=\"{field}\"; filename=\"{f}\"\r\nContent-Type: {file_type}\r\n\r\n"),
            None => format!("Content-Disposition: form-data; name=\"{field}\"\r\n\r\n"),
        };
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts `parts` ((field, file name, bytes); no file name for a plain field) to the
/// upload endpoint with `token`, or anonymously.
async fn upload_parts(
    app: &TestApp,
    parts: &[(&str, Option<&str>, &[u8])],
    token: Option<&str>,
) -> Reply {
    let body = multipart(parts, "application/octet-stream");
    let mut req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/media")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        );
    if let Some(t) = token {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    app.send(req.body(Body::from(body)).unwrap()).await
}

pub async fn upload(app: &TestApp, name: &str, bytes: &[u8]) -> Reply {
    upload_parts(app, &[("file", Some(name), bytes)], Some(&app.token)).await
}

pub fn encode(img: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// Left half red, right half blue: where red ends up shows how the image was turned.
pub fn halves(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    }))
}

/// A JPEG whose EXIF says "rotate 90° clockwise to show", with a capture time and a
/// GPS position that must not survive.
fn rotated_jpeg(width: u32) -> Vec<u8> {
    let jpeg = encode(&halves(width, 20), ImageFormat::Jpeg);
    let mut tiff: Vec<u8> = b"MM\0\x2a\0\0\0\x08".to_vec();
    let entry = |tag: u16, typ: u16, count: u32, value: u32| {
        let mut e = tag.to_be_bytes().to_vec();
        e.extend_from_slice(&typ.to_be_bytes());
        e.extend_from_slice(&count.to_be_bytes());
        e.extend_from_slice(&value.to_be_bytes());
        e
    };
    // IFD0 at 8 (42 bytes), the Exif IFD at 50 (18), its date at 68 (20), GPS IFD at 88.
    tiff.extend_from_slice(&3u16.to_be_bytes());
    tiff.extend(entry(0x0112, 3, 1, 6 << 16));
    tiff.extend(entry(0x8769, 4, 1, 50));
    tiff.extend(entry(0x8825, 4, 1, 88));
    tiff.extend_from_slice(&0u32.to_be_bytes());
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend(entry(0x9003, 2, 20, 68));
    tiff.extend_from_slice(&0u32.to_be_bytes());
    tiff.extend_from_slice(b"2024:05:01 10:30:00\0");
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend(entry(0x0001, 2, 2, u32::from_be_bytes(*b"N\0\0\0")));
    tiff.extend_from_slice(&0u32.to_be_bytes());
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
    app1.extend_from_slice(b"Exif\0\0");
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend(app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A PNG chunk with its CRC.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
    out
}

/// A few hundred bytes that claim 100,000 × 100,000 pixels (40 GB decoded).
fn bomb() -> Vec<u8> {
    let mut ihdr = 100_000u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1]));
    out.extend(chunk(b"IEND", &[]));
    out
}

fn animated_gif(frames: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = GifEncoder::new(&mut out);
        enc.set_repeat(Repeat::Infinite).unwrap();
        let frames = (0..frames).map(|i| {
            let shade = (i * 40 % 255) as u8;
            Frame::new(RgbaImage::from_pixel(
                16,
                16,
                Rgba([shade, 0, 255 - shade, 255]),
            ))
        });
        enc.encode_frames(frames).unwrap();
    }
    out
}

/// A one-page PDF whose cross-reference offsets are computed.
pub fn pdf() -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ];
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 4\n0000000000 65535 f \n");
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

pub fn decoded(bytes: &[u8]) -> DynamicImage {
    image::load_from_memory(bytes).unwrap()
}

#[tokio::test]
async fn every_accepted_format_is_stored_with_variants_and_a_placeholder() {
    let app = TestApp::new().await;
    let photo = halves(2000, 1000);
    let transparent = DynamicImage::ImageRgba8(RgbaImage::from_fn(64, 32, |x, _| {
        Rgba([0, 0, 0, (x * 4) as u8])
    }));
    for (name, bytes, mime) in [
        ("photo.jpg", encode(&photo, ImageFormat::Jpeg), "image/jpeg"),
        (
            "drawing.png",
            encode(&transparent, ImageFormat::Png),
            "image/png",
        ),
        (
            "scan.webp",
            encode(&halves(300, 200), ImageFormat::WebP),
            "image/jpeg",
        ),
        (
            "still.gif",
            encode(&halves(30, 30), ImageFormat::Gif),
            "image/png",
        ),
        ("spin.gif", animated_gif(3), "image/gif"),
    ] {
        let r = upload(&app, name, &bytes).await;
        assert_eq!(r.status, StatusCode::CREATED, "{name}: {}", r.text);
        let m = r.json();
        assert_eq!(m["kind"], "image", "{name}");
        assert_eq!(m["mime"], mime, "{name}");
        assert!(
            m["placeholder"].as_str().is_some_and(|p| !p.is_empty()),
            "{name}"
        );
        assert!(!m["variants"].as_array().unwrap().is_empty(), "{name}");
        let original = app
            .get(&format!("/media/{}/original", m["hash"].as_str().unwrap()))
            .await;
        assert_eq!(original.status, StatusCode::OK, "{name}");
        assert_eq!(original.header("content-type"), mime, "{name}");
        assert_eq!(
            sha256(&original.bytes),
            m["hash"],
            "{name}: the hash names the stored bytes"
        );
    }
    let r = upload(&app, "photo.jpg", &encode(&photo, ImageFormat::Jpeg)).await;
    let m = r.json();
    let widths: Vec<u64> = m["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["width"].as_u64().unwrap())
        .collect();
    assert_eq!(widths, [320, 800, 1600]);
    assert_eq!(
        (m["width"].as_u64(), m["height"].as_u64()),
        (Some(2000), Some(1000))
    );
    let w320 = &m["variants"][0];
    assert_eq!(w320["height"], 160);
    let small = app
        .get(&format!("/media/{}/w320", m["hash"].as_str().unwrap()))
        .await;
    assert_eq!(small.header("content-type"), "image/jpeg");
    assert_eq!(decoded(&small.bytes).width(), 320);
    let spin = upload(&app, "spin.gif", &animated_gif(3)).await.json();
    assert_eq!(spin["frames"], 3);
}

fn sha256(bytes: &[u8]) -> Value {
    use sha2::Digest;
    Value::String(hex::encode(sha2::Sha256::digest(bytes)))
}

#[tokio::test]
async fn exif_orientation_is_applied_and_all_metadata_dropped() {
    let app = TestApp::new().await;
    let r = upload(&app, "rotated.jpg", &rotated_jpeg(40)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let m = r.json();
    assert_eq!(
        (m["width"].as_u64(), m["height"].as_u64()),
        (Some(20), Some(40)),
        "turned upright"
    );
    assert!(
        m["captured_at"].is_null(),
        "capture time kept only when asked"
    );
    let original = app
        .get(&format!("/media/{}/original", m["hash"].as_str().unwrap()))
        .await;
    let img = decoded(&original.bytes).to_rgb8();
    let top = img.get_pixel(10, 2);
    let bottom = img.get_pixel(10, 37);
    assert!(
        top[0] > 150 && top[2] < 100,
        "the left (red) half is now on top: {top:?}"
    );
    assert!(bottom[2] > 150 && bottom[0] < 100, "{bottom:?}");
    let bytes = &original.bytes;
    for marker in [&b"Exif"[..], b"2024:05:01", b"MM\0\x2a"] {
        assert!(
            !bytes.windows(marker.len()).any(|w| w == marker),
            "metadata {marker:?} survived"
        );
    }
    let kept = upload_parts(
        &app,
        &[
            ("keep_capture_time", None, b"1"),
            ("file", Some("rotated2.jpg"), &rotated_jpeg(42)),
        ],
        Some(&app.token),
    )
    .await;
    assert_eq!(kept.status, StatusCode::CREATED, "{}", kept.text);
    assert_eq!(kept.json()["captured_at"], "2024-05-01T10:30:00");
}

#[tokio::test]
async fn bad_files_are_refused_with_a_reason() {
    let app = TestApp::with(|s| s.limits.media_max_frames = 4).await;
    let png = encode(&halves(20, 20), ImageFormat::Png);
    let jpeg = encode(&halves(200, 100), ImageFormat::Jpeg);
    let mut polyglot = png.clone();
    polyglot.extend_from_slice(b"PK\x03\x04\x14\0\0\0\0\0payload.jsPK\x01\x02PK\x05\x06\0\0\0\0\x01\0\x01\0\0\0\0\0\0\0\0\0\0\0");
    let mut script = jpeg.clone();
    script.extend_from_slice(b"<script>alert(document.cookie)</script>");
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str, &str)> = vec![
        (
            "cut.jpg",
            jpeg[..jpeg.len() / 2].to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "damaged_file",
            "cut off",
        ),
        (
            "cut.png",
            png[..png.len() - 30].to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "damaged_file",
            "damaged",
        ),
        (
            "both.png",
            polyglot,
            StatusCode::UNPROCESSABLE_ENTITY,
            "polyglot",
            "ZIP archive",
        ),
        (
            "xss.jpg",
            script,
            StatusCode::UNPROCESSABLE_ENTITY,
            "polyglot",
            "script",
        ),
        (
            "notes.png",
            b"just some text, not a picture".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
            "its name says PNG",
        ),
        (
            "setup.jpg",
            b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0 This program cannot be run in DOS mode"
                .to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
            "it is a program",
        ),
        (
            "bomb.png",
            bomb(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "too_many_pixels",
            "100000 × 100000",
        ),
        (
            "long.gif",
            animated_gif(6),
            StatusCode::UNPROCESSABLE_ENTITY,
            "too_many_frames",
            "more than 4 frames",
        ),
        (
            "empty.jpg",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "empty_file",
            "empty",
        ),
    ];
    for (name, bytes, status, code, words) in cases {
        let r = upload(&app, name, &bytes).await;
        assert_eq!(r.status, status, "{name}: {}", r.text);
        let e = &r.json()["error"];
        assert_eq!(e["code"], code, "{name}: {}", r.text);
        assert!(
            e["message"].as_str().unwrap().contains(words),
            "{name}: {}",
            r.text
        );
    }
    assert_eq!(
        app.get("/health").await.json()["metrics"]["media"]["files"],
        0,
        "nothing was kept"
    );
    let anonymous = upload_parts(&app, &[("file", Some("a.png"), &png)], None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let none = upload_parts(&app, &[("note", None, b"x")], Some(&app.token)).await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
    let two = upload_parts(
        &app,
        &[("file", Some("a.png"), &png), ("file", Some("b.png"), &png)],
        Some(&app.token),
    )
    .await;
    assert_eq!(two.json()["error"]["code"], "one_file");
    let json = app
        .post("/api/v1/media", &serde_json::json!({"file": "x"}))
        .await;
    assert_eq!(json.status, StatusCode::BAD_REQUEST, "{}", json.text);
}

#[tokio::test]
async fn size_limits_and_quotas_hold() {
    let app = TestApp::with(|s| {
        s.limits.media_max_bytes = 4_000;
        s.limits.media_quota_per_user_bytes = 6_000;
    })
    .await;
    let big = encode(
        &DynamicImage::ImageRgb8(RgbImage::from_fn(300, 300, |x, y| {
            Rgb([(x * y % 251) as u8, (x % 256) as u8, (y % 256) as u8])
        })),
        ImageFormat::Png,
    );
    assert!(big.len() > 4_000);
    let r = upload(&app, "big.png", &big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text);
    assert_eq!(r.json()["error"]["code"], "file_too_large");
    let small = |shade: u8| {
        encode(
            &DynamicImage::ImageRgb8(RgbImage::from_pixel(30, 30, Rgb([shade, 0, 0]))),
            ImageFormat::Png,
        )
    };
    let mut stored = 0;
    let mut refused = None;
    for shade in 0..40u8 {
        let r = upload(&app, "s.png", &small(shade)).await;
        if r.status == StatusCode::CREATED {
            stored += 1;
        } else {
            refused = Some(r);
            break;
        }
    }
    let refused = refused.expect("the quota refuses at some point");
    assert!(stored >= 1);
    assert_eq!(
        refused.status,
        StatusCode::PAYLOAD_TOO_LARGE,
        "{}",
        refused.text
    );
    assert_eq!(refused.json()["error"]["code"], "user_quota");
    let health = app.get("/health").await.json();
    assert_eq!(health["metrics"]["media"]["files"], stored);
    assert!(health["metrics"]["media"]["bytes"].as_u64().unwrap() <= 6_000);
    // Another member has their own quota.
    let (_, token) = app.user("maria", "member").await;
    let r = upload_parts(&app, &[("file", Some("s.png"), &small(200))], Some(&token)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
}

#[tokio::test]
async fn a_pdf_is_kept_as_it_came_and_served_sandboxed() {
    let app = TestApp::new().await;
    let doc = pdf();
    let r = upload(&app, "manual.pdf", &doc).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let m = r.json();
    assert_eq!(
        (m["kind"].as_str(), m["mime"].as_str()),
        (Some("pdf"), Some("application/pdf"))
    );
    assert_eq!(m["variants"], serde_json::json!([]));
    let served = app
        .get(&format!("/media/{}/original", m["hash"].as_str().unwrap()))
        .await;
    assert_eq!(served.bytes, doc);
    assert!(served
        .header("content-disposition")
        .starts_with("inline; filename="));
    assert!(served.header("content-security-policy").contains("sandbox"));
    let cut = upload(&app, "manual.pdf", &doc[..doc.len() - 10]).await;
    assert_eq!(cut.json()["error"]["code"], "damaged_file", "{}", cut.text);
}

pub async fn stored(app: &TestApp, img: &DynamicImage, name: &str) -> String {
    let r = upload(app, name, &encode(img, ImageFormat::Jpeg)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["hash"].as_str().unwrap().to_string()
}
