//! The model: hashed feature weights per tag, tag transitions, and the name lists; a
//! versioned binary file format.
//!
//! File layout (little-endian): magic `RASDNER\0`, format version (u32), metadata length
//! (u32) and JSON metadata, bucket count (u32), confidence temperature (f32), then the non-zero weights as
//! (index u32, value f32) pairs preceded by their count (u64), the (T+1)×T transition
//! matrix (f32), the gazetteer as (hash u64, flags u16) pairs and the clusters as
//! (hash u64, id u16) pairs, each preceded by its count (u64).

use std::io::{Read, Write};

use crate::analysis::Lists;
use crate::errors::{Error, Result};
use crate::tags::{allowed, Tag, T};

/// Magic bytes at the start of a model file.
pub const MAGIC: &[u8; 8] = b"RASDNER\0";
/// The format version this build reads and writes.
pub const VERSION: u32 = 1;

/// A trained NER model.
#[derive(Debug, Clone)]
pub struct Model {
    /// Number of hash buckets (a power of two).
    pub buckets: u32,
    /// Weights, `buckets × T`.
    pub weights: Vec<f32>,
    /// Transition scores: row `prev + 1` (row 0 = sentence start), column `cur`.
    pub trans: Vec<f32>,
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
            trans: vec![0.0; (T + 1) * T],
            lists,
            meta: String::new(),
            temperature: 1.0,
        }
    }

    /// The weight row of a feature hash.
    #[inline]
    pub fn row(&self, feature: u64) -> usize {
        // Mix the high bits in: FNV's low bits are weak.
        let h = feature ^ (feature >> 29) ^ (feature >> 47);
        (h as usize & (self.buckets as usize - 1)) * T
    }

    /// Emission scores of one token for every tag.
    #[inline]
    pub fn emissions(&self, feats: &[u64], out: &mut [f32; T]) {
        *out = [0.0; T];
        for &f in feats {
            let r = self.row(f);
            let w = &self.weights[r..r + T];
            for t in 0..T {
                out[t] += w[t];
            }
        }
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
        let nz: Vec<(u32, f32)> = self
            .weights
            .iter()
            .enumerate()
            .filter(|(_, &v)| v != 0.0)
            .map(|(i, &v)| (i as u32, v))
            .collect();
        w.write_all(&(nz.len() as u64).to_le_bytes()).map_err(io)?;
        let mut buf = Vec::with_capacity(nz.len() * 8);
        for (i, v) in nz {
            buf.extend_from_slice(&i.to_le_bytes());
            buf.extend_from_slice(&v.to_le_bytes());
        }
        w.write_all(&buf).map_err(io)?;
        for v in &self.trans {
            w.write_all(&v.to_le_bytes()).map_err(io)?;
        }
        for map in [&self.lists.gazetteer, &self.lists.clusters] {
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
        if !buckets.is_power_of_two() || buckets > 1 << 26 {
            return Err(Error::InvalidModel(format!("bad bucket count {buckets}")));
        }
        let mut model = Model::new(buckets, Lists::default());
        model.meta = meta;
        model.temperature = c.f32()?;
        if !(model.temperature.is_finite() && model.temperature > 0.0) {
            return Err(Error::InvalidModel(format!("bad temperature {}", model.temperature)));
        }
        let nz = c.u64()? as usize;
        for _ in 0..nz {
            let i = c.u32()? as usize;
            let v = c.f32()?;
            *model
                .weights
                .get_mut(i)
                .ok_or_else(|| Error::InvalidModel("weight index out of range".into()))? = v;
        }
        for k in 0..model.trans.len() {
            model.trans[k] = c.f32()?;
        }
        for which in 0..2 {
            let n = c.u64()? as usize;
            if n > bytes.len() {
                return Err(Error::InvalidModel("truncated list".into()));
            }
            let map =
                if which == 0 { &mut model.lists.gazetteer } else { &mut model.lists.clusters };
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
        Ok(model)
    }
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
        let mut m = Model::new(1000, lists);
        assert_eq!(m.buckets, 1024);
        m.weights[5] = 1.5;
        m.weights[9000] = -2.0;
        m.trans[3] = 0.25;
        m.meta = "{\"x\":1}".into();
        m.temperature = 3.5;
        let mut buf = Vec::new();
        m.write(&mut buf).unwrap();
        let r = Model::from_bytes(&buf).unwrap();
        assert_eq!(r.weights, m.weights);
        assert_eq!(r.trans, m.trans);
        assert_eq!(r.lists.gazetteer, m.lists.gazetteer);
        assert_eq!(r.lists.clusters, m.lists.clusters);
        assert_eq!(r.meta, m.meta);
        assert_eq!(r.temperature, 3.5);
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
