//! Tagging: the model applied to words, and the pipeline component.

use std::sync::OnceLock;

use rasd_doc::{Clitic, Component, Doc, Mention, Span};

use crate::analysis::{flag, Analyzer, SplitWord, TokenInfo};
use crate::errors::{Error, Result};
use crate::features::sentence_features;
use crate::history::Pass1;
use crate::model::{viterbi, Model};
use crate::tags::{begin, inside, is_inside, spans, type_of, Tag, LOC, ORG, T, TYPES};

/// The model shipped with rasd (trained by `rasd ner train`).
const BUILTIN: &[u8] = include_bytes!("../model/ner.bin");

/// Tags words with a model; built once, shared across threads.
#[derive(Debug, Clone)]
pub struct Tagger {
    model: Model,
}

impl Tagger {
    /// A tagger for `model`.
    pub fn new(model: Model) -> Tagger {
        Tagger { model }
    }

    /// The built-in model, loaded once.
    pub fn builtin() -> Result<&'static Tagger> {
        static TAGGER: OnceLock<std::result::Result<Tagger, String>> = OnceLock::new();
        TAGGER
            .get_or_init(|| {
                if BUILTIN.is_empty() {
                    return Err(
                        "no built-in NER model: run `rasd ner train` and rebuild".to_string()
                    );
                }
                Model::from_bytes(BUILTIN).map(Tagger::new).map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| Error::InvalidModel(e.clone()))
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags one sentence of words, returning a tag and a confidence per word.
    ///
    /// The confidence of a word is the marginal probability of its chosen tag under the
    /// distribution `exp(score / temperature)` over valid tag sequences (forward-backward),
    /// with the temperature calibrated at training time.
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> (Vec<Tag>, Vec<f32>) {
        self.tag_with(words, false)
    }

    /// Like [`Tagger::tag`], optionally adding organisation phrases found by the head-word
    /// rule (see [`mentions`]).
    pub fn tag_with<S: AsRef<str>>(&self, words: &[S], org_rule: bool) -> (Vec<Tag>, Vec<f32>) {
        let toks = Analyzer::new(&self.model.lists).analyse(words);
        self.tag_analysed(vec![toks], None, org_rule).pop().unwrap_or_default()
    }

    /// Tags words the text layer has already split into clitics (same result as
    /// [`Tagger::tag_with`] on their texts, without segmenting them again).
    pub fn tag_split(&self, words: &[SplitWord], org_rule: bool) -> (Vec<Tag>, Vec<f32>) {
        let toks = Analyzer::new(&self.model.lists).analyse_split(words);
        self.tag_analysed(vec![toks], None, org_rule).pop().unwrap_or_default()
    }

    /// Tags the sentences of one document, already split by the text layer: a model
    /// trained with document context sees how its first pass tagged each word elsewhere
    /// in the document (see [`crate::history`]).
    pub fn tag_split_document(
        &self,
        sentences: &[Vec<SplitWord>],
        org_rule: bool,
    ) -> Vec<(Vec<Tag>, Vec<f32>)> {
        let an = Analyzer::new(&self.model.lists);
        let toks = sentences.iter().map(|s| an.analyse_split(s)).collect();
        self.tag_analysed(toks, None, org_rule)
    }

    /// Tags a run of sentences with no document marks (a CoNLL file): the document context
    /// of each sentence is the [`crate::history::WINDOW`] sentences on each side.
    pub fn tag_run<W: AsRef<[S]>, S: AsRef<str>>(
        &self,
        sentences: &[W],
        org_rule: bool,
    ) -> Vec<(Vec<Tag>, Vec<f32>)> {
        let an = Analyzer::new(&self.model.lists);
        let toks = sentences.iter().map(|s| an.analyse(s.as_ref())).collect();
        self.tag_analysed(toks, Some(crate::history::WINDOW), org_rule)
    }

    fn tag_analysed(
        &self,
        sentences: Vec<Vec<TokenInfo>>,
        window: Option<usize>,
        org_rule: bool,
    ) -> Vec<(Vec<Tag>, Vec<f32>)> {
        let feats: Vec<(Vec<u64>, Vec<u32>)> =
            sentences.iter().map(|toks| sentence_features(toks)).collect();
        // Emissions of both passes in one walk over the features.
        let mut main: Vec<Vec<[f32; T]>> = Vec::with_capacity(sentences.len());
        let mut first: Vec<Vec<[f32; T]>> = Vec::with_capacity(sentences.len());
        for (f, o) in &feats {
            let n = o.len().saturating_sub(1);
            let (mut m, mut p) = (Vec::with_capacity(n), Vec::with_capacity(n));
            for i in 0..n {
                let (mut a, mut b) = ([0.0; T], [0.0; T]);
                self.model.emissions_both(&f[o[i] as usize..o[i + 1] as usize], &mut a, &mut b);
                m.push(a);
                p.push(b);
            }
            main.push(m);
            first.push(p);
        }
        if self.model.has_first() {
            // The first pass's tags give each word its document context, whose features
            // only the main weights have.
            let p1: Vec<Pass1> = sentences
                .iter()
                .zip(&first)
                .map(|(toks, e)| {
                    Pass1::new(toks, viterbi(e, |p, c| self.model.first_transition(p, c)))
                })
                .collect();
            let extra = crate::history::run_features(&p1, window);
            for (scores, sentence) in main.iter_mut().zip(&extra) {
                for (e, feats) in scores.iter_mut().zip(sentence) {
                    for &f in feats.iter().filter(|&&f| f != 0) {
                        self.model.add_main(f, e);
                    }
                }
            }
        }
        sentences
            .into_iter()
            .zip(main)
            .map(|(toks, scores)| {
                let tags = viterbi(&scores, |p, c| self.model.transition(p, c));
                self.finish(&toks, tags, &scores, org_rule)
            })
            .collect()
    }

    /// Confidences from the marginals, then the pipeline's rules when `org_rule` is set.
    fn finish(
        &self,
        toks: &[TokenInfo],
        tags: Vec<Tag>,
        scores: &[[f32; T]],
        org_rule: bool,
    ) -> (Vec<Tag>, Vec<f32>) {
        let marg = crate::model::marginals(scores, self.model.temperature, |p, c| {
            self.model.transition(p, c)
        });
        let mut conf: Vec<f32> = tags.iter().zip(&marg).map(|(&t, m)| m[t as usize]).collect();
        let mut tags = tags;
        if org_rule {
            org_phrases(toks, &mut tags, &mut conf);
            media_names(toks, &mut tags, &mut conf);
            // Titles with a pronoun (`نائبته` his deputy) count as titles here.
            let lists = &self.model.lists;
            let titles: Vec<bool> = toks
                .iter()
                .map(|t| {
                    t.gaz & flag::TITLE != 0
                        || (!t.suf.is_empty()
                            && lists.flags_hashed(crate::analysis::fnv(
                                crate::analysis::key_hash("ال"),
                                t.stem.as_bytes(),
                            )) & flag::TITLE
                                != 0)
                })
                .collect();
            appositive_people(toks, &titles, &mut tags, &mut conf);
            coordinated_countries(toks, &mut tags, &mut conf);
            split_run_on_places(toks, &mut tags);
        }
        (tags, conf)
    }

    /// Whether a word is a place (or a nationality) in the model's name lists.
    pub fn is_listed_place(&self, word: &str) -> bool {
        let lists = &self.model.lists;
        lists.flags(&Analyzer::new(lists).gaz_key(word)) & flag::PLACE != 0
    }

    /// Whether a word is a given name in the model's name lists.
    pub fn is_first_name(&self, word: &SplitWord) -> bool {
        let toks = Analyzer::new(&self.model.lists).analyse_split(std::slice::from_ref(word));
        toks.first().is_some_and(|t| t.gaz & flag::FIRST != 0)
    }
}

/// How far before the comma a title must be for [`appositive_people`].
const APPOSITION_REACH: usize = 8;
/// The model's confidence in O above which the second word is not taken as a surname.
const APPOSITION_SURE_O: f32 = 0.9;
/// Corpus frequency (in the text layer's lexicon of the unlabeled news) under which a word is
/// rare enough to be a name rather than a common word.
const APPOSITION_RARE: u32 = 100;

/// A person named after a role and a comma (`نائبة وزير الخارجية الأمريكي للشؤون السياسية،
/// فيكتوريا نولاند`): a given name from the name lists and the word after it, both without
/// clitics, become a person when a title (`data/titles.txt`) is among the words before the
/// comma and the model did not already find a person there.
fn appositive_people(toks: &[TokenInfo], titles: &[bool], tags: &mut [Tag], conf: &mut [f32]) {
    let (b_per, i_per) = (1, 2);
    let bare = |t: &TokenInfo| {
        t.shape == 0
            && (t.pre.is_empty() || keeps_conjunction(&t.pre, &t.key, &t.stem))
            && t.suf.is_empty()
            && t.stem.chars().count() >= 3
            && t.gaz & (flag::TITLE | flag::ORG_HEAD | flag::PERSON_CUE | flag::DEMONYM) == 0
    };
    for i in 1..toks.len().saturating_sub(2) {
        if !matches!(toks[i].stem.as_str(), "،" | ",") {
            continue;
        }
        let (w1, w2) = (i + 1, i + 2);
        let titled = titles[i.saturating_sub(APPOSITION_REACH)..i].iter().any(|&t| t);
        let free = |k: usize| !matches!(tags[k], 1 | 2 | 5 | 6);
        // A word the model is sure is no name (a verb: `كيم يتصافحان`) ends the idea.
        let sure_not_name = tags[w2] == 0 && conf[w2] >= APPOSITION_SURE_O;
        // The first word is a known given name, or two rare words that are no country (a
        // foreign name spelt in Arabic, which the town lists often hold: شيرمان is a town in
        // Texas, and the model reads it as a place).
        let rare = |t: &TokenInfo| rasd_text::Lexicon::builtin().freq(&t.stem) < APPOSITION_RARE;
        let given = toks[w1].gaz & flag::FIRST != 0
            || (rare(&toks[w1])
                && rare(&toks[w2])
                && (toks[w1].gaz | toks[w2].gaz) & (flag::COUNTRY | flag::CONTINENT) == 0);
        if titled
            && !sure_not_name
            && given
            && bare(&toks[w1])
            && bare(&toks[w2])
            && free(w1)
            && free(w2)
        {
            tags[w1] = b_per;
            tags[w2] = i_per;
            // A span the model had running on past the name starts anew after it.
            if let Some(next) = tags.get_mut(w2 + 1) {
                if *next != 0 && *next % 2 == 0 {
                    *next -= 1;
                }
            }
            conf[w1] = conf[w1].min(RULE_CONFIDENCE);
            conf[w2] = conf[w2].min(RULE_CONFIDENCE);
        }
    }
}

/// A word list from `data/`: one word a line, `#` comments; stored folded like stems.
fn word_list(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let norm = rasd_text::normalize_str(l, rasd_text::Profile::Conservative);
            let bare = norm.strip_prefix("ال").filter(|r| r.chars().count() >= 2).unwrap_or(&norm);
            bare.chars().map(rasd_text::fold_lexicon).collect()
        })
        .collect()
}

