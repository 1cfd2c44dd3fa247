//! Facet counts and the total of a search, from the matches of the text (and graph)
//! alone. A match that passes every facet filter counts everywhere and in the total; one
//! that fails only the filter of dimension D still counts in D, so a dimension in use
//! shows what else could be added to it (disjunctive facets) without a search per
//! dimension.
//!
//! Each segment's facets are read into memory once: values found in many of its
//! documents as bitsets, the others per document and per value. A search matching a
//! large share of a segment counts with bitset operations, whose cost does not grow with
//! the matches; a narrow one looks at each match. Reading every match's values from
//! memory one by one was what made broad searches slow.

use domain::search::FACETS;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, Searcher, SearcherGeneration, SegmentReader, Warmer};

/// What a facet ordinal of one segment stands for: (dimension index, value).
type OrdMap = Vec<Option<(u8, Arc<str>)>>;

/// A value in at least one in this many of a segment's documents is kept as a bitset.
const DENSE_SHARE: usize = 32;

/// One bit per document of a segment.
#[derive(Clone)]
struct Bits(Vec<u64>);

impl Bits {
    fn new(docs: u32) -> Self {
        Bits(vec![0; (docs as usize).div_ceil(64)])
    }

    fn set(&mut self, doc: DocId) {
        if let Some(w) = self.0.get_mut(doc as usize / 64) {
            *w |= 1 << (doc % 64);
        }
    }

    fn has(&self, doc: DocId) -> bool {
        self.0
            .get(doc as usize / 64)
            .is_some_and(|w| (w >> (doc % 64)) & 1 == 1)
    }

    fn part(&self, words: &Range<usize>) -> &[u64] {
        self.0.get(words.clone()).unwrap_or(&[])
    }

    fn part_mut(&mut self, words: &Range<usize>) -> &mut [u64] {
        self.0.get_mut(words.clone()).unwrap_or(&mut [])
    }

    /// `self &= other`, within `words` (the rest is left as it is).
    fn and(&mut self, other: &Bits, words: &Range<usize>) {
        for (a, b) in self.part_mut(words).iter_mut().zip(other.part(words)) {
            *a &= b;
        }
    }

    fn or(&mut self, other: &Bits, words: &Range<usize>) {
        for (a, b) in self.part_mut(words).iter_mut().zip(other.part(words)) {
            *a |= b;
        }
    }

    fn count(&self, words: &Range<usize>) -> u64 {
        self.part(words)
            .iter()
            .map(|w| u64::from(w.count_ones()))
            .sum()
    }

    fn count_and(&self, other: &Bits, words: &Range<usize>) -> u64 {
        self.part(words)
            .iter()
            .zip(other.part(words))
            .map(|(a, b)| u64::from((a & b).count_ones()))
            .sum()
    }
}

/// One segment's facets.
pub struct SegmentFacets {
    map: OrdMap,
    docs: u32,
    /// Values in many documents: ordinal and bitset.
    dense: Vec<(u32, Bits)>,
    /// The same per document: bit i of document d's `mask_words` words says whether it
    /// has `dense[i]`, so one read finds all of a match's frequent values where the
    /// bitsets would take a cache miss each.
    mask_words: usize,
    masks: Vec<u64>,
    /// Every other value per document: document d's are `sparse[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    sparse: Vec<u32>,
    /// And per value: ordinal and documents.
    postings: Vec<(u32, Vec<DocId>)>,
}

