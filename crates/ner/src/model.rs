//! The model: hashed feature weights per tag, tag transitions, and the name lists; a
//! versioned binary file format.
//!
//! File layout (little-endian): magic `RASDNER\0`, format version (u32), metadata length
//! (u32) and JSON metadata, bucket count (u32), confidence temperature (f32), then the non-zero weights as
//! (index u32, value f32) pairs preceded by their count (u64), the (T+1)×T transition
//! matrix (f32), the gazetteer as (hash u64, flags u16) pairs, the clusters as
//! (hash u64, id u16) pairs and the self-trained lexicon as (hash u64, entry u16) pairs,
//! each preceded by its count (u64). A byte before the weights says how many passes
//! follow (1, or 2 when a first pass for document context comes after the main one).

use std::io::{Read, Write};

use crate::analysis::Lists;
use crate::errors::{Error, Result};
use crate::tags::{allowed, Tag, T};

/// Magic bytes at the start of a model file.
pub const MAGIC: &[u8; 8] = b"RASDNER\0";
/// The format version this build reads and writes.
pub const VERSION: u32 = 2;
/// The most hash buckets a model file may declare (1 GiB of rows read for tagging); a
/// corrupt count is refused before anything is allocated for it.
pub const MAX_BUCKETS: u32 = 1 << 24;

/// The weights of a first pass whose tags feed the document-context features
/// ([`crate::history`]) of the main weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    /// Weights, `buckets × T`.
    pub weights: Vec<f32>,
    /// Transition scores, laid out as [`Model::trans`].
    pub trans: Vec<f32>,
}

/// One bucket of a model read for tagging: both passes' weights as bfloat16, padded to a
/// cache line.
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(C, align(64))]
struct Row([u16; 32]);

/// Rounds to the nearest bfloat16 (the upper half of an f32).
#[inline]
fn to_bf16(x: f32) -> u16 {
    let b = x.to_bits();
    ((b + 0x7fff + ((b >> 16) & 1)) >> 16) as u16
}

#[inline]
fn from_bf16(h: u16) -> f32 {
    f32::from_bits((h as u32) << 16)
}

/// A trained NER model.
#[derive(Debug, Clone)]
pub struct Model {
    /// Number of hash buckets (a power of two).
    pub buckets: u32,
    /// Weights, `buckets × stride`: each bucket's row holds the main weights (T), then,
    /// with a first pass, the first pass's (T), so that one memory access serves both.
    pub weights: Vec<f32>,
    /// Floats per bucket: T, or 2T with a first pass.
    pub stride: usize,
    /// The weights as read from a file, rounded to bfloat16, one 64-byte row per bucket
    /// (both passes in one cache line); `weights` is then empty. Training uses `weights`.
    packed: Vec<Row>,
    /// Transition scores: row `prev + 1` (row 0 = sentence start), column `cur`.
    pub trans: Vec<f32>,
    /// The first pass's transitions, for models trained with document context.
    pub first_trans: Option<Vec<f32>>,
    /// Gazetteer and clusters.
    pub lists: Lists,
    /// Free-form metadata (training data, settings, scores) as JSON text.
    pub meta: String,
    /// Softmax temperature for confidences, calibrated on held-out data at training time.
    pub temperature: f32,
}

impl Model {
    /// An empty model with `buckets` (rounded up to a power of two) hash buckets.
    pub fn new(buckets: u32, lists: Lists) -> Model {
        let buckets = buckets.next_power_of_two();
        Model {
            buckets,
            weights: vec![0.0; buckets as usize * T],
            stride: T,
            packed: Vec::new(),
            trans: vec![0.0; (T + 1) * T],
            first_trans: None,
            lists,
            meta: String::new(),
            temperature: 1.0,
        }
    }

    /// Whether the model has a first pass (document context).
    pub fn has_first(&self) -> bool {
        self.first_trans.is_some()
    }

