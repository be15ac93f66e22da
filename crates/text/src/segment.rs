//! Clitic segmentation of Arabic words, decided by corpus statistics.
//!
//! Arabic writes conjunctions (و ف), prepositions (ب ل ك), the future particle (س), the
//! article (ال) and object/possessive pronouns (ه ها هم هما كم نا …) attached to the word.
//! A blind prefix strip breaks names (`لبنان` is not ل + بنان, `فاغنر` is not ف + اغنر), so
//! every strip is checked against a [`Lexicon`] of word frequencies learned from the corpora
//! in `shared/data` by `tools/lexicon-build`:
//!
//! - a proclitic `p` is split from word `pX` when `X` is attested and `pX` is not much more
//!   frequent than `X` (`freq(pX) <= gamma(p) * attest(X)`): `وقال` (19,823) vs `قال`
//!   (10,382) splits, `فقط` (4,549) vs `قط` (95) stays whole;
//! - the article is split unless the word is protected, most writers spell it with a hamza
//!   (`البانيا` is `ألبانيا`), it is a verb whose imperfect is attested (`التقى`/`يلتقي`), or
//!   its stem never occurs bare while the whole word is frequent;
//! - a pronoun suffix is split when the stem (with `ت` restored to `ة` where that is the better
//!   attested reading) is attested as a word, with the article or with other pronouns;
//! - closed-class exceptions (`الذي`, `كما`, country names whose article is part of the name
//!   such as `الجزائر`) are data files beside this crate.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

use rasd_doc::Clitic;

use crate::normalize::fold_lexicon;

/// How much more frequent `pX` may be than `X` for the proclitic `p` to be split.
fn gamma(prefix: char) -> f64 {
    match prefix {
        'و' => 3.0,
        'ف' | 'ب' | 'ل' => 1.0,
        _ => 0.5,
    }
}

/// A rest at least this frequent lets و split even when `وX` is much more frequent than `X`.
const CONJ_COMMON_REST: f64 = 160.0;
/// How much more frequent `وX` may then be than `X`.
const CONJ_COMMON_GAMMA: f64 = 30.0;

/// How much more frequent `XS` may be than the attested stem `X` for the suffix `S` to be split.
const SUFFIX_DELTA: f64 = 10.0;
/// Minimum attestation of a stem for a suffix split.
const SUFFIX_MIN: u32 = 3;
/// A word at least this frequent whose stem never occurs bare keeps its article (`ألبانيا`).
const LEXICAL_ARTICLE_MIN: u32 = 5;

/// Pronoun suffixes, longest first. `ي` applies to closed-class hosts only.
const SUFFIXES: &[&str] = &["هما", "كما", "هم", "هن", "ها", "كم", "نا", "ه", "ي"];

/// Word frequencies and closed-class word lists that steer clitic segmentation.
#[derive(Debug, Default)]
pub struct Lexicon {
    freq: FxHashMap<String, u32>,
    /// Unfolded counts of words beginning with hamza-alef + lam (`ألبانيا`).
    hamza_lam: FxHashMap<String, u32>,
    protected: FxHashSet<String>,
    hosts: FxHashSet<String>,
}

/// Errors loading a lexicon.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconError {
    /// A frequency line was not `word<TAB>count`.
    #[error("lexicon line {line}: expected `word<TAB>count`, got {text:?}")]
    BadLine {
        /// 1-based line number.
        line: usize,
        /// The offending line.
        text: String,
    },
}

const BUILTIN_FREQ: &str = include_str!("../data/lexicon.tsv");
const BUILTIN_FUNCTION_WORDS: &str = include_str!("../data/function_words.txt");
const BUILTIN_COUNTRIES: &str = include_str!("../data/countries_with_article.txt");
const BUILTIN_HOSTS: &str = include_str!("../data/hosts.txt");

