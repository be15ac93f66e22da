//! Roles and titles: `وزير الخارجية الأمريكي`, `مدير وكالة المخابرات المركزية`, `نظيره
//! المغربي`, found in a document and linked to the person who holds them.
//!
//! [`find_roles`] reads a document's tokens and NER mentions. A role phrase starts at a head
//! word (`data/role_heads.txt`) outside any name and runs over the words, organisation and
//! place names and nationality adjectives (`data/demonyms.tsv`) that follow, up to a stop
//! word (`data/role_stops.txt`), a person's name or other punctuation. Its holder is the
//! person named right after it (`مدير الـ(سي آي إيه)، ويليام بيرنز`) or right before it
//! (`عبد اللطيف حموشي، المدير العام …`).
//!
//! [`RoleLayer`] then makes role-only phrases into mentions of their holder: a role phrase
//! with no name beside it is the person the document names elsewhere with the same role
//! (same head word and organisation, or same head word and country), and `نظيره X` is the
//! person whose role carries nationality X. The added mentions have the holder's name, the
//! label `PER`, the phrase's span and the source `role`, so events take them as participants
//! and entity resolution counts them with the holder.

use std::collections::HashMap;
use std::sync::OnceLock;

use rasd_doc::{Clitic, Component, Doc, Mention, Role, Span, TokenKind};
use rasd_text::{normalize_str, search_key, Profile};
use serde::{Deserialize, Serialize};

use crate::{actors, name_key};

const HEADS: &str = include_str!("../data/role_heads.txt");
const STOPS: &str = include_str!("../data/role_stops.txt");
const DEMONYMS: &str = include_str!("../data/demonyms.tsv");
const NOT_CURRENT: &str = include_str!("../data/role_not_current.txt");
const KIN: &str = include_str!("../data/role_kin.txt");
const AFTER_NATIONALITY: &str = include_str!("../data/role_after_nationality.txt");

/// Whether the word at `pos` is a word of kinship (`data/role_kin.txt`: `زوجة`، `نجل`).
pub fn is_kin(tok: &rasd_doc::Token) -> bool {
    static K: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    let words = K.get_or_init(|| lines(KIN).map(search_key).collect());
    tok.clitic == Clitic::None && words.contains(&search_key(&tok.form))
}

/// Whether a role phrase names an office held at another time (`data/role_not_current.txt`:
/// `السابق`, ordinals such as `السادس عشر`).
fn not_current(text: &str) -> bool {
    static N: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    let words = N.get_or_init(|| {
        lines(NOT_CURRENT).map(|w| search_key(w.strip_prefix("ال").unwrap_or(w))).collect()
    });
    text.split(|c: char| !rasd_text::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
        .any(|w| words.contains(&search_key(w.strip_prefix("ال").unwrap_or(w))))
}

/// Most content words in a role phrase after its head.
const MAX_WORDS: usize = 6;

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn heads() -> &'static std::collections::HashSet<String> {
    static H: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    H.get_or_init(|| lines(HEADS).map(search_key).collect())
}

/// Words that may follow a role's nationality adjective (`data/role_after_nationality.txt`).
fn after_nationality() -> &'static std::collections::HashSet<String> {
    static S: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    // The text layer splits the article off: entries are kept without it.
    S.get_or_init(|| {
        lines(AFTER_NATIONALITY).map(|w| search_key(w.strip_prefix("ال").unwrap_or(w))).collect()
    })
}

fn stops() -> &'static std::collections::HashSet<String> {
    static S: OnceLock<std::collections::HashSet<String>> = OnceLock::new();
    S.get_or_init(|| lines(STOPS).map(search_key).collect())
}

/// Search key of a nationality adjective → the country's Arabic name. A masculine plural
/// (`إسرائيليون`، `الفلسطينيين`) is read as its singular.
pub fn demonym_country(word: &str) -> Option<&'static str> {
    static D: OnceLock<HashMap<String, String>> = OnceLock::new();
    let table = D.get_or_init(|| {
        lines(DEMONYMS)
            .filter_map(|l| l.split_once('\t'))
            .map(|(form, country)| (search_key(form), country.trim().to_string()))
            .collect()
    });
    let key = search_key(word.strip_prefix("ال").unwrap_or(word));
    let singular = || {
        ["ون", "ين"]
            .iter()
            .filter_map(|p| key.strip_suffix(p))
            .filter(|stem| stem.ends_with('ي'))
            .find_map(|stem| table.get(stem))
    };
    table.get(&key).or_else(singular).map(String::as_str)
}

