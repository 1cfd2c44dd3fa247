//! `thingdata serve`: the web UI and the API over HTTP or HTTPS until Ctrl-C.

use super::CliResult;
use crate::config::Settings;
use axum::serve::Listener;

pub async fn serve(settings: &Settings) -> CliResult {
    let state = crate::app_state(settings).await?;
    crate::spawn_background(
        &state,
        std::time::Duration::from_secs(settings.limits.media_gc_grace_hours * 3600),
    );
    let search = state.search.clone();
    let worker = state.federation_worker.clone();
    let translations = state.translations.clone();
    let app =
        crate::router::build(state).into_make_service_with_connect_info::<crate::guard::PeerAddr>();
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match &settings.tls {
        Some((cert, key)) => {
            let listener = crate::tls::bind(&settings.bind, cert, key).await?;
            tracing::info!(
                "ThingData listening on https://{} (public URL {})",
                listener.local_addr()?,
                settings.public_url()
            );
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await?;
        }
        None => {
            let listener =
                crate::tls::NoDelayListener(tokio::net::TcpListener::bind(&settings.bind).await?);
            tracing::info!(
                "ThingData listening on http://{} (public URL {})",
                listener.local_addr()?,
                settings.public_url()
            );
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await?;
        }
    }
    worker.shutdown().await;
    search.shutdown().await;
    if let Err(e) = translations.flush().await {
        tracing::warn!("cannot record the last page views: {e}");
    }
    Ok(())
}