fn media_heads() -> &'static [String] {
    static L: OnceLock<Vec<String>> = OnceLock::new();
    L.get_or_init(|| word_list(include_str!("../data/media_heads.txt")))
}

fn media_adjectives() -> &'static [String] {
    static L: OnceLock<Vec<String>> = OnceLock::new();
    L.get_or_init(|| word_list(include_str!("../data/media_adjectives.txt")))
}

fn folded(s: &str) -> String {
    s.chars().map(rasd_text::fold_lexicon).collect()
}

/// A listed country left untagged next to a tagged country it is joined to by و is a
/// country too (`في مالي وبوركينا فاسو`: `مالي` is also the adjective "financial", which the
/// news' lexicon knows better). Only a bare word, without the article (`المالي`).
fn coordinated_countries(toks: &[TokenInfo], tags: &mut [Tag], conf: &mut [f32]) {
    let country = |t: &TokenInfo| (t.gaz | t.multi.0) & flag::COUNTRY != 0;
    for i in 0..toks.len() {
        let t = &toks[i];
        if tags[i] != 0 || t.gaz & flag::COUNTRY == 0 || t.pre.contains("ال") {
            continue;
        }
        let next = toks
            .get(i + 1)
            .is_some_and(|n| n.pre.starts_with('و') && tags[i + 1] == begin(LOC) && country(n));
        let prev = i > 0
            && t.pre.starts_with('و')
            && type_of(tags[i - 1]) == Some(LOC)
            && country(&toks[i - 1]);
        if next || prev {
            tags[i] = begin(LOC);
            conf[i] = conf[i].min(RULE_CONFIDENCE);
        }
    }
}

