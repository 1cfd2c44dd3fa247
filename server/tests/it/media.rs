//! Media uploads through the API with files made here: every accepted format, EXIF
//! orientation and stripping, and each way a file is refused; then serving the parts.

use crate::common::{Reply, TestApp};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use image::codecs::gif::{GifEncoder, Repeat};
use image::{DynamicImage, Frame, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use serde_json::Value;
use std::io::Cursor;

const BOUNDARY: &str = "thingdata-test-boundary";

/// Posts `parts` ((field, file name, bytes); no file name for a plain field) to the
/// upload endpoint with `token`, or anonymously.
async fn upload_parts(
    app: &TestApp,
    parts: &[(&str, Option<&str>, &[u8])],
    token: Option<&str>,
) -> Reply {
    let mut body = Vec::new();
    for (field, file, bytes) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{field}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{field}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
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
fn pdf() -> Vec<u8> {
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

#[tokio::test]
async fn entries_and_steps_show_their_photos_and_refuse_unknown_ones() {
    let app = TestApp::new().await;
    let photo = stored(&app, &halves(1200, 800), "kettle.jpg").await;
    let step_photo = stored(&app, &halves(500, 500), "switch.jpg").await;
    let unknown = "e".repeat(64);
    let story = serde_json::json!({
        "type": "repair",
        "thing_category": {"category": "Kettle"},
        "title": {"lang": "en", "default": "Replace the kettle switch"},
        "media": [{"id": photo, "alt": {"lang": "en", "default": "A kettle on its base", "translations": {"de": "Ein Wasserkocher auf seinem Sockel"}},
                   "caption": {"lang": "en", "default": "Before the repair"},
                   "markers": [{"shape": "point", "x": 0.4, "y": 0.5, "label": {"lang": "en", "default": "The switch"}}]}],
        "procedure": [{"order": 1, "description": {"lang": "en", "default": "Open the base"},
                       "media": [{"id": step_photo, "alt": {"lang": "en", "default": "Four screws under the base"}}]}]
    });
    let mut bad = story.clone();
    bad["procedure"][0]["media"][0]["id"] = Value::String(unknown);
    bad["media"][0]["markers"][0]["x"] = serde_json::json!(1.5);
    let r = app.post("/api/v1/stories", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let problems = r.json()["error"]["details"].clone();
    let at = |path: &str| {
        problems
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["path"] == path)
            .map(|p| p["code"].clone())
    };
    assert_eq!(
        at("procedure.0.media.0.id"),
        Some(Value::from("unknown_media")),
        "{problems}"
    );
    assert_eq!(
        at("media.0.markers.0.x"),
        Some(Value::from("out_of_range")),
        "{problems}"
    );

    let r = app.post("/api/v1/stories", &story).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();
    let page = app.page(&format!("/stories/{id}"), "de").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = &page.text;
    assert!(
        html.contains("alt=\"Ein Wasserkocher auf seinem Sockel\""),
        "alt text in the reader's language"
    );
    assert!(
        html.contains(&format!("/media/{photo}/w320 320w")),
        "a srcset of the variants"
    );
    assert!(
        html.contains(&format!("href=\"/media/{photo}/original\"")),
        "the original one click away"
    );
    assert!(
        html.contains("id=\"media-1\"") && html.contains("href=\"#media-1\""),
        "a lightbox to open"
    );
    assert!(
        html.contains("id=\"step-1-1\""),
        "the step's photo has its own"
    );
    assert!(html.contains("alt=\"Four screws under the base\""));
    assert!(
        html.contains("The switch") && html.contains("class=\"markers\""),
        "markers and their legend"
    );
    assert!(
        html.contains("src=\"data:image/png;base64,"),
        "a placeholder painted first"
    );
    assert!(
        html.contains(&format!(
            "property=\"og:image\" content=\"http://td.test/media/{photo}/w1200\""
        )),
        "the main photo for shared previews"
    );
    let small = app.get(&format!("/media/{step_photo}/w320")).await;
    assert_eq!(small.status, StatusCode::OK, "w320 finds the smallest copy");
    assert_eq!(decoded(&small.bytes).width(), 320);

    // The edit form carries the photos, so saving it keeps them.
    let form = app
        .page_as(&format!("/stories/{id}/edit"), "en", Some(&app.cookie))
        .await;
    assert!(
        form.text.contains(&format!("value=\"{photo}\"")),
        "the entry's photo in the form"
    );
    assert!(
        form.text.contains(&format!("value=\"{step_photo}\"")),
        "the step's photo in the form"
    );
}

/// The entry page's form without JavaScript: a multipart post with the session cookie.
async fn add_photos(
    app: &TestApp,
    path: &str,
    parts: &[(&str, Option<&str>, &[u8])],
    cookie: Option<&str>,
) -> Reply {
    let mut body = Vec::new();
    for (field, file, bytes) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        let disposition = match file {
            Some(f) => format!("Content-Disposition: form-data; name=\"{field}\"; filename=\"{f}\"\r\nContent-Type: image/jpeg\r\n\r\n"),
            None => format!("Content-Disposition: form-data; name=\"{field}\"\r\n\r\n"),
        };
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let req = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("origin", "http://td.test")
        .header("accept-language", "de")
        .header("cookie", cookie.unwrap_or(""))
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

#[tokio::test]
async fn photos_are_added_to_a_step_from_the_page_without_javascript() {
    let app = TestApp::new().await;
    let story = serde_json::json!({
        "type": "repair", "thing_category": {"category": "Kettle"},
        "title": {"lang": "de", "default": "Schalter tauschen"},
        "procedure": [{"order": 1, "description": {"lang": "de", "default": "Boden öffnen"}},
                      {"order": 2, "description": {"lang": "de", "default": "Schalter lösen"}}]
    });
    let r = app.post("/api/v1/stories", &story).await;
    let created = r.json();
    let id = created["id"].as_str().unwrap().to_string();
    let step_two = created["procedure"][1]["id"].as_str().unwrap().to_string();
    let page = app
        .page_as(&format!("/stories/{id}"), "de", Some(&app.cookie))
        .await;
    assert!(
        page.text
            .contains(&format!("action=\"/stories/{id}/media\"")),
        "the page offers the form"
    );
    assert!(page.text.contains("enctype=\"multipart/form-data\""));
    assert!(
        page.text
            .contains(&format!("<option value=\"{step_two}\">")),
        "each step can take photos"
    );

    let anonymous = add_photos(
        &app,
        &format!("/stories/{id}/media"),
        &[("file", Some("a.jpg"), b"x")],
        None,
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(
        anonymous.header("location").starts_with("/login?next="),
        "{}",
        anonymous.header("location")
    );

    let photo = encode(&halves(640, 480), ImageFormat::Jpeg);
    let mut polyglot = encode(&halves(64, 48), ImageFormat::Png);
    polyglot.extend_from_slice(b"<script>alert(1)</script>");
    let r = add_photos(
        &app,
        &format!("/stories/{id}/media"),
        &[
            ("step", None, step_two.as_bytes()),
            ("alt", None, "Der Schalter von unten".as_bytes()),
            ("file", Some("schalter.jpg"), &photo),
            ("file", Some("böse.png"), &polyglot),
        ],
        Some(&app.cookie),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    let to = r.header("location");
    assert!(
        to.contains("media_added=1") && to.contains("media_error=polyglot"),
        "{to}"
    );
    let back = app.page_as(&to, "de", Some(&app.cookie)).await;
    assert!(
        back.text.contains("Eine Datei hinzugefügt."),
        "the notice in the reader's language"
    );
    assert!(
        back.text
            .contains("böse.png: Die Datei verbirgt eine zweite Datei"),
        "the refusal, in German"
    );
    assert!(
        back.text.contains("alt=\"Der Schalter von unten\""),
        "the photo with its alt text"
    );
    assert!(
        back.text.contains("id=\"step-2-1\""),
        "under the second step"
    );
    let entity = app.get(&format!("/api/v1/stories/{id}")).await.json();
    assert_eq!(
        entity["procedure"][1]["media"][0]["alt"]["lang"], "de",
        "alt text in the author's language"
    );
    assert!(entity["procedure"][0]["media"]
        .as_array()
        .is_none_or(|m| m.is_empty()));
    let none = add_photos(
        &app,
        &format!("/stories/{id}/media"),
        &[("file", Some(""), b"")],
        Some(&app.cookie),
    )
    .await;
    assert!(none.header("location").contains("media_error=no_file"));
}

#[tokio::test]
async fn a_marker_with_a_label_is_added_in_the_edit_form_without_javascript() {
    let app = TestApp::new().await;
    let hash = stored(&app, &halves(600, 400), "board.jpg").await;
    let mut t = crate::common::thing("Amplifier");
    t["media"] = serde_json::json!([{"id": hash}]);
    let created = app.post("/api/v1/things", &t).await.json();
    let id = created["id"].as_str().unwrap().to_string();
    let rev = created["revision"].as_str().unwrap().to_string();
    let referer = format!("http://td.test/things/{id}/edit");
    let base = |intent: &'static str| {
        vec![
            ("kind", "thing".to_string()),
            ("f[id]", id.clone()),
            ("f[base_revision]", rev.clone()),
            ("f[type]", "device".to_string()),
            ("f[name.default]", "Amplifier".to_string()),
            ("f[manufacturer.name]", "ACME".to_string()),
            ("f[media.0.id]", hash.clone()),
            ("f[intent]", intent.to_string()),
        ]
    };
    let fields = base("add:media.0.markers");
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.form("/sfn/save", &pairs, &referer).await;
    let form = app.page(&r.header("location"), "en").await;
    assert!(
        form.text.contains("name=\"f[media.0.markers.0.shape]\""),
        "a marker row to fill in"
    );
    assert!(form.text.contains("Add a marker"));

    let mut fields = base("save");
    fields.extend([
        ("f[media.0.markers.0.shape]", "point".to_string()),
        ("f[media.0.markers.0.x]", "0.3".to_string()),
        ("f[media.0.markers.0.y]", "0.6".to_string()),
        ("f[media.0.markers.0.label.default]", "The fuse".to_string()),
    ]);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.form("/sfn/save", &pairs, &referer).await;
    assert!(
        r.header("location").starts_with(&format!("/things/{id}")),
        "{}",
        r.header("location")
    );
    let now = app.get(&format!("/api/v1/things/{id}")).await.json();
    let marker = &now["media"][0]["markers"][0];
    assert_eq!(
        (
            marker["shape"].as_str(),
            marker["x"].as_f64(),
            marker["y"].as_f64()
        ),
        (Some("point"), Some(0.3), Some(0.6))
    );
    assert_eq!(marker["label"]["default"], "The fuse");
    let page = app.page(&format!("/things/{id}"), "en").await;
    assert!(page.text.contains("class=\"marker-legend\"") && page.text.contains("The fuse"));
}
