//! The category taxonomy's shape: descendants over parent links, the cycle check, and
//! the browsable tree (a category with two parents shows under both).

use crate::EntityKind;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One category in the tree, with the entries filed under it or any descendant (each
/// entry counted once).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreeNode {
    pub id: String,
    pub label: String,
    pub count: i64,
    pub children: Vec<TreeNode>,
}

/// An old free category that entries still carry instead of a taxonomy category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unfiled {
    /// Thing (its identifier's first segment), story or guide (its `thing_category`).
    pub kind: EntityKind,
    pub text: String,
    pub count: i64,
    /// The category whose name or synonym it matches: (id, label).
    pub matches: Option<(String, String)>,
}

/// Children by parent, from (child, parent) pairs.
fn children_of(parents: &[(String, String)]) -> BTreeMap<&str, Vec<&str>> {
    let mut m: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (child, parent) in parents {
        m.entry(parent.as_str()).or_default().push(child.as_str());
    }
    m
}

/// The category and everything below it.
pub fn descendants(root: &str, parents: &[(String, String)]) -> BTreeSet<String> {
    let children = children_of(parents);
    let mut seen = BTreeSet::from([root.to_string()]);
    let mut todo = vec![root];
    while let Some(c) = todo.pop() {
        for &k in children.get(c).map(Vec::as_slice).unwrap_or_default() {
            if seen.insert(k.to_string()) {
                todo.push(k);
            }
        }
    }
    seen
}

/// These categories and everything above them: what an entry filed under them is also
/// below.
pub fn ancestors(ids: &[String], parents: &[(String, String)]) -> BTreeSet<String> {
    let mut up: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (child, parent) in parents {
        up.entry(child.as_str()).or_default().push(parent.as_str());
    }
    let mut seen: BTreeSet<String> = ids.iter().cloned().collect();
    let mut todo: Vec<String> = ids.to_vec();
    while let Some(c) = todo.pop() {
        for &p in up.get(c.as_str()).map(Vec::as_slice).unwrap_or_default() {
            if seen.insert(p.to_string()) {
                todo.push(p.to_string());
            }
        }
    }
    seen
}

/// Which of the proposed parents would make `id` its own ancestor, given the links
/// of every other category (the category's own current links are ignored).
pub fn cycle_through<'a>(
    id: &str,
    proposed: &'a [String],
    parents: &[(String, String)],
) -> Option<&'a String> {
    let others: Vec<(String, String)> = parents.iter().filter(|(c, _)| c != id).cloned().collect();
    let below = descendants(id, &others);
    proposed.iter().find(|p| below.contains(p.as_str()))
}

/// Entries filed under each category or below it, per kind, each entry counted once:
/// `groups` gives (categories, kind, count) for the entries filed under exactly those
/// categories, and a group counts for a category when any of its categories is at or
/// below it.
pub fn counts_below(
    categories: &[String],
    parents: &[(String, String)],
    groups: &[(Vec<String>, EntityKind, i64)],
) -> BTreeMap<String, BTreeMap<EntityKind, i64>> {
    let mut out = BTreeMap::new();
    for id in categories {
        let below = descendants(id, parents);
        let mut counts: BTreeMap<EntityKind, i64> = BTreeMap::new();
        for (filed, kind, n) in groups {
            if filed.iter().any(|c| below.contains(c)) {
                *counts.entry(*kind).or_default() += n;
            }
        }
        out.insert(id.clone(), counts);
    }
    out
}

/// The forest of categories: roots are those without a known parent; children sorted
/// by label. `count` gives each category's count over its descendants.
pub fn tree(
    labels: &BTreeMap<String, String>,
    parents: &[(String, String)],
    count: &BTreeMap<String, i64>,
) -> Vec<TreeNode> {
    let known: Vec<(String, String)> = parents
        .iter()
        .filter(|(c, p)| labels.contains_key(c) && labels.contains_key(p))
        .cloned()
        .collect();
    let children = children_of(&known);
    let with_parent: BTreeSet<&str> = known.iter().map(|(c, _)| c.as_str()).collect();
    // A path guard: links received from peers are not checked for cycles.
    fn node(
        id: &str,
        labels: &BTreeMap<String, String>,
        children: &BTreeMap<&str, Vec<&str>>,
        count: &BTreeMap<String, i64>,
        path: &mut Vec<String>,
    ) -> TreeNode {
        path.push(id.to_string());
        let mut kids = Vec::new();
        for k in children.get(id).map(Vec::as_slice).unwrap_or_default() {
            if !path.iter().any(|p| p == k) {
                kids.push(node(k, labels, children, count, path));
            }
        }
        kids.sort_by_key(|n| n.label.to_lowercase());
        path.pop();
        TreeNode {
            id: id.to_string(),
            label: labels.get(id).cloned().unwrap_or_default(),
            count: count.get(id).copied().unwrap_or(0),
            children: kids,
        }
    }
    let mut roots: Vec<TreeNode> = labels
        .keys()
        .filter(|id| !with_parent.contains(id.as_str()))
        .map(|id| node(id, labels, &children, count, &mut Vec::new()))
        .collect();
    roots.sort_by_key(|n| n.label.to_lowercase());
    roots
}

