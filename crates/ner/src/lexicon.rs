//! A name lexicon learned by self-training on the unlabeled news.
//!
//! A first-pass model (the same features, without this lexicon) tags the news in
//! `shared/data/unlabeled`; for every stem seen often enough we keep how often its
//! occurrences were tagged as each entity type. A name the training data never saw
//! (`فينغر`) is usually met somewhere in the news in a context that gives it away
//! (`المدرب الفرنسي أرسين فينغر`); the lexicon carries that to the sentences that don't.
//! Deterministic: the news is read in file order and counts do not depend on threads.

#[cfg(feature = "train")]
use std::io::{BufRead, BufReader};
#[cfg(feature = "train")]
use std::path::Path;

#[cfg(feature = "train")]
use rustc_hash::FxHashMap;

#[cfg(feature = "train")]
use crate::analysis::{flag, Analyzer, Lists};
#[cfg(feature = "train")]
use crate::errors::{Error, Result};
#[cfg(feature = "train")]
use crate::features::sentence_features;
#[cfg(feature = "train")]
use crate::model::Model;
#[cfg(feature = "train")]
use crate::tags::{begin, type_of, LOC, PERS, T};

/// A stem needs this many occurrences in the news to get an entry.
pub const MIN_COUNT: u32 = 3;
/// Longest sentence fed to the first-pass model (longer runs are cut).
const MAX_SENTENCE: usize = 120;

/// The bin of the share `k` out of `n`: how many of the ascending `edges` it reaches.
pub fn share_bin(k: u32, n: u32, edges: &[f64]) -> u16 {
    let p = k as f64 / n.max(1) as f64;
    edges.iter().filter(|&&e| p >= e).count() as u16
}

#[cfg(feature = "train")]
/// The fraction bin (0–4) of `k` out of `n`.
fn fraction_bin(k: u32, n: u32) -> u16 {
    share_bin(k, n, &[0.05, 0.2, 0.5, 0.8])
}

#[cfg(feature = "train")]
/// Counts of one stem: occurrences, then how often it was tagged as each type of
/// [`crate::tags::TYPES`], each occurrence weighing [`SCALE`] (a soft count gives each type
/// its share of that).
pub type Counts = [u32; 5];

#[cfg(feature = "train")]
/// The weight of one occurrence in [`Counts`].
pub const SCALE: u32 = 1000;

#[cfg(feature = "train")]
/// Packs a stem's counts into an entry: bit 15 set, bits 0–1 the count bin (<10, <100,
/// ≥100), then three bits per type with its fraction bin; `None` when the stem was seen
/// too rarely.
pub fn pack(c: &Counts) -> Option<u16> {
    let n = c[0] / SCALE;
    if n < MIN_COUNT {
        return None;
    }
    let mut v: u16 = 1 << 15;
    v |= match n {
        n if n < 10 => 0,
        n if n < 100 => 1,
        _ => 2,
    };
    for (t, &k) in c[1..].iter().enumerate() {
        v |= fraction_bin(k, c[0]) << (2 + 3 * t);
    }
    Some(v)
}

/// The fraction bin of type `t` (index into [`crate::tags::TYPES`]) in an entry.
#[inline]
pub fn type_bin(entry: u16, t: usize) -> u16 {
    (entry >> (2 + 3 * t)) & 7
}

/// The count bin of an entry.
#[inline]
pub fn count_bin(entry: u16) -> u16 {
    entry & 3
}

