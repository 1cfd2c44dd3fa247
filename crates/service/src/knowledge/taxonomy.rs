//! The category taxonomy: checks on the categories an entry is filed under and on a
//! category's parents (they exist, no cycle), the tree with counts, a category's
//! descendants for filters.

use super::{Knowledge, ListFilter, Result};
use domain::model::parse_body;
use domain::taxonomy::{ancestors, counts_below, cycle_through, descendants, tree, TreeNode};
use domain::{Body, EntityKind, Problem};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// More categories than any taxonomy holds; the tree reads them all at once.
const MAX_CATEGORIES: i64 = 10_000;

/// The category a merged category's id now stands for.
fn merged_into(body: &Value) -> Option<&str> {
    body.get("merged_into").and_then(Value::as_str)
}

/// The category tree per language as last built, and the change stamp it was built
/// at: the tree is read on every visit to `/categories` and changes only with writes.
#[derive(Default)]
pub(super) struct TreeCache(std::sync::Mutex<(i64, BTreeMap<String, Vec<TreeNode>>)>);

impl TreeCache {
    fn get(&self, stamp: i64, lang: &str) -> Option<Vec<TreeNode>> {
        let cached = self.0.lock().ok()?;
        (cached.0 == stamp).then(|| cached.1.get(lang).cloned())?
    }

    fn put(&self, stamp: i64, lang: &str, tree: &[TreeNode]) {
        if let Ok(mut cached) = self.0.lock() {
            if cached.0 != stamp {
                *cached = (stamp, BTreeMap::new());
            }
            cached.1.insert(lang.to_string(), tree.to_vec());
        }
    }
}

/// Stories or guides a thing's page lists from its categories.
const APPLYING_LIMIT: i64 = 50;

