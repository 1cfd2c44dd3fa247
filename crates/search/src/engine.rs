//! The search index: opening (and replacing a missing, corrupt or outdated one),
//! turning a request into a Tantivy query, and shaping hits, snippets and facets.

use crate::document::{facet, Display};
use crate::graph::{AppliesTo, Graph};
use crate::indexer::Writer;
use crate::parallel;
use crate::resident::ResidentDirectory;
use crate::schema::{self, Analyzers, Fields, SCHEMA_VERSION};
use crate::tally::{Counted, FacetCache, Holders, Tally};
use domain::search::syntax::{self, Parsed, SyntaxError};
use domain::search::{
    FacetGroup, FacetValue, Hit, RequestError, SearchRequest, SearchResults, Segment, Sort, FACETS,
};
use domain::EntityKind;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, Weak};
use storage::{StorageError, Store};
use tantivy::collector::TopDocs;
use tantivy::directory::error::LockError;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhraseQuery, Query,
    TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexSettings, Order, ReloadPolicy, Score, Searcher,
    SegmentReader, TantivyDocument, TantivyError, Term, Warmer,
};

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Syntax(#[from] SyntaxError),
    #[error(transparent)]
    Request(#[from] RequestError),
    #[error("the search index is in use by another process (is `thingdata serve` running?)")]
    Busy,
    #[error("search index error: {0}")]
    Index(#[from] TantivyError),
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("search index directory: {0}")]
    Io(#[from] std::io::Error),
}

impl SearchError {
    /// Whether the request was at fault (answer 400) rather than the server.
    pub fn is_bad_request(&self) -> bool {
        matches!(self, SearchError::Syntax(_) | SearchError::Request(_))
    }
}

/// Where the index stands against the revision log, for `/health` and the pages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexStatus {
    /// The last revision-log sequence number the index reflects.
    pub cursor: i64,
    pub documents: u64,
    pub rebuilding: bool,
    /// The indexer's last failure, cleared by its next success.
    pub error: Option<String>,
}

/// Stored with every commit, so the index and its cursor never disagree.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Checkpoint {
    pub cursor: i64,
    /// False while a rebuild is under way; such an index is rebuilt again at start.
    pub complete: bool,
}

pub struct Search {
    pub(super) store: Store,
    pub(super) reader: IndexReader,
    pub(super) fields: Fields,
    pub(super) analyzers: Analyzers,
    graph: Graph,
    /// The facets of the searched segments, for counting (the reader's warmer).
    facets: Arc<FacetCache>,
    pub(super) status: RwLock<IndexStatus>,
    /// Set to stop the indexer, which then lets go of the writer (and its lock).
    pub(super) stopping: tokio::sync::watch::Sender<bool>,
    pub(super) task: std::sync::Mutex<Option<tokio::task::JoinHandle<()>>>,
}

/// What one search works from.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    searcher: &'a Searcher,
    req: &'a SearchRequest,
    parsed: &'a Parsed,
    graph: &'a GraphFilter,
    lang: &'a str,
}

/// A page of (score, hit), and the total and facet counts.
type Found = (Vec<(f32, DocAddress)>, Counted);

/// The text part of a search.
struct Text {
    query: Box<dyn Query>,
    /// What snippets highlight: the words searched for, as typed, and the indexed
    /// words that stand for misspelt ones.
    words: Vec<String>,
    corrections: Vec<String>,
}

/// Entries a request is narrowed to by the knowledge graph.
#[derive(Default)]
struct GraphFilter {
    /// Entry id → hops from the start.
    related: Option<std::collections::BTreeMap<String, u8>>,
    applies: Option<AppliesTo>,
}

const VERSION_FILE: &str = "thingdata-schema-version";
const SEARCH_THREADS: usize = 2;
const SNIPPET_CHARS: usize = 220;
const SUGGESTIONS: usize = 8;
const FACET_VALUES: usize = 15;
/// A word in at least this share of the documents, and in this many, is common.
const COMMON_SHARE: f64 = 0.05;
const COMMON_MIN_DOCS: u64 = 1_000;
/// What having a common word next to rarer ones adds to an entry's score.
const COMMON_WORD_SCORE: f32 = 1.0;
/// Entries readable in the reader's language rank this much higher.
const READER_LANGUAGE_BOOST: f32 = 1.5;

fn busy(e: TantivyError) -> SearchError {
    match e {
        TantivyError::LockFailure(LockError::LockBusy, _) => SearchError::Busy,
        other => SearchError::Index(other),
    }
}

