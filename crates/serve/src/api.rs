//! The HTTP handlers.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path as UrlPath, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use rasd_analysis::EventFilter;
use rasd_events::Event;
use rasd_store::{DocumentStore, Query, WriteOutcome};
use serde::Serialize;
use serde_json::{json, Value};

use crate::places;
use crate::state::{AppState, Snapshot};
use crate::ApiError;

type Shared = State<Arc<AppState>>;
type ApiResult = Result<Response, ApiError>;

/// Longest value of any query parameter, in bytes.
const MAX_PARAM: usize = 1000;
/// Most documents in one `POST /api/documents`.
const MAX_POST_DOCS: usize = 1000;

const OPENAPI: &str = include_str!("openapi.json");
const INDEX_HTML: &str = include_str!("../web/index.html");
const APP_JS: &str = include_str!("../web/app.js");
const APP_CSS: &str = include_str!("../web/app.css");

fn ok(v: impl Serialize) -> ApiResult {
    Ok(Json(v).into_response())
}

/// Query parameters, checked against the names an endpoint accepts.
struct Params(HashMap<String, String>);

impl Params {
    fn parse(raw: Option<String>, allowed: &[&str]) -> Result<Params, ApiError> {
        let raw = raw.unwrap_or_default();
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&raw)
            .map_err(|e| ApiError::bad_param("query", format!("malformed query string: {e}")))?;
        let mut map = HashMap::new();
        for (k, v) in pairs {
            if !allowed.contains(&k.as_str()) {
                return Err(ApiError::bad_param(
                    &k,
                    format!("unknown parameter {k:?}; this endpoint takes: {}", allowed.join(", ")),
                ));
            }
            if v.len() > MAX_PARAM {
                return Err(ApiError::bad_param(
                    &k,
                    format!("value too long ({} bytes; at most {MAX_PARAM})", v.len()),
                ));
            }
            if map.insert(k.clone(), v).is_some() {
                return Err(ApiError::bad_param(&k, format!("{k:?} given more than once")));
            }
        }
        Ok(Params(map))
    }

    /// A non-empty, trimmed value.
    fn get(&self, k: &str) -> Option<String> {
        self.0.get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
    }

    fn number(&self, k: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        match self.get(k) {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if n <= max && (n > 0 || k != "limit") => Ok(n),
                Ok(_) if k == "limit" => {
                    Err(ApiError::bad_param(k, format!("must be between 1 and {max}")))
                }
                _ => Err(ApiError::bad_param(
                    k,
                    format!("{v:?} is not a whole number between 0 and {max}"),
                )),
            },
        }
    }

    fn filter(&self) -> Result<EventFilter, ApiError> {
        let f = EventFilter {
            actor: self.get("actor"),
            etype: self.get("type"),
            mode: self.get("mode"),
            since: self.get("since"),
            until: self.get("until"),
            place: self.get("place"),
            document: self.get("document"),
        };
        f.validate().map_err(|e| ApiError::bad_param(e.param, e.message))?;
        Ok(f)
    }
}

const FILTERS: &[&str] = &["actor", "type", "mode", "since", "until", "place", "document"];

fn with_filters(extra: &[&'static str]) -> Vec<&'static str> {
    FILTERS.iter().chain(extra).copied().collect()
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// `GET /`.
pub async fn ui_index() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], INDEX_HTML).into_response()
}

/// `GET /assets/{name}`.
pub async fn ui_asset(UrlPath(name): UrlPath<String>) -> Response {
    match name.as_str() {
        "app.js" => {
            ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], APP_JS).into_response()
        }
        "app.css" => ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], APP_CSS).into_response(),
        _ => ApiError::not_found(format!("no asset {name:?}")).into_response(),
    }
}

/// Any unknown path.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    ApiError::not_found(format!("no such endpoint: {} (see /api/openapi.json)", uri.path()))
        .into_response()
}

/// Turns a caught panic into a JSON 500.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> axum::http::Response<Body> {
    ApiError::internal("the server hit an internal error; the request was not completed")
        .into_response()
}

