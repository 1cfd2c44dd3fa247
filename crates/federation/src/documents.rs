//! The documents an instance publishes about itself: the instance actor (JSON-LD,
//! `application/activity+json`), WebFinger and NodeInfo, and reading a peer's actor.

use crate::signature::{public_key_from_pem, public_key_pem};
use domain::peer::InstanceInfo;
use domain::Counts;
use serde_json::{json, Value};

pub const ACTIVITY_JSON: &str = "application/activity+json";
pub const ACTOR_PATH: &str = "/federation/actor";
pub const INBOX_PATH: &str = "/federation/inbox";
pub const REVISIONS_PATH: &str = "/federation/revisions";
pub const PEERS_PATH: &str = "/federation/peers";
/// What this software can do, announced to peers.
pub const CAPABILITIES: [&str; 4] = [
    "http-signatures-ed25519",
    "revisions-push",
    "revisions-pull",
    "peer-exchange",
];

pub fn software() -> String {
    format!("thingdata/{}", env!("CARGO_PKG_VERSION"))
}

/// This instance's description of itself, from its settings and key.
pub fn local_info(
    public_url: &str,
    settings: &domain::instance::InstanceSettings,
    public_key: &str,
) -> InstanceInfo {
    InstanceInfo {
        url: public_url.to_string(),
        actor_url: format!("{public_url}{ACTOR_PATH}"),
        inbox_url: format!("{public_url}{INBOX_PATH}"),
        name: settings.name.clone(),
        description: settings.description.clone(),
        languages: settings.languages.clone(),
        public_key: public_key.to_string(),
        software: software(),
        capabilities: CAPABILITIES.iter().map(|c| c.to_string()).collect(),
    }
}

pub fn key_id(actor_url: &str) -> String {
    format!("{actor_url}#main-key")
}

pub fn actor(info: &InstanceInfo) -> Value {
    json!({
        "@context": [
            "https://www.w3.org/ns/activitystreams",
            "https://w3id.org/security/v1",
            {
                "thingdata": "https://thingdata.org/ns#",
                "languages": "thingdata:languages",
                "software": "thingdata:software",
                "capabilities": "thingdata:capabilities",
                "revisions": { "@id": "thingdata:revisions", "@type": "@id" }
            }
        ],
        "id": info.actor_url,
        "type": "Application",
        "preferredUsername": "instance",
        "name": info.name,
        "summary": info.description,
        "url": info.url,
        "inbox": info.inbox_url,
        "revisions": format!("{}{REVISIONS_PATH}", info.url),
        "endpoints": { "sharedInbox": info.inbox_url },
        "publicKey": {
            "id": key_id(&info.actor_url),
            "owner": info.actor_url,
            "publicKeyPem": public_key_pem(&info.public_key),
        },
        "languages": info.languages,
        "software": info.software,
        "capabilities": info.capabilities,
    })
}

/// Reads a peer's actor document; `None` when it is not a ThingData instance actor
/// or its parts do not belong together.
pub fn parse_actor(doc: &Value) -> Option<InstanceInfo> {
    let text = |k: &str| doc.get(k).and_then(Value::as_str).map(str::to_string);
    let actor_url = text("id")?;
    let url = text("url")?.trim_end_matches('/').to_string();
    let key = doc.get("publicKey")?;
    if key.get("owner").and_then(Value::as_str) != Some(actor_url.as_str()) {
        return None;
    }
    let public_key = public_key_from_pem(key.get("publicKeyPem")?.as_str()?)?;
    let list = |k: &str| -> Vec<String> {
        doc.get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .take(50)
                    .map(|s| s.chars().take(100).collect())
                    .collect()
            })
            .unwrap_or_default()
    };
    let clip = |s: Option<String>, n: usize| s.unwrap_or_default().chars().take(n).collect();
    Some(InstanceInfo {
        inbox_url: text("inbox")?,
        name: clip(text("name"), 80),
        description: clip(text("summary"), 2000),
        languages: list("languages"),
        public_key,
        software: clip(text("software"), 100),
        capabilities: list("capabilities"),
        url,
        actor_url,
    })
}

/// The WebFinger answer for the instance actor.
pub fn webfinger_actor(subject: &str, info: &InstanceInfo) -> Value {
    json!({
        "subject": subject,
        "aliases": [info.actor_url],
        "links": [
            { "rel": "self", "type": ACTIVITY_JSON, "href": info.actor_url },
            { "rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": info.url },
        ],
    })
}

/// The WebFinger answer for an entity found by its `thing:` identifier.
pub fn webfinger_entity(subject: &str, public_url: &str, kind_plural: &str, id: &str) -> Value {
    json!({
        "subject": subject,
        "links": [
            { "rel": "self", "type": "application/json", "href": format!("{public_url}/api/v1/{kind_plural}/{id}") },
            { "rel": "http://webfinger.net/rel/profile-page", "type": "text/html", "href": format!("{public_url}/{kind_plural}/{id}") },
        ],
    })
}

pub fn nodeinfo_links(public_url: &str) -> Value {
    json!({
        "links": [{
            "rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
            "href": format!("{public_url}/nodeinfo/2.1"),
        }]
    })
}

/// NodeInfo 2.1: software, protocols and usage counts.
pub fn nodeinfo(
    info: &InstanceInfo,
    counts: &Counts,
    users: i64,
    open_registrations: bool,
) -> Value {
    json!({
        "version": "2.1",
        "software": {
            "name": "thingdata",
            "version": env!("CARGO_PKG_VERSION"),
            "homepage": "https://thingdata.org/",
        },
        "protocols": ["activitypub"],
        "services": { "inbound": [], "outbound": [] },
        "openRegistrations": open_registrations,
        "usage": {
            "users": { "total": users },
            "localPosts": counts.things + counts.stories + counts.guides,
        },
        "metadata": {
            "nodeName": info.name,
            "nodeDescription": info.description,
            "languages": info.languages,
            "things": counts.things,
            "stories": counts.stories,
            "guides": counts.guides,
            "relationships": counts.relationships,
            "revisions": counts.revisions,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_actor_document_reads_back_as_the_same_instance() {
        let key = domain::revision::InstanceKey::generate().unwrap();
        let info = local_info(
            "https://a.example",
            &domain::instance::InstanceSettings::default(),
            &key.public_key_hex(),
        );
        assert_eq!(parse_actor(&actor(&info)), Some(info.clone()));
        let mut doc = actor(&info);
        doc["publicKey"]["owner"] = json!("https://evil.example/federation/actor");
        assert_eq!(parse_actor(&doc), None);
        assert_eq!(parse_actor(&json!({"id": 1})), None);
    }
}
