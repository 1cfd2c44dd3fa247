//! The vocabulary pages' data: every vocabulary with its size, and one vocabulary's
//! values (the built-in ones and the instance's terms).

use super::*;

/// One vocabulary as `/vocabularies` lists it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VocabularySummary {
    pub name: String,
    /// Its values are choices entries must make (admins extend it).
    pub controlled: bool,
    pub built_in: usize,
    pub terms: usize,
}

/// One value of a vocabulary: a built-in value, a term, or a term refining a built-in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TermRow {
    /// The term's id; none for a built-in value no term refines.
    pub id: Option<String>,
    pub key: String,
    pub built_in: bool,
    /// The term's name in the reader's language; empty for a plain built-in value.
    pub name: String,
    pub synonyms: String,
    /// Relationship types: the name read from the other end, and the kinds joined.
    pub inverse_name: String,
    pub joins: Option<(Vec<EntityKind>, Vec<EntityKind>)>,
    /// Tools: the thing describing the tool, and its name.
    pub thing: Option<(String, String)>,
}

/// What `/vocabularies/{name}` shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VocabularyPage {
    pub name: String,
    pub controlled: bool,
    pub rows: Vec<TermRow>,
}

#[server(prefix = "/sfn", endpoint = "vocabularies")]
pub async fn load_vocabularies() -> Result<Vec<VocabularySummary>, ServerFnError> {
    use backend::*;
    let terms = knowledge()?.terms().await.map_err(internal)?;
    Ok(domain::vocab::VOCABULARIES
        .iter()
        .map(|name| {
            let built_in = domain::vocab::Vocabularies::built_in(name);
            VocabularySummary {
                name: name.to_string(),
                controlled: domain::vocab::is_controlled(name),
                terms: terms
                    .iter()
                    .filter(|(_, t)| t.vocabulary == *name && !built_in.contains(&t.key))
                    .count(),
                built_in: built_in.len(),
            }
        })
        .collect())
}

/// `None` for a name that is no vocabulary.
#[server(prefix = "/sfn", endpoint = "vocabulary")]
pub async fn load_vocabulary(
    name: String,
    lang: String,
) -> Result<Option<VocabularyPage>, ServerFnError> {
    use backend::*;
    if !domain::vocab::VOCABULARIES.contains(&name.as_str()) {
        return Ok(None);
    }
    let k = knowledge()?;
    let view = k.vocabulary(&name).await.map_err(internal)?;
    let things: std::collections::BTreeSet<String> = view
        .terms
        .iter()
        .filter_map(|(_, t)| t.thing_id.clone())
        .collect();
    let labels = k.labels_of(&things, &lang).await.map_err(internal)?;
    let row = |id: Option<&String>, key: &str, term: Option<&domain::vocab::Term>| TermRow {
        id: id.cloned(),
        key: key.to_string(),
        built_in: view.built_in.iter().any(|b| b == key),
        name: term
            .map(|t| t.name.get(&lang).to_string())
            .unwrap_or_default(),
        synonyms: term
            .and_then(|t| t.synonyms.as_ref())
            .map(|s| s.get(&lang).to_string())
            .unwrap_or_default(),
        inverse_name: term
            .and_then(|t| t.inverse_name.as_ref())
            .map(|s| s.get(&lang).to_string())
            .unwrap_or_default(),
        joins: term
            .filter(|t| !t.source_kinds.is_empty() || !t.target_kinds.is_empty())
            .map(|t| (t.source_kinds.clone(), t.target_kinds.clone())),
        thing: term.and_then(|t| t.thing_id.clone()).map(|id| {
            let label = labels.get(&id).cloned().unwrap_or_else(|| id.clone());
            (id, label)
        }),
    };
    let mut rows: Vec<TermRow> = view
        .built_in
        .iter()
        .map(|key| {
            let term = view.terms.iter().find(|(_, t)| &t.key == key);
            row(term.map(|(id, _)| id), key, term.map(|(_, t)| t))
        })
        .collect();
    let mut added: Vec<TermRow> = view
        .terms
        .iter()
        .filter(|(_, t)| !view.built_in.contains(&t.key))
        .map(|(id, t)| row(Some(id), &t.key, Some(t)))
        .collect();
    added.sort_by_key(|r| r.name.to_lowercase());
    rows.extend(added);
    Ok(Some(VocabularyPage {
        controlled: domain::vocab::is_controlled(&name),
        name,
        rows,
    }))
}

