//! The federation admin page (peers, connection requests, trust) and the moderation
//! queue of revisions from untrusted peers.

#[cfg(feature = "ssr")]
use super::backend;
#[cfg(feature = "ssr")]
use super::session;
use domain::peer::{InstanceInfo, Peer};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FederationPage {
    pub me: InstanceInfo,
    pub peers: Vec<Peer>,
}

/// This instance and its peers; `None` unless the visitor is an admin.
#[server(prefix = "/sfn", endpoint = "federation_peers")]
pub async fn load_federation() -> Result<Option<FederationPage>, ServerFnError> {
    if session::authorize(domain::policy::Action::ManageFederation)
        .await?
        .is_err()
    {
        return Ok(None);
    }
    let fed = backend::app_state()?.federation;
    Ok(Some(FederationPage {
        me: fed.info(),
        peers: fed.peers().await.map_err(backend::internal)?,
    }))
}

/// The message key for a failed federation action, shown in the admin's language.
#[cfg(feature = "ssr")]
fn problem_key(e: &federation::FederationError) -> Option<&'static str> {
    use federation::{FederationError as E, TransportError as T};
    Some(match e {
        E::BadUrl(_) => "federation-error-url",
        E::Yourself => "federation-error-yourself",
        E::NotAnInstance { .. } => "federation-error-not-instance",
        E::Unreachable(T::PrivateAddress(_)) => "federation-error-private",
        E::Unreachable(_) => "federation-error-unreachable",
        E::NotDelivered(_) => "federation-error-not-delivered",
        E::Blocked => "federation-error-blocked",
        E::WrongState(_) | E::NotFound(_) | E::NoHeld(_) => "federation-error-state",
        _ => return None,
    })
}

#[cfg(feature = "ssr")]
fn after(
    result: Result<(), federation::FederationError>,
    back: &str,
    extra: &str,
) -> Result<(), ServerFnError> {
    match result {
        Ok(()) => super::backend::redirect(&format!("{back}?done=1")),
        Err(e) => match problem_key(&e) {
            Some(key) => {
                let detail: String =
                    url::form_urlencoded::byte_serialize(e.to_string().as_bytes()).collect();
                super::backend::redirect(&format!("{back}?error={key}&detail={detail}{extra}"));
            }
            None => return Err(backend::internal(e)),
        },
    }
    Ok(())
}

/// Fetches the other instance's document and sends it a connection request.
#[server(prefix = "/sfn", endpoint = "federation_connect")]
pub async fn connect_peer(url: String) -> Result<(), ServerFnError> {
    let back = "/admin/federation";
    let Some(admin) =
        session::author_or_redirect(domain::policy::Action::ManageFederation, back).await?
    else {
        return Ok(());
    };
    let fed = backend::app_state()?.federation;
    let typed: String = url::form_urlencoded::byte_serialize(url.as_bytes()).collect();
    after(
        fed.request(&url, &admin).await.map(|_| ()),
        back,
        &format!("&url={typed}"),
    )
}

/// Accepts or refuses a pending request (or ends a connection).
#[server(prefix = "/sfn", endpoint = "federation_answer")]
pub async fn answer_peer(id: String, answer: String) -> Result<(), ServerFnError> {
    let back = "/admin/federation";
    let Some(admin) =
        session::author_or_redirect(domain::policy::Action::ManageFederation, back).await?
    else {
        return Ok(());
    };
    let fed = backend::app_state()?.federation;
    let result = match answer.as_str() {
        "accept" => fed.accept(&id, &admin).await,
        "refuse" => fed.refuse(&id, &admin).await,
        _ => {
            return Err(ServerFnError::Args(
                "answer must be accept or refuse".into(),
            ))
        }
    };
    after(result.map(|_| ()), back, "")
}

