//! The knowledge domain: entity shapes, vocabularies and validation.
//! Compiled for both the server and the browser, so forms and the API share one validator.

pub mod canonical;
pub mod diff;
pub mod form;
pub mod kind;
pub mod localized;
pub mod merge;
pub mod model;
pub mod problem;
pub mod validate;
pub mod vocab;

pub use kind::EntityKind;
pub use localized::LocalizedText;
pub use model::*;
pub use problem::Problem;
