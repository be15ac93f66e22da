//! Names from the actor dictionary found in the text: `DictionaryLayer` adds a mention for
//! every dictionary name the NER model did not tag (`ميليشيا فاغنر`، `الصحراء الكبرى`).
//!
//! Names are matched word by word on name keys (search-folded, each word's article dropped),
//! so clitics and spelling variants do not matter. A one-word name is matched alone (an
//! organisation `فاغنر`, a surname the dictionary lists on its own `بوتين`, a place
//! `الغوطة`) unless `data/ambiguous_names.txt` lists it as also an ordinary word (`الساحل`,
//! "the coast"; `المالي`, "financial", not Mali). The longest match at a position wins. A match that contains
//! mentions of the model (`إفريقيا` in `شمال إفريقيا`) replaces them; one with the same span as
//! a MISC mention gives it the dictionary's type (`البيت الأبيض`); an organisation or place
//! mention ending with it shrinks to it (`مراسلة بي بي سي` → `بي بي سي`); any other overlap
//! leaves the model's mention alone.

use std::collections::HashMap;
use std::sync::OnceLock;

use rasd_doc::{Clitic, Component, Doc, Mention, Span, TokenKind};

use rasd_text::{normalize_str, Profile};

use crate::{actors, first_name_word};

/// Tokens that can be part of a dictionary name: Arabic and Latin words (`CNN`), numbers
/// (`فرانس 24`).
fn is_name_piece(kind: TokenKind) -> bool {
    matches!(kind, TokenKind::Arabic | TokenKind::Latin | TokenKind::Number)
}

/// One-word names never matched alone (see the file).
const AMBIGUOUS: &str = include_str!("../data/ambiguous_names.txt");

/// First word key → (all word keys, label) of the dictionary names that start with it.
type Index = HashMap<String, Vec<(Vec<String>, String)>>;

