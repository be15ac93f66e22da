//! Killing an ingest half-way (SIGKILL) and re-running stores every document exactly once.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DOCS: usize = 10_000;

fn generate(path: &Path) {
    let sentences = [
        "التقى وزير الخارجية نظيره في العاصمة لبحث سبل تعزيز التعاون الثنائي بين البلدين.",
        "وأكد الجانبان أهمية تنسيق المواقف إزاء القضايا الإقليمية والدولية ذات الاهتمام المشترك.",
        "وقال المتحدث باسم الوزارة إن المباحثات تناولت ملفات الأمن والطاقة والتجارة.",
        "وتأتي الزيارة في إطار جولة إقليمية تشمل عددا من دول المنطقة خلال الأسبوع الجاري.",
        "وأشار البيان المشترك إلى الاتفاق على عقد اجتماع للجنة المشتركة قبل نهاية العام.",
    ];
    let mut out = String::with_capacity(DOCS * 600);
    for i in 0..DOCS {
        let text: Vec<&str> = (0..5).map(|k| sentences[(i + k) % sentences.len()]).collect();
        let line = serde_json::json!({
            "id": format!("gen-{i:05}"),
            "title": format!("خبر رقم {i}"),
            "published": "2023-04-09",
            "text": format!("{}\nرقم الخبر {i}.", text.join(" ")),
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

fn count(db: &Path) -> i64 {
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    conn.busy_timeout(Duration::from_secs(5)).ok();
    conn.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)).unwrap_or(0)
}

#[test]
fn sigkill_mid_ingest_then_rerun_stores_each_document_once() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    generate(&corpus);
    let db = dir.path().join("crash.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .arg("--db")
        .arg(&db)
        .args(["ingest", "--batch-size", "50", "--jobs", "1"])
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        let n = count(&db);
        if n >= 500 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "ingest made no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let after_kill = count(&db);
    assert!(
        after_kill > 0 && (after_kill as usize) < DOCS,
        "kill did not land mid-run: {after_kill} stored"
    );

    let o = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .arg("--db")
        .arg(&db)
        .args(["ingest", "--json"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        summary["unchanged"].as_i64().unwrap() + summary["new"].as_i64().unwrap(),
        DOCS as i64,
        "{summary}"
    );
    assert!(summary["unchanged"].as_i64().unwrap() >= after_kill, "{summary}");
    assert_eq!(summary["updated"], 0);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let q = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(q("SELECT count(*) FROM documents"), DOCS as i64);
    assert_eq!(q("SELECT count(DISTINCT id) FROM documents"), DOCS as i64);
    assert_eq!(q("SELECT count(*) FROM doc_fts"), DOCS as i64);
    assert_eq!(q("SELECT count(DISTINCT docno) FROM sentences"), DOCS as i64);
    assert_eq!(q("SELECT count(*) FROM sentences s LEFT JOIN documents d USING (docno) WHERE d.docno IS NULL"), 0);
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
}