/// A role or title phrase in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleMention {
    /// The phrase in the original text.
    pub span: Span,
    /// The phrase as written.
    pub text: String,
    /// The head word's search key (`مدير`, `وزير`, `نظير`).
    pub head: String,
    /// Index into the document's mentions: the organisation (or place) the role belongs to.
    pub org: Option<usize>,
    /// The country its nationality adjective names (`الأمريكي` → الولايات المتحدة).
    pub country: Option<String>,
    /// Index into the document's mentions: the person named beside it.
    pub holder: Option<usize>,
    /// Whether it names an office held at another time (`الرئيس الأمريكي السابق`,
    /// `data/role_not_current.txt`).
    pub former: bool,
    /// Whether a word of kinship comes before it (`زوجة الرئيس الأمريكي`): the phrase
    /// describes the holder's relative, not the holder.
    #[serde(default)]
    pub kin: bool,
}

impl RoleMention {
    /// Whether it names an office held at another time (`الرئيس الأمريكي السابق`).
    pub fn is_former(&self) -> bool {
        self.former
    }

    /// Whether it is a counterpart phrase (`نظيره المغربي`).
    pub fn is_counterpart(&self) -> bool {
        self.head == search_key("نظير") || self.head == search_key("نظيرة")
    }

    /// What makes two phrases the same role: the head word and the organisation (by actor
    /// dictionary id or name key), else the head word and the country.
    pub fn key(&self, doc: &Doc) -> Option<(String, String)> {
        let org = self.org.and_then(|i| doc.mentions.get(i)).map(|m| org_key(&m.name));
        match (org, &self.country) {
            (Some(o), _) => Some((self.head.clone(), o)),
            (None, Some(c)) => Some((self.head.clone(), format!("country:{}", name_key(c)))),
            (None, None) => None,
        }
    }
}

/// What makes two stored roles the same office: the head word and the organisation (by
/// actor dictionary id or name key), else the head word and the country.
/// An office named by its words alone (`المدير العام للأمن الوطني`) is keyed by them.
pub fn role_key(
    head: &str,
    org: Option<&str>,
    country: Option<&str>,
    text: &str,
) -> Option<String> {
    match (org, country) {
        (Some(o), _) => Some(format!("{head}|{}", org_key(o))),
        (None, Some(c)) => Some(format!("{head}|country:{}", name_key(c))),
        (None, None) => {
            // At least one word besides the head: "الرئيس" alone names no office.
            let words: Vec<String> = text
                .split(|c: char| !rasd_text::is_alphanumeric(c))
                .filter(|w| !w.is_empty())
                .map(|w| search_key(w.strip_prefix("ال").unwrap_or(w)))
                .collect();
            (words.len() >= 2).then(|| format!("{head}|words:{}", words.join(" ")))
        }
    }
}

/// An organisation's identity: its actor dictionary id when it has one (so `سي آي إيه`
/// and `وكالة المخابرات المركزية` agree), else its name key.
fn org_key(name: &str) -> String {
    static BY_NAME: OnceLock<HashMap<String, String>> = OnceLock::new();
    let map = BY_NAME.get_or_init(|| {
        let mut m = HashMap::new();
        for a in actors() {
            for n in &a.names {
                m.entry(name_key(n)).or_insert_with(|| a.id.clone());
            }
        }
        m
    });
    let key = name_key(name);
    map.get(&key).cloned().unwrap_or(key)
}