fn index() -> &'static Index {
    static I: OnceLock<Index> = OnceLock::new();
    I.get_or_init(|| {
        let mut map: Index = HashMap::new();
        let tokenizer = rasd_text::Tokenizer::default();
        let ambiguous: std::collections::HashSet<String> = AMBIGUOUS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(first_name_word)
            .collect();
        for a in actors() {
            for n in &a.names {
                // The name's words as the text layer splits them (للأبحاث → أبحاث), so that
                // they meet the document's tokens.
                let words: Vec<String> = tokenizer
                    .tokenize(n)
                    .iter()
                    .filter(|t| t.clitic == Clitic::None && is_name_piece(t.kind))
                    .filter_map(|t| crate::first_name_word_normalized(&t.form))
                    .collect();
                // A capital's one-word name (بيروت) is left to the model: the dictionary
                // names and identifies it, the model finds it.
                let city = a.id.starts_with("loc-city-");
                let long_enough = words.len() >= 2
                    || !city
                        && words.first().is_some_and(|w| {
                            let latin = w.chars().all(|c| c.is_ascii_alphanumeric());
                            w.chars().count() >= 4
                                || ((latin || a.etype == "LOC") && w.chars().count() >= 3)
                        })
                        && !ambiguous.contains(&words[0]);
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

/// The model's confidence under which a one-word place or organisation right before a listed
/// surname is read as that person's given name.
const UNSURE_GIVEN_NAME: f32 = 0.7;
/// Once a word is a given name so, it is a person elsewhere unless the model is this sure.
const SURE_PLACE: f32 = 0.9;

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
        // Model mentions inside a longer dictionary name, removed at the end.
        let mut replaced: Vec<usize> = Vec::new();
        // MISC mentions that are dictionary names, with the dictionary's type.
        let mut relabel: Vec<(usize, String)> = Vec::new();
        // Person mentions followed by a listed surname, to extend over it.
        let mut grow: Vec<(usize, Span)> = Vec::new();
        for si in 0..doc.sentences.len() {
            let s = doc.sentences[si];
            // The sentence's words (stems), with their token positions and keys.
            let words: Vec<(usize, String)> = doc
                .tokens
                .iter()
                .enumerate()
                .filter(|(_, t)| s.span.contains(t.span))
                .filter(|(_, t)| t.clitic == Clitic::None && is_name_piece(t.kind))
                .filter_map(|(i, t)| Some((i, crate::first_name_word_normalized(&t.form)?)))
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
                // Start at the first word's own article (الصحراء), not its other clitics; an
                // article fused into لل (للولايات) is not in the text: the span starts at the
                // stem and the name gets its article back.
                let (start, restored) = match first.checked_sub(1).map(|p| &doc.tokens[p]) {
                    Some(p) if p.clitic == Clitic::Article && p.word == doc.tokens[first].word => {
                        if p.text == p.form {
                            (p.span.start, "")
                        } else {
                            (doc.tokens[first].span.start, "ال")
                        }
                    }
                    _ => (doc.tokens[first].span.start, ""),
                };
                let span = Span::new(start, doc.tokens[last].span.end);
                let written = span.slice(text).to_string();
                let name = normalize_str(&format!("{restored}{written}"), Profile::Conservative);
                let found = Mention {
                    span,
                    name,
                    text: written,
                    label: label.clone(),
                    confidence: 0.9,
                    source: "dictionary".into(),
                };
                let overlapping: Vec<usize> = (0..doc.mentions.len())
                    .filter(|&j| {
                        let m = &doc.mentions[j].span;
                        m.start < span.end && span.start < m.end
                    })
                    .collect();
                let inside = |m: &Span| span.start <= m.start && m.end <= span.end;
                let added_overlaps =
                    added.iter().any(|m| m.span.start < span.end && span.start < m.span.end);
                // A listed surname right after another person's name is that person's
                // family name (`ميلانيا ترامب`, not Donald Trump): the name grows instead.
                let adjacent = |m: &Mention| {
                    m.span.end <= span.start
                        && text[m.span.end..span.start].chars().all(|c| c == ' ')
                };
                let before_person = (keys.len() == 1 && label == "PER")
                    .then(|| {
                        (0..doc.mentions.len())
                            .find(|&j| doc.mentions[j].label == "PER" && adjacent(&doc.mentions[j]))
                    })
                    .flatten();
                // The same before a surname the model already tagged, when the word before is
                // one the model was unsure of and no dictionary name (`ميلانيا` read as a
                // place, 0.5): a given name.
                let unsure_given = (keys.len() == 1 && label == "PER")
                    .then(|| {
                        (0..doc.mentions.len()).find(|&j| {
                            let m = &doc.mentions[j];
                            m.label != "PER"
                                && m.confidence < UNSURE_GIVEN_NAME
                                && !m.name.contains(' ')
                                && adjacent(m)
                                && first_name_word(&m.name).is_none_or(|k| !index.contains_key(&k))
                        })
                    })
                    .flatten();
                if added_overlaps {
                    // An earlier dictionary match already covers it.
                } else if let (Some(j), true) = (before_person, overlapping.is_empty()) {
                    grow.push((j, span));
                } else if overlapping.is_empty() {
                    added.push(found);
                } else if overlapping.iter().all(|&j| inside(&doc.mentions[j].span)) {
                    let same = overlapping.len() == 1 && doc.mentions[overlapping[0]].span == span;
                    if let (true, Some(j)) = (same, unsure_given) {
                        relabel.push((j, "PER".into()));
                        grow.push((j, span));
                        replaced.push(overlapping[0]);
                    } else if !same {
                        replaced.extend(overlapping);
                        added.push(found);
                    } else if doc.mentions[overlapping[0]].label == "MISC" {
                        relabel.push((overlapping[0], label.clone()));
                    }
                } else if let [j] = overlapping[..] {
                    // An organisation or place the model found that ends with a dictionary
                    // name and starts earlier carries words before the name that are not part
                    // of it (`مراسلة بي بي سي`): it shrinks to the name. Not for people (the
                    // words before a listed surname are given names: `إيفانكا ترامب`), nor
                    // words after the name (`… آل نهيان`).
                    let m = &doc.mentions[j];
                    let prefixed = m.span.start < span.start && span.end == m.span.end;
                    if prefixed && m.label == *label && label != "PER" {
                        replaced.push(j);
                        added.push(found);
                    }
                }
                k += keys.len();
            }
        }
        let grown: Vec<(usize, Span, String, String)> = grow
            .into_iter()
            .map(|(j, span)| {
                let m = &doc.mentions[j];
                let tail = &text[m.span.end..span.end];
                let whole = Span::new(m.span.start, span.end);
                let name = normalize_str(&format!("{}{tail}", m.name), Profile::Conservative);
                (j, whole, name, whole.slice(text).to_string())
            })
            .collect();
        // A given name found so is a person wherever else the model was unsure of it.
        let given: Vec<String> = relabel
            .iter()
            .filter(|(j, l)| l == "PER" && doc.mentions[*j].label != "PER")
            .map(|(j, _)| doc.mentions[*j].name.clone())
            .collect();
        for (j, label) in relabel {
            doc.mentions[j].label = label;
        }
        for m in doc.mentions.iter_mut() {
            if m.label != "PER" && m.confidence < SURE_PLACE && given.contains(&m.name) {
                m.label = "PER".into();
            }
        }
        for (j, span, name, written) in grown {
            let m = &mut doc.mentions[j];
            (m.span, m.name, m.text) = (span, name, written);
        }
        if !replaced.is_empty() {
            replaced.sort_unstable();
            replaced.dedup();
            for j in replaced.into_iter().rev() {
                doc.mentions.remove(j);
            }
        }
        doc.add_mentions(added);
        split_joined_people(doc);
        Ok(())
    }
}

/// Two people written side by side that the model read as one name (`شكرت ميلانيا السيسي`،
/// `ميلانيا ماكرون`): a person mention splits where its first words begin another, longer
/// person's name in the document that is written more often (`ميلانيا ترامب`) and its last
/// words end a third's (`عبد الفتاح السيسي`).
fn split_joined_people(doc: &mut Doc) {
    let people: Vec<Vec<String>> = doc
        .mentions
        .iter()
        .filter(|m| m.label == "PER")
        .map(|m| m.name.split_whitespace().map(crate::name_key).collect())
        .collect();
    // How often each full name is written; most documents have no two-word name to split.
    if !people.iter().any(|p| p.len() >= 2) {
        return;
    }
    let mut counts: HashMap<&[String], usize> = HashMap::new();
    for p in &people {
        *counts.entry(p.as_slice()).or_insert(0) += 1;
    }
    let mut added = Vec::new();
    for m in doc.mentions.iter_mut().filter(|m| m.label == "PER") {
        if !m.name.contains(' ') {
            continue;
        }
        let words: Vec<String> = m.name.split_whitespace().map(crate::name_key).collect();
        let written: Vec<(usize, &str)> = m
            .text
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - m.text.as_ptr() as usize, w))
            .collect();
        if words.len() < 2 || written.len() != words.len() {
            continue;
        }
        // The name the first words begin must be written more often than this one: of
        // `ميلانيا ترامب` (twice) and `ميلانيا السيسي` (once), only the second is a join.
        let count = |name: &[String]| counts.get(name).copied().unwrap_or(0);
        let mine = count(&words);
        let after_kin = doc.tokens[..doc.tokens.partition_point(|t| t.span.end <= m.span.start)]
            .iter()
            .rev()
            .find(|t| t.kind != rasd_doc::TokenKind::Punct && t.clitic != rasd_doc::Clitic::Pronoun)
            .is_some_and(crate::roles::is_kin);
        let split = (1..words.len()).find(|&k| {
            let (left, right) = words.split_at(k);
            let begins = people.iter().any(|p| {
                p.len() > left.len()
                    && p.starts_with(left)
                    && p[left.len()..] != *right
                    && count(p) > mine
            });
            let ends = people.iter().any(|p| {
                p.ends_with(right) && p.len() > right.len() && p[..p.len() - right.len()] != *left
            });
            // After a word of kinship (`ترامب وزوجته ميلانيا ماكرون`) the relative's own
            // name is a given name: a known surname after it is the next person's.
            (begins || (k == 1 && after_kin)) && ends
        });
        let Some(k) = split else { continue };
        let at = written[k].0;
        let left_text = m.text[..at].trim_end().to_string();
        let right = Mention {
            span: rasd_doc::Span::new(m.span.start + at, m.span.end),
            text: m.text[at..].to_string(),
            name: m.name.split_whitespace().skip(k).collect::<Vec<_>>().join(" "),
            ..m.clone()
        };
        m.name = m.name.split_whitespace().take(k).collect::<Vec<_>>().join(" ");
        m.span = rasd_doc::Span::new(m.span.start, m.span.start + left_text.len());
        m.text = left_text;
        added.push(right);
    }
    doc.add_mentions(added);
}