/// `GET /api/stats`.
pub async fn stats(State(state): Shared, RawQuery(q): RawQuery) -> ApiResult {
    Params::parse(q, &[])?;
    let s = state.snapshot();
    ok(json!({
        "documents": s.documents,
        "entities": s.analysis.entities.len(),
        "events": s.analysis.events.len(),
        "writes": state.token().is_some(),
    }))
}

/// An entity as a list item.
fn entity_item(s: &Snapshot, e: &rasd_actors::Entity) -> Value {
    json!({
        "id": e.id,
        "type": e.etype,
        "name": e.name,
        "aliases": e.aliases,
        "en": e.en,
        "documents": e.documents.len(),
        "mentions": e.mentions,
        "events": s.analysis.events_of(&e.id).len(),
    })
}

/// `GET /api/search?q=&limit=`: entities whose names match, and documents ranked by BM25.
pub async fn search(State(state): Shared, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &["q", "limit"])?;
    let q = p.get("q").ok_or_else(|| ApiError::bad_param("q", "missing search words"))?;
    let limit = p.number("limit", 20, 100)?;
    let snap = state.snapshot();
    let entities: Vec<Value> = snap
        .analysis
        .find_entities(&q)
        .into_iter()
        .take(10)
        .map(|e| entity_item(&snap, e))
        .collect();
    let query = match Query::parse(&q) {
        Ok(query) => Some(query),
        // Latin names find entities only; an unsearchable query is an error when it
        // found nothing else either.
        Err(_) if !entities.is_empty() => None,
        Err(e) => return Err(e.into()),
    };
    let hits = match query {
        Some(query) => state.with_store(move |s, _| Ok(s.search(&query, limit)?)).await?,
        None => Vec::new(),
    };
    ok(json!({ "query": q, "entities": entities, "documents": hits }))
}

/// `GET /api/documents?limit=&offset=`.
pub async fn documents(State(state): Shared, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &["limit", "offset"])?;
    let limit = p.number("limit", 50, 500)?;
    let offset = p.number("offset", 0, usize::MAX / 2)?;
    let snap = state.snapshot();
    let docs = state.with_store(move |s, _| Ok(s.documents(limit, offset)?)).await?;
    ok(json!({ "total": snap.documents, "offset": offset, "documents": docs }))
}

/// `GET /api/documents/{id}`: text, metadata, mentions (with their entity), timexes and
/// event mentions (with their merged event), all with original byte offsets.
pub async fn document(State(state): Shared, UrlPath(id): UrlPath<String>) -> ApiResult {
    let snap = state.snapshot();
    let key = id.clone();
    let doc = state.with_store(move |s, _| Ok(s.document(&key)?)).await?;
    let Some(doc) = doc else {
        return Err(ApiError::not_found(format!("no document with id {id:?}")));
    };
    let mentions: Vec<Value> = doc
        .mentions
        .iter()
        .map(|m| {
            let e = snap.analysis.entity_of(&id, m);
            json!({
                "start": m.span.start, "end": m.span.end, "text": m.text, "name": m.name,
                "type": m.label, "confidence": m.confidence,
                "entity": e.map(|e| json!({"id": e.id, "name": e.name, "en": e.en})),
            })
        })
        .collect();
    let events: Vec<Value> = doc
        .events
        .iter()
        .map(|em| {
            let merged = snap
                .evidence
                .get(&(id.clone(), em.sentence.start, em.etype.clone()))
                .and_then(|&i| snap.analysis.events.get(i));
            json!({
                "type": em.etype, "mode": em.mode, "date": em.date, "rule": em.rule,
                "sentence": {"start": em.sentence.start, "end": em.sentence.end},
                "trigger": {"start": em.trigger.start, "end": em.trigger.end},
                "participants": em.participants, "location": em.location,
                "event": merged.map(|e| e.id.clone()),
            })
        })
        .collect();
    let d = &doc.document;
    ok(json!({
        "id": d.id, "title": d.title, "url": d.url, "source": d.source, "author": d.author,
        "published": d.published, "format": d.format, "origin": d.origin,
        "version": doc.version, "ingested_at": doc.ingested_at, "updated_at": doc.updated_at,
        "dct": doc.dct, "text": d.text,
        "sentences": doc.sentences.iter().map(|s| [s.span.start, s.span.end]).collect::<Vec<_>>(),
        "timexes": doc.timexes, "mentions": mentions, "events": events,
    }))
}