impl Knowledge {
    /// Problems with the categories an entry names (`categories`), or a category's
    /// `parents`: unknown ids, and parents that are the category or below it.
    pub(super) async fn check_categories(
        &self,
        kind: EntityKind,
        input: &Value,
        own_id: Option<&str>,
        problems: &mut Vec<Problem>,
    ) -> Result<()> {
        let field = match kind {
            EntityKind::Relationship => return Ok(()),
            EntityKind::Category => {
                self.check_merge_target(input, own_id, problems).await?;
                "parents"
            }
            _ => "categories",
        };
        let Some(items) = input.get(field).and_then(Value::as_array) else {
            return Ok(());
        };
        let named: Vec<(usize, String)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                v.as_str()
                    .filter(|s| domain::validate::is_entity_id(s))
                    .map(|s| (i, s.to_string()))
            })
            .collect();
        let ids: Vec<String> = named.iter().map(|(_, id)| id.clone()).collect();
        let found: BTreeMap<String, String> = self
            .store
            .get_many(EntityKind::Category, &ids)
            .await?
            .into_iter()
            .filter_map(|e| {
                let label = parse_body(EntityKind::Category, &e.body)?.label("en");
                Some((e.meta.id, label))
            })
            .collect();
        for (i, id) in &named {
            if !found.contains_key(id) {
                problems.push(Problem::new(
                    format!("{field}.{i}"),
                    "not_found",
                    &[("kind", EntityKind::Category.to_string())],
                ));
            }
        }
        if let (EntityKind::Category, Some(own)) = (kind, own_id) {
            let links = self.store.category_parents().await?;
            if let Some(bad) = cycle_through(own, &ids, &links) {
                let i = named
                    .iter()
                    .find(|(_, id)| id == bad)
                    .map_or(0, |(i, _)| *i);
                let label = found.get(bad).cloned().unwrap_or_else(|| bad.clone());
                problems.push(Problem::new(
                    format!("parents.{i}"),
                    "category_cycle",
                    &[("parent", label)],
                ));
            }
        }
        Ok(())
    }

    /// Every visible category with its label in `lang`.
    async fn category_labels(&self, lang: &str) -> Result<BTreeMap<String, String>> {
        let (cats, _) = self
            .store
            .list(
                EntityKind::Category,
                &ListFilter::default(),
                0,
                MAX_CATEGORIES,
            )
            .await?;
        Ok(cats
            .iter()
            .filter(|e| merged_into(&e.body).is_none())
            .filter_map(|e| {
                let body = parse_body(EntityKind::Category, &e.body)?;
                Some((e.meta.id.clone(), body.label(lang)))
            })
            .collect())
    }

    /// The category an id stands for: itself, or the one it was merged into.
    pub async fn resolve_category(&self, id: &str) -> Result<String> {
        let mut id = id.to_string();
        // A chain is short; the bound only guards against a loop made on two peers.
        for _ in 0..8 {
            let Some(row) = self.store.get(EntityKind::Category, &id).await? else {
                break;
            };
            match merged_into(&row.body) {
                Some(next) => id = next.to_string(),
                None => break,
            }
        }
        Ok(id)
    }

    /// The taxonomy as a forest, labels in `lang`, each category counting the entries
    /// filed under it or below it once.
    pub async fn category_tree(&self, lang: &str) -> Result<Vec<TreeNode>> {
        // Read first: a write landing meanwhile leaves a newer tree under an older
        // stamp, which the next visit rebuilds.
        let stamp = self.store.change_stamp().await?;
        if let Some(tree) = self.trees.get(stamp, lang) {
            return Ok(tree);
        }
        let labels = self.category_labels(lang).await?;
        let links = self.store.category_parents().await?;
        let ids: Vec<String> = labels.keys().cloned().collect();
        let count = self
            .counts_below(&ids, &links)
            .await?
            .into_iter()
            .map(|(id, by_kind)| (id, by_kind.values().sum()))
            .collect();
        let tree = tree(&labels, &links, &count);
        self.trees.put(stamp, lang, &tree);
        Ok(tree)
    }

    /// Visible things, stories and guides filed under the category or below it, per
    /// kind.
    pub async fn filed_below(&self, id: &str) -> Result<BTreeMap<EntityKind, i64>> {
        let links = self.store.category_parents().await?;
        let id = self.resolve_category(id).await?;
        Ok(self
            .counts_below(std::slice::from_ref(&id), &links)
            .await?
            .remove(&id)
            .unwrap_or_default())
    }

    /// A filter keeping the entries filed under any of these categories, with how many
    /// of `kind` that is (so the list is read the cheaper way).
    pub async fn within_filter(&self, kind: EntityKind, within: Vec<String>) -> Result<ListFilter> {
        let parts = self.store.filed_counts().await?;
        let set: BTreeSet<&str> = within.iter().map(String::as_str).collect();
        let expected = parts
            .groups
            .iter()
            .filter(|(filed, k, _)| *k == kind && filed.iter().any(|c| set.contains(c.as_str())))
            .map(|(_, _, n)| n)
            .sum();
        Ok(ListFilter {
            within: Some(within),
            expected: Some(expected),
            ..ListFilter::default()
        })
    }

    async fn counts_below(
        &self,
        ids: &[String],
        links: &[(String, String)],
    ) -> Result<BTreeMap<String, BTreeMap<EntityKind, i64>>> {
        let parts = self.store.filed_counts().await?;
        Ok(counts_below(ids, links, &parts.groups))
    }

    /// The names of the categories that carry an ORDS id, in `lang`, by that id: what
    /// repair forms and impact pages call the ORDS categories.
    pub async fn ords_category_names(&self, lang: &str) -> Result<BTreeMap<u32, String>> {
        let (rows, _) = self
            .store
            .list(EntityKind::Category, &ListFilter::default(), 0, 1000)
            .await?;
        let mut names = BTreeMap::new();
        for row in rows {
            if let Some(Body::Category(c)) = parse_body(EntityKind::Category, &row.body) {
                if let Some(id) = c.ords_id.as_deref().and_then(|o| o.trim().parse().ok()) {
                    names
                        .entry(id)
                        .or_insert_with(|| c.name.get(lang).to_string());
                }
            }
        }
        Ok(names)
    }

    /// The category and all below it: what `?category=` filters on.
    pub async fn category_and_below(&self, id: &str) -> Result<Vec<String>> {
        let id = self.resolve_category(id).await?;
        let links = self.store.category_parents().await?;
        Ok(descendants(&id, &links).into_iter().collect())
    }

    /// A list filter from request parameters: `category` naming a taxonomy entry keeps
    /// the entries filed under it or anything below it.
    pub async fn list_filter(
        &self,
        kind: EntityKind,
        param: impl Fn(&str) -> Option<String>,
    ) -> Result<ListFilter> {
        let mut filter = ListFilter::from_params(kind, &param);
        let category = param("category")
            .map(|c| c.trim().to_string())
            .filter(|c| domain::validate::is_entity_id(c));
        if let (Some(c), false) = (category, matches!(kind, EntityKind::Relationship)) {
            let within = self
                .within_filter(kind, self.category_and_below(&c).await?)
                .await?;
            filter.within = within.within;
            filter.expected = within.expected;
        }
        if let Some(tag) = &filter.tag {
            let n = self.store.tag_count(tag).await?;
            filter.expected = Some(filter.expected.map_or(n, |e| e.min(n)));
        }
        Ok(filter)
    }

    /// Entries of `kind` filed under a category of this thing's, or above one: a guide
    /// for all small kitchen items applies to a coffee maker.
    pub(super) async fn filed_above(
        &self,
        kind: EntityKind,
        thing: &Value,
    ) -> Result<Vec<super::StoredEntity>> {
        let own: Vec<String> = thing
            .get("categories")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(String::from))
            .collect();
        if own.is_empty() {
            return Ok(Vec::new());
        }
        let links = self.store.category_parents().await?;
        let filter = self
            .within_filter(kind, ancestors(&own, &links).into_iter().collect())
            .await?;
        Ok(self
            .store
            .list_page(kind, &filter, 0, APPLYING_LIMIT)
            .await?)
    }

    /// A category's direct parents and children, each (id, label in `lang`).
    pub async fn category_neighbours(
        &self,
        id: &str,
        lang: &str,
    ) -> Result<(Vec<(String, String)>, Vec<(String, String)>)> {
        // The kept tree has every label and link: no need to read the categories again.
        let tree = self.category_tree(lang).await?;
        let mut parents = BTreeMap::new();
        let mut children = BTreeMap::new();
        let mut stack: Vec<&TreeNode> = tree.iter().collect();
        while let Some(node) = stack.pop() {
            for child in &node.children {
                if child.id == id {
                    parents.insert(node.id.clone(), node.label.clone());
                }
                if node.id == id {
                    children.insert(child.id.clone(), child.label.clone());
                }
                stack.push(child);
            }
        }
        let by_label = |m: BTreeMap<String, String>| {
            let mut v: Vec<(String, String)> = m.into_iter().collect();
            v.sort_by(|a, b| a.1.cmp(&b.1));
            v
        };
        Ok((by_label(parents), by_label(children)))
    }

    /// A category merged into another names one that exists, is not itself, is not
    /// merged, and is not below it.
    async fn check_merge_target(
        &self,
        input: &Value,
        own_id: Option<&str>,
        problems: &mut Vec<Problem>,
    ) -> Result<()> {
        let Some(into) = input
            .get("merged_into")
            .and_then(Value::as_str)
            .filter(|s| domain::validate::is_entity_id(s))
        else {
            return Ok(());
        };
        let target = self.store.get(EntityKind::Category, into).await?;
        let Some(target) = target else {
            problems.push(Problem::new(
                "merged_into",
                "not_found",
                &[("kind", EntityKind::Category.to_string())],
            ));
            return Ok(());
        };
        let below = match own_id {
            Some(own) => descendants(own, &self.store.category_parents().await?),
            None => Default::default(),
        };
        if target.body.get("merged_into").is_some_and(|m| !m.is_null())
            || below.iter().any(|c| c == into)
        {
            problems.push(Problem::new("merged_into", "merge_target", &[]));
        }
        Ok(())
    }

    /// Which of these category ids exist: for pages that link them.
    pub async fn category_labels_of(
        &self,
        ids: &[String],
        lang: &str,
    ) -> Result<Vec<(String, String)>> {
        // A merged category shows as the one it was merged into.
        let mut resolved = Vec::with_capacity(ids.len());
        for id in ids {
            resolved.push(self.resolve_category(id).await?);
        }
        let found = self.store.get_many(EntityKind::Category, &resolved).await?;
        let by_id: BTreeMap<String, String> = found
            .iter()
            .filter_map(|e| {
                let label = parse_body(EntityKind::Category, &e.body)?.label(lang);
                Some((e.meta.id.clone(), label))
            })
            .collect();
        let mut seen = BTreeSet::new();
        Ok(resolved
            .iter()
            .filter(|id| seen.insert(id.as_str()))
            .filter_map(|id| by_id.get(id).map(|l| (id.clone(), l.clone())))
            .collect())
    }
}