#[cfg(test)]
mod split_tests {
    use super::*;

    fn doc_with_people(text: &str, names: &[&str]) -> Doc {
        let mut doc = Doc::new(rasd_doc::Document::from_text("t", text, None));
        let mut from = 0;
        for name in names {
            let start = from + text[from..].find(name).expect("name in text");
            from = start + name.len();
            doc.mentions.push(Mention {
                span: rasd_doc::Span::new(start, from),
                text: name.to_string(),
                name: name.to_string(),
                label: "PER".into(),
                confidence: 0.9,
                source: "ner".into(),
            });
        }
        doc
    }

    #[test]
    fn two_people_read_as_one_name_are_split() {
        let text =
            "وصلت ميلانيا ترامب. واستقبل عبد الفتاح السيسي ميلانيا ترامب. وشكرت ميلانيا السيسي.";
        let mut doc = doc_with_people(
            text,
            &["ميلانيا ترامب", "عبد الفتاح السيسي", "ميلانيا ترامب", "ميلانيا السيسي"],
        );
        split_joined_people(&mut doc);
        let names: Vec<&str> = doc.mentions.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            ["ميلانيا ترامب", "عبد الفتاح السيسي", "ميلانيا ترامب", "ميلانيا", "السيسي"]
        );
        let last = &doc.mentions[4];
        assert_eq!(last.span.slice(text), "السيسي");
        assert_eq!(doc.mentions[3].span.slice(text), "ميلانيا");
        // Written as often as the other, a name is not split (which one is the join?).
        let text = "ميلانيا ترامب وعبد الفتاح السيسي وميلانيا السيسي";
        let mut doc =
            doc_with_people(text, &["ميلانيا ترامب", "عبد الفتاح السيسي", "ميلانيا السيسي"]);
        split_joined_people(&mut doc);
        assert_eq!(doc.mentions.len(), 3);
    }
}
