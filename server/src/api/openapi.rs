//! The OpenAPI 3.1 document of the JSON API: the routes written out here, the entity
//! schemas generated from the field tables (`schemas.rs`).

use super::schemas::NO_CONTROLS;
use domain::fields::filters;
use domain::vocab::Vocabularies;
use domain::EntityKind;
use serde_json::{json, Value};

fn entity_ops(kind: EntityKind) -> Vec<(String, Value)> {
    let plural = kind.plural();
    let name = kind.as_str();
    let schema = json!({"$ref": format!("#/components/schemas/{name}")});
    let entity = json!({"$ref": format!("#/components/schemas/{name}_entity")});
    let err = |code: &str, what: &str| {
        (
            code.to_string(),
            json!({"description": what, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}}),
        )
    };
    let responses = |ok: (&str, &str, Value), errs: &[(&str, &str)]| {
        let mut m = serde_json::Map::new();
        m.insert(
            ok.0.into(),
            json!({"description": ok.1, "content": {"application/json": {"schema": ok.2}}}),
        );
        for (c, w) in errs {
            let (c, v) = err(c, w);
            m.insert(c, v);
        }
        Value::Object(m)
    };
    let filters: Vec<Value> = filters(kind)
        .iter()
        .map(|f| f.param)
        .chain(
            matches!(kind, EntityKind::Thing | EntityKind::Story | EntityKind::Guide)
                .then_some("tag"),
        )
        .chain(["skip", "limit"])
        .map(|p| {
            let schema = match p {
                "tag" => json!({"type": "string", "maxLength": domain::tags::MAX_TAG, "description": "Only entries carrying this tag (in any spelling)"}),
                "skip" => json!({"type": "integer", "minimum": 0, "maximum": u32::MAX}),
                "limit" => json!({"type": "integer", "minimum": 1, "maximum": service::knowledge::MAX_PAGE, "default": 50}),
                _ => json!({"type": "string"}),
            };
            json!({"name": p, "in": "query", "required": false, "schema": schema})
        })
        .collect();
    let patch_schema = json!({"$ref": format!("#/components/schemas/{name}_patch")});
    let id_param = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}});
    let content_language = json!({"name": "Content-Language", "in": "header", "required": false, "schema": {"type": "string", "pattern": super::schemas::LANGUAGE_LIST, "maxLength": super::schemas::CONTENT_LANGUAGE_MAX}, "description": "The language of the texts this write brings without their own `lang` (the first of its tags); else the instance's first content language. A text that keeps its words keeps its language. Not a language tag: 400 (bad_content_language)."});
    let if_match = json!({"name": "If-Match", "in": "header", "required": false, "schema": {"type": "string", "pattern": "^(\\*|(W/)?\"[0-9a-f]{1,64}\"|[0-9a-f]{1,64})$"}, "description": "The one revision the edit is based on (the ETag); `*` or no header: the current head. An empty tag or a list answers 400 (bad_if_match); an unknown base 409 (stale)."});
    let mut ops = vec![
        (
            format!("/api/v1/{plural}"),
            json!({
                "get": {"summary": format!("List {plural} (newest first) with filters and skip/limit (max 500)"), "parameters": filters,
                        "responses": responses(("200", "A page of entities", json!({"type": "object", "properties": {"items": {"type": "array", "items": entity}, "total": {"type": "integer"}, "skip": {"type": "integer"}, "limit": {"type": "integer"}}})), &[("400", "Bad query parameter")])},
                "post": {"summary": format!("Create a {name}"), "parameters": [content_language.clone()], "requestBody": {"required": true, "content": {"application/json": {"schema": schema}}},
                         "responses": responses(("201", "Created; ETag is the head revision", entity.clone()), &[("400", "Malformed JSON, a key given twice, or nesting deeper than 20"), ("409", "The same relationship exists already (code duplicate_relationship; relationships only)"), ("413", "Body over 10 MB"), ("415", "Not JSON"), ("422", "Invalid; every problem in details")])}
            }),
        ),
        (
            format!("/api/v1/{plural}/{{id}}"),
            json!({
                "get": {"summary": format!("Read a {name}"), "parameters": [id_param],
                        "responses": responses(("200", "The entity; ETag is the head revision", entity.clone()), &[("404", "Unknown id"), ("410", "Hidden by a moderator (moderators still read it, with its `hidden` field)")])},
                "put": {"summary": format!("Replace a {name}"), "parameters": [id_param, if_match, content_language.clone()],
                        "requestBody": {"required": true, "content": {"application/json": {"schema": schema}}},
                        "responses": responses(("200", "Updated", entity.clone()), &[("400", "Malformed JSON, a key given twice, or a bad If-Match"), ("404", "Unknown id"), ("409", "Concurrent change on the same field (code conflict: {conflict_id, base, ours, theirs, fields}), an unknown base (code stale), or the same relationship exists already (code duplicate_relationship); disjoint changes merge and answer 200 with X-ThingData-Merged: true"), ("422", "Invalid")])},
                "patch": {"summary": format!("Change fields of a {name} (JSON merge patch)"), "parameters": [id_param, if_match, content_language],
                          "requestBody": {"required": true, "content": {"application/json": {"schema": patch_schema}, "application/merge-patch+json": {"schema": patch_schema}}},
                          "responses": responses(("200", "Updated", entity.clone()), &[("404", "Unknown id"), ("409", "Stale base revision"), ("422", "Invalid")])},
                "delete": {"summary": format!("Delete a {name} and its relationships (history is kept)"),
                           "parameters": [id_param, if_match, {"name": "X-Confirm-Delete", "in": "header", "required": true, "schema": {"type": "string", "enum": ["true"]}}],
                           "responses": {"204": {"description": "Deleted"}, "400": {"description": "Missing X-Confirm-Delete: true"}, "404": {"description": "Unknown id"}, "409": {"description": "Stale base revision"}}}
            }),
        ),
        (
            format!("/api/v1/{plural}/{{id}}/history"),
            json!({
                "get": {"summary": format!("Revisions of a {name}, oldest first"), "parameters": [id_param],
                        "responses": responses(("200", "Revisions", json!({"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/revision"}}}})), &[("404", "Unknown id")])}
            }),
        ),
        (
            format!("/api/v1/{plural}/{{id}}/diff"),
            json!({
                "get": {"summary": format!("Field-level changes of a {name} between two of its revisions"),
                        "parameters": [id_param,
                            {"name": "from", "in": "query", "required": true, "schema": {"type": "string", "minLength": 1}, "description": "The revision to compare from"},
                            {"name": "to", "in": "query", "required": false, "schema": {"type": "string"}, "description": "The revision to compare to (default: the latest)"}],
                        "responses": responses(("200", "{from, to, changes: [{path, op, before, after}]}", json!({"type": "object", "properties": {"from": {"type": "object"}, "to": {"type": "object"}, "changes": {"type": "array", "items": {"type": "object"}}}})), &[("404", "Unknown id, or a revision not of this entry")])}
            }),
        ),
        (
            format!("/api/v1/{plural}/{{id}}/revert"),
            json!({
                "post": {"summary": format!("Make an old revision of a {name} current again (a new revision; also restores a deleted entry)"),
                         "parameters": [id_param, if_match],
                         "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["revision"], "properties": {"revision": {"type": "string", "minLength": 1}}}}}},
                         "responses": responses(("200", "The entry as it now is", entity.clone()), &[("404", "Unknown id, or a revision not of this entry"), ("409", "Concurrent change (conflict or stale)"), ("422", "Reverting to a deletion, or the old content is no longer valid")])}
            }),
        ),
        (
            format!("/api/v1/{plural}/{{id}}/hide"),
            json!({
                "post": {"summary": format!("Hide a {name} from readers (moderators); a new revision, kept in history"), "parameters": [id_param],
                         "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string", "maxLength": domain::validate::MAX_TEXT, "pattern": super::schemas::TEXT}}}}}},
                         "responses": responses(("200", "Hidden", entity.clone()), &[("401", "No token"), ("403", "Not a moderator"), ("404", "Unknown id"), ("422", "Reason missing")])}
            }),
        ),
        (
            format!("/api/v1/{plural}/{{id}}/unhide"),
            json!({
                "post": {"summary": format!("Show a hidden {name} again (moderators)"), "parameters": [id_param],
                         "responses": responses(("200", "Shown again", entity.clone()), &[("401", "No token"), ("403", "Not a moderator"), ("404", "Unknown id")])}
            }),
        ),
        (
            format!("/api/v1/{plural}/{{id}}/relationships"),
            json!({
                "get": {"summary": format!("Relationships of a {name}: outgoing and incoming (bidirectional ones in both)"), "parameters": [id_param],
                        "responses": responses(("200", "Relationships", json!({"type": "object", "properties": {"outgoing": {"type": "array", "items": {"$ref": "#/components/schemas/relationship_entity"}}, "incoming": {"type": "array", "items": {"$ref": "#/components/schemas/relationship_entity"}}}})), &[("404", "Unknown id")])}
            }),
        ),
    ];
    if kind.in_graph() {
        let hops = json!({"name": "hops", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": domain::graph::MAX_HOPS, "default": 1}});
        let lang = json!({"name": "lang", "in": "query", "required": false, "schema": {"type": "string"}, "description": "The language of the labels; else Accept-Language"});
        let node = json!({"type": "object", "required": ["id", "kind", "label", "hops"], "properties": {
            "id": {"type": "string"}, "kind": {"type": "string", "enum": ["thing", "story", "guide"]}, "label": {"type": "string"},
            "hops": {"type": "integer"}, "hub_links": {"type": "integer", "description": "Set for a hub (over 100 links): shown as one node, not walked through"}}});
        let edge = json!({"type": "object", "required": ["from", "to", "type"], "properties": {
            "from": {"type": "string"}, "to": {"type": "string"}, "type": {"type": "string", "description": "Relationship type, or applies_to for a story or guide naming its thing"}}});
        ops.push((
            format!("/api/v1/{plural}/{{id}}/graph"),
            json!({
                "get": {"summary": format!("The neighbourhood of a {name} in the knowledge graph: entries up to `hops` away (at most {}, nearest first) and the edges between them", domain::graph::MAX_NODES),
                        "parameters": [id_param, hops, lang],
                        "responses": responses(("200", "The neighbourhood", json!({"type": "object", "properties": {"start": {"type": "string"}, "hops": {"type": "integer"},
                            "nodes": {"type": "array", "items": node}, "edges": {"type": "array", "items": edge}, "truncated": {"type": "boolean"}}})),
                            &[("400", "hops not from 1 to 3, or an unknown parameter"), ("404", "Unknown id"), ("410", "Hidden by a moderator")])}
            }),
        ));
    }
    ops
}

/// Every kind's name, and with `plural` its URL segment too.
fn kind_names(plural: bool) -> Vec<&'static str> {
    let mut names: Vec<&str> = EntityKind::ALL.iter().map(|k| k.as_str()).collect();
    if plural {
        names.extend(EntityKind::ALL.iter().map(|k| k.plural()));
    }
    names
}

