//! Builds the clitic-segmentation lexicon of `rasd-text` from the corpora in `shared/data`.
//!
//! Usage: `cargo run --release -p rasd-lexicon-build -- [SHARED_DATA_DIR] [OUT_DIR]`
//! (defaults: `../shared/data` and `crates/text/data`).
//!
//! Writes:
//! - `lexicon.tsv`: every Arabic word (conservative normalisation, alef/ya variants folded)
//!   seen at least twice in the unlabeled news, the NER *training* splits and the gazetteer
//!   names, with its count. Test splits are never read.
//!   Lines starting with `@` give the unfolded counts of words that begin with a hamza-alef
//!   and lam (`ألبانيا`), so that a bare `البانيا` is not read as article + `بانيا`.
//! - `countries_with_article.txt`: country names whose article is part of the name
//!   (`الجزائر`), from the mledoze country list (ODbL; attribution in `SOURCE.txt`).
//!
//! The output is deterministic: same data, same files.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use rasd_text::{is_arabic_letter, lexicon_key, normalize_str, Profile};

const MIN_COUNT: u32 = 2;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("usage: rasd-lexicon-build [SHARED_DATA_DIR] [OUT_DIR]");
        return Ok(());
    }
    let data = PathBuf::from(args.first().map_or("../shared/data", String::as_str));
    let out = PathBuf::from(args.get(1).map_or("crates/text/data", String::as_str));
    if !data.join("unlabeled").is_dir() {
        bail!("{} does not look like shared/data (no unlabeled/ folder)", data.display());
    }
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut hamza: HashMap<String, u32> = HashMap::new();

    for entry in sorted_dir(&data.join("unlabeled"))? {
        if entry.extension().is_some_and(|e| e == "jsonl") {
            let file =
                fs::File::open(&entry).with_context(|| format!("open {}", entry.display()))?;
            for (i, line) in BufReader::new(file).lines().enumerate() {
                let line = line.with_context(|| format!("read {}:{}", entry.display(), i + 1))?;
                let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
                for field in ["title", "text"] {
                    if let Some(s) = v.get(field).and_then(|s| s.as_str()) {
                        count_text(s, &mut counts, &mut hamza);
                    }
                }
            }
        }
    }
    let ner = data.join("ner");
    for path in [
        ner.join("anercorp/ANERCorp_CamelLab_train.txt"),
        ner.join("aqmar/train.txt"),
        ner.join("aqmar/dev.txt"),
        ner.join("wikifane/WikiFANE_Gold_2014_500K.txt"),
    ] {
        let text = fs::read_to_string(&path).with_context(|| format!("read {}", path.display()))?;
        for line in text.lines() {
            if let Some(token) = line.split_whitespace().next() {
                count_text(token, &mut counts, &mut hamza);
            }
        }
    }
    let gaz = data.join("gazetteers");
    let countries = read_countries(&gaz.join("mledoze-countries/countries.json"))?;
    for name in &countries {
        count_text(name, &mut counts, &mut hamza);
    }
    for path in [gaz.join("dr5hn-csc/cities_ar.tsv"), gaz.join("dr5hn-csc/states_ar.tsv")] {
        let text = fs::read_to_string(&path).with_context(|| format!("read {}", path.display()))?;
        for line in text.lines().skip(1) {
            if let Some(name) = line.split('\t').nth(6) {
                count_text(name, &mut counts, &mut hamza);
            }
        }
    }
    for dir in ["akhateeb-arabic-names", "faker-ar-names"] {
        for path in sorted_dir(&gaz.join(dir))? {
            if path.extension().is_some_and(|e| e == "txt") {
                let text = fs::read_to_string(&path)
                    .with_context(|| format!("read {}", path.display()))?;
                count_text(&text, &mut counts, &mut hamza);
            }
        }
    }

    let sorted: BTreeMap<&String, &u32> = counts.iter().filter(|(_, &c)| c >= MIN_COUNT).collect();
    fs::create_dir_all(&out)?;
    let mut w = std::io::BufWriter::new(fs::File::create(out.join("lexicon.tsv"))?);
    writeln!(w, "# rasd-text clitic lexicon: word<TAB>count, built by tools/lexicon-build")?;
    for (word, count) in &sorted {
        writeln!(w, "{word}\t{count}")?;
    }
    // Hamza-initial words beginning with alef-lam, unfolded and marked with `@`: they tell
    // the segmenter that a bare `البانيا` is `ألبانيا`, not the article + `بانيا`.
    let hamza: BTreeMap<&String, &u32> = hamza.iter().filter(|(_, &c)| c >= MIN_COUNT).collect();
    for (word, count) in &hamza {
        writeln!(w, "@{word}\t{count}")?;
    }
    w.flush()?;

    let with_article: BTreeSet<String> =
        countries.iter().filter(|n| !n.contains(' ') && n.starts_with("ال")).cloned().collect();
    let mut w = std::io::BufWriter::new(fs::File::create(out.join("countries_with_article.txt"))?);
    writeln!(w, "# Country names whose article is part of the name; kept whole by the segmenter.")?;
    writeln!(w, "# Derived from mledoze/countries (ODbL-1.0), see SOURCE.txt; built by tools/lexicon-build.")?;
    for name in &with_article {
        writeln!(w, "{name}")?;
    }
    w.flush()?;
    eprintln!(
        "wrote {} words (of {} seen) and {} country names to {}",
        sorted.len(),
        counts.len(),
        with_article.len(),
        out.display()
    );
    Ok(())
}

fn count_text(text: &str, counts: &mut HashMap<String, u32>, hamza: &mut HashMap<String, u32>) {
    let norm = normalize_str(text, Profile::Conservative);
    for word in norm.split(|c: char| !is_arabic_letter(c)).filter(|w| !w.is_empty()) {
        *counts.entry(lexicon_key(word)).or_insert(0) += 1;
        if ["أل", "إل", "آل"].iter().any(|p| word.starts_with(p)) {
            *hamza.entry(word.to_string()).or_insert(0) += 1;
        }
    }
}

fn read_countries(path: &Path) -> Result<Vec<String>> {
    let text = fs::read_to_string(path).with_context(|| format!("read {}", path.display()))?;
    let json: serde_json::Value = serde_json::from_str(&text)?;
    let mut names = Vec::new();
    for country in json.as_array().into_iter().flatten() {
        if let Some(ara) = country.pointer("/translations/ara") {
            for field in ["common", "official"] {
                if let Some(name) = ara.get(field).and_then(|v| v.as_str()) {
                    names.push(normalize_str(name, Profile::Conservative));
                }
            }
        }
    }
    Ok(names)
}

fn sorted_dir(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    Ok(paths)
}
