//! End-to-end tests of the `rasd` binary on real and deliberately broken inputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rasd(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasd"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run rasd")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn shared(sub: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(sub);
    p.exists().then_some(p)
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o).lines().map(|l| serde_json::from_str(l).expect("json line")).collect()
}

#[test]
fn seeds_ingest_idempotent_and_searchable() {
    let Some(seeds) = shared("seeds") else {
        eprintln!("skipping: ../shared/seeds not found");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    let seeds = seeds.to_str().unwrap();
    let o = rasd(&db, &["ingest", seeds]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("2 new, 0 updated, 0 unchanged, 0 skipped"), "{}", stdout(&o));
    let o = rasd(&db, &["ingest", seeds]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("0 new, 0 updated, 2 unchanged, 0 skipped"), "{}", stdout(&o));

    for query in ["المخابرات", "امريكا"] {
        let o = rasd(&db, &["search", "--json", query]);
        assert!(o.status.success(), "{}", stderr(&o));
        let hits = json_lines(&o);
        let mut ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
        ids.sort();
        assert_eq!(ids, ["000_df84308e761e6fb0", "004_74c23dcf626b65ae"], "query {query}");
        for h in &hits {
            let snippet = h["snippet"].as_str().unwrap();
            let hl = h["highlights"].as_array().unwrap();
            assert!(!hl.is_empty(), "no highlight for {query}");
            let (s, e) = (hl[0][0].as_u64().unwrap() as usize, hl[0][1].as_u64().unwrap() as usize);
            let word = &snippet[s..e];
            assert!(word == "مخابرات" || word == "أمريكا", "highlighted {word:?}");
        }
    }
    // The plain output shows snippets with the match marked.
    let o = rasd(&db, &["search", "المخابرات"]);
    assert!(stdout(&o).contains("**مخابرات**"), "{}", stdout(&o));
}

#[test]
fn bad_inputs_are_named_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("mixed");
    std::fs::create_dir(&input).unwrap();
    let arabic = "أعلنت وزارة الخارجية اليوم عن زيارة رسمية إلى الرباط لبحث التعاون الثنائي.";
    std::fs::write(input.join("good.txt"), format!("عنوان\n\n{arabic}")).unwrap();
    std::fs::write(
        input.join("image.png"),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13],
    )
    .unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    let mut broken = arabic.as_bytes().to_vec();
    broken.insert(20, 0xFF);
    std::fs::write(input.join("broken.txt"), broken).unwrap();
    // A legacy Arabic page in windows-1256 that claims to be UTF-8.
    let page = format!(
        "<html><head><meta charset=\"utf-8\"><title>صفحة قديمة</title></head><body><p>{arabic}</p><p>{arabic}</p></body></html>"
    );
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(&page);
    std::fs::write(input.join("legacy.html"), &cp1256).unwrap();
    std::fs::write(
        input.join("wire.jsonl"),
        format!("{{\"id\":\"w1\",\"text\":\"{arabic}\"}}\n{{\"id\": \"w2\", \"text\": \n{{\"id\":\"w3\",\"title\":\"بلا نص\"}}\n"),
    )
    .unwrap();
    std::fs::write(input.join("big.txt"), "ا".repeat(4000)).unwrap();

    let db = dir.path().join("t.db");
    let o = rasd(&db, &["ingest", "--max-size", "4KB", input.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "stdout: {}\nstderr: {err}", stdout(&o));
    for (file, reason) in [
        ("image.png", "binary file"),
        ("empty.txt", "empty file"),
        ("broken.txt", "invalid UTF-8 at byte"),
        ("wire.jsonl:2", "malformed JSON"),
        ("wire.jsonl:3", "missing or empty \"text\""),
        ("big.txt", "too large"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(reason)),
            "expected a line naming {file} with {reason:?}:\n{err}"
        );
    }
    assert!(stdout(&o).starts_with("3 new, 0 updated, 0 unchanged, 6 skipped"), "{}", stdout(&o));
    let o = rasd(&db, &["show", "--json", "legacy"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(doc["document"]["text"].as_str().unwrap().contains(arabic), "{doc}");
    assert_eq!(doc["document"]["title"], "صفحة قديمة");
}

#[test]
fn changed_content_replaces_the_old_version() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("note.txt");
    let db = dir.path().join("t.db");
    std::fs::write(&file, "عنوان\nزار الوزير القاهرة.").unwrap();
    assert!(rasd(&db, &["ingest", file.to_str().unwrap()]).status.success());
    std::fs::write(&file, "عنوان\nزار الوزير عمان.").unwrap();
    let o = rasd(&db, &["ingest", file.to_str().unwrap()]);
    assert!(stdout(&o).starts_with("0 new, 1 updated"), "{}", stdout(&o));
    let o = rasd(&db, &["search", "--json", "القاهرة"]);
    assert!(json_lines(&o).is_empty());
    let o = rasd(&db, &["search", "--json", "عمان"]);
    assert_eq!(json_lines(&o).len(), 1);
    let o = rasd(&db, &["show", "--json", "note"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["document"]["version"], 2);
}

#[test]
fn clean_errors_without_panics() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    for args in [&["search", "المخابرات"][..], &["docs"], &["show", "x"]] {
        let o = rasd(&db, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("no database at"), "{err}");
        assert!(!err.contains("panicked") && !err.contains("backtrace"), "{err}");
    }
    assert!(!db.exists(), "a query must not create a database");
    let db = dir.path().join("t.db");
    let f = dir.path().join("a.txt");
    std::fs::write(&f, "نص قصير").unwrap();
    assert!(rasd(&db, &["ingest", f.to_str().unwrap()]).status.success());
    let o = rasd(&db, &["search", "\"غير مغلق"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unbalanced quote"), "{}", stderr(&o));
    let o = rasd(&db, &["show", "missing-id"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no document with id"), "{}", stderr(&o));
    let o = rasd(&db, &["ingest", dir.path().join("nowhere").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no such file or folder"), "{}", stderr(&o));
    let o = rasd(&db, &["ingest", "--published", "yesterday", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid --published"), "{}", stderr(&o));
    // Cross-validation: a tenth that does not exist, and a data folder that does not.
    let o = rasd(&db, &["ner", "cv", "--folds", "0,12"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("12 is not in 0..=9"), "{}", stderr(&o));
    let o = rasd(&db, &["ner", "cv", "--data", dir.path().join("nowhere").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nowhere/gazetteers"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![b'x'; 8192]).unwrap();
    let o = rasd(&junk, &["docs"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("junk.db"), "{}", stderr(&o));
}

#[test]
fn duplicate_ids_in_one_run_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("same.txt"), format!("نص {sub}")).unwrap();
    }
    let db = dir.path().join("t.db");
    let o = rasd(
        &db,
        &["ingest", dir.path().join("a").to_str().unwrap(), dir.path().join("b").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("duplicate document id \"same\""), "{}", stderr(&o));
    let o = rasd(&db, &["show", "--json", "same"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["document"]["text"], "نص a", "the first one is kept, not overwritten");
}

#[test]
fn time_command_and_stored_timexes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let o = rasd(&db, &["time", "--json", "--dct", "2023-04-12", "في 22 فبراير من السنة الجارية"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let found = json_lines(&o);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["value"], "2023-02-22");
    assert_eq!(found[0]["text"], "22 فبراير من السنة الجارية");
    assert_eq!(found[0]["anchor"], "dct");
    let o = rasd(&db, &["time", "--dct", "yesterday", "أمس"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid --dct"), "{}", stderr(&o));

    // Ingest infers the DCT from the text when no date is given, and stores the timexes.
    let f = dir.path().join("a.txt");
    std::fs::write(
        &f,
        "عنوان\nالتقى الوزير نظيره أول من أمس الجمعة 7 إبريل 2023، بعد لقاء الشهر الماضي.",
    )
    .unwrap();
    assert!(rasd(&db, &["ingest", f.to_str().unwrap()]).status.success());
    let o = rasd(&db, &["show", "--json", "a"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["document"]["dct"]["date"], "2023-04-09");
    let values: Vec<&str> = doc["document"]["timexes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["2023-04-07", "2023-03"]);
    // A publication date given on the command line wins over inference.
    let o = rasd(&db, &["ingest", "--published", "2023-05-01", f.to_str().unwrap()]);
    assert!(stdout(&o).contains("1 updated"), "{}", stdout(&o));
    let o = rasd(&db, &["show", "--json", "a"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["document"]["dct"]["date"], "2023-05-01");
    assert_eq!(doc["document"]["dct"]["source"], "metadata");
    assert_eq!(doc["document"]["timexes"][1]["value"], "2023-04");
}

#[test]
fn entities_group_names_across_documents() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("a.txt"),
        "عنوان\nالتقى وزير الخارجية الأمريكي أنتوني بلينكن نظيره المغربي ناصر بوريطة في واشنطن. وقال بلينكن إن العلاقات قوية.",
    )
    .unwrap();
    std::fs::write(input.join("b.txt"), "عنوان\nاستقبل ناصر بوريطة في الرباط وفدا من واشنطن.")
        .unwrap();
    assert!(rasd(&db, &["ingest", input.to_str().unwrap()]).status.success());
    let o = rasd(&db, &["entities", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let es = json_lines(&o);
    let find =
        |name: &str| es.iter().find(|e| e["aliases"].as_array().unwrap().iter().any(|a| a == name));
    let blinken = find("بلينكن").expect("بلينكن is an alias of an entity");
    assert_eq!(blinken["name"], "أنتوني بلينكن");
    assert_eq!(blinken["type"], "PER");
    assert_eq!(blinken["mentions"], 2);
    let bourita = find("ناصر بوريطة").expect("بوريطة");
    assert_eq!(bourita["documents"].as_array().unwrap().len(), 2);
    // A person of the actor dictionary takes its id and English name.
    assert_eq!(bourita["id"], "per-bourita");
    assert_eq!(bourita["en"], "Nasser Bourita");
    let washington = find("واشنطن").expect("واشنطن");
    assert_eq!(washington["type"], "LOC");
    let o = rasd(&db, &["entities", "--type", "XYZ"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid --type"));
}

#[test]
fn events_are_merged_across_articles_with_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(
        input.join("a.jsonl"),
        concat!(
            r#"{"id":"a1","published":"2023-03-08","text":"عنوان\nالتقى وزير الخارجية الأمريكي أنتوني بلينكن نظيره المغربي ناصر بوريطة في واشنطن يوم 5 مارس 2023."}"#,
            "\n",
            r#"{"id":"a2","published":"2023-03-09","text":"عنوان آخر\nوكان ناصر بوريطة قد التقى أنتوني بلينكن في واشنطن الأحد الماضي."}"#,
            "\n"
        ),
    )
    .unwrap();
    assert!(rasd(&db, &["ingest", input.to_str().unwrap()]).status.success());
    let o = rasd(&db, &["events", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let events = json_lines(&o);
    assert_eq!(events.len(), 1, "{events:?}");
    let e = &events[0];
    assert_eq!(e["type"], "CONSULT");
    assert_eq!(e["date"], "2023-03-05");
    assert_eq!(e["documents"].as_array().unwrap().len(), 2);
    assert_eq!(e["location"]["name"], "واشنطن");
    let ev = e["evidence"].as_array().unwrap();
    assert_eq!(ev.len(), 2);
    // Evidence offsets point into the stored text.
    let o = rasd(&db, &["show", "--json", ev[0]["document"].as_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let text = doc["document"]["text"].as_str().unwrap();
    let (s, t) =
        (ev[0]["start"].as_u64().unwrap() as usize, ev[0]["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[s..t], ev[0]["sentence"].as_str().unwrap());
    // Filters.
    assert_eq!(json_lines(&rasd(&db, &["events", "--json", "--actor", "بوريطة"])).len(), 1);
    assert_eq!(json_lines(&rasd(&db, &["events", "--json", "--since", "2024"])).len(), 0);
    let o = rasd(&db, &["events", "--since", "March"]);
    assert_eq!(o.status.code(), Some(2));
    // The timeline shows one line per event ending with its id; explain shows its sentences
    // with the participants and the date marked.
    let o = rasd(&db, &["timeline", "--actor", "Blinkn"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let line = stdout(&o).lines().next().unwrap_or_default().to_string();
    assert!(line.starts_with("2023-03-05 CONSULT/meet"), "{line}");
    let id = line.split_whitespace().last().unwrap().to_string();
    assert_eq!(id, e["id"].as_str().unwrap());
    let o = rasd(&db, &["explain", &id]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("**أنتوني بلينكن**") && text.contains("__يوم 5 مارس 2023__"), "{text}");
    assert!(text.contains("__الأحد الماضي__"), "{text}");
    let o = rasd(&db, &["explain", "no-such-event"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no event with id"));
}

#[test]
fn roles_and_the_entity_profile_are_learnt_from_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        concat!(
            r#"{"id":"r1","published":"2023-03-08","text":"عنوان\nالتقى وزير الخارجية الأمريكي أنتوني بلينكن نظيره المغربي ناصر بوريطة في واشنطن يوم 5 مارس 2023."}"#,
            "\n",
            r#"{"id":"r2","published":"2023-05-02","text":"عنوان آخر\nوقال وزير الخارجية الأمريكي، أنتوني بلينكن، إن المحادثات كانت مثمرة."}"#,
            "\n"
        ),
    )
    .unwrap();
    assert!(rasd(&db, &["ingest", input.to_str().unwrap()]).status.success());
    let o = rasd(&db, &["roles", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let roles = json_lines(&o);
    let blinken =
        roles.iter().find(|r| r["name"] == "أنتوني بلينكن").unwrap_or_else(|| panic!("{roles:?}"));
    assert_eq!(blinken["role"], "وزير الخارجية الأمريكي");
    assert_eq!(blinken["first"], "2023-03-08");
    assert_eq!(blinken["last"], "2023-05-02");
    assert!(
        roles.iter().any(|r| r["name"] == "ناصر بوريطة" && r["country"] == "المغرب"),
        "{roles:?}"
    );
    // The profile by a Latin spelling: names, office, co-actor.
    let o = rasd(&db, &["entity", "Blinken"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("أنتوني بلينكن") && text.contains("office:") && text.contains("بوريطة"),
        "{text}"
    );
    let o = rasd(&db, &["entity", "--json", "بوريطة"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["name"], "ناصر بوريطة");
    assert_eq!(v["co_actors"][0]["name"], "أنتوني بلينكن");
    let o = rasd(&db, &["entity", "nobody-at-all"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no entity named"));
}

#[test]
fn users_extend_the_actor_dictionary_with_a_checked_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let file = dir.path().join("mine.tsv");
    let f = file.to_str().unwrap();
    let o = rasd(
        &db,
        &[
            "actors",
            "add",
            "--file",
            f,
            "--id",
            "org-sahel-watch",
            "--type",
            "ORG",
            "--en",
            "Sahel Watch",
            "--name",
            "مرصد الساحل للأبحاث",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // A duplicate id or a malformed entry is refused and the file is unchanged.
    let before = std::fs::read_to_string(&file).unwrap();
    let o = rasd(
        &db,
        &[
            "actors",
            "add",
            "--file",
            f,
            "--id",
            "org-sahel-watch",
            "--type",
            "ORG",
            "--en",
            "X",
            "--name",
            "اسم",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already used on line 1"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    let o = rasd(&db, &["actors", "check", f]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A malformed file is rejected with the line named, before anything runs.
    let broken = dir.path().join("broken.tsv");
    std::fs::write(&broken, "org-a\tORG\n").unwrap();
    let o = rasd(&db, &["--actors", broken.to_str().unwrap(), "actors", "list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.tsv:line 1"), "{}", stderr(&o));
    // With --actors the new entry is listed and found in ingested text.
    let o = rasd(&db, &["--actors", f, "actors", "show", "Sahel Watch"]);
    assert!(stdout(&o).contains("org-sahel-watch"), "{}", stderr(&o));
    // Built-in entries show offices with their Arabic phrases, country and Wikidata id; an
    // English surname finds the person.
    let o = rasd(&db, &["actors", "show", "Putin"]);
    assert!(
        stdout(&o).contains("President of Russia (الرئيس الروسي) 2012-05-07.."),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("country: loc-rus"), "{}", stdout(&o));
    let o = rasd(&db, &["actors", "show", "الرباط"]);
    assert!(stdout(&o).contains("wikidata: Q3551"), "{}", stdout(&o));
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        r#"{"id":"s1","published":"2023-03-08","text":"عنوان\nوقال تقرير نشره مرصد الساحل للأبحاث إن الوضع خطير."}"#,
    )
    .unwrap();
    assert!(rasd(&db, &["--actors", f, "ingest", input.to_str().unwrap()]).status.success());
    let o = rasd(&db, &["--actors", f, "entities", "--json"]);
    let ents = json_lines(&o);
    assert!(ents.iter().any(|e| e["en"] == "Sahel Watch"), "{ents:?}");
}
