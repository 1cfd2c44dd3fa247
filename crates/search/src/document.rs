//! One search document per thing, story or guide: its words analyzed in their
//! language, its facet values and what a hit shows.

use crate::schema::{self, Analyzers, Fields};
use crate::taxonomy::Taxonomy;
use domain::{parse_body, Body, LocalizedText, Step, ThingCategory};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use storage::StoredEntity;
use tantivy::schema::Facet;
use tantivy::tokenizer::{PreTokenizedString, Token};
use tantivy::TantivyDocument;

/// What a hit shows, stored with the document so results need no database reads.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Display {
    pub title: LocalizedText,
    pub subtitle: Vec<String>,
    pub updated_at: String,
    /// What the hit's cover is chosen from when it is shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<domain::media::MediaItem>,
}

/// Text gathered per language (an original that does not record its language counts
/// as English), titles apart.
#[derive(Default)]
struct Texts {
    title: BTreeMap<String, Vec<String>>,
    body: BTreeMap<String, Vec<String>>,
    /// Words found but never shown (category names and synonyms), per language.
    hidden: BTreeMap<String, Vec<String>>,
    keywords: Vec<String>,
}

fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

impl Texts {
    fn add(map: &mut BTreeMap<String, Vec<String>>, t: &LocalizedText) {
        if !t.default.trim().is_empty() {
            map.entry(primary(t.original_lang("en")))
                .or_default()
                .push(t.default.clone());
        }
        for (tag, text) in &t.translations {
            if !text.trim().is_empty() {
                map.entry(primary(tag)).or_default().push(text.clone());
            }
        }
    }

    fn title(&mut self, t: &LocalizedText) {
        Self::add(&mut self.title, t);
    }

    fn body(&mut self, t: Option<&LocalizedText>) {
        if let Some(t) = t {
            Self::add(&mut self.body, t);
        }
    }

    fn steps(&mut self, steps: &[Step], facets: &mut Facets, taxonomy: &Taxonomy) {
        for s in steps {
            self.body(Some(&s.description));
            for w in &s.warnings {
                self.body(Some(w));
            }
            for tool in &s.tools {
                facets.named("tools", tool, taxonomy, self);
            }
        }
    }
}

#[derive(Default)]
struct Facets(BTreeSet<(String, String)>);

impl Facets {
    fn add(&mut self, dimension: &str, value: &str) {
        let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if !v.is_empty() {
            self.0.insert((dimension.to_string(), v));
        }
    }

    /// An old free category is words, and what an unfiled story applies to; the
    /// taxonomy's categories are the facets.
    fn free_category(
        c: Option<&ThingCategory>,
        texts: &mut Texts,
        doc: &mut TantivyDocument,
        f: &Fields,
    ) {
        if let Some(c) = c {
            doc.add_text(f.free_category, c.category.to_lowercase());
            texts.keywords.push(c.category.clone());
            texts.keywords.extend(c.subcategory.clone());
        }
    }

    /// A material or tool text: the term it names is the facet value (its key), and the
    /// term's names and synonyms in every language find the entry; a text no term
    /// names is its own value, folded.
    fn named(&mut self, vocabulary: &str, text: &str, taxonomy: &Taxonomy, texts: &mut Texts) {
        let dimension = if vocabulary == "tools" {
            "tool"
        } else {
            "material"
        };
        texts.keywords.push(text.to_string());
        match taxonomy.term(vocabulary, text) {
            Some(term) => {
                self.add(dimension, &term.key);
                for (lang, word) in Taxonomy::term_words(term) {
                    texts.hidden.entry(primary(&lang)).or_default().push(word);
                }
            }
            None => self.add(dimension, &domain::vocab::fold(text)),
        }
    }

    /// The entry's tags, as a facet and as words to find it by.
    fn tags(&mut self, tags: &[String], texts: &mut Texts) {
        for t in tags {
            self.add("tag", t);
            texts.keywords.push(t.clone());
        }
    }

    /// The entry's categories and every one above them, each once, with their names
    /// and synonyms in each language.
    fn categories(&mut self, filed: &[String], taxonomy: &Taxonomy, texts: &mut Texts) {
        for c in taxonomy.with_ancestors(filed) {
            for (lang, word) in taxonomy.words(&c) {
                texts
                    .hidden
                    .entry(primary(lang))
                    .or_default()
                    .push(word.clone());
            }
            self.add("category", &c);
        }
    }
}

pub fn facet(dimension: &str, value: &str) -> Facet {
    Facet::from_path([dimension, value])
}

/// The instance part of an entity URI: where the entry was first made.
fn origin(uri: &str) -> String {
    url::Url::parse(uri)
        .ok()
        .and_then(|u| {
            let host = u.host_str()?.to_string();
            Some(match u.port() {
                Some(p) => format!("{host}:{p}"),
                None => host,
            })
        })
        .unwrap_or_default()
}

/// Words already analyzed; the text itself is not stored.
fn pre_tokenized(tokens: Vec<Token>) -> PreTokenizedString {
    PreTokenizedString {
        text: String::new(),
        tokens,
    }
}

/// Sortable number from the fixed-width RFC 3339 timestamps revisions carry.
pub fn sortable_time(ts: &str) -> i64 {
    let digits: String = ts.chars().filter(char::is_ascii_digit).take(17).collect();
    digits.parse().unwrap_or(0)
}

