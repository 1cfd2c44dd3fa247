//! Vocabulary pages: `/vocabularies` (every vocabulary with its size), one vocabulary's
//! values at `/vocabularies/{name}`, a term's own page (the body of `/terms/{id}`), and
//! the experts' queue of suggested terms at `/suggested-terms`.

use super::{entity_href, kind_singular, LoadError};
use crate::i18n::{use_i18n, I18n};
use crate::server_fns::{
    escaped_tag, load_suggestions, load_vocabularies, load_vocabulary, DecideSuggestion,
    SuggestionRow, TermRow, VocabularyPage as Data,
};
use crate::ui::widgets::{problem_text, vocab};
use crate::ui::NotFound;
use domain::vocab::Term;
use domain::EntityKind;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::BTreeMap;

/// A vocabulary's name in the page's language (`vocab-thing-types`).
fn vocabulary_name(i: &I18n, name: &str) -> String {
    vocab(i, name)
}

fn kinds_text(i: &I18n, kinds: &[EntityKind]) -> String {
    if kinds.is_empty() {
        return i.t("term-any-kind");
    }
    kinds
        .iter()
        .map(|k| i.t(&kind_singular(*k)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `/vocabularies`: the shared vocabularies, what each is for, and how many values it has.
#[component]
pub fn VocabulariesPage() -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(|| (), |_| load_vocabularies());
    let title = i.t("vocabularies-title");
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="hint">{i.t("vocabularies-intro")}" "<a href="/suggested-terms">{i.t("suggestions-link")}</a></p>
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => view! {
                        <ul class="vocabularies">
                            {list.into_iter().map(|v| {
                                let count = i.ta("vocabulary-count", &[
                                    ("built_in", v.built_in.to_string()),
                                    ("terms", v.terms.to_string()),
                                ]);
                                let who = if v.controlled { "vocabulary-controlled" } else { "vocabulary-open" };
                                view! {
                                    <li>
                                        <a href=format!("/vocabularies/{}", v.name)>{vocabulary_name(&i, &v.name)}</a>
                                        " "<span class="count">{count}</span>
                                        <br/><span class="hint">{i.t(who)}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `/vocabularies/{name}`: the built-in values and the instance's terms, each with its
/// name in the reader's language, and a link to add a term.
#[component]
pub fn VocabularyPage() -> impl IntoView {
    let i = use_i18n();
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("name").unwrap_or_default(),
        move |name| load_vocabulary(name, i.lang.to_string()),
    );
    view! {
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(page)) => view! { <VocabularyView page/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn VocabularyView(page: Data) -> impl IntoView {
    let i = use_i18n();
    let title = vocabulary_name(&i, &page.name);
    let relationships = page.name == "relationship-types";
    let tools = page.name == "tools";
    let who = if page.controlled {
        "vocabulary-controlled"
    } else {
        "vocabulary-open"
    };
    let add = format!("/terms/new?vocabulary={}", page.name);
    let region = title.clone();
    view! {
        <Title text=title.clone()/>
        <p class="kind-label"><a href="/vocabularies">{i.t("vocabularies-title")}</a></p>
        <h1>{title}</h1>
        <p class="hint">{i.t(who)}</p>
        <p><a class="button" href=add>{i.t("term-add")}</a></p>
        {if page.rows.is_empty() {
            view! { <p class="none">{i.t("vocabulary-empty")}</p> }.into_any()
        } else {
            view! {
                // Keyboard users scroll a table wider than a phone by focusing it.
                <div class="table-scroll" tabindex="0" role="region" aria-label=region>
                    <table class="terms">
                        <thead><tr>
                            <th scope="col">{i.t("field-name")}</th>
                            <th scope="col">{i.t("field-key")}</th>
                            <th scope="col">{i.t("field-synonyms")}</th>
                            {relationships.then(|| view! {
                                <th scope="col">{i.t("field-inverse-name")}</th>
                                <th scope="col">{i.t("term-joins")}</th>
                            })}
                            {tools.then(|| view! { <th scope="col">{i.t("field-tool-thing")}</th> })}
                        </tr></thead>
                        <tbody>
                            {page.rows.into_iter().map(|row| view! { <TermRowView row relationships tools/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

#[component]
fn TermRowView(row: TermRow, relationships: bool, tools: bool) -> impl IntoView {
    let i = use_i18n();
    let name = if row.name.is_empty() {
        vocab(&i, &row.key)
    } else {
        row.name.clone()
    };
    let inverse = if row.inverse_name.is_empty() {
        vocab(&i, &format!("inverse-{}", row.key))
    } else {
        row.inverse_name.clone()
    };
    let joins = row.joins.clone().map_or_else(
        || i.t("term-any-kind"),
        |(from, to)| format!("{} → {}", kinds_text(&i, &from), kinds_text(&i, &to)),
    );
    view! {
        <tr>
            <th scope="row">
                {match &row.id {
                    Some(id) => view! { <a href=entity_href(EntityKind::Term, id)>{name}</a> }.into_any(),
                    None => view! { <span>{name}</span> }.into_any(),
                }}
                {row.built_in.then(|| view! { " "<span class="badge">{i.t("term-built-in")}</span> })}
            </th>
            <td><code>{row.key.clone()}</code></td>
            <td>{row.synonyms.clone()}</td>
            {relationships.then(|| view! { <td>{inverse}</td><td>{joins}</td> })}
            {tools.then(|| view! {
                <td>{row.thing.clone().map(|(id, label)| view! { <a href=entity_href(EntityKind::Thing, &id)>{label}</a> })}</td>
            })}
        </tr>
    }
}

/// A term's page: its vocabulary, key, other names, and what its vocabulary adds.
#[component]
pub fn TermView(term: Term, labels: BTreeMap<String, String>) -> impl IntoView {
    let i = use_i18n();
    let vocabulary = term.vocabulary.clone();
    let localized = |t: &Option<domain::LocalizedText>| {
        t.as_ref()
            .map(|t| t.get(i.lang).to_string())
            .filter(|s| !s.is_empty())
    };
    let synonyms = localized(&term.synonyms);
    let description = localized(&term.description);
    let inverse = localized(&term.inverse_name);
    let relationships = vocabulary == "relationship-types";
    view! {
        {description.map(|d| view! { <p class="summary">{d}</p> })}
        <dl class="props">
            <dt>{i.t("field-vocabulary")}</dt>
            <dd><a href=format!("/vocabularies/{vocabulary}")>{vocabulary_name(&i, &vocabulary)}</a></dd>
            <dt>{i.t("field-key")}</dt><dd><code>{term.key.clone()}</code></dd>
            {synonyms.map(|s| view! { <dt>{i.t("field-synonyms")}</dt><dd>{s}</dd> })}
            {inverse.map(|s| view! { <dt>{i.t("field-inverse-name")}</dt><dd>{s}</dd> })}
            {relationships.then(|| view! {
                <dt>{i.t("field-source-kinds")}</dt><dd>{kinds_text(&i, &term.source_kinds)}</dd>
                <dt>{i.t("field-target-kinds")}</dt><dd>{kinds_text(&i, &term.target_kinds)}</dd>
            })}
            {term.thing_id.clone().map(|id| {
                let label = labels.get(&id).cloned().unwrap_or_else(|| id.clone());
                view! { <dt>{i.t("field-tool-thing")}</dt><dd><a href=entity_href(EntityKind::Thing, &id)>{label}</a></dd> }
            })}
        </dl>
    }
}

/// `/suggested-terms`: material and tool texts entries name that no term names yet,
/// most named first; experts accept each as a term, add it to a term's names, or
/// reject it.
#[component]
pub fn SuggestionsPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let data = Resource::new(
        move || query.read().get("text"),
        move |_| load_suggestions(i.lang.to_string()),
    );
    let title = i.t("suggestions-title");
    let notice = move || {
        let q = query.read();
        let text = q.get("text").unwrap_or_default();
        for done in ["accepted", "mapped", "rejected"] {
            if let Some(t) = q.get(done) {
                let key = format!("suggestion-{done}");
                return Some(view! { <p class="notice success" role="status">{i.ta(&key, &[("text", t)])}</p> }.into_any());
            }
        }
        q.get("problem").map(|code| {
            let said = if code == "stale" {
                i.t("notice-stale")
            } else {
                let params = [
                    ("max", domain::fields::MAX_SHORT.to_string()),
                    ("vocabulary", q.get("vocabulary").unwrap_or_default()),
                ];
                let p = domain::Problem::new("text", &code, &params);
                problem_text(&i, &p)
            };
            view! { <p class="notice warning" role="alert">{format!("{text}: {said}")}</p> }
                .into_any()
        })
    };
    view! {
        <Title text=title.clone()/>
        <p class="kind-label"><a href="/vocabularies">{i.t("vocabularies-title")}</a></p>
        <h1>{title}</h1>
        <p class="hint">{i.t("suggestions-intro")}</p>
        {notice}
        <Suspense fallback=move || view! { <p>{i.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) if page.rows.is_empty() => view! { <p class="none">{i.t("suggestions-none")}</p> }.into_any(),
                    Ok(page) => {
                        let terms = page.terms.clone();
                        let may = page.may_decide;
                        view! {
                            {(!may).then(|| view! { <p class="hint">{i.t("suggestions-experts")}</p> })}
                            <ul class="suggestions">
                                {page.rows.into_iter().map(|row| {
                                    let terms = terms.get(&row.vocabulary).cloned().unwrap_or_default();
                                    view! { <SuggestionView row terms may_decide=may/> }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Err(_) => view! { <LoadError/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SuggestionView(
    row: SuggestionRow,
    terms: Vec<(String, String)>,
    may_decide: bool,
) -> impl IntoView {
    let i = use_i18n();
    let facet = if row.vocabulary == "tools" {
        "tool"
    } else {
        "material"
    };
    let search = format!("/search?{facet}={}", escaped_tag(&row.folded));
    let count = i.ta("suggestion-entries", &[("count", row.entries.to_string())]);
    let id = format!("s-{}-{}", row.vocabulary, escaped_tag(&row.folded));
    view! {
        <li class="suggestion">
            <p>
                <strong>{row.text.clone()}</strong>" "
                <span class="badge">{vocab(&i, &row.vocabulary)}</span>" "
                <a href=search>{count}</a>
            </p>
            {may_decide.then(|| view! { <Decisions row=row.clone() terms id/> })}
        </li>
    }
}

/// An expert's three forms for one suggested text: accept (with the key to use), map
/// onto a term, reject.
#[component]
fn Decisions(row: SuggestionRow, terms: Vec<(String, String)>, id: String) -> impl IntoView {
    let i = use_i18n();
    let decide = ServerAction::<DecideSuggestion>::new();
    let fields = |decision: &'static str| {
        let (vocabulary, text) = (row.vocabulary.clone(), row.text.clone());
        view! {
            <input type="hidden" name="vocabulary" value=vocabulary/>
            <input type="hidden" name="text" value=text/>
            <input type="hidden" name="decision" value=decision/>
        }
    };
    let (accept_fields, map_fields, reject_fields) =
        (fields("accept"), fields("map"), fields("reject"));
    let (key_id, term_id) = (format!("{id}-key"), format!("{id}-term"));
    let map = (!terms.is_empty()).then(|| {
        view! {
            <ActionForm action=decide>
                {map_fields}
                <label for=term_id.clone()>{i.t("suggestion-map-to")}</label>" "
                <select id=term_id.clone() name="term">
                    {terms.into_iter().map(|(tid, name)| view! { <option value=tid>{name}</option> }).collect_view()}
                </select>
                " "<button type="submit" class="secondary">{i.t("suggestion-map")}</button>
            </ActionForm>
        }
    });
    view! {
        <div class="decisions">
            <ActionForm action=decide>
                {accept_fields}
                <label for=key_id.clone()>{i.t("field-key")}</label>" "
                <input type="text" id=key_id.clone() name="key" value=row.key.clone().unwrap_or_default()
                    maxlength=domain::vocab::MAX_KEY.to_string() pattern="[a-z][a-z0-9_\\-]*"/>
                " "<button type="submit">{i.t("suggestion-accept")}</button>
            </ActionForm>
            {map}
            <ActionForm action=decide>
                {reject_fields}
                <button type="submit" class="secondary">{i.t("suggestion-reject")}</button>
            </ActionForm>
        </div>
    }
}
