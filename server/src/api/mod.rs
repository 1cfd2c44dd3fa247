//! The JSON API under `/api/v1`. Handlers parse, call the knowledge service and map
//! the result; errors are mapped once, in `error`.

mod categories;
mod conflicts;
mod entities;
mod error;
mod graph;
pub mod impact;
pub mod input;
mod media;
pub mod openapi;
mod peers;
mod repairs;
mod schemas;
mod search;
mod shapes;
mod suggestions;
mod system;
mod tags;
mod translations;
mod vocabularies;

pub use error::ApiError;

use app::state::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{any, get, post, put};
use axum::Router;
use domain::EntityKind;

pub fn routes() -> Router<AppState> {
    let mut r = Router::new()
        .route("/api/v1/preflight", post(entities::preflight))
        .route("/api/v1/openapi.json", get(system::openapi))
        // The handler bounds what it reads: one file of at most the configured size.
        .route(
            "/api/v1/media",
            post(media::upload).layer(DefaultBodyLimit::disable()),
        )
        .route("/api/v1/media/{hash}", get(media::info))
        .route("/media/{hash}/{part}", get(media::serve))
        .route("/api/v1/categories/tree", get(categories::tree))
        .route(
            "/api/v1/categories/{id}/merge",
            axum::routing::post(categories::merge),
        )
        .route(
            "/api/v1/categories/{id}/split",
            axum::routing::post(categories::split),
        )
        .route(
            "/api/v1/categories/unfiled",
            get(categories::unfiled).post(categories::file),
        )
        .route("/api/v1/tags", get(tags::list))
        .route("/api/v1/tags/rename", axum::routing::post(tags::rename))
        .route("/api/v1/vocabularies", get(vocabularies::list))
        .route("/api/v1/suggested-terms", get(suggestions::list))
        .route("/api/v1/suggested-terms/accept", post(suggestions::accept))
        .route("/api/v1/suggested-terms/map", post(suggestions::map))
        .route("/api/v1/suggested-terms/reject", post(suggestions::reject))
        .route(
            "/api/v1/vocabularies/{name}",
            get(vocabularies::read).post(vocabularies::add),
        )
        .route("/api/v1/impact", get(impact::report))
        .route("/api/v1/repairs.csv", get(repairs::export))
        .route(
            "/api/v1/repairs/import",
            post(repairs::import).layer(DefaultBodyLimit::max(repairs::MAX_IMPORT_BYTES)),
        )
        .route("/api/v1/impact/success-rates", get(impact::success_rates))
        .route("/api/v1/search", get(search::search))
        .route("/api/v1/search/suggest", get(search::suggest))
        .route("/api/v1/translations/queue", get(translations::queue))
        .route(
            "/api/v1/translations/completeness",
            get(translations::completeness),
        )
        .route("/api/v1/conflicts", get(conflicts::list))
        .route("/api/v1/conflicts/{id}", get(conflicts::read))
        .route("/api/v1/conflicts/{id}/resolve", post(conflicts::resolve))
        .route(
            "/api/v1/federation/peers",
            get(peers::list).post(peers::request),
        )
        .route("/api/v1/federation/peers/{id}", put(peers::update))
        .route("/api/v1/federation/peers/{id}/accept", post(peers::accept))
        .route("/api/v1/federation/peers/{id}/refuse", post(peers::refuse))
        .route("/api/v1/federation/held", get(peers::held))
        .route(
            "/api/v1/federation/held/{id}/accept",
            post(peers::accept_held),
        )
        .route(
            "/api/v1/federation/held/{id}/reject",
            post(peers::reject_held),
        )
        .route("/health", get(system::health))
        .route("/metrics", get(system::metrics));
    for kind in EntityKind::ALL {
        let p = kind.plural();
        r = r
            .route(
                &format!("/api/v1/{p}"),
                get(move |s, q| entities::list(kind, s, q))
                    .post(move |s, h, a, b| entities::create(kind, s, h, a, b)),
            )
            .route(
                &format!("/api/v1/{p}/{{id}}"),
                get(move |s, id, a| entities::read(kind, s, id, a))
                    .put(move |s, id, h, a, b| entities::replace(kind, s, id, h, a, b))
                    .patch(move |s, id, h, a, b| entities::patch(kind, s, id, h, a, b))
                    .delete(move |s, id, h, a| entities::delete(kind, s, id, h, a)),
            )
            .route(
                &format!("/api/v1/{p}/{{id}}/history"),
                get(move |s, id, a| entities::history(kind, s, id, a)),
            )
            .route(
                &format!("/api/v1/{p}/{{id}}/diff"),
                get(move |s, id, a, q| entities::diff(kind, s, id, a, q)),
            )
            .route(
                &format!("/api/v1/{p}/{{id}}/revert"),
                post(move |s, id, h, a, b| entities::revert(kind, s, id, h, a, b)),
            )
            .route(
                &format!("/api/v1/{p}/{{id}}/hide"),
                post(move |s, id, a, b| entities::hide(kind, s, id, a, b)),
            )
            .route(
                &format!("/api/v1/{p}/{{id}}/unhide"),
                post(move |s, id, a| entities::unhide(kind, s, id, a)),
            )
            .route(
                &format!("/api/v1/{p}/{{id}}/relationships"),
                get(move |s, id, a| entities::relationships(kind, s, id, a)),
            );
        if kind.in_graph() {
            r = r.route(
                &format!("/api/v1/{p}/{{id}}/graph"),
                get(move |s, id, a, h, q| graph::graph(kind, s, id, a, h, q)),
            );
        }
    }
    r.route(
        "/api/{*rest}",
        any(|| async { ApiError::not_found("no such API endpoint") }),
    )
}