/// The search document of an entity, or `None` for what search does not show
/// (relationships, categories, hidden entries, unreadable bodies).
pub fn build(
    f: &Fields,
    analyzers: &Analyzers,
    taxonomy: &Taxonomy,
    e: &StoredEntity,
) -> Option<TantivyDocument> {
    let body = parse_body(e.meta.kind, &e.body)?;
    if body.hidden().is_some() {
        return None;
    }
    let mut texts = Texts::default();
    let mut facets = Facets::default();
    let mut doc = TantivyDocument::default();
    let (title, subtitle) = match &body {
        Body::Thing(t) => {
            texts.title(&t.name);
            texts.body(t.description.as_ref());
            facets.add("thing_type", &t.thing_type);
            facets.add("manufacturer", &t.manufacturer.name);
            texts.keywords.push(t.manufacturer.name.clone());
            texts.keywords.extend(t.identifier.clone());
            facets.categories(&t.categories, taxonomy, &mut texts);
            facets.tags(&t.tags, &mut texts);
            for m in &t.properties.materials {
                facets.named("materials", m, taxonomy, &mut texts);
            }
            (
                t.name.clone(),
                vec![t.thing_type.clone(), t.manufacturer.name.clone()],
            )
        }
        Body::Story(s) => {
            texts.title(&s.title);
            texts.body(s.summary.as_ref());
            texts.steps(&s.procedure, &mut facets, taxonomy);
            facets.add("story_type", &s.story_type);
            Facets::free_category(s.thing_category.as_ref(), &mut texts, &mut doc, f);
            facets.categories(&s.categories, taxonomy, &mut texts);
            facets.tags(&s.tags, &mut texts);
            if let Some(t) = &s.thing_id {
                doc.add_text(f.thing_id, t);
            }
            let mut sub = vec![s.story_type.clone()];
            sub.extend(s.thing_category.as_ref().map(|c| c.category.clone()));
            (s.title.clone(), sub)
        }
        Body::Guide(g) => {
            let c = &g.content;
            texts.title(&c.title);
            texts.body(c.summary.as_ref());
            for w in c.warnings.iter().flatten() {
                texts.body(Some(&w.message));
            }
            texts.steps(
                c.procedure.as_deref().unwrap_or_default(),
                &mut facets,
                taxonomy,
            );
            if let Some(r) = &c.requirements {
                for tool in &r.tools {
                    facets.named("tools", tool, taxonomy, &mut texts);
                }
                for m in &r.materials {
                    facets.named("materials", m, taxonomy, &mut texts);
                }
                texts.keywords.extend(r.skills.iter().cloned());
            }
            facets.add("guide_type", &g.guide_type.primary);
            Facets::free_category(g.thing_category.as_ref(), &mut texts, &mut doc, f);
            facets.categories(&g.categories, taxonomy, &mut texts);
            facets.tags(&g.tags, &mut texts);
            if let Some(t) = &g.thing_id {
                doc.add_text(f.thing_id, t);
            }
            let mut sub = vec![g.guide_type.primary.clone()];
            sub.extend(g.guide_type.secondary.clone());
            sub.extend(g.thing_category.as_ref().map(|c| c.category.clone()));
            (c.title.clone(), sub)
        }
        // Categories are browsed in their tree and terms in their vocabularies, not
        // found among the entries.
        // Repair records, events and outcomes are counted on impact pages, not searched.
        Body::Relationship(_)
        | Body::Category(_)
        | Body::Term(_)
        | Body::Repair(_)
        | Body::Event(_)
        | Body::Outcome(_) => return None,
    };
    facets.add("kind", e.meta.kind.as_str());
    facets.add("origin", &origin(&e.meta.uri));
    for lang in texts.title.keys() {
        facets.add("language", lang);
    }

    doc.add_text(f.id, &e.meta.id);
    doc.add_text(f.kind, e.meta.kind.as_str());
    doc.add_i64(f.updated, sortable_time(&e.meta.updated_at));
    for (lang, parts) in &texts.title {
        let joined = parts.join("\n");
        let mut analyzer = analyzers.of(lang);
        let words = schema::tokens(&mut analyzer, &joined);
        // Twice, so a title word weighs as two body words.
        for _ in 0..2 {
            doc.add_pre_tokenized_text(f.text, pre_tokenized(words.clone()));
        }
        doc.add_text(f.titles, &joined);
    }
    for (lang, parts) in &texts.body {
        let joined = parts.join("\n");
        let mut analyzer = analyzers.of(lang);
        doc.add_pre_tokenized_text(
            f.text,
            pre_tokenized(schema::tokens(&mut analyzer, &joined)),
        );
        if let Some(field) = f.body_of(lang) {
            doc.add_text(field, &joined);
        }
    }
    for (lang, parts) in &texts.hidden {
        let mut analyzer = analyzers.of(lang);
        doc.add_pre_tokenized_text(
            f.text,
            pre_tokenized(schema::tokens(&mut analyzer, &parts.join("\n"))),
        );
    }
    for c in body.categories() {
        doc.add_text(f.filed, taxonomy.resolve(c));
    }
    let mut neutral = analyzers.neutral();
    for k in &texts.keywords {
        doc.add_pre_tokenized_text(f.text, pre_tokenized(schema::tokens(&mut neutral, k)));
    }
    for (d, v) in &facets.0 {
        doc.add_facet(f.facets, facet(d, v));
    }
    let display = Display {
        title,
        subtitle,
        updated_at: e.meta.updated_at.clone(),
        media: domain::media::cover_candidates(&e.body),
    };
    doc.add_text(
        f.display,
        serde_json::to_string(&display).unwrap_or_default(),
    );
    Some(doc)
}