/// Finds the role phrases of a document (see the module docs).
pub fn find_roles(doc: &Doc) -> Vec<RoleMention> {
    let text = doc.text();
    let toks = &doc.tokens;
    let mention_at = |pos: usize| -> Option<usize> {
        doc.mentions.iter().position(|m| m.span.contains(toks[pos].span))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let is_head = t.clitic == Clitic::None
            && t.kind == TokenKind::Arabic
            && heads().contains(&search_key(&t.form))
            && mention_at(i).is_none();
        if !is_head {
            i += 1;
            continue;
        }
        let head = search_key(&t.form);
        // Start at the head's own article (المدير) if it has one.
        let start = if i > 0 && toks[i - 1].clitic == Clitic::Article && toks[i - 1].word == t.word
        {
            toks[i - 1].span.start
        } else {
            t.span.start
        };
        // The word before the phrase (its article aside) is a relative's (`زوجة الرئيس`).
        let first = if start < t.span.start { i - 1 } else { i };
        let kin =
            toks[..first].iter().rev().find(|x| x.kind != TokenKind::Punct).is_some_and(is_kin);
        let mut end = t.span.end;
        let mut org = None;
        let mut country = None;
        let mut holder = None;
        let mut words = 0;
        let mut nationality_word = false;
        let mut accepted = false;
        // The phrase stays inside the head's sentence.
        let sentence_end = doc
            .sentences
            .iter()
            .find(|s| s.span.contains(t.span))
            .map_or(text.len(), |s| s.span.end);
        let mut j = i + 1;
        while j < toks.len() && toks[j].span.end <= sentence_end {
            let u = &toks[j];
            if let Some(m) = mention_at(j) {
                let mention = &doc.mentions[m];
                if mention.label == "PER" {
                    holder = Some(m);
                    break;
                }
                // A name after an attached preposition is where the role went, not whose it
                // is (مدير «سي آي إيه» للمغرب); after a nationality the role is complete.
                let after_preposition =
                    j > 0 && toks[j - 1].clitic == Clitic::Preposition && mention.label == "LOC";
                if after_preposition || nationality_word {
                    break;
                }
                org = org.or(Some(m));
                accepted = true;
                // A nationality inside the organisation's name (المديرية العامة للأمن الوطني
                // المغربي), or a country named as the place the role belongs to.
                if country.is_none() {
                    country = mention
                        .name
                        .split_whitespace()
                        .find_map(demonym_country)
                        .map(str::to_string)
                        .or_else(|| (mention.label == "LOC").then(|| mention.name.clone()));
                }
                end = mention.span.end;
                while j < toks.len() && mention.span.contains(toks[j].span) {
                    j += 1;
                }
                continue;
            }
            if u.kind == TokenKind::Punct {
                // A gloss in parentheses (an acronym, another name of the body) is skipped.
                if u.text == "(" {
                    let close = toks[j..]
                        .iter()
                        .take_while(|x| x.span.end <= sentence_end)
                        .position(|x| x.text == ")");
                    match close {
                        Some(k) => {
                            // An acronym in parentheses names the body when nothing else did
                            // (مدير الـ(سي آي إيه)).
                            if org.is_none() {
                                org = (j..j + k).find_map(|x| {
                                    mention_at(x).filter(|&m| doc.mentions[m].label != "PER")
                                });
                            }
                            end = toks[j + k].span.end;
                            accepted = true;
                            j += k + 1;
                            continue;
                        }
                        None => break,
                    }
                }
                if matches!(u.text.as_str(), "«" | "»") {
                    j += 1;
                    continue;
                }
                // "role، NAME": the name after the comma holds it.
                if matches!(u.text.as_str(), "،" | ",") {
                    let next = toks[j + 1..].iter().position(|x| x.kind != TokenKind::Punct);
                    if let Some(k) = next.map(|k| k + j + 1) {
                        if let Some(m) = mention_at(k) {
                            if doc.mentions[m].label == "PER" {
                                holder = Some(m);
                            }
                        }
                    }
                }
                break;
            }
            if u.clitic == Clitic::None {
                let key = search_key(&u.form);
                if stops().contains(&key) || u.kind != TokenKind::Arabic {
                    break;
                }
                // After the nationality only a modifier goes on (`الأسبق`، `الجنوبي`); any
                // other word is the clause the role is the subject of (`الرئيس الأميركي هدد`).
                if nationality_word
                    && demonym_country(&u.form).is_none()
                    && !after_nationality().contains(&key)
                    && !not_current(&u.form)
                {
                    break;
                }
                // Another head word starts another role, unless it follows the head at once
                // (نائبة وزير الخارجية).
                if heads().contains(&key) && accepted {
                    break;
                }
                accepted = true;
                end = u.span.end;
                if let Some(c) = demonym_country(&u.form) {
                    country = Some(c.to_string());
                    nationality_word = true;
                } else {
                    words += 1;
                    if words > MAX_WORDS {
                        break;
                    }
                }
            }
            j += 1;
        }
        // "NAME، role": a person right before (a comma between) holds it — except for a
        // counterpart, who is by definition someone else ("مودي، نظيره الكندي").
        let counterpart = head == search_key("نظير") || head == search_key("نظيرة");
        // Without the comma the name is another party: `التقى الرئيس التونسي قيس سعيد رئيس
        // الوزراء الإيطالي` (the verb's object).
        if holder.is_none() && !counterpart {
            let upto = i.saturating_sub(usize::from(start < t.span.start));
            let is_comma = |x: &&rasd_doc::Token| {
                x.kind == TokenKind::Punct && matches!(x.text.as_str(), "،" | ",")
            };
            let before = match upto.checked_sub(1).map(|c| &toks[c]) {
                Some(c) if is_comma(&c) => upto.checked_sub(2),
                _ => None,
            };
            if let Some(k) = before {
                if let Some(m) = mention_at(k) {
                    let mention = &doc.mentions[m];
                    if mention.label == "PER" && mention.span.end == toks[k].span.end {
                        holder = Some(m);
                    }
                }
            }
        }
        let span = Span::new(start, end.max(start));
        out.push(RoleMention {
            span,
            text: span.slice(text).to_string(),
            former: not_current(span.slice(text)),
            kin,
            head,
            org,
            country,
            holder,
        });
        i = j.max(i + 1);
    }
    out
}

