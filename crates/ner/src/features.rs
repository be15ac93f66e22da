//! Feature templates: each feature is a 64-bit hash of a template id and its values, so
//! the hot path builds no strings.

use crate::analysis::{fnv, TokenInfo};
use crate::lexicon::{count_bin, type_bin};

/// The type with the highest fraction bin in a lexicon entry and that bin (`type × 8 +
/// bin`); 32 when every type is below a fifth.
fn dominant(l: u16) -> u16 {
    let (ty, bin) =
        (0..4).map(|t| (t, type_bin(l, t))).max_by_key(|&(t, b)| (b, 4 - t)).unwrap_or((0, 0));
    if bin < 2 {
        32
    } else {
        ty as u16 * 8 + bin
    }
}

const SEED: u64 = 0xcbf2_9ce4_8422_2325;

#[inline]
fn f(tpl: u8, parts: &[&[u8]]) -> u64 {
    let mut h = fnv(SEED, &[tpl]);
    for p in parts {
        h = fnv(h, p);
        h = fnv(h, &[0xff]);
    }
    h
}

#[inline]
fn fnum(tpl: u8, n: u64) -> u64 {
    fnv(fnv(SEED, &[tpl]), &n.to_le_bytes())
}

const BOS: &[u8] = b"<s>";
const EOS: &[u8] = b"</s>";

/// First `n` characters of `s`, as bytes (`None` if shorter).
fn head(s: &str, n: usize) -> Option<&[u8]> {
    let end = s.char_indices().nth(n).map(|(i, _)| i)?;
    Some(&s.as_bytes()[..end])
}

/// Last `n` characters of `s`, as bytes.
fn tail(s: &str, n: usize) -> Option<&[u8]> {
    let start = s.char_indices().rev().nth(n.checked_sub(1)?).map(|(i, _)| i)?;
    (start > 0).then(|| &s.as_bytes()[start..])
}

/// Appends the features of token `i` to `out`.
pub fn token_features(toks: &[TokenInfo], i: usize, out: &mut Vec<u64>) {
    let t = &toks[i];
    let at = |k: isize| -> Option<&TokenInfo> {
        let j = i as isize + k;
        (j >= 0).then(|| toks.get(j as usize)).flatten()
    };
    let stem_at = |k: isize| at(k).map_or(if k < 0 { BOS } else { EOS }, |x| x.stem.as_bytes());
    let key_at = |k: isize| at(k).map_or(if k < 0 { BOS } else { EOS }, |x| x.key.as_bytes());
    out.push(f(0, &[]));
    out.push(f(1, &[t.key.as_bytes()]));
    out.push(f(2, &[t.stem.as_bytes()]));
    out.push(f(3, &[t.pre.as_bytes()]));
    out.push(f(4, &[t.suf.as_bytes()]));
    out.push(fnum(5, t.shape as u64));
    out.push(fnum(6, t.stem.chars().count().min(12) as u64));
    for n in 1..=4 {
        if let Some(h) = head(&t.stem, n) {
            out.push(f(10 + n as u8, &[h]));
        }
        if let Some(s) = tail(&t.stem, n) {
            out.push(f(20 + n as u8, &[s]));
        }
    }
    out.push(f(30, &[key_at(-1)]));
    out.push(f(31, &[key_at(1)]));
    out.push(f(32, &[stem_at(-1)]));
    out.push(f(33, &[stem_at(1)]));
    out.push(f(34, &[stem_at(-2)]));
    out.push(f(35, &[stem_at(2)]));
    out.push(f(36, &[stem_at(-1), t.stem.as_bytes()]));
    out.push(f(37, &[t.stem.as_bytes(), stem_at(1)]));
    out.push(f(38, &[at(-1).map_or(b"^".as_slice(), |x| x.pre.as_bytes()), t.pre.as_bytes()]));
    // Gazetteer flags of this token and its neighbours.
    for (tpl, k) in [(40u8, 0isize), (41, -1), (42, 1), (43, -2), (44, 2)] {
        if let Some(x) = at(k) {
            let mut g = x.gaz;
            while g != 0 {
                let bit = g.trailing_zeros() as u64;
                out.push(fnum(tpl, bit));
                g &= g - 1;
            }
        }
    }
    if t.multi.0 != 0 {
        let mut g = t.multi.0;
        while g != 0 {
            let bit = g.trailing_zeros() as u64;
            out.push(fnum(if t.multi.1 { 45 } else { 46 }, bit));
            g &= g - 1;
        }
    }
    // Word clusters: id = coarse × 1024 + fine.
    if let Some(c) = t.cluster {
        out.push(fnum(50, (c & 1023) as u64));
        out.push(fnum(51, (c >> 10) as u64));
    }
    // Cluster of the word with the stem of its neighbour: "a name-like word after قال".
    if let Some(c) = t.cluster {
        out.push(f(56, &[&(c & 1023).to_le_bytes(), stem_at(-1)]));
        out.push(f(57, &[&(c & 1023).to_le_bytes(), stem_at(1)]));
    }
    for (tpl, k) in [(52u8, -1isize), (53, 1)] {
        if let Some(c) = at(k).and_then(|x| x.cluster) {
            out.push(fnum(tpl, (c & 1023) as u64));
            out.push(fnum(tpl + 2, (c >> 10) as u64));
        }
    }
    // Self-trained lexicon: how the news tags this stem, and the dominant type around it.
    match t.lex {
        Some(l) => {
            for ty in 0..4 {
                out.push(fnum(70, ty as u64 * 8 + type_bin(l, ty) as u64));
            }
            out.push(fnum(71, (count_bin(l) * 64 + dominant(l)) as u64));
        }
        None => out.push(f(72, &[])),
    }
    for (tpl, k) in [(73u8, -1isize), (74, 1)] {
        if let Some(l) = at(k).and_then(|x| x.lex) {
            out.push(fnum(tpl, dominant(l) as u64));
        }
    }
    if i == 0 {
        out.push(f(60, &[]));
    }
    out.push(fnum(61, at(-1).map_or(9, |x| x.shape) as u64 * 16 + t.shape as u64));
}

/// Features of every token of a sentence, flattened, with offsets.
pub fn sentence_features(toks: &[TokenInfo]) -> (Vec<u64>, Vec<u32>) {
    let mut feats = Vec::with_capacity(toks.len() * 48);
    let mut offsets = Vec::with_capacity(toks.len() + 1);
    offsets.push(0);
    for i in 0..toks.len() {
        token_features(toks, i, &mut feats);
        offsets.push(feats.len() as u32);
    }
    (feats, offsets)
}

/// Appends the non-zero features of `extra[i]` to token `i`'s in a flattened sentence
/// (training; tagging adds them to the emission scores directly).
#[cfg(feature = "train")]
pub fn append_features(feats: &mut Vec<u64>, offsets: &mut Vec<u32>, extra: &[[u64; 3]]) {
    let n = offsets.len().saturating_sub(1);
    let mut out = Vec::with_capacity(feats.len() + extra.len() * 3);
    let mut new_offsets = Vec::with_capacity(offsets.len());
    new_offsets.push(0);
    for i in 0..n {
        out.extend_from_slice(&feats[offsets[i] as usize..offsets[i + 1] as usize]);
        if let Some(e) = extra.get(i) {
            out.extend(e.iter().copied().filter(|&f| f != 0));
        }
        new_offsets.push(out.len() as u32);
    }
    *feats = out;
    *offsets = new_offsets;
}
