//! Tagging: the model applied to words, and the pipeline component.

use std::sync::OnceLock;

use rasd_doc::{Clitic, Component, Doc, Mention, Span};

use crate::analysis::{flag, Analyzer, TokenInfo};
use crate::errors::{Error, Result};
use crate::features::sentence_features;
use crate::model::Model;
use crate::tags::{spans, Tag, TYPES};

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
        let an = Analyzer::new(&self.model.lists);
        let toks = an.analyse(words);
        let (feats, offsets) = sentence_features(&toks);
        let mut scores = Vec::with_capacity(words.len());
        let tags = self.model.decode(&feats, &offsets, &mut scores);
        let marg = crate::model::marginals(&scores, self.model.temperature, |p, c| {
            self.model.transition(p, c)
        });
        let mut conf: Vec<f32> = tags.iter().zip(&marg).map(|(&t, m)| m[t as usize]).collect();
        let mut tags = tags;
        if org_rule {
            org_phrases(&toks, &mut tags, &mut conf);
        }
        (tags, conf)
    }
}

/// Confidence given to an organisation found by the head-word rule.
const RULE_CONFIDENCE: f32 = 0.6;

/// Organisation phrases the model misses: a head word (وزارة، مكتب، المديرية، مجلس …)
/// followed by definite words or ل-phrases (المديرية العامة للأمن الوطني، مكتب التحقيقات
/// الفيدرالي، مجلس الشيوخ). Applied only where the model found nothing but O or ORG.
fn org_phrases(toks: &[TokenInfo], tags: &mut [Tag], conf: &mut [f32]) {
    let (b_org, i_org) = (5, 6);
    let mut i = 0;
    while i < toks.len() {
        if toks[i].gaz & flag::ORG_HEAD == 0 || toks[i].shape != 0 {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < toks.len() && end < i + 6 {
            let t = &toks[end];
            let definite = t.pre.ends_with("ال") && !t.pre.starts_with('و');
            let genitive_lam =
                t.pre == "ل" && toks.get(end + 1).is_some_and(|n| n.pre.ends_with("ال"));
            if t.shape != 0 || !(definite || genitive_lam) || t.gaz & flag::ORG_HEAD != 0 {
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
        doc.mentions = mentions(tagger, doc, true);
        Ok(())
    }
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
    for s in &doc.sentences {
        // Words of this sentence: (full span, span without leading clitics, text, name form).
        let mut words: Vec<(Span, Span, String, String)> = Vec::new();
        let mut last_word = u32::MAX;
        for t in doc.tokens.iter().filter(|t| s.span.contains(t.span)) {
            if t.word != last_word || words.is_empty() {
                words.push((t.span, t.span, String::new(), String::new()));
                last_word = t.word;
            }
            let w = words.last_mut().expect("pushed above");
            w.0.end = t.span.end;
            w.1.end = t.span.end;
            w.2.push_str(&t.text);
            // Leading و ف ب ل ك س are not part of a name, nor the article fused into لل
            // (للولايات → ولايات): only the spans of whole pieces can be reported.
            let fused_article = t.clitic == Clitic::Article && t.text != t.form;
            let leading =
                matches!(t.clitic, Clitic::Conjunction | Clitic::Preposition | Clitic::Future);
            if (leading || fused_article) && w.1.start == t.span.start {
                w.1.start = t.span.end;
            }
            if !leading || !w.3.is_empty() {
                w.3.push_str(&t.form);
            }
        }
        if words.is_empty() {
            continue;
        }
        let texts: Vec<&str> = words.iter().map(|w| w.2.as_str()).collect();
        let (tags, conf) = tagger.tag_with(&texts, org_rule);
        for (a, b, k) in spans(&tags) {
            let start = words[a].1.start.min(words[a].1.end);
            let span = Span::new(start, words[b - 1].0.end.max(start));
            if span.is_empty() {
                continue;
            }
            let label = match TYPES[k] {
                "PERS" => "PER",
                other => other,
            };
            let confidence = conf[a..b].iter().sum::<f32>() / (b - a) as f32;
            // The first word without its leading clitics (article restored), the others as
            // written: المديرية العامة للأمن الوطني keeps its ل.
            let name = std::iter::once(words[a].3.as_str())
                .chain(words[a + 1..b].iter().map(|w| w.2.as_str()))
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Mention {
                span,
                text: span.slice(text).to_string(),
                name,
                label: label.to_string(),
                confidence,
                source: "ner".into(),
            });
        }
    }
    out
}
