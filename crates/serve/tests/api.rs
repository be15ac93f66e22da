//! API integration tests: a real server on a random loopback port over a store holding the
//! two seed articles, driven with plain HTTP/1.1 requests.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use rasd_serve::{router, AppState, Config};
use rasd_store::{DocumentStore, SqliteStore};
use serde_json::Value;

const TOKEN: &str = "test-token-123";

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds")
}

/// Ingests the seed articles into a new store at `db`.
fn ingest_seeds(db: &Path) {
    let mut store = SqliteStore::open(db).expect("store");
    let pipeline = rasd_pipeline::Pipeline::default();
    let mut processed = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .expect("shared/seeds beside the checkout")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for f in files {
        for item in
            rasd_ingest::read_file(&f, rasd_ingest::Kind::of(&f), &rasd_ingest::Options::default())
        {
            processed.push(pipeline.process(item.expect("seed parses")).expect("pipeline"));
        }
    }
    assert_eq!(processed.len(), 2, "two seed articles");
    store.write_batch(&processed).expect("write");
}

/// Starts a server over `db` on a random port; it lives as long as the test process.
fn start(db: PathBuf, token: Option<&str>) -> SocketAddr {
    let state =
        Arc::new(AppState::open(Config { db, token: token.map(str::to_string) }).expect("state"));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            axum::serve(listener, router(state)).await.expect("serve");
        });
    });
    rx.recv_timeout(Duration::from_secs(30)).expect("server started")
}

/// The shared read-mostly server over the seeds.
fn seeds_server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir").keep();
        let db = dir.join("seeds.db");
        ingest_seeds(&db);
        start(db, Some(TOKEN))
    })
}

struct Reply {
    status: u16,
    body: Value,
    raw: String,
}

fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("write head");
    // A server may answer (413) before reading a huge body; a failed write is fine then.
    let _ = s.write_all(body);
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status: u16 = text.get(9..12).and_then(|c| c.parse().ok()).expect("status line");
    let (headers_part, payload) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let payload = if headers_part.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        dechunk(payload)
    } else {
        payload.to_string()
    };
    let body = serde_json::from_str(&payload).unwrap_or(Value::Null);
    Reply { status, body, raw: payload }
}

fn dechunk(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || tail.len() < n {
            break;
        }
        out.push_str(&tail[..n]);
        rest = tail[n..].trim_start_matches("\r\n");
    }
    out
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path, &[], b"")
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn assert_error(r: &Reply, status: u16, code: &str, param: Option<&str>) {
    assert_eq!(r.status, status, "{}", r.raw);
    assert_eq!(r.body["error"]["code"], code, "{}", r.raw);
    assert!(r.body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{}", r.raw);
    if let Some(p) = param {
        assert_eq!(r.body["error"]["param"], p, "{}", r.raw);
    }
}

#[test]
fn hammouchi_is_found_in_arabic_and_latin_with_his_events() {
    let addr = seeds_server();
    for q in ["الحموشي", "Hammouchi"] {
        let r = get(addr, &format!("/api/search?q={}", enc(q)));
        assert_eq!(r.status, 200, "{}", r.raw);
        let ents = r.body["entities"].as_array().expect("entities");
        let per =
            ents.iter().find(|e| e["type"] == "PER").unwrap_or_else(|| panic!("{q}: {}", r.raw));
        let id = per["id"].as_str().expect("id");
        let profile = get(addr, &format!("/api/entities/{}", enc(id)));
        assert_eq!(profile.status, 200);
        // One person across both articles.
        assert_eq!(profile.body["document_count"], 2, "{}", profile.raw);
        let tl = get(addr, &format!("/api/timeline?actor={}", enc(id)));
        let events = tl.body["events"].as_array().expect("events");
        assert!(events.len() >= 2, "{}", tl.raw);
        assert!(events.iter().all(|e| e["participants"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == id)));
        // Dated events come in date order.
        let dates: Vec<&str> = events.iter().filter_map(|e| e["date"].as_str()).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    }
    // Arabic search also ranks documents.
    let r = get(addr, &format!("/api/search?q={}", enc("الحموشي")));
    assert!(!r.body["documents"].as_array().unwrap().is_empty());
}

#[test]
fn documents_carry_offsets_that_point_into_the_text() {
    let addr = seeds_server();
    let list = get(addr, "/api/documents");
    assert_eq!(list.body["total"], 2);
    let id = list.body["documents"][0]["id"].as_str().expect("id").to_string();
    let d = get(addr, &format!("/api/documents/{}", enc(&id)));
    assert_eq!(d.status, 200);
    let text = d.body["text"].as_str().expect("text");
    let mentions = d.body["mentions"].as_array().expect("mentions");
    assert!(!mentions.is_empty());
    for m in mentions {
        let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], m["text"].as_str().unwrap());
    }
    let events = d.body["events"].as_array().expect("events");
    assert!(events.iter().any(|e| e["event"].is_string()), "event mentions link to merged events");
    for e in events {
        let t = &e["trigger"];
        let (s, x) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
        assert!(text.get(s..x).is_some_and(|w| !w.is_empty()));
    }
    assert_error(&get(addr, "/api/documents/no-such-doc"), 404, "not_found", None);
}

