//! Per-token analysis shared by training and tagging: normalised forms, clitic pieces,
//! shape, gazetteer and cluster lookups.

use rustc_hash::FxHashMap;

use rasd_doc::Clitic;
use rasd_text::{fold_lexicon, is_arabic_letter, normalize_str, Lexicon, Profile};

/// Gazetteer flags (bit positions).
pub mod flag {
    /// Country name.
    pub const COUNTRY: u16 = 1 << 0;
    /// City or town.
    pub const CITY: u16 = 1 << 1;
    /// State, province or region.
    pub const REGION: u16 = 1 << 2;
    /// Given name.
    pub const FIRST: u16 = 1 << 3;
    /// Family name.
    pub const LAST: u16 = 1 << 4;
    /// Full name of a notable person.
    pub const PERSON: u16 = 1 << 5;
    /// Nationality adjective (demonym).
    pub const DEMONYM: u16 = 1 << 6;
    /// Organisation head word (وزارة، حركة).
    pub const ORG_HEAD: u16 = 1 << 7;
    /// Title before a person (الرئيس، السيد).
    pub const TITLE: u16 = 1 << 8;
    /// Cue inside or after person names (بن، قال).
    pub const PERSON_CUE: u16 = 1 << 9;
    /// Continent or world region.
    pub const CONTINENT: u16 = 1 << 10;
    /// Listed places, and nationalities (no given names either).
    pub const PLACE: u16 = COUNTRY | CITY | REGION | CONTINENT | DEMONYM;
    /// A prefix of a multi-word entry (internal to matching).
    pub const PREFIX: u16 = 1 << 15;
    /// All flags except PREFIX.
    pub const ALL: u16 = !PREFIX;
}

/// A hash of a gazetteer key (one word, or words joined by a space).
pub fn key_hash(key: &str) -> u64 {
    fnv(0xcbf2_9ce4_8422_2325, key.as_bytes())
}

/// FNV-1a over `bytes`, continuing from `h`.
pub fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Name lists and word clusters, as hashes of keys (no third-party text is stored).
#[derive(Debug, Default, Clone)]
pub struct Lists {
    /// Key hash → flags.
    pub gazetteer: FxHashMap<u64, u16>,
    /// Word key hash → cluster id.
    pub clusters: FxHashMap<u64, u16>,
    /// Stem hash → how often the news tags it as each type (see [`crate::lexicon`]).
    pub lexicon: FxHashMap<u64, u16>,
}

impl Lists {
    /// Adds a (possibly multi-word) entry with `flags`.
    pub fn add(&mut self, words: &[String], flags: u16) {
        if words.is_empty() {
            return;
        }
        for n in 1..words.len() {
            *self.gazetteer.entry(key_hash(&words[..n].join(" "))).or_insert(0) |= flag::PREFIX;
        }
        *self.gazetteer.entry(key_hash(&words.join(" "))).or_insert(0) |= flags;
    }

    /// The flags of one key (a folded word, or words joined by a space); 0 if unlisted.
    pub fn flags(&self, key: &str) -> u16 {
        self.flags_hashed(key_hash(key))
    }

    /// [`Lists::flags`] of a key already hashed with [`key_hash`] (or [`fnv`] continued over
    /// its parts, which hashes their concatenation without building it).
    pub fn flags_hashed(&self, hash: u64) -> u16 {
        self.gazetteer.get(&hash).copied().unwrap_or(0) & flag::ALL
    }
}

/// What the features see of one token.
#[derive(Debug, Clone, Default)]
pub struct TokenInfo {
    /// Conservative normalisation, alef/ya folded.
    pub key: String,
    /// The stem: the word without clitics (article included in the clitics).
    pub stem: String,
    /// [`key_hash`] of the stem.
    pub stem_hash: u64,
    /// Proclitics, e.g. `و+ب+ال`.
    pub pre: String,
    /// Attached pronoun.
    pub suf: String,
    /// 0 Arabic, 1 digits, 2 Latin/other letters, 3 punctuation, 4 mixed/other.
    pub shape: u8,
    /// Single-token gazetteer flags.
    pub gaz: u16,
    /// Multi-token gazetteer match: flags and whether this token begins it.
    pub multi: (u16, bool),
    /// Word cluster, if known.
    pub cluster: Option<u16>,
    /// Self-trained lexicon entry of the stem, if it has one.
    pub lex: Option<u16>,
}

/// A word already split into clitics by the text layer (conservative normalisation; clitic
/// forms joined by `+`, as [`Analyzer`] would split it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SplitWord {
    /// The whole word, normalised.
    pub norm: String,
    /// Proclitic forms joined by `+` (`و+ب+ال`).
    pub pre: String,
    /// The stem's form.
    pub stem: String,
    /// The pronoun suffix.
    pub suf: String,
}

/// Turns words into [`TokenInfo`]s.
pub struct Analyzer<'a> {
    lexicon: &'a Lexicon,
    lists: &'a Lists,
}

