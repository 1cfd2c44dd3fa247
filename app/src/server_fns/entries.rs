//! An entry's page, its history, diffs between revisions, reverting, and hiding it.

use super::*;

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
    /// The page's own address on this instance, for links that leave the site.
    pub page_url: String,
    /// Who wrote its first and its current version.
    pub created: Option<domain::view::Byline>,
    pub updated: Option<domain::view::Byline>,
    /// The media files the entry and its steps name.
    pub media: crate::ui::media::MediaFiles,
    /// The largest file an upload takes.
    pub upload_max: u64,
    /// Bytes the signed-in visitor may still upload, when a quota limits them.
    pub upload_left: Option<u64>,
    /// On a category's page: its neighbours in the taxonomy and what is filed below it.
    pub category: Option<CategoryExtras>,
    /// The terms the entry's material and tool texts name, by `vocabulary:folded text`.
    pub named_terms: BTreeMap<String, domain::vocab::NamedTerm>,
    /// Names of the instance's own types and inverse relationship names (`inverse-KEY`)
    /// in the reader's language.
    pub term_names: BTreeMap<String, String>,
    /// For a thing, story or guide: what the repair records naming it say.
    pub repairs: Option<domain::impact::EntryImpact>,
    /// For an event: its records and figures.
    pub event: Option<super::outcomes::EventExtras>,
    /// For a story or guide: what readers said of following it.
    pub outcomes: Option<super::outcomes::OutcomesExtras>,
}

/// A category's place in the taxonomy and the entries filed under it or below it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryExtras {
    /// (id, label) of the parents and of the subcategories.
    pub parents: Vec<(String, String)>,
    pub children: Vec<(String, String)>,
    /// Per kind (things, stories, guides): the latest entries and how many there are.
    pub filed: Vec<(EntityKind, Vec<EntitySummary>, i64)>,
    /// The visitor may merge this category into another (experts and above).
    pub may_merge: bool,
    /// Every category as (id, label, depth), for choosing where it goes.
    pub taxonomy: Vec<(String, String, usize)>,
    /// (id, label) of the category this one was merged into.
    pub merged_into: Option<(String, String)>,
}

/// Entries shown per kind on a category's page; the list page has the rest.
pub const CATEGORY_PAGE_ENTRIES: i64 = 20;

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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DiffPage {
    pub label: String,
    pub from: HistoryItem,
    pub to: HistoryItem,
    pub changes: Vec<domain::diff::Change>,
}

#[server(prefix = "/sfn", endpoint = "entity")]
pub async fn load_entity(
    kind: EntityKind,
    id: String,
    lang: String,
) -> Result<Option<EntityPage>, ServerFnError> {
    use backend::*;
    use service::knowledge::{Readable, ServiceError};
    let k = knowledge()?;
    let user = super::session::current().await?;
    let reader = Reader::with_role(user.as_ref().map(|u| u.role.as_str()));
    let view = match k.entity_view(kind, &id, reader, &lang).await {
        Ok(Readable::Visible(v)) => v,
        Ok(Readable::Hidden { meta, hidden }) => {
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
                created: None,
                updated: None,
                page_url: String::new(),
                media: Default::default(),
                upload_max: 0,
                upload_left: None,
                category: None,
                named_terms: BTreeMap::new(),
                term_names: BTreeMap::new(),
                repairs: None,
                event: None,
                outcomes: None,
            }));
        }
        Err(ServiceError::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(internal(e)),
    };
    let state = app_state()?;
    state.translations.note_view(&id);
    let mut related = Vec::new();
    if kind.in_graph() {
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
    let ids = domain::media::media_ids(&view.entity.body);
    let mut media = crate::ui::media::MediaFiles::default();
    for info in state.media.infos(&ids).await.map_err(internal)? {
        if let Some(p) = service::media::placeholder_url(&info) {
            media.placeholders.insert(info.hash.clone(), p);
        }
        media.files.insert(info.hash.clone(), info);
    }
    let upload_left = match &user {
        Some(u) => state.media.room_left(&u.username).await.map_err(internal)?,
        None => None,
    };
    let category = match kind {
        EntityKind::Category => Some(category_extras(&k, &id, &lang).await.map_err(internal)?),
        _ => None,
    };
    let named_terms = match domain::parse_body(kind, &view.entity.body) {
        Some(body) => k.terms_named(&body, &lang).await.map_err(internal)?,
        None => BTreeMap::new(),
    };
    let repairs = state
        .impact
        .entry_impact(kind, &id)
        .await
        .map_err(internal)?;
    let event = match kind {
        EntityKind::Event => {
            Some(super::outcomes::event_extras(&k, &state.impact, &id, &lang).await?)
        }
        _ => None,
    };
    let outcomes = match kind {
        EntityKind::Story | EntityKind::Guide => Some(
            super::outcomes::outcomes_extras(&k, &id, user.as_ref().map(|u| u.username.as_str()))
                .await?,
        ),
        _ => None,
    };
    Ok(Some(EntityPage {
        repairs,
        event,
        outcomes,
        term_names: k.term_names(&lang).await.map_err(internal)?,
        named_terms,
        category,
        media,
        upload_max: state.media.limits().max_bytes,
        upload_left,
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
        created: view.created,
        updated: view.updated,
        page_url: format!("{}/{}/{id}", k.public_url(), kind.plural()),
    }))
}