#[test]
fn events_filter_and_paginate() {
    let addr = seeds_server();
    let all = get(addr, "/api/events?limit=1000");
    let total = all.body["total"].as_u64().expect("total");
    assert!(total >= 5, "{}", all.raw);
    // Walk the pages with the cursor: same events, same order.
    let mut seen = Vec::new();
    let mut path = "/api/events?limit=2".to_string();
    loop {
        let page = get(addr, &path);
        seen.extend(page.body["events"].as_array().unwrap().iter().map(|e| e["id"].clone()));
        match page.body["next_cursor"].as_str() {
            Some(c) => path = format!("/api/events?limit=2&cursor={c}"),
            None => break,
        }
    }
    let ids: Vec<Value> =
        all.body["events"].as_array().unwrap().iter().map(|e| e["id"].clone()).collect();
    assert_eq!(seen, ids);
    let consult = get(addr, "/api/events?type=consult&mode=visit&since=2022&until=2023-12-31");
    for e in consult.body["events"].as_array().unwrap() {
        assert_eq!(e["type"], "CONSULT");
        assert_eq!(e["mode"], "visit");
    }
    let one = &all.body["events"][0];
    let by_id = get(addr, &format!("/api/events/{}", enc(one["id"].as_str().unwrap())));
    assert_eq!(&by_id.body, one);
    let g = get(addr, "/api/graph");
    assert!(!g.body["nodes"].as_array().unwrap().is_empty());
    assert!(!g.body["edges"].as_array().unwrap().is_empty());
    let p = get(addr, "/api/places");
    let placed = p.body["places"].as_array().unwrap();
    assert!(
        placed
            .iter()
            .any(|x| x["en"].as_str().is_some_and(|n| n.contains("Rbat") || n.contains("Rabat"))),
        "{}",
        p.raw
    );
}