/// `GET /api/entities?q=&type=&limit=&cursor=`.
pub async fn entities(State(state): Shared, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &["q", "type", "limit", "cursor"])?;
    let etype = match p.get("type").map(|t| t.to_uppercase()) {
        Some(t) if ["PER", "ORG", "LOC"].contains(&t.as_str()) => Some(t),
        Some(t) => return Err(ApiError::bad_param("type", format!("{t:?}: use PER, ORG or LOC"))),
        None => None,
    };
    let limit = p.number("limit", 50, 1000)?;
    let cursor = p.number("cursor", 0, usize::MAX / 2)?;
    let snap = state.snapshot();
    let list: Vec<&rasd_actors::Entity> = match p.get("q") {
        Some(q) => snap.analysis.find_entities(&q),
        None => snap.analysis.entities.iter().collect(),
    };
    let list: Vec<&rasd_actors::Entity> =
        list.into_iter().filter(|e| etype.as_ref().is_none_or(|t| &e.etype == t)).collect();
    let page: Vec<Value> =
        list.iter().skip(cursor).take(limit).map(|e| entity_item(&snap, e)).collect();
    let next = (cursor + limit < list.len()).then(|| (cursor + limit).to_string());
    ok(json!({ "total": list.len(), "entities": page, "next_cursor": next }))
}

/// `GET /api/entities/{id}`: names, Latin name, documents, co-actors and event dates.
pub async fn entity(State(state): Shared, UrlPath(id): UrlPath<String>) -> ApiResult {
    let snap = state.snapshot();
    let Some(e) = snap.analysis.entity(&id) else {
        return Err(ApiError::not_found(format!("no entity with id {id:?}")));
    };
    let event_ix = snap.analysis.events_of(&id);
    let mut co: BTreeMap<&str, (usize, &rasd_events::EntityRef)> = BTreeMap::new();
    let mut types: BTreeMap<&str, usize> = BTreeMap::new();
    let mut dates: Vec<&str> = Vec::new();
    for &i in event_ix {
        let ev = &snap.analysis.events[i];
        *types.entry(ev.etype.as_str()).or_default() += 1;
        dates.extend(ev.date.as_deref());
        for p in &ev.participants {
            if p.id != id {
                co.entry(p.id.as_str()).or_insert((0, p)).0 += 1;
            }
        }
    }
    dates.sort_unstable();
    let mut co: Vec<(usize, &rasd_events::EntityRef)> = co.into_values().collect();
    co.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let co: Vec<Value> = co
        .iter()
        .take(25)
        .map(|(n, p)| json!({"id": p.id, "name": p.name, "en": p.en, "type": p.etype, "events": n}))
        .collect();
    let doc_ids: Vec<String> = e.documents.iter().take(200).cloned().collect();
    let docs = state
        .with_store(move |s, _| {
            let mut out = Vec::new();
            for d in &doc_ids {
                out.extend(s.summary(d)?);
            }
            Ok(out)
        })
        .await?;
    ok(json!({
        "id": e.id, "type": e.etype, "name": e.name, "aliases": e.aliases, "en": e.en,
        "mentions": e.mentions,
        "documents": docs, "document_count": e.documents.len(),
        "roles": snap.analysis.roles_of(&id),
        "co_actors": co,
        "events": event_ix.len(),
        "event_types": types,
        "first_event": dates.first(), "last_event": dates.last(),
    }))
}

/// `GET /api/events?…filters…&limit=&cursor=`: merged events in the SPEC's contract.
pub async fn events(State(state): Shared, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &with_filters(&["limit", "cursor"]))?;
    let filter = p.filter()?;
    let limit = p.number("limit", 100, 1000)?;
    let cursor = p.number("cursor", 0, usize::MAX / 2)?;
    let snap = state.snapshot();
    let list = filter.apply(&snap.analysis);
    let page: Vec<&Event> = list.iter().skip(cursor).take(limit).copied().collect();
    let next = (cursor + limit < list.len()).then(|| (cursor + limit).to_string());
    ok(json!({ "total": list.len(), "events": page, "next_cursor": next }))
}

