//! Names from the actor dictionary found in the text: `DictionaryLayer` adds a mention for
//! every dictionary name the NER model did not tag (`ميليشيا فاغنر`، `الصحراء الكبرى`).
//!
//! Names are matched word by word on name keys (search-folded, each word's article dropped),
//! so clitics and spelling variants do not matter. Only names of two words or more are
//! matched, and single words only for organisations (`فاغنر`): a one-word place such as
//! `الساحل` is also an ordinary word ("the coast"). A match that overlaps a mention already
//! there is left alone; the longest match at a position wins.

use std::collections::HashMap;
use std::sync::OnceLock;

use rasd_doc::{Clitic, Component, Doc, Mention, Span, TokenKind};

use rasd_text::{normalize_str, Profile};

use crate::{actors, name_words};

/// First word key → (all word keys, label) of the dictionary names that start with it.
type Index = HashMap<String, Vec<(Vec<String>, String)>>;

fn index() -> &'static Index {
    static I: OnceLock<Index> = OnceLock::new();
    I.get_or_init(|| {
        let mut map: Index = HashMap::new();
        let tokenizer = rasd_text::Tokenizer::default();
        for a in actors() {
            for n in &a.names {
                // The name's words as the text layer splits them (للأبحاث → أبحاث), so that
                // they meet the document's tokens.
                let words: Vec<String> = tokenizer
                    .tokenize(n)
                    .iter()
                    .filter(|t| t.clitic == Clitic::None && t.kind == TokenKind::Arabic)
                    .filter_map(|t| name_words(&t.form).into_iter().next())
                    .collect();
                let long_enough = words.len() >= 2
                    || (a.etype == "ORG" && words.first().is_some_and(|w| w.chars().count() >= 4));
                if !long_enough {
                    continue;
                }
                if let Some(first) = words.first() {
                    let list = map.entry(first.clone()).or_default();
                    if !list.iter().any(|(w, _)| *w == words) {
                        list.push((words, a.etype.clone()));
                    }
                }
            }
        }
        // Longest names first, so the first match at a position is the longest.
        for list in map.values_mut() {
            list.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        }
        map
    })
}

/// The pipeline component that adds dictionary names as mentions (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct DictionaryLayer;

impl Component for DictionaryLayer {
    fn name(&self) -> &'static str {
        "dictionary"
    }

    fn process(&self, doc: &mut Doc) -> rasd_doc::Result<()> {
        let index = index();
        let text = doc.text();
        let mut added: Vec<Mention> = Vec::new();
        for s in &doc.sentences {
            // The sentence's words (stems), with their token positions and keys.
            let words: Vec<(usize, String)> = doc
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| s.span.contains(t.span))
                .filter(|(_, t)| t.clitic == Clitic::None && t.kind == TokenKind::Arabic)
                .filter_map(|(i, t)| Some((i, name_words(&t.form).into_iter().next()?)))
                .collect();
            let mut k = 0;
            while k < words.len() {
                let found = index.get(&words[k].1).and_then(|cands| {
                    cands.iter().find(|(keys, _)| {
                        keys.len() <= words.len() - k
                            && keys.iter().zip(&words[k..]).all(|(a, (_, b))| a == b)
                    })
                });
                let Some((keys, label)) = found else {
                    k += 1;
                    continue;
                };
                let first = words[k].0;
                let last = words[k + keys.len() - 1].0;
                // Start at the first word's own article (الصحراء), not its other clitics.
                let start = match first.checked_sub(1).map(|p| &doc.tokens[p]) {
                    Some(p) if p.clitic == Clitic::Article && p.word == doc.tokens[first].word => {
                        p.span.start
                    }
                    _ => doc.tokens[first].span.start,
                };
                let span = Span::new(start, doc.tokens[last].span.end);
                let overlaps = doc
                    .mentions
                    .iter()
                    .chain(&added)
                    .any(|m| m.span.start < span.end && span.start < m.span.end);
                if !overlaps {
                    let written = span.slice(text).to_string();
                    added.push(Mention {
                        span,
                        name: normalize_str(&written, Profile::Conservative),
                        text: written,
                        label: label.clone(),
                        confidence: 0.9,
                        source: "dictionary".into(),
                    });
                }
                k += keys.len();
            }
        }
        doc.add_mentions(added);
        Ok(())
    }
}
