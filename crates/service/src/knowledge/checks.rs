//! Checks of input before it is written: structural validation, then what needs the
//! database (the entries it names exist and are of the right kind, its categories, its
//! media), reported all at once.

use super::{assign_step_ids, Knowledge, Result, ServiceError};
use domain::validate::{strip_meta, validate};
use domain::{Body, EntityKind, Problem};
use serde_json::Value;

impl Knowledge {
    /// All problems with `input` as a `kind`, without writing anything.
    pub async fn preflight(
        &self,
        kind: EntityKind,
        mut input: Value,
        own_id: Option<&str>,
    ) -> Result<Vec<Problem>> {
        strip_meta(&mut input);
        match self.check_local(kind, &input, own_id).await {
            Ok(_) => Ok(Vec::new()),
            Err(ServiceError::Invalid(p)) => Ok(p),
            Err(e) => Err(e),
        }
    }

    /// Structural validation plus the checks that need the database.
    pub(super) async fn check(
        &self,
        kind: EntityKind,
        input: &Value,
        own_id: Option<&str>,
    ) -> Result<Body> {
        let mut problems = Vec::new();
        let vocab = self.vocabularies().await?;
        let body = match validate(kind, input, &vocab) {
            Ok(b) => Some(b),
            Err(p) => {
                problems = p;
                None
            }
        };
        // Reference checks also run on structurally invalid input, so that every
        // problem is reported at once.
        let field = |k: &str| {
            input
                .get(k)
                .and_then(Value::as_str)
                .filter(|s| domain::validate::is_entity_id(s))
        };
        if matches!(kind, EntityKind::Story | EntityKind::Guide) {
            if let Some(tid) = field("thing_id") {
                self.expect_kind(&mut problems, "thing_id", tid, EntityKind::Thing)
                    .await?;
            }
        }
        if kind == EntityKind::Repair {
            for (name, expected) in [
                ("x_thing_id", EntityKind::Thing),
                ("x_story_id", EntityKind::Story),
                ("x_guide_id", EntityKind::Guide),
                ("x_event_id", EntityKind::Event),
            ] {
                if let Some(id) = field(name) {
                    self.expect_kind(&mut problems, name, id, expected).await?;
                }
            }
            if let (Some(id), Some(Body::Repair(r))) = (field("x_event_id"), &body) {
                self.check_event_matches(&mut problems, id, r).await?;
            }
        }
        if kind == EntityKind::Outcome {
            let declared = input
                .get("entry_type")
                .and_then(Value::as_str)
                .and_then(|s| s.parse::<EntityKind>().ok())
                .filter(|k| matches!(k, EntityKind::Story | EntityKind::Guide));
            if let (Some(id), Some(declared)) = (field("entry_id"), declared) {
                self.expect_kind(&mut problems, "entry_id", id, declared)
                    .await?;
            }
            if let Some(id) = field("thing_id") {
                self.expect_kind(&mut problems, "thing_id", id, EntityKind::Thing)
                    .await?;
            }
        }
        self.check_categories(kind, input, own_id, &mut problems)
            .await?;
        if kind == EntityKind::Term {
            self.check_term(input, own_id, &mut problems).await?;
        }
        if kind == EntityKind::Relationship {
            for side in ["source", "target"] {
                let declared = input
                    .get(format!("{side}_type"))
                    .and_then(Value::as_str)
                    .and_then(|s| s.parse::<EntityKind>().ok());
                if let (Some(id), Some(declared)) = (field(&format!("{side}_id")), declared) {
                    self.expect_kind(&mut problems, &format!("{side}_id"), id, declared)
                        .await?;
                }
            }
            if let Some(Body::Relationship(r)) = &body {
                self.check_relationship_kinds(r, &mut problems).await?;
                let dup = self
                    .store
                    .find_duplicate_relationship(
                        &r.source_id,
                        &r.target_id,
                        &r.relationship_type,
                        r.direction == "bidirectional",
                        own_id,
                    )
                    .await?;
                if dup {
                    problems.push(Problem::new(
                        "relationship_type",
                        "duplicate_relationship",
                        &[],
                    ));
                }
            }
        }
        match body {
            Some(mut b) if problems.is_empty() => {
                assign_step_ids(&mut b);
                Ok(b)
            }
            _ => Err(ServiceError::Invalid(problems)),
        }
    }

    /// A record made at a recorded event names the event's group and day, so that the
    /// group's day is counted once.
    async fn check_event_matches(
        &self,
        problems: &mut Vec<Problem>,
        id: &str,
        r: &domain::repair::Repair,
    ) -> Result<()> {
        let Ok(stored) = self.get(EntityKind::Event, id).await else {
            return Ok(());
        };
        let Some(Body::Event(e)) = domain::parse_body(EntityKind::Event, &stored.body) else {
            return Ok(());
        };
        problems.extend(event_mismatch(r, &e));
        Ok(())
    }

    pub(super) async fn expect_kind(
        &self,
        problems: &mut Vec<Problem>,
        path: &str,
        id: &str,
        expected: EntityKind,
    ) -> Result<()> {
        match self.store.kind_of(id).await? {
            None => problems.push(Problem::new(
                path,
                "not_found",
                &[("kind", expected.to_string())],
            )),
            Some(actual) if actual != expected => problems.push(Problem::new(
                path,
                "type_mismatch",
                &[
                    ("actual", actual.to_string()),
                    ("expected", expected.to_string()),
                ],
            )),
            Some(_) => {}
        }
        Ok(())
    }
}

/// The problem of a record that names an event of another group or day, if it does.
pub(super) fn event_mismatch(
    r: &domain::repair::Repair,
    e: &domain::event::Event,
) -> Option<Problem> {
    let same_group = r.group_identifier.as_deref().map(domain::impact::group_key)
        == Some(domain::impact::group_key(&e.group_identifier));
    (!same_group || r.event_date != e.event_date).then(|| {
        Problem::new(
            "x_event_id",
            "event_mismatch",
            &[
                ("group", e.group_identifier.clone()),
                ("date", e.event_date.clone()),
            ],
        )
    })
}