fn schemas(vocab: &Vocabularies) -> Value {
    let strings = json!({"type": "array", "items": {"type": "string"}});
    let mut s = json!({
        "search_results": {"type": "object", "properties": {
            "total": {"type": "integer"}, "skip": {"type": "integer"}, "limit": {"type": "integer"},
            "relaxed": {"type": "boolean", "description": "No entry had every word; these have some"},
            "corrected": {"type": "string", "description": "Present when a word was misspelt: the query with the spelling searched instead"},
            "rebuilding": {"type": "boolean", "description": "The index is being rebuilt; results may be incomplete"},
            "hits": {"type": "array", "items": {"type": "object", "properties": {
                "kind": {"type": "string", "enum": ["thing", "story", "guide"]}, "id": {"type": "string"}, "title": {"type": "string"},
                "title_marks": {"type": "array", "description": "The title in pieces, searched words marked; absent when none is in it", "items": {"type": "object", "properties": {"text": {"type": "string"}, "highlight": {"type": "boolean"}}}},
                "title_lang": {"type": "string", "description": "The language the title is in (BCP 47)"},
                "fell_back": {"type": "boolean", "description": "The title is not in the requested language"},
                "subtitle": strings, "score": {"type": "number"}, "updated_at": {"type": "string"},
                "cover": {"type": "object", "description": "The entry's first photo stored here, when it has one", "properties": {
                    "hash": {"type": "string"}, "alt": {"type": "string", "description": "In the requested language where translated"},
                    "width": {"type": "integer"}, "height": {"type": "integer"}, "src": {"type": "string", "description": "Path of a copy about 320 pixels wide"}}},
                "snippet": {"type": "array", "items": {"type": "object", "properties": {"text": {"type": "string"}, "highlight": {"type": "boolean"}}}}}}},
            "facets": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"},
                "values": {"type": "array", "items": {"type": "object", "properties": {"value": {"type": "string"}, "count": {"type": "integer"}, "selected": {"type": "boolean"},
                    "label": {"type": "string", "description": "For a category (whose value is its id): its name in the reader's language"},
                    "depth": {"type": "integer", "description": "For a category: 1 for a subcategory of a chosen one, and so on; absent at the top"}}}}}}}}},
        "error": {"type": "object", "properties": {"error": {"type": "object", "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "details": {}}}}},
        "problem": {"type": "object", "properties": {"path": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "string"}, "params": {"type": "object"}}},
        "revision": {"type": "object", "properties": {"id": {"type": "string", "description": "SHA-256 of the canonical JSON"}, "entity_uri": {"type": "string"}, "entity_kind": {"type": "string"}, "entity_id": {"type": "string"},
            "parents": strings, "body": {"type": "object"}, "author": {"type": "string"}, "origin_instance": {"type": "string"}, "created_at": {"type": "string"}, "op": {"type": "string", "enum": ["create", "update", "delete"]}, "signature": {"type": "string", "description": "ed25519 over the id, hex"}}}
    });
    if let Some(obj) = s.as_object_mut() {
        obj.extend(super::schemas::entity_schemas(vocab));
    }
    s
}