/// Two names run together are cut where a listed country begins inside a name (`هاجمت
/// حركة حماس إسرائيل`), or a listed city right after a country (`احتلت إسرائيل القدس
/// الشرقية`), unless the words before head an organisation (`بنك مصر`) or the run is a
/// listed multi-word name.
fn split_run_on_places(toks: &[TokenInfo], tags: &mut [Tag]) {
    let mut i = 1;
    while i < toks.len() {
        let within = is_inside(tags[i]);
        let (t, prev) = (&toks[i], &toks[i - 1]);
        let country = t.gaz & flag::COUNTRY != 0 && t.gaz & flag::DEMONYM == 0;
        let city_after_country = t.gaz & flag::CITY != 0
            && prev.gaz & flag::COUNTRY != 0
            && type_of(tags[i - 1]) == Some(LOC)
            && (i < 2 || type_of(tags[i - 2]) != Some(LOC));
        let joined = t.multi.0 != 0 && !t.multi.1;
        let head = prev.gaz & (flag::ORG_HEAD | flag::TITLE) != 0;
        if within && (country || city_after_country) && !joined && !head && t.pre.is_empty() {
            tags[i] = begin(LOC);
            let mut j = i + 1;
            while j < toks.len() && is_inside(tags[j]) {
                tags[j] = inside(LOC);
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
}

/// News outlets the model misses, after a head word from `data/media_heads.txt`: a name in
/// brackets or quotes (`موقع (ميدل إيست أونلاين)` → ORG `ميدل إيست أونلاين`), or one to three
/// words closed by an adjective from `data/media_adjectives.txt` (`شبكة رؤية
/// الإخبارية` → ORG, head included). A bracketed name is an outlet whatever the model said
/// (`موقع (عرب بوست)`, not a person `بوست`); the other pattern only takes untagged words.
fn media_names(toks: &[TokenInfo], tags: &mut [Tag], conf: &mut [f32]) {
    let (b_org, i_org) = (begin(ORG), inside(ORG));
    let is_head = |t: &TokenInfo| t.shape == 0 && media_heads().contains(&folded(&t.stem));
    let opening = |t: &TokenInfo| matches!(t.stem.as_str(), "(" | "«" | "\"" | "“");
    let closing = |t: &TokenInfo| matches!(t.stem.as_str(), ")" | "»" | "\"" | "”");
    let mut i = 0;
    while i + 2 < toks.len() {
        if !is_head(&toks[i]) {
            i += 1;
            continue;
        }
        // (start, end, whether the model's own tags there are overruled)
        let mut found: Option<(usize, usize, bool)> = None;
        if opening(&toks[i + 1]) {
            // The bracketed name: 1–5 Arabic or Latin words, then the closing mark.
            let start = i + 2;
            let mut end = start;
            while end < toks.len() && end < start + 5 && matches!(toks[end].shape, 0 | 2) {
                end += 1;
            }
            if end > start && end < toks.len() && closing(&toks[end]) {
                found = Some((start, end, true));
            }
        } else {
            // One to three words without conjunction or preposition, then a media adjective.
            let mut end = i + 1;
            while end < toks.len()
                && end < i + 4
                && toks[end].shape == 0
                && (toks[end].pre.is_empty() || toks[end].pre == "ال")
                && !media_adjectives().contains(&folded(&toks[end].stem))
            {
                end += 1;
            }
            let adjective = toks.get(end).is_some_and(|t| {
                t.shape == 0 && t.pre == "ال" && media_adjectives().contains(&folded(&t.stem))
            });
            if end > i + 1 && adjective {
                found = Some((i, end + 1, false));
            }
        }
        match found {
            Some((a, b, overrule)) if overrule || tags[a..b].iter().all(|&t| t == 0) => {
                for (k, t) in tags[a..b].iter_mut().enumerate() {
                    *t = if k == 0 { b_org } else { i_org };
                }
                for c in &mut conf[a..b] {
                    *c = c.min(RULE_CONFIDENCE);
                }
                i = b;
            }
            _ => i += 1,
        }
    }
}

/// Confidence given to an organisation found by the head-word rule.
const RULE_CONFIDENCE: f32 = 0.6;

/// Organisation phrases the model misses: a head word (وزارة، مكتب، المديرية، مجلس …)
/// followed by definite words or ل-phrases (المديرية العامة للأمن الوطني، مكتب التحقيقات
/// الفيدرالي، مجلس الشيوخ). Applied only where the model found nothing but O or ORG.
fn org_phrases(toks: &[TokenInfo], tags: &mut [Tag], conf: &mut [f32]) {
    let (b_org, i_org) = (begin(ORG), inside(ORG));
    let mut i = 0;
    while i < toks.len() {
        if toks[i].gaz & flag::ORG_HEAD == 0 || toks[i].shape != 0 {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        // A definite head takes no genitive: after its nationality-like adjective (`الجامعة
        // العربية`), a bare definite noun starts a new phrase (`الغارات الجوية …`); a
        // ل-phrase goes on (`المجلس الأعلى للأمن القومي`).
        let definite_head = toks[i].pre.ends_with("ال");
        let nisba = |t: &TokenInfo| t.stem.ends_with('ي') || t.stem.ends_with("ية");
        while end < toks.len() && end < i + 6 {
            let t = &toks[end];
            let definite = t.pre.ends_with("ال") && !t.pre.starts_with('و');
            let genitive_lam =
                t.pre == "ل" && toks.get(end + 1).is_some_and(|n| n.pre.ends_with("ال"));
            if t.shape != 0 || !(definite || genitive_lam) || t.gaz & flag::ORG_HEAD != 0 {
                break;
            }
            if definite_head && end > i + 1 && nisba(&toks[end - 1]) && !nisba(t) && t.pre == "ال"
            {
                break;
            }
            end += 1;
        }
        // A ل-phrase must be completed by a definite word.
        while end > i + 1 && toks[end - 1].pre == "ل" {
            end -= 1;
        }
        let free = tags[i..end].iter().all(|&t| t == 0 || t == b_org || t == i_org);
        let touches = (i > 0 && tags[i - 1] != 0 && tags[i] != b_org && tags[i] != 0)
            || (end < tags.len() && (tags[end] == i_org));
        if end > i + 1 && free && !touches && tags[i..end].contains(&0) {
            for (k, t) in tags[i..end].iter_mut().enumerate() {
                *t = if k == 0 { b_org } else { i_org };
            }
            for c in &mut conf[i..end] {
                *c = c.min(RULE_CONFIDENCE);
            }
        }
        i = end.max(i + 1);
    }
}

/// The NER stage of the pipeline: fills `doc.mentions` from the document's tokens.
#[derive(Debug, Clone, Copy, Default)]
pub struct NerLayer;

impl Component for NerLayer {
    fn name(&self) -> &'static str {
        "ner"
    }

    fn process(&self, doc: &mut Doc) -> rasd_doc::Result<()> {
        let tagger = Tagger::builtin().map_err(|e| rasd_doc::Error::Component {
            component: "ner",
            doc: doc.document.id.clone(),
            message: e.to_string(),
        })?;
        let mut found = mentions(tagger, doc, true);
        cut_at_dates(doc, &mut found);
        take_facility_heads(doc, &mut found);
        found.retain(|m| !is_title_plural(&m.name) && !is_designation(doc.text(), m));
        doc.mentions = found;
        Ok(())
    }
}

fn latin_letters() -> &'static [String] {
    static L: OnceLock<Vec<String>> = OnceLock::new();
    L.get_or_init(|| word_list(include_str!("../data/latin_letters.txt")))
}

/// Whether `m` is the letter of a model or weapon designation (`إس` of `إس-400`, `إف 16`):
/// one word from `data/latin_letters.txt` followed by a hyphen, a space or the underscore of
/// a hashtag (`#صواريخ_إس_400`) and a digit.
fn is_designation(text: &str, m: &Mention) -> bool {
    let key = word_list(m.text.trim());
    if key.len() != 1 || !latin_letters().contains(&key[0]) {
        return false;
    }
    let mut rest = text.get(m.span.end..).unwrap_or("").chars();
    match rest.next() {
        Some('-' | '_' | '\u{2010}' | '\u{2011}' | '\u{2013}' | ' ') => {}
        _ => return false,
    }
    rest.next().is_some_and(char::is_numeric)
}

fn titles() -> &'static [String] {
    static L: OnceLock<Vec<String>> = OnceLock::new();
    L.get_or_init(|| word_list(include_str!("../data/titles.txt")))
}

/// Whether a one-word name is a title's dual or plural (`الرئيسان`، `الزعيمين`، `الوزراء` is
/// not: broken plurals are not built by suffix): a description of people, not a name.
fn is_title_plural(name: &str) -> bool {
    if name.contains(' ') || !["ان", "ين", "ون"].iter().any(|x| name.ends_with(x)) {
        return false;
    }
    let norm = rasd_text::normalize_str(name, rasd_text::Profile::Conservative);
    let bare = norm.strip_prefix("ال").unwrap_or(&norm);
    ["ان", "ين", "ون"].iter().any(|suffix| {
        bare.strip_suffix(suffix)
            .filter(|stem| stem.chars().count() >= 3)
            .is_some_and(|stem| titles().contains(&folded(stem)))
    })
}

fn facility_heads() -> &'static [String] {
    static L: OnceLock<Vec<String>> = OnceLock::new();
    L.get_or_init(|| word_list(include_str!("../data/facility_heads.txt")))
}