#[server(prefix = "/sfn", endpoint = "federation_trust")]
pub async fn set_peer_trust(id: String, trust: String) -> Result<(), ServerFnError> {
    let back = "/admin/federation";
    let Some(admin) =
        session::author_or_redirect(domain::policy::Action::ManageFederation, back).await?
    else {
        return Ok(());
    };
    let Ok(level) = trust.parse::<domain::peer::Trust>() else {
        return Err(ServerFnError::Args("unknown trust level".into()));
    };
    let fed = backend::app_state()?.federation;
    after(
        fed.set_trust(&id, level, &admin).await.map(|_| ()),
        back,
        "",
    )
}

/// One revision waiting for review, as the moderation queue shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeldItem {
    pub revision_id: String,
    pub kind: domain::EntityKind,
    pub entity_id: String,
    pub title: String,
    pub op: String,
    pub author: String,
    pub origin: String,
    pub peer: String,
    pub received_at: String,
    /// Whether the entry already exists here (the revision edits it).
    pub known_entity: bool,
    /// What the revision would change here: against the version here, or every field
    /// of a new entry.
    pub changes: Vec<domain::diff::Change>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeldPage {
    pub items: Vec<HeldItem>,
    pub total: i64,
    pub skip: i64,
}

pub const HELD_PAGE_SIZE: i64 = 50;

/// The moderation queue; `None` unless the visitor reviews remote revisions.
#[server(prefix = "/sfn", endpoint = "federation_held")]
pub async fn load_held(lang: String, skip: Option<i64>) -> Result<Option<HeldPage>, ServerFnError> {
    if session::authorize(domain::policy::Action::ReviewRemote)
        .await?
        .is_err()
    {
        return Ok(None);
    }
    let skip = skip.unwrap_or(0).clamp(0, 100_000);
    let state = backend::app_state()?;
    let (held, total) = state
        .federation
        .held(skip, HELD_PAGE_SIZE)
        .await
        .map_err(backend::internal)?;
    let peers = state.federation.peers().await.map_err(backend::internal)?;
    let mut items = Vec::with_capacity(held.len());
    for h in held {
        let r = h.revision;
        let title = domain::parse_body(r.entity_kind, &r.body)
            .map(|b| b.label(&lang))
            .unwrap_or_default();
        let here = match state.knowledge.get(r.entity_kind, &r.entity_id).await {
            Ok(e) => Some(e.body),
            Err(service::knowledge::ServiceError::NotFound { .. }) => None,
            Err(e) => return Err(backend::internal(e)),
        };
        let known_entity = here.is_some();
        let empty = serde_json::json!({});
        let before = here.unwrap_or_else(|| empty.clone());
        let after = if r.op == domain::revision::Op::Delete {
            &empty
        } else {
            &r.body
        };
        let changes = domain::diff::diff(&before, after);
        let peer = peers
            .iter()
            .find(|p| p.id == h.peer_id)
            .map(|p| format!("{} ({})", p.info.name, p.info.url))
            .unwrap_or(h.peer_id);
        items.push(HeldItem {
            revision_id: r.id,
            kind: r.entity_kind,
            entity_id: r.entity_id,
            title,
            op: r.op.as_str().to_string(),
            author: r.author,
            origin: r.origin_instance,
            peer,
            received_at: h.received_at,
            known_entity,
            changes,
        });
    }
    Ok(Some(HeldPage { items, total, skip }))
}

/// An expert accepts (publishes) or rejects a held revision.
#[server(prefix = "/sfn", endpoint = "federation_review")]
pub async fn review_held(revision_id: String, decision: String) -> Result<(), ServerFnError> {
    let back = "/moderation";
    let Some(expert) =
        session::author_or_redirect(domain::policy::Action::ReviewRemote, back).await?
    else {
        return Ok(());
    };
    let fed = backend::app_state()?.federation;
    let result = match decision.as_str() {
        "accept" => fed.accept_held(&revision_id, &expert).await,
        "reject" => fed.reject_held(&revision_id, &expert).await,
        _ => {
            return Err(ServerFnError::Args(
                "decision must be accept or reject".into(),
            ))
        }
    };
    after(result, back, "")
}
