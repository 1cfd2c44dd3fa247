//! Equality filters on list pages: the request builds a [`ListFilter`] over the columns
//! that `domain::fields::filters` names, and a write stores each column's value.

use domain::fields::filters;
use domain::EntityKind;
use serde_json::Value;

/// Equality filters on a kind's indexed columns. Column names come from
/// `domain::fields::filters`, never from user input.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub eq: Vec<(&'static str, String)>,
    /// Only entries filed under one of these categories (a category and its descendants).
    pub within: Option<Vec<String>>,
    /// Only entries carrying this tag.
    pub tag: Option<String>,
    /// How many entries the category or tag filter keeps, when known. A few are read
    /// through their links and sorted; many (or an unknown number) are found by
    /// walking the newest entries, which stops as soon as the page is full.
    pub expected: Option<i64>,
}

impl ListFilter {
    /// Builds the filter from request parameters named as in the API (`type`,
    /// `manufacturer`, `thing_id`, …); empty values are ignored.
    pub fn from_params(kind: EntityKind, param: impl Fn(&str) -> Option<String>) -> Self {
        let eq = filters(kind)
            .iter()
            .filter_map(|f| {
                let v = f.normalize(&param(f.param)?);
                // A taxonomy id names a category entry, not the old free text.
                let taxonomy = f.param == "category" && domain::validate::is_entity_id(&v);
                (!v.is_empty() && !taxonomy).then_some((f.column, v))
            })
            .collect();
        let tag = param("tag")
            .map(|t| domain::tags::normalize(&t))
            .filter(|t| !t.is_empty());
        ListFilter {
            eq,
            tag,
            ..Default::default()
        }
    }
}

/// The column names of a kind's filters, in the order [`index_values`] fills them.
pub(crate) fn filter_columns(kind: EntityKind) -> Vec<&'static str> {
    filters(kind).iter().map(|f| f.column).collect()
}

pub(crate) fn index_values(kind: EntityKind, body: &Value) -> Vec<Option<String>> {
    filters(kind).iter().map(|f| f.value_in(body)).collect()
}
