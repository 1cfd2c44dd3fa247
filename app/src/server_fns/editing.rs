//! The create and edit forms: loading them (from an entry, a draft or a prefill),
//! saving them with editor actions, and deleting an entry.

use super::*;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormPage {
    pub fields: Fields,
    pub problems: Vec<Problem>,
    pub base_revision: Option<String>,
    pub notice: Option<String>,
    /// What each picker found for the name typed into it: field → (id, label).
    pub picks: BTreeMap<String, Vec<(String, String)>>,
    /// Labels of the entries the reference fields name now, in the reader's language.
    pub labels: BTreeMap<String, String>,
    /// Every category as (id, label, depth), in tree order, for the category checkboxes.
    pub taxonomy: Vec<(String, String, usize)>,
    /// The instance's most used tags, suggested in the tag fields.
    pub known_tags: Vec<String>,
    /// The values the type and relationship choices offer, extensions included.
    pub vocab: domain::vocab::Vocabularies,
    /// Names of the extension values in the reader's language, by key.
    pub term_names: BTreeMap<String, String>,
    /// Repair forms: the ORDS categories' names in the reader's language, by ORDS id.
    pub ords_names: BTreeMap<u32, String>,
    /// Repair forms: the record just saved (id, label), when starting the next.
    pub recorded: Option<(String, String)>,
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
    #[serde(default)]
    pub picks: BTreeMap<String, Vec<(String, String)>>,
}

/// Entries of `kind` whose names match `q` in any language, best first: (id, label in
/// the reader's language).
#[cfg(feature = "ssr")]
async fn find_entries(
    kind: EntityKind,
    q: &str,
    lang: &str,
) -> Result<Vec<(String, String)>, ServerFnError> {
    use domain::search::SearchRequest;
    let q: String = q.trim().chars().take(200).collect();
    if q.is_empty() || kind == EntityKind::Relationship {
        return Ok(Vec::new());
    }
    let pairs = [
        ("q".to_string(), q),
        ("kind".to_string(), kind.as_str().to_string()),
        ("limit".to_string(), "8".to_string()),
    ];
    let Ok(req) = SearchRequest::from_pairs(&pairs, lang) else {
        return Ok(Vec::new());
    };
    match backend::app_state()?.search.run(req).await {
        Ok(r) => Ok(r.hits.into_iter().map(|h| (h.id, h.title)).collect()),
        Err(e) if e.is_bad_request() => Ok(Vec::new()),
        Err(e) => Err(backend::internal(e)),
    }
}

/// What a picker offers as someone types a name (with the client bundle): each match's
/// id and the label of the button that chooses it, in `lang`.
#[server(prefix = "/sfn", endpoint = "find")]
pub async fn find_for_picker(
    kind: EntityKind,
    q: String,
    lang: String,
) -> Result<Vec<(String, String)>, ServerFnError> {
    let lang = domain::lang::supported(&lang).unwrap_or(domain::lang::DEFAULT_LANG);
    let found = find_entries(kind, &q, lang).await?;
    Ok(crate::ui::picker::choices(lang, &found))
}

