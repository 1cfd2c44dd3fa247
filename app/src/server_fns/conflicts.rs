//! The conflict queue and resolving a conflict field by field.

use super::*;

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
            super::backend::redirect("/conflicts");
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
                            super::backend::redirect(&format!("{back}?error=custom"));
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
        Ok(e) => super::backend::redirect(&format!(
            "/{}/{}?resolved=1",
            e.meta.kind.plural(),
            e.meta.id
        )),
        Err(ServiceError::Invalid(_)) => super::backend::redirect(&format!("{back}?error=invalid")),
        Err(ServiceError::ConflictClosed(_)) => {
            super::backend::redirect(&format!("{back}?error=closed"))
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}