impl Search {
    /// Opens the index in `dir`, or starts an empty one (to be rebuilt from the
    /// database) when it is missing, unreadable or of another schema version. Returns
    /// the one writer, which the indexer owns.
    pub fn open(dir: &Path, store: Store) -> Result<(Arc<Self>, Writer), SearchError> {
        let (schema, fields) = schema::build();
        let analyzers = Analyzers::default();
        let facets = Arc::new(FacetCache::default());
        let existing = Self::try_existing(dir, &schema, &analyzers, &facets);
        let (index, reader) = match existing {
            Some(pair) => pair,
            None => {
                if dir.exists() {
                    tracing::warn!(
                        "search index in {} is missing, damaged or outdated: rebuilding it",
                        dir.display()
                    );
                    std::fs::remove_dir_all(dir)?;
                }
                std::fs::create_dir_all(dir)?;
                let disk = ResidentDirectory::open(dir).map_err(TantivyError::from)?;
                let mut index = Index::create(disk, schema, IndexSettings::default())?;
                std::fs::write(dir.join(VERSION_FILE), SCHEMA_VERSION.to_string())?;
                analyzers.register(&index);
                let reader = Self::reader(&mut index, &facets)?;
                (index, reader)
            }
        };
        let writer = index.writer_with_num_threads(1, 64_000_000).map_err(busy)?;
        let checkpoint = Self::checkpoint_of(&index);
        let search = Arc::new(Self {
            store,
            fields,
            analyzers,
            graph: Graph::default(),
            status: RwLock::new(IndexStatus {
                cursor: checkpoint.cursor,
                documents: reader.searcher().num_docs(),
                rebuilding: !checkpoint.complete,
                error: None,
            }),
            reader,
            facets,
            stopping: tokio::sync::watch::Sender::new(false),
            task: std::sync::Mutex::new(None),
        });
        Ok((search, Arc::new(std::sync::Mutex::new(writer))))
    }

    fn try_existing(
        dir: &Path,
        schema: &tantivy::schema::Schema,
        analyzers: &Analyzers,
        facets: &Arc<FacetCache>,
    ) -> Option<(Index, IndexReader)> {
        let version = std::fs::read_to_string(dir.join(VERSION_FILE)).ok()?;
        if version.trim() != SCHEMA_VERSION.to_string() {
            return None;
        }
        let mut index = Index::open(ResidentDirectory::open(dir).ok()?).ok()?;
        if index.schema() != *schema {
            return None;
        }
        analyzers.register(&index);
        // Opening a reader opens every segment, so missing or truncated files show here.
        let reader = Self::reader(&mut index, facets).ok()?;
        Some((index, reader))
    }

    fn reader(index: &mut Index, facets: &Arc<FacetCache>) -> Result<IndexReader, TantivyError> {
        // Segments are searched in parallel, which halves a broad query's latency on two
        // cores; without threads it still works, one segment after another.
        if let Err(e) = index.set_multithread_executor(SEARCH_THREADS) {
            tracing::warn!("searching segments one at a time: {e}");
        }
        // The indexer reloads after each of its commits; the watch also picks up the
        // merged segments background merges commit later (after a rebuild, for one),
        // which would otherwise wait for the next edit.
        index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .warmers(vec![Arc::downgrade(facets) as Weak<dyn Warmer>])
            .try_into()
    }

    pub(super) fn checkpoint_of(index: &Index) -> Checkpoint {
        index
            .load_metas()
            .ok()
            .and_then(|m| m.payload)
            .and_then(|p| serde_json::from_str(&p).ok())
            .unwrap_or_default()
    }

    /// Default location: `search/` in the data directory.
    pub fn dir_in(data_dir: &Path) -> PathBuf {
        data_dir.join("search")
    }

    /// Stops the indexer after its current batch and waits for it to let go of the
    /// index.
    pub async fn shutdown(&self) {
        self.stopping.send_replace(true);
        let task = self.task.lock().ok().and_then(|mut t| t.take());
        if let Some(task) = task {
            let _ = task.await;
        }
    }

    /// Entries that share neighbours with `id` in the knowledge graph, most shared
    /// first: "people who repaired this also looked at".
    pub async fn also_looked_at(&self, id: &str, limit: usize) -> Result<Vec<String>, SearchError> {
        Ok(self
            .graph
            .current(&self.store)
            .await?
            .also_looked_at(id, limit))
    }

    /// Loads the knowledge graph, so the first walk does not wait for it; returns how
    /// many edges it has.
    pub async fn warm_graph(&self) -> Result<usize, SearchError> {
        Ok(self.graph.current(&self.store).await?.edge_count())
    }

