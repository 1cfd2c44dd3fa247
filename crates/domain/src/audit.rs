//! The audit log's vocabulary: every kind of event it records.

/// Every kind of event the log records (also the filter choices on the audit page).
pub const ACTIONS: [&str; 24] = [
    "setup.admin",
    "login.success",
    "login.failure",
    "login.locked",
    "user.register",
    "user.approve",
    "user.role",
    "user.disable",
    "user.enable",
    "user.password",
    "token.create",
    "invite.create",
    "settings.change",
    "entity.delete",
    "entity.hide",
    "entity.unhide",
    "conflict.resolve",
    "keys.rotate",
    "peer.request",
    "peer.accept",
    "peer.refuse",
    "peer.trust",
    "federation.accept",
    "federation.reject",
];