#[cfg(feature = "ssr")]
async fn category_extras(
    k: &service::knowledge::Knowledge,
    id: &str,
    lang: &str,
) -> service::knowledge::Result<CategoryExtras> {
    let may_merge = session::authorize(domain::policy::Action::EditTaxonomy)
        .await
        .is_ok_and(|r| r.is_ok());
    let merged_into = match k.resolve_category(id).await? {
        target if target != id => k
            .category_labels_of(std::slice::from_ref(&target), lang)
            .await?
            .into_iter()
            .next(),
        _ => None,
    };
    let taxonomy = if may_merge {
        domain::taxonomy::flatten(&k.category_tree(lang).await?)
    } else {
        Vec::new()
    };
    let (parents, children) = k.category_neighbours(id, lang).await?;
    let within = k.category_and_below(id).await?;
    // Totals come from the kept counts: counting a large category's entries per view
    // would cost more than listing its first few.
    let totals = k.filed_below(id).await?;
    let mut filed = Vec::new();
    for kind in [EntityKind::Thing, EntityKind::Story, EntityKind::Guide] {
        let total = totals.get(&kind).copied().unwrap_or(0);
        let items = if total > 0 {
            let filter = service::knowledge::ListFilter {
                within: Some(within.clone()),
                expected: Some(total),
                ..Default::default()
            };
            k.list_page(kind, &filter, 0, CATEGORY_PAGE_ENTRIES).await?
        } else {
            Vec::new()
        };
        filed.push((kind, k.summaries_of(&items, lang).await?, total));
    }
    Ok(CategoryExtras {
        parents,
        children,
        filed,
        may_merge,
        taxonomy,
        merged_into,
    })
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
        Ok(_) => super::backend::redirect(&format!("{back}?moderated={intent}")),
        Err(ServiceError::Invalid(_)) => super::backend::redirect(&format!("{back}?error=reason")),
        Err(e) if service_notice(&e).is_some() => {
            super::backend::redirect(&format!("{back}?error=moderation"))
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
        Ok(None) => {}
        Ok(Some(_)) | Err(ServiceError::NotFound { .. }) => return Ok(None),
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
    let described = domain::revision::describe(&revs);
    let mut items: Vec<HistoryItem> = revs
        .iter()
        .zip(described)
        .map(|(r, op)| {
            let before = r
                .parents
                .first()
                .and_then(|p| by_id.get(p.as_str()).copied())
                .unwrap_or(&null);
            let changed = match r.op {
                domain::revision::Op::Delete => Vec::new(),
                _ => domain::changed_paths(before, &r.body),
            };
            HistoryItem {
                op: op.to_string(),
                ..history_item(r, changed)
            }
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
        .is_some()
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
        session::author_or_redirect(domain::policy::Action::Revert.on(kind), &history).await?
    else {
        return Ok(());
    };
    let extra = k.also_needed(kind, Some(&id), None).await;
    if let Some(extra) = extra.map_err(internal)? {
        if session::author_or_redirect(extra, &history)
            .await?
            .is_none()
        {
            return Ok(());
        }
    }
    match k.revert(kind, &id, &revision, base, &author).await {
        Ok(_) => super::backend::redirect(&format!("/{}/{id}?reverted=1", kind.plural())),
        Err(ServiceError::Stale { .. }) => {
            super::backend::redirect(&format!("{history}?error=stale"))
        }
        Err(ServiceError::Invalid(_)) => {
            super::backend::redirect(&format!("{history}?error=invalid"))
        }
        Err(ServiceError::NotFound { .. }) => {
            super::backend::redirect(&format!("{history}?error=gone"))
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}
