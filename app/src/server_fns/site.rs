//! What the About page says about this instance: who runs it, its licence, the
//! languages it works in and the instances it exchanges knowledge with.

#[cfg(feature = "ssr")]
use super::backend;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AboutData {
    pub name: String,
    pub description: String,
    pub contact: String,
    /// SPDX id of the content licence.
    pub licence: String,
    pub public_url: String,
    pub languages: Vec<String>,
    pub registration: String,
    /// Connected instances, by name and address.
    pub peers: Vec<(String, String)>,
}

#[server(prefix = "/sfn", endpoint = "about")]
pub async fn load_about() -> Result<AboutData, ServerFnError> {
    use backend::*;
    use domain::peer::{PeerState, Trust};
    let state = app_state()?;
    let settings = state.instance.get();
    let peers = state
        .federation
        .peers()
        .await
        .map_err(internal)?
        .into_iter()
        .filter(|p| p.state == PeerState::Connected && p.trust != Trust::Blocked)
        .map(|p| (p.info.name, p.info.url))
        .collect();
    Ok(AboutData {
        name: settings.name,
        description: settings.description,
        contact: settings.contact,
        licence: settings.licence,
        public_url: state.knowledge.public_url().to_string(),
        languages: settings.languages,
        registration: settings.registration,
        peers,
    })
}
