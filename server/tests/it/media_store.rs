//! Where media files live and how they are served: stored once, served for good with
//! ranges, cleaned up when no revision names them, and the same on an S3-compatible
//! store shared by two app nodes (a moto server on loopback, when one is installed).

use crate::common::TestApp;
use crate::media::{decoded, encode, halves, stored, upload};
use axum::http::{Method, StatusCode};
use image::ImageFormat;

#[tokio::test]
async fn a_duplicate_is_stored_once_and_parts_are_served_for_good() {
    let app = TestApp::new().await;
    let bytes = encode(&halves(900, 600), ImageFormat::Jpeg);
    let first = upload(&app, "a.jpg", &bytes).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let again = upload(&app, "copy of a.jpg", &bytes).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text);
    assert_eq!(first.json()["hash"], again.json()["hash"]);
    let metrics = app.get("/metrics").await.text;
    assert!(metrics.contains("thingdata_media_files 1\n"), "{metrics}");
    let hash = first.json()["hash"].as_str().unwrap().to_string();
    let files = walk(&app.settings.data_dir.join("media"));
    assert_eq!(
        files, 4,
        "the original and three variants (320, 800 and its own 900), once"
    );

    let info = app.get(&format!("/api/v1/media/{hash}")).await;
    assert_eq!(info.status, StatusCode::OK);
    assert_eq!(
        info.json()["url"],
        format!("http://td.test/media/{hash}/original")
    );
    let path = format!("/media/{hash}/original");
    let full = app.get(&path).await;
    assert_eq!(full.status, StatusCode::OK);
    assert_eq!(
        full.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(full.header("x-content-type-options"), "nosniff");
    assert_eq!(full.header("accept-ranges"), "bytes");
    let etag = full.header("etag");
    let again = app
        .call(Method::GET, &path, None, &[("if-none-match", &etag)])
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let part = app
        .call(Method::GET, &path, None, &[("range", "bytes=2-11")])
        .await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.bytes, full.bytes[2..12]);
    assert_eq!(
        part.header("content-range"),
        format!("bytes 2-11/{}", full.bytes.len())
    );
    let outside = app
        .call(Method::GET, &path, None, &[("range", "bytes=99999999-")])
        .await;
    assert_eq!(outside.status, StatusCode::RANGE_NOT_SATISFIABLE);
    let garbled = app
        .call(Method::GET, &path, None, &[("range", "#]INd")])
        .await;
    assert_eq!(
        garbled.status,
        StatusCode::OK,
        "a Range that does not parse is ignored"
    );
    let largest = app.get(&format!("/media/{hash}/w9999")).await;
    assert_eq!(
        decoded(&largest.bytes).width(),
        900,
        "w<width> finds the nearest copy"
    );
    for missing in [
        format!("/media/{hash}/x320"),
        format!("/media/{}/original", "0".repeat(64)),
        "/media/nothex/original".into(),
        format!("/api/v1/media/{}", "f".repeat(64)),
    ] {
        assert_eq!(
            app.get(&missing).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    if e.path().is_dir() {
                        walk(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

#[tokio::test]
async fn the_clean_up_removes_only_files_no_revision_names() {
    let app = TestApp::new().await;
    let kept = stored(&app, &halves(400, 300), "kept.jpg").await;
    let dropped_later = stored(&app, &halves(410, 300), "history.jpg").await;
    let unused = stored(&app, &halves(420, 300), "unused.jpg").await;
    let mut thing = crate::common::thing("Kettle");
    thing["media"] = serde_json::json!([{"id": kept}, {"id": dropped_later}]);
    let r = app.post("/api/v1/things", &thing).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();
    let r = app
        .call(
            Method::PATCH,
            &format!("/api/v1/things/{id}"),
            Some(&serde_json::json!({"media": [{"id": kept}]})),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    let media = &app.state.media;
    let day = std::time::Duration::from_secs(86_400);
    assert!(
        media.collect_garbage(day, false).await.unwrap().is_empty(),
        "new uploads have a grace period"
    );
    let would = media
        .collect_garbage(std::time::Duration::ZERO, true)
        .await
        .unwrap();
    assert_eq!(
        would.iter().map(|m| m.hash.as_str()).collect::<Vec<_>>(),
        [unused.as_str()]
    );
    assert_eq!(
        app.get(&format!("/media/{unused}/original")).await.status,
        StatusCode::OK,
        "a dry run removes nothing"
    );
    let removed = media
        .collect_garbage(std::time::Duration::ZERO, false)
        .await
        .unwrap();
    assert_eq!(removed.len(), 1);
    assert_eq!(
        app.get(&format!("/media/{unused}/original")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        walk(
            &app.settings
                .data_dir
                .join("media")
                .join(&unused[..2])
                .join(&unused)
        ),
        0,
        "its files are gone"
    );
    for h in [kept, dropped_later] {
        assert_eq!(
            app.get(&format!("/media/{h}/original")).await.status,
            StatusCode::OK,
            "named by a revision: kept"
        );
    }
}

/// A moto S3 server on a free loopback port, stopped when dropped.
struct S3Server {
    child: std::process::Child,
    endpoint: String,
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `THINGDATA_TEST_S3` names moto's `moto_server` (scripts/setup.sh --s3 installs it
/// and scripts/test.sh sets it); without it the S3 test says so and does nothing.
fn s3_server(bucket: &str) -> Option<S3Server> {
    use std::io::{Read, Write};
    let Some(bin) = std::env::var("THINGDATA_TEST_S3")
        .ok()
        .filter(|b| !b.is_empty())
    else {
        eprintln!("SKIPPED: THINGDATA_TEST_S3 is not set (scripts/setup.sh --s3 installs moto)");
        return None;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = std::process::Command::new(&bin)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin}: {e}"));
    let server = S3Server {
        child,
        endpoint: format!("http://127.0.0.1:{port}"),
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut conn = loop {
        match std::net::TcpStream::connect(("127.0.0.1", port)) {
            Ok(c) => break c,
            Err(_) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(100))
            }
            Err(e) => panic!("moto did not start on port {port}: {e}"),
        }
    };
    // moto takes an unsigned request to make the bucket.
    write!(
        conn,
        "PUT /{bucket} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    conn.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    Some(server)
}

#[tokio::test]
async fn two_app_nodes_share_media_on_an_s3_store() {
    let Some(s3) = s3_server("thingdata") else {
        return;
    };
    let app = TestApp::with(|s| {
        s.media.url = Some("s3://thingdata/instance-a".into());
        s.media.options = [
            ("endpoint", s3.endpoint.as_str()),
            ("allow_http", "true"),
            ("region", "us-east-1"),
            ("access_key_id", "test"),
            ("secret_access_key", "test"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    })
    .await;
    let other = app.second_node().await;
    let bytes = encode(&halves(900, 600), ImageFormat::Png);
    let r = upload(&app, "plate.png", &bytes).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let hash = r.json()["hash"].as_str().unwrap().to_string();
    assert_eq!(
        walk(&app.settings.data_dir.join("media")),
        0,
        "nothing is written to the local directory"
    );

    let thumb = other.get(&format!("/media/{hash}/w320")).await;
    assert_eq!(thumb.status, StatusCode::OK, "the other node serves it");
    assert_eq!(decoded(&thumb.bytes).width(), 320);
    let original = other.get(&format!("/media/{hash}/original")).await;
    assert_eq!(decoded(&original.bytes).width(), 900);
    let part = other
        .call(
            Method::GET,
            &format!("/media/{hash}/original"),
            None,
            &[("range", "bytes=10-19")],
        )
        .await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.bytes, original.bytes[10..20]);
    let again = upload(&other, "copy.png", &bytes).await;
    assert_eq!(again.status, StatusCode::OK, "stored once: {}", again.text);

    let unused = stored(&other, &halves(420, 300), "unused.jpg").await;
    let removed = app
        .state
        .media
        .collect_garbage(std::time::Duration::ZERO, false)
        .await
        .unwrap();
    assert_eq!(removed.len(), 2, "neither file is named by a revision");
    for node in [&app, &other] {
        for h in [&hash, &unused] {
            assert_eq!(
                node.get(&format!("/media/{h}/w320")).await.status,
                StatusCode::NOT_FOUND
            );
        }
    }
}
