//! Word clusters learned from the unlabeled news in `shared/data/unlabeled`.
//!
//! Each frequent stem gets a context vector — positive PMI of the frequent stems seen up to
//! two words before and after it, each distance and side its own block — reduced to 160
//! dimensions by a truncated SVD ([`crate::svd`]) and clustered with spherical k-means
//! twice: 64 coarse and 512 fine clusters. The id stored per word is
//! `coarse × 1024 + fine`. Deterministic: no randomness beyond fixed-seed hashing.

use std::collections::HashMap;

use crate::analysis::{key_hash, Analyzer, Lists};
use crate::errors::Result;

/// Stems kept (the most frequent). With the random projection used before session 18,
/// 80,000 lost to 40,000 on the dev tenths; the SVD's vectors of rarer words are good enough.
const VOCAB: usize = 80_000;
/// Context stems (the most frequent).
const CONTEXT: usize = 3_000;
/// Context words on each side.
const WINDOW: usize = 2;
/// Dimensions kept by the SVD.
const DIM: usize = 160;
/// Coarse and fine cluster counts.
const COARSE: usize = 64;
const FINE: usize = 512;
const ITERATIONS: usize = 12;
/// k-means runs from different starting words; the clustering with the highest objective
/// is kept. One run's start alone moved dev F1 by half a point to a point (session 16);
/// the best of four moved it by a tenth.
const STARTS: usize = 4;

/// Computes clusters for the stems of news texts (`lexicon::news_texts`, in file order).
/// `draw` picks the k-means starts: 0 is the shipped model's; another number shifts every
/// start by a pseudo-random fraction of their spacing, giving another draw of the same
/// setting (session 19: draws alone move the pooled dev F1 by half a point).
pub fn build<S: AsRef<str>>(
    texts: &[S],
    draw: u64,
    progress: &mut dyn FnMut(&str),
) -> Result<rustc_hash::FxHashMap<u64, u16>> {
    let lists = Lists::default();
    let an = Analyzer::new(&lists);
    let mut stem_of: HashMap<String, u32> = HashMap::new();
    let mut stems: Vec<String> = Vec::new();
    let mut freq: Vec<u64> = Vec::new();
    let mut docs: Vec<Vec<u32>> = Vec::new();
    let mut surface_cache: HashMap<String, u32> = HashMap::new();
    for text in texts {
        let mut ids = Vec::new();
        for word in text.as_ref().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            let id = match surface_cache.get(word) {
                Some(&id) => id,
                None => {
                    let stem = an.gaz_key(word);
                    let id = *stem_of.entry(stem.clone()).or_insert_with(|| {
                        stems.push(stem);
                        freq.push(0);
                        (stems.len() - 1) as u32
                    });
                    surface_cache.insert(word.to_string(), id);
                    id
                }
            };
            freq[id as usize] += 1;
            ids.push(id);
        }
        docs.push(ids);
    }
    progress(&format!("clusters: {} documents, {} stems", docs.len(), stems.len()));
    // Rank stems by frequency (ties by text, for determinism).
    let mut order: Vec<u32> = (0..stems.len() as u32).collect();
    order.sort_by(|&a, &b| {
        freq[b as usize]
            .cmp(&freq[a as usize])
            .then_with(|| stems[a as usize].cmp(&stems[b as usize]))
    });
    let mut rank = vec![u32::MAX; stems.len()];
    for (r, &id) in order.iter().enumerate() {
        rank[id as usize] = r as u32;
    }
    let vocab = VOCAB.min(order.len());
    progress(&format!("clusters: contexts of the {vocab} most frequent stems"));
    // Context counts: the stem `o` words to the left has block 2(o−1), to the right 2(o−1)+1;
    // each block holds the CONTEXT most frequent stems.
    let blocks = 2 * WINDOW;
    let mut ctx: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab];
    for doc in &docs {
        for i in 0..doc.len() {
            let r = rank[doc[i] as usize] as usize;
            if r >= vocab {
                continue;
            }
            for o in 1..=WINDOW {
                let sides = [i.checked_sub(o), Some(i + o).filter(|&j| j < doc.len())];
                for (side, j) in sides.into_iter().enumerate() {
                    let Some(j) = j else { continue };
                    let c = rank[doc[j] as usize] as usize;
                    if c < CONTEXT {
                        let block = 2 * (o - 1) + side;
                        *ctx[r].entry((block * CONTEXT + c) as u32).or_insert(0.0) += 1.0;
                    }
                }
            }
        }
    }
    // Positive pointwise mutual information, so that frequent contexts (في، من) do not
    // dominate every vector.
    let mut word_total = vec![0.0f64; vocab];
    let mut ctx_total = vec![0.0f64; blocks * CONTEXT];
    let mut total = 0.0f64;
    for (w, counts) in ctx.iter().enumerate() {
        for (&c, &n) in counts {
            word_total[w] += n as f64;
            ctx_total[c as usize] += n as f64;
            total += n as f64;
        }
    }
    let mut rows: Vec<Vec<(u32, f64)>> = Vec::with_capacity(vocab);
    for (wi, counts) in ctx.iter().enumerate() {
        let mut row: Vec<(u32, f64)> = counts
            .iter()
            .filter_map(|(&c, &n)| {
                let pmi = ((n as f64 * total) / (word_total[wi] * ctx_total[c as usize])).ln();
                (pmi > 0.0).then_some((c, pmi))
            })
            .collect();
        row.sort_by_key(|&(c, _)| c);
        rows.push(row);
    }
    drop(ctx);
    progress("clusters: truncated SVD");
    let vecs = crate::svd::embed::<DIM>(&rows, blocks * CONTEXT);
    drop(rows);
    progress("clusters: k-means (coarse)");
    let coarse = kmeans(&vecs, COARSE, draw);
    progress("clusters: k-means (fine)");
    let fine = kmeans(&vecs, FINE, draw);
    let mut out = rustc_hash::FxHashMap::with_capacity_and_hasher(vocab, Default::default());
    for r in 0..vocab {
        let stem = &stems[order[r] as usize];
        out.insert(key_hash(stem), (coarse[r] * 1024 + fine[r]) as u16);
    }
    Ok(out)
}