/// The tree in reading order as (id, label, depth), each category once, where it first
/// shows: what a form's category checkboxes list.
pub fn flatten(roots: &[TreeNode]) -> Vec<(String, String, usize)> {
    fn walk(
        n: &TreeNode,
        depth: usize,
        seen: &mut BTreeSet<String>,
        out: &mut Vec<(String, String, usize)>,
    ) {
        if !seen.insert(n.id.clone()) {
            return;
        }
        out.push((n.id.clone(), n.label.clone(), depth));
        for c in &n.children {
            walk(c, depth + 1, seen, out);
        }
    }
    let (mut seen, mut out) = (BTreeSet::new(), Vec::new());
    for r in roots {
        walk(r, 0, &mut seen, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(c, p)| (c.to_string(), p.to_string()))
            .collect()
    }

    #[test]
    fn a_category_with_two_parents_shows_under_both_and_once_in_descendants() {
        let l = links(&[
            ("coffee", "kitchen"),
            ("coffee", "home"),
            ("kitchen", "home"),
        ]);
        assert_eq!(
            descendants("home", &l).into_iter().collect::<Vec<_>>(),
            ["coffee", "home", "kitchen"]
        );
        let labels: BTreeMap<String, String> = ["coffee", "kitchen", "home"]
            .map(|s| (s.to_string(), s.to_uppercase()))
            .into_iter()
            .collect();
        let t = tree(&labels, &l, &BTreeMap::new());
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].id, "home");
        let kids: Vec<&str> = t[0].children.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(kids, ["coffee", "kitchen"]);
        assert_eq!(t[0].children[1].children[0].id, "coffee");
    }

    #[test]
    fn an_entry_filed_twice_below_a_category_counts_once_there() {
        let l = links(&[("coffee", "kitchen"), ("kettle", "kitchen")]);
        let ids = ["kitchen", "coffee", "kettle"].map(String::from);
        let group =
            |cats: &[&str], kind, n| (cats.iter().map(|c| c.to_string()).collect(), kind, n);
        let groups = vec![
            group(&["coffee"], EntityKind::Thing, 3),
            group(&["kettle"], EntityKind::Story, 2),
            group(&["coffee", "kettle"], EntityKind::Thing, 1),
        ];
        let counts = counts_below(&ids, &l, &groups);
        let of = |c: &str, k| counts[c].get(&k).copied().unwrap_or(0);
        assert_eq!(of("kitchen", EntityKind::Thing), 4);
        assert_eq!(of("kitchen", EntityKind::Story), 2);
        assert_eq!(of("coffee", EntityKind::Thing), 4);
        assert_eq!(of("kettle", EntityKind::Thing), 1);
    }

    #[test]
    fn ancestors_climb_every_parent() {
        let l = links(&[
            ("coffee", "kitchen"),
            ("coffee", "home"),
            ("kitchen", "house"),
        ]);
        let up = ancestors(&["coffee".to_string()], &l);
        assert_eq!(
            up.into_iter().collect::<Vec<_>>(),
            ["coffee", "home", "house", "kitchen"]
        );
    }

    #[test]
    fn a_parent_below_the_category_is_a_cycle() {
        let l = links(&[("kitchen", "home"), ("coffee", "kitchen")]);
        let proposed = vec!["coffee".to_string()];
        assert_eq!(cycle_through("home", &proposed, &l), Some(&proposed[0]));
        let own = vec!["home".to_string()];
        assert_eq!(cycle_through("home", &own, &l), Some(&own[0]));
        let fine = vec!["kitchen".to_string()];
        assert_eq!(cycle_through("coffee", &fine, &l), None);
    }

    #[test]
    fn a_received_cycle_does_not_loop() {
        let l = links(&[("a", "b"), ("b", "a"), ("a", "root")]);
        let labels: BTreeMap<String, String> = ["a", "b", "root"]
            .map(|s| (s.to_string(), s.to_string()))
            .into_iter()
            .collect();
        let t = tree(&labels, &l, &BTreeMap::new());
        assert_eq!(t[0].id, "root");
        assert_eq!(t[0].children[0].children[0].id, "b");
        assert!(t[0].children[0].children[0].children.is_empty());
    }
}
