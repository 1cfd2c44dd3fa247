//! A validation problem (field path, code, arguments) and the English message for each
//! code.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One thing wrong with an input, located by a dotted path (`procedure.2.description.default`).
/// `code` is stable and translated by pages (`problem-<code>` in the Fluent files);
/// `message` is the English text the API returns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, String>,
}

impl Problem {
    pub fn new(path: impl Into<String>, code: &str, params: &[(&str, String)]) -> Self {
        let params: BTreeMap<String, String> = params
            .iter()
            .map(|(k, v)| ((*k).to_string(), v.clone()))
            .collect();
        let message = english_message(code, &params);
        Self {
            path: path.into(),
            code: code.to_string(),
            message,
            params,
        }
    }
}

/// Every problem code the validator and the service produce.
pub const CODES: &[&str] = &[
    "required",
    "unknown_field",
    "wrong_type",
    "empty",
    "too_long",
    "too_many",
    "out_of_range",
    "invalid_language_tag",
    "invalid_url",
    "invalid_email",
    "invalid_date",
    "invalid_id",
    "invalid_identifier",
    "invalid_media_id",
    "invalid_wikidata",
    "invalid_tag",
    "invalid_key",
    "invalid_kind",
    "invalid_country",
    "invalid_year",
    "invalid_day",
    "event_mismatch",
    "duplicate_table",
    "not_for_vocabulary",
    "duplicate_term",
    "vocabulary_fixed",
    "kinds_not_allowed",
    "category_cycle",
    "merge_target",
    "not_filed_here",
    "moved_twice",
    "unknown_media",
    "not_in_vocabulary",
    "one_of_required",
    "mutually_exclusive",
    "not_found",
    "type_mismatch",
    "self_relationship",
    "duplicate_relationship",
    "duplicate_order",
    "duplicate_language",
    "too_deep",
    "revert_to_deletion",
    "revision_id_mismatch",
    "revision_parent_missing",
    "revision_uri_mismatch",
    "invalid_username",
    "password_too_short",
    "passwords_differ",
    "username_taken",
    "invalid_invite",
    "wrong_password",
];

fn english_message(code: &str, p: &BTreeMap<String, String>) -> String {
    let get = |k: &str| p.get(k).cloned().unwrap_or_default();
    match code {
        "required" => "This field is required.".into(),
        "unknown_field" => "This field is not part of the schema.".into(),
        "wrong_type" => format!("Expected {}.", get("expected")),
        "empty" => "Must not be empty.".into(),
        "control_character" => "Must not contain control characters such as NUL.".into(),
        "too_long" => format!("At most {} characters.", get("max")),
        "too_many" => format!("At most {} items.", get("max")),
        "out_of_range" => format!("Must be between {} and {}.", get("min"), get("max")),
        "invalid_language_tag" => format!("'{}' is not a valid BCP 47 language tag.", get("value")),
        "invalid_url" => "Must be an http:// or https:// URL.".into(),
        "invalid_email" => "Must be an email address.".into(),
        "invalid_date" => "Must be a date: YYYY, YYYY-MM or YYYY-MM-DD.".into(),
        "invalid_id" => "Must be an entity id (UUID).".into(),
        "invalid_identifier" => {
            "Use lowercase letters, digits and : / . _ - only, starting with 'thing:'.".into()
        }
        "invalid_wikidata" => "Must be a Wikidata item: Q followed by digits.".into(),
        "invalid_tag" => "A tag is lowercase words without commas or semicolons.".into(),
        "invalid_key" => {
            "A key starts with a lowercase letter, then lowercase letters, digits, _ or -.".into()
        }
        "invalid_kind" => "Must be thing, story or guide.".into(),
        "invalid_country" => "Must be a three-letter ISO country code, such as GBR.".into(),
        "invalid_year" => "Must be a year: four digits.".into(),
        "invalid_day" => "Must be a day: YYYY-MM-DD.".into(),
        "not_for_vocabulary" => format!("Only terms of {} have this field.", get("vocabulary")),
        "duplicate_term" => format!("{} already has a term with this key.", get("vocabulary")),
        "vocabulary_fixed" => format!(
            "A term stays in its vocabulary ({}); add a new term instead.",
            get("vocabulary")
        ),
        "kinds_not_allowed" => format!(
            "This relationship type joins {} to {}.",
            get("sources"),
            get("targets")
        ),
        "category_cycle" => format!(
            "A category cannot be its own ancestor: {} is already below this one.",
            get("parent")
        ),
        "merge_target" => {
            "Must be another category, one that is not merged itself nor below this one.".into()
        }
        "not_filed_here" => "Is not filed directly under this category.".into(),
        "moved_twice" => "Can move to one new category only.".into(),
        "not_in_vocabulary" => format!("Must be one of: {}.", get("allowed")),
        "one_of_required" => "Give a thing_id, a thing_category or categories.".into(),
        "mutually_exclusive" => "Give thing_id or thing_category, not both.".into(),
        "not_found" => format!("No {} with this id exists.", get("kind")),
        "type_mismatch" => format!(
            "This id belongs to a {}, not a {}.",
            get("actual"),
            get("expected")
        ),
        "self_relationship" => "An entity cannot be related to itself.".into(),
        "duplicate_relationship" => "This relationship already exists.".into(),
        "duplicate_order" => format!("Step order {} is used more than once.", get("order")),
        "duplicate_language" => format!("Language '{}' appears more than once.", get("value")),
        "too_deep" => format!("Nesting deeper than {} levels.", get("max")),
        "invalid_username" => {
            "3 to 40 characters: lowercase letters, digits, '.', '_' or '-'.".into()
        }
        "passwords_differ" => "The two passwords differ.".into(),
        "username_taken" => "This username is taken.".into(),
        "invalid_invite" => "This invitation code is unknown or already used.".into(),
        "wrong_password" => "This is not your current password.".into(),
        "password_too_short" => format!("At least {} characters.", get("min")),
        "revision_id_mismatch" => "The revision id does not match its content.".into(),
        "revision_parent_missing" => "A parent of this revision is unknown here.".into(),
        "revision_uri_mismatch" => {
            "The new entry's address does not name the instance that created it.".into()
        }
        "revert_to_deletion" => "A deletion cannot be reverted to; pick an earlier version.".into(),
        _ => code.replace('_', " "),
    }
}
