//! Running a search: ranking and counting in one pass, hits with snippets, facet
//! values, and title suggestions.

use crate::document::Display;
use crate::index::SEARCH_THREADS;
use crate::index::{Search, SearchError};
use crate::parallel;
use crate::query::{GraphFilter, Text, READER_LANGUAGE_BOOST};
use crate::tally::{Counted, Holders, Tally};
use domain::search::syntax::{self, Parsed};
use domain::search::{
    FacetGroup, FacetValue, Hit, SearchRequest, SearchResults, Segment, Sort, FACETS,
};
use domain::EntityKind;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Order, Score, Searcher, SegmentReader, TantivyDocument, Term};

/// What one search works from.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub(crate) searcher: &'a Searcher,
    pub(crate) req: &'a SearchRequest,
    pub(crate) parsed: &'a Parsed,
    pub(crate) graph: &'a GraphFilter,
    pub(crate) lang: &'a str,
}

/// A page of (score, hit), and the total and facet counts.
pub(crate) type Found = (Vec<(f32, DocAddress)>, Counted);

pub(crate) const SNIPPET_CHARS: usize = 220;

pub(crate) const SUGGESTIONS: usize = 8;

pub(crate) const FACET_VALUES: usize = 15;

impl Search {
    /// Runs a search on a blocking thread: scoring and facet counting are CPU work.
    pub async fn run(self: &Arc<Self>, req: SearchRequest) -> Result<SearchResults, SearchError> {
        let parsed = syntax::parse(&req.q)?;
        req.check()?;
        let graph = self.graph_filter(&req).await?;
        let me = self.clone();
        let lang = req.lang.clone();
        let mut results = tokio::task::spawn_blocking(move || me.search(&req, &parsed, &graph))
            .await
            .map_err(|e| SearchError::Io(std::io::Error::other(e)))??;
        self.add_covers(&mut results.hits, &lang).await?;
        Ok(results)
    }

    /// Each hit's cover, from the files its candidates name: one database read a page.
    async fn add_covers(&self, hits: &mut [Hit], lang: &str) -> Result<(), SearchError> {
        let candidates: Vec<_> = hits
            .iter_mut()
            .map(|h| std::mem::take(&mut h.cover_candidates))
            .collect();
        let covers = self.store.covers(&candidates, lang).await?;
        for (h, c) in hits.iter_mut().zip(covers) {
            h.cover = c;
        }
        Ok(())
    }

    /// Titles that complete what someone is typing, in their language, best first.
    pub async fn suggest(self: &Arc<Self>, typed: &str, lang: &str) -> Vec<String> {
        if typed.trim().is_empty() || typed.chars().count() > syntax::MAX_QUERY_CHARS {
            return Vec::new();
        }
        let (me, typed, lang) = (self.clone(), typed.to_string(), primary_lang(lang));
        tokio::task::spawn_blocking(move || me.suggestions(&typed, &lang))
            .await
            .unwrap_or_default()
    }