/// The pipeline component that turns role-only phrases into mentions of their holder (see
/// the module docs). It runs after NER and before events.
#[derive(Debug, Clone, Copy, Default)]
pub struct RoleLayer;

impl Component for RoleLayer {
    fn name(&self) -> &'static str {
        "roles"
    }

    fn process(&self, doc: &mut Doc) -> rasd_doc::Result<()> {
        let roles = find_roles(doc);
        let mut added: Vec<Mention> = Vec::new();
        let date = doc.dct.as_ref().map(|d| d.date.clone());
        let sentence_of =
            |sp: Span| doc.sentences.iter().position(|s| s.span.contains(sp)).unwrap_or(usize::MAX);
        for (k, r) in
            roles.iter().enumerate().filter(|(_, r)| r.holder.is_none() && !r.is_former() && !r.kin)
        {
            let holder = if r.is_counterpart() {
                // The person whose role carries the counterpart's nationality.
                let Some(c) = &r.country else { continue };
                let held: Vec<usize> = roles
                    .iter()
                    .filter(|o| !o.is_counterpart() && o.country.as_deref() == Some(c.as_str()))
                    .filter(|o| !o.is_former())
                    .filter_map(|o| o.holder)
                    .collect();
                one_person(doc, &held)
            } else {
                let Some(key) = r.key(doc) else { continue };
                let held: Vec<usize> = roles
                    .iter()
                    .filter(|o| o.key(doc).as_ref() == Some(&key) && !o.is_former())
                    .filter_map(|o| o.holder)
                    .collect();
                one_person(doc, &held)
            };
            let found = match holder {
                Some(h) => {
                    let person = &doc.mentions[h];
                    Some((person.name.clone(), person.confidence * 0.8, "role"))
                }
                None => {
                    // Failing the document, the actor dictionary's office holders at the
                    // document's date: `الرئيس الأمريكي` in 2018 is Trump; a counterpart
                    // takes the office of the role before it in the sentence with its own
                    // nationality (`الرئيس الأمريكي … نظيره الفرنسي` → `الرئيس الفرنسي`).
                    let phrase = if r.is_counterpart() {
                        let of = roles[..k].iter().rev().find(|o| {
                            !o.is_counterpart() && sentence_of(o.span) == sentence_of(r.span)
                        });
                        let demonym =
                            r.text.split_whitespace().find(|w| demonym_country(w).is_some());
                        match (of, demonym) {
                            (Some(o), Some(d)) => {
                                let mut kind: Vec<&str> = o
                                    .text
                                    .split_whitespace()
                                    .filter(|w| demonym_country(w).is_none())
                                    .collect();
                                kind.push(d);
                                Some(kind.join(" "))
                            }
                            _ => None,
                        }
                    } else {
                        Some(r.text.clone())
                    };
                    phrase
                        .zip(date.as_deref())
                        .and_then(|(p, d)| crate::office_holder(&p, d))
                        .and_then(|a| a.names.first())
                        .map(|n| (normalize_str(n, Profile::Conservative), 0.6, "role:dictionary"))
                }
            };
            let Some((person_name, confidence, source)) = found else { continue };
            // The phrase up to any name inside it: the mention must not overlap another.
            let end = doc
                .mentions
                .iter()
                .filter(|m| m.span.start >= r.span.start && m.span.start < r.span.end)
                .map(|m| m.span.start)
                .min()
                .unwrap_or(r.span.end);
            let span = Span::new(r.span.start, end);
            let text = span
                .slice(doc.text())
                .trim_end_matches(|c: char| !rasd_text::is_alphanumeric(c))
                .to_string();
            if text.is_empty() {
                continue;
            }
            let span = Span::new(span.start, span.start + text.len());
            added.push(Mention {
                span,
                text,
                name: person_name,
                label: "PER".into(),
                confidence,
                source: source.into(),
            });
        }
        // The document's roles with names, before the mention indices change.
        // (Holders found in the actor dictionary are not evidence from the text: the role
        // table learns only from the document.)
        let name = |i: Option<usize>| i.and_then(|i| doc.mentions.get(i)).map(|m| m.name.clone());
        let mut table = Vec::with_capacity(roles.len());
        for (k, r) in roles.iter().enumerate() {
            if r.is_former() {
                continue;
            }
            let holder = name(r.holder).or_else(|| {
                added
                    .iter()
                    .find(|m| m.source == "role" && r.span.contains(m.span))
                    .map(|m| m.name.clone())
            });
            if !r.is_counterpart() {
                table.push(Role {
                    span: r.span,
                    text: r.text.clone(),
                    head: r.head.clone(),
                    org: name(r.org),
                    country: r.country.clone(),
                    holder,
                });
                continue;
            }
            // A named counterpart holds the same kind of office as the person it is the
            // counterpart of, for its own country: "وزير الخارجية الأمريكي بلينكن … نظيره
            // المغربي ناصر بوريطة" makes Bourita Morocco's foreign minister. Only for offices
            // named without an organisation (ministers, presidents), whose kind is the phrase.
            let Some(h) = r.holder.and_then(|i| doc.mentions.get(i)) else { continue };
            let of = roles[..k].iter().rev().find(|o| {
                !o.is_counterpart()
                    && o.holder.is_some()
                    && o.org.is_none()
                    && sentence_of(o.span) == sentence_of(r.span)
            });
            if let (Some(o), Some(c)) = (of, &r.country) {
                let kind: Vec<&str> =
                    o.text.split_whitespace().filter(|w| demonym_country(w).is_none()).collect();
                table.push(Role {
                    span: r.span,
                    text: kind.join(" "),
                    head: o.head.clone(),
                    org: None,
                    country: Some(c.clone()),
                    holder: Some(h.name.clone()),
                });
            }
        }
        doc.roles = table;
        doc.add_mentions(added);
        // A person mention that is an office phrase of the actor dictionary (`أمير قطر`, when
        // the model tags the office itself as a name) is the office's holder at the
        // document's date.
        if let Some(date) = date.as_deref() {
            for m in doc.mentions.iter_mut().filter(|m| m.label == "PER" && m.source == "ner") {
                if let Some(name) =
                    crate::office_holder(&m.name, date).and_then(|a| a.names.first())
                {
                    m.name = normalize_str(name, Profile::Conservative);
                }
            }
        }
        Ok(())
    }
}

/// The one person the mentions `held` name (the fullest name; the others must be the same
/// name or part of it, like a surname), or none when they name different people.
fn one_person(doc: &Doc, held: &[usize]) -> Option<usize> {
    let words = |i: usize| crate::name_words(&doc.mentions[i].name);
    let best = *held.iter().max_by_key(|&&i| words(i).len())?;
    let full = words(best);
    let fits = |i: usize| {
        let w = words(i);
        w == full || full.ends_with(&w) || full.starts_with(&w)
    };
    held.iter().all(|&i| fits(i)).then_some(best)
}