impl Lexicon {
    /// The lexicon shipped with rasd (built by `tools/lexicon-build`), loaded once.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            let mut lex = Lexicon::from_tsv(BUILTIN_FREQ)
                .unwrap_or_else(|e| panic!("built-in lexicon is corrupt (a build bug): {e}"));
            lex.add_protected(BUILTIN_FUNCTION_WORDS);
            lex.add_protected(BUILTIN_COUNTRIES);
            lex.add_hosts(BUILTIN_HOSTS);
            lex
        })
    }

    /// Parses `word<TAB>count` lines (blank lines and `#` comments ignored).
    pub fn from_tsv(tsv: &str) -> Result<Lexicon, LexiconError> {
        let mut freq = FxHashMap::with_capacity_and_hasher(tsv.len() / 16, Default::default());
        let mut hamza_lam = FxHashMap::default();
        for (i, line) in tsv.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || LexiconError::BadLine { line: i + 1, text: line.to_string() };
            let (word, count) = line.split_once('\t').ok_or_else(bad)?;
            let count: u32 = count.trim().parse().map_err(|_| bad())?;
            match word.strip_prefix('@') {
                Some(word) => hamza_lam.insert(word.to_string(), count),
                None => freq.insert(key(word), count),
            };
        }
        Ok(Lexicon { freq, hamza_lam, ..Lexicon::default() })
    }

    /// Adds words (one per line, `#` comments) that must never be segmented.
    pub fn add_protected(&mut self, list: &str) {
        self.protected.extend(list_words(list).map(key));
    }

    /// Adds closed-class words that take pronoun suffixes even when short.
    pub fn add_hosts(&mut self, list: &str) {
        self.hosts.extend(list_words(list).map(key));
    }

    /// Corpus frequency of a word (conservative spelling; alef and ya variants folded).
    pub fn freq(&self, word: &str) -> u32 {
        // Most words have no alef or ya variant to fold: look them up without a new key.
        let found = if word.chars().any(|c| fold_lexicon(c) != c) {
            self.freq.get(&key(word))
        } else {
            self.freq.get(word)
        };
        found.copied().unwrap_or(0)
    }

    /// Number of distinct words in the frequency table.
    pub fn len(&self) -> usize {
        self.freq.len()
    }

    /// Whether the frequency table is empty.
    pub fn is_empty(&self) -> bool {
        self.freq.is_empty()
    }

    fn is_protected(&self, word: &str) -> bool {
        self.protected.contains(&key(word))
    }

    fn is_host(&self, word: &str) -> bool {
        self.hosts.contains(&key(word))
    }

    /// Evidence that `word` is a real word: its frequency, or failing that the frequency of
    /// what remains after one more clitic is removed.
    fn attest(&self, word: &str) -> u32 {
        let f = self.freq(word);
        if f > 0 {
            return f;
        }
        let mut best = 0;
        if let Some(rest) = word.strip_prefix("ال") {
            best = best.max(self.freq(rest));
        }
        if let Some(c) = word.chars().next() {
            if matches!(c, 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
                best = best.max(self.freq(&word[c.len_utf8()..]));
            }
        }
        for suffix in &SUFFIXES[..SUFFIXES.len() - 1] {
            if let Some(stem) = word.strip_suffix(suffix) {
                if char_len(stem) >= 2 {
                    best = best.max(self.freq(stem));
                    break;
                }
            }
        }
        best
    }

    /// Splits an Arabic word (conservative normalisation, Arabic letters only) into pieces.
    ///
    /// ```
    /// use rasd_text::Lexicon;
    /// use rasd_doc::Clitic;
    /// let lex = Lexicon::builtin();
    /// let forms: Vec<_> = lex.segment("وبالرباط").into_iter().map(|p| p.form).collect();
    /// assert_eq!(forms, ["و", "ب", "ال", "رباط"]);
    /// assert_eq!(lex.segment("لبنان").len(), 1);
    /// ```
    pub fn segment(&self, word: &str) -> Vec<Piece> {
        let mut pieces = Vec::with_capacity(4);
        if self.is_protected(word) {
            pieces.push(Piece::new(0, word.len(), word, Clitic::None));
            return pieces;
        }
        if word == "ال" {
            pieces.push(Piece::new(0, word.len(), word, Clitic::Article));
            return pieces;
        }
        let mut pos = 0;
        // Conjunction.
        if let Some(c @ ('و' | 'ف')) = word.chars().next() {
            if self.prefix_ok(word, c) {
                pieces.push(Piece::new(
                    0,
                    c.len_utf8(),
                    &word[..c.len_utf8()],
                    Clitic::Conjunction,
                ));
                pos += c.len_utf8();
            }
        }
        // Preposition or future particle; fused lam-lam (للولايات = ل + ال + ولايات).
        let mut article = false;
        let rest = &word[pos..];
        if rest.starts_with("لل") && char_len(rest) >= 4 && !self.is_protected(rest) {
            let after = &rest["لل".len()..];
            let l = 'ل'.len_utf8();
            if self.is_protected(&format!("ال{after}")) {
                // ل + a name whose article is part of it (للجزائر = ل + الجزائر).
                pieces.push(Piece::new(pos, pos + l, "ل", Clitic::Preposition));
                pieces.push(Piece::new(pos + l, word.len(), &format!("ال{after}"), Clitic::None));
                return pieces;
            }
            let fused = self.freq(&format!("ال{after}"));
            let plain = self.attest(&rest["ل".len()..]);
            // A word never seen in any form (للحموشي) reads as ل + ال + a name: a word that
            // itself begins with ل (للبنان = ل + لبنان) is attested.
            let unknown = fused == 0 && plain == 0 && self.freq(rest) == 0 && char_len(after) >= 3;
            if unknown
                || (fused > 0
                    && fused >= plain
                    && self.freq(rest) as f64 <= gamma('ل') * fused as f64)
            {
                pieces.push(Piece::new(pos, pos + l, "ل", Clitic::Preposition));
                pieces.push(Piece::new(pos + l, pos + 2 * l, "ال", Clitic::Article));
                pos += 2 * l;
                article = true;
            }
        }
        if !article {
            let rest = &word[pos..];
            match rest.chars().next() {
                Some(c @ ('ب' | 'ل' | 'ك')) if self.prefix_ok(rest, c) => {
                    pieces.push(Piece::new(
                        pos,
                        pos + c.len_utf8(),
                        &rest[..c.len_utf8()],
                        Clitic::Preposition,
                    ));
                    pos += c.len_utf8();
                }
                Some('س')
                    if rest["س".len()..].starts_with(['ي', 'ت', 'ن', 'أ'])
                        && self.prefix_ok(rest, 'س') =>
                {
                    pieces.push(Piece::new(pos, pos + 'س'.len_utf8(), "س", Clitic::Future));
                    pos += 'س'.len_utf8();
                }
                _ => {}
            }
            // Article.
            let rest = &word[pos..];
            if rest.starts_with("ال") && char_len(rest) >= 4 && self.article_ok(rest) {
                let n = "ال".len();
                pieces.push(Piece::new(pos, pos + n, "ال", Clitic::Article));
                pos += n;
                article = true;
            }
        }
        // Pronoun suffix (never together with the article).
        let rest = &word[pos..];
        let suffix = if article || self.is_protected(rest) { None } else { self.suffix(rest) };
        match suffix {
            Some((stem_len, stem_form, suffix)) => {
                pieces.push(Piece::new(pos, pos + stem_len, &stem_form, Clitic::None));
                pieces.push(Piece::new(pos + stem_len, word.len(), suffix, Clitic::Pronoun));
            }
            None => pieces.push(Piece::new(pos, word.len(), rest, Clitic::None)),
        }
        pieces
    }

    /// Whether the one-letter proclitic `p` at the start of `word` should be split off.
    fn prefix_ok(&self, word: &str, p: char) -> bool {
        let rest = &word[p.len_utf8()..];
        if char_len(rest) < 2 || self.is_protected(word) {
            return false;
        }
        // The whole word counts with its own pronoun-suffix reading: وكالاتها is وكالات + ها,
        // not و + كالاتها.
        let whole = self.freq(word).max(self.suffix_stem_freq(word)) as f64;
        let rest = self.attest(rest) as f64;
        if rest > 0.0 && whole <= gamma(p) * rest {
            return true;
        }
        // Sentence-initial "and + reporting verb" (وأضاف 8,938 vs أضاف 463) is far more frequent
        // than the bare verb; when the rest is itself a common word, و is still a conjunction.
        p == 'و' && rest >= CONJ_COMMON_REST && whole <= CONJ_COMMON_GAMMA * rest
    }

    /// The frequency of the best stem left when a pronoun suffix is removed (0 if none).
    fn suffix_stem_freq(&self, word: &str) -> u32 {
        let mut best = 0;
        for suffix in &SUFFIXES[..SUFFIXES.len() - 1] {
            if let Some(stem) = word.strip_suffix(suffix) {
                if char_len(stem) >= 3 {
                    best = best.max(self.freq(stem));
                    if let Some(base) = stem.strip_suffix('ت') {
                        best = best.max(self.freq(&format!("{base}ة")));
                    }
                }
            }
        }
        best
    }

    /// Whether the article at the start of `word` should be split off.
    fn article_ok(&self, word: &str) -> bool {
        if self.is_protected(word) {
            return false;
        }
        // Most writers spell it with a hamza (ألبانيا): the alef-lam is part of the word.
        let tail = &word['ا'.len_utf8()..];
        let hamza: u32 = ['أ', 'إ', 'آ']
            .iter()
            .map(|h| self.hamza_lam.get(&format!("{h}{tail}")).copied().unwrap_or(0))
            .sum();
        if hamza > 0 && 2 * hamza >= self.freq(word) {
            return false;
        }
        let stem = &word["ال".len()..];
        // A perfect verb of form VIII/VII (التقى، التزم): its imperfect يلتقي/تلتزم is attested.
        if self.freq(&format!("يل{stem}")) + self.freq(&format!("تل{stem}")) >= 2 {
            return false;
        }
        if self.freq(stem) > 0 {
            return true;
        }
        // The stem never occurs bare: the article is part of a frequent name (ألبانيا).
        self.freq(word) < LEXICAL_ARTICLE_MIN
    }

    /// Finds a pronoun suffix: (stem length in bytes, stem form, suffix).
    fn suffix(&self, word: &str) -> Option<(usize, String, &'static str)> {
        for &suffix in SUFFIXES {
            let Some(stem) = word.strip_suffix(suffix) else { continue };
            if stem.is_empty() {
                continue;
            }
            if self.is_host(stem) && (suffix != "ي" || char_len(stem) >= 2) {
                return Some((stem.len(), stem.to_string(), suffix));
            }
            // Two-letter stems are left alone: they are mostly transliterations (إيه) and
            // particles, and the few real nouns (يده) are rare in news.
            if suffix == "ي" || char_len(stem) < 3 {
                continue;
            }
            let whole = self.freq(word) as f64;
            let mut best: Option<(u32, String)> = None;
            let mut candidates = vec![stem.to_string()];
            if let Some(base) = stem.strip_suffix('ت') {
                candidates.push(format!("{base}ة"));
            }
            for cand in candidates {
                let mut a = self.freq(&cand) + self.freq(&format!("ال{cand}"));
                for &other in SUFFIXES {
                    if other != suffix && other != "ي" {
                        a += self.freq(&format!("{stem}{other}"));
                    }
                }
                if best.as_ref().is_none_or(|(b, _)| a > *b) {
                    best = Some((a, cand));
                }
            }
            // A final alef may be the accusative ending (إيمانا = إيمان + ـًا), not part of ها/نا.
            let tanween = word.strip_suffix('ا').map_or(0, |w| self.freq(w));
            if let Some((a, form)) = best {
                if a >= SUFFIX_MIN && whole <= SUFFIX_DELTA * a as f64 && tanween < a {
                    return Some((stem.len(), form, suffix));
                }
            }
            // Only the longest matching suffix is considered (ها before ه).
            return None;
        }
        None
    }
}

