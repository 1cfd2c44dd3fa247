//! Turning a request into a Tantivy query: words and their stems in every language,
//! typo corrections, common words, facet filters and graph walks.

use crate::document::facet;
use crate::engine::Ctx;
use crate::graph::AppliesTo;
use crate::index::{Search, SearchError};
use crate::schema::{self};
use domain::search::syntax::{self, Parsed};
use domain::search::{RequestError, SearchRequest, FACETS};
use domain::EntityKind;
use serde_json::Value;
use std::collections::HashMap;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

/// The text part of a search.
pub(crate) struct Text {
    pub(crate) query: Box<dyn Query>,
    /// What snippets highlight: the words searched for, as typed, and the indexed
    /// words that stand for misspelt ones.
    pub(crate) words: Vec<String>,
    pub(crate) corrections: Corrections,
}

/// What stands for misspelt words: the indexed words searched instead (for ranking and
/// highlighting), and for each misspelt word the spelling people are shown.
#[derive(Default)]
pub(crate) struct Corrections {
    pub(crate) terms: Vec<String>,
    /// (the word as analyzed, as typed → its likeliest spelling in titles or text).
    pub(crate) shown: Vec<(String, String)>,
}

/// Entries a request is narrowed to by the knowledge graph.
#[derive(Default)]
pub(crate) struct GraphFilter {
    /// Entry id → hops from the start.
    pub(crate) related: Option<std::collections::BTreeMap<String, u8>>,
    pub(crate) applies: Option<AppliesTo>,
}

/// A word in at least this share of the documents, and in this many, is common.
pub(crate) const COMMON_SHARE: f64 = 0.05;

pub(crate) const COMMON_MIN_DOCS: u64 = 1_000;

/// What having a common word next to rarer ones adds to an entry's score.
pub(crate) const COMMON_WORD_SCORE: f32 = 1.0;

/// Entries readable in the reader's language rank this much higher.
pub(crate) const READER_LANGUAGE_BOOST: f32 = 1.5;

impl Search {
    /// The graph walks a request asks for, done before the search proper.
    pub(crate) async fn graph_filter(
        &self,
        req: &SearchRequest,
    ) -> Result<GraphFilter, SearchError> {
        let mut g = GraphFilter::default();
        if let Some(start) = &req.related_to {
            if self.store.kind_of(start).await?.is_none() {
                return Err(RequestError::UnknownEntry(format!(
                    "related_to: no thing, story or guide has the id {start}"
                ))
                .into());
            }
            let edges = self.graph.current(&self.store).await?;
            g.related = Some(edges.within(start, req.hops, &req.via));
        }
        if let Some(thing) = &req.applies_to {
            let Some(row) = self.store.get(EntityKind::Thing, thing).await? else {
                return Err(RequestError::UnknownEntry(format!(
                    "applies_to: no thing has the id {thing}"
                ))
                .into());
            };
            let identifier = row.body["identifier"].as_str();
            let edges = self.graph.current(&self.store).await?;
            let mut applies = edges.applies_to(thing, identifier);
            if let Some(Value::Array(filed)) = row.body.get("categories") {
                let filed: Vec<String> = filed
                    .iter()
                    .filter_map(|c| c.as_str().map(String::from))
                    .collect();
                applies.filed = self.taxonomy().with_ancestors(&filed);
            }
            g.applies = Some(applies);
        }
        Ok(g)
    }

