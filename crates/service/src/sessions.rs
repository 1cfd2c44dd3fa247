//! tower-sessions store over the project's database (SQLite or PostgreSQL), so every
//! app node sees the same sessions.

use async_trait::async_trait;
use storage::Store;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result};
use tower_sessions::SessionStore;

#[derive(Clone)]
pub struct DbSessionStore {
    store: Store,
}

impl std::fmt::Debug for DbSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbSessionStore")
    }
}

impl DbSessionStore {
    pub fn new(store: Store) -> Self {
        Self { store }
    }
}

fn backend(e: impl std::fmt::Display) -> Error {
    Error::Backend(e.to_string())
}

fn encode(record: &Record) -> Result<String> {
    serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        let data = encode(record)?;
        // A new id on the (astronomically unlikely) collision, never an overwrite.
        for _ in 0..8 {
            if self
                .store
                .insert_session(
                    &record.id.to_string(),
                    &data,
                    record.expiry_date.unix_timestamp(),
                )
                .await
                .map_err(backend)?
            {
                return Ok(());
            }
            record.id = Id::default();
        }
        Err(Error::Backend("could not allocate a session id".into()))
    }

    async fn save(&self, record: &Record) -> Result<()> {
        self.store
            .save_session(
                &record.id.to_string(),
                &encode(record)?,
                record.expiry_date.unix_timestamp(),
            )
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let Some((data, expires)) = self
            .store
            .load_session(&id.to_string(), now)
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?,
            expiry_date: time::OffsetDateTime::from_unix_timestamp(expires)
                .map_err(|e| Error::Decode(e.to_string()))?,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        self.store
            .delete_session(&id.to_string(), now)
            .await
            .map_err(backend)
    }
}

/// The session key under which the signed-in user's id is kept.
pub const USER_KEY: &str = "user_id";

/// The active user behind a request's session, if any: pages and the API both ask here.
pub async fn user_of(
    session: Option<&tower_sessions::Session>,
    accounts: &crate::accounts::Accounts,
) -> Option<crate::accounts::User> {
    let id = session?.get::<String>(USER_KEY).await.ok().flatten()?;
    accounts.active_user(&id).await.ok().flatten()
}
