//! Document context: how a first pass tagged the same word elsewhere in the document.
//!
//! A name is often written in full once (`المدرب الفرنسي أرسين فينغر`) and then alone
//! (`وقال فينغر`). A second pass sees, for each word, the types the first pass gave its
//! other occurrences in the document (the article in the pipeline; a window of sentences
//! in a CoNLL file, which marks no documents).

use rustc_hash::FxHashMap;

use crate::analysis::{fnv, TokenInfo};
use crate::tags::{type_of, Tag};

/// Sentences on each side that count as the same document when none is marked.
pub const WINDOW: usize = 25;

/// What the second pass sees of one sentence: the stem hash of each token (0 = not a
/// word) and the first pass's tags.
#[derive(Debug, Clone, Default)]
pub struct Pass1 {
    /// Stem hashes (0 for punctuation, digits and other non-words).
    pub stems: Vec<u64>,
    /// First-pass tags.
    pub tags: Vec<Tag>,
}

impl Pass1 {
    /// The first pass's view of an analysed sentence tagged `tags`.
    pub fn new(toks: &[TokenInfo], tags: Vec<Tag>) -> Pass1 {
        let stems = toks
            .iter()
            .map(|t| if t.shape == 0 && !t.stem.is_empty() { t.stem_hash } else { 0 })
            .collect();
        Pass1 { stems, tags }
    }
}

/// Occurrences of each stem in the document and how the first pass typed them.
#[derive(Debug, Clone, Default)]
pub struct Context {
    counts: FxHashMap<u64, [u32; 5]>,
}

impl Context {
    /// Adds (`sign` = 1) or removes (`sign` = -1) a sentence.
    fn update(&mut self, s: &Pass1, add: bool) {
        for (&h, &t) in s.stems.iter().zip(&s.tags) {
            if h == 0 {
                continue;
            }
            let e = self.counts.entry(h).or_insert([0; 5]);
            let bump = |x: &mut u32| *x = if add { *x + 1 } else { x.saturating_sub(1) };
            bump(&mut e[0]);
            if let Some(ty) = type_of(t) {
                bump(&mut e[ty + 1]);
            }
        }
    }

    /// Adds a sentence to the document.
    pub fn add(&mut self, s: &Pass1) {
        self.update(s, true);
    }

    /// Takes a sentence out of the document (for a sliding window).
    pub fn remove(&mut self, s: &Pass1) {
        self.update(s, false);
    }

    /// The context code of token `i` of `s` (a sentence already added): its other
    /// occurrences' dominant type and share, "never a name" or "nowhere else".
    fn code(&self, s: &Pass1, i: usize) -> Option<u64> {
        let h = s.stems[i];
        if h == 0 {
            return None;
        }
        let mut c = self.counts.get(&h).copied().unwrap_or([1, 0, 0, 0, 0]);
        // Leave the token itself out.
        c[0] = c[0].saturating_sub(1);
        if let Some(ty) = type_of(s.tags[i]) {
            c[ty + 1] = c[ty + 1].saturating_sub(1);
        }
        let n = c[0];
        if n == 0 {
            return Some(40);
        }
        let (ty, k) = (0..4).map(|t| (t, c[t + 1])).max_by_key(|&(t, k)| (k, 4 - t))?;
        if k == 0 {
            return Some(32 + n.min(3) as u64);
        }
        Some(ty as u64 * 8 + bin(k, n))
    }

    /// Writes the context features of each token of `s` (a sentence already added) to
    /// `out[i]` (0 = none), without allocating per token.
    pub fn features(&self, s: &Pass1, out: &mut [Extra]) {
        let n = s.stems.len().min(out.len());
        let mut prev: Option<u64> = None;
        let mut cur = if n > 0 { self.code(s, 0) } else { None };
        for i in 0..n {
            let next = if i + 1 < n { self.code(s, i + 1) } else { None };
            out[i] = [
                cur.map_or(0, |c| feature(80, c)),
                prev.map_or(0, |c| feature(81, c)),
                next.map_or(0, |c| feature(82, c)),
            ];
            prev = cur;
            cur = next;
        }
    }
}

/// A token's context features (0 = none).
pub type Extra = [u64; 3];

/// The bin (0–4) of the share `k` out of `n`; 4 = all of them.
fn bin(k: u32, n: u32) -> u64 {
    crate::lexicon::share_bin(k, n, &[0.2, 0.5, 0.8, 1.0]) as u64
}

fn feature(tpl: u8, v: u64) -> u64 {
    fnv(fnv(0x5bd1_e995_1234_5678, &[tpl]), &v.to_le_bytes())
}

/// Context features for a run of sentences: the whole run as one document (`window` =
/// `None`) or a sliding window of sentences on each side. One entry per token per sentence.
pub fn run_features(p1: &[Pass1], window: Option<usize>) -> Vec<Vec<Extra>> {
    let mut ctx = Context::default();
    let mut out: Vec<Vec<Extra>> = p1.iter().map(|s| vec![[0; 3]; s.stems.len()]).collect();
    match window {
        None => {
            p1.iter().for_each(|s| ctx.add(s));
            for (s, o) in p1.iter().zip(&mut out) {
                ctx.features(s, o);
            }
        }
        Some(w) => {
            // The window of sentence j is [j - w, j + w].
            p1.iter().take(w).for_each(|s| ctx.add(s));
            for j in 0..p1.len() {
                if let Some(s) = p1.get(j + w) {
                    ctx.add(s);
                }
                if j > w {
                    ctx.remove(&p1[j - w - 1]);
                }
                ctx.features(&p1[j], &mut out[j]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(stems: &[u64], tags: &[Tag]) -> Pass1 {
        Pass1 { stems: stems.to_vec(), tags: tags.to_vec() }
    }

    #[test]
    fn a_word_tagged_elsewhere_gets_that_type() {
        // Word 7 is B-PERS in the first sentence and untagged in the second.
        let p1 = [sent(&[5, 7], &[1, 2]), sent(&[9, 7], &[0, 0])];
        let doc = run_features(&p1, None);
        let win = run_features(&p1, Some(3));
        assert_eq!(doc, win);
        // The second sentence's 7 sees one other occurrence, all PERS (type 0, bin 4).
        assert!(doc[1][1].contains(&feature(80, 4)));
        // Word 9 occurs nowhere else.
        assert!(doc[1][0].contains(&feature(80, 40)));
        // The first sentence's 7 sees one other occurrence, untagged.
        assert!(doc[0][1].contains(&feature(80, 33)));
    }

    #[test]
    fn sliding_window_forgets_far_sentences() {
        let mut p1 = vec![sent(&[7], &[1])];
        p1.extend((0..5).map(|_| sent(&[3], &[0])));
        p1.push(sent(&[7], &[0]));
        let f = run_features(&p1, Some(2));
        assert!(f[6][0].contains(&feature(80, 40)), "sentence 0 is out of reach");
        let f = run_features(&p1, Some(6));
        assert!(f[6][0].contains(&feature(80, 4)));
    }
}