/// One piece of a segmented word: byte range inside the word, written form and role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Start byte inside the word.
    pub start: usize,
    /// End byte inside the word.
    pub end: usize,
    /// The piece's form (`ال` for the article hidden in `لل`, a restored `ة`).
    pub form: String,
    /// Its clitic role.
    pub clitic: Clitic,
}

impl Piece {
    fn new(start: usize, end: usize, form: &str, clitic: Clitic) -> Piece {
        Piece { start, end, form: form.to_string(), clitic }
    }
}

/// The lexicon key of a word: alef and alef-maqsura variants folded.
pub fn key(word: &str) -> String {
    word.chars().map(fold_lexicon).collect()
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

fn list_words(list: &str) -> impl Iterator<Item = &str> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(word: &str) -> Vec<String> {
        Lexicon::builtin().segment(word).into_iter().map(|p| p.form).collect()
    }

    macro_rules! t {
        ($name:ident, $word:expr, [$($piece:expr),*]) => {
            #[test]
            fn $name() {
                let expected: Vec<&str> = vec![$($piece),*];
                assert_eq!(forms($word), expected, "segmenting {}", $word);
            }
        };
    }

    // The examples of issue 2.
    t!(conj_prep_article, "وبالرباط", ["و", "ب", "ال", "رباط"]);
    t!(fused_lam_lam, "للولايات", ["ل", "ال", "ولايات"]);
    t!(country_with_article, "الجزائر", ["الجزائر"]);
    t!(albania_no_hamza, "البانيا", ["البانيا"]);
    t!(burkina, "بوركينا", ["بوركينا"]);
    t!(lebanon, "لبنان", ["لبنان"]);
    t!(wagner, "فاغنر", ["فاغنر"]);
    // General behaviour.
    t!(conjunction_verb, "وقال", ["و", "قال"]);
    t!(conjunction_reporting_verb, "وأضاف", ["و", "أضاف"]);
    t!(description_whole, "وصف", ["وصف"]);
    t!(conjunction_article, "والمخابرات", ["و", "ال", "مخابرات"]);
    t!(faqat_whole, "فقط", ["فقط"]);
    t!(minister_whole, "وزير", ["وزير"]);
    t!(statement_whole, "بيان", ["بيان"]);
    t!(france_whole, "فرنسا", ["فرنسا"]);
    t!(washington_whole, "واشنطن", ["واشنطن"]);
    t!(prep_with_country, "بالجزائر", ["ب", "الجزائر"]);
    t!(lam_before_lebanon, "للبنان", ["ل", "لبنان"]);
    t!(future, "سيكون", ["س", "يكون"]);
    t!(pronoun_counterpart, "نظيره", ["نظير", "ه"]);
    t!(pronoun_restores_ta_marbuta, "حكومته", ["حكومة", "ه"]);
    t!(pronoun_on_preposition, "لها", ["ل", "ها"]);
    t!(pronoun_on_min, "منه", ["من", "ه"]);
    t!(face_whole, "وجه", ["وجه"]);
    t!(direction_whole, "اتجاه", ["اتجاه"]);
    t!(allah_whole, "الله", ["الله"]);
    t!(relative_pronoun_whole, "الذي", ["الذي"]);
    t!(bare_article, "ال", ["ال"]);
    t!(lam_before_country_with_article, "للمغرب", ["ل", "المغرب"]);
    // An unseen name after لل: ل + ال + the name (a made-up family name).
    t!(fused_lam_lam_unknown_name, "للقرطباوي", ["ل", "ال", "قرطباوي"]);
    t!(transliteration_whole, "إيه", ["إيه"]);
    t!(plural_with_pronoun_not_prefix, "وكالاتها", ["وكالات", "ها"]);
    t!(accusative_alef_not_pronoun, "إيمانا", ["إيمانا"]);
    t!(form_viii_verb_whole, "التقى", ["التقى"]);
    t!(conj_form_viii_verb, "والتقى", ["و", "التقى"]);
    t!(article_on_noun_with_verb_lookalike, "التعاون", ["ال", "تعاون"]);

    #[test]
    fn pieces_tile_the_word() {
        for w in ["وبالرباط", "للولايات", "حكومته", "والتقى", "لبنان", "سيكون"]
        {
            let pieces = Lexicon::builtin().segment(w);
            let mut at = 0;
            for p in &pieces {
                assert_eq!(p.start, at, "{w}: {pieces:?}");
                assert!(p.end > p.start);
                at = p.end;
            }
            assert_eq!(at, w.len());
        }
    }

    #[test]
    fn rejects_malformed_tsv() {
        assert!(Lexicon::from_tsv("كلمة\t3\n").is_ok());
        let err = Lexicon::from_tsv("كلمة 3\n").unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
        assert!(Lexicon::from_tsv("كلمة\tx\n").is_err());
    }
}