impl<'a> Analyzer<'a> {
    /// An analyzer over the built-in clitic lexicon and the given lists.
    pub fn new(lists: &'a Lists) -> Analyzer<'a> {
        Analyzer { lexicon: Lexicon::builtin(), lists }
    }

    /// The gazetteer key of a word: its stem without clitics (article included), folded.
    pub fn gaz_key(&self, word: &str) -> String {
        let norm = normalize_str(word, Profile::Conservative);
        let (_, stem, _) = self.split(&norm);
        stem.chars().map(fold_lexicon).collect()
    }

    fn split(&self, norm: &str) -> (String, String, String) {
        if !norm.chars().all(is_arabic_letter) || norm.is_empty() {
            return (String::new(), norm.to_string(), String::new());
        }
        let mut pre = String::new();
        let mut stem = String::new();
        let mut suf = String::new();
        for p in self.lexicon.segment(norm) {
            match p.clitic {
                Clitic::None => stem.push_str(&p.form),
                Clitic::Pronoun => suf.push_str(&p.form),
                _ => {
                    if !pre.is_empty() {
                        pre.push('+');
                    }
                    pre.push_str(&p.form);
                }
            }
        }
        if stem.is_empty() {
            stem = norm.to_string();
        }
        (pre, stem, suf)
    }

    /// Analyses a sentence of words.
    pub fn analyse<S: AsRef<str>>(&self, words: &[S]) -> Vec<TokenInfo> {
        let mut out: Vec<TokenInfo> = words.iter().map(|w| self.token(w.as_ref())).collect();
        self.match_multi(&mut out);
        out
    }

    /// Analyses a sentence whose words are already segmented (by the text layer), so that
    /// the pipeline does not segment every word twice.
    pub fn analyse_split(&self, words: &[SplitWord]) -> Vec<TokenInfo> {
        let mut out: Vec<TokenInfo> = words
            .iter()
            .map(|w| {
                let stem = if w.stem.is_empty() { w.norm.clone() } else { w.stem.clone() };
                self.token_from(&w.norm, w.pre.clone(), &stem, w.suf.clone())
            })
            .collect();
        self.match_multi(&mut out);
        out
    }

    fn token(&self, word: &str) -> TokenInfo {
        let norm = normalize_str(word, Profile::Conservative);
        let (pre, stem, suf) = self.split(&norm);
        self.token_from(&norm, pre, &stem, suf)
    }

    fn token_from(&self, norm: &str, pre: String, stem: &str, suf: String) -> TokenInfo {
        let key: String = norm.chars().map(fold_lexicon).collect();
        let stem: String = stem.chars().map(fold_lexicon).collect();
        let shape = shape(norm);
        let stem_hash = key_hash(&stem);
        let mut gaz = self.lists.gazetteer.get(&stem_hash).copied().unwrap_or(0) & flag::ALL;
        // Titles and cues are listed with their article (الرئيس): look the full word up too,
        // without conjunctions and prepositions.
        let with_article = key.trim_start_matches(['و', 'ف']);
        gaz |= self.lists.gazetteer.get(&key_hash(with_article)).copied().unwrap_or(0)
            & (flag::TITLE | flag::PERSON_CUE | flag::ORG_HEAD);
        let cluster = self.lists.clusters.get(&stem_hash).copied();
        let lex = self.lists.lexicon.get(&stem_hash).copied();
        TokenInfo { key, stem, stem_hash, pre, suf, shape, gaz, multi: (0, false), cluster, lex }
    }

    /// Longest multi-word gazetteer matches over stems.
    fn match_multi(&self, toks: &mut [TokenInfo]) {
        let mut i = 0;
        while i < toks.len() {
            let mut joined = String::new();
            let mut best: Option<(usize, u16)> = None;
            for j in i..toks.len().min(i + 6) {
                if j > i {
                    joined.push(' ');
                }
                joined.push_str(&toks[j].stem);
                let Some(&f) = self.lists.gazetteer.get(&key_hash(&joined)) else { break };
                if f & flag::ALL != 0 && j > i {
                    best = Some((j + 1, f & flag::ALL));
                }
                if f & flag::PREFIX == 0 {
                    break;
                }
            }
            match best {
                Some((end, f)) => {
                    for (k, t) in toks[i..end].iter_mut().enumerate() {
                        t.multi = (f, k == 0);
                    }
                    i = end;
                }
                None => i += 1,
            }
        }
    }
}

fn shape(s: &str) -> u8 {
    let mut kinds = 0u8;
    for c in s.chars() {
        kinds |= if is_arabic_letter(c) {
            1
        } else if c.is_ascii_digit() {
            2
        } else if rasd_text::is_alphabetic(c) {
            4
        } else {
            8
        };
    }
    match kinds {
        1 => 0,
        2 => 1,
        4 => 2,
        8 => 3,
        _ => 4,
    }
}