    /// Adds a first pass (weights laid out `buckets × T`).
    pub fn set_first(&mut self, first: Weights) {
        let n = self.buckets as usize;
        let mut both = vec![0.0f32; n * 2 * T];
        for b in 0..n {
            both[b * 2 * T..b * 2 * T + T].copy_from_slice(&self.main_row(b));
            both[b * 2 * T + T..(b + 1) * 2 * T]
                .copy_from_slice(&first.weights[b * T..(b + 1) * T]);
        }
        self.weights = both;
        self.stride = 2 * T;
        self.first_trans = Some(first.trans);
    }

    /// The first pass's weights and transitions, laid out `buckets × T`.
    pub fn first(&self) -> Option<Weights> {
        let trans = self.first_trans.clone()?;
        let n = self.buckets as usize;
        let mut weights = Vec::with_capacity(n * T);
        for b in 0..n {
            if self.packed.is_empty() {
                weights
                    .extend_from_slice(&self.weights[b * self.stride + T..(b + 1) * self.stride]);
            } else {
                weights.extend(self.packed[b].0[T..2 * T].iter().map(|&h| from_bf16(h)));
            }
        }
        Some(Weights { weights, trans })
    }

    fn main_row(&self, b: usize) -> [f32; T] {
        std::array::from_fn(|t| self.weights[b * self.stride + t])
    }

    /// The bucket of a feature hash.
    #[inline]
    fn bucket(&self, feature: u64) -> usize {
        // Mix the high bits in: FNV's low bits are weak.
        let h = feature ^ (feature >> 29) ^ (feature >> 47);
        h as usize & (self.buckets as usize - 1)
    }

    /// The index in `weights` of a feature's row (training layout).
    #[inline]
    pub fn row(&self, feature: u64) -> usize {
        self.bucket(feature) * self.stride
    }

    /// Adds the main weights of one feature to `out`.
    #[inline]
    pub fn add_main(&self, feature: u64, out: &mut [f32; T]) {
        if self.packed.is_empty() {
            let r = self.row(feature);
            for t in 0..T {
                out[t] += self.weights[r + t];
            }
        } else {
            let row = &self.packed[self.bucket(feature)].0;
            for t in 0..T {
                out[t] += from_bf16(row[t]);
            }
        }
    }

    /// Emission scores of one token for every tag.
    #[inline]
    pub fn emissions(&self, feats: &[u64], out: &mut [f32; T]) {
        *out = [0.0; T];
        for &f in feats {
            self.add_main(f, out);
        }
    }

    /// Emission scores of one token under the main weights and the first pass's (both
    /// from one row access; `first` stays zero without a first pass).
    #[inline]
    pub fn emissions_both(&self, feats: &[u64], main: &mut [f32; T], first: &mut [f32; T]) {
        *main = [0.0; T];
        *first = [0.0; T];
        let two = self.stride == 2 * T;
        if !self.packed.is_empty() {
            for &f in feats {
                let row = &self.packed[self.bucket(f)].0;
                for t in 0..T {
                    main[t] += from_bf16(row[t]);
                }
                if two {
                    for t in 0..T {
                        first[t] += from_bf16(row[T + t]);
                    }
                }
            }
            return;
        }
        for &f in feats {
            let r = self.row(f);
            let w = &self.weights[r..r + self.stride];
            for t in 0..T {
                main[t] += w[t];
            }
            if two {
                for t in 0..T {
                    first[t] += w[T + t];
                }
            }
        }
    }

    /// Transition score of the first pass (the main one without a first pass).
    #[inline]
    pub fn first_transition(&self, prev: Option<Tag>, cur: Tag) -> f32 {
        let trans = self.first_trans.as_ref().unwrap_or(&self.trans);
        trans[prev.map_or(0, |p| p as usize + 1) * T + cur as usize]
    }

    /// Transition score from `prev` (`None` = start) to `cur`.
    #[inline]
    pub fn transition(&self, prev: Option<Tag>, cur: Tag) -> f32 {
        self.trans[prev.map_or(0, |p| p as usize + 1) * T + cur as usize]
    }

    /// Best tag sequence under the BIO constraints (Viterbi), with per-token emission scores.
    pub fn decode(&self, feats: &[u64], offsets: &[u32], scores: &mut Vec<[f32; T]>) -> Vec<Tag> {
        let n = offsets.len().saturating_sub(1);
        scores.clear();
        for i in 0..n {
            let mut e = [0.0; T];
            self.emissions(&feats[offsets[i] as usize..offsets[i + 1] as usize], &mut e);
            scores.push(e);
        }
        viterbi(scores, |p, c| self.transition(p, c))
    }

