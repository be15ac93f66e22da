//! Training: corpora and name lists from `shared/data`, and the averaged structured
//! perceptron. Compiled only with the `train` feature.

use std::path::{Path, PathBuf};

use rasd_text::{fold_lexicon, normalize_str, Profile};

use crate::analysis::{flag, Analyzer, Lists};
use crate::conll::{parse_text, Sentence};
use crate::errors::{Error, Result};
use crate::features::sentence_features;
use crate::history::Pass1;
use crate::metrics::Evaluation;
use crate::model::{viterbi, Model, Weights};
use crate::tags::{parse, Tag, T};

/// Confidence temperature found by calibrating on the dev split (`rasd ner train --dev-split`).
pub const DEFAULT_TEMPERATURE: f32 = 24.0;

/// Training settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// `shared/data`.
    pub data: PathBuf,
    /// Passes over the training data.
    pub epochs: usize,
    /// Hash buckets (power of two).
    pub buckets: u32,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Training corpora to use besides ANERcorp train: `aqmar`, `wikifane`.
    pub extra: Vec<String>,
    /// Hold out a tenth of ANERcorp train as a dev set (for experiments).
    pub dev_split: bool,
    /// Which tenth (0–9; 9, the last, by default): cross-validating over several tenths
    /// gives a steadier comparison than one.
    pub dev_fold: usize,
    /// Use the gazetteers.
    pub gazetteers: bool,
    /// Learn word clusters from this many unlabeled news articles (0 = no clusters).
    pub cluster_docs: usize,
    /// Also learn the clusters from the words of WikiFANE and AQMAR train/dev (labels
    /// ignored).
    pub wiki_clusters: bool,
    /// Confidence temperature; `None` = calibrate on held-out sentences.
    pub temperature: Option<f32>,
    /// Tag this many unlabeled news articles with a first-pass model to learn the name
    /// lexicon (0 = no lexicon).
    pub lexicon_docs: usize,
    /// Self-training rounds for the lexicon (each tags the news with the previous
    /// round's model).
    pub lexicon_rounds: usize,
    /// Threads for tagging the news.
    pub threads: usize,
    /// Train a second pass with document-context features.
    pub history: bool,
    /// Count each news occurrence toward the lexicon by the first model's marginal
    /// probability of each type at this temperature, instead of by its Viterbi tag
    /// (`None`). Words the first model half-recognises (`الناتو` with one training example)
    /// then show how name-like the news finds them, not only whether they won.
    pub lexicon_soft: Option<f32>,
    /// Which draw of the word clusters' k-means starts (0: the shipped model's). Settings
    /// are compared over several draws: one draw's luck moves the pooled dev F1 by half a
    /// point (session 19).
    pub cluster_draw: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data: PathBuf::from("../shared/data"),
            epochs: 10,
            buckets: 1 << 20,
            seed: 20260426,
            extra: vec![],
            dev_split: false,
            dev_fold: 9,
            gazetteers: true,
            cluster_docs: 40_000,
            wiki_clusters: true,
            temperature: None,
            lexicon_docs: 40_000,
            lexicon_rounds: 1,
            threads: 2,
            history: true,
            lexicon_soft: Some(16.0),
            cluster_draw: 0,
        }
    }
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::Io(format!("{}: {e}", path.display())))
}

/// WikiFANE fine types mapped to the four coarse types (PER, LOC incl. GPE and facilities,
/// ORG, MISC for products, vehicles, weapons…).
fn wikifane_type(fine: &str) -> &'static str {
    match fine {
        "Politician" | "Artist" | "Athlete" | "Businessperson" | "Engineer" | "Lawyer"
        | "Police" | "Religious_PER" | "Scientist" | "Other_PER" => "PERS",
        "Group" => "MISC",
        "Nation"
        | "Population-Center"
        | "State-or-Province"
        | "County-or-District"
        | "GPE-Cluster"
        | "Continent"
        | "Water-Body"
        | "Land-Region-Natural"
        | "Celestial"
        | "Address"
        | "Boundary"
        | "Region-General"
        | "Region-International" => "LOC",
        "Government" | "Commercial" | "Educational" | "Entertainment" | "Media"
        | "Medical-Science" | "Non-Governmental" | "Religious_ORG" | "Sports" => "ORG",
        "Building-Grounds" | "Airport" | "Path" | "Subarea-Facility" | "Plant" => "LOC",
        _ => "MISC",
    }
}