/// `GET /api/events/{id}`.
pub async fn event(State(state): Shared, UrlPath(id): UrlPath<String>) -> ApiResult {
    let snap = state.snapshot();
    match snap.event_ids.get(&id) {
        Some(&i) => ok(&snap.analysis.events[i]),
        None => Err(ApiError::not_found(format!("no event with id {id:?}"))),
    }
}

/// `GET /api/timeline`: filtered events in date order, one compact line each.
pub async fn timeline(State(state): Shared, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &with_filters(&["limit"]))?;
    let filter = p.filter()?;
    let limit = p.number("limit", 500, 5000)?;
    let snap = state.snapshot();
    let list = filter.apply(&snap.analysis);
    let items: Vec<Value> = list
        .iter()
        .take(limit)
        .map(|e| {
            json!({
                "id": e.id, "date": e.date, "type": e.etype, "mode": e.mode,
                "participants": e.participants.iter().map(|p| json!({"id": p.id, "name": p.name, "en": p.en, "type": p.etype})).collect::<Vec<_>>(),
                "location": e.location.as_ref().map(|l| json!({"id": l.id, "name": l.name, "en": l.en})),
                "sources": e.documents.len(),
                "documents": e.documents,
                "reports": e.documents.iter().map(|d| {
                    let s = snap.summaries.get(d);
                    json!({
                        "id": d,
                        "title": s.and_then(|s| s.title.as_deref()),
                        "source": s.and_then(|s| s.source.as_deref()),
                        "published": s.and_then(|s| s.published.as_deref()),
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    ok(json!({ "total": list.len(), "events": items }))
}

/// `GET /api/graph`: actors as nodes, shared events as weighted edges.
pub async fn graph(State(state): Shared, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &with_filters(&["limit"]))?;
    let filter = p.filter()?;
    let limit = p.number("limit", 100, 1000)?;
    let snap = state.snapshot();
    let list = filter.apply(&snap.analysis);
    let mut nodes: HashMap<&str, (usize, &rasd_events::EntityRef)> = HashMap::new();
    let mut edges: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for e in &list {
        for p in &e.participants {
            nodes.entry(p.id.as_str()).or_insert((0, p)).0 += 1;
        }
        for (i, a) in e.participants.iter().enumerate() {
            for b in &e.participants[i + 1..] {
                let key = if a.id < b.id { (&*a.id, &*b.id) } else { (&*b.id, &*a.id) };
                edges.entry(key).or_default().push(&e.id);
            }
        }
    }
    let mut ranked: Vec<(usize, &rasd_events::EntityRef)> = nodes.into_values().collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    ranked.truncate(limit);
    let kept: std::collections::HashSet<&str> = ranked.iter().map(|(_, p)| p.id.as_str()).collect();
    let nodes: Vec<Value> = ranked
        .iter()
        .map(|(n, p)| json!({"id": p.id, "name": p.name, "en": p.en, "type": p.etype, "events": n}))
        .collect();
    let mut edges: Vec<Value> = edges
        .into_iter()
        .filter(|((a, b), _)| kept.contains(a) && kept.contains(b))
        .map(|((a, b), evs)| json!({"source": a, "target": b, "weight": evs.len(), "events": evs}))
        .collect();
    edges.sort_by(|a, b| {
        b["weight"].as_u64().cmp(&a["weight"].as_u64()).then_with(|| {
            a["source"]
                .as_str()
                .cmp(&b["source"].as_str())
                .then_with(|| a["target"].as_str().cmp(&b["target"].as_str()))
        })
    });
    ok(json!({ "nodes": nodes, "edges": edges }))
}

/// `GET /api/places`: where the filtered events happened, with coordinates.
pub async fn places(State(state): Shared, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &with_filters(&[]))?;
    let filter = p.filter()?;
    let snap = state.snapshot();
    let mut at: BTreeMap<&str, (&rasd_events::EntityRef, Vec<&str>)> = BTreeMap::new();
    for e in filter.apply(&snap.analysis) {
        if let Some(l) = &e.location {
            at.entry(l.id.as_str()).or_insert((l, Vec::new())).1.push(&e.id);
        }
    }
    let mut out = Vec::new();
    let mut unplaced = Vec::new();
    for (l, evs) in at.into_values() {
        match places::locate(&l.name, &l.aliases) {
            Some((lat, lon)) => out.push(json!({
                "id": l.id, "name": l.name, "en": l.en, "lat": lat, "lon": lon,
                "events": evs.len(), "event_ids": evs,
            })),
            None => {
                unplaced.push(json!({"id": l.id, "name": l.name, "en": l.en, "events": evs.len()}))
            }
        }
    }
    ok(json!({ "places": out, "unplaced": unplaced }))
}

/// `POST /api/documents`: ingests one JSON document or an array of them.
pub async fn post_documents(
    State(state): Shared,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    let Some(token) = state.token() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes_disabled",
            "writes are disabled: start `rasd serve` with --token or RASD_TOKEN to allow them",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match given {
        None => {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "missing `Authorization: Bearer TOKEN` header",
            ))
        }
        Some(g) if !constant_time_eq(g.trim().as_bytes(), token.as_bytes()) => {
            return Err(ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", "wrong token"))
        }
        Some(_) => {}
    }
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!(
                    "request body over {} MiB; send fewer documents per request",
                    crate::MAX_BODY >> 20
                ),
            )
        } else {
            ApiError::bad_body(e.body_text())
        }
    })?;
    let value: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_body(format!("invalid JSON: {e}")))?;
    let items = match value {
        Value::Array(items) => items,
        v @ Value::Object(_) => vec![v],
        _ => return Err(ApiError::bad_body("expected a JSON object or an array of objects")),
    };
    if items.is_empty() {
        return Err(ApiError::bad_body("no documents in the request"));
    }
    if items.len() > MAX_POST_DOCS {
        return Err(ApiError::bad_body(format!(
            "{} documents in one request; at most {MAX_POST_DOCS}",
            items.len()
        )));
    }
    let mut errors = Vec::new();
    let mut lines = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let has_id = matches!(item.get("id"), Some(Value::String(s)) if !s.trim().is_empty())
            || matches!(item.get("id"), Some(Value::Number(_)));
        if !has_id {
            errors.push(
                json!({"index": i, "message": "missing \"id\": API documents need a stable id"}),
            );
            continue;
        }
        lines.push((i + 1, item.to_string()));
    }
    let _writer = state.write.lock().await;
    let result = state
        .with_store(move |store, st| {
            let opts = rasd_ingest::Options::default();
            let parsed = rasd_ingest::read_jsonl_lines(&lines, Path::new("api"), &opts);
            let mut processed = Vec::new();
            let mut errors = Vec::new();
            let mut indices = Vec::new();
            for ((n, _), item) in lines.iter().zip(parsed) {
                match item
                    .map_err(|s| s.error.to_string())
                    .and_then(|d| st.pipeline().process(d).map_err(|e| e.to_string()))
                {
                    Ok(p) => {
                        processed.push(p);
                        indices.push(n - 1);
                    }
                    Err(message) => errors.push(json!({"index": n - 1, "message": message})),
                }
            }
            let outcomes =
                if processed.is_empty() { Vec::new() } else { store.write_batch(&processed)? };
            let changed: Vec<String> = processed
                .iter()
                .zip(&outcomes)
                .filter(|(_, o)| **o != WriteOutcome::Unchanged)
                .map(|(p, _)| p.doc.document.id.clone())
                .collect();
            if !changed.is_empty() {
                // Only the changed documents are re-read and re-resolved (incremental).
                st.update_snapshot(store, &changed)?;
            }
            let results: Vec<Value> = indices
                .iter()
                .zip(&processed)
                .zip(&outcomes)
                .map(|((i, p), o)| json!({"index": i, "id": p.doc.document.id, "outcome": o}))
                .collect();
            Ok((results, errors))
        })
        .await?;
    errors.extend(result.1);
    errors.sort_by_key(|e| e["index"].as_u64());
    if result.0.is_empty() {
        return Err(ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_body",
            message: format!(
                "no document could be ingested: {}",
                errors.first().and_then(|e| e["message"].as_str()).unwrap_or("no documents")
            ),
            param: None,
        });
    }
    ok(json!({ "results": result.0, "errors": errors }))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