    pub(crate) fn words(&self, analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        schema::tokens(analyzer, text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    /// A word or phrase as each analyzer makes it, without repeats: its stem in every
    /// language with a stemmer, and the word as written. Searching for all of them
    /// finds it in content of any language; most are the same.
    pub(crate) fn forms(&self, text: &str) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = Vec::new();
        for mut analyzer in self.analyzers.all() {
            let form = self.words(&mut analyzer, text);
            if !form.is_empty() && !out.contains(&form) {
                out.push(form);
            }
        }
        out
    }

    pub(crate) fn text_term(&self, word: &str) -> Term {
        Term::from_field_text(self.fields.text, word)
    }

    pub(crate) fn doc_freq(&self, searcher: &Searcher, word: &str) -> u64 {
        searcher.doc_freq(&self.text_term(word)).unwrap_or(0)
    }

    /// One word or phrase as scoring clauses, added to `out`. A single word that
    /// appears nowhere as typed stands for the indexed words a typo or two away (fewer
    /// for short words), ranked below exact matches; those go to `corrections`.
    pub(crate) fn term_clauses(
        &self,
        searcher: &Searcher,
        term: &syntax::Term,
        typos: bool,
        out: &mut Vec<(Occur, Box<dyn Query>)>,
        corrections: &mut Corrections,
    ) {
        let known = self.word_clauses(searcher, &term.text, out);
        let neutral = self.words(&mut self.analyzers.neutral(), &term.text);
        if let (true, false, false, [word]) = (typos, term.phrase, known, neutral.as_slice()) {
            let distance = match word.chars().count() {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            };
            if distance > 0 {
                let fixes = self.corrections(searcher, self.fields.text, word, distance);
                // The text field holds stems ("kettl"); titles hold words as written.
                let spelled = self
                    .corrections(searcher, self.fields.titles, word, distance)
                    .into_iter()
                    .next()
                    .or_else(|| fixes.first().cloned());
                for fixed in fixes {
                    let q = TermQuery::new(self.text_term(&fixed), IndexRecordOption::WithFreqs);
                    out.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), 0.5))));
                    corrections.terms.push(fixed);
                }
                if let Some(spelled) = spelled {
                    corrections.shown.push((word.clone(), spelled));
                }
            }
        }
    }

    /// The forms of a word or phrase as clauses; forms of one word found nowhere are
    /// left out (so a word found in one form stays a plain term query), but a word
    /// found in no form still needs one clause, which matches nothing. Returns whether
    /// a single-word form is in the index.
    pub(crate) fn word_clauses(
        &self,
        searcher: &Searcher,
        text: &str,
        out: &mut Vec<(Occur, Box<dyn Query>)>,
    ) -> bool {
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        let mut absent: Option<Box<dyn Query>> = None;
        for form in self.forms(text) {
            let q: Box<dyn Query> = match form.as_slice() {
                [one] => {
                    let q = Box::new(TermQuery::new(
                        self.text_term(one),
                        IndexRecordOption::WithFreqs,
                    ));
                    if self.doc_freq(searcher, one) == 0 {
                        absent.get_or_insert(q);
                        continue;
                    }
                    q
                }
                many => Box::new(PhraseQuery::new(
                    many.iter().map(|w| self.text_term(w)).collect(),
                )),
            };
            clauses.push(q);
        }
        let known = !clauses.is_empty();
        if !known {
            clauses.extend(absent);
        }
        out.extend(clauses.into_iter().map(|q| (Occur::Should, q)));
        known
    }

    /// The most frequent words of `field` within `distance` edits of `word`.
    pub(crate) fn corrections(
        &self,
        searcher: &Searcher,
        field: Field,
        word: &str,
        distance: u8,
    ) -> Vec<String> {
        const KEEP: usize = 3;
        let mut found: HashMap<String, u64> = HashMap::new();
        // Built once: a distance-2 automaton takes longer to build than to run.
        let fuzzy = FuzzyTermQuery::new(Term::from_field_text(field, word), distance, true);
        let Ok(automaton) = fuzzy.automaton() else {
            return Vec::new();
        };
        for segment in searcher.segment_readers() {
            let Ok(index) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = index.terms().search(&automaton).into_stream() else {
                continue;
            };
            while stream.advance() {
                if let Ok(w) = std::str::from_utf8(stream.key()) {
                    *found.entry(w.to_string()).or_default() += u64::from(stream.value().doc_freq);
                }
            }
        }
        let mut best: Vec<(String, u64)> = found.into_iter().collect();
        best.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        best.into_iter().take(KEEP).map(|(w, _)| w).collect()
    }

    /// One group of alternatives (`a OR b`) as one flat union.
    pub(crate) fn group_query(
        &self,
        searcher: &Searcher,
        group: &[syntax::Term],
        corrections: &mut Corrections,
    ) -> Option<Box<dyn Query>> {
        let mut clauses = Vec::new();
        for t in group {
            self.term_clauses(searcher, t, true, &mut clauses, corrections);
        }
        match clauses.len() {
            0 => None,
            1 => clauses.pop().map(|(_, q)| q),
            _ => Some(Box::new(BooleanQuery::new(clauses))),
        }
    }

    /// The words of the query: every group (or, relaxed, any group) must match; common
    /// words next to rarer ones only rank, and never match alone.
    pub(crate) fn text_query(&self, searcher: &Searcher, parsed: &Parsed, relaxed: bool) -> Text {
        let (required, ranking) = self.groups(searcher, parsed);
        let mut corrections = Corrections::default();
        let mut to_query = |g: &Vec<syntax::Term>| self.group_query(searcher, g, &mut corrections);
        let mut must: Vec<Box<dyn Query>> = Vec::new();
        let mut wordless = 0;
        for g in &required {
            match to_query(g) {
                Some(q) => must.push(q),
                None => wordless += 1,
            }
        }
        // A common word scores next to nothing by itself; having it counts as much as a
        // fair match of a rarer word, so "plaquettes de frein" ranks entries with "de"
        // first.
        let should: Vec<Box<dyn Query>> = ranking
            .iter()
            .filter_map(&mut to_query)
            .map(|q| Box::new(ConstScoreQuery::new(q, COMMON_WORD_SCORE)) as Box<dyn Query>)
            .collect();
        if relaxed && must.len() > 1 {
            let any = must.into_iter().map(|q| (Occur::Should, q)).collect();
            must = vec![Box::new(BooleanQuery::new(any))];
        }
        let query: Box<dyn Query> = match (must.len(), should.is_empty()) {
            // Only symbols (an emoji, a direction mark): nothing to search for, so
            // nothing matches, where an empty query lists everything.
            (0, true) if wordless > 0 => Box::new(EmptyQuery),
            (0, _) => Box::new(AllQuery),
            (1, true) => must.pop().unwrap_or_else(|| Box::new(AllQuery)),
            _ => Box::new(BooleanQuery::new(
                must.into_iter()
                    .map(|q| (Occur::Must, q))
                    .chain(should.into_iter().map(|q| (Occur::Should, q)))
                    .collect(),
            )),
        };
        let words = required
            .iter()
            .chain(&ranking)
            .flatten()
            .map(|t| t.text.clone())
            .collect();
        Text {
            query,
            words,
            corrections,
        }
    }

    /// The query's groups as searched, and groups that only rank. A word the analyzers
    /// split (`lave-linge`) needs all its parts rather than their exact sequence, which
    /// a quoted phrase still asks for. Next to rarer words, a group of one word found
    /// in a large share of the documents (`de`, `the`) only ranks, as a stop word would:
    /// requiring it hardly narrows the search but makes it much slower.
    pub(crate) fn groups(
        &self,
        searcher: &Searcher,
        parsed: &Parsed,
    ) -> (Vec<Vec<syntax::Term>>, Vec<Vec<syntax::Term>>) {
        let mut groups = Vec::new();
        for group in &parsed.required {
            if let [t] = group.as_slice() {
                let parts: Vec<&str> = t
                    .text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|p| !p.is_empty())
                    .collect();
                if !t.phrase && parts.len() > 1 {
                    groups.extend(parts.into_iter().map(|p| {
                        vec![syntax::Term {
                            text: p.to_string(),
                            phrase: false,
                        }]
                    }));
                    continue;
                }
            }
            groups.push(group.clone());
        }
        let common_at = ((searcher.num_docs() as f64 * COMMON_SHARE) as u64).max(COMMON_MIN_DOCS);
        let common = |g: &Vec<syntax::Term>| match g.as_slice() {
            [t] if !t.phrase => self.forms(&t.text).iter().any(|f| match f.as_slice() {
                [word] => self.doc_freq(searcher, word) >= common_at,
                _ => false,
            }),
            _ => false,
        };
        let (common, rare): (Vec<_>, Vec<_>) = groups.into_iter().partition(common);
        if rare.is_empty() {
            (common, Vec::new())
        } else {
            (rare, common)
        }
    }

    /// Text with the graph filters and exclusions, and (for ranking, not counting) the
    /// facet filters.
    pub(crate) fn full_query(
        &self,
        c: &Ctx,
        text: &dyn Query,
        with_facets: bool,
    ) -> Box<dyn Query> {
        let Ctx {
            searcher,
            req,
            parsed,
            graph,
            lang: _,
        } = *c;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = self.graph_clauses(graph);
        for t in &parsed.excluded {
            let mut words = Vec::new();
            self.term_clauses(searcher, t, false, &mut words, &mut Corrections::default());
            if !words.is_empty() {
                clauses.push((Occur::MustNot, Box::new(BooleanQuery::new(words))));
            }
        }
        if with_facets {
            for d in FACETS {
                let values: Vec<(Occur, Box<dyn Query>)> = req
                    .selected(d)
                    .map(|v| (Occur::Should, self.facet_query(d, v)))
                    .collect();
                if !values.is_empty() {
                    clauses.push((Occur::Must, Box::new(BooleanQuery::new(values))));
                }
            }
        }
        if clauses.is_empty() {
            return text.box_clone();
        }
        clauses.insert(0, (Occur::Must, text.box_clone()));
        Box::new(BooleanQuery::new(clauses))
    }

    /// Graph filters as query clauses; nearer entries rank higher.
    pub(crate) fn graph_clauses(&self, graph: &GraphFilter) -> Vec<(Occur, Box<dyn Query>)> {
        let ids = |f: Field, set: &mut dyn Iterator<Item = &String>| -> Box<dyn Query> {
            Box::new(TermSetQuery::new(
                set.map(|id| Term::from_field_text(f, id))
                    .collect::<Vec<_>>(),
            ))
        };
        let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(related) = &graph.related {
            out.push((Occur::Must, ids(self.fields.id, &mut related.keys())));
            let near = related.iter().filter(|(_, d)| **d == 1).map(|(id, _)| id);
            out.push((
                Occur::Should,
                Box::new(ConstScoreQuery::new(
                    ids(self.fields.id, &mut near.into_iter()),
                    1.0,
                )),
            ));
        }
        if let Some(a) = &graph.applies {
            let mut any: Vec<(Occur, Box<dyn Query>)> = vec![
                (
                    Occur::Should,
                    ids(self.fields.thing_id, &mut a.things.iter()),
                ),
                (Occur::Should, ids(self.fields.id, &mut a.linked.iter())),
            ];
            any.push((
                Occur::Should,
                ids(self.fields.free_category, &mut a.categories.iter()),
            ));
            any.push((Occur::Should, ids(self.fields.filed, &mut a.filed.iter())));
            out.push((Occur::Must, Box::new(BooleanQuery::new(any))));
            let kinds = vec![
                (Occur::Should, self.facet_query("kind", "story")),
                (Occur::Should, self.facet_query("kind", "guide")),
            ];
            out.push((Occur::Must, Box::new(BooleanQuery::new(kinds))));
        }
        out
    }

    pub(crate) fn facet_query(&self, dimension: &str, value: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_facet(self.fields.facets, &facet(dimension, value)),
            IndexRecordOption::Basic,
        ))
    }
}
