//! Property: the same set of revisions gives the same head, body and conflict,
//! whatever order they arrive in (the base of federation between instances).

use crate::common::{thing, TestApp};
use domain::revision::Revision;
use domain::EntityKind;
use proptest::prelude::*;
use serde_json::{json, Value};
use service::knowledge::{Knowledge, ServiceError, MERGE_AUTHOR};
use storage::StoredEntity;

#[derive(Clone, Debug)]
enum Edit {
    Serial(u8),
    Name(u8),
    Translation(u8, u8),
    AddMaterial(u8),
    RemoveMaterial(u8),
}

const LANGS: [&str; 3] = ["de", "fr", "es"];
const MATERIALS: [&str; 4] = ["steel", "abs plastic", "glass", "copper"];

fn apply(body: &mut Value, edit: &Edit) {
    match edit {
        Edit::Serial(n) => body["properties"]["serial_number"] = json!(format!("SN-{n}")),
        Edit::Name(n) => body["name"]["default"] = json!(format!("Kettle {n}")),
        Edit::Translation(l, n) => {
            body["name"]["translations"][LANGS[*l as usize % 3]] = json!(format!("t{n}"))
        }
        Edit::AddMaterial(m) => {
            let m = json!(MATERIALS[*m as usize % 4]);
            if let Some(list) = body["properties"]["materials"].as_array_mut() {
                if !list.contains(&m) {
                    list.push(m);
                }
            }
        }
        Edit::RemoveMaterial(m) => {
            if let Some(list) = body["properties"]["materials"].as_array_mut() {
                list.retain(|x| x != MATERIALS[*m as usize % 4]);
            }
        }
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0u8..3).prop_map(Edit::Serial),
        (0u8..3).prop_map(Edit::Name),
        (0u8..3, 0u8..2).prop_map(|(l, n)| Edit::Translation(l, n)),
        (0u8..4).prop_map(Edit::AddMaterial),
        (0u8..4).prop_map(Edit::RemoveMaterial),
    ]
}

/// Each edit names the content revision it starts from (by position) and what it changes.
fn history() -> impl Strategy<Value = (Vec<(usize, Vec<Edit>)>, u64)> {
    (
        prop::collection::vec((0usize..8, prop::collection::vec(edit(), 1..3)), 2..6),
        any::<u64>(),
    )
}

#[derive(Debug, PartialEq)]
struct Outcome {
    head: String,
    body: Value,
    conflict: Option<String>,
}

async fn outcome(k: &Knowledge, id: &str) -> Outcome {
    let e = k.get(EntityKind::Thing, id).await.unwrap();
    Outcome {
        head: e.meta.revision,
        body: e.body,
        conflict: k.open_conflict_of(id).await.ok().flatten(),
    }
}

/// A random arrival order in which every revision comes after its parents.
fn arrival_order(revs: &[Revision], seed: u64) -> Vec<Revision> {
    let mut pending: Vec<Revision> = revs.to_vec();
    let mut out: Vec<Revision> = Vec::new();
    let mut state = seed | 1;
    while !pending.is_empty() {
        let ready: Vec<usize> = (0..pending.len())
            .filter(|&i| {
                pending[i]
                    .parents
                    .iter()
                    .all(|p| out.iter().any(|o| &o.id == p))
            })
            .collect();
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let pick = ready[(state % ready.len() as u64) as usize];
        out.push(pending.remove(pick));
    }
    out
}

async fn kettle(k: &Knowledge) -> StoredEntity {
    k.create(EntityKind::Thing, thing("Kettle"), "alice")
        .await
        .unwrap()
}

async fn run(edits: Vec<(usize, Vec<Edit>)>, seed: u64) {
    let origin = TestApp::new().await;
    let k = &origin.state.knowledge;
    let created = kettle(k).await;
    let id = created.meta.id.clone();
    let mut content = vec![created.meta.revision.clone()];
    for (n, (parent, changes)) in edits.iter().enumerate() {
        let parent = content[parent % content.len()].clone();
        let mut body = k
            .revision_of(EntityKind::Thing, &id, &parent)
            .await
            .unwrap()
            .body;
        for c in changes {
            apply(&mut body, c);
        }
        match k
            .update(
                EntityKind::Thing,
                &id,
                body,
                Some(parent),
                &format!("editor{n}"),
            )
            .await
        {
            Ok(_) | Err(ServiceError::Conflict(_)) => {}
            Err(e) => panic!("{e}"),
        }
        let history = k.history(EntityKind::Thing, &id).await.unwrap();
        if let Some(newest) = history
            .iter()
            .rev()
            .find(|r| r.author != MERGE_AUTHOR && !content.contains(&r.id))
        {
            content.push(newest.id.clone());
        }
    }
    let expected = outcome(k, &id).await;
    let revs: Vec<Revision> = k
        .history(EntityKind::Thing, &id)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.author != MERGE_AUTHOR)
        .collect();
    for round in 0..2u64 {
        let replica = TestApp::new().await;
        let order = arrival_order(&revs, seed.wrapping_add(round));
        let k = &replica.state.knowledge;
        // One at a time, and then all in one batch (as a pull delivers them).
        if round == 0 {
            for rev in order {
                k.receive(rev, None).await.unwrap();
            }
        } else {
            k.receive_many(order, None).await.unwrap();
        }
        assert_eq!(
            outcome(&replica.state.knowledge, &id).await,
            expected,
            "arrival order {round}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: if std::env::var("TEST_DATABASE_URL").is_ok() { 12 } else { 32 },
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_arrival_order_converges((edits, seed) in history()) {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(run(edits, seed));
    }
}

/// A pull, a push and a release of held revisions can deliver the same revisions at the
/// same moment: every delivery succeeds and the entry ends as if it came once.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_revisions_arriving_at_once_are_taken_in_once() {
    let origin = TestApp::new().await;
    let k = &origin.state.knowledge;
    let created = kettle(k).await;
    let id = created.meta.id.clone();
    let mut body = created.body.clone();
    apply(&mut body, &Edit::Serial(1));
    k.update(
        EntityKind::Thing,
        &id,
        body,
        Some(created.meta.revision.clone()),
        "bob",
    )
    .await
    .unwrap();
    let expected = outcome(k, &id).await;
    let revs = k.history(EntityKind::Thing, &id).await.unwrap();

    for round in 0..4 {
        let replica = TestApp::new().await;
        let deliveries: Vec<_> = (0..6)
            .map(|n| {
                let k = replica.state.knowledge.clone();
                let revs = revs.clone();
                tokio::spawn(async move {
                    if n % 2 == 0 {
                        k.receive_many(revs, None).await.map(|_| ())
                    } else {
                        for rev in revs {
                            k.receive(rev, None).await?;
                        }
                        Ok(())
                    }
                })
            })
            .collect();
        for d in deliveries {
            match d.await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => panic!("round {round}: a delivery failed: {e}"),
                Err(e) => panic!("{e}"),
            }
        }
        assert_eq!(
            outcome(&replica.state.knowledge, &id).await,
            expected,
            "round {round}"
        );
        assert_eq!(
            replica
                .state
                .knowledge
                .history(EntityKind::Thing, &id)
                .await
                .unwrap()
                .len(),
            revs.len(),
            "round {round}"
        );
    }
}