pub fn document(version: &str, vocab: &Vocabularies) -> Value {
    let mut paths = serde_json::Map::new();
    for kind in EntityKind::ALL {
        for (p, v) in entity_ops(kind) {
            paths.insert(p, v);
        }
    }
    let preflight_item = json!({"type": "object", "required": ["kind", "entity"], "properties": {
        "kind": {"type": "string", "enum": kind_names(true)},
        "entity": {"type": "object"}, "id": {"type": "string"}}});
    paths.insert("/api/v1/preflight".into(), json!({"post": {
        "summary": "Validate an entity or a batch without writing anything",
        "description": "Body: {\"kind\": \"thing\", \"entity\": {...}, \"id\"?: \"…\"} or {\"items\": [that, …]} (at most 100).",
        // With `items` it is a batch, whatever else it holds (as the handler reads it).
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object",
            "if": {"required": ["items"]},
            "then": {"properties": {"items": {"type": "array", "maxItems": 100, "items": preflight_item}}},
            "else": preflight_item}}}},
        "responses": {"200": {"description": "{valid, problems} or {valid, results: [{index, valid, problems}]}"}, "400": {"description": "Malformed request"}}}}));
    paths.insert("/api/v1/conflicts".into(), json!({"get": {"summary": "Open conflicts, oldest first (skip/limit)",
        "responses": {"200": {"description": "{items: [{conflict_id, kind, entity_id, created_at, fields}], total}"}}}}));
    paths.insert("/api/v1/conflicts/{id}".into(), json!({"get": {"summary": "A conflict: base, ours, theirs and the conflicting fields",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "{conflict_id, base, ours, theirs, fields: [{path, base, ours, theirs}]}"}, "404": {"description": "Unknown conflict"}}}}));
    paths.insert("/api/v1/conflicts/{id}/resolve".into(), json!({"post": {"summary": "Resolve a conflict: a revision whose parents are both versions",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"description": "{\"entity\": {…}} or {\"choices\": {path: \"ours\"|\"theirs\"|\"base\"|{\"value\": …}}}",
            "oneOf": [{"type": "object", "required": ["entity"], "properties": {"entity": {"type": "object"}}},
                      {"type": "object", "required": ["choices"], "properties": {"choices": {"type": "object", "minProperties": 1}}}]}}}},
        "responses": {"200": {"description": "The resolved entity"}, "404": {"description": "Unknown conflict"}, "409": {"description": "Already resolved"}, "422": {"description": "The resolution is invalid"}}}}));
    let peer_id =
        json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]);
    paths.insert("/api/v1/federation/peers".into(), json!({
        "get": {"summary": "Peers: every peer with state, trust and sync figures for admins; otherwise the public peer-exchange list of connected peers",
            "responses": {"200": {"description": "{items: [{id, url, name, description, languages, public_key, software, state, trust, last_contact, last_error, revisions_in, revisions_out, pull_cursor, push_cursor}]} (admins) or {items: [{url, name, software, languages}]}"}}},
        "post": {"summary": "Request a connection: fetch the instance document at url and send a connection request (admin)",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["url"], "properties": {"url": {"type": "string", "format": "uri", "pattern": "^https?://[^/?#\\s]+"}}}}}},
            "responses": {"201": {"description": "The peer, state requested (or connected when it had asked first)"}, "400": {"description": "Bad address, this instance's own, or a private address while private peers are not allowed"}, "422": {"description": "The address does not answer as a ThingData instance (code peer_unreachable)"}, "403": {"description": "Not an admin, or the peer is blocked"}}}}));
    paths.insert("/api/v1/federation/peers/{id}".into(), json!({"put": {"summary": "Set a peer's trust (admin); audited",
        "parameters": peer_id,
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["trust"], "properties": {"trust": {"type": "string", "enum": ["untrusted", "verified", "trusted", "preferred", "blocked"]}}}}}},
        "responses": {"200": {"description": "The peer"}, "400": {"description": "Unknown trust level"}, "404": {"description": "Unknown peer"}}}}));
    for (action, what) in [
        ("accept", "Accept a pending connection request"),
        ("refuse", "Refuse a request or end a connection"),
    ] {
        paths.insert(format!("/api/v1/federation/peers/{{id}}/{action}"), json!({"post": {"summary": format!("{what} (admin)"),
            "parameters": peer_id,
            "responses": {"200": {"description": "The peer"}, "404": {"description": "Unknown peer"}, "409": {"description": "Not possible in the peer's state"}}}}));
    }
    paths.insert("/api/v1/federation/held".into(), json!({"get": {"summary": "Revisions from untrusted peers waiting for review (expert), oldest first (skip/limit)",
        "responses": {"200": {"description": "{items: [{peer_id, received_at, revision}], total, skip, limit}"}}}}));
    for (action, what) in [
        (
            "accept",
            "Publish a held revision (and the held revisions it builds on)",
        ),
        (
            "reject",
            "Reject a held revision (and held revisions built on it)",
        ),
    ] {
        paths.insert(format!("/api/v1/federation/held/{{id}}/{action}"), json!({"post": {"summary": format!("{what} (expert)"),
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": "Revision id"}],
            "responses": {"204": {"description": "Done"}, "404": {"description": "No such held revision"}}}}));
    }
    let facet_params: Vec<Value> = domain::search::FACETS
        .iter()
        .map(|f| json!({"name": f, "in": "query", "required": false, "schema": {"type": "array", "items": {"type": "string"}},
                        "style": "form", "explode": true, "description": "Facet filter; repeat for alternatives (values of one facet are ORed, facets are ANDed)"}))
        .collect();
    let mut search_params = vec![
        json!({"name": "q", "in": "query", "required": false, "schema": {"type": "string", "maxLength": 500},
               "description": "Words (all must match; if none match all, any), \"exact phrases\", -excluded, a OR b. Typos are tolerated. Empty: browse by facets."}),
        json!({"name": "lang", "in": "query", "required": false, "schema": {"type": "string"}, "description": "The reader's language (BCP 47): ranks its content first and picks titles and snippets. Default: Accept-Language."}),
        json!({"name": "sort", "in": "query", "required": false, "schema": {"type": "string", "enum": ["relevance", "recent"]}}),
        json!({"name": "related_to", "in": "query", "required": false, "schema": {"type": "string", "format": "uuid"}, "description": "Only entries within `hops` of this one in the knowledge graph (relationships either way, and stories/guides naming a thing)"}),
        json!({"name": "hops", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 3, "default": 1}}),
        json!({"name": "via", "in": "query", "required": false, "schema": {"type": "string"}, "description": "Comma-separated relationship types the walk may follow, e.g. made_of"}),
        json!({"name": "applies_to", "in": "query", "required": false, "schema": {"type": "string", "format": "uuid"}, "description": "Only stories and guides for this thing: directly, through its components (part_of) or its category"}),
        json!({"name": "skip", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 0, "maximum": domain::search::MAX_OFFSET}}),
        json!({"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": domain::search::MAX_LIMIT, "default": domain::search::PAGE_SIZE}}),
    ];
    search_params.extend(facet_params);
    paths.insert("/api/v1/search".into(), json!({"get": {
        "summary": "Full-text search over things, stories and guides, with facets and knowledge-graph filters",
        "parameters": search_params,
        "responses": {
            "200": {"description": "Results", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/search_results"}}}},
            "400": {"description": "Bad query syntax (code bad_query, details.reason), an unknown parameter or a bad value", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}},
            "404": {"description": "related_to or applies_to names no such entry (applies_to: no such thing)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}},
            "503": {"description": "The search index cannot be read right now"}}}}));
    paths.insert("/api/v1/search/suggest".into(), json!({"get": {
        "summary": "Titles completing what is being typed (the last word is a prefix), in the reader's language",
        "parameters": [{"name": "q", "in": "query", "required": false, "schema": {"type": "string"}, "description": "What has been typed; none or blank: no suggestions"},
                       {"name": "lang", "in": "query", "required": false, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "{suggestions: [title, …]} (at most 8)"},
                      "400": {"description": "An unknown parameter", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}}}}}));
    let queue_item = json!({"type": "object", "properties": {
        "id": {"type": "string", "format": "uuid"}, "kind": {"type": "string", "enum": kind_names(false)},
        "category": {"type": "string"}, "label": {"type": "string", "description": "The title in the queue's language, else in its original"},
        "missing": {"type": "array", "items": {"type": "string"}, "description": "Dotted paths of the texts with no translation in the language"},
        "outdated": {"type": "array", "items": {"type": "string"}, "description": "Dotted paths of the texts whose original changed since they were translated"},
        "current": {"type": "integer"}, "reviewed": {"type": "integer"},
        "views": {"type": "integer", "description": "Page views"}, "searches": {"type": "integer", "description": "Times a search showed the entry"}}});
    paths.insert("/api/v1/translations/queue".into(), json!({"get": {
        "summary": "What is left to translate into a language: entries with missing or outdated texts, most viewed (or searched) first",
        "parameters": [
            {"name": "lang", "in": "query", "required": true, "schema": {"type": "string", "pattern": super::schemas::LANGUAGE_TAG, "maxLength": 35}},
            {"name": "kind", "in": "query", "required": false, "schema": {"type": "string", "enum": ([&[""], &kind_names(false)[..]].concat())}, "description": "Only entries of this kind; empty (as the queue page's filter sends it) or absent: every kind"},
            {"name": "category", "in": "query", "required": false, "schema": {"type": "string", "maxLength": domain::fields::MAX_SHORT}, "description": "A story's or guide's thing category, or a thing's first identifier segment"},
            {"name": "sort", "in": "query", "required": false, "schema": {"type": "string", "enum": ["views", "searches"], "default": "views"}},
            {"name": "skip", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 0, "maximum": domain::translation::QUEUE_MAX_SKIP}},
            {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": domain::translation::QUEUE_MAX_LIMIT, "default": domain::translation::QUEUE_PAGE}}],
        "responses": {"200": {"description": "A page of the queue; more says whether another follows", "content": {"application/json": {"schema": {"type": "object", "properties": {
                          "lang": {"type": "string"}, "sort": {"type": "string"}, "skip": {"type": "integer"}, "limit": {"type": "integer"},
                          "more": {"type": "boolean"}, "items": {"type": "array", "items": queue_item}}}}}},
                      "400": {"description": "lang missing or not a language tag, or another bad or unknown parameter", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}}}}}));
    let node = json!({"type": "object", "required": ["id", "label", "count", "children"], "properties": {
        "id": {"type": "string", "format": "uuid"}, "label": {"type": "string"},
        "count": {"type": "integer", "description": "Entries filed under it or below it, each once"},
        "children": {"type": "array", "items": {"type": "object"}}}});
    let lang_param = json!({"name": "lang", "in": "query", "required": false, "schema": {"type": "string", "enum": domain::lang::LANGUAGES.iter().map(|(t, _)| *t).collect::<Vec<_>>()}, "description": "The language of the labels; else the page language of the request"});
    let err_doc = |what: &str| json!({"description": what, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}});
    let bad_lang = json!({"description": "An unknown parameter, or a language the pages do not speak", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}});
    paths.insert("/api/v1/categories/tree".into(), json!({"get": {
        "summary": "The category taxonomy as a forest; a category with several parents appears under each",
        "parameters": [lang_param.clone()],
        "responses": {"200": {"description": "The top-level categories with their subcategories", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "lang": {"type": "string"}, "roots": {"type": "array", "items": node}}}}}}, "400": bad_lang.clone()}}}));
    let unfiled = json!({"type": "object", "properties": {"kind": {"type": "string", "enum": ["thing", "story", "guide"]},
        "text": {"type": "string"}, "count": {"type": "integer"},
        "matches": {"type": ["array", "null"], "items": {"type": "string"}, "description": "The category it matches by name: [id, label]"}}});
    paths.insert("/api/v1/categories/unfiled".into(), json!({
        "get": {"summary": "Old free categories (a story's or guide's thing_category, a thing's identifier segment) of entries not yet filed under a category",
                "parameters": [lang_param],
                "responses": {"200": {"description": "Each old text with the number of entries and the category it matches", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": unfiled}}}}}}, "400": bad_lang}},
        "post": {"summary": "File the entries carrying an old text under a category (experts); an empty body files every text that matches a category's name",
                 "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [
                     {"type": "object", "additionalProperties": false, "maxProperties": 0},
                     {"type": "object", "additionalProperties": false, "required": ["kind", "text", "category"], "properties": {
                         "kind": {"type": "string", "enum": ["thing", "story", "guide"]}, "text": {"type": "string", "maxLength": domain::fields::MAX_SHORT},
                         "category": {"type": "string", "format": "uuid"}}}]}}}},
                 "responses": {"200": {"description": "How many entries were filed (at most 500 per call)", "content": {"application/json": {"schema": {"type": "object", "properties": {"filed": {"type": "integer"}}}}}},
                     "400": err_doc("Not an empty object nor kind, text and category (each as described)"), "404": err_doc("No such category"), "409": err_doc("An entry changed meanwhile"), "422": err_doc("An entry no longer validates")}}}));
    paths.insert("/api/v1/categories/{id}/merge".into(), json!({
        "post": {"summary": "Merge a category into another (experts): what is filed under it and its subcategories move there, and its id stays an alias of that one",
                 "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
                 "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["into"], "properties": {
                     "into": {"type": "string", "format": "uuid", "description": "The category it becomes part of"}}}}}},
                 "responses": {"200": {"description": "Merged; how many entries and categories moved", "content": {"application/json": {"schema": {"type": "object", "properties": {
                     "merged_into": {"type": "string"}, "moved": {"type": "integer"}}}}}},
                     "400": err_doc("Not {\"into\": ID}"), "401": err_doc("No token"), "403": err_doc("Not an expert"), "404": err_doc("No such category"),
                     "409": err_doc("An entry changed meanwhile"), "422": err_doc("into names no category, itself, a merged one or one below it")}}}));
    paths.insert("/api/v1/categories/{id}/split".into(), json!({
        "post": {"summary": "Split a category (experts): each part becomes a new category below it, and the entries filed directly under it and subcategories that a part names move there",
                 "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
                 "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["parts"], "properties": {
                     "parts": {"type": "array", "minItems": 1, "maxItems": service::knowledge::MAX_SPLIT_PARTS, "items": {"type": "object", "additionalProperties": false, "required": ["name"], "properties": {
                         "name": super::schemas::localized(domain::fields::MAX_NAME),
                         "moves": {"type": "array", "maxItems": service::knowledge::MAX_SPLIT_MOVES, "items": {"type": "string", "format": "uuid"},
                                   "description": "Entries filed directly under the category, or its subcategories, that move to this new category"}}}}}}}}},
                 "responses": {"201": {"description": "Split; the new categories' ids in the parts' order", "content": {"application/json": {"schema": {"type": "object", "properties": {
                     "created": {"type": "array", "items": {"type": "string"}}}}}}},
                     "400": err_doc("Not {\"parts\": [...]} as described"), "401": err_doc("No token"), "403": err_doc("Not an expert"), "404": err_doc("No such category"),
                     "409": err_doc("An entry changed meanwhile"), "422": err_doc("A name is invalid, or a move names what is not filed directly under it (a merged category's id stands for the one it went into) or names it twice")}}}));
    paths.insert("/api/v1/tags".into(), json!({"get": {
        "summary": "Tags of visible things, stories and guides, most used first, each with how many entries carry it",
        "parameters": [{"name": "prefix", "in": "query", "required": false, "schema": {"type": "string", "maxLength": domain::tags::MAX_TAG}, "description": "Only tags that start with this, in any spelling: suggestions as one types"},
                       {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": service::knowledge::MAX_TAGS_LISTED, "default": 100}}],
        "responses": {"200": {"description": "Tags and counts", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
            "tag": {"type": "string"}, "count": {"type": "integer"}}}}}}}}},
            "400": err_doc("An unknown parameter or a limit out of range")}}}));
    let tag = json!({"type": "string", "maxLength": domain::tags::MAX_TAG, "pattern": "^[^,;\\x00-\\x1F\\x7F-\\x9F]*[^\\s,;\\x00-\\x1F\\x7F-\\x9F][^,;\\x00-\\x1F\\x7F-\\x9F]*$"});
    paths.insert("/api/v1/tags/rename".into(), json!({"post": {
        "summary": "Rename a tag on every entry that carries it (moderators); renaming to a tag in use merges the two. Each entry changed is a revision; up to 500 per call",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": ["from", "to"], "properties": {
            "from": tag, "to": tag}}}}},
        "responses": {"200": {"description": "How many entries were renamed, and how many still carry the old tag (call again)", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "renamed": {"type": "integer"}, "left": {"type": "integer"}}}}}},
            "400": err_doc("Not {\"from\": TAG, \"to\": TAG}"), "401": err_doc("No token"), "403": err_doc("Not a moderator"),
            "409": err_doc("An entry changed meanwhile"), "422": err_doc("Not a tag (code invalid_tag), or an entry no longer validates")}}}));
    vocabulary_paths(&mut paths, vocab, &err_doc);
    super::impact::paths(&mut paths, &err_doc);
    super::repairs::paths(&mut paths, &err_doc);
    paths.insert("/api/v1/translations/completeness".into(), json!({"get": {
        "summary": "Texts by translation state (current, reviewed, outdated, missing) per content language and kind",
        "responses": {"200": {"description": "Counts; texts written in a language do not count for it", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "languages": {"type": "array", "items": {"type": "string"}},
            "items": {"type": "array", "items": {"type": "object", "properties": {"lang": {"type": "string"}, "kind": {"type": "string"},
                "current": {"type": "integer"}, "reviewed": {"type": "integer"}, "outdated": {"type": "integer"}, "missing": {"type": "integer"}, "total": {"type": "integer"}}}}}}}}}}}}));
    let media = json!({"type": "object", "properties": {
        "id": {"type": "string", "pattern": "^[0-9a-f]{64}$", "description": "The SHA-256 of the stored original; entries refer to media by it"},
        "hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
        "kind": {"type": "string", "enum": ["image", "pdf"]}, "mime": {"type": "string"},
        "bytes": {"type": "integer"}, "width": {"type": "integer"}, "height": {"type": "integer"},
        "frames": {"type": "integer", "description": "More than 1 for an animation; 0 for a PDF"},
        "placeholder": {"type": ["string", "null"], "description": "A ThumbHash (base64) to paint while the image loads"},
        "created_at": {"type": "string"}, "captured_at": {"type": ["string", "null"], "description": "When the photo was taken, kept only if the uploader agreed"},
        "url": {"type": "string", "format": "uri", "description": "The original (re-encoded, without metadata; a PDF as uploaded)"},
        "variants": {"type": "array", "items": {"type": "object", "properties": {
            "name": {"type": "string"}, "width": {"type": "integer"}, "height": {"type": "integer"}, "mime": {"type": "string"},
            "bytes": {"type": "integer"}, "url": {"type": "string", "format": "uri"}}}}}});
    let hash_param = json!({"name": "hash", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"}});
    let error_body = json!({"content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}});
    let error_as = |what: &str| {
        let mut e = error_body.clone();
        e["description"] = json!(what);
        e
    };
    paths.insert("/api/v1/media".into(), json!({"post": {
        "summary": "Upload a photo (JPEG, PNG, WebP, GIF) or a PDF (member): the type is read from the bytes; images are turned upright and re-encoded without metadata, with smaller variants",
        "requestBody": {"required": true, "content": {"multipart/form-data": {"schema": {"type": "object", "required": ["file"], "additionalProperties": false, "properties": {
            "file": {"type": "string", "format": "binary"},
            "keep_capture_time": {"type": "string", "enum": ["1", "true", "on", "yes", "0", "false", "off", "no"], "description": "Keep when the photo was taken (from its EXIF); everything else in its metadata is dropped"}}}}}},
        "responses": {
            "201": {"description": "Stored; Location names it", "content": {"application/json": {"schema": media.clone()}}},
            "200": {"description": "The same file was stored before; nothing new is kept", "content": {"application/json": {"schema": media.clone()}}},
            "400": error_as("Not multipart, no field \"file\", more than one file, an unknown field, or keep_capture_time not one of its values"),
            "413": error_as("The file is over the size limit (file_too_large), or the uploader's or the instance's quota is used up (user_quota, instance_quota)"),
            "415": error_as("Not a photo or PDF this instance accepts (unsupported_type), whatever the file's name says"),
            "422": error_as("A second file hidden inside (polyglot), too many pixels (too_many_pixels), too many frames (too_many_frames), too much memory to decode (too_much_memory), or a damaged or cut-off file (damaged_file)")}}}));
    paths.insert("/api/v1/media/{hash}".into(), json!({"get": {
        "summary": "What a media file is, and where its original and variants are served",
        "parameters": [hash_param.clone()],
        "responses": {"200": {"description": "The file", "content": {"application/json": {"schema": media}}}, "404": error_as("No such file")}}}));
    paths.insert("/media/{hash}/{part}".into(), json!({"get": {
        "summary": "A media file's bytes: `original` or a variant's name; cached for good (immutable), with ETag and byte ranges",
        "parameters": [hash_param, {"name": "part", "in": "path", "required": true, "schema": {"type": "string", "maxLength": 32}},
                       {"name": "Range", "in": "header", "required": false, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "The bytes"}, "206": {"description": "The range asked for"}, "304": {"description": "Not modified (If-None-Match)"},
                      "404": error_as("No such file or part"), "416": {"description": "The range lies outside the file"}}}}));
    paths.insert("/api/v1/openapi.json".into(), json!({"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3 JSON"}}}}));
    paths.insert("/health".into(), json!({"get": {"summary": "Status, version, components and metrics", "responses": {"200": {"description": "Healthy"}, "503": {"description": "A component is down"}}}}));
    paths.insert("/metrics".into(), json!({"get": {"summary": "Prometheus metrics", "responses": {"200": {"description": "text/plain exposition format"}}}}));
    for ops in paths.values_mut() {
        for (method, op) in ops.as_object_mut().into_iter().flatten() {
            harmonize(method, op);
        }
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "ThingData API", "version": version, "description": "Federated, multilingual repair knowledge: things, stories, guides and relationships. Every change is a signed revision. Reads are public; writes need a bearer token (see the token security scheme)."},
        "paths": paths,
        "components": {"schemas": schemas(vocab), "securitySchemes": {"token": {"type": "http", "scheme": "bearer",
            "description": "A personal API token from `thingdata tokens create USER`. Writes need one: member to create, edit and revert; expert to resolve conflicts; moderator to delete and hide. Pages' own scripts may use the session cookie instead (same-origin requests only). Without it a write answers 401, with too low a role 403."}}},
        "security": [{}, {"token": []}]
    })
}