/// Splits news text into sentences of tokens, punctuation apart (as in ANERcorp).
pub fn sentences(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let is_punct = |c: char| !c.is_alphanumeric() && c != '_';
    for line in text.split('\n') {
        for chunk in line.split_whitespace() {
            let mut word = String::new();
            for c in chunk.chars() {
                if is_punct(c) {
                    if !word.is_empty() {
                        cur.push(std::mem::take(&mut word));
                    }
                    cur.push(c.to_string());
                    if matches!(c, '.' | '!' | '?' | '؟') && cur.len() > 1 {
                        out.push(std::mem::take(&mut cur));
                    }
                } else {
                    word.push(c);
                }
            }
            if !word.is_empty() {
                cur.push(word);
            }
            if cur.len() >= MAX_SENTENCE {
                out.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    out
}

#[cfg(feature = "train")]
/// Reads the texts of at most `max_docs` news articles, in file order.
pub fn news_texts(data: &Path, max_docs: usize) -> Result<Vec<String>> {
    let dir = data.join("unlabeled");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| Error::Io(format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let file = std::fs::File::open(&path)
            .map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
        for line in BufReader::new(file).lines() {
            if out.len() >= max_docs {
                return Ok(out);
            }
            let line = line.map_err(|e| Error::Io(format!("{}: {e}", path.display())))?;
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
            if let Some(text) = v.get("text").and_then(|t| t.as_str()) {
                out.push(text.to_string());
            }
        }
    }
    Ok(out)
}

#[cfg(feature = "train")]
/// Tags `texts` with `model` (analysed with `lists`) and returns the lexicon: stem hash →
/// packed entry. Work is split over `threads` threads. With `soft` (a temperature), each
/// occurrence counts toward every type by its marginal probability instead of its tag.
pub fn build(
    texts: &[String],
    model: &Model,
    lists: &Lists,
    threads: usize,
    soft: Option<f32>,
) -> FxHashMap<u64, u16> {
    let chunk = texts.len().div_ceil(threads.max(1)).max(1);
    let partial: Vec<FxHashMap<u64, Counts>> = std::thread::scope(|s| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .map(|part| s.spawn(move || count(part, model, lists, soft)))
            .collect();
        // A thread that panicked would silently leave its articles out: pass the panic on.
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut total: FxHashMap<u64, Counts> = FxHashMap::default();
    for p in &partial {
        for (&k, c) in p {
            let e = total.entry(k).or_insert([0; 5]);
            for i in 0..5 {
                e[i] += c[i];
            }
        }
    }
    total.iter().filter_map(|(&k, c)| pack(c).map(|v| (k, v))).collect()
}

#[cfg(feature = "train")]
fn count(
    texts: &[String],
    model: &Model,
    lists: &Lists,
    soft: Option<f32>,
) -> FxHashMap<u64, Counts> {
    let an = Analyzer::new(lists);
    let mut counts: FxHashMap<u64, Counts> = FxHashMap::default();
    let mut scores: Vec<[f32; T]> = Vec::new();
    // The (stem, type, soft shares of the types) of every word of an article.
    let mut article: Vec<(u64, Option<usize>, [u32; 4])> = Vec::new();
    for text in texts {
        article.clear();
        for sent in sentences(text) {
            let toks = an.analyse(&sent);
            let (feats, offsets) = sentence_features(&toks);
            let tags = model.decode(&feats, &offsets, &mut scores);
            let marg = soft
                .map(|temp| crate::model::marginals(&scores, temp, |p, c| model.transition(p, c)));
            for (i, (t, &tag)) in toks.iter().zip(&tags).enumerate() {
                if t.shape != 0 || t.stem.is_empty() {
                    continue;
                }
                // A one-word place no list knows, right before a person's name, is the
                // person's given name (`ميلانيا ترامب`).
                let given = type_of(tag) == Some(LOC)
                    && tags.get(i + 1) == Some(&begin(PERS))
                    && (i == 0 || type_of(tags[i - 1]) != Some(LOC))
                    && t.gaz & flag::PLACE == 0;
                let ty = if given { Some(PERS) } else { type_of(tag) };
                let shares = match &marg {
                    Some(m) if !given => std::array::from_fn(|k| {
                        ((m[i][1 + 2 * k] + m[i][2 + 2 * k]) * SCALE as f32).round() as u32
                    }),
                    _ => std::array::from_fn(|k| if ty == Some(k) { SCALE } else { 0 }),
                };
                article.push((t.stem_hash, ty, shares));
            }
        }
        // One sense per article for people: a word tagged as a person once is one wherever
        // the article repeats it (`دونالد ترامب` … `وقال ترامب`).
        let people: rustc_hash::FxHashSet<u64> =
            article.iter().filter(|(_, t, _)| *t == Some(PERS)).map(|(k, _, _)| *k).collect();
        for &(key, _, shares) in &article {
            let e = counts.entry(key).or_insert([0; 5]);
            e[0] += SCALE;
            if people.contains(&key) {
                e[1 + PERS] += SCALE;
            } else {
                for k in 0..4 {
                    e[1 + k] += shares[k];
                }
            }
        }
    }
    counts
}

#[cfg(all(test, feature = "train"))]
mod tests {
    use super::*;

    #[test]
    fn packing_keeps_bins_and_drops_rare_stems() {
        let s = SCALE;
        assert_eq!(pack(&[2 * s, 2 * s, 0, 0, 0]), None);
        let e = pack(&[40 * s, 36 * s, 4 * s, 0, 0]).unwrap();
        assert_eq!(count_bin(e), 1);
        assert_eq!(type_bin(e, 0), 4);
        assert_eq!(type_bin(e, 1), 1);
        assert_eq!(type_bin(e, 2), 0);
        let e = pack(&[500 * s, 0, 0, 0, 0]).unwrap();
        assert_eq!(count_bin(e), 2);
        assert!((0..4).all(|t| type_bin(e, t) == 0));
    }

    #[test]
    fn news_text_splits_into_sentences_with_punctuation_apart() {
        let s = sentences("قال فينغر: \"سنفوز\". وأضاف المدرب\nسطر آخر");
        assert_eq!(s.len(), 3);
        assert_eq!(s[0], ["قال", "فينغر", ":", "\"", "سنفوز", "\"", "."]);
        assert_eq!(s[1], ["وأضاف", "المدرب"]);
    }
}
