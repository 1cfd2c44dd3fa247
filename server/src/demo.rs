//! `thingdata demo`: a realistic multilingual demo set, loaded idempotently.

use domain::EntityKind;
use serde_json::Value;
use service::knowledge::{Knowledge, ServiceError, ANONYMOUS};

const DEMO: &str = include_str!("../demo/demo.json");

#[derive(Debug, Default, PartialEq)]
pub struct DemoReport {
    pub created: usize,
    pub existing: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the built-in demo data is not valid JSON: {0}")]
    Parse(#[from] serde_json::Error),
    #[error("demo {kind} {id} was refused: {source}")]
    Refused {
        kind: EntityKind,
        id: String,
        source: ServiceError,
    },
}

/// Creates every demo entity that does not exist yet (matched by its fixed id).
pub async fn load(k: &Knowledge) -> Result<DemoReport, DemoError> {
    let data: Value = serde_json::from_str(DEMO)?;
    let mut report = DemoReport::default();
    for kind in EntityKind::ALL {
        for item in data[kind.plural()].as_array().into_iter().flatten() {
            let Some(id) = item["id"].as_str() else {
                continue;
            };
            match k.head(kind, id).await {
                Ok(Some(_)) => {
                    report.existing += 1;
                    continue;
                }
                Ok(None) => {}
                Err(e) => {
                    return Err(DemoError::Refused {
                        kind,
                        id: id.to_string(),
                        source: e,
                    })
                }
            }
            k.create_with_id(kind, item.clone(), ANONYMOUS, id.to_string())
                .await
                .map_err(|source| DemoError::Refused {
                    kind,
                    id: id.to_string(),
                    source,
                })?;
            report.created += 1;
        }
    }
    Ok(report)
}