    /// Writes the model.
    pub fn write(&self, w: &mut impl Write) -> Result<()> {
        let io = |e: std::io::Error| Error::Io(e.to_string());
        w.write_all(MAGIC).map_err(io)?;
        w.write_all(&VERSION.to_le_bytes()).map_err(io)?;
        w.write_all(&(self.meta.len() as u32).to_le_bytes()).map_err(io)?;
        w.write_all(self.meta.as_bytes()).map_err(io)?;
        w.write_all(&self.buckets.to_le_bytes()).map_err(io)?;
        w.write_all(&self.temperature.to_le_bytes()).map_err(io)?;
        if self.weights.is_empty() {
            return Err(Error::InvalidModel(
                "a model read for tagging keeps rounded weights and cannot be written".into(),
            ));
        }
        w.write_all(&[if self.has_first() { 2 } else { 1 }]).map_err(io)?;
        write_weights(w, &self.weights, self.stride, 0, &self.trans)?;
        if let Some(trans) = &self.first_trans {
            write_weights(w, &self.weights, self.stride, T, trans)?;
        }
        for map in [&self.lists.gazetteer, &self.lists.clusters, &self.lists.lexicon] {
            let mut entries: Vec<(u64, u16)> = map.iter().map(|(&k, &v)| (k, v)).collect();
            entries.sort_unstable();
            w.write_all(&(entries.len() as u64).to_le_bytes()).map_err(io)?;
            let mut buf = Vec::with_capacity(entries.len() * 10);
            for (k, v) in entries {
                buf.extend_from_slice(&k.to_le_bytes());
                buf.extend_from_slice(&v.to_le_bytes());
            }
            w.write_all(&buf).map_err(io)?;
        }
        Ok(())
    }

    /// Reads a model, checking the magic and version.
    pub fn read(r: &mut impl Read) -> Result<Model> {
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes).map_err(|e| Error::Io(e.to_string()))?;
        Model::from_bytes(&bytes)
    }

    /// Parses a model from bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model> {
        let mut c = Cursor { b: bytes, at: 0 };
        if c.take(8)? != MAGIC {
            return Err(Error::InvalidModel("not a rasd NER model (bad magic)".into()));
        }
        let version = c.u32()?;
        if version != VERSION {
            return Err(Error::InvalidModel(format!(
                "model format v{version}, this rasd reads v{VERSION}"
            )));
        }
        let meta_len = c.u32()? as usize;
        let meta = String::from_utf8(c.take(meta_len)?.to_vec())
            .map_err(|_| Error::InvalidModel("metadata is not UTF-8".into()))?;
        let buckets = c.u32()?;
        if !buckets.is_power_of_two() || buckets > MAX_BUCKETS {
            return Err(Error::InvalidModel(format!("bad bucket count {buckets}")));
        }
        // No training weights: a model read for tagging keeps `packed` rows (filled below).
        let mut model = Model { buckets, weights: Vec::new(), ..Model::new(1, Lists::default()) };
        model.meta = meta;
        model.temperature = c.f32()?;
        if !(model.temperature.is_finite() && model.temperature > 0.0) {
            return Err(Error::InvalidModel(format!("bad temperature {}", model.temperature)));
        }
        match c.take(1)?[0] {
            1 => {}
            2 => {
                model.stride = 2 * T;
                model.first_trans = Some(vec![0.0; model.trans.len()]);
            }
            x => return Err(Error::InvalidModel(format!("bad pass count {x}"))),
        }
        // Weights are collected first and the rows allocated only once the whole file has
        // been read, so that a corrupt bucket count in a short file costs nothing.
        let rows = buckets as usize;
        let main = read_weights(&mut c, rows, &mut model.trans)?;
        let mut first = Vec::new();
        if let Some(mut trans) = model.first_trans.take() {
            first = read_weights(&mut c, rows, &mut trans)?;
            model.first_trans = Some(trans);
        }
        for which in 0..3 {
            let n = c.u64()? as usize;
            // Each entry takes 10 bytes.
            if n > (bytes.len() - c.at) / 10 {
                return Err(Error::InvalidModel("truncated list".into()));
            }
            let map = match which {
                0 => &mut model.lists.gazetteer,
                1 => &mut model.lists.clusters,
                _ => &mut model.lists.lexicon,
            };
            map.reserve(n);
            for _ in 0..n {
                let k = c.u64()?;
                let v = c.u16()?;
                map.insert(k, v);
            }
        }
        if c.at != bytes.len() {
            return Err(Error::InvalidModel("trailing bytes after the model".into()));
        }
        model.packed = vec![Row([0; 32]); rows];
        for (offset, pairs) in [(0, main), (T, first)] {
            for (i, v) in pairs {
                model.packed[i as usize / T].0[offset + i as usize % T] = to_bf16(v);
            }
        }
        Ok(model)
    }
}