fn normalise(v: &mut [f32; DIM]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        for x in v.iter_mut() {
            *x /= n;
        }
    }
}

/// Spherical k-means, the best of [`STARTS`] runs (by the summed similarity of each word to
/// its centre; the first run wins ties). Run `s` starts from word `s × spacing / STARTS`
/// (plus a shift that `draw` picks, below one start's spacing) and every `spacing`-th word
/// after it.
fn kmeans(vecs: &[[f32; DIM]], k: usize, draw: u64) -> Vec<usize> {
    if vecs.is_empty() {
        return Vec::new();
    }
    let spacing = vecs.len() / k.max(1);
    let shift = match draw {
        0 => 0,
        d => (crate::svd::mix(d) % (spacing / STARTS).max(1) as u64) as usize,
    };
    // The runs are independent: one thread each, compared in start order afterwards, so the
    // result does not depend on the threads.
    let runs: Vec<(f64, Vec<usize>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..STARTS)
            .map(|s| scope.spawn(move || kmeans_from(vecs, k, s * spacing / STARTS + shift)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    runs.into_iter().reduce(|a, b| if b.0 > a.0 { b } else { a }).map(|b| b.1).unwrap_or_default()
}

/// One spherical k-means run, initialised with evenly spaced words of the frequency
/// ranking from word `offset`; returns the objective of the last assignment and the
/// assignment. `vecs` is not empty.
fn kmeans_from(vecs: &[[f32; DIM]], k: usize, offset: usize) -> (f64, Vec<usize>) {
    let n = vecs.len();
    let k = k.min(n);
    let mut centres: Vec<[f32; DIM]> = (0..k).map(|i| vecs[(i * n / k + offset) % n]).collect();
    let mut assign = vec![0usize; n];
    let mut objective = 0.0f64;
    for _ in 0..ITERATIONS {
        let blocks = Blocks::new(&centres);
        objective = 0.0;
        for (v, a) in vecs.iter().zip(assign.iter_mut()) {
            let (arg, best) = blocks.nearest(v);
            *a = arg;
            objective += best as f64;
        }
        let mut sums = vec![[0.0f32; DIM]; k];
        for (i, v) in vecs.iter().enumerate() {
            for d in 0..DIM {
                sums[assign[i]][d] += v[d];
            }
        }
        for (j, mut s) in sums.into_iter().enumerate() {
            if s.iter().any(|x| *x != 0.0) {
                normalise(&mut s);
                centres[j] = s;
            }
        }
    }
    (objective, assign)
}

/// Centres laid out for the assignment step: blocks of [`LANES`] centres, each block stored
/// dimension by dimension, so that one word's similarities to a block's centres are summed
/// side by side in SIMD lanes. Each lane still adds its products in dimension order from
/// −0.0, as `Iterator::sum` over one dot product does, so the similarities, and therefore
/// the clusters and the model file, are the same bit for bit as with plain dot products;
/// only the time changes (session 20: the fine k-means took 72 s of a 130 s training).
struct Blocks {
    /// Block `b`, dimension `d`, lane `l` at `(b × DIM + d) × LANES + l`.
    data: Vec<f32>,
    /// Centres; lanes past the last one in the last block are padding and never win.
    k: usize,
}

/// Centres per block: 16 floats, four SSE registers on the default x86-64 target (two with
/// AVX2): enough sums in flight to hide the additions' latency.
const LANES: usize = 16;

impl Blocks {
    fn new(centres: &[[f32; DIM]]) -> Blocks {
        let k = centres.len();
        let nb = k.div_ceil(LANES);
        let mut data = vec![0.0f32; nb * DIM * LANES];
        for (j, c) in centres.iter().enumerate() {
            let (b, l) = (j / LANES, j % LANES);
            for (d, &x) in c.iter().enumerate() {
                data[(b * DIM + d) * LANES + l] = x;
            }
        }
        Blocks { data, k }
    }

    /// The most similar centre to `v` (the first of equals) and its similarity.
    fn nearest(&self, v: &[f32; DIM]) -> (usize, f32) {
        let mut best = f32::NEG_INFINITY;
        let mut arg = 0;
        for (b, block) in self.data.chunks_exact(DIM * LANES).enumerate() {
            let mut acc = [-0.0f32; LANES];
            for (x, row) in v.iter().zip(block.chunks_exact(LANES)) {
                for (a, c) in acc.iter_mut().zip(row) {
                    *a += x * c;
                }
            }
            for (l, &s) in acc.iter().enumerate() {
                let j = b * LANES + l;
                if j < self.k && s > best {
                    best = s;
                    arg = j;
                }
            }
        }
        (arg, best)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A unit vector along axis `a`, nudged towards axis `b` by `t`.
    fn v(a: usize, b: usize, t: f32) -> [f32; DIM] {
        let mut x = [0.0; DIM];
        x[a] = 1.0;
        x[b] = t;
        normalise(&mut x);
        x
    }

    #[test]
    fn blocked_similarities_equal_plain_dot_products_bit_for_bit() {
        // Pseudo-random unit vectors; 37 centres leave a part-filled last block.
        let mut z = 7u64;
        let mut next = || {
            z = z.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (z >> 40) as f32 / (1u64 << 24) as f32 - 0.5
        };
        let mut vec = || {
            let mut x = [0.0f32; DIM];
            x.iter_mut().for_each(|e| *e = next());
            normalise(&mut x);
            x
        };
        let centres: Vec<[f32; DIM]> = (0..37).map(|_| vec()).collect();
        let blocks = Blocks::new(&centres);
        for _ in 0..200 {
            let v = vec();
            let (mut best, mut arg) = (f32::NEG_INFINITY, 0);
            for (j, c) in centres.iter().enumerate() {
                let s: f32 = v.iter().zip(c).map(|(a, b)| a * b).sum();
                if s > best {
                    (best, arg) = (s, j);
                }
            }
            let (a, b) = blocks.nearest(&v);
            assert_eq!((a, b.to_bits()), (arg, best.to_bits()));
        }
        // A word equal to a centre finds it, and padding lanes (zero similarity) never win.
        let negative: Vec<[f32; DIM]> = centres.iter().map(|c| c.map(|x| -x.abs())).collect();
        let only = Blocks::new(&negative[..3]);
        let positive = negative[1].map(|x| -x);
        assert!(only.nearest(&positive).0 < 3);
        assert_eq!(Blocks::new(&centres).nearest(&centres[20]).0, 20);
    }

    #[test]
    fn kmeans_groups_directions_whatever_the_start() {
        // Three tight groups around axes 0, 1 and 2, interleaved in the ranking.
        let vecs: Vec<[f32; DIM]> =
            (0..30).map(|i| v(i % 3, 3 + i % 5, 0.05 * (i / 3) as f32)).collect();
        let a = kmeans(&vecs, 3, 0);
        assert_eq!(a.len(), 30);
        for i in 0..30 {
            assert_eq!(a[i], a[i % 3], "word {i} left its group");
        }
        assert_ne!(a[0], a[1]);
        assert_ne!(a[1], a[2]);
        assert_ne!(a[0], a[2]);
        assert!(kmeans(&[], 3, 0).is_empty());
        // Another draw starts elsewhere and finds the same groups on data this clean.
        let b = kmeans(&vecs, 3, 7);
        for i in 0..30 {
            assert_eq!(b[i], b[i % 3], "draw 7: word {i} left its group");
        }
    }
}