/// A facility's name includes its head noun (`قصر باكنغهام`، `مطار مهر آباد`): a place right
/// after an indefinite head of `data/facility_heads.txt`, with only a space between, starts
/// at the head (after any attached preposition: `بقصر باكنغهام`).
fn take_facility_heads(doc: &Doc, mentions: &mut [Mention]) {
    let text = doc.text();
    for m in mentions.iter_mut().filter(|m| m.label == "LOC") {
        let Some(pos) = doc.tokens.iter().position(|t| t.span.end > m.span.start) else {
            continue;
        };
        let Some(head) = pos.checked_sub(1).map(|k| &doc.tokens[k]) else { continue };
        let definite = pos >= 2
            && doc.tokens[pos - 2].clitic == Clitic::Article
            && doc.tokens[pos - 2].word == head.word;
        let gap = &text[head.span.end.min(m.span.start)..m.span.start];
        if head.clitic != Clitic::None
            || definite
            || gap != " "
            || !facility_heads().contains(&folded(&head.form))
        {
            continue;
        }
        m.span = Span::new(head.span.start, m.span.end);
        m.text = text[m.span.start..m.span.end].to_string();
        m.name = format!("{} {}", head.form, m.name);
    }
}

/// A name does not run into a date (`الاتحاد الأوروبي الخميس`): a mention is cut before a
/// temporal expression that starts inside it, and one that starts inside a date is dropped.
fn cut_at_dates(doc: &Doc, mentions: &mut Vec<Mention>) {
    let text = doc.text();
    mentions.retain_mut(|m| {
        for t in &doc.timexes {
            if t.span.start <= m.span.start && m.span.start < t.span.end {
                return false;
            }
            if m.span.start < t.span.start && t.span.start < m.span.end {
                let kept = text[m.span.start..t.span.start].trim_end();
                let words = kept.split_whitespace().count();
                if words == 0 {
                    return false;
                }
                m.span = Span::new(m.span.start, m.span.start + kept.len());
                m.text = kept.to_string();
                m.name = m.name.split(' ').take(words).collect::<Vec<_>>().join(" ");
            }
        }
        true
    });
}