    pub(super) fn is_stopping(&self) -> bool {
        *self.stopping.borrow()
    }

    /// Segments the searcher currently reads (fewer after background merges).
    pub fn segments(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    pub fn status(&self) -> IndexStatus {
        self.status.read().map(|s| s.clone()).unwrap_or_default()
    }

    pub(super) fn update_status(&self, f: impl FnOnce(&mut IndexStatus)) {
        if let Ok(mut s) = self.status.write() {
            f(&mut s);
        }
    }

    /// Runs a search on a blocking thread: scoring and facet counting are CPU work.
    pub async fn run(self: &Arc<Self>, req: SearchRequest) -> Result<SearchResults, SearchError> {
        let parsed = syntax::parse(&req.q)?;
        req.check()?;
        let graph = self.graph_filter(&req).await?;
        let me = self.clone();
        tokio::task::spawn_blocking(move || me.search(&req, &parsed, &graph))
            .await
            .map_err(|e| SearchError::Io(std::io::Error::other(e)))?
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

    fn suggestions(&self, typed: &str, lang: &str) -> Vec<String> {
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

    /// The graph walks a request asks for, done before the search proper.
    async fn graph_filter(&self, req: &SearchRequest) -> Result<GraphFilter, SearchError> {
        let mut g = GraphFilter::default();
        if let Some(start) = &req.related_to {
            if self.store.kind_of(start).await?.is_none() {
                return Err(RequestError::BadParameter(format!(
                    "related_to: no thing, story or guide has the id {start}"
                ))
                .into());
            }
            let edges = self.graph.current(&self.store).await?;
            g.related = Some(edges.within(start, req.hops, &req.via));
        }
        if let Some(thing) = &req.applies_to {
            let Some(row) = self.store.get(EntityKind::Thing, thing).await? else {
                return Err(RequestError::BadParameter(format!(
                    "applies_to: no thing has the id {thing}"
                ))
                .into());
            };
            let identifier = row.body["identifier"].as_str();
            let edges = self.graph.current(&self.store).await?;
            g.applies = Some(edges.applies_to(thing, identifier));
        }
        Ok(g)
    }

    fn search(
        &self,
        req: &SearchRequest,
        parsed: &Parsed,
        graph: &GraphFilter,
    ) -> Result<SearchResults, SearchError> {
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
        for (d, name) in FACETS.iter().enumerate() {
            let selected: Vec<&str> = req.selected(name).collect();
            let values = facet_values(&counted, d as u8, &selected);
            if !values.is_empty() {
                facets.push(FacetGroup {
                    name: name.to_string(),
                    values,
                });
            }
        }
        let hits = self.hits(&searcher, &docs, &text, &lang)?;
        Ok(SearchResults {
            total,
            skip: req.skip,
            limit,
            hits,
            facets,
            relaxed,
            rebuilding: self.status().rebuilding,
        })
    }

    /// The page of hits (ranked with all filters), the total and the facet counts.
    /// Counts take the matches of the text and graph alone (a facet's counts show what
    /// else it offers), so ranking by relevance passes over them once and leaves out of
    /// the page what a facet filter refuses; sorting by date ranks the filtered
    /// matches in a pass of its own.
    fn top_and_counts(&self, ctx: &Ctx, text: &Text) -> Result<Found, SearchError> {
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

    fn words(&self, analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        schema::tokens(analyzer, text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    /// A word or phrase as each analyzer makes it, without repeats: its stem in every
    /// language with a stemmer, and the word as written. Searching for all of them
    /// finds it in content of any language; most are the same.
    fn forms(&self, text: &str) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = Vec::new();
        for mut analyzer in self.analyzers.all() {
            let form = self.words(&mut analyzer, text);
            if !form.is_empty() && !out.contains(&form) {
                out.push(form);
            }
        }
        out
    }

    fn text_term(&self, word: &str) -> Term {
        Term::from_field_text(self.fields.text, word)
    }

    fn doc_freq(&self, searcher: &Searcher, word: &str) -> u64 {
        searcher.doc_freq(&self.text_term(word)).unwrap_or(0)
    }

    /// One word or phrase as scoring clauses, added to `out`. A single word that
    /// appears nowhere as typed stands for the indexed words a typo or two away (fewer
    /// for short words), ranked below exact matches; those go to `corrections`.
    fn term_clauses(
        &self,
        searcher: &Searcher,
        term: &syntax::Term,
        typos: bool,
        out: &mut Vec<(Occur, Box<dyn Query>)>,
        corrections: &mut Vec<String>,
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
                for fixed in self.corrections(searcher, word, distance) {
                    let q = TermQuery::new(self.text_term(&fixed), IndexRecordOption::WithFreqs);
                    out.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), 0.5))));
                    corrections.push(fixed);
                }
            }
        }
    }

    /// The forms of a word or phrase as clauses; forms of one word found nowhere are
    /// left out (so a word found in one form stays a plain term query), but a word
    /// found in no form still needs one clause, which matches nothing. Returns whether
    /// a single-word form is in the index.
    fn word_clauses(
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

    /// The most frequent indexed words within `distance` edits of `word`.
    fn corrections(&self, searcher: &Searcher, word: &str, distance: u8) -> Vec<String> {
        const KEEP: usize = 3;
        let mut found: HashMap<String, u64> = HashMap::new();
        // Built once: a distance-2 automaton takes longer to build than to run.
        let fuzzy = FuzzyTermQuery::new(self.text_term(word), distance, true);
        let Ok(automaton) = fuzzy.automaton() else {
            return Vec::new();
        };
        for segment in searcher.segment_readers() {
            let Ok(index) = segment.inverted_index(self.fields.text) else {
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
    fn group_query(
        &self,
        searcher: &Searcher,
        group: &[syntax::Term],
        corrections: &mut Vec<String>,
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
    fn text_query(&self, searcher: &Searcher, parsed: &Parsed, relaxed: bool) -> Text {
        let (required, ranking) = self.groups(searcher, parsed);
        let mut corrections = Vec::new();
        let mut to_query = |g: &Vec<syntax::Term>| self.group_query(searcher, g, &mut corrections);
        let mut must: Vec<Box<dyn Query>> = required.iter().filter_map(&mut to_query).collect();
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
    fn groups(
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
    fn full_query(&self, c: &Ctx, text: &dyn Query, with_facets: bool) -> Box<dyn Query> {
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
            self.term_clauses(searcher, t, false, &mut words, &mut Vec::new());
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
    fn graph_clauses(&self, graph: &GraphFilter) -> Vec<(Occur, Box<dyn Query>)> {
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
            for c in &a.categories {
                any.push((Occur::Should, self.facet_query("category", c)));
            }
            out.push((Occur::Must, Box::new(BooleanQuery::new(any))));
            let kinds = vec![
                (Occur::Should, self.facet_query("kind", "story")),
                (Occur::Should, self.facet_query("kind", "guide")),
            ];
            out.push((Occur::Must, Box::new(BooleanQuery::new(kinds))));
        }
        out
    }

    fn facet_query(&self, dimension: &str, value: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_facet(self.fields.facets, &facet(dimension, value)),
            IndexRecordOption::Basic,
        ))
    }

    fn hits(
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
            let snippet = match snippet_lang {
                Some((name, field)) => {
                    let generator = generators
                        .entry(name)
                        .or_insert_with(|| self.snippets(searcher, text, name, field));
                    let body = doc
                        .get_all(field)
                        .filter_map(|v| v.as_str())
                        .collect::<Vec<_>>()
                        .join("\n");
                    segments(generator, &body)
                }
                None => Vec::new(),
            };
            let resolved = display.title.resolve(lang);
            hits.push(Hit {
                kind,
                id: get(self.fields.id),
                title: resolved.text.to_string(),
                fell_back: resolved.fell_back,
                subtitle: display.subtitle.clone(),
                snippet,
                score: *score,
                updated_at: display.updated_at.clone(),
            });
        }
        Ok(hits)
    }

    /// Highlights text of one language: the searched words as its stemmer makes them,
    /// and the corrections of misspelt ones; rarer words weigh more.
    fn snippets(
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
            .chain(text.corrections.iter().cloned());
        for word in stems {
            let weight = 1.0 / (1.0 + self.doc_freq(searcher, &word) as f32);
            terms.insert(word, weight);
        }
        SnippetGenerator::new(terms, analyzer, field, SNIPPET_CHARS)
    }
}

/// Limits on paging; the language only needs to look like a language tag.
fn primary_lang(tag: &str) -> String {
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

fn facet_values(counted: &Counted, dimension: u8, selected: &[&str]) -> Vec<FacetValue> {
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
            });
        }
    }
    out
}

/// Splits a snippet into plain and highlighted pieces; without a match, the start of
/// the text.
fn segments(generator: &SnippetGenerator, body: &str) -> Vec<Segment> {
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
