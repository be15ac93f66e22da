//! End-to-end browser test: the seeds in a store, `rasd serve`'s router on a loopback port,
//! and `e2e/ui.mjs` driving Debian's headless Chromium through playwright-core: search
//! `الحموشي`, open his profile, check the timeline, search `Hammouchi`, save a screenshot.
//!
//! It needs Node.js, `/usr/bin/chromium` (or `$CHROMIUM`) and `npm ci` run in `e2e/`;
//! `.ci/run` installs all three and sets `RASD_E2E=1`, which turns a missing piece into a
//! failure instead of a skip.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use rasd_serve::{router, AppState, Config};
use rasd_store::{DocumentStore, SqliteStore};

fn missing() -> Option<String> {
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    if !Path::new(&chromium).exists() {
        return Some(format!("{chromium} is not installed (apt-get install chromium)"));
    }
    if !e2e.join("node_modules/playwright-core").is_dir() {
        return Some(format!(
            "playwright-core is not installed (run `npm ci` in {})",
            e2e.display()
        ));
    }
    None
}

#[test]
fn analyst_finds_hammouchi_and_his_timeline_in_the_browser() {
    if let Some(why) = missing() {
        if std::env::var("RASD_E2E").is_ok_and(|v| v == "1") {
            panic!("RASD_E2E=1 but the browser test cannot run: {why}");
        }
        eprintln!("skipping the browser test: {why}");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("seeds.db");
    let mut store = SqliteStore::open(&db).expect("store");
    let pipeline = rasd_pipeline::Pipeline::default();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .expect("shared/seeds beside the checkout")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for f in files.iter().filter(|f| f.is_file()) {
        for item in rasd_ingest::read_file(f, rasd_ingest::Kind::of(f), &Default::default()) {
            docs.push(pipeline.process(item.expect("seed")).expect("pipeline"));
        }
    }
    store.write_batch(&docs).expect("write");
    drop(store);

    let state = Arc::new(AppState::open(Config { db, token: None }).expect("state"));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("rt");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            axum::serve(listener, router(state)).await.expect("serve");
        });
    });
    let addr = rx.recv_timeout(Duration::from_secs(30)).expect("server");

    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e");
    std::fs::create_dir_all(&out).expect("out dir");
    let shot = out.join("ui-hammouchi.png");
    let _ = std::fs::remove_file(&shot);
    let e2e = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e");
    let result = Command::new("node")
        .arg(e2e.join("ui.mjs"))
        .arg(format!("http://{addr}/"))
        .arg(&shot)
        .current_dir(&e2e)
        .output()
        .expect("run node");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&result.stdout),
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(result.status.success(), "browser test failed:\n{log}");
    let size = std::fs::metadata(&shot).map(|m| m.len()).unwrap_or(0);
    assert!(size > 20_000, "screenshot {} is {size} bytes", shot.display());
    eprintln!("{log}screenshot: {}", shot.display());
}