/// What the input guard refuses before any handler runs: in a query parameter, control
/// characters other than tab and line breaks (`NO_CONTROLS`); in a path segment, every one.
const PATH_NO_CONTROLS: &str = "^[^\\x00-\\x1F\\x7F-\\x9F]+$";

/// What every operation can answer besides its own cases, so the document lists each
/// status the server really sends: 400 for a malformed request, 401 for an unknown
/// token, 429 when over a rate limit; writes also 403 (role) and, with a body, 413 and
/// 415. String parameters say which characters the input guard refuses.
fn harmonize(method: &str, op: &mut Value) {
    let error = json!({"content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}});
    let has_body = op.get("requestBody").is_some();
    let mut add = vec![
        ("400", "Malformed request: a control character or undecodable bytes in the path or query, an unknown or bad parameter, a bad If-Match, or (with a body) malformed JSON or a key given twice"),
        ("401", "Unknown or revoked token (code invalid_token), or a write without one"),
        ("429", "Too many requests from this address or token; Retry-After says when to try again"),
    ];
    if method != "get" {
        add.push(("403", "The token's role may not do this"));
    }
    if has_body {
        add.push(("413", "Body over the size limit"));
        add.push(("415", "The body is not application/json"));
    }
    if let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) {
        for (code, what) in add {
            responses.entry(code).or_insert_with(|| {
                let mut r = error.clone();
                r["description"] = json!(what);
                r
            });
        }
    }
    for p in op
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        let schema = &p["schema"];
        let plain = schema["type"] == "string" && schema.get("enum").is_none();
        if plain && schema.get("pattern").is_none() && schema.get("format").is_none() {
            let in_path = p["in"] == "path";
            let schema = &mut p["schema"];
            schema["pattern"] = json!(if in_path {
                PATH_NO_CONTROLS
            } else {
                NO_CONTROLS
            });
        }
        if p["schema"]["type"] == "array" && p["schema"]["items"]["type"] == "string" {
            // Facet values: no control character at all, as they match stored values.
            p["schema"]["items"]["pattern"] = json!("^[^\\x00-\\x1F\\x7F-\\x9F]*$");
        }
    }
}

