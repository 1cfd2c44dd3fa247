//! The index layout: per-language text fields with that language's stemmer, a
//! language-neutral copy of all text, one facet field, and what hits display.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::Index;

/// Bumped whenever the layout or an analyzer changes; an index of another version is
/// rebuilt at start-up.
pub const SCHEMA_VERSION: u32 = 1;

/// Languages with their own stemmed fields. Text in any other language is still found
/// through the neutral fields.
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

/// Title and body text fields of one language.
#[derive(Clone, Copy)]
pub struct LangFields {
    pub title: Field,
    pub body: Field,
}

#[derive(Clone)]
pub struct Fields {
    pub id: Field,
    pub kind: Field,
    pub thing_id: Field,
    pub updated: Field,
    pub facets: Field,
    /// JSON with what a hit shows: localized title, subtitle, updated_at.
    pub display: Field,
    pub stemmed: Vec<(&'static str, LangFields)>,
    pub neutral: LangFields,
    /// Names, identifiers, materials and tools, in no particular language.
    pub keywords: Field,
}

impl Fields {
    pub fn of_lang(&self, lang: &str) -> Option<LangFields> {
        self.stemmed
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, f)| *f)
    }

    /// The text fields a query searches, with their weights: the stemmed fields of the
    /// reader's language and of English (the default text), and the neutral fields,
    /// which hold every language word for word. Searching all seven stemmed languages
    /// would double the work for little: readers type in their own language.
    pub fn weighted(&self, reader_lang: &str) -> Vec<(Field, f32)> {
        let mut out = Vec::new();
        for (lang, f) in &self.stemmed {
            let weight = match *lang {
                l if l == reader_lang => 1.5,
                "en" => 1.0,
                _ => continue,
            };
            out.push((f.title, 3.0 * weight));
            out.push((f.body, weight));
        }
        out.push((self.neutral.title, 2.5));
        out.push((self.neutral.body, 0.8));
        out.push((self.keywords, 2.0));
        out
    }
}

fn text(analyzer: &str, stored: bool) -> TextOptions {
    let o = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    if stored {
        o.set_stored()
    } else {
        o
    }
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let kind = b.add_text_field("kind", STRING | STORED);
    let thing_id = b.add_text_field("thing_id", STRING);
    let updated = b.add_i64_field("updated", INDEXED | FAST);
    let facets = b.add_facet_field("facets", tantivy::schema::FacetOptions::default());
    let display = b.add_text_field("display", STORED);
    let stemmed = STEMMED
        .iter()
        .map(|(lang, _)| {
            let analyzer = format!("lang_{lang}");
            (
                *lang,
                LangFields {
                    title: b.add_text_field(&format!("title_{lang}"), text(&analyzer, true)),
                    body: b.add_text_field(&format!("body_{lang}"), text(&analyzer, true)),
                },
            )
        })
        .collect();
    let neutral = LangFields {
        title: b.add_text_field("title_any", text(NEUTRAL, false)),
        body: b.add_text_field("body_any", text(NEUTRAL, false)),
    };
    let keywords = b.add_text_field("keywords", text(NEUTRAL, false));
    let fields = Fields {
        id,
        kind,
        thing_id,
        updated,
        facets,
        display,
        stemmed,
        neutral,
        keywords,
    };
    (b.build(), fields)
}

/// Analyzers are not stored in the index, so they are registered at every open.
pub fn register_analyzers(index: &Index) {
    let t = index.tokenizers();
    for (lang, language) in STEMMED {
        t.register(
            &format!("lang_{lang}"),
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(Stemmer::new(language))
                // After stemming, so "Schläuche" and "Schlauche" meet.
                .filter(AsciiFoldingFilter)
                .build(),
        );
    }
    t.register(
        NEUTRAL,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
    );
}