    pub(crate) fn suggestions(&self, typed: &str, lang: &str) -> Vec<String> {
        let field = self.fields.titles;
        let words = self.words(&mut self.analyzers.neutral(), typed);
        let Some((last, before)) = words.split_last() else {
            return Vec::new();
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = before
            .iter()
            .map(|w| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, w),
                    IndexRecordOption::WithFreqs,
                ));
                (Occur::Must, q)
            })
            .collect();
        // The word being typed is a prefix; a distance of 0 keeps it exact.
        clauses.push((
            Occur::Must,
            Box::new(FuzzyTermQuery::new_prefix(
                Term::from_field_text(field, last),
                0,
                false,
            )),
        ));
        clauses.push((
            Occur::Should,
            Box::new(ConstScoreQuery::new(
                self.facet_query("language", lang),
                0.5,
            )),
        ));
        let searcher = self.reader.searcher();
        let Ok(top) = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(SUGGESTIONS * 2).order_by_score(),
        ) else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for (_, addr) in top {
            let Ok(doc) = searcher.doc::<TantivyDocument>(addr) else {
                continue;
            };
            let display: Display = doc
                .get_first(self.fields.display)
                .and_then(|v| v.as_str())
                .and_then(|d| serde_json::from_str(d).ok())
                .unwrap_or_default();
            let title = display.title.get(lang).to_string();
            if !title.is_empty() && !out.contains(&title) && out.len() < SUGGESTIONS {
                out.push(title);
            }
        }
        out
    }

    pub(crate) fn search(
        &self,
        req: &SearchRequest,
        parsed: &Parsed,
        graph: &GraphFilter,
    ) -> Result<SearchResults, SearchError> {
        let req = &self.named_filters(req);
        let searcher = self.reader.searcher();
        let lang = primary_lang(&req.lang);
        let limit = req.limit.max(1);
        let ctx = Ctx {
            searcher: &searcher,
            req,
            parsed,
            graph,
            lang: &lang,
        };
        let mut text = self.text_query(&searcher, parsed, false);
        let mut found = self.top_and_counts(&ctx, &text)?;
        let mut relaxed = false;
        if found.1.total == 0 && parsed.required.len() > 1 {
            let any = self.text_query(&searcher, parsed, true);
            let again = self.top_and_counts(&ctx, &any)?;
            if again.1.total > 0 {
                (text, found, relaxed) = (any, again, true);
            }
        }
        let (docs, counted) = found;
        let total = counted.total;
        let mut facets = Vec::new();
        let taxonomy = self.taxonomy();
        for (d, name) in FACETS.iter().enumerate() {
            let selected: Vec<&str> = req.selected(name).collect();
            let values = if *name == "category" {
                let counts = counted
                    .counts
                    .iter()
                    .filter(|((x, _), _)| *x == d as u8)
                    .map(|((_, v), n)| (&**v, *n))
                    .collect();
                taxonomy.facet(counts, &selected, &lang)
            } else {
                let mut values = facet_values(&counted, d as u8, &selected);
                let vocabulary = match *name {
                    "material" => Some("materials"),
                    "tool" => Some("tools"),
                    _ => None,
                };
                for v in values.iter_mut() {
                    v.label = vocabulary.and_then(|voc| taxonomy.term_label(voc, &v.value, &lang));
                }
                values
            };
            if !values.is_empty() {
                facets.push(FacetGroup {
                    name: name.to_string(),
                    values,
                });
            }
        }
        let hits = self.hits(&searcher, &docs, &text, &lang)?;
        let corrected = (total > 0 && !text.corrections.shown.is_empty())
            .then(|| self.corrected_query(&req.q, &text.corrections.shown));
        Ok(SearchResults {
            corrected,
            total,
            skip: req.skip,
            limit,
            hits,
            facets,
            relaxed,
            rebuilding: self.status().rebuilding,
        })
    }

    /// The request with material and tool filters as the facet stores them: a name or
    /// synonym of a term in any language becomes its key (`material=Edelstahl` keeps
    /// what `material=stainless-steel` keeps), other text is folded.
    fn named_filters(&self, req: &SearchRequest) -> SearchRequest {
        let taxonomy = self.taxonomy();
        let mut req = req.clone();
        for (dimension, value) in req.filters.iter_mut() {
            let vocabulary = match dimension.as_str() {
                "material" => "materials",
                "tool" => "tools",
                _ => continue,
            };
            *value = match taxonomy.term(vocabulary, value) {
                Some(term) => term.key.clone(),
                None => domain::vocab::fold(value),
            };
        }
        req
    }

    /// The page of hits (ranked with all filters), the total and the facet counts.
    /// Counts take the matches of the text and graph alone (a facet's counts show what
    /// else it offers), so ranking by relevance passes over them once and leaves out of
    /// the page what a facet filter refuses; sorting by date ranks the filtered
    /// matches in a pass of its own.
    pub(crate) fn top_and_counts(&self, ctx: &Ctx, text: &Text) -> Result<Found, SearchError> {
        let (searcher, req) = (ctx.searcher, ctx.req);
        let selected: Vec<(u8, Vec<String>)> = FACETS
            .iter()
            .enumerate()
            .filter_map(|(d, name)| {
                let values: Vec<String> = req.selected(name).map(String::from).collect();
                (!values.is_empty()).then_some((d as u8, values))
            })
            .collect();
        let filters: Vec<(&'static str, Vec<String>)> = selected
            .iter()
            .filter_map(|(d, values)| Some((*FACETS.get(*d as usize)?, values.clone())))
            .collect();
        let tally = Tally {
            selected,
            cache: &self.facets,
        };
        let counting = self.full_query(ctx, &*text.query, false);
        let top = TopDocs::with_limit(req.limit.max(1)).and_offset(req.skip);
        let (docs, counted) = match req.sort {
            Sort::Relevance => {
                let (cache, lang) = (self.facets.clone(), ctx.lang.to_string());
                let by_score = top.tweak_score(move |segment: &SegmentReader| {
                    let readable = cache.holders(segment, "language", &lang);
                    let required: Vec<Vec<Holders>> = filters
                        .iter()
                        .map(|(d, values)| {
                            values
                                .iter()
                                .map(|v| cache.holders(segment, d, v))
                                .collect()
                        })
                        .collect();
                    move |doc: DocId, score: Score| {
                        if !required.iter().all(|any| any.iter().any(|h| h.has(doc))) {
                            Score::NEG_INFINITY
                        } else if readable.has(doc) {
                            score * READER_LANGUAGE_BOOST
                        } else {
                            score
                        }
                    }
                });
                let (docs, counted) =
                    parallel::search(searcher, &*counting, &(by_score, tally), SEARCH_THREADS)?;
                // Refused matches rank below every other, so they only fill a page the
                // others do not.
                let docs = docs.into_iter().filter(|(s, _)| s.is_finite()).collect();
                (docs, counted)
            }
            Sort::Recent => {
                let by_date = top.order_by_fast_field::<i64>("updated", Order::Desc);
                let (docs, counted) = if filters.is_empty() {
                    parallel::search(searcher, &*counting, &(by_date, tally), SEARCH_THREADS)?
                } else {
                    let ranked = self.full_query(ctx, &*text.query, true);
                    (
                        parallel::search(searcher, &*ranked, &by_date, SEARCH_THREADS)?,
                        parallel::search(searcher, &*counting, &tally, SEARCH_THREADS)?,
                    )
                };
                (docs.into_iter().map(|(_, d)| (0.0, d)).collect(), counted)
            }
        };
        Ok((docs, counted))
    }

    pub(crate) fn hits(
        &self,
        searcher: &Searcher,
        docs: &[(f32, DocAddress)],
        text: &Text,
        lang: &str,
    ) -> Result<Vec<Hit>, SearchError> {
        let mut generators: HashMap<&str, SnippetGenerator> = HashMap::new();
        let mut hits = Vec::with_capacity(docs.len());
        for (score, addr) in docs {
            let doc: TantivyDocument = searcher.doc(*addr)?;
            let get = |f: Field| {
                doc.get_first(f)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let display: Display =
                serde_json::from_str(&get(self.fields.display)).unwrap_or_default();
            let Ok(kind) = get(self.fields.kind).parse::<EntityKind>() else {
                continue;
            };
            // The snippet comes from the reader's language when the entry has it.
            let snippet_lang = [lang, "en"].into_iter().find_map(|l| {
                let field = self.fields.body_of(l)?;
                doc.get_first(field).is_some().then_some((l, field))
            });
            let resolved = display.title.resolve(lang, "en");
            // An entry with only a title has no body to take a snippet from, but its
            // title is still marked, with English rules.
            let marking = snippet_lang.or_else(|| self.fields.body_of("en").map(|f| ("en", f)));
            let (snippet, title_marks) = match marking {
                Some((name, field)) => {
                    let generator = generators
                        .entry(name)
                        .or_insert_with(|| self.snippets(searcher, text, name, field));
                    let body = doc
                        .get_all(field)
                        .filter_map(|v| v.as_str())
                        .collect::<Vec<_>>()
                        .join("\n");
                    let snippet = if snippet_lang.is_some() {
                        segments(generator, &body)
                    } else {
                        Vec::new()
                    };
                    (snippet, title_segments(generator, resolved.text))
                }
                None => (Vec::new(), Vec::new()),
            };
            hits.push(Hit {
                kind,
                id: get(self.fields.id),
                title: resolved.text.to_string(),
                title_marks,
                title_lang: resolved.lang.to_string(),
                fell_back: resolved.fell_back,
                subtitle: display.subtitle.clone(),
                snippet,
                score: *score,
                updated_at: display.updated_at.clone(),
                cover: None,
                cover_candidates: display.media.clone(),
            });
        }
        Ok(hits)
    }

    /// The query as searched, each misspelt word replaced by the spelling it stood for.
    fn corrected_query(&self, q: &str, shown: &[(String, String)]) -> String {
        let mut neutral = self.analyzers.neutral();
        q.split_whitespace()
            .map(|w| {
                let analyzed = self.words(&mut neutral, w);
                match analyzed.as_slice() {
                    [one] => shown
                        .iter()
                        .find(|(typed, _)| typed == one)
                        .map_or(w, |(_, spelled)| spelled.as_str()),
                    _ => w,
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Highlights text of one language: the searched words as its stemmer makes them,
    /// and the corrections of misspelt ones; rarer words weigh more.
    pub(crate) fn snippets(
        &self,
        searcher: &Searcher,
        text: &Text,
        lang: &str,
        field: Field,
    ) -> SnippetGenerator {
        let mut analyzer = self.analyzers.of(lang);
        let mut terms = BTreeMap::new();
        let stems = text
            .words
            .iter()
            .flat_map(|w| self.words(&mut analyzer, w))
            .chain(text.corrections.terms.iter().cloned());
        for word in stems {
            let weight = 1.0 / (1.0 + self.doc_freq(searcher, &word) as f32);
            terms.insert(word, weight);
        }
        SnippetGenerator::new(terms, analyzer, field, SNIPPET_CHARS)
    }
}

/// Limits on paging; the language only needs to look like a language tag.
pub(crate) fn primary_lang(tag: &str) -> String {
    let p = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if p.is_empty() || p.len() > 8 || !p.chars().all(|c| c.is_ascii_alphabetic()) {
        "en".into()
    } else {
        p
    }
}

pub(crate) fn facet_values(counted: &Counted, dimension: u8, selected: &[&str]) -> Vec<FacetValue> {
    let mut all: Vec<(&str, u64)> = counted
        .counts
        .iter()
        .filter(|((d, _), _)| *d == dimension)
        .map(|((_, v), n)| (&**v, *n))
        .collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut out: Vec<FacetValue> = all
        .iter()
        .take(FACET_VALUES)
        .map(|(v, n)| FacetValue {
            value: v.to_string(),
            count: *n,
            selected: selected.contains(v),
            label: None,
            depth: 0,
        })
        .collect();
    // A selected value stays visible (and removable) even when it is not among the top.
    for s in selected {
        if !out.iter().any(|f| f.value == *s) {
            let count = all.iter().find(|(v, _)| v == s).map_or(0, |(_, n)| *n);
            out.push(FacetValue {
                value: s.to_string(),
                count,
                selected: true,
                label: None,
                depth: 0,
            });
        }
    }
    out
}

/// Splits a snippet into plain and highlighted pieces; without a match, the start of
/// the text.
/// The whole title with the searched words marked; empty when none is in it (or the
/// title is longer than a snippet, which would cut it).
pub(crate) fn title_segments(generator: &SnippetGenerator, title: &str) -> Vec<Segment> {
    if title.chars().count() > SNIPPET_CHARS {
        return Vec::new();
    }
    let marked = segments(generator, title);
    let whole = marked.iter().map(|s| s.text.as_str()).collect::<String>() == title;
    if whole && marked.iter().any(|s| s.highlight) {
        marked
    } else {
        Vec::new()
    }
}

pub(crate) fn segments(generator: &SnippetGenerator, body: &str) -> Vec<Segment> {
    match generator.snippet(body) {
        s if !s.highlighted().is_empty() => {
            let text = s.fragment();
            let mut out = Vec::new();
            let mut at = 0;
            for r in s.highlighted() {
                // Ranges come from the tokenizer; anything odd is shown unhighlighted.
                let (Some(before), Some(word)) = (text.get(at..r.start), text.get(r.clone()))
                else {
                    continue;
                };
                if !before.is_empty() {
                    out.push(Segment {
                        text: before.to_string(),
                        highlight: false,
                    });
                }
                out.push(Segment {
                    text: word.to_string(),
                    highlight: true,
                });
                at = r.end;
            }
            if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
                out.push(Segment {
                    text: rest.to_string(),
                    highlight: false,
                });
            }
            out
        }
        _ => {
            let mut end = body.len().min(SNIPPET_CHARS);
            while !body.is_char_boundary(end) {
                end -= 1;
            }
            if end == 0 {
                return Vec::new();
            }
            vec![Segment {
                text: body[..end].to_string(),
                highlight: false,
            }]
        }
    }
}