/// Writes one pass's non-zero weights (the T floats at `offset` of each `stride`-float
/// row) as (index in a `buckets × T` table, value) pairs preceded by their count, then its
/// transitions.
fn write_weights(
    w: &mut impl Write,
    weights: &[f32],
    stride: usize,
    offset: usize,
    trans: &[f32],
) -> Result<()> {
    let io = |e: std::io::Error| Error::Io(e.to_string());
    let buckets = weights.len() / stride;
    let nz: Vec<(u32, f32)> = (0..buckets * T)
        .map(|i| (i as u32, weights[(i / T) * stride + offset + i % T]))
        .filter(|&(_, v)| v != 0.0)
        .collect();
    w.write_all(&(nz.len() as u64).to_le_bytes()).map_err(io)?;
    let mut buf = Vec::with_capacity(nz.len() * 8 + trans.len() * 4);
    for (i, v) in nz {
        buf.extend_from_slice(&i.to_le_bytes());
        buf.extend_from_slice(&v.to_le_bytes());
    }
    for v in trans {
        buf.extend_from_slice(&v.to_le_bytes());
    }
    w.write_all(&buf).map_err(io)
}

/// Reads what [`write_weights`] wrote: the (index, value) pairs, each index checked against
/// `rows` buckets, and the transitions into `trans`.
fn read_weights(c: &mut Cursor, rows: usize, trans: &mut [f32]) -> Result<Vec<(u32, f32)>> {
    let nz = c.u64()? as usize;
    // Each pair takes 8 bytes: a count the file cannot hold is refused before allocating.
    if nz > c.b.len().saturating_sub(c.at) / 8 {
        return Err(Error::InvalidModel("truncated model file".into()));
    }
    let mut pairs = Vec::with_capacity(nz);
    for _ in 0..nz {
        let i = c.u32()?;
        let v = c.f32()?;
        if i as usize / T >= rows {
            return Err(Error::InvalidModel("weight index out of range".into()));
        }
        pairs.push((i, v));
    }
    for t in trans.iter_mut() {
        *t = c.f32()?;
    }
    Ok(pairs)
}

struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| Error::InvalidModel("truncated model file".into()))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().unwrap_or_default()))
    }
    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap_or_default()))
    }
    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap_or_default()))
    }
    fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().unwrap_or_default()))
    }
}

