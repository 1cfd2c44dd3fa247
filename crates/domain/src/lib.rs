//! The knowledge domain: entity shapes, vocabularies, validation, merge rules, the
//! policy table, revisions, and the wire types that pages and the API share.
//! Compiled for both the server and the browser, so forms and the API share one validator.

pub mod audit;
pub mod canonical;
pub mod diff;
pub mod event;
pub mod fields;
pub mod form;
pub mod graph;
pub mod impact;
pub mod instance;
pub mod kind;
pub mod lang;
pub mod localized;
pub mod media;
pub mod merge;
pub mod model;
pub mod outcome;
pub mod peer;
pub mod policy;
pub mod problem;
pub mod redirect;
pub mod repair;
pub mod revision;
pub mod search;
pub mod tags;
pub mod taxonomy;
pub mod translation;
pub mod usage;
pub mod validate;
pub mod view;
pub mod vocab;

pub use kind::EntityKind;
pub use localized::LocalizedText;
pub use model::*;
pub use problem::Problem;