impl SegmentFacets {
    fn load(segment: &SegmentReader) -> tantivy::Result<Self> {
        let reader = segment.facet_reader("facets")?;
        let mut map = Vec::with_capacity(reader.num_facets());
        let mut stream = reader.facet_dict().stream()?;
        while stream.advance() {
            let facet = Facet::from_encoded(stream.key().to_vec()).ok();
            map.push(facet.and_then(|f| {
                let path = f.to_path();
                let (dim, value) = (path.first()?, path.get(1)?);
                let d = FACETS.iter().position(|x| x == dim)?;
                Some((d as u8, Arc::from(*value)))
            }));
        }
        let docs = segment.max_doc();
        // Every document's ordinals, to tell frequent values from the others first.
        let (mut all_starts, mut all) = (Vec::with_capacity(docs as usize + 1), Vec::new());
        let mut freq = vec![0usize; map.len()];
        all_starts.push(0);
        for doc in 0..docs {
            for o in reader.facet_ords(doc) {
                if let Some(f) = freq.get_mut(o as usize) {
                    *f += 1;
                }
                all.push(o as u32);
            }
            all_starts.push(all.len());
        }
        // Per ordinal: its index in `dense`, or in `postings`.
        let mut slot: Vec<Result<usize, usize>> = Vec::with_capacity(map.len());
        let (mut dense, mut postings) = (Vec::new(), Vec::new());
        for (o, f) in freq.iter().enumerate() {
            if *f * DENSE_SHARE >= docs as usize {
                slot.push(Ok(dense.len()));
                dense.push((o as u32, Bits::new(docs)));
            } else {
                slot.push(Err(postings.len()));
                postings.push((o as u32, Vec::with_capacity(*f)));
            }
        }
        let mask_words = dense.len().div_ceil(64);
        let mut masks = vec![0u64; docs as usize * mask_words];
        let mut starts = Vec::with_capacity(docs as usize + 1);
        let mut sparse = Vec::new();
        starts.push(0);
        for (doc, range) in all_starts.windows(2).enumerate() {
            let doc = doc as DocId;
            for &o in all.get(range[0]..range[1]).unwrap_or(&[]) {
                match slot.get(o as usize) {
                    Some(Ok(i)) => {
                        if let Some((_, bits)) = dense.get_mut(*i) {
                            bits.set(doc);
                        }
                        if let Some(w) = masks.get_mut(doc as usize * mask_words + *i / 64) {
                            *w |= 1 << (*i % 64);
                        }
                    }
                    Some(Err(i)) => {
                        sparse.push(o);
                        if let Some((_, list)) = postings.get_mut(*i) {
                            list.push(doc);
                        }
                    }
                    None => {}
                }
            }
            starts.push(sparse.len() as u32);
        }
        Ok(Self {
            map,
            docs,
            dense,
            mask_words,
            masks,
            starts,
            sparse,
            postings,
        })
    }

    /// What is known of each match, read in one pass before any of it is looked at:
    /// the loads do not wait for each other, where reading a match's values as they
    /// are used would wait for one cache miss after another. Per match: its
    /// `mask_words` mask words, and the range of its rare values in `sparse`.
    fn gather(&self, docs: &[DocId]) -> (Vec<u64>, Vec<(u32, u32)>) {
        let mw = self.mask_words;
        let mut masks = Vec::with_capacity(docs.len() * mw);
        let mut spans = Vec::with_capacity(docs.len());
        for &doc in docs {
            let d = doc as usize;
            match self.masks.get(d * mw..(d + 1) * mw) {
                Some(words) => masks.extend_from_slice(words),
                None => masks.resize(masks.len() + mw, 0),
            }
            spans.push(self.span(doc));
        }
        (masks, spans)
    }

    /// Where a document's rare values are in `sparse`.
    fn span(&self, doc: DocId) -> (u32, u32) {
        let d = doc as usize;
        match (self.starts.get(d), self.starts.get(d + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
        }
    }

    /// The ordinals of one match from what [`Self::gather`] read, into `out`.
    fn ords_of(&self, masks: &[u64], (a, b): (u32, u32), out: &mut Vec<u32>) {
        out.clear();
        for (w, &word) in masks.iter().enumerate() {
            let mut m = word;
            while m != 0 {
                let i = w * 64 + m.trailing_zeros() as usize;
                out.extend(self.dense.get(i).map(|(o, _)| *o));
                m &= m - 1;
            }
        }
        out.extend_from_slice(self.sparse.get(a as usize..b as usize).unwrap_or(&[]));
    }

    fn dimension(&self, ord: u32) -> Option<u8> {
        self.map
            .get(ord as usize)
            .and_then(|e| e.as_ref().map(|(d, _)| *d))
    }
}

/// Segments never change, so their facets are read once, when the reader first loads
/// them (a [`Warmer`], so no search waits for it), and forgotten when they are merged
/// away.
#[derive(Default)]
pub struct FacetCache {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentFacets>>>,
}

impl FacetCache {
    fn get(&self, segment: &SegmentReader) -> tantivy::Result<Arc<SegmentFacets>> {
        let id = segment.segment_id();
        if let Some(f) = self.segments.lock().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(f);
        }
        let facets = Arc::new(SegmentFacets::load(segment)?);
        if let Ok(mut m) = self.segments.lock() {
            m.insert(id, facets.clone());
        }
        Ok(facets)
    }