/// Per-token tag marginals of the distribution `exp(score / temperature)` over valid BIO
/// sequences (forward-backward).
///
/// Computed in probability space with per-position scaling: transitions are exponentiated
/// once (0 where BIO forbids them) and each position costs T exponentials, instead of
/// log-sum-exp over T² terms (the same marginals up to rounding).
pub fn marginals(
    scores: &[[f32; T]],
    temperature: f32,
    trans: impl Fn(Option<Tag>, Tag) -> f32,
) -> Vec<[f32; T]> {
    let n = scores.len();
    if n == 0 {
        return Vec::new();
    }
    let weight = |p: Option<usize>, c: usize| -> f32 {
        if allowed(p.map(|p| p as Tag), c as Tag) {
            (trans(p.map(|p| p as Tag), c as Tag) / temperature).exp()
        } else {
            0.0
        }
    };
    let start: [f32; T] = std::array::from_fn(|c| weight(None, c));
    let tm: [[f32; T]; T] = std::array::from_fn(|p| std::array::from_fn(|c| weight(Some(p), c)));
    // Emissions, shifted by each position's maximum so that exp never overflows.
    let emit: Vec<[f32; T]> = scores
        .iter()
        .map(|row| {
            let m = row.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
            std::array::from_fn(|c| ((row[c] - m) / temperature).exp())
        })
        .collect();
    let normalise = |v: &mut [f32; T]| {
        let z: f32 = v.iter().sum();
        if z > 0.0 {
            v.iter_mut().for_each(|x| *x /= z);
        }
    };
    let mut alpha = vec![[0.0f32; T]; n];
    alpha[0] = std::array::from_fn(|c| start[c] * emit[0][c]);
    normalise(&mut alpha[0]);
    for i in 1..n {
        let prev = alpha[i - 1];
        alpha[i] =
            std::array::from_fn(|c| (0..T).map(|p| prev[p] * tm[p][c]).sum::<f32>() * emit[i][c]);
        normalise(&mut alpha[i]);
    }
    let mut beta = vec![[1.0f32; T]; n];
    for i in (0..n - 1).rev() {
        let next: [f32; T] = std::array::from_fn(|c| emit[i + 1][c] * beta[i + 1][c]);
        beta[i] = std::array::from_fn(|p| (0..T).map(|c| tm[p][c] * next[c]).sum::<f32>());
        normalise(&mut beta[i]);
    }
    let mut out = vec![[0.0f32; T]; n];
    for i in 0..n {
        let mut m: [f32; T] = std::array::from_fn(|c| alpha[i][c] * beta[i][c]);
        normalise(&mut m);
        out[i] = m;
    }
    out
}

/// Viterbi over emission scores with BIO constraints; `trans(prev, cur)` scores transitions.
pub fn viterbi(scores: &[[f32; T]], trans: impl Fn(Option<Tag>, Tag) -> f32) -> Vec<Tag> {
    let n = scores.len();
    if n == 0 {
        return Vec::new();
    }
    const NEG: f32 = f32::NEG_INFINITY;
    let mut delta = vec![[NEG; T]; n];
    let mut back = vec![[0u8; T]; n];
    for c in 0..T {
        if allowed(None, c as Tag) {
            delta[0][c] = scores[0][c] + trans(None, c as Tag);
        }
    }
    for i in 1..n {
        for c in 0..T {
            let mut best = NEG;
            let mut arg = 0u8;
            for p in 0..T {
                if delta[i - 1][p] == NEG || !allowed(Some(p as Tag), c as Tag) {
                    continue;
                }
                let s = delta[i - 1][p] + trans(Some(p as Tag), c as Tag);
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            if best > NEG {
                delta[i][c] = best + scores[i][c];
                back[i][c] = arg;
            }
        }
    }
    let mut last = 0u8;
    let mut best = NEG;
    for c in 0..T {
        if delta[n - 1][c] > best {
            best = delta[n - 1][c];
            last = c as u8;
        }
    }
    let mut out = vec![0u8; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i] as usize];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_read_round_trip_and_bad_files() {
        let mut lists = Lists::default();
        lists.gazetteer.insert(42, 3);
        lists.clusters.insert(7, 9);
        lists.lexicon.insert(11, 0x8001);
        let mut m = Model::new(1000, lists);
        assert_eq!(m.buckets, 1024);
        m.weights[5] = 1.5;
        m.weights[9000] = -2.0;
        m.trans[3] = 0.25;
        m.meta = "{\"x\":1}".into();
        m.temperature = 3.5;
        let mut first =
            Weights { weights: vec![0.0; m.weights.len()], trans: vec![0.5; m.trans.len()] };
        first.weights[77] = 4.0;
        let main = m.weights.clone();
        m.set_first(first.clone());
        assert_eq!(m.first().as_ref(), Some(&first));
        let mut buf = Vec::new();
        m.write(&mut buf).unwrap();
        let r = Model::from_bytes(&buf).unwrap();
        // Read for tagging: the weights are rounded to bfloat16 (these are exact).
        let mut e = [0.0f32; T];
        for f in 0..5000u64 {
            let row = m.row(f);
            r.emissions(&[f], &mut e);
            assert_eq!(&e[..], &m.weights[row..row + T]);
        }
        assert!(r.write(&mut Vec::new()).is_err());
        assert_eq!(r.trans, m.trans);
        assert_eq!(r.lists.gazetteer, m.lists.gazetteer);
        assert_eq!(r.lists.clusters, m.lists.clusters);
        assert_eq!(r.lists.lexicon, m.lists.lexicon);
        assert_eq!(r.meta, m.meta);
        assert_eq!(r.temperature, 3.5);
        assert_eq!(r.first(), Some(first));
        let mut e = ([0.0; T], [0.0; T]);
        r.emissions_both(&[], &mut e.0, &mut e.1);
        assert_eq!(r.stride, 2 * T);
        assert_eq!((0..m.buckets as usize).flat_map(|b| m.main_row(b)).collect::<Vec<_>>(), main);
        assert!(matches!(Model::from_bytes(b"NOTAMODEL"), Err(Error::InvalidModel(_))));
        let mut bad = buf.clone();
        bad[8] = 9;
        assert!(Model::from_bytes(&bad).unwrap_err().to_string().contains("v9"));
        assert!(Model::from_bytes(&buf[..buf.len() - 3]).is_err());
    }

    #[test]
    fn viterbi_respects_bio() {
        // I-PERS scores highest everywhere, but cannot start a sentence or follow O.
        let mut s = [[0.0f32; T]; 2];
        s[0][2] = 5.0;
        s[0][1] = 1.0;
        s[1][2] = 5.0;
        let tags = viterbi(&s, |_, _| 0.0);
        assert_eq!(tags, [1, 2]);
    }
}

