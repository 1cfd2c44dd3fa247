//! The first-start seed of the Open Repair Data Standard's product categories, the same
//! entries on every instance: each seeded category's id comes from its key in the seed,
//! and its first revision is built from fixed values, so every instance holds the very
//! same revision. An edit of a seeded category made on one instance therefore applies on
//! every other, and a thing filed under "Kettle" here is under "Kettle" there.

use super::{Knowledge, ListFilter, Result};
use domain::revision::{Op, RevisionDraft};
use domain::EntityKind;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use storage::Materialize;

/// Who the seeded revisions name as author.
pub const SEED_AUTHOR: &str = "thingdata";

/// The origin seeded revisions name: no instance's, as every instance computes them.
/// They never travel, and one sent anyway is refused.
pub const SEED_ORIGIN: &str = "thingdata:seed";

/// When every seeded revision says it was made: fixed, as it is part of the id.
const SEED_TIME: &str = "2026-01-01T00:00:00.000000Z";

/// The instance setting that records the shared seed is in place.
const SEEDED: &str = "taxonomy_seed_shared";

/// Set by versions whose seed gave each instance its own ids.
const SEEDED_OWN: &str = "taxonomy_seeded";

/// Records that such an instance's own copies gave way to the shared categories.
const ADOPTED: &str = "taxonomy_seed_adopted";

const SEED: &str = include_str!("../../data/taxonomy-seed.json");

/// The id of the seeded category with this key, the same on every instance.
pub fn seed_category_id(key: &str) -> String {
    let digest = Sha256::digest(format!("thingdata:taxonomy-seed:{key}"));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_sha1_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string()
}

/// The seed's categories as (key, body), parents named by their seeded ids.
fn seed_bodies() -> Result<Vec<(String, Value)>> {
    let seed: Value = serde_json::from_str(SEED)
        .map_err(|e| super::ServiceError::Internal(format!("taxonomy seed: {e}")))?;
    let mut out = Vec::new();
    for entry in seed["categories"].as_array().into_iter().flatten() {
        let key = entry["key"].as_str().unwrap_or_default().to_string();
        let mut body = entry.clone();
        if let Some(m) = body.as_object_mut() {
            m.remove("key");
            if let Some(Value::Array(parents)) = m.get_mut("parents") {
                for p in parents.iter_mut() {
                    *p = Value::String(seed_category_id(p.as_str().unwrap_or_default()));
                }
            }
        }
        out.push((key, body));
    }
    Ok(out)
}

impl Knowledge {
    /// Creates the shipped taxonomy once; a run cut short resumes where it stopped.
    /// On an instance seeded by an earlier version (with ids of its own), its own copies
    /// are then replaced by the shared ones. Returns how many categories it created.
    pub async fn seed_taxonomy(&self) -> Result<usize> {
        let bodies = seed_bodies()?;
        let mut created = 0;
        if self.store.instance_setting(SEEDED).await?.is_none() {
            created = self.seed_shared(&bodies).await?;
            self.store.put_instance_setting(SEEDED, "1").await?;
        }
        if self.store.instance_setting(SEEDED_OWN).await?.is_some()
            && self.store.instance_setting(ADOPTED).await?.is_none()
        {
            self.adopt_shared_seed(&bodies).await?;
            self.store.put_instance_setting(ADOPTED, "1").await?;
        }
        Ok(created)
    }

    async fn seed_shared(&self, bodies: &[(String, Value)]) -> Result<usize> {
        let mut created = 0;
        for (key, body) in bodies {
            let id = seed_category_id(key);
            let checked = self
                .check_local(EntityKind::Category, body, Some(&id))
                .await?;
            let rev = RevisionDraft {
                entity_uri: format!("{SEED_ORIGIN}/categories/{id}"),
                entity_kind: EntityKind::Category,
                entity_id: id,
                parents: Vec::new(),
                body: checked.to_value(),
                author: SEED_AUTHOR.into(),
                origin_instance: SEED_ORIGIN.into(),
                created_at: SEED_TIME.into(),
                op: Op::Create,
            }
            .sign(&self.key);
            if self.store.revision(&rev.id).await?.is_some() {
                continue;
            }
            let insert = Materialize::Insert {
                body: checked,
                created_at: SEED_TIME.into(),
            };
            self.store.write(vec![(rev, insert)]).await?;
            created += 1;
        }
        Ok(created)
    }

    /// Replaces the copies an earlier version seeded with its own ids by the shared
    /// seeded categories: what was filed under a copy is filed under the shared one,
    /// subcategories follow, an edit made to a copy is carried over, and the copy is
    /// deleted. Copies are recognised by their seed author and English name.
    async fn adopt_shared_seed(&self, bodies: &[(String, Value)]) -> Result<()> {
        let shared: BTreeMap<&str, String> = bodies
            .iter()
            .filter_map(|(key, b)| Some((b["name"]["default"].as_str()?, seed_category_id(key))))
            .collect();
        let (all, _) = self
            .store
            .list(EntityKind::Category, &ListFilter::default(), 0, 10_000)
            .await?;
        let mut copies: BTreeMap<String, String> = BTreeMap::new();
        for e in &all {
            let Some((first, _)) = self.store.first_and_last(&e.meta.id).await? else {
                continue;
            };
            if first.author != SEED_AUTHOR || first.origin_instance != self.public_url {
                continue;
            }
            if let Some(to) = first.body["name"]["default"]
                .as_str()
                .and_then(|n| shared.get(n))
            {
                copies.insert(e.meta.id.clone(), to.clone());
            }
        }
        for e in &all {
            let Some(to) = copies.get(&e.meta.id) else {
                continue;
            };
            let mut edited = e.body.clone();
            domain::validate::strip_meta(&mut edited);
            if let Some(Value::Array(parents)) = edited.get_mut("parents") {
                for p in parents.iter_mut() {
                    if let Some(mapped) = p.as_str().and_then(|p| copies.get(p)) {
                        *p = Value::String(mapped.clone());
                    }
                }
            }
            let target = self.get(EntityKind::Category, to).await?;
            let mut seeded = target.body.clone();
            domain::validate::strip_meta(&mut seeded);
            if edited != seeded {
                self.update(
                    EntityKind::Category,
                    to,
                    edited,
                    Some(target.meta.revision),
                    SEED_AUTHOR,
                )
                .await?;
            }
        }
        for (from, to) in &copies {
            self.recategorize(from, to, SEED_AUTHOR).await?;
            self.delete(EntityKind::Category, from, None, SEED_AUTHOR)
                .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every instance must compute the same ids: a change here splits the network.
    #[test]
    fn seeded_ids_are_fixed() {
        assert_eq!(
            seed_category_id("36"),
            "a2447b27-0f32-5b87-b2b0-f6fef0150632"
        );
        assert_ne!(seed_category_id("36"), seed_category_id("37"));
        let bodies = seed_bodies().unwrap();
        assert_eq!(bodies.len(), 45);
        let coffee = &bodies.iter().find(|(k, _)| k == "36").unwrap().1;
        assert_eq!(
            coffee["parents"],
            serde_json::json!([seed_category_id("28"), seed_category_id("29")])
        );
    }
}