#[test]
fn bad_parameters_are_400_with_the_parameter_named() {
    let addr = seeds_server();
    let cases = [
        ("/api/events?since=2023-13-01", "since"),
        ("/api/events?until=yesterday", "until"),
        ("/api/events?type=PARTY", "type"),
        ("/api/events?mode=fax", "mode"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=abc", "limit"),
        ("/api/events?limit=100000", "limit"),
        ("/api/events?cursor=-3", "cursor"),
        ("/api/events?colour=red", "colour"),
        ("/api/events?type=CONSULT&type=ACCUSE", "type"),
        ("/api/timeline?since=2023/04", "since"),
        ("/api/graph?limit=-1", "limit"),
        ("/api/entities?type=ANIMAL", "type"),
        ("/api/search", "q"),
        ("/api/search?q=%22unbalanced", "q"),
        ("/api/documents?offset=x", "offset"),
    ];
    for (path, param) in cases {
        assert_error(&get(addr, path), 400, "bad_parameter", Some(param));
    }
    let long = "و".repeat(2000);
    assert_error(
        &get(addr, &format!("/api/search?q={}", enc(&long))),
        400,
        "bad_parameter",
        Some("q"),
    );
    assert_error(&get(addr, "/api/nowhere"), 404, "not_found", None);
    assert_error(&get(addr, "/api/entities/nobody"), 404, "not_found", None);
    assert_error(&get(addr, "/api/events/no-event"), 404, "not_found", None);
}

#[test]
fn writes_need_the_token_and_valid_bounded_json() {
    let addr = seeds_server();
    let json = [("Content-Type", "application/json")];
    let doc = br#"{"id":"x","text":"\xd9\x86\xd8\xb5"}"#;
    assert_error(&request(addr, "POST", "/api/documents", &json, doc), 401, "unauthorized", None);
    let wrong = [("Content-Type", "application/json"), ("Authorization", "Bearer nope")];
    assert_error(&request(addr, "POST", "/api/documents", &wrong, doc), 401, "unauthorized", None);
    let auth = format!("Bearer {TOKEN}");
    let good = [("Content-Type", "application/json"), ("Authorization", auth.as_str())];
    assert_error(
        &request(addr, "POST", "/api/documents", &good, b"{not json"),
        400,
        "bad_body",
        None,
    );
    assert_error(&request(addr, "POST", "/api/documents", &good, b"42"), 400, "bad_body", None);
    assert_error(&request(addr, "POST", "/api/documents", &good, b"[]"), 400, "bad_body", None);
    assert_error(
        &request(addr, "POST", "/api/documents", &good, br#"{"text":"no id"}"#),
        400,
        "bad_body",
        None,
    );
    let huge = vec![b' '; rasd_serve::MAX_BODY + 1024];
    assert_error(&request(addr, "POST", "/api/documents", &good, &huge), 413, "too_large", None);
}

#[test]
fn posted_documents_go_through_the_pipeline_and_into_every_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("w.db");
    SqliteStore::open(&db).expect("empty store");
    let addr = start(db.clone(), Some(TOKEN));
    assert_eq!(get(addr, "/api/stats").body["documents"], 0);
    let auth = format!("Bearer {TOKEN}");
    let headers = [("Content-Type", "application/json"), ("Authorization", auth.as_str())];
    let body = serde_json::json!([
        {"id": "w1", "title": "زيارة", "published": "2023-05-02",
         "text": "استقبل وزير الخارجية المغربي ناصر بوريطة، اليوم الثلاثاء بالرباط، وزير الخارجية الإسباني خوسيه مانويل ألباريس."},
        {"id": "w2"},
        {"text": "بلا معرف"}
    ]);
    let r = request(addr, "POST", "/api/documents", &headers, body.to_string().as_bytes());
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!(r.body["results"][0]["outcome"], "new");
    let errors = r.body["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 2, "{}", r.raw);
    assert_eq!(errors[0]["index"], 1);
    assert_eq!(get(addr, "/api/stats").body["documents"], 1);
    let hit = get(addr, &format!("/api/search?q={}", enc("بوريطة")));
    assert_eq!(hit.body["documents"][0]["id"], "w1", "{}", hit.raw);
    assert!(get(addr, "/api/events?document=w1").body["total"].as_u64().unwrap() >= 1);
    // The same content again changes nothing.
    let again = serde_json::json!({"id": "w1", "title": "زيارة", "published": "2023-05-02",
        "text": body[0]["text"]});
    let r = request(addr, "POST", "/api/documents", &headers, again.to_string().as_bytes());
    assert_eq!(r.body["results"][0]["outcome"], "unchanged", "{}", r.raw);
    // A new version replaces the old one in the analysis (updated incrementally): the
    // visitor it no longer names is gone, the new one is there, the host once.
    let entities =
        |q: &str| get(addr, &format!("/api/search?q={}", enc(q))).body["entities"].clone();
    assert!(!entities("ألباريس").as_array().expect("entities").is_empty());
    let changed = serde_json::json!({"id": "w1", "title": "زيارة", "published": "2023-05-02",
        "text": "استقبل وزير الخارجية المغربي ناصر بوريطة، اليوم الثلاثاء بالرباط، وزير الخارجية البرتغالي جواو غوميش كرافينيو."});
    let r = request(addr, "POST", "/api/documents", &headers, changed.to_string().as_bytes());
    assert_eq!(r.body["results"][0]["outcome"], "updated", "{}", r.raw);
    assert!(
        entities("ألباريس").as_array().expect("entities").is_empty(),
        "{}",
        entities("ألباريس")
    );
    assert!(!entities("كرافينيو").as_array().expect("entities").is_empty());
    let bourita = entities("بوريطة");
    assert_eq!(bourita[0]["documents"], 1, "{bourita}");

    // Without a configured token, writes are off.
    let ro = start(db, None);
    assert_error(
        &request(ro, "POST", "/api/documents", &headers, b"{}"),
        403,
        "writes_disabled",
        None,
    );
}

#[test]
fn openapi_lists_exactly_the_routes_the_server_has() {
    let addr = seeds_server();
    let doc = get(addr, "/api/openapi.json");
    assert_eq!(doc.status, 200);
    let paths: Vec<String> =
        doc.body["paths"].as_object().expect("paths").keys().cloned().collect();
    let source = include_str!("../src/lib.rs");
    let mut routes: Vec<String> = source
        .match_indices(".route(\"/api/")
        .map(|(at, _)| {
            let rest = &source[at + 8..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .filter(|r| !r.contains("{*"))
        .collect();
    routes.sort();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(routes, sorted, "routes in src/lib.rs and paths in src/openapi.json differ");
    // Every documented GET answers with JSON, never the fallback.
    let list = get(addr, "/api/events?limit=1");
    let event = list.body["events"][0]["id"].as_str().unwrap().to_string();
    let entity =
        get(addr, "/api/entities?limit=1").body["entities"][0]["id"].as_str().unwrap().to_string();
    let document = get(addr, "/api/documents?limit=1").body["documents"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for p in &paths {
        let path = p
            .replace("/events/{id}", &format!("/events/{}", enc(&event)))
            .replace("/entities/{id}", &format!("/entities/{}", enc(&entity)))
            .replace("/documents/{id}", &format!("/documents/{}", enc(&document)));
        let path = if path == "/api/search" { format!("{path}?q=x") } else { path };
        let r = get(addr, &path);
        assert_eq!(r.status, 200, "{path}: {}", r.raw);
        assert!(r.body.is_object(), "{path}");
    }
}

#[test]
fn the_ui_is_served_from_the_binary() {
    let addr = seeds_server();
    let page = get(addr, "/");
    assert_eq!(page.status, 200);
    assert!(page.raw.contains("dir=\"rtl\"") && page.raw.contains("/assets/app.js"));
    assert_eq!(get(addr, "/assets/app.js").status, 200);
    assert_eq!(get(addr, "/assets/app.css").status, 200);
    assert_eq!(get(addr, "/assets/evil.js").status, 404);
}

#[test]
fn concurrent_readers_get_consistent_answers() {
    let addr = seeds_server();
    let first = get(addr, "/api/events").body;
    let handles: Vec<_> =
        (0..8).map(|_| std::thread::spawn(move || get(addr, "/api/events").body)).collect();
    for h in handles {
        assert_eq!(h.join().expect("thread"), first);
    }
}