/// A name typed into a picker and saved without choosing: one match (or one whose name
/// is exactly what was typed) is taken; otherwise the form says so and offers the matches.
#[cfg(feature = "ssr")]
async fn resolve_typed_names(draft: &mut Draft, lang: &str) -> Result<(), ServerFnError> {
    use domain::form::{picker_query, reference_fields, referred_kind};
    for (field, _) in reference_fields(draft.kind) {
        let typed = draft
            .fields
            .get(&picker_query(field))
            .map(|q| q.trim().to_string())
            .unwrap_or_default();
        let chosen = draft
            .fields
            .get(*field)
            .is_some_and(|v| !v.trim().is_empty());
        let Some(kind) = referred_kind(draft.kind, &draft.fields, field) else {
            continue;
        };
        if typed.is_empty() || chosen {
            continue;
        }
        let found = find_entries(kind, &typed, lang).await?;
        let exact: Vec<&(String, String)> = found
            .iter()
            .filter(|(_, label)| label.trim().to_lowercase() == typed.to_lowercase())
            .collect();
        let pick = match (found.as_slice(), exact.as_slice()) {
            ([one], _) => Some(one.0.clone()),
            (_, [one]) => Some(one.0.clone()),
            _ => None,
        };
        match pick {
            Some(id) => {
                draft.fields.insert(field.to_string(), id);
            }
            None => {
                let code = if found.is_empty() {
                    "no_match"
                } else {
                    "pick_one"
                };
                draft
                    .problems
                    .push(Problem::new(*field, code, &[("query", typed.clone())]));
                draft.picks.insert(field.to_string(), found);
            }
        }
    }
    Ok(())
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
            page.picks = d.picks;
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
                    "categories",
                    "parents",
                    "vocabulary",
                ];
                let prefill = prefill.unwrap_or_default();
                if kind == EntityKind::Repair {
                    super::repairs::repair_prefill(&k, &mut page, &prefill).await?;
                }
                for (key, v) in prefill {
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
    // "Written in" starts as the language of the entry's name or title (an entry that
    // does not record it is in the instance's first content language); a new entry's
    // texts are taken to be in the language its author uses here.
    if !page.fields.contains_key(domain::form::WRITTEN_IN) {
        let written_in = match &id {
            Some(_) => ["name.lang", "title.lang", "content.title.lang"]
                .iter()
                .find_map(|k| page.fields.get(*k).cloned())
                .unwrap_or_else(crate::ui::first_content_language),
            None => lang.clone(),
        };
        page.fields
            .insert(domain::form::WRITTEN_IN_BEFORE.into(), written_in.clone());
        page.fields
            .insert(domain::form::WRITTEN_IN.into(), written_in);
    }
    // The chosen entries and the matches a Find kept, named in this page's language
    // (the search that found them may have run in another).
    let named: std::collections::BTreeSet<String> = domain::form::reference_fields(kind)
        .iter()
        .filter_map(|(field, _)| page.fields.get(*field))
        .map(|id| id.trim().to_string())
        .filter(|id| !id.is_empty())
        .chain(page.picks.values().flatten().map(|(id, _)| id.clone()))
        .collect();
    page.labels = k.labels_of(&named, &lang).await.map_err(internal)?;
    if kind != EntityKind::Relationship {
        let tree = k.category_tree(&lang).await.map_err(internal)?;
        page.taxonomy = domain::taxonomy::flatten(&tree);
    }
    if matches!(
        kind,
        EntityKind::Thing | EntityKind::Story | EntityKind::Guide
    ) {
        page.known_tags = k
            .tags("", super::SUGGESTED_TAGS)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|(t, _)| t)
            .collect();
    }
    if kind == EntityKind::Repair {
        page.ords_names = k.ords_category_names(&lang).await.map_err(internal)?;
    }
    page.vocab = k.vocabularies().await.map_err(internal)?;
    page.term_names = k.term_names(&lang).await.map_err(internal)?;
    for (id, label) in page.picks.values_mut().flatten() {
        if let Some(named) = page.labels.get(id) {
            label.clone_from(named);
        }
    }
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
    domain::form::fold_checkboxes(&mut fields, &["categories", "parents"]);
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
        picks: BTreeMap::new(),
    };
    let lang = crate::ui::request_lang();
    if let Some(field) = intent.strip_prefix("find:") {
        // Without the client bundle a picker searches by sending the form.
        if let Some(found_kind) = domain::form::referred_kind(kind, &draft.fields, field) {
            let q = draft
                .fields
                .get(&domain::form::picker_query(field))
                .cloned()
                .unwrap_or_default();
            let found = find_entries(found_kind, &q, lang).await?;
            if found.is_empty() {
                draft
                    .problems
                    .push(Problem::new(field, "no_match", &[("query", q)]));
            }
            draft.picks.insert(field.to_string(), found);
        }
        let token = store_draft(&k, &draft).await?;
        super::backend::redirect(&format!("{form_url}?draft={token}"));
        return Ok(());
    }
    let next = kind == EntityKind::Repair && id.is_none() && intent == "save-next";
    let intent = if next { "save".to_string() } else { intent };
    if intent != "save" {
        domain::form::apply_intent(kind, &mut draft.fields, &intent);
        let token = store_draft(&k, &draft).await?;
        super::backend::redirect(&format!("{form_url}?draft={token}"));
        return Ok(());
    }
    let action = if id.is_some() {
        domain::policy::Action::Update
    } else {
        domain::policy::Action::Create
    }
    .on(kind);
    let author = match session::authorize(action).await? {
        Ok(name) => name,
        Err(denied) => {
            // Keep the edit: the user comes back to it after signing in.
            let token = store_draft(&k, &draft).await?;
            super::backend::redirect(&session::refused(
                denied,
                &format!("{form_url}?draft={token}"),
            ));
            return Ok(());
        }
    };
    resolve_typed_names(&mut draft, lang).await?;
    let written_in = draft
        .fields
        .get(domain::form::WRITTEN_IN)
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| lang.to_string());
    if !domain::validate::is_language_tag(&written_in) {
        draft.problems.push(Problem::new(
            domain::form::WRITTEN_IN,
            "invalid_language_tag",
            &[("value", written_in.clone())],
        ));
    }
    if !draft.problems.is_empty() {
        let token = store_draft(&k, &draft).await?;
        super::backend::redirect(&format!("{form_url}?draft={token}"));
        return Ok(());
    }
    let mut input = domain::form::from_fields(kind, &draft.fields);
    let extra = k.also_needed(kind, id.as_deref(), Some(&input)).await;
    if let Some(extra) = extra.map_err(internal)? {
        if let Err(denied) = session::authorize(extra).await? {
            let token = store_draft(&k, &draft).await?;
            super::backend::redirect(&session::refused(
                denied,
                &format!("{form_url}?draft={token}"),
            ));
            return Ok(());
        }
    }
    k.stamp_languages(kind, id.as_deref(), &mut input, &written_in)
        .await
        .map_err(internal)?;
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
        Ok((_, saved)) if next => {
            super::backend::redirect(&super::repairs::next_repair_url(&saved));
            Ok(())
        }
        Ok((merged, saved)) => {
            let flag = if merged { "merged" } else { "saved" };
            super::backend::redirect(&format!("/{}/{}?{flag}=1", kind.plural(), saved.meta.id));
            Ok(())
        }
        Err(ServiceError::Conflict(view)) => {
            super::backend::redirect(&format!(
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
            super::backend::redirect(&format!("{form_url}?draft={token}"));
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
            super::backend::redirect(&format!("{form_url}?draft={token}"));
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
        super::backend::redirect(&format!("/{}/{id}/delete?error=confirm", kind.plural()));
        return Ok(());
    }
    match k
        .delete(kind, &id, base_revision.filter(|b| !b.is_empty()), &author)
        .await
    {
        Ok(()) => super::backend::redirect(&format!("/{}?deleted=1", kind.plural())),
        Err(ServiceError::Stale { .. }) => {
            super::backend::redirect(&format!("/{}/{id}/delete?error=stale", kind.plural()))
        }
        Err(ServiceError::NotFound { .. }) => {
            super::backend::redirect(&format!("/{}?deleted=1", kind.plural()))
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}
