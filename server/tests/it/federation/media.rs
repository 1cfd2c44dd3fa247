//! Media across instances: a photo added on one instance shows on a third through a
//! relay, and a file whose bytes do not match its hash is refused while the entry stays.

use super::*;
use crate::common::{thing, Node};
use crate::media::{encode, halves, upload};
use axum::http::StatusCode;
use image::ImageFormat;
use serde_json::json;

#[tokio::test]
async fn a_photo_added_on_a_shows_on_c_through_b() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    let c = Node::start("C").await;
    connect(&a, &b, "trusted", "trusted").await;
    connect(&b, &c, "trusted", "trusted").await;
    let photo = upload(
        &a.app,
        "grinder.jpg",
        &encode(&halves(900, 600), ImageFormat::Jpeg),
    )
    .await
    .json();
    let hash = photo["hash"].as_str().unwrap().to_string();
    let mut t = thing("Coffee grinder");
    t["media"] = json!([{"id": hash, "alt": {"lang": "en", "default": "The grinder's burrs"}}]);
    let r = a.app.post("/api/v1/things", &t).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["id"].as_str().unwrap().to_string();
    let original = a.app.get(&format!("/media/{hash}/original")).await.bytes;
    eventually("the photo reaches c through b", 20, || async {
        c.app.get(&format!("/media/{hash}/original")).await.status == StatusCode::OK
    })
    .await;
    let on_c = c.app.get(&format!("/media/{hash}/original")).await;
    assert_eq!(on_c.bytes, original, "the same bytes, under the same hash");
    let info = c.app.get(&format!("/api/v1/media/{hash}")).await.json();
    assert!(
        info["url"].as_str().unwrap().starts_with(&c.url),
        "served under c's own URL"
    );
    assert!(
        !info["variants"].as_array().unwrap().is_empty(),
        "with c's own variants"
    );
    let page = c.app.page(&format!("/things/{id}"), "en").await;
    assert!(
        page.text.contains("alt=\"The grinder&#x27;s burrs\"")
            || page.text.contains("alt=\"The grinder's burrs\""),
        "{}",
        page.text
    );
    assert!(page.text.contains(&format!("/media/{hash}/w320")));
}

#[tokio::test]
async fn a_file_that_does_not_match_its_hash_is_refused_and_the_entry_stays_readable() {
    let a = Node::start("A").await;
    let b = Node::start("B").await;
    connect(&a, &b, "trusted", "trusted").await;
    let photo = upload(
        &a.app,
        "x.jpg",
        &encode(&halves(300, 200), ImageFormat::Jpeg),
    )
    .await
    .json();
    let hash = photo["hash"].as_str().unwrap().to_string();
    // A's stored file no longer matches its name (a broken disk, or a lying peer).
    let path = a
        .app
        .settings
        .data_dir
        .join("media")
        .join(&hash[..2])
        .join(&hash)
        .join("original");
    std::fs::write(&path, encode(&halves(310, 200), ImageFormat::Jpeg)).unwrap();
    let mut t = thing("Kettle");
    t["media"] = json!([{"id": hash}]);
    let r = a.app.post("/api/v1/things", &t).await;
    let id = r.json()["id"].as_str().unwrap().to_string();
    eventually("the entry reaches b", 15, || async {
        name_on(&b, &id).await.is_some()
    })
    .await;
    // Give the background fetch its chance; it must refuse what it got.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        b.app.get(&format!("/media/{hash}/original")).await.status,
        StatusCode::NOT_FOUND
    );
    let page = b.app.page(&format!("/things/{id}"), "en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text
            .contains("A photo that has not arrived from its instance yet"),
        "{}",
        page.text
    );
    let wrong = b
        .app
        .state
        .media
        .store_fetched(&hash, b"not the file".to_vec(), "test")
        .await;
    assert!(matches!(
        wrong,
        Err(service::media::UploadError::Media(
            ::media::MediaError::HashMismatch { .. }
        ))
    ));
}
