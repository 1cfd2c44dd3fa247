//! What an event's page and a story's or guide's page add: an event's records and
//! figures, and readers' "this worked for me" outcomes with the form to give one.

use domain::outcome::{Outcome, OutcomeCounts};
use domain::EntitySummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Records shown on an event's page; its list has the rest.
pub const EVENT_PAGE_RECORDS: i64 = 50;

/// On an event's page: the records made at it and what they add up to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventExtras {
    pub records: Vec<EntitySummary>,
    pub total: i64,
    pub report: domain::impact::Report,
}

/// On a story's or guide's page: what readers said, and the visitor's own answer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OutcomesExtras {
    pub counts: Option<OutcomeCounts>,
    pub own: Option<Outcome>,
    pub signed_in: bool,
}

#[cfg(feature = "ssr")]
pub(super) use backend_outcomes::*;

#[cfg(feature = "ssr")]
mod backend_outcomes {
    use super::*;
    use crate::server_fns::backend::internal;
    use domain::EntityKind;
    use leptos::prelude::ServerFnError;
    use service::knowledge::{Knowledge, ListFilter};

    pub async fn event_extras(
        k: &Knowledge,
        impact: &service::impact::Impact,
        id: &str,
        lang: &str,
    ) -> Result<EventExtras, ServerFnError> {
        let filter = ListFilter {
            eq: vec![("event_id", id.to_string())],
            ..Default::default()
        };
        let (rows, total) = k
            .list(EntityKind::Repair, &filter, 0, EVENT_PAGE_RECORDS)
            .await
            .map_err(internal)?;
        let query = service::impact::ImpactQuery {
            event: Some(id.to_string()),
            ..Default::default()
        };
        Ok(EventExtras {
            records: rows
                .iter()
                .map(|e| service::knowledge::summary(e, lang))
                .collect(),
            total,
            report: impact.report(k, &query).await.map_err(internal)?,
        })
    }

    pub async fn outcomes_extras(
        k: &Knowledge,
        id: &str,
        username: Option<&str>,
    ) -> Result<OutcomesExtras, ServerFnError> {
        let own = match username {
            Some(u) => k.own_outcome(u, id).await.map_err(internal)?,
            None => None,
        };
        Ok(OutcomesExtras {
            counts: k.entry_outcomes(id).await.map_err(internal)?,
            own,
            signed_in: username.is_some(),
        })
    }
}

/// A reader says how following a story or guide went; saying it again changes the
/// answer. Answers with a redirect back to the entry, so it works without JavaScript.
#[server(prefix = "/sfn", endpoint = "outcome")]
pub async fn record_outcome(
    kind: domain::EntityKind,
    id: String,
    result: Option<String>,
    failed_step: Option<String>,
    note: Option<String>,
) -> Result<(), ServerFnError> {
    use super::backend::*;
    use service::knowledge::ServiceError;
    let back = format!("/{}/{id}", kind.plural());
    let Some(author) =
        super::session::author_or_redirect(domain::policy::Action::Create, &back).await?
    else {
        return Ok(());
    };
    let state = app_state()?;
    if state.limiter.outcome_by_user(&author).is_err() {
        redirect(&format!("{back}?outcome_error=rate_limited#outcomes"));
        return Ok(());
    }
    let mut input = serde_json::json!({
        "entry_type": kind.as_str(),
        "entry_id": id,
        "result": result.unwrap_or_default(),
    });
    let step = failed_step
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if let Some(step) = step {
        input["failed_step"] = step.parse::<u64>().map(Into::into).unwrap_or(step.into());
    }
    if let Some(note) = note.filter(|n| !n.trim().is_empty()) {
        input["note"] = note.into();
    }
    match state.knowledge.record_outcome(input, &author).await {
        Ok(_) => redirect(&format!("{back}?outcome=saved#outcomes")),
        Err(ServiceError::Invalid(problems)) => {
            let code = problems
                .first()
                .map(|p| format!("{}.{}", p.path, p.code))
                .unwrap_or_default();
            let code: String = url::form_urlencoded::byte_serialize(code.as_bytes()).collect();
            redirect(&format!("{back}?outcome_error={code}#outcomes"));
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}