    /// The documents of a segment that have one facet value.
    pub fn holders(&self, segment: &SegmentReader, dimension: &str, value: &str) -> Holders {
        let Some(facets) = self.get(segment).ok() else {
            return Holders::default();
        };
        let d = FACETS.iter().position(|x| *x == dimension);
        let ord = facets.map.iter().position(|e| {
            e.as_ref()
                .is_some_and(|(fd, v)| Some(*fd as usize) == d && **v == *value)
        });
        let at = ord.and_then(|o| {
            let o = o as u32;
            match facets.dense.iter().position(|(x, _)| *x == o) {
                Some(i) => Some(Ok(i)),
                None => facets.postings.iter().position(|(x, _)| *x == o).map(Err),
            }
        });
        Holders {
            facets: Some(facets),
            at,
        }
    }
}

/// Documents with a facet value: its bitset (`Ok`) or its document list (`Err`).
#[derive(Default)]
pub struct Holders {
    facets: Option<Arc<SegmentFacets>>,
    at: Option<Result<usize, usize>>,
}

impl Holders {
    pub fn has(&self, doc: DocId) -> bool {
        match (&self.facets, self.at) {
            (Some(f), Some(Ok(i))) => f.dense.get(i).is_some_and(|(_, b)| b.has(doc)),
            (Some(f), Some(Err(i))) => f
                .postings
                .get(i)
                .is_some_and(|(_, docs)| docs.binary_search(&doc).is_ok()),
            _ => false,
        }
    }
}

impl Warmer for FacetCache {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for segment in searcher.segment_readers() {
            self.get(segment)?;
        }
        Ok(())
    }

    fn garbage_collect(&self, live: &[&SearcherGeneration]) {
        if let Ok(mut m) = self.segments.lock() {
            m.retain(|id, _| live.iter().any(|g| g.segments().contains_key(id)));
        }
    }
}

/// The facet filters of a request: per selected dimension, its accepted values.
pub struct Tally<'a> {
    pub selected: Vec<(u8, Vec<String>)>,
    pub cache: &'a FacetCache,
}

/// Total and counts per (dimension index, value).
#[derive(Default)]
pub struct Counted {
    pub total: usize,
    pub counts: HashMap<(u8, Arc<str>), u64>,
}

pub struct SegmentTally {
    facets: Arc<SegmentFacets>,
    /// Per ordinal: the bit of the selected filter it satisfies (0 for none).
    passes: Vec<u32>,
    /// Per selected filter bit: its dimension.
    dims: Vec<u8>,
    full: u32,
    matches: Vec<DocId>,
}

