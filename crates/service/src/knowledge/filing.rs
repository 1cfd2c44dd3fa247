//! Moving the old free categories onto the taxonomy: a story's or guide's
//! `thing_category` text and the first segment of a thing's identifier are matched
//! against category names and synonyms in every language; what does not match waits
//! for an expert, who files all entries with one text under a category at once.

use super::{Knowledge, ListFilter, Result};
use domain::model::{parse_body, split_terms};
use domain::taxonomy::Unfiled;
use domain::{Body, EntityKind};
use serde_json::Value;
use std::collections::BTreeMap;

/// Entries one request files at most; the page says how many are left.
pub const FILE_BATCH: i64 = 500;

/// The instance setting that records the first automatic filing ran.
const FILED: &str = "taxonomy_filed";

/// Distinct old texts listed per kind.
const TEXTS_LISTED: i64 = 500;

/// How a name is compared: lowercased, `-` and `_` as spaces, spaces collapsed.
fn fold(s: &str) -> String {
    s.to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The folded text and, for a plural, its singular ("kettles" → "kettle").
fn keys(s: &str) -> Vec<String> {
    let f = fold(s);
    let mut out = vec![f.clone()];
    if let Some(one) = f.strip_suffix('s').filter(|o| !o.is_empty()) {
        out.push(one.to_string());
    }
    out
}

impl Knowledge {
    /// Every name and synonym of every category, in every language, folded → category.
    async fn category_names(&self) -> Result<BTreeMap<String, String>> {
        let (cats, _) = self
            .store
            .list(EntityKind::Category, &ListFilter::default(), 0, 10_000)
            .await?;
        let mut names = BTreeMap::new();
        for e in &cats {
            let Some(Body::Category(c)) = parse_body(EntityKind::Category, &e.body) else {
                continue;
            };
            let mut terms: Vec<String> = std::iter::once(&c.name.default)
                .chain(c.name.translations.values())
                .cloned()
                .collect();
            if let Some(syn) = &c.synonyms {
                for text in std::iter::once(&syn.default).chain(syn.translations.values()) {
                    terms.extend(split_terms(text));
                }
            }
            for key in terms.iter().flat_map(|t| keys(t)) {
                names.entry(key).or_insert_with(|| e.meta.id.clone());
            }
        }
        Ok(names)
    }

    /// The old free categories still in use, most used first, each with the category
    /// it matches when one does (labels in `lang`).
    pub async fn unfiled(&self, lang: &str) -> Result<Vec<Unfiled>> {
        let names = self.category_names().await?;
        let mut out = Vec::new();
        for kind in [EntityKind::Thing, EntityKind::Story, EntityKind::Guide] {
            for (text, count) in self.store.unfiled_texts(kind, TEXTS_LISTED).await? {
                let id = keys(&text).iter().find_map(|k| names.get(k).cloned());
                out.push(Unfiled {
                    kind,
                    text,
                    count,
                    matches: id.map(|id| (id, String::new())),
                });
            }
        }
        let ids: Vec<String> = out
            .iter()
            .filter_map(|u| u.matches.as_ref().map(|(id, _)| id.clone()))
            .collect();
        let labels: BTreeMap<String, String> = self
            .category_labels_of(&ids, lang)
            .await?
            .into_iter()
            .collect();
        for u in &mut out {
            if let Some((id, label)) = &mut u.matches {
                label.clone_from(labels.get(id).unwrap_or(id));
            }
        }
        Ok(out)
    }

    /// Files the entries of `kind` whose old free category is `text` under `category`
    /// (keeping the old text), up to [`FILE_BATCH`]. Returns how many it filed.
    pub async fn file_unfiled(
        &self,
        kind: EntityKind,
        text: &str,
        category: &str,
        author: &str,
    ) -> Result<usize> {
        if self
            .store
            .get(EntityKind::Category, category)
            .await?
            .is_none()
        {
            return Err(super::ServiceError::NotFound {
                kind: EntityKind::Category,
                id: category.to_string(),
            });
        }
        let ids = self.store.unfiled_with(kind, text, FILE_BATCH).await?;
        let mut filed = 0;
        for id in ids {
            let Some(row) = self.store.get(kind, &id).await? else {
                continue;
            };
            let mut body = row.body.clone();
            let Some(m) = body.as_object_mut() else {
                continue;
            };
            m.insert("categories".into(), Value::from(vec![category.to_string()]));
            self.update(kind, &id, body, Some(row.meta.revision), author)
                .await?;
            filed += 1;
        }
        Ok(filed)
    }

    /// At the first start with the taxonomy, files what matches (see
    /// [`Knowledge::file_matching`]) once; what is left waits for an expert.
    pub async fn file_matching_once(&self) -> Result<usize> {
        if self.store.instance_setting(FILED).await?.is_some() {
            return Ok(0);
        }
        let filed = self.file_matching(super::seed::SEED_AUTHOR).await?;
        self.store.put_instance_setting(FILED, "1").await?;
        Ok(filed)
    }

    /// Files every old free category that matches a category's name or synonym.
    /// Returns how many entries it filed.
    pub async fn file_matching(&self, author: &str) -> Result<usize> {
        let mut filed = 0;
        for u in self.unfiled("en").await? {
            if let Some((id, _)) = &u.matches {
                filed += self.file_unfiled(u.kind, &u.text, id, author).await?;
            }
        }
        Ok(filed)
    }
}

impl Knowledge {
    /// Merges category `from` into `into`: what is filed under it is filed under `into`,
    /// its subcategories move below `into`, and it records `merged_into`, so its id
    /// stays an alias (pages and filters show `into`, and entries that still name it,
    /// from a peer say, count there). Experts' action. Returns how many entries and
    /// categories moved.
    pub async fn merge_category(&self, from: &str, into: &str, author: &str) -> Result<usize> {
        let old = self.get(EntityKind::Category, from).await?;
        let mut merged = old.body.clone();
        domain::validate::strip_meta(&mut merged);
        if let Some(m) = merged.as_object_mut() {
            m.insert("merged_into".into(), Value::from(into));
            m.remove("parents");
        }
        // Checked before anything moves: the target exists, is another category, is not
        // merged, and is not below this one.
        let mut problems = Vec::new();
        self.check_categories(EntityKind::Category, &merged, Some(from), &mut problems)
            .await?;
        if into == from {
            problems.push(domain::Problem::new("merged_into", "merge_target", &[]));
        }
        if !problems.is_empty() {
            return Err(super::ServiceError::Invalid(problems));
        }
        let moved = self.recategorize(from, into, author).await?;
        self.update(
            EntityKind::Category,
            from,
            merged,
            Some(old.meta.revision),
            author,
        )
        .await?;
        Ok(moved)
    }

    /// Files under `to` what is filed under `from`, and puts the categories below
    /// `from` below `to`: each entry once, keeping its other categories. Returns how
    /// many entries and categories it changed.
    pub(super) async fn recategorize(&self, from: &str, to: &str, author: &str) -> Result<usize> {
        let mut moved = self.store.filed_under(&[from.to_string()]).await?;
        moved.extend(
            self.store
                .category_parents()
                .await?
                .into_iter()
                .filter(|(child, parent)| parent == from && child != to)
                .map(|(child, _)| (EntityKind::Category, child)),
        );
        let mut changed = 0;
        for (kind, id) in moved {
            if self.refile(kind, &id, from, to, author).await? {
                changed += 1;
            }
        }
        Ok(changed)
    }

    /// Replaces `from` by `to` in an entry's categories (a category's parents), once.
    /// Returns whether the entry named `from`.
    pub(super) async fn refile(
        &self,
        kind: EntityKind,
        id: &str,
        from: &str,
        to: &str,
        author: &str,
    ) -> Result<bool> {
        let field = match kind {
            EntityKind::Category => "parents",
            _ => "categories",
        };
        self.edit_list(kind, id, field, author, |list| {
            let mut ids: Vec<Value> = Vec::new();
            for v in list.iter() {
                let v = if v.as_str() == Some(from) {
                    Value::from(to)
                } else {
                    v.clone()
                };
                if !ids.contains(&v) {
                    ids.push(v);
                }
            }
            *list = ids;
            true
        })
        .await
    }

    /// Saves the entry with `edit` applied to its list `field`, when it has one and
    /// `edit` says it changed something. Returns whether it saved.
    pub(super) async fn edit_list(
        &self,
        kind: EntityKind,
        id: &str,
        field: &str,
        author: &str,
        edit: impl FnOnce(&mut Vec<Value>) -> bool,
    ) -> Result<bool> {
        let Some(row) = self.store.get(kind, id).await? else {
            return Ok(false);
        };
        let mut body = row.body.clone();
        let Some(Value::Array(list)) = body.get_mut(field) else {
            return Ok(false);
        };
        if !edit(list) {
            return Ok(false);
        }
        self.update(kind, id, body, Some(row.meta.revision), author)
            .await?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_across_case_separators_and_plurals() {
        assert_eq!(fold("Coffee-Maker"), "coffee maker");
        assert_eq!(fold("  small_kitchen   item "), "small kitchen item");
        assert_eq!(keys("Kettles"), ["kettles", "kettle"]);
    }
}