/// Tags a document sentence by sentence; words are the tokenizer's words (clitic pieces
/// regrouped), so a mention's span starts after attached conjunctions and prepositions.
///
/// With `org_rule`, organisation phrases built on a head word (المديرية العامة للأمن
/// الوطني، مكتب التحقيقات الفيدرالي) that the model leaves untagged are added. The rule
/// follows the project's annotation guidelines, not ANERcorp's (which annotates fewer such
/// phrases): on the ANERcorp dev split it lowers F1 from 0.714 to 0.671, so `rasd ner eval`
/// runs without it; the pipeline uses it (see the crate README for the entity scores).
pub fn mentions(tagger: &Tagger, doc: &Doc, org_rule: bool) -> Vec<Mention> {
    let text = doc.text();
    let mut out = Vec::new();
    // Per sentence: its words and which of them are inside a mention.
    let mut sentences: Vec<(Vec<Word>, Vec<bool>)> = Vec::new();
    // The words of each sentence; their analyses are lent to the tagger and put back.
    let mut runs: Vec<(usize, Span, Vec<Word>)> = Vec::new();
    let mut splits: Vec<Vec<SplitWord>> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let mut words = sentence_words(doc, s.span);
        if words.is_empty() {
            continue;
        }
        splits.push(words.iter_mut().map(|w| std::mem::take(&mut w.split)).collect());
        runs.push((si, s.span, words));
    }
    let tagged = tagger.tag_split_document(&splits, org_rule);
    for (((si, span, mut words), split), (mut tags, conf)) in
        runs.into_iter().zip(splits).zip(tagged)
    {
        if org_rule && si > 0 && si < BYLINE_WITHIN && is_byline(tagger, text, span, &split) {
            tags[0] = 1;
            tags[1..].iter_mut().for_each(|t| *t = 2);
        }
        for (w, sw) in words.iter_mut().zip(split) {
            w.split = sw;
        }
        let mut covered = vec![false; words.len()];
        for (a, b, k) in spans(&tags) {
            let label = match TYPES[k] {
                "PERS" => "PER",
                other => other,
            };
            // A person's name does not end in a common word with a preposition attached
            // (`بومبيو لأول مرة`): the model ran past the name. (A rare word split so,
            // `كوثري` read as ك + وثري, is left alone.)
            let last = &words[b - 1].split;
            let lex = rasd_text::Lexicon::builtin();
            let common = |w: &str| lex.freq(w) >= PREPOSITION_COMMON;
            let b = if label == "PER"
                && b - a >= 2
                && last.pre.starts_with(['ل', 'ب', 'ك'])
                && common(&last.stem)
                && lex.freq(&last.stem) > lex.freq(&last.norm)
            {
                b - 1
            } else {
                b
            };
            let confidence = conf[a..b].iter().sum::<f32>() / (b - a) as f32;
            if let Some(m) = mention(text, &words[a..b], label, confidence, "ner") {
                covered[a..b].iter_mut().for_each(|c| *c = true);
                out.push(m);
            }
        }
        sentences.push((words, covered));
    }
    // Names cut in two are joined before and after the document-level pass: a full name
    // it reads (`ميلانيا ترامب`) and a piece it adds (`حموشي` after `عبد اللطيف`).
    out.sort_by_key(|m| m.span.start);
    let mut out = join_adjacent_people(tagger, text, out);
    propagate(text, &sentences, &mut out, &|w| tagger.is_listed_place(w));
    out.sort_by_key(|m| m.span.start);
    join_adjacent_people(tagger, text, out)
}

/// Corpus count from which the rest of a preposition-prefixed word is a common word.
const PREPOSITION_COMMON: u32 = 100;

/// Words the model sometimes takes into a person's name that are not part of it: "called"
/// (`يدعى صالح خاطر`) and the honorifics the guidelines leave out (`السيد كريستوفر راي`).
const NOT_NAME_STARTS: &[&str] = &["يدعى", "تدعى", "المدعو", "المدعوة", "السيد", "السيدة"];

