//! Who may do what: the one policy table every write path consults — the JSON API,
//! the server functions behind the forms, and anything added later.

/// Writes that need authorization.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Revert,
    ResolveConflict,
    Delete,
    /// Hide an entry from readers, or show it again.
    Hide,
    /// Disable and enable accounts.
    ModerateUsers,
    /// Roles, approvals, invitations, instance settings, the audit log.
    ManageUsers,
    /// Accept revisions from untrusted peers, or reject them.
    ReviewRemote,
    /// Connect to peers, answer their requests, set their trust.
    ManageFederation,
    /// Mark a translation reviewed: confirmed against its original.
    ReviewTranslation,
    /// Upload photos and documents.
    UploadMedia,
    /// Add, edit and revert categories: the taxonomy everyone files under.
    EditTaxonomy,
    /// Rename a tag everywhere, or merge it into another.
    RenameTags,
    /// Add and edit material and tool terms, and act on suggested ones.
    EditVocabulary,
    /// Add values to a controlled vocabulary (thing, story, guide, relationship types).
    ExtendVocabulary,
    /// Import a file of many records at once (ORDS CSV).
    ImportRecords,
}

impl Action {
    pub const ALL: [Action; 17] = [
        Action::Create,
        Action::Update,
        Action::Revert,
        Action::ResolveConflict,
        Action::Delete,
        Action::Hide,
        Action::ModerateUsers,
        Action::ManageUsers,
        Action::ReviewRemote,
        Action::ManageFederation,
        Action::ReviewTranslation,
        Action::UploadMedia,
        Action::EditTaxonomy,
        Action::RenameTags,
        Action::EditVocabulary,
        Action::ExtendVocabulary,
        Action::ImportRecords,
    ];

    /// The action as taken on an entry of `kind`: writing categories takes more trust
    /// than writing other entries.
    pub fn on(self, kind: crate::EntityKind) -> Action {
        match (self, kind) {
            (Action::Create | Action::Update | Action::Revert, crate::EntityKind::Category) => {
                Action::EditTaxonomy
            }
            (Action::Create | Action::Update | Action::Revert, crate::EntityKind::Term) => {
                Action::EditVocabulary
            }
            _ => self,
        }
    }
}

/// Roles from least to most trusted.
pub const ROLES: [&str; 4] = ["member", "expert", "moderator", "admin"];

/// The least role allowed to take each action. Anonymous visitors only read.
const POLICY: [(Action, &str); 17] = [
    (Action::Create, "member"),
    (Action::Update, "member"),
    (Action::Revert, "member"),
    (Action::ResolveConflict, "expert"),
    (Action::Delete, "moderator"),
    (Action::Hide, "moderator"),
    (Action::ModerateUsers, "moderator"),
    (Action::ManageUsers, "admin"),
    (Action::ReviewRemote, "expert"),
    (Action::ManageFederation, "admin"),
    (Action::ReviewTranslation, "expert"),
    (Action::UploadMedia, "member"),
    (Action::EditTaxonomy, "expert"),
    (Action::RenameTags, "moderator"),
    (Action::EditVocabulary, "expert"),
    (Action::ExtendVocabulary, "admin"),
    (Action::ImportRecords, "expert"),
];

/// What writing `body` as an entry of `kind` takes beyond [`Action::on`]: a term that
/// extends a controlled vocabulary is the instance admins' to add or change.
pub fn also_needed(kind: crate::EntityKind, body: &serde_json::Value) -> Option<Action> {
    let vocabulary = body.get("vocabulary").and_then(serde_json::Value::as_str)?;
    (kind == crate::EntityKind::Term && crate::vocab::is_controlled(vocabulary))
        .then_some(Action::ExtendVocabulary)
}

fn rank(role: &str) -> Option<usize> {
    ROLES.iter().position(|r| *r == role)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Denied {
    /// Nobody is signed in: sign in first.
    SignInRequired,
    /// Signed in, but the role is not enough.
    Forbidden,
}

/// Whether `role` (None = anonymous) may take `action`.
pub fn authorize(role: Option<&str>, action: Action) -> Result<(), Denied> {
    let Some(role) = role else {
        return Err(Denied::SignInRequired);
    };
    let needed = POLICY
        .iter()
        .find(|(a, _)| *a == action)
        .and_then(|(_, r)| rank(r))
        .unwrap_or(usize::MAX);
    match rank(role) {
        Some(have) if have >= needed => Ok(()),
        _ => Err(Denied::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_matrix() {
        use Action::*;
        let expect = |role: Option<&str>, allowed: &[Action]| {
            for a in Action::ALL {
                assert_eq!(
                    authorize(role, a).is_ok(),
                    allowed.contains(&a),
                    "{role:?} {a:?}"
                );
            }
        };
        expect(None, &[]);
        expect(Some("member"), &[Create, Update, Revert, UploadMedia]);
        expect(
            Some("expert"),
            &[
                Create,
                Update,
                Revert,
                ResolveConflict,
                ReviewRemote,
                ReviewTranslation,
                UploadMedia,
                EditTaxonomy,
                EditVocabulary,
                ImportRecords,
            ],
        );
        expect(
            Some("moderator"),
            &[
                Create,
                Update,
                Revert,
                ResolveConflict,
                Delete,
                Hide,
                ModerateUsers,
                ReviewRemote,
                ReviewTranslation,
                UploadMedia,
                EditTaxonomy,
                RenameTags,
                EditVocabulary,
                ImportRecords,
            ],
        );
        expect(Some("admin"), &Action::ALL);
        assert_eq!(Create.on(crate::EntityKind::Category), EditTaxonomy);
        assert_eq!(Create.on(crate::EntityKind::Thing), Create);
        assert_eq!(Delete.on(crate::EntityKind::Category), Delete);
        assert_eq!(Update.on(crate::EntityKind::Term), EditVocabulary);
        let term = |v: &str| serde_json::json!({"vocabulary": v});
        let on_term = |v: &str| also_needed(crate::EntityKind::Term, &term(v));
        assert_eq!(on_term("thing-types"), Some(ExtendVocabulary));
        assert_eq!(on_term("materials"), None);
        assert_eq!(
            also_needed(crate::EntityKind::Thing, &term("thing-types")),
            None
        );
        expect(Some("emperor"), &[]);
        assert_eq!(authorize(None, Create), Err(Denied::SignInRequired));
    }
}