#[cfg(test)]
mod marginal_tests {
    use super::*;

    /// Exact marginals by enumerating every valid tag sequence of a short sentence.
    fn brute(
        scores: &[[f32; T]],
        temp: f32,
        trans: impl Fn(Option<Tag>, Tag) -> f32,
    ) -> Vec<[f64; T]> {
        let n = scores.len();
        let mut out = vec![[0.0f64; T]; n];
        let mut z = 0.0f64;
        let total = (T as u64).pow(n as u32);
        for code in 0..total {
            let mut c = code;
            let tags: Vec<usize> = (0..n)
                .map(|_| {
                    let t = (c % T as u64) as usize;
                    c /= T as u64;
                    t
                })
                .collect();
            let mut prev = None;
            let mut score = 0.0f64;
            let mut ok = true;
            for (i, &t) in tags.iter().enumerate() {
                if !allowed(prev, t as Tag) {
                    ok = false;
                    break;
                }
                score += (trans(prev, t as Tag) + scores[i][t]) as f64 / temp as f64;
                prev = Some(t as Tag);
            }
            if !ok {
                continue;
            }
            let w = score.exp();
            z += w;
            for (i, &t) in tags.iter().enumerate() {
                out[i][t] += w;
            }
        }
        out.iter_mut().for_each(|row| row.iter_mut().for_each(|x| *x /= z));
        out
    }

    #[test]
    fn marginals_match_exact_enumeration() {
        // Deterministic pseudo-random scores and transitions.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            ((seed % 2000) as f32 / 100.0) - 10.0
        };
        let scores: Vec<[f32; T]> = (0..4).map(|_| std::array::from_fn(|_| next())).collect();
        let table: Vec<f32> = (0..(T + 1) * T).map(|_| next()).collect();
        let trans = |p: Option<Tag>, c: Tag| table[p.map_or(T, |p| p as usize) * T + c as usize];
        for temp in [1.0f32, 4.0, 16.0] {
            let fast = marginals(&scores, temp, trans);
            let exact = brute(&scores, temp, trans);
            for (f, e) in fast.iter().zip(&exact) {
                for c in 0..T {
                    assert!((f[c] as f64 - e[c]).abs() < 1e-4, "{temp}: {f:?} vs {e:?}");
                }
            }
        }
    }
}