/// Drops a leading [`NOT_NAME_STARTS`] word from a person mention of two words or more.
fn trim_person(text: &str, m: &mut Mention) {
    if m.label != "PER" {
        return;
    }
    let Some((first, rest)) = m.name.split_once(' ') else { return };
    if !NOT_NAME_STARTS.contains(&first) || rest.trim().is_empty() {
        return;
    }
    let written = m.span.slice(text);
    let Some(cut) = written.find(' ') else { return };
    let skip = written[cut..].len() - written[cut..].trim_start().len();
    m.span = Span::new(m.span.start + cut + skip, m.span.end);
    m.text = m.span.slice(text).to_string();
    m.name = rest.trim().to_string();
}

/// Two person mentions separated only by spaces are one name cut in two (`عبد اللطيف` +
/// a propagated `حموشي`): they become one mention with the lower confidence.
fn join_adjacent_people(tagger: &Tagger, text: &str, mentions: Vec<Mention>) -> Vec<Mention> {
    // A one-word "place" no place list knows, right before a person's name, is that
    // person's given name (`ميلانيا ترامب`, whose first word ends like ألمانيا).
    let unlisted_place =
        |m: &Mention| m.label == "LOC" && !m.name.contains(' ') && !tagger.is_listed_place(&m.name);
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for mut m in mentions {
        trim_person(text, &mut m);
        if let Some(prev) = out.last_mut() {
            let gap = text.get(prev.span.end..m.span.start);
            let adjacent = gap.is_some_and(|g| !g.is_empty() && g.chars().all(|c| c == ' '));
            if adjacent && (prev.label == "PER" || unlisted_place(prev)) && m.label == "PER" {
                prev.label = "PER".into();
                prev.span = Span::new(prev.span.start, m.span.end);
                prev.text = prev.span.slice(text).to_string();
                prev.name = format!("{} {}", prev.name, m.name);
                prev.confidence = prev.confidence.min(m.confidence);
                continue;
            }
        }
        out.push(m);
    }
    out
}

/// A byline is looked for among the first sentences after the title.
const BYLINE_WITHIN: usize = 4;

/// Whether a sentence is an author's byline: a line of its own after the title holding two
/// or three Arabic words, the first a given name, with no punctuation (`محمد النحاس`).
fn is_byline(tagger: &Tagger, text: &str, span: Span, words: &[SplitWord]) -> bool {
    let own_line = text[..span.start].trim_end_matches([' ', '\t']).ends_with('\n')
        && text[span.end..]
            .trim_start_matches([' ', '\t'])
            .chars()
            .next()
            .is_none_or(|c| c == '\n');
    own_line
        && (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            (w.pre.is_empty() || w.pre == "ال")
                && w.suf.is_empty()
                && !w.stem.is_empty()
                && w.stem.chars().all(rasd_text::is_arabic_letter)
        })
        && tagger.is_first_name(&words[0])
}

/// A word of a sentence, rebuilt from the text layer's clitic pieces.
struct Word {
    /// Full span.
    full: Span,
    /// Span without leading clitics.
    bare: Span,
    /// Written form without leading clitics (fused article restored).
    form: String,
    /// The word as the NER analyzer sees it.
    split: SplitWord,
}

fn sentence_words(doc: &Doc, sentence: Span) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut last_word = u32::MAX;
    for t in doc.tokens.iter().filter(|t| sentence.contains(t.span)) {
        if t.word != last_word || words.is_empty() {
            words.push(Word {
                full: t.span,
                bare: t.span,
                form: String::new(),
                split: SplitWord::default(),
            });
            last_word = t.word;
        }
        let w = words.last_mut().expect("pushed above");
        w.full.end = t.span.end;
        w.bare.end = t.span.end;
        // Leading و ف ب ل ك س are not part of a name, nor the article fused into لل
        // (للولايات → ولايات): only the spans of whole pieces can be reported.
        let fused_article = t.clitic == Clitic::Article && t.text != t.form;
        let leading =
            matches!(t.clitic, Clitic::Conjunction | Clitic::Preposition | Clitic::Future);
        if (leading || fused_article) && w.bare.start == t.span.start {
            w.bare.start = t.span.end;
        }
        if !leading || !w.form.is_empty() {
            w.form.push_str(&t.form);
        }
        w.split.norm.push_str(&t.text);
        match t.clitic {
            Clitic::None => w.split.stem.push_str(&t.form),
            Clitic::Pronoun => w.split.suf.push_str(&t.form),
            _ => {
                if !w.split.pre.is_empty() {
                    w.split.pre.push('+');
                }
                w.split.pre.push_str(&t.form);
            }
        }
    }
    words
}

