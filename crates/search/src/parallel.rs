//! One search spread over the search threads by document ranges. Tantivy runs a
//! search as one task per segment, so a large index whose merges left one big segment
//! and a small one kept one core busy and the other idle while counting a broad
//! query's matches. Every piece gets its own segment collector; the collectors' merge
//! adds pieces of one segment up like separate segments.

use std::ops::Range;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query, Scorer};
use tantivy::{DocId, DocSet, Searcher, TERMINATED};

/// Segments smaller than this are searched whole: a piece costs a scorer set-up.
const MIN_PIECE: u32 = 50_000;
/// Pieces per search thread, so uneven pieces still keep every thread busy.
const PIECES_PER_THREAD: u32 = 2;

/// `query` collected by `collector` over all segments, in parallel pieces.
pub fn search<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
    threads: usize,
) -> tantivy::Result<C::Fruit> {
    let scoring = if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(scoring)?;
    collector.check_schema(searcher.schema())?;
    let pieces = pieces(
        searcher.segment_readers().iter().map(|s| s.max_doc()),
        threads as u32 * PIECES_PER_THREAD,
    );
    let fruits = searcher.index().search_executor().map(
        |(ord, range): (u32, Range<DocId>)| {
            let reader = searcher.segment_reader(ord);
            let mut piece = collector.for_segment(ord, reader)?;
            let mut scorer = weight.scorer(reader, 1.0)?;
            let alive = reader.alive_bitset();
            let mut doc = scorer.doc();
            if doc < range.start {
                doc = scorer.seek(range.start);
            }
            while doc != TERMINATED && doc < range.end {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    piece.collect(doc, scorer.score());
                }
                doc = scorer.advance();
            }
            Ok(piece.harvest())
        },
        pieces.into_iter(),
    )?;
    collector.merge_fruits(fruits)
}

/// (segment, document range) pieces of about the same size, about `wanted` in all.
fn pieces(sizes: impl Iterator<Item = u32>, wanted: u32) -> Vec<(u32, Range<DocId>)> {
    let sizes: Vec<u32> = sizes.collect();
    let total: u64 = sizes.iter().map(|s| u64::from(*s)).sum();
    let target = (total / u64::from(wanted.max(1))).max(u64::from(MIN_PIECE)) as u32;
    let mut out = Vec::new();
    for (ord, &size) in sizes.iter().enumerate() {
        let step = size.div_ceil(size.div_ceil(target).max(1)).max(1);
        let mut start = 0;
        while start < size {
            let end = (start + step).min(size);
            out.push((ord as u32, start..end));
            start = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_every_document_once_and_small_segments_stay_whole() {
        let sizes = [900_000, 100_000, 10, 0];
        let got = pieces(sizes.into_iter(), 4);
        for (ord, size) in sizes.iter().enumerate().filter(|(_, s)| **s > 0) {
            let ranges: Vec<&Range<u32>> = got
                .iter()
                .filter(|(o, _)| *o == ord as u32)
                .map(|(_, r)| r)
                .collect();
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(ranges.last().map(|r| r.end), Some(*size));
            assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
        }
        assert_eq!(got.iter().filter(|(o, _)| *o == 0).count(), 4);
        assert_eq!(got.iter().filter(|(o, _)| *o == 1).count(), 1);
        assert_eq!(got.len(), 6, "none for an empty segment");
    }
}
