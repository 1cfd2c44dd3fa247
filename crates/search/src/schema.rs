//! The index layout: one text field holding every language's words (stemmed where the
//! language has a stemmer), titles for search-as-you-type, one facet field, and what
//! hits display.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token,
};
use tantivy::Index;

/// Bumped whenever the layout, an analyzer or what a hit shows changes; an index of
/// another version is rebuilt at start-up.
pub const SCHEMA_VERSION: u32 = 6;

/// Languages with a stemmer. Words of any other language are indexed as written.
pub const STEMMED: [(&str, Language); 7] = [
    ("en", Language::English),
    ("de", Language::German),
    ("es", Language::Spanish),
    ("fr", Language::French),
    ("it", Language::Italian),
    ("nl", Language::Dutch),
    ("pt", Language::Portuguese),
];

pub const NEUTRAL: &str = "neutral";

#[derive(Clone)]
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    pub thing_id: Field,
    /// The categories an entry is filed under directly: a thing's categories and those
    /// above them find the stories and guides that apply to it.
    pub filed: Field,
    /// An old free category text (lowercased), for entries not filed yet.
    pub free_category: Field,
    pub updated: Field,
    pub facets: Field,
    /// JSON with what a hit shows: localized title, subtitle, updated_at.
    pub display: Field,
    /// Every word of an entry, the field searches match and rank on: a word of a
    /// language with a stemmer as its stem in that language, any other word (and names,
    /// materials, tools) as written. Titles are indexed twice, so they weigh more.
    /// One field means one posting list per word and language, which keeps a search
    /// of several words an intersection of a few lists rather than of unions over
    /// many fields.
    pub text: Field,
    /// Titles word for word in every language: search-as-you-type.
    pub titles: Field,
    /// Body text per stemmed language, stored for snippets only.
    pub bodies: Vec<(&'static str, Field)>,
}

impl Fields {
    pub fn body_of(&self, lang: &str) -> Option<Field> {
        self.bodies
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, f)| *f)
    }
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let kind = b.add_text_field("kind", STRING | STORED);
    let thing_id = b.add_text_field("thing_id", STRING);
    let filed = b.add_text_field("filed", STRING);
    let free_category = b.add_text_field("free_category", STRING);
    let updated = b.add_i64_field("updated", INDEXED | FAST);
    let facets = b.add_facet_field("facets", tantivy::schema::FacetOptions::default());
    let display = b.add_text_field("display", STORED);
    let indexed = |record| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(NEUTRAL)
                .set_index_option(record),
        )
    };
    let text = b.add_text_field("text", indexed(IndexRecordOption::WithFreqsAndPositions));
    let titles = b.add_text_field("titles", indexed(IndexRecordOption::WithFreqs));
    let bodies = STEMMED
        .iter()
        .map(|(lang, _)| (*lang, b.add_text_field(&format!("body_{lang}"), STORED)))
        .collect();
    let fields = Fields {
        id,
        kind,
        thing_id,
        filed,
        free_category,
        updated,
        facets,
        display,
        text,
        titles,
        bodies,
    };
    (b.build(), fields)
}

/// The analyzers words go through, at indexing and at search time alike.
#[derive(Clone)]
pub struct Analyzers {
    stemmed: Vec<(&'static str, TextAnalyzer)>,
    neutral: TextAnalyzer,
}

impl Default for Analyzers {
    fn default() -> Self {
        let base = || {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
        };
        Analyzers {
            stemmed: STEMMED
                .iter()
                .map(|(lang, language)| {
                    let analyzer = base()
                        .filter(Stemmer::new(*language))
                        // After stemming, so "Schläuche" and "Schlauche" meet.
                        .filter(AsciiFoldingFilter)
                        .build();
                    (*lang, analyzer)
                })
                .collect(),
            neutral: base().filter(AsciiFoldingFilter).build(),
        }
    }
}

impl Analyzers {
    /// The analyzer of a language: its stemmer, or none for a language without one.
    pub fn of(&self, lang: &str) -> TextAnalyzer {
        self.stemmed
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or_else(|| self.neutral.clone(), |(_, a)| a.clone())
    }

    pub fn neutral(&self) -> TextAnalyzer {
        self.neutral.clone()
    }

    /// Every analyzer: each stemmer, then the neutral one.
    pub fn all(&self) -> impl Iterator<Item = TextAnalyzer> + '_ {
        self.stemmed
            .iter()
            .map(|(_, a)| a.clone())
            .chain([self.neutral.clone()])
    }

    /// The neutral analyzer under the name the schema gives it.
    pub fn register(&self, index: &Index) {
        index.tokenizers().register(NEUTRAL, self.neutral.clone());
    }
}

/// The tokens of `text` as `analyzer` makes them.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().clone());
    }
    out
}