impl Collector for Tally<'_> {
    type Fruit = Counted;
    type Child = SegmentTally;

    fn for_segment(&self, _: u32, segment: &SegmentReader) -> tantivy::Result<SegmentTally> {
        let facets = self.cache.get(segment)?;
        let passes = facets
            .map
            .iter()
            .map(|e| {
                e.as_ref().map_or(0, |(d, v)| {
                    self.selected
                        .iter()
                        .position(|(sd, vals)| sd == d && vals.iter().any(|x| **x == **v))
                        .map_or(0, |bit| 1 << bit)
                })
            })
            .collect();
        Ok(SegmentTally {
            facets,
            passes,
            dims: self.selected.iter().map(|(d, _)| *d).collect(),
            full: (1u32 << self.selected.len()) - 1,
            matches: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Counted> {
        let mut out = Counted::default();
        for f in fruits {
            out.total += f.total;
            for (ord, n) in f.counts.into_iter().enumerate() {
                if n == 0 {
                    continue;
                }
                if let Some(Some(key)) = f.facets.map.get(ord) {
                    *out.counts.entry(key.clone()).or_default() += n;
                }
            }
        }
        Ok(out)
    }
}

pub struct SegmentFruit {
    total: usize,
    counts: Vec<u64>,
    facets: Arc<SegmentFacets>,
}

impl SegmentCollector for SegmentTally {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.matches.push(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        self.matches.extend_from_slice(docs);
    }

    fn harvest(self) -> SegmentFruit {
        let f = &*self.facets;
        let words = self.words().len();
        // Nanoseconds, as measured on the 1M-entry benchmark (both ways timed for
        // 2,282 pieces): a match costs about 45 one at a time (cache misses and a count
        // per value); the bitsets cost about 1.2 per word and value, and then 5 per
        // match for its rare values.
        let per_match = self.matches.len() * 45;
        let by_bits =
            (f.dense.len() + self.dims.len() + 1) * words * 6 / 5 + self.matches.len() * 5;
        let (total, counts) = if per_match <= by_bits {
            self.per_match()
        } else {
            self.by_bitsets()
        };
        SegmentFruit {
            total,
            counts,
            facets: self.facets,
        }
    }
}

impl SegmentTally {
    /// The bitset words the matches lie in: a search split into document ranges
    /// counts each range's words only.
    fn words(&self) -> Range<usize> {
        match (self.matches.first(), self.matches.last()) {
            (Some(&a), Some(&b)) => a as usize / 64..b as usize / 64 + 1,
            _ => 0..0,
        }
    }

    fn per_match(&self) -> (usize, Vec<u64>) {
        let f = &*self.facets;
        let mut counts = vec![0u64; f.map.len()];
        let mut total = 0;
        let mut ords = Vec::with_capacity(16);
        let mut bump = |o: u32| {
            if let Some(c) = counts.get_mut(o as usize) {
                *c += 1;
            }
        };
        let (masks, spans) = f.gather(&self.matches);
        let mw = f.mask_words;
        for (i, span) in spans.iter().enumerate() {
            f.ords_of(
                masks.get(i * mw..(i + 1) * mw).unwrap_or(&[]),
                *span,
                &mut ords,
            );
            let mask = ords.iter().fold(0, |m, o| {
                m | self.passes.get(*o as usize).copied().unwrap_or(0)
            });
            if mask == self.full {
                total += 1;
                ords.iter().for_each(|o| bump(*o));
                continue;
            }
            let missing = self.full & !mask;
            if missing.count_ones() != 1 {
                continue;
            }
            let dim = self.dims.get(missing.trailing_zeros() as usize).copied();
            for o in &ords {
                if f.dimension(*o) == dim {
                    bump(*o);
                }
            }
        }
        (total, counts)
    }

    fn by_bitsets(&self) -> (usize, Vec<u64>) {
        let f = &*self.facets;
        let words = self.words();
        let mut matched = Bits::new(f.docs);
        for &doc in &self.matches {
            matched.set(doc);
        }
        // Per selected filter: the documents that pass it.
        let passing: Vec<Bits> = (0..self.dims.len())
            .map(|bit| {
                let mut b = Bits::new(f.docs);
                let of_filter = |o: &u32| self.passes.get(*o as usize) == Some(&(1 << bit));
                for (_, bits) in f.dense.iter().filter(|(o, _)| of_filter(o)) {
                    b.or(bits, &words);
                }
                for (_, docs) in f.postings.iter().filter(|(o, _)| of_filter(o)) {
                    docs.iter().for_each(|d| b.set(*d));
                }
                b
            })
            .collect();
        let within = |skip: Option<usize>| {
            let mut b = matched.clone();
            for (i, p) in passing.iter().enumerate() {
                if Some(i) != skip {
                    b.and(p, &words);
                }
            }
            b
        };
        let all = within(None);
        // A filtered dimension counts among the matches of the other filters.
        let others: Vec<(u8, Bits)> = self
            .dims
            .iter()
            .enumerate()
            .map(|(i, d)| (*d, within(Some(i))))
            .collect();
        let scope = |o: u32| {
            let dim = f.dimension(o);
            others
                .iter()
                .find(|(d, _)| Some(*d) == dim)
                .map_or(&all, |(_, b)| b)
        };
        let mut counts = vec![0u64; f.map.len()];
        for (o, bits) in &f.dense {
            if let Some(c) = counts.get_mut(*o as usize) {
                *c = scope(*o).count_and(bits, &words);
            }
        }
        // Rare values from each match's own list: going through every document of
        // every rare value would cost as much as the whole segment.
        let spans: Vec<(u32, u32)> = self.matches.iter().map(|&d| f.span(d)).collect();
        for (&doc, &(a, b)) in self.matches.iter().zip(&spans) {
            for &o in f.sparse.get(a as usize..b as usize).unwrap_or(&[]) {
                if scope(o).has(doc) {
                    if let Some(c) = counts.get_mut(o as usize) {
                        *c += 1;
                    }
                }
            }
        }
        (all.count(&words) as usize, counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{FacetOptions, Schema};
    use tantivy::{Index, TantivyDocument};

    type Keyed = (usize, HashMap<(u8, String), u64>);

    fn dim(name: &str) -> u8 {
        FACETS.iter().position(|d| *d == name).unwrap_or_default() as u8
    }

    /// Document i's facets: a kind and a language (frequent), sometimes a second
    /// language, and a manufacturer among 97 (rare).
    fn facets_of(i: u32) -> Vec<(&'static str, String)> {
        let mut out = vec![
            (
                "kind",
                ["thing", "story", "guide"][i as usize % 3].to_string(),
            ),
            (
                "language",
                ["en", "de", "fr", "nl"][i as usize % 4].to_string(),
            ),
            ("manufacturer", format!("m{}", i % 97)),
        ];
        if i.is_multiple_of(5) {
            out.push(("language", "es".to_string()));
        }
        out
    }

    /// Counted one match at a time from the documents as written.
    fn by_hand(matches: &[u32], selected: &[(u8, Vec<String>)]) -> Keyed {
        let mut counts = HashMap::new();
        let mut total = 0;
        for &doc in matches {
            let facets = facets_of(doc);
            let passes = |(d, values): &(u8, Vec<String>)| {
                facets
                    .iter()
                    .any(|(n, v)| dim(n) == *d && values.contains(v))
            };
            let failed: Vec<u8> = selected
                .iter()
                .filter(|s| !passes(s))
                .map(|(d, _)| *d)
                .collect();
            let counts_in = |d: u8| failed.is_empty() || failed == [d];
            total += usize::from(failed.is_empty());
            for (n, v) in &facets {
                if counts_in(dim(n)) {
                    *counts.entry((dim(n), v.clone())).or_default() += 1;
                }
            }
        }
        (total, counts)
    }

    fn keyed(facets: &SegmentFacets, (total, counts): (usize, Vec<u64>)) -> Keyed {
        let mut out = HashMap::new();
        for (ord, n) in counts.into_iter().enumerate() {
            if let (Some(Some((d, v))), true) = (facets.map.get(ord), n > 0) {
                out.insert((*d, v.to_string()), n);
            }
        }
        (total, out)
    }

    #[test]
    fn bitsets_and_match_by_match_count_the_same_as_by_hand() -> tantivy::Result<()> {
        let mut schema = Schema::builder();
        let field = schema.add_facet_field("facets", FacetOptions::default());
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
        for i in 0..2000 {
            let mut doc = TantivyDocument::default();
            for (d, v) in facets_of(i) {
                doc.add_facet(field, Facet::from_path([d, v.as_str()]));
            }
            writer.add_document(doc)?;
        }
        writer.commit()?;
        let searcher = index.reader()?.searcher();
        let segment = &searcher.segment_readers()[0];
        let cache = FacetCache::default();
        let facets = cache.get(segment)?;
        assert!(!facets.dense.is_empty() && !facets.postings.is_empty());
        let strings = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let filters = [
            vec![],
            vec![(dim("kind"), strings(&["story"]))],
            vec![
                (dim("kind"), strings(&["thing", "guide"])),
                (dim("language"), strings(&["es"])),
            ],
            vec![
                (dim("language"), strings(&["de", "nl"])),
                (dim("manufacturer"), strings(&["m3", "m50"])),
            ],
        ];
        for selected in filters {
            let tally = Tally {
                selected: selected.clone(),
                cache: &cache,
            };
            // The whole segment, and one piece of it as a split search counts it.
            for range in [0..2000, 700..1301] {
                let mut seg = tally.for_segment(0, segment)?;
                seg.matches = range.filter(|d| d % 7 != 3).collect();
                let expected = by_hand(&seg.matches, &selected);
                assert_eq!(keyed(&facets, seg.per_match()), expected, "{selected:?}");
                assert_eq!(keyed(&facets, seg.by_bitsets()), expected, "{selected:?}");
            }
        }
        Ok(())
    }
}