/// The training corpora chosen by `cfg`: (train, dev).
pub fn corpora(cfg: &Config) -> Result<(Vec<Sentence>, Vec<Sentence>)> {
    let ner = cfg.data.join("ner");
    let path = ner.join("anercorp/ANERCorp_CamelLab_train.txt");
    let mut train =
        parse_text(&read(&path)?, &path.display().to_string(), true, &parse, usize::MAX)?;
    let mut dev = Vec::new();
    if cfg.dev_split {
        let k = cfg.dev_fold.min(9);
        let (a, b) = (train.len() * k / 10, train.len() * (k + 1) / 10);
        dev = train.drain(a..b).collect();
    }
    for extra in &cfg.extra {
        match extra.as_str() {
            "aqmar" => {
                for f in ["train.txt", "dev.txt"] {
                    let path = ner.join("aqmar").join(f);
                    // AQMAR has extra MIS-like tags (B-MIS0…); anything unknown becomes MISC.
                    let map = |s: &str| {
                        parse(s).or_else(|| {
                            let (bio, _) = s.split_once('-')?;
                            parse(&format!("{bio}-MISC"))
                        })
                    };
                    train.extend(parse_text(
                        &read(&path)?,
                        &path.display().to_string(),
                        true,
                        &map,
                        usize::MAX,
                    )?);
                }
            }
            "wikifane" => {
                let path = ner.join("wikifane/WikiFANE_Gold_2014_500K.txt");
                let map = |s: &str| {
                    if s == "O" {
                        return Some(0);
                    }
                    let (bio, fine) = s.split_once('-')?;
                    parse(&format!("{bio}-{}", wikifane_type(fine)))
                };
                let text = read(&path)?.replace('\u{200e}', "");
                train.extend(parse_text(&text, &path.display().to_string(), true, &map, 60)?);
            }
            other => {
                return Err(Error::Io(format!(
                    "unknown extra corpus {other:?} (use aqmar, wikifane)"
                )))
            }
        }
    }
    Ok((train, dev))
}

/// Sentences per pseudo-document when CoNLL text is read as unlabeled text.
const WIKI_DOC_SENTENCES: usize = 30;

