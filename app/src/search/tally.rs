//! Facet counts and the total of a search in one unscored pass over the matches of the
//! text (and graph) alone. Each match is checked against the facet filters from its
//! facet ordinals: one that passes them all counts everywhere and in the total; one that
//! fails only the filter of dimension D still counts in D, so a dimension in use shows
//! what else could be added to it (disjunctive facets) without a search per dimension.

use super::FACETS;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::index::SegmentId;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentReader};

/// What a facet ordinal of one segment stands for: (dimension index, value).
type OrdMap = Vec<Option<(u8, Arc<str>)>>;

/// Segments never change, so their ordinal maps are computed once and kept until the
/// segment is merged away.
#[derive(Default)]
pub struct OrdMaps {
    maps: Mutex<HashMap<SegmentId, Arc<OrdMap>>>,
}

impl OrdMaps {
    fn get(&self, segment: &SegmentReader, reader: &FacetReader) -> tantivy::Result<Arc<OrdMap>> {
        let id = segment.segment_id();
        if let Some(m) = self.maps.lock().ok().and_then(|m| m.get(&id).cloned()) {
            return Ok(m);
        }
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
        let map = Arc::new(map);
        if let Ok(mut m) = self.maps.lock() {
            m.insert(id, map.clone());
        }
        Ok(map)
    }

    /// Forgets segments that are no longer searched.
    pub fn retain(&self, live: &[SegmentId]) {
        if let Ok(mut m) = self.maps.lock() {
            m.retain(|id, _| live.contains(id));
        }
    }
}

/// The facet filters of a request: per selected dimension, its accepted values.
pub struct Tally<'a> {
    pub selected: Vec<(u8, Vec<String>)>,
    pub maps: &'a OrdMaps,
}

/// Total and counts per (dimension index, value).
#[derive(Default)]
pub struct Counted {
    pub total: usize,
    pub counts: HashMap<(u8, Arc<str>), u64>,
}

pub struct SegmentTally {
    reader: FacetReader,
    map: Arc<OrdMap>,
    /// Per ordinal: the bit of the selected filter it satisfies (0 for none).
    passes: Vec<u32>,
    /// Per selected filter bit: its dimension.
    dims: Vec<u8>,
    full: u32,
    total: usize,
    counts: Vec<u64>,
    ords: Vec<u64>,
}

impl Collector for Tally<'_> {
    type Fruit = Counted;
    type Child = SegmentTally;

    fn for_segment(&self, _: u32, segment: &SegmentReader) -> tantivy::Result<SegmentTally> {
        let reader = segment.facet_reader("facets")?;
        let map = self.maps.get(segment, &reader)?;
        let passes = map
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
            counts: vec![0; map.len()],
            reader,
            map,
            passes,
            dims: self.selected.iter().map(|(d, _)| *d).collect(),
            full: (1u32 << self.selected.len()) - 1,
            total: 0,
            ords: Vec::with_capacity(16),
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
                if let Some(Some(key)) = f.map.get(ord) {
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
    map: Arc<OrdMap>,
}

impl SegmentCollector for SegmentTally {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.ords.clear();
        self.ords.extend(self.reader.facet_ords(doc));
        let mask = self.ords.iter().fold(0, |m, o| {
            m | self.passes.get(*o as usize).copied().unwrap_or(0)
        });
        if mask == self.full {
            self.total += 1;
            for o in &self.ords {
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
        let dim = self.dims[missing.trailing_zeros() as usize];
        for o in &self.ords {
            let of_dim = matches!(self.map.get(*o as usize), Some(Some((d, _))) if *d == dim);
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
            map: self.map,
        }
    }
}