/// Suggested terms `/suggested-terms` lists at most.
#[cfg(feature = "ssr")]
const SUGGESTIONS_LISTED: i64 = 200;

/// One text entries name that no term names.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SuggestionRow {
    pub vocabulary: String,
    pub text: String,
    /// The facet value the text has in search while no term names it.
    pub folded: String,
    pub entries: i64,
    /// The key accepting it makes, when one can be made from the text.
    pub key: Option<String>,
}

/// What `/suggested-terms` shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SuggestionsPage {
    /// The visitor may decide (experts and above).
    pub may_decide: bool,
    pub rows: Vec<SuggestionRow>,
    /// Per open vocabulary, its terms as (id, name in the reader's language), by name.
    pub terms: BTreeMap<String, Vec<(String, String)>>,
}

#[server(prefix = "/sfn", endpoint = "suggested_terms")]
pub async fn load_suggestions(lang: String) -> Result<SuggestionsPage, ServerFnError> {
    use backend::*;
    let k = knowledge()?;
    let may_decide = session::authorize(domain::policy::Action::EditVocabulary)
        .await?
        .is_ok();
    let rows = k
        .vocabulary_suggestions("", SUGGESTIONS_LISTED)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|s| SuggestionRow {
            key: domain::vocab::key_from(&s.text),
            vocabulary: s.vocabulary,
            text: s.text,
            folded: s.folded,
            entries: s.entries,
        })
        .collect();
    let mut terms: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (id, t) in k.terms().await.map_err(internal)?.iter() {
        if !domain::vocab::is_controlled(&t.vocabulary) {
            terms
                .entry(t.vocabulary.clone())
                .or_default()
                .push((id.clone(), t.name.get(&lang).to_string()));
        }
    }
    for list in terms.values_mut() {
        list.sort_by_key(|(_, name)| name.to_lowercase());
    }
    Ok(SuggestionsPage {
        may_decide,
        rows,
        terms,
    })
}

/// An expert's decision on a suggested text: `accept` (a new term, with `key` or one
/// made from the text), `map` (another name of `term`) or `reject`. Returns to the
/// list, which says what happened or why it could not.
#[server(prefix = "/sfn", endpoint = "decide_suggestion")]
pub async fn decide_suggestion(
    vocabulary: String,
    text: String,
    decision: String,
    key: Option<String>,
    term: Option<String>,
) -> Result<(), ServerFnError> {
    use backend::*;
    use service::knowledge::ServiceError;
    const BACK: &str = "/suggested-terms";
    let Some(author) =
        session::author_or_redirect(domain::policy::Action::EditVocabulary, BACK).await?
    else {
        return Ok(());
    };
    let k = knowledge()?;
    let done = match decision.as_str() {
        "accept" => k
            .accept_suggestion(&vocabulary, &text, key.as_deref(), &author)
            .await
            .map(|_| "accepted"),
        "map" => k
            .map_suggestion(
                &vocabulary,
                &text,
                term.as_deref().unwrap_or_default(),
                &author,
            )
            .await
            .map(|_| "mapped"),
        "reject" => k
            .reject_suggestion(&vocabulary, &text, &author)
            .await
            .map(|_| "rejected"),
        _ => Err(ServiceError::Invalid(vec![domain::Problem::new(
            "decision",
            "not_in_vocabulary",
            &[("allowed", "accept, map, reject".into())],
        )])),
    };
    let text_param = super::escaped_tag(text.trim());
    match done {
        Ok(done) => redirect(&format!("{BACK}?{done}={text_param}")),
        Err(ServiceError::Invalid(problems)) => {
            let code = problems.first().map_or("invalid", |p| p.code.as_str());
            let vocabulary = super::escaped_tag(&vocabulary);
            redirect(&format!(
                "{BACK}?problem={code}&vocabulary={vocabulary}&text={text_param}"
            ));
        }
        Err(e) if service_notice(&e).is_some() => {
            redirect(&format!("{BACK}?problem=stale&text={text_param}"))
        }
        Err(e) => return Err(internal(e)),
    }
    Ok(())
}
