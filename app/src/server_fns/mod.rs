//! Server functions behind the pages. Thin: parse, call the knowledge service, shape
//! the result for a page. Forms always answer with a redirect, so they work the same
//! with and without JavaScript; a failed save is kept as a draft and shown again.

use domain::form::Fields;
pub use domain::view::{RecentChange, RelationView};
use domain::{Counts, EntityKind, EntityMeta, EntitySummary, Problem};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListPage {
    pub items: Vec<EntitySummary>,
    pub total: i64,
    pub skip: i64,
    pub limit: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityPage {
    pub meta: EntityMeta,
    pub body: Value,
    pub relations: Vec<RelationView>,
    pub stories: Vec<EntitySummary>,
    pub guides: Vec<EntitySummary>,
    /// Labels of entities this one refers to by id (thing_id, relationship endpoints).
    pub labels: BTreeMap<String, String>,
    /// An open conflict between concurrent edits of this entity.
    pub open_conflict: Option<String>,
    /// Why a moderator hid it. Readers then get only this, not the content.
    pub hidden: Option<domain::Hidden>,
    /// The visitor may hide and show entries.
    pub may_moderate: bool,
    /// Entries that share the most neighbours with this one in the knowledge graph.
    pub related: Vec<EntitySummary>,
    /// Where it came from, when another instance made it or delivered its current version.
    pub provenance: Option<domain::peer::Provenance>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryItem {
    pub id: String,
    pub op: String,
    pub author: String,
    pub origin_instance: String,
    pub created_at: String,
    pub parents: Vec<String>,
    pub changed: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub kind: EntityKind,
    pub id: String,
    pub label: String,
    pub exists: bool,
    pub head: Option<String>,
    pub items: Vec<HistoryItem>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormPage {
    pub fields: Fields,
    pub problems: Vec<Problem>,
    pub base_revision: Option<String>,
    pub notice: Option<String>,
    /// (kind, id, label) of entities offered by the relationship and thing pickers.
    pub pickers: Vec<(EntityKind, String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub counts: Counts,
    pub recent: Vec<RecentChange>,
    pub public_url: String,
}

/// A form submission kept across the redirect after a failed save or an editor action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub kind: EntityKind,
    pub id: Option<String>,
    pub fields: Fields,
    pub problems: Vec<Problem>,
    pub base_revision: Option<String>,
    pub notice: Option<String>,
}

mod accounts;
mod admin;
mod federation;
mod search;

pub use accounts::*;
pub use admin::*;
pub use federation::*;
pub use search::*;

pub const PAGE_SIZE: i64 = 25;

#[cfg(feature = "ssr")]
mod backend {
    use super::*;
    pub use domain::{parse_body, Body};
    pub use service::knowledge::{summary, ListFilter, Reader};
    use service::knowledge::{Knowledge, ServiceError};
    use std::sync::Arc;

    pub fn app_state() -> Result<crate::state::AppState, ServerFnError> {
        use_context::<crate::state::AppState>()
            .ok_or_else(|| ServerFnError::new("server state missing"))
    }

    pub fn knowledge() -> Result<Arc<Knowledge>, ServerFnError> {
        Ok(app_state()?.knowledge)
    }

    /// The visitor as a reader of hidden entries.
    pub async fn reader() -> Result<Reader, ServerFnError> {
        let user = super::session::current().await?;
        Ok(Reader::with_role(user.as_ref().map(|u| u.role.as_str())))
    }

    /// A revision as a history entry, with the fields it changed.
    pub fn history_item(r: &domain::revision::Revision, changed: Vec<String>) -> HistoryItem {
        HistoryItem {
            id: r.id.clone(),
            op: r.op.as_str().to_string(),
            author: r.author.clone(),
            origin_instance: r.origin_instance.clone(),
            created_at: r.created_at.clone(),
            parents: r.parents.clone(),
            changed,
        }
    }

    /// Logs the detail and tells the client only that something failed inside.
    pub fn internal(e: impl std::fmt::Display) -> ServerFnError {
        tracing::error!("server function failed: {e}");
        ServerFnError::new("internal error")
    }

    /// Keeps a failed form (never a password) for the page it redirects back to.
    pub async fn store_draft(
        k: &Knowledge,
        draft: &impl Serialize,
    ) -> Result<String, ServerFnError> {
        k.keep_draft(draft).await.map_err(internal)
    }

    /// A kept form, if the token names one of the expected shape.
    pub async fn kept_draft<T: serde::de::DeserializeOwned>(
        k: &Knowledge,
        token: Option<String>,
    ) -> Result<Option<T>, ServerFnError> {
        match token {
            Some(t) => k.draft(&t).await.map_err(internal),
            None => Ok(None),
        }
    }

    pub fn service_notice(e: &ServiceError) -> Option<&'static str> {
        match e {
            ServiceError::Stale { .. } => Some("notice-stale"),
            ServiceError::NotFound { .. } => Some("notice-gone"),
            _ => None,
        }
    }
}

#[server(prefix = "/sfn", endpoint = "home")]
pub async fn load_home(lang: String) -> Result<HomeData, ServerFnError> {
    use backend::*;
    let k = knowledge()?;
    let counts = k.counts().await.map_err(internal)?;
    let recent = k
        .recent_changes(10, reader().await?, &lang)
        .await
        .map_err(internal)?;
    Ok(HomeData {
        counts,
        recent,
        public_url: k.public_url().to_string(),
    })
}

#[server(prefix = "/sfn", endpoint = "list")]
pub async fn load_list(
    kind: EntityKind,
    filters: Option<BTreeMap<String, String>>,
    lang: String,
) -> Result<ListPage, ServerFnError> {
    use backend::*;
    // An empty map is not encoded at all, hence the Option.
    let filters = filters.unwrap_or_default();
    let k = knowledge()?;
    let page: i64 = filters
        .get("page")
        .and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let skip = (page - 1).saturating_mul(PAGE_SIZE);
    let (items, total) = k
        .list(
            kind,
            &ListFilter::from_params(kind, |p| filters.get(p).cloned()),
            skip,
            PAGE_SIZE,
        )
        .await
        .map_err(internal)?;
    let mut summaries: Vec<EntitySummary> = items.iter().map(|e| summary(e, &lang)).collect();
    if kind == EntityKind::Relationship {
        let bodies: Vec<_> = items
            .iter()
            .map(|e| match parse_body(kind, &e.body) {
                Some(Body::Relationship(r)) => Some(r),
                _ => None,
            })
            .collect();
        let ends = bodies
            .iter()
            .flatten()
            .flat_map(|r| [r.source_id.clone(), r.target_id.clone()])
            .collect();
        let labels = k.labels_of(&ends, &lang).await.map_err(internal)?;
        let label = |id: &String| labels.get(id).unwrap_or(id).clone();
        for (s, r) in summaries.iter_mut().zip(bodies) {
            if let Some(r) = r {
                s.label = format!("{} → {}", label(&r.source_id), label(&r.target_id));
                s.subtitle = r.relationship_type;
            }
        }
    }
    Ok(ListPage {
        items: summaries,
        total,
        skip,
        limit: PAGE_SIZE,
    })
}

#[server(prefix = "/sfn", endpoint = "entity")]
pub async fn load_entity(
    kind: EntityKind,
    id: String,
    lang: String,
) -> Result<Option<EntityPage>, ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    let k = knowledge()?;
    let reader = reader().await?;
    let view = match k.entity_view(kind, &id, reader, &lang).await {
        Ok(Some(v)) => v,
        Ok(None) => {
            let readable = k.read(kind, &id, reader).await.map_err(internal)?;
            let service::knowledge::Readable::Hidden { meta, hidden } = readable else {
                return Err(internal(
                    "an entry was hidden and shown again while it was read",
                ));
            };
            return Ok(Some(EntityPage {
                meta,
                body: Value::Null,
                relations: Vec::new(),
                stories: Vec::new(),
                guides: Vec::new(),
                labels: BTreeMap::new(),
                open_conflict: None,
                hidden: Some(hidden),
                may_moderate: false,
                related: Vec::new(),
                provenance: None,
            }));
        }
        Err(ServiceError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(internal(e)),
    };
    let state = app_state()?;
    let mut related = Vec::new();
    if kind != EntityKind::Relationship {
        let ranked = state
            .search
            .also_looked_at(&id, 8)
            .await
            .map_err(internal)?;
        related = k.summaries(&ranked, &lang).await.map_err(internal)?;
    }
    let provenance = state
        .federation
        .provenance(&view.entity.meta)
        .await
        .map_err(internal)?;
    Ok(Some(EntityPage {
        meta: view.entity.meta,
        body: view.entity.body,
        provenance,
        relations: view.relations,
        stories: view.stories,
        guides: view.guides,
        labels: view.labels,
        open_conflict: view.open_conflict,
        hidden: view.hidden,
        may_moderate: reader.sees_hidden,
        related,
    }))
}

/// Moderators hide an entry from readers (with a reason) or show it again.
#[server(prefix = "/sfn", endpoint = "moderate")]
pub async fn moderate_entity(
    kind: EntityKind,
    id: String,
    intent: String,
    reason: Option<String>,
) -> Result<(), ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    let back = format!("/{}/{id}", kind.plural());
    let Some(moderator) = session::author_or_redirect(domain::policy::Action::Hide, &back).await?
    else {
        return Ok(());
    };
    let reason = (intent == "hide").then(|| reason.unwrap_or_default());
    match knowledge()?
        .set_hidden(kind, &id, reason.as_deref(), &moderator)
        .await
    {
        Ok(_) => leptos_axum::redirect(&format!("{back}?moderated={intent}")),
        Err(ServiceError::Invalid(_)) => leptos_axum::redirect(&format!("{back}?error=reason")),
        Err(e) if service_notice(&e).is_some() => {
            leptos_axum::redirect(&format!("{back}?error=moderation"))
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}

#[server(prefix = "/sfn", endpoint = "history")]
pub async fn load_history(
    kind: EntityKind,
    id: String,
    lang: String,
) -> Result<Option<HistoryPage>, ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    let k = knowledge()?;
    match k.hidden_from(kind, &id, reader().await?).await {
        Ok(false) => {}
        Ok(true) | Err(ServiceError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(internal(e)),
    }
    let revs = match k.history(kind, &id).await {
        Ok(r) => r,
        Err(ServiceError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(internal(e)),
    };
    let head = k.head(kind, &id).await.map_err(internal)?;
    let exists = head.is_some();
    let label = revs
        .last()
        .and_then(|r| domain::parse_body(kind, &r.body))
        .map(|b| b.label(&lang))
        .unwrap_or_else(|| id.clone());
    let by_id: HashMap<&str, &Value> = revs.iter().map(|r| (r.id.as_str(), &r.body)).collect();
    let null = Value::Null;
    let mut items: Vec<HistoryItem> = revs
        .iter()
        .map(|r| {
            let before = r
                .parents
                .first()
                .and_then(|p| by_id.get(p.as_str()).copied())
                .unwrap_or(&null);
            let changed = match r.op {
                domain::revision::Op::Delete => Vec::new(),
                _ => domain::changed_paths(before, &r.body),
            };
            history_item(r, changed)
        })
        .collect();
    items.reverse();
    Ok(Some(HistoryPage {
        kind,
        id,
        label,
        exists,
        head,
        items,
    }))
}

/// Form contents for a new entity (`id` empty), an existing one, or a saved draft.
#[server(prefix = "/sfn", endpoint = "form")]
pub async fn load_form(
    kind: EntityKind,
    id: Option<String>,
    draft: Option<String>,
    prefill: Option<BTreeMap<String, String>>,
    lang: String,
) -> Result<Option<FormPage>, ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    let k = knowledge()?;
    let mut page = FormPage::default();
    let parsed: Option<Draft> = kept_draft(&k, draft).await?;
    match parsed.filter(|d| d.kind == kind && d.id == id) {
        Some(d) => {
            page.fields = d.fields;
            page.problems = d.problems;
            page.base_revision = d.base_revision;
            page.notice = d.notice;
        }
        None => match &id {
            Some(id) => match k.get(kind, id).await {
                Ok(e) => {
                    let Some(body) = domain::parse_body(kind, &e.body) else {
                        return Err(internal("stored body does not parse"));
                    };
                    page.fields = domain::form::to_fields(&body);
                    page.base_revision = Some(e.meta.revision);
                }
                Err(ServiceError::NotFound { .. }) => return Ok(None),
                Err(e) => return Err(internal(e)),
            },
            None => {
                let allowed = [
                    "thing_id",
                    "source_type",
                    "source_id",
                    "target_type",
                    "target_id",
                    "relationship_type",
                ];
                for (key, v) in prefill.unwrap_or_default() {
                    if allowed.contains(&key.as_str()) {
                        page.fields.insert(key, v);
                    }
                }
                if matches!(kind, EntityKind::Story)
                    && !page.fields.contains_key("procedure.0.description.default")
                {
                    page.fields
                        .insert("procedure.0.description.default".into(), String::new());
                }
            }
        },
    }
    if matches!(
        kind,
        EntityKind::Relationship | EntityKind::Story | EntityKind::Guide
    ) {
        let kinds: &[EntityKind] = if kind == EntityKind::Relationship {
            &[EntityKind::Thing, EntityKind::Story, EntityKind::Guide]
        } else {
            &[EntityKind::Thing]
        };
        for pk in kinds {
            for (pid, stored_label) in k.labels(*pk, 300).await.map_err(internal)? {
                page.pickers.push((*pk, pid, stored_label));
            }
        }
    }
    let _ = lang;
    Ok(Some(page))
}

/// Saves a create/edit form, or applies an editor action (`intent`) to it.
#[server(prefix = "/sfn", endpoint = "save")]
pub async fn save_entity(
    kind: EntityKind,
    f: HashMap<String, String>,
) -> Result<(), ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    let k = knowledge()?;
    let mut fields: Fields = f.into_iter().collect();
    let nonempty = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let intent = nonempty(fields.remove("intent")).unwrap_or_else(|| "save".into());
    let id = nonempty(fields.remove("id"));
    let base = nonempty(fields.remove("base_revision"));
    let form_url = match &id {
        Some(id) => format!("/{}/{id}/edit", kind.plural()),
        None => format!("/{}/new", kind.plural()),
    };
    let mut draft = Draft {
        kind,
        id: id.clone(),
        fields,
        problems: Vec::new(),
        base_revision: base.clone(),
        notice: None,
    };
    if intent != "save" {
        domain::form::apply_intent(&mut draft.fields, &intent);
        let token = store_draft(&k, &draft).await?;
        leptos_axum::redirect(&format!("{form_url}?draft={token}"));
        return Ok(());
    }
    let action = if id.is_some() {
        domain::policy::Action::Update
    } else {
        domain::policy::Action::Create
    };
    let author = match session::authorize(action).await? {
        Ok(name) => name,
        Err(denied) => {
            // Keep the edit: the user comes back to it after signing in.
            let token = store_draft(&k, &draft).await?;
            leptos_axum::redirect(&session::refused(
                denied,
                &format!("{form_url}?draft={token}"),
            ));
            return Ok(());
        }
    };
    let input = domain::form::from_fields(kind, &draft.fields);
    let result = match &id {
        Some(id) => k.update(kind, id, input, base, &author).await,
        None => k
            .create(kind, input, &author)
            .await
            .map(|entity| service::knowledge::Saved {
                entity,
                merged: false,
            }),
    };
    let result = result.map(|s| (s.merged, s.entity));
    match result {
        Ok((merged, saved)) => {
            let flag = if merged { "merged" } else { "saved" };
            leptos_axum::redirect(&format!("/{}/{}?{flag}=1", kind.plural(), saved.meta.id));
            Ok(())
        }
        Err(ServiceError::Conflict(view)) => {
            leptos_axum::redirect(&format!(
                "/{}/{}?conflict={}",
                kind.plural(),
                view.entity_id,
                view.conflict_id
            ));
            Ok(())
        }
        Err(ServiceError::Invalid(problems)) => {
            draft.problems = problems;
            let token = store_draft(&k, &draft).await?;
            leptos_axum::redirect(&format!("{form_url}?draft={token}"));
            Ok(())
        }
        Err(e) => {
            let Some(notice) = service_notice(&e) else {
                return Err(internal(e));
            };
            if let ServiceError::Stale { current, .. } = &e {
                // The user has now been told; saving again applies their version on top.
                draft.base_revision = Some(current.meta.revision.clone());
            }
            draft.notice = Some(notice.to_string());
            let token = store_draft(&k, &draft).await?;
            leptos_axum::redirect(&format!("{form_url}?draft={token}"));
            Ok(())
        }
    }
}

#[server(prefix = "/sfn", endpoint = "delete")]
pub async fn delete_entity(
    kind: EntityKind,
    id: String,
    base_revision: Option<String>,
    confirm: Option<String>,
) -> Result<(), ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    let k = knowledge()?;
    let back = format!("/{}/{id}/delete", kind.plural());
    let Some(author) = session::author_or_redirect(domain::policy::Action::Delete, &back).await?
    else {
        return Ok(());
    };
    if confirm.as_deref() != Some("yes") {
        leptos_axum::redirect(&format!("/{}/{id}/delete?error=confirm", kind.plural()));
        return Ok(());
    }
    match k
        .delete(kind, &id, base_revision.filter(|b| !b.is_empty()), &author)
        .await
    {
        Ok(()) => leptos_axum::redirect(&format!("/{}?deleted=1", kind.plural())),
        Err(ServiceError::Stale { .. }) => {
            leptos_axum::redirect(&format!("/{}/{id}/delete?error=stale", kind.plural()))
        }
        Err(ServiceError::NotFound { .. }) => {
            leptos_axum::redirect(&format!("/{}?deleted=1", kind.plural()))
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}

#[server(prefix = "/sfn", endpoint = "api_doc")]
pub async fn load_api_doc() -> Result<Vec<(String, String, String)>, ServerFnError> {
    Ok(backend::app_state()?.api_operations.as_ref().clone())
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiffPage {
    pub label: String,
    pub from: HistoryItem,
    pub to: HistoryItem,
    pub changes: Vec<domain::diff::Change>,
}

#[server(prefix = "/sfn", endpoint = "diff")]
pub async fn load_diff(
    kind: EntityKind,
    id: String,
    from: Option<String>,
    to: Option<String>,
    lang: String,
) -> Result<Option<DiffPage>, ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    let k = knowledge()?;
    let Some(from) = from.filter(|f| !f.is_empty()) else {
        return Ok(None);
    };
    if k.hidden_from(kind, &id, reader().await?)
        .await
        .map_err(internal)?
    {
        return Ok(None);
    }
    let (a, b, changes) = match k
        .diff(kind, &id, &from, to.as_deref().filter(|t| !t.is_empty()))
        .await
    {
        Ok(d) => d,
        Err(ServiceError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(internal(e)),
    };
    let item = |r: &domain::revision::Revision| history_item(r, Vec::new());
    Ok(Some(DiffPage {
        label: parse_body(kind, &b.body)
            .map(|x| x.label(&lang))
            .unwrap_or(id),
        from: item(&a),
        to: item(&b),
        changes,
    }))
}

#[server(prefix = "/sfn", endpoint = "revert")]
pub async fn revert_entity(
    kind: EntityKind,
    id: String,
    revision: String,
    base_revision: Option<String>,
) -> Result<(), ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    let k = knowledge()?;
    let base = base_revision.filter(|b| !b.is_empty());
    let history = format!("/{}/{id}/history", kind.plural());
    let Some(author) =
        session::author_or_redirect(domain::policy::Action::Revert, &history).await?
    else {
        return Ok(());
    };
    match k.revert(kind, &id, &revision, base, &author).await {
        Ok(_) => leptos_axum::redirect(&format!("/{}/{id}?reverted=1", kind.plural())),
        Err(ServiceError::Stale { .. }) => leptos_axum::redirect(&format!("{history}?error=stale")),
        Err(ServiceError::Invalid(_)) => leptos_axum::redirect(&format!("{history}?error=invalid")),
        Err(ServiceError::NotFound { .. }) => {
            leptos_axum::redirect(&format!("{history}?error=gone"))
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictField {
    pub path: String,
    pub base: Option<String>,
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConflictPage {
    pub id: String,
    pub kind: EntityKind,
    pub entity_id: String,
    pub label: String,
    pub status: String,
    pub created_at: String,
    pub fields: Vec<ConflictField>,
}

#[cfg(feature = "ssr")]
fn conflict_page(v: service::knowledge::ConflictView, lang: &str) -> ConflictPage {
    use service::knowledge::show_value;
    let text = |x: &Option<Value>| x.as_ref().map(show_value);
    ConflictPage {
        label: domain::parse_body(v.kind, &v.theirs)
            .map(|b| b.label(lang))
            .unwrap_or_else(|| v.entity_id.clone()),
        id: v.conflict_id,
        kind: v.kind,
        entity_id: v.entity_id,
        status: v.status,
        created_at: v.created_at,
        fields: v
            .fields
            .iter()
            .map(|f| ConflictField {
                path: f.path.clone(),
                base: text(&f.base),
                ours: text(&f.values.first().cloned().flatten()),
                theirs: text(&f.values.get(1).cloned().flatten()),
            })
            .collect(),
    }
}

#[server(prefix = "/sfn", endpoint = "conflicts")]
pub async fn load_conflicts(lang: String) -> Result<Vec<ConflictPage>, ServerFnError> {
    use backend::*;
    let k = knowledge()?;
    let (items, _) = k.open_conflicts(0, 200).await.map_err(internal)?;
    Ok(items.into_iter().map(|v| conflict_page(v, &lang)).collect())
}

#[server(prefix = "/sfn", endpoint = "conflict")]
pub async fn load_conflict(
    id: String,
    lang: String,
) -> Result<Option<ConflictPage>, ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    let k = knowledge()?;
    match k.conflict(&id).await {
        Ok(v) => Ok(Some(conflict_page(v, &lang))),
        Err(ServiceError::NotFound { .. }) => Ok(None),
        Err(e) => Err(internal(e)),
    }
}

/// Resolves a conflict from its page: per field `c[pick.N]` is ours, theirs, base or
/// custom, with the custom value in `c[custom.N]` (text, or JSON for structured values).
#[server(prefix = "/sfn", endpoint = "resolve")]
pub async fn resolve_conflict(
    id: String,
    c: Option<HashMap<String, String>>,
) -> Result<(), ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    let k = knowledge()?;
    let c = c.unwrap_or_default();
    let back = format!("/conflicts/{id}");
    let view = match k.conflict(&id).await {
        Ok(v) => v,
        Err(ServiceError::NotFound { .. }) => {
            leptos_axum::redirect("/conflicts");
            return Ok(());
        }
        Err(e) => return Err(internal(e)),
    };
    let mut choices = serde_json::Map::new();
    for (n, f) in view.fields.iter().enumerate() {
        let pick = c
            .get(&format!("pick.{n}"))
            .map(String::as_str)
            .unwrap_or("ours");
        let choice = match pick {
            "theirs" | "base" | "ours" => Value::String(pick.to_string()),
            _ => {
                let raw = c.get(&format!("custom.{n}")).cloned().unwrap_or_default();
                let structured = f.values.iter().flatten().any(|v| !v.is_string());
                let value = if structured {
                    match serde_json::from_str::<Value>(&raw) {
                        Ok(v) => v,
                        Err(_) => {
                            leptos_axum::redirect(&format!("{back}?error=custom"));
                            return Ok(());
                        }
                    }
                } else {
                    Value::String(raw)
                };
                serde_json::json!({ "value": value })
            }
        };
        choices.insert(f.path.clone(), choice);
    }
    let body = k
        .compose_resolution(&id, &choices)
        .await
        .map_err(internal)?;
    let Some(author) =
        session::author_or_redirect(domain::policy::Action::ResolveConflict, &back).await?
    else {
        return Ok(());
    };
    match k.resolve_conflict(&id, body, &author).await {
        Ok(e) => leptos_axum::redirect(&format!(
            "/{}/{}?resolved=1",
            e.meta.kind.plural(),
            e.meta.id
        )),
        Err(ServiceError::Invalid(_)) => leptos_axum::redirect(&format!("{back}?error=invalid")),
        Err(ServiceError::ConflictClosed(_)) => {
            leptos_axum::redirect(&format!("{back}?error=closed"))
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}