fn mention(
    text: &str,
    words: &[Word],
    label: &str,
    confidence: f32,
    source: &str,
) -> Option<Mention> {
    let first = words.first()?;
    let whole = name_keeps_conjunction(&first.split);
    let start = if whole { first.full.start } else { first.bare.start.min(first.bare.end) };
    let span = Span::new(start, words[words.len() - 1].full.end.max(start));
    if span.is_empty() {
        return None;
    }
    // The first word without its leading clitics (article restored), the others as
    // written: المديرية العامة للأمن الوطني keeps its ل.
    let name = std::iter::once(if whole { first.split.norm.as_str() } else { first.form.as_str() })
        .chain(words[1..].iter().map(|w| w.split.norm.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    Some(Mention {
        span,
        text: span.slice(text).to_string(),
        name,
        label: label.to_string(),
        confidence,
        source: source.into(),
    })
}

/// Below this corpus count of the rest of a word after `و`, the text layer's split is a guess.
const CONJUNCTION_SPARSE: u32 = 20;

/// Whether a name's first word keeps the `و` the text layer split off: the whole word is
/// attested at least as often as the rest and both are rare (`ويندي`, 5 times, read as و +
/// `يندي`, 4 times). The split stays for the model's features (they are trained on it); only
/// the name's span and spelling take the whole word.
fn name_keeps_conjunction(w: &SplitWord) -> bool {
    keeps_conjunction(&w.pre, &w.norm, &w.stem)
}

/// [`name_keeps_conjunction`] on a word's proclitics, whole form and stem.
fn keeps_conjunction(pre: &str, whole: &str, stem: &str) -> bool {
    if pre != "و" {
        return false;
    }
    let lex = rasd_text::Lexicon::builtin();
    let (whole, rest) = (lex.freq(whole), lex.freq(stem));
    whole > 0 && rest < CONJUNCTION_SPARSE && rest <= whole
}

/// Least confidence of a mention whose name is propagated to other occurrences.
const PROPAGATE_FROM: f32 = 0.7;
/// Confidence given to a propagated mention.
const PROPAGATED: f32 = 0.5;

/// Document-level consistency: a name the model tagged confidently somewhere in the
/// document (a one-word name, or the last word of a person's name: بلينكن) is a mention
/// of the same type wherever else it occurs untagged in that document, and gives its type
/// to one-word mentions of it the model was unsure of.
fn propagate(
    text: &str,
    sentences: &[(Vec<Word>, Vec<bool>)],
    out: &mut Vec<Mention>,
    listed_place: &dyn Fn(&str) -> bool,
) {
    let mut known: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut conflict: std::collections::HashSet<String> = std::collections::HashSet::new();
    for m in out.iter().filter(|m| m.confidence >= PROPAGATE_FROM) {
        let words: Vec<&str> = m.name.split(' ').collect();
        let key = match (words.len(), m.label.as_str()) {
            (1, _) => words[0],
            (n, "PER") if n >= 2 => words[n - 1],
            _ => continue,
        };
        if key.chars().count() < 3 {
            continue;
        }
        match known.get(key) {
            Some(l) if *l != m.label => {
                conflict.insert(key.to_string());
            }
            _ => {
                known.insert(key.to_string(), m.label.clone());
            }
        }
    }
    // A one-word mention the model was unsure of takes the type the document gives its
    // name confidently, and the surname of a person named in full is that person
    // (`شددت عبدالسلام` after `سارة عبدالسلام`: a person, not a place).
    let mut surnames: std::collections::HashMap<String, f32> = std::collections::HashMap::new();
    for m in out.iter().filter(|m| m.label == "PER") {
        if let Some((_, last)) = m.name.rsplit_once(' ') {
            let c = surnames.entry(last.to_string()).or_insert(0.0);
            *c = c.max(m.confidence);
        }
    }
    // The given name of a person named in full is that person wherever the model read it
    // as a place no list knows (`في زيارة ميلانيا إلى مصر` after `ميلانيا ترامب`).
    let given: std::collections::HashSet<String> = out
        .iter()
        .filter(|m| m.label == "PER")
        .filter_map(|m| m.name.split_once(' ').map(|(first, _)| first.to_string()))
        .collect();
    for m in out.iter_mut().filter(|m| m.label == "LOC" && !m.name.contains(' ')) {
        if given.contains(&m.name) && !listed_place(&m.name) {
            m.label = "PER".into();
        }
    }
    for m in out.iter_mut().filter(|m| m.confidence < PROPAGATE_FROM && !m.name.contains(' ')) {
        if conflict.contains(&m.name) {
            continue;
        }
        if let Some(label) = known.get(&m.name) {
            m.label = label.clone();
        } else if surnames.get(&m.name).is_some_and(|&c| c > m.confidence) {
            m.label = "PER".into();
        }
    }
    for (words, covered) in sentences {
        for (i, w) in words.iter().enumerate() {
            if covered[i] || conflict.contains(&w.form) {
                continue;
            }
            if let Some(label) = known.get(&w.form) {
                if let Some(m) =
                    mention(text, std::slice::from_ref(w), label, PROPAGATED, "ner:document")
                {
                    out.push(m);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, at: usize) -> Word {
        let span = Span::new(at, at + text.len());
        let split = SplitWord { norm: text.into(), stem: text.into(), ..SplitWord::default() };
        Word { full: span, bare: span, form: text.into(), split }
    }

    #[test]
    fn confident_names_propagate_within_the_document() {
        let text = "أنتوني بلينكن قال. ثم بلينكن غادر. وصل شيرمان.";
        let s1 = vec![word("أنتوني", 0), word("بلينكن", 13), word("قال", 26)];
        let at = text.find("ثم").unwrap();
        let s2 = vec![word("ثم", at), word("بلينكن", at + 5), word("غادر", at + 18)];
        let mut out = vec![mention(text, &s1[0..2], "PER", 0.9, "ner").unwrap()];
        let sentences = vec![(s1, vec![true, true, false]), (s2, vec![false, false, false])];
        propagate(text, &sentences, &mut out, &|_| false);
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[1].text, "بلينكن");
        assert_eq!(out[1].label, "PER");
        assert_eq!(out[1].source, "ner:document");
        // An unconfident mention does not propagate.
        let mut weak = vec![Mention { confidence: 0.3, ..out[0].clone() }];
        propagate(text, &sentences, &mut weak, &|_| false);
        assert_eq!(weak.len(), 1);
    }

    #[test]
    fn an_unsure_surname_of_a_named_person_is_that_person() {
        let text = "قالت سارة عبدالسلام. وشددت عبدالسلام على الدور.";
        let s1 = vec![word("قالت", 0), word("سارة", 9), word("عبدالسلام", 18)];
        let at = text.find("عبدالسلام على").unwrap();
        let s2 = vec![word("عبدالسلام", at)];
        let mut out = vec![
            mention(text, &s1[1..3], "PER", 0.45, "ner").unwrap(),
            mention(text, &s2, "LOC", 0.33, "ner").unwrap(),
        ];
        let sentences = vec![(s1, vec![false, true, true]), (s2, vec![true])];
        propagate(text, &sentences, &mut out, &|_| false);
        assert_eq!(out[1].label, "PER", "{out:?}");
        // A confident place keeps its type.
        out[1].label = "LOC".into();
        out[1].confidence = 0.9;
        propagate(text, &sentences, &mut out, &|_| false);
        assert_eq!(out[1].label, "LOC", "{out:?}");
    }

    #[test]
    fn a_letter_before_a_number_is_a_designation() {
        let text = "صواريخ إس-400 وطائرات إف 16 وقال إس إنه #صواريخ_إس_400";
        let at = |w: &str, nth: usize| text.match_indices(w).nth(nth).map(|(i, _)| i).unwrap();
        let m = |start: usize, len: usize| Mention {
            span: Span::new(start, start + len),
            text: text[start..start + len].to_string(),
            name: text[start..start + len].to_string(),
            label: "ORG".into(),
            confidence: 0.3,
            source: "ner".into(),
        };
        assert!(is_designation(text, &m(at("إس", 0), "إس".len())));
        assert!(is_designation(text, &m(at("إف", 0), "إف".len())));
        assert!(is_designation(text, &m(at("إس", 2), "إس".len())));
        // The same letters before a word are left to the model.
        assert!(!is_designation(text, &m(at("إس", 1), "إس".len())));
        // A name followed by a number is no designation.
        assert!(!is_designation(text, &m(at("طائرات", 0), "طائرات".len())));
    }

    #[test]
    fn a_given_name_read_as_a_place_is_the_person() {
        let text = "وصلت ميلانيا ترامب. وفي زيارة ميلانيا إلى مصر.";
        let s1 = vec![word("وصلت", 0), word("ميلانيا", 9), word("ترامب", 24)];
        let at = text.find("ميلانيا إلى").unwrap();
        let s2 = vec![word("ميلانيا", at)];
        let full = mention(text, &s1[1..3], "PER", 0.9, "ner").unwrap();
        let place = mention(text, &s2, "LOC", 0.9, "ner").unwrap();
        let sentences = vec![(s1, vec![false, true, true]), (s2, vec![true])];
        let mut out = vec![full.clone(), place.clone()];
        propagate(text, &sentences, &mut out, &|_| false);
        assert_eq!(out[1].label, "PER", "{out:?}");
        // Unless a list knows the word as a place.
        let mut out = vec![full, place];
        propagate(text, &sentences, &mut out, &|w| w == "ميلانيا");
        assert_eq!(out[1].label, "LOC", "{out:?}");
    }

    #[test]
    fn called_and_honorifics_are_not_part_of_a_name() {
        let text = "وأوقفت الشرطة رجلا يدعى صالح خاطر أمس";
        let at = text.find("يدعى").unwrap();
        let end = text.find(" أمس").unwrap();
        let mut m = Mention {
            span: Span::new(at, end),
            text: text[at..end].into(),
            name: "يدعى صالح خاطر".into(),
            label: "PER".into(),
            confidence: 0.8,
            source: "ner".into(),
        };
        trim_person(text, &mut m);
        assert_eq!((m.name.as_str(), m.text.as_str()), ("صالح خاطر", "صالح خاطر"));
        assert_eq!(m.span.slice(text), "صالح خاطر");
        // A one-word mention is left alone.
        let mut one = Mention { name: "السيد".into(), ..m.clone() };
        trim_person(text, &mut one);
        assert_eq!(one.name, "السيد");
    }

    #[test]
    fn people_cut_in_two_are_joined() {
        let text = "مع عبد اللطيف حموشي اليوم";
        let a = text.find("عبد").unwrap();
        let b = text.find("حموشي").unwrap();
        let first = mention(text, &[word("عبد", a), word("اللطيف", a + 7)], "PER", 0.9, "ner");
        let second = mention(text, &[word("حموشي", b)], "PER", 0.5, "ner:document");
        let tagger = Tagger::builtin().unwrap();
        let out = join_adjacent_people(tagger, text, vec![first.unwrap(), second.unwrap()]);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].text, "عبد اللطيف حموشي");
        assert_eq!(out[0].confidence, 0.5);
    }

    #[test]
    fn an_unlisted_place_before_a_person_is_the_given_name() {
        let tagger = Tagger::builtin().unwrap();
        let text = "وصلت ميلانيا ترامب إلى القاهرة";
        let a = text.find("ميلانيا").unwrap();
        let b = text.find("ترامب").unwrap();
        let first = mention(text, &[word("ميلانيا", a)], "LOC", 0.5, "ner").unwrap();
        let second = mention(text, &[word("ترامب", b)], "PER", 0.9, "ner").unwrap();
        let out = join_adjacent_people(tagger, text, vec![first, second]);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!((out[0].label.as_str(), out[0].text.as_str()), ("PER", "ميلانيا ترامب"));
        // A listed place stays a place: `في القاهرة السيسي` is no name.
        let text = "في القاهرة السيسي";
        let a = text.find("القاهرة").unwrap();
        let b = text.find("السيسي").unwrap();
        let first = mention(text, &[word("القاهرة", a)], "LOC", 0.9, "ner").unwrap();
        let second = mention(text, &[word("السيسي", b)], "PER", 0.9, "ner").unwrap();
        assert_eq!(join_adjacent_people(tagger, text, vec![first, second]).len(), 2);
    }
}