/// (method, path, summary) of every operation, for the browsable API page.
pub fn operations(doc: &Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    if let Some(paths) = doc["paths"].as_object() {
        for (path, ops) in paths {
            for (method, op) in ops.as_object().into_iter().flatten() {
                out.push((
                    method.to_uppercase(),
                    path.clone(),
                    op["summary"].as_str().unwrap_or("").to_string(),
                ));
            }
        }
    }
    out
}

/// `/api/v1/vocabularies` and one path per vocabulary (the router takes any name and
/// answers 404 for others), each with the term body it takes.
fn vocabulary_paths(
    paths: &mut serde_json::Map<String, Value>,
    vocab: &Vocabularies,
    err_doc: &dyn Fn(&str) -> Value,
) {
    let strings = json!({"type": "array", "items": {"type": "string"}});
    paths.insert("/api/v1/vocabularies".into(), json!({"get": {
        "summary": "The shared vocabularies: materials and tools (terms only), and the thing, story, guide and relationship types (built-in values that terms refine or extend)",
        "responses": {"200": {"description": "Each vocabulary with its built-in values and its number of terms", "content": {"application/json": {"schema": {"type": "object", "properties": {
            "items": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "controlled": {"type": "boolean", "description": "Entries must choose one of its values; only admins add terms to it"},
                "built_in": strings, "terms": {"type": "integer"}}}}}}}}}}}}));
    let open = json!({"type": "string", "enum": ["materials", "tools"]});
    let text = json!({"type": "string", "maxLength": domain::fields::MAX_SHORT, "pattern": super::schemas::TEXT});
    paths.insert("/api/v1/suggested-terms".into(), json!({"get": {
        "summary": "Material and tool texts that visible entries name and no term names (by any name or synonym), most named first, leaving out rejected ones",
        "parameters": [{"name": "vocabulary", "in": "query", "required": false, "schema": open},
                       {"name": "limit", "in": "query", "required": false, "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 100}}],
        "responses": {"200": {"description": "Suggestions", "content": {"application/json": {"schema": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
            "vocabulary": {"type": "string"}, "text": {"type": "string"}, "folded": {"type": "string", "description": "The text as matched: trimmed, lowercased, spaces collapsed; its facet value in search"},
            "entries": {"type": "integer"}}}}}}}}},
            "400": err_doc("An unknown parameter, vocabulary or limit")}}}));
    let decision = |summary: &str, ok: &str, required: Value, properties: Value, answer: Value| {
        json!({"post": {
        "summary": summary,
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "required": required, "properties": properties}}}},
        "responses": {ok: {"description": "Done", "content": {"application/json": {"schema": answer}}},
            "400": err_doc("Not an object of the strings described"), "401": err_doc("No token"), "403": err_doc("Not an expert"),
            "409": err_doc("The term changed meanwhile"),
            "422": err_doc("Not materials or tools, an empty or too long text, a key that is invalid or taken, or no such term in the vocabulary")}}})
    };
    let term_ref = json!({"$ref": "#/components/schemas/term_entity"});
    paths.insert("/api/v1/suggested-terms/accept".into(), decision(
        "Make the text a new term of the vocabulary (experts), named by it; the key is made from the text unless given",
        "201", json!(["vocabulary", "text"]),
        json!({"vocabulary": open, "text": text, "key": {"type": "string", "maxLength": domain::vocab::MAX_KEY, "pattern": "^[a-z][a-z0-9_-]*$"}}),
        term_ref.clone()));
    paths.insert("/api/v1/suggested-terms/map".into(), decision(
        "Add the text to a term's synonyms (experts): entries naming it then count as that term",
        "200", json!(["vocabulary", "text", "term"]),
        json!({"vocabulary": open, "text": text, "term": {"type": "string", "format": "uuid"}}),
        term_ref));
    paths.insert(
        "/api/v1/suggested-terms/reject".into(),
        decision(
            "Take the text out of the suggestions (experts); entries keep it",
            "200",
            json!(["vocabulary", "text"]),
            json!({"vocabulary": open, "text": text}),
            json!({"type": "object", "properties": {"rejected": {"type": "boolean"}}}),
        ),
    );
    for name in domain::vocab::VOCABULARIES {
        let who = if domain::vocab::is_controlled(name) {
            "admins"
        } else {
            "experts"
        };
        paths.insert(format!("/api/v1/vocabularies/{name}"), json!({
            "get": {"summary": format!("The {name} vocabulary: its built-in values and its live terms (with their ids)"),
                    "responses": {"200": {"description": "The vocabulary", "content": {"application/json": {"schema": {"type": "object", "properties": {
                        "name": {"type": "string"}, "controlled": {"type": "boolean"}, "built_in": strings,
                        "terms": {"type": "array", "items": {"$ref": "#/components/schemas/term_entity"}}}}}}}}},
            "post": {"summary": format!("Add a term to {name} ({who}); the same as POST /api/v1/terms with this vocabulary"),
                     "requestBody": {"required": true, "content": {"application/json": {"schema": super::schemas::term_input_for(name, vocab)}}},
                     "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/term_entity"}}}},
                         "400": err_doc("Not a JSON object, or it names a vocabulary"), "401": err_doc("No token"), "403": err_doc(&format!("Not one of the {who}")),
                         "422": err_doc("Invalid term, or its key is taken in the vocabulary (duplicate_term)")}}}));
    }
}
