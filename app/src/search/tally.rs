//! Facet counts and the total of a search in one unscored pass over the matches of the
//! text (and graph) alone. Each match is checked against the facet filters from its
//! facet ordinals: one that passes them all counts everywhere and in the total; one that
//! fails only the filter of dimension D still counts in D, so a dimension in use shows
//! what else could be added to it (disjunctive facets) without a search per dimension.

use super::FACETS;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, Searcher, SearcherGeneration, SegmentReader, Warmer};

/// What a facet ordinal of one segment stands for: (dimension index, value).
type OrdMap = Vec<Option<(u8, Arc<str>)>>;

/// One segment's facets, read once: what each ordinal stands for, and every document's
/// ordinals in one flat array, which counting reads far faster than the column.
pub struct SegmentFacets {
    map: OrdMap,
    /// Document d's ordinals are `ords[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    ords: Vec<u32>,
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
        let mut starts = Vec::with_capacity(docs as usize + 1);
        let mut ords = Vec::with_capacity(docs as usize * 8);
        starts.push(0);
        for doc in 0..docs {
            ords.extend(reader.facet_ords(doc).map(|o| o as u32));
            starts.push(ords.len() as u32);
        }
        Ok(Self { map, starts, ords })
    }

    fn of(&self, doc: DocId) -> &[u32] {
        let d = doc as usize;
        match (self.starts.get(d), self.starts.get(d + 1)) {
            (Some(&a), Some(&b)) => self.ords.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
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
    total: usize,
    counts: Vec<u64>,
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
            counts: vec![0; facets.map.len()],
            facets,
            passes,
            dims: self.selected.iter().map(|(d, _)| *d).collect(),
            full: (1u32 << self.selected.len()) - 1,
            total: 0,
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
        let facets = &*self.facets;
        let ords = facets.of(doc);
        if self.full == 0 {
            self.total += 1;
            for o in ords {
                if let Some(c) = self.counts.get_mut(*o as usize) {
                    *c += 1;
                }
            }
            return;
        }
        let mask = ords.iter().fold(0, |m, o| {
            m | self.passes.get(*o as usize).copied().unwrap_or(0)
        });
        if mask == self.full {
            self.total += 1;
            for o in ords {
                if let Some(c) = self.counts.get_mut(*o as usize) {
                    *c += 1;
                }
            }
            return;
        }
        let missing = self.full & !mask;
        if missing.count_ones() != 1 {
            return;
        }
        let Some(&dim) = self.dims.get(missing.trailing_zeros() as usize) else {
            return;
        };
        for o in ords {
            let of_dim = matches!(facets.map.get(*o as usize), Some(Some((d, _))) if *d == dim);
            if of_dim {
                if let Some(c) = self.counts.get_mut(*o as usize) {
                    *c += 1;
                }
            }
        }
    }

    fn harvest(self) -> SegmentFruit {
        SegmentFruit {
            total: self.total,
            counts: self.counts,
            facets: self.facets,
        }
    }
}