/// The words of WikiFANE and of AQMAR train and dev (their labels ignored), as texts of
/// [`WIKI_DOC_SENTENCES`] sentences each: more unlabeled text for the word clusters. The
/// news alone is one year of five outlets; Wikipedia's sentences about clubs, companies
/// and events gave ORG and MISC words better neighbours (pooled dev F1 0.7622 → 0.7667,
/// MISC 0.541 → 0.581, session 17). AQMAR test is not read.
fn wiki_texts(cfg: &Config) -> Result<Vec<String>> {
    let ner = cfg.data.join("ner");
    let mut out = Vec::new();
    for path in [
        ner.join("wikifane/WikiFANE_Gold_2014_500K.txt"),
        ner.join("aqmar/train.txt"),
        ner.join("aqmar/dev.txt"),
    ] {
        let sentences = crate::conll::read(&path, false)?;
        out.extend(
            sentences
                .chunks(WIKI_DOC_SENTENCES)
                .map(|chunk| chunk.iter().map(|s| s.tokens.join(" ") + "\n").collect::<String>()),
        );
    }
    Ok(out)
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Builds the name lists from `shared/data/gazetteers` and the word lists in `data/`.
pub fn build_lists(cfg: &Config) -> Result<Lists> {
    let mut lists = Lists::default();
    if !cfg.gazetteers {
        return Ok(lists);
    }
    let analyzer_lists = Lists::default();
    let an = Analyzer::new(&analyzer_lists);
    let words = |name: &str| -> Vec<String> {
        name.split(|c: char| c.is_whitespace() || c == '-' || c == '(' || c == ')' || c == ',')
            .filter(|w| !w.is_empty())
            .map(|w| an.gaz_key(w))
            .filter(|w| !w.is_empty())
            .collect()
    };
    let raw = |w: &str| -> String {
        normalize_str(w, Profile::Conservative).chars().map(fold_lexicon).collect()
    };
    let gaz = cfg.data.join("gazetteers");

    let countries: serde_json::Value =
        serde_json::from_str(&read(&gaz.join("mledoze-countries/countries.json"))?)
            .map_err(|e| Error::Io(format!("countries.json: {e}")))?;
    for c in countries.as_array().into_iter().flatten() {
        for field in ["common", "official"] {
            if let Some(name) =
                c.pointer(&format!("/translations/ara/{field}")).and_then(|v| v.as_str())
            {
                lists.add(&words(name), flag::COUNTRY);
            }
        }
    }
    for (file, fl) in
        [("dr5hn-csc/cities_ar.tsv", flag::CITY), ("dr5hn-csc/states_ar.tsv", flag::REGION)]
    {
        for line in read(&gaz.join(file))?.lines().skip(1) {
            if let Some(name) = line.split('\t').nth(6) {
                lists.add(&words(name), fl);
            }
        }
    }
    let json_map = |file: &str| -> Result<Vec<String>> {
        let v: serde_json::Value = serde_json::from_str(&read(&gaz.join(file))?)
            .map_err(|e| Error::Io(format!("{file}: {e}")))?;
        Ok(v.as_object()
            .into_iter()
            .flatten()
            .filter_map(|(_, v)| v.as_str().map(str::to_string))
            .collect())
    };
    for name in json_map("arwikicats/cities_full.json")? {
        lists.add(&words(&name), flag::CITY);
    }
    for name in json_map("arwikicats/P17_2_final_ll.json")?
        .into_iter()
        .chain(json_map("arwikicats/popopo.json")?)
    {
        lists.add(&words(&name), flag::REGION);
    }
    for name in json_map("arwikicats/peoples.json")? {
        let w = words(&name);
        if w.len() >= 2 {
            lists.add(&w, flag::PERSON);
            lists.add(&w[..1], flag::FIRST);
            lists.add(&w[w.len() - 1..], flag::LAST);
        }
    }
    for file in ["arwikicats/nationalities_data.json", "arwikicats/sub_nats.json"] {
        let v: serde_json::Value = serde_json::from_str(&read(&gaz.join(file))?)
            .map_err(|e| Error::Io(format!("{file}: {e}")))?;
        for (_, forms) in v.as_object().into_iter().flatten() {
            for k in ["male", "males", "female", "females"] {
                if let Some(s) = forms.get(k).and_then(|x| x.as_str()) {
                    lists.add(&words(s), flag::DEMONYM);
                }
            }
            if let Some(s) = forms.get("ar").and_then(|x| x.as_str()) {
                lists.add(&words(s), flag::COUNTRY);
            }
        }
    }
    for (file, fl) in [
        ("akhateeb-arabic-names/male-first--names-in-arabic.txt", flag::FIRST),
        ("akhateeb-arabic-names/female-first-names-in-arabic.txt", flag::FIRST),
        ("akhateeb-arabic-names/Most-Popular-Arabic-FirstNames.txt", flag::FIRST),
        ("akhateeb-arabic-names/last-names-in-arabic.txt", flag::LAST),
        ("akhateeb-arabic-names/Most-Popular-Arabic-LastNames.txt", flag::LAST),
        ("faker-ar-names/ar_AA.first_names_male.txt", flag::FIRST),
        ("faker-ar-names/ar_AA.first_names_female.txt", flag::FIRST),
        ("faker-ar-names/ar_AA.last_names.txt", flag::LAST),
    ] {
        if let Ok(text) = read(&gaz.join(file)) {
            for name in lines(&text) {
                lists.add(&words(name), fl);
            }
        }
    }
    // Our own word lists, matched on the whole word (article kept).
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for (file, fl) in [
        ("org_heads.txt", flag::ORG_HEAD),
        ("titles.txt", flag::TITLE),
        ("person_cues.txt", flag::PERSON_CUE),
    ] {
        for w in lines(&read(&own.join(file))?) {
            lists.add(&[raw(w)], fl);
        }
    }
    for c in [
        "أفريقيا",
        "آسيا",
        "أوروبا",
        "أمريكا",
        "أستراليا",
        "أوقيانوسيا",
        "الشرق الأوسط",
        "الخليج",
        "المغرب العربي",
    ] {
        lists.add(&words(c), flag::CONTINENT);
    }
    Ok(lists)
}

/// A sentence ready for training: features and gold tags.
struct Prepared {
    feats: Vec<u64>,
    offsets: Vec<u32>,
    gold: Vec<Tag>,
    /// Stem hashes (0 for non-words), for the document-context pass.
    stems: Vec<u64>,
}

impl Prepared {
    /// The sentence with `extra[i]` appended to token `i`'s features.
    fn with_extra(&self, extra: &[crate::history::Extra]) -> Prepared {
        let (mut feats, mut offsets) = (self.feats.clone(), self.offsets.clone());
        crate::features::append_features(&mut feats, &mut offsets, extra);
        Prepared { feats, offsets, gold: self.gold.clone(), stems: self.stems.clone() }
    }
}

/// The first pass's view of sentences tagged by `model`.
fn pass1(model: &Model, data: &[Prepared]) -> Vec<Pass1> {
    let mut scores = Vec::new();
    data.iter()
        .map(|s| Pass1 {
            stems: s.stems.clone(),
            tags: model.decode(&s.feats, &s.offsets, &mut scores),
        })
        .collect()
}

/// Adds document-context features to every sentence, from first-pass tags `p1`, over the
/// sliding window of sentences that stands for a document in CoNLL files.
fn add_history(data: &[Prepared], p1: &[Pass1]) -> Vec<Prepared> {
    let extra = crate::history::run_features(p1, Some(crate::history::WINDOW));
    data.iter().zip(&extra).map(|(s, e)| s.with_extra(e)).collect()
}

fn prepare(sentences: &[Sentence], lists: &Lists) -> Vec<Prepared> {
    let an = Analyzer::new(lists);
    sentences
        .iter()
        .map(|s| {
            let toks = an.analyse(&s.tokens);
            let (feats, offsets) = sentence_features(&toks);
            let stems = Pass1::new(&toks, Vec::new()).stems;
            Prepared { feats, offsets, gold: s.tags.clone(), stems }
        })
        .collect()
}

/// The temperature that minimises the negative log-likelihood of the gold tags under the
/// per-token marginals on `held`; `fixed` overrides it.
fn calibrate(model: &Model, held: &[Prepared], fixed: Option<f32>) -> f32 {
    if let Some(t) = fixed {
        return t;
    }
    let mut scores = Vec::new();
    let mut best = (f64::INFINITY, 1.0f32);
    for &temp in &[0.5f32, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 32.0] {
        let mut nll = 0.0f64;
        for s in held {
            let _ = model.decode(&s.feats, &s.offsets, &mut scores);
            let m = crate::model::marginals(&scores, temp, |p, c| model.transition(p, c));
            for (i, &g) in s.gold.iter().enumerate() {
                nll -= (m[i][g as usize].max(1e-6) as f64).ln();
            }
        }
        if nll < best.0 {
            best = (nll, temp);
        }
    }
    best.1
}

/// A small deterministic PRNG (xorshift64*), for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// What training reports as it goes: the stage it begins (with what it found so far), and
/// each epoch of the final model. The caller decides how to show it (the CLI adds the
/// elapsed time); the library prints nothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Event<'a> {
    /// A stage begins or ends, in words (`clusters: truncated SVD`).
    Stage(&'a str),
    /// The final model finished `epoch` of `epochs`, with its F1 on the dev split if one
    /// is held out.
    Epoch {
        /// Epochs done.
        epoch: usize,
        /// Epochs in all.
        epochs: usize,
        /// F1 on the held-out dev split.
        dev_f1: Option<f64>,
    },
    /// A run of [`cross_validate`] finished, with its scores.
    Run(&'a CvRun),
}

/// The callback that receives [`Event`]s.
pub type Progress<'a> = &'a mut dyn FnMut(Event);

/// The averaged structured perceptron over the sentences `data[k]` for `k` in `which`,
/// starting from `model`'s shape; reports dev F1 after each epoch when `dev` is given.
fn perceptron(
    cfg: &Config,
    data: &[Prepared],
    which: &[usize],
    mut model: Model,
    dev_data: &[Prepared],
    progress: Progress,
) -> (Model, Option<Evaluation>) {
    let n_w = model.weights.len();
    let mut w = vec![0.0f64; n_w];
    let mut acc = vec![0.0f64; n_w];
    let mut tw = vec![0.0f64; model.trans.len()];
    let mut tacc = vec![0.0f64; model.trans.len()];
    let mut c = 1.0f64;
    let mut order: Vec<usize> = which.to_vec();
    let mut rng = Rng(cfg.seed | 1);
    let mut scores: Vec<[f32; T]> = Vec::new();
    let mut last_eval = None;
    for epoch in 0..cfg.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &k in &order {
            let s = &data[k];
            let n = s.gold.len();
            scores.clear();
            for i in 0..n {
                let mut e = [0.0f32; T];
                for &f in &s.feats[s.offsets[i] as usize..s.offsets[i + 1] as usize] {
                    let r = model.row(f);
                    for t in 0..T {
                        e[t] += w[r + t] as f32;
                    }
                }
                scores.push(e);
            }
            let pred = viterbi(&scores, |p, cur| {
                tw[p.map_or(0, |p| p as usize + 1) * T + cur as usize] as f32
            });
            if pred != s.gold {
                for i in 0..n {
                    let (g, p) = (s.gold[i] as usize, pred[i] as usize);
                    if g != p {
                        for &f in &s.feats[s.offsets[i] as usize..s.offsets[i + 1] as usize] {
                            let r = model.row(f);
                            w[r + g] += 1.0;
                            acc[r + g] += c;
                            w[r + p] -= 1.0;
                            acc[r + p] -= c;
                        }
                    }
                    let gp = if i == 0 { 0 } else { s.gold[i - 1] as usize + 1 };
                    let pp = if i == 0 { 0 } else { pred[i - 1] as usize + 1 };
                    if gp != pp || g != p {
                        tw[gp * T + g] += 1.0;
                        tacc[gp * T + g] += c;
                        tw[pp * T + p] -= 1.0;
                        tacc[pp * T + p] -= c;
                    }
                }
            }
            c += 1.0;
        }
        // Averaged weights: w - acc / c.
        for i in 0..n_w {
            model.weights[i] = (w[i] - acc[i] / c) as f32;
        }
        for i in 0..tw.len() {
            model.trans[i] = (tw[i] - tacc[i] / c) as f32;
        }
        let f1 = if dev_data.is_empty() {
            None
        } else {
            let mut ev = Evaluation::default();
            for s in dev_data {
                let pred = model.decode(&s.feats, &s.offsets, &mut scores);
                ev.add(&s.gold, &pred);
            }
            let f1 = ev.overall.f1();
            last_eval = Some(ev);
            Some(f1)
        };
        progress(Event::Epoch { epoch: epoch + 1, epochs: cfg.epochs, dev_f1: f1 });
    }
    (model, last_eval)
}

/// A perceptron over `data[k]` for `k` in `which`, from an empty model over `lists`, with no
/// dev set and no progress reports (the first pass, its folds and the lexicon's tagger).
fn fit(cfg: &Config, data: &[Prepared], which: &[usize], lists: &Lists) -> Model {
    let model = Model::new(cfg.buckets, lists.clone());
    perceptron(cfg, data, which, model, &[], &mut |_| {}).0
}

/// Zeroes weights too small to matter, to keep the model file small.
fn prune(weights: &mut [f32]) {
    for v in weights {
        if v.abs() < 1e-3 {
            *v = 0.0;
        }
    }
}

/// The unlabeled news and the word clusters learnt from it: what does not depend on which
/// sentences are held out or on the shuffling seed, so that a cross-validation
/// ([`cross_validate`]) reads and clusters it once per draw, not once per run.
struct Unlabeled {
    /// News texts for the lexicon (`cfg.lexicon_docs` of them at most).
    texts: Vec<String>,
    /// Stem hash → cluster id (empty without clusters).
    clusters: rustc_hash::FxHashMap<u64, u16>,
}

impl Unlabeled {
    /// Reads the news (and, for the clusters, the words of WikiFANE and AQMAR) and learns
    /// the clusters of draw `cfg.cluster_draw`, as `cfg` asks.
    fn load(cfg: &Config, progress: Progress) -> Result<Unlabeled> {
        let texts = if cfg.cluster_docs.max(cfg.lexicon_docs) > 0 {
            progress(Event::Stage("reading the unlabeled news"));
            crate::lexicon::news_texts(&cfg.data, cfg.cluster_docs.max(cfg.lexicon_docs))?
        } else {
            Vec::new()
        };
        let mut clusters = rustc_hash::FxHashMap::default();
        if cfg.cluster_docs > 0 {
            let wiki = if cfg.wiki_clusters { wiki_texts(cfg)? } else { Vec::new() };
            let docs: Vec<&str> = texts[..cfg.cluster_docs.min(texts.len())]
                .iter()
                .chain(&wiki)
                .map(String::as_str)
                .collect();
            clusters = crate::clusters::build(&docs, cfg.cluster_draw, &mut |m| {
                progress(Event::Stage(m))
            })?;
        }
        let texts = texts.into_iter().take(cfg.lexicon_docs).collect();
        Ok(Unlabeled { texts, clusters })
    }
}

/// Trains a model, reporting each stage and each final epoch to `progress`.
pub fn train(cfg: &Config, progress: Progress) -> Result<(Model, Option<Evaluation>)> {
    progress(Event::Stage("reading the training corpora and the name lists"));
    let (train, dev) = corpora(cfg)?;
    let lists = build_lists(cfg)?;
    let unlabeled = Unlabeled::load(cfg, progress)?;
    train_from(cfg, &unlabeled, train, dev, lists, progress)
}

/// [`train`] with the unlabeled side already read and clustered, and the corpora and lists
/// already read.
fn train_from(
    cfg: &Config,
    unlabeled: &Unlabeled,
    train: Vec<Sentence>,
    dev: Vec<Sentence>,
    mut lists: Lists,
    progress: Progress,
) -> Result<(Model, Option<Evaluation>)> {
    lists.clusters = unlabeled.clusters.clone();
    let texts = &unlabeled.texts;
    let mut data = prepare(&train, &lists);
    if cfg.lexicon_docs > 0 {
        // Self-training: a model without the lexicon tags the news, the lexicon is what it
        // found; each further round retrains with the lexicon and tags the news again.
        let all: Vec<usize> = (0..data.len()).collect();
        for round in 0..cfg.lexicon_rounds.max(1) {
            progress(Event::Stage(&format!(
                "lexicon round {}: training the model that tags the news",
                round + 1
            )));
            let first = fit(cfg, &data, &all, &lists);
            progress(Event::Stage(&format!(
                "lexicon round {}: tagging {} articles on {} threads",
                round + 1,
                texts.len(),
                cfg.threads.max(1)
            )));
            lists.lexicon =
                crate::lexicon::build(texts, &first, &lists, cfg.threads, cfg.lexicon_soft);
            progress(Event::Stage(&format!(
                "lexicon round {}: {} stems",
                round + 1,
                lists.lexicon.len()
            )));
            data = prepare(&train, &lists);
        }
    }
    let mut dev_data = prepare(&dev, &lists);
    let mut first_pass: Option<Model> = None;
    let all: Vec<usize> = (0..data.len()).collect();
    if cfg.history {
        // Stacking: the first pass's tags of the training sentences come from models that
        // did not see them (five contiguous folds), as unseen text's would.
        let folds = 5;
        progress(Event::Stage(&format!(
            "document context: {folds} models for the training sentences' first pass, then the first pass"
        )));
        let mut p1 = Vec::with_capacity(data.len());
        for f in 0..folds {
            let (a, b) = (data.len() * f / folds, data.len() * (f + 1) / folds);
            let rest: Vec<usize> = all.iter().copied().filter(|&k| k < a || k >= b).collect();
            p1.extend(pass1(&fit(cfg, &data, &rest, &lists), &data[a..b]));
        }
        let first = fit(cfg, &data, &all, &lists);
        dev_data = add_history(&dev_data, &pass1(&first, &dev_data));
        data = add_history(&data, &p1);
        first_pass = Some(first);
    }
    let all: Vec<usize> = (0..data.len()).collect();
    progress(Event::Stage(&format!(
        "final model: {} sentences, {} epochs",
        data.len(),
        cfg.epochs
    )));
    let (mut model, last_eval) =
        perceptron(cfg, &data, &all, Model::new(cfg.buckets, lists), &dev_data, progress);
    // Calibrate the confidence temperature on the dev split; without one (the shipped model,
    // trained on all of ANERcorp train) use the value the dev-split experiment found.
    model.temperature = if dev_data.is_empty() {
        cfg.temperature.unwrap_or(DEFAULT_TEMPERATURE)
    } else {
        calibrate(&model, &dev_data, cfg.temperature)
    };
    prune(&mut model.weights);
    if let Some(mut first) = first_pass {
        prune(&mut first.weights);
        model.set_first(Weights { weights: first.weights, trans: first.trans });
    }
    let mut meta = serde_json::json!({
        "format": "rasd-ner averaged structured perceptron",
        "tags": crate::tags::TAGS,
        "epochs": cfg.epochs,
        "buckets": cfg.buckets,
        "seed": cfg.seed,
        "training": std::iter::once("anercorp-train").chain(cfg.extra.iter().map(String::as_str)).collect::<Vec<_>>(),
        "dev_split": cfg.dev_split,
        "gazetteers": cfg.gazetteers,
        "cluster_docs": cfg.cluster_docs,
        "wiki_clusters": cfg.wiki_clusters,
        "cluster_words": model.lists.clusters.len(),
        "lexicon_docs": cfg.lexicon_docs,
        "lexicon_rounds": cfg.lexicon_rounds,
        "lexicon_soft": cfg.lexicon_soft,
        "history": cfg.history,
        "lexicon_stems": model.lists.lexicon.len(),
        "temperature": model.temperature,
        "sentences": train.len(),
    });
    if cfg.cluster_draw != 0 {
        // Recorded only off the default, so that the shipped model's bytes stay as they were.
        meta["cluster_draw"] = cfg.cluster_draw.into();
    }
    model.meta = meta.to_string();
    Ok((model, last_eval))
}

/// One run of a cross-validation: the draw of the clusters, the shuffling seed, the held-out
/// tenth, and the scores on it.
#[derive(Debug, Clone, PartialEq)]
pub struct CvRun {
    /// [`Config::cluster_draw`].
    pub draw: u64,
    /// [`Config::seed`].
    pub seed: u64,
    /// [`Config::dev_fold`].
    pub fold: usize,
    /// Exact-span scores on the held-out tenth.
    pub eval: Evaluation,
}

/// Trains one model per draw × seed × tenth, each holding out its tenth of ANERcorp train,
/// and returns their scores in that order. The news is read and clustered once per draw;
/// `cfg`'s own `seed`, `dev_fold` and `cluster_draw` are ignored.
pub fn cross_validate(
    cfg: &Config,
    folds: &[usize],
    seeds: &[u64],
    draws: &[u64],
    progress: Progress,
) -> Result<Vec<CvRun>> {
    let mut runs = Vec::new();
    let total = draws.len() * seeds.len() * folds.len();
    progress(Event::Stage("reading the name lists"));
    let lists = build_lists(cfg)?;
    for &draw in draws {
        let cfg_draw = Config { cluster_draw: draw, ..cfg.clone() };
        progress(Event::Stage(&format!("draw {draw} of the clusters")));
        let unlabeled = Unlabeled::load(&cfg_draw, progress)?;
        for &seed in seeds {
            for &fold in folds {
                let run = Config { seed, dev_fold: fold, dev_split: true, ..cfg_draw.clone() };
                progress(Event::Stage(&format!(
                    "run {} of {total}: draw {draw}, seed {seed}, tenth {fold} held out",
                    runs.len() + 1
                )));
                let (train, dev) = corpora(&run)?;
                let (_, eval) = train_from(&run, &unlabeled, train, dev, lists.clone(), progress)?;
                let eval = eval.unwrap_or_default();
                let run = CvRun { draw, seed, fold, eval };
                progress(Event::Run(&run));
                runs.push(run);
            }
        }
    }
    Ok(runs)
}

/// What a cross-validation says: the F1 pooled over the tenths for each draw × seed (the
/// counts of its tenths summed), their mean and standard deviation, and the counts pooled
/// over every run.
#[derive(Debug, Clone, Default)]
pub struct CvSummary {
    /// (draw, seed, pooled scores over the tenths), in run order.
    pub pooled: Vec<(u64, u64, Evaluation)>,
    /// Mean of the pooled overall F1s.
    pub mean_f1: f64,
    /// Their sample standard deviation (0 with one draw × seed).
    pub sd_f1: f64,
    /// Every run's counts summed.
    pub all: Evaluation,
}

/// Summarises the runs of [`cross_validate`].
pub fn summarise(runs: &[CvRun]) -> CvSummary {
    let mut out = CvSummary::default();
    for r in runs {
        out.all.absorb(&r.eval);
        match out.pooled.iter_mut().find(|(d, s, _)| (*d, *s) == (r.draw, r.seed)) {
            Some((_, _, e)) => e.absorb(&r.eval),
            None => out.pooled.push((r.draw, r.seed, r.eval.clone())),
        }
    }
    let f1s: Vec<f64> = out.pooled.iter().map(|(_, _, e)| e.overall.f1()).collect();
    let n = f1s.len() as f64;
    if n > 0.0 {
        out.mean_f1 = f1s.iter().sum::<f64>() / n;
    }
    if n > 1.0 {
        let var = f1s.iter().map(|f| (f - out.mean_f1).powi(2)).sum::<f64>() / (n - 1.0);
        out.sd_f1 = var.sqrt();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `../shared/data`, or `None` (with a note) where the checkout has none beside it.
    fn shared_data() -> Option<PathBuf> {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
        if data.join("ner").exists() {
            Some(data)
        } else {
            eprintln!("skipping: ../shared/data not found");
            None
        }
    }

    #[test]
    fn wiki_texts_are_words_without_labels() {
        let Some(data) = shared_data() else { return };
        let texts = wiki_texts(&Config { data, ..Default::default() }).unwrap();
        assert!(texts.len() > 100, "{} pseudo-documents", texts.len());
        // Every full pseudo-document holds WIKI_DOC_SENTENCES sentences, one a line.
        assert_eq!(texts[0].matches('\n').count(), WIKI_DOC_SENTENCES);
        for t in &texts {
            assert!(!t.split_whitespace().any(|w| w.starts_with("B-") || w.starts_with("I-")));
        }
    }

    fn eval(correct: usize, predicted: usize, gold: usize) -> Evaluation {
        let c = crate::metrics::Counts { correct, predicted, gold };
        Evaluation { overall: c, per_type: [c, Default::default(), Default::default(), c] }
    }

    #[test]
    fn summary_pools_tenths_per_draw_and_seed() {
        let run = |draw, fold, e| CvRun { draw, seed: 1, fold, eval: e };
        let runs = [
            run(0, 0, eval(8, 10, 10)),
            run(0, 2, eval(2, 10, 10)),
            run(3, 0, eval(6, 10, 10)),
            run(3, 2, eval(6, 10, 10)),
        ];
        let s = summarise(&runs);
        assert_eq!(s.pooled.len(), 2);
        assert_eq!((s.pooled[0].0, s.pooled[1].0), (0, 3));
        // Draw 0 pools 10 of 20 (F1 0.5), draw 3 12 of 20 (0.6): not the mean of tenths.
        assert!((s.pooled[0].2.overall.f1() - 0.5).abs() < 1e-12);
        assert!((s.pooled[1].2.overall.f1() - 0.6).abs() < 1e-12);
        assert!((s.mean_f1 - 0.55).abs() < 1e-12);
        assert!((s.sd_f1 - 0.1 / 2f64.sqrt()).abs() < 1e-12);
        assert_eq!(s.all.overall, crate::metrics::Counts { correct: 22, predicted: 40, gold: 40 });
        assert_eq!(s.all.per_type[3].correct, 22);
        assert_eq!(summarise(&runs[..1]).sd_f1, 0.0);
        assert_eq!(summarise(&[]).mean_f1, 0.0);
    }

    #[test]
    fn cross_validation_runs_every_draw_seed_and_tenth() {
        let Some(data) = shared_data() else { return };
        // A small setting, to keep the test short: 300 articles, two epochs, one pass.
        let cfg = Config {
            data,
            epochs: 2,
            cluster_docs: 300,
            lexicon_docs: 300,
            wiki_clusters: false,
            history: false,
            ..Default::default()
        };
        let mut stages = Vec::new();
        let mut reported = Vec::new();
        let runs = cross_validate(&cfg, &[0, 9], &[1], &[0, 5], &mut |e| match e {
            Event::Stage(s) => stages.push(s.to_string()),
            Event::Run(r) => reported.push(r.clone()),
            Event::Epoch { .. } => {}
        })
        .unwrap();
        // Each run is reported as it ends, as it is returned.
        assert_eq!(reported, runs);
        let keys: Vec<(u64, u64, usize)> = runs.iter().map(|r| (r.draw, r.seed, r.fold)).collect();
        assert_eq!(keys, [(0, 1, 0), (0, 1, 9), (5, 1, 0), (5, 1, 9)]);
        // The news is clustered once per draw, not once per run.
        assert_eq!(stages.iter().filter(|s| s.contains("k-means (fine)")).count(), 2);
        assert!(stages.iter().any(|s| s == "run 4 of 4: draw 5, seed 1, tenth 9 held out"));
        // Each run is scored on its own tenth: the same gold for both draws, not for both
        // tenths; and a model trained this briefly still finds most names.
        assert_eq!(runs[0].eval.overall.gold, runs[2].eval.overall.gold);
        assert_ne!(runs[0].eval.overall.gold, runs[1].eval.overall.gold);
        for r in &runs {
            assert!(r.eval.overall.f1() > 0.5, "{:?}: {}", (r.draw, r.fold), r.eval.report());
        }
    }

    #[test]
    fn dev_fold_holds_out_one_tenth() {
        let Some(data) = shared_data() else { return };
        let cfg = |dev_split, dev_fold| Config {
            data: data.clone(),
            dev_split,
            dev_fold,
            ..Default::default()
        };
        let (all, none) = corpora(&cfg(false, 0)).unwrap();
        assert!(none.is_empty());
        for k in [0, 4, 9] {
            let (train, dev) = corpora(&cfg(true, k)).unwrap();
            let (a, b) = (all.len() * k / 10, all.len() * (k + 1) / 10);
            assert_eq!(dev.len(), b - a);
            assert_eq!(train.len() + dev.len(), all.len());
            assert_eq!(dev[0].tokens, all[a].tokens);
            // Training goes on after the held-out tenth with the sentence that follows it.
            if b < all.len() {
                assert_eq!(train[a].tokens, all[b].tokens);
            }
        }
    }
}
