//! The pages, and small helpers they share (load errors, kind names, entry links).

mod account;
mod admin;
mod categories;
mod category_split;
mod conflicts;
mod delete;
mod entity;
mod events;
mod explore;
mod factors;
mod federation;
mod form;
mod history;
mod home;
mod impact;
mod list;
mod outcomes;
pub(crate) mod repairs;
mod search;
mod site;
mod tags;
mod translate;
mod translations;
mod usage;
mod vocabularies;

pub use account::{AccountPage, LoginPage, RegisterPage, SetupPage};
pub use admin::{AdminAuditPage, AdminSettingsPage, AdminUsersPage};
pub use categories::{CategoryTreePage, UnfiledPage};
pub use category_split::CategorySplitPage;
pub use conflicts::{ConflictPage, ConflictsPage};
pub use delete::DeletePage;
pub use entity::EntityPage;
pub use explore::ExplorePage;
pub use factors::AdminFactorsPage;
pub use federation::{AdminFederationPage, ModerationPage};
pub use form::FormPage;
pub use history::{DiffPage, HistoryPage};
pub use home::{operation_key, ApiPage, HomePage};
pub use impact::ImpactPage;
pub use list::ListPage;
pub use search::SearchPage;
pub use site::{AboutPage, HelpIndexPage, HelpPage, PersonPage};
pub use tags::{TagPageView, TagsPage};
pub use translate::TranslatePage;
pub use translations::{CompletenessPage, TranslationQueuePage};
pub use usage::AdminUsagePage;
pub use vocabularies::{SuggestionsPage, VocabulariesPage, VocabularyPage};

use crate::i18n::use_i18n;
use domain::EntityKind;
use leptos::prelude::*;

/// What a page shows when its data could not be loaded.
#[component]
pub fn LoadError() -> impl IntoView {
    let i = use_i18n();
    super::widgets::set_status(500);
    view! { <p class="notice error" role="alert">{i.t("load-error")}</p> }
}

pub fn kind_title(kind: EntityKind) -> String {
    format!("kind-{}-plural", kind.as_str())
}

pub fn kind_singular(kind: EntityKind) -> String {
    format!("kind-{}", kind.as_str())
}

pub fn entity_href(kind: EntityKind, id: &str) -> String {
    format!("/{}/{id}", kind.plural())
}
