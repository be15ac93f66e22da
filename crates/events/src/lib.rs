//! Event extraction: PLOVER CONSULT events (meetings, visits, hosting, calls, summits) from
//! the enriched document, with participants, date, place and evidence, and their merge
//! across articles.
//!
//! [`extract`] reads one document — tokens (for triggers), NER mentions (participants and
//! places) and temporal expressions (dates) — and returns one [`EventMention`] per sentence
//! that reports a consultation. Triggers are data (`data/triggers.tsv`), matched on token
//! stems so that every clitic form counts (`والتقى`، `وبحث`). Sentences whose trigger is
//! negated, future or planned (`لم`، `سوف`، `من المقرر`) are skipped (`data/modality.txt`).
//! [`merge`] joins mentions of the same happening — same type, shared participants,
//! compatible dates and places — into one [`Event`] with several sources.
//!
//! CONSULT takes every named person and organisation of the sentence as a participant. Ten
//! other types (ACCUSE, REJECT, THREATEN, REQUEST, SUPPORT, AGREE, COERCE, ASSAULT, SANCTION)
//! are read from verb triggers with a source and a target found by word order. Role-aware
//! participants (نظيره، مدير الوكالة) are the next step (issues 5 and 6).
#![deny(missing_docs)]

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use rasd_doc::{Clitic, Component, Doc, Mention, Span, TokenKind};
use rasd_text::search_key;
use serde::Serialize;

const TRIGGERS: &str = include_str!("../data/triggers.tsv");
const MODALITY: &str = include_str!("../data/modality.txt");

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Trigger key → (PLOVER type, CONSULT mode or "-").
fn triggers() -> &'static HashMap<String, (&'static str, &'static str)> {
    static T: OnceLock<HashMap<String, (&'static str, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut map = HashMap::new();
        for line in lines(TRIGGERS) {
            let f: Vec<&str> = line.split('\t').collect();
            let [etype, mode, forms] = f.as_slice() else { continue };
            let etype: &'static str = Box::leak(etype.to_string().into_boxed_str());
            let mode: &'static str = Box::leak(mode.to_string().into_boxed_str());
            for form in forms.split('|') {
                map.insert(search_key(form.trim()), (etype, mode));
            }
        }
        map
    })
}

fn modality() -> &'static HashSet<String> {
    static M: OnceLock<HashSet<String>> = OnceLock::new();
    M.get_or_init(|| lines(MODALITY).map(search_key).collect())
}

/// A mode's priority when a sentence has several triggers (هستقبل … لبحث: host wins).
fn priority(mode: &str) -> u8 {
    match mode {
        "host" => 5,
        "visit" => 4,
        "phone" => 3,
        "multilateral" => 2,
        _ => 1,
    }
}

pub use rasd_doc::EventMention;

/// Reduces a timex value to an event date (`2023-04-07TEV` → `2023-04-07`; ranges take
/// their start); vague or year-less values give none.
pub fn event_date(value: &str) -> Option<String> {
    let v = value.split('/').next()?;
    let v = v.split('T').next()?;
    let ok = v.len() >= 4
        && v[..4].chars().all(|c| c.is_ascii_digit())
        && (v.len() == 4 || v.len() == 7 || v.len() == 10)
        && v.chars().all(|c| c.is_ascii_digit() || c == '-');
    ok.then(|| v.to_string())
}

/// Finds CONSULT events in a document with tokens, mentions and timexes.
pub fn extract(doc: &Doc) -> Vec<EventMention> {
    let mut out = Vec::new();
    let trig = triggers();
    let modal = modality();
    let mut previous_date: Option<String> = None;
    for s in &doc.sentences {
        let toks: Vec<&rasd_doc::Token> =
            doc.tokens.iter().filter(|t| s.span.contains(t.span)).collect();
        let date_here = doc
            .timexes
            .iter()
            .filter(|t| s.span.contains(t.span))
            .find_map(|t| t.value.as_deref().and_then(event_date));
        // Triggers: content tokens whose stem is listed, not inside a name, not negated or
        // planned. The best CONSULT trigger makes one event; other types one event each.
        let in_sentence: Vec<(usize, &Mention)> =
            doc.mentions.iter().enumerate().filter(|(_, m)| s.span.contains(m.span)).collect();
        let mut best: Option<(usize, &'static str)> = None;
        let mut others: Vec<(usize, &'static str)> = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            if t.clitic != Clitic::None || t.kind != TokenKind::Arabic {
                continue;
            }
            if in_sentence.iter().any(|(_, m)| m.span.contains(t.span)) {
                continue;
            }
            let Some(&(etype, mode)) = trig.get(&search_key(&t.form)) else { continue };
            // Negated, future or planned: not reported as having happened.
            let before: Vec<String> = toks[..i]
                .iter()
                .rev()
                .filter(|x| x.clitic == Clitic::None)
                .take(3)
                .map(|x| search_key(&x.form))
                .collect();
            let future_clitic =
                i > 0 && toks[i - 1].clitic == Clitic::Future && toks[i - 1].word == t.word;
            if future_clitic || before.iter().any(|b| modal.contains(b)) {
                continue;
            }
            if etype != "CONSULT" {
                others.push((i, etype));
            } else if best.is_none_or(|(_, m)| priority(mode) > priority(m)) {
                best = Some((i, mode));
            }
        }
        let chained = toks.first().is_some_and(|t| t.clitic == Clitic::Conjunction);
        let date = date_here.clone().or_else(|| if chained { previous_date.clone() } else { None });
        if date_here.is_some() {
            previous_date = date_here;
        }
        for &(ti, etype) in &others {
            if let Some(e) = directed(doc, &toks, ti, etype, &in_sentence, s.span, date.clone()) {
                out.push(e);
            }
        }
        let Some((ti, mode)) = best else { continue };
        let trigger = toks[ti].span;
        let mut participants: Vec<usize> = in_sentence
            .iter()
            .filter(|(_, m)| m.label == "PER" || m.label == "ORG")
            .map(|(i, _)| *i)
            .collect();
        // The place: for a visit, the first place after the trigger (the place visited, which
        // also stands for the host); otherwise a place after في or ب.
        let mut location = None;
        if mode == "visit" {
            if let Some((i, _)) =
                in_sentence.iter().find(|(_, m)| m.label == "LOC" && m.span.start > trigger.start)
            {
                location = Some(*i);
                participants.push(*i);
            }
        }
        if location.is_none() {
            // The first introduced place after the trigger, else the nearest before it (long
            // sentences name several places).
            let places: Vec<&(usize, &Mention)> =
                in_sentence.iter().filter(|(_, m)| m.label == "LOC" && located(doc, m)).collect();
            location = places
                .iter()
                .find(|(_, m)| m.span.start > trigger.start)
                .or_else(|| places.iter().max_by_key(|(_, m)| m.span.start))
                .map(|(i, _)| *i);
        }
        if participants.is_empty() {
            continue;
        }
        participants.sort_unstable();
        participants.dedup();
        out.push(EventMention {
            etype: "CONSULT".into(),
            mode: Some(mode.into()),
            participants,
            location,
            date,
            sentence: s.span,
            trigger,
            rule: format!("consult:{mode}:{}", toks[ti].form),
        });
    }
    out
}

/// An event with a source and a target, read from Arabic word order: in a verb-first clause
/// (اتهم كوربن حكومة ماي) the first actor after the verb is the source and the next one the
/// target; when an actor precedes the verb in the same clause (روسيا … عرقلت قرارا) it is the
/// source and the first actor after the verb the target. Actors are named people,
/// organisations and places (a country acting through its government).
fn directed(
    doc: &Doc,
    toks: &[&rasd_doc::Token],
    ti: usize,
    etype: &str,
    in_sentence: &[(usize, &Mention)],
    sentence: Span,
    date: Option<String>,
) -> Option<EventMention> {
    let trigger = toks[ti].span;
    let actors: Vec<&(usize, &Mention)> = in_sentence
        .iter()
        .filter(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG" | "LOC"))
        .collect();
    // The clause: from the last comma or sentence start before the trigger.
    let clause_start = toks[..ti]
        .iter()
        .rev()
        .find(|t| {
            t.kind == TokenKind::Punct && matches!(t.text.as_str(), "،" | "," | ":" | "\"" | "؛")
        })
        .map_or(sentence.start, |t| t.span.end);
    let after: Vec<&&(usize, &Mention)> =
        actors.iter().filter(|(_, m)| m.span.start > trigger.end).collect();
    let before = actors
        .iter()
        .rev()
        .find(|(_, m)| m.span.end <= trigger.start && m.span.start >= clause_start);
    let (source, target) = match before {
        Some((s, _)) => (*s, after.first().map(|(t, _)| *t)?),
        None => {
            let s = after.first()?;
            // The subject follows the verb closely (a title may come between).
            let gap = doc
                .tokens
                .iter()
                .filter(|t| {
                    t.span.start >= trigger.end
                        && t.span.end <= s.1.span.start
                        && t.clitic == Clitic::None
                })
                .count();
            if gap > 4 {
                return None;
            }
            (s.0, after.get(1).map(|(t, _)| *t)?)
        }
    };
    if source == target || doc.mentions[source].name == doc.mentions[target].name {
        return None;
    }
    Some(EventMention {
        etype: etype.to_string(),
        mode: None,
        participants: vec![source, target],
        location: None,
        date,
        sentence,
        trigger,
        rule: format!("{}:{}", etype.to_lowercase(), toks[ti].form),
    })
}

/// Whether a place mention is introduced by في or the preposition ب.
fn located(doc: &Doc, m: &Mention) -> bool {
    let Some(pos) = doc.tokens.iter().position(|t| t.span.end > m.span.start) else { return false };
    let prev: Vec<&rasd_doc::Token> = doc.tokens[..=pos].iter().rev().take(3).collect();
    prev.iter().any(|t| {
        (t.clitic == Clitic::Preposition && t.form == "ب" && t.span.end <= m.span.start + 1)
            || (t.clitic == Clitic::None && t.form == "في" && t.span.end <= m.span.start)
    })
}

/// The pipeline component that adds [`extract`]'s event mentions to a document.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventLayer;

impl Component for EventLayer {
    fn name(&self) -> &'static str {
        "events"
    }

    fn process(&self, doc: &mut Doc) -> rasd_doc::Result<()> {
        doc.events = extract(doc);
        Ok(())
    }
}

/// A participant, place or other entity reference in a merged event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    /// Canonical entity id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `PER`, `ORG`, `LOC`.
    #[serde(rename = "type")]
    pub etype: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Latin-script name.
    pub en: String,
    /// `participant` (CONSULT), `source` or `target`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// Evidence for an event: where a document states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Document id.
    pub document: String,
    /// The sentence.
    pub sentence: String,
    /// Start byte of the sentence in the document's original text.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// The rule that fired.
    pub rule: String,
}

/// An event merged across mentions and documents (the SPEC's output contract).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Stable id.
    pub id: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub etype: String,
    /// CONSULT mode.
    pub mode: Option<String>,
    /// Participants.
    pub participants: Vec<EntityRef>,
    /// Place.
    pub location: Option<EntityRef>,
    /// The most precise date the sources agree on.
    pub date: Option<String>,
    /// Documents that report it.
    pub documents: Vec<String>,
    /// Sentences that state it.
    pub evidence: Vec<Evidence>,
}

/// An event mention with its participants and place resolved to canonical entities.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Document id.
    pub document: String,
    /// The mention.
    pub mention: EventMention,
    /// Canonical participants.
    pub participants: Vec<EntityRef>,
    /// Canonical place.
    pub location: Option<EntityRef>,
    /// The evidence sentence.
    pub sentence: String,
}

/// Whether two dates can describe the same happening: equal, one a prefix of the other, or
/// one unknown.
pub fn dates_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.starts_with(b) || b.starts_with(a),
        _ => true,
    }
}

/// Merges event mentions that describe the same happening: same type, at least two shared
/// participants (or the same single participant), compatible dates and places.
pub fn merge(items: Vec<Resolved>) -> Vec<Event> {
    let mut events: Vec<(Event, BTreeSet<String>)> = Vec::new();
    // (type, participant id) → events with that participant, in creation order: a match
    // shares at least one participant, so only these are candidates.
    let mut by_participant: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for r in items {
        let ids: BTreeSet<String> = r.participants.iter().map(|p| p.id.clone()).collect();
        let date = r.mention.date.clone();
        let mut candidates: Vec<usize> = ids
            .iter()
            .filter_map(|id| by_participant.get(&(r.mention.etype.clone(), id.clone())))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let target = candidates.into_iter().find(|&i| {
            let (e, eids) = &events[i];
            let shared = eids.intersection(&ids).count();
            let enough = shared >= 2 || (shared == 1 && (eids.len() == 1 || ids.len() == 1));
            e.etype == r.mention.etype
                && enough
                && dates_compatible(e.date.as_deref(), date.as_deref())
                && match (&e.location, &r.location) {
                    (Some(a), Some(b)) => a.id == b.id,
                    _ => true,
                }
        });
        let evidence = Evidence {
            document: r.document.clone(),
            sentence: r.sentence.clone(),
            start: r.mention.sentence.start,
            end: r.mention.sentence.end,
            rule: r.mention.rule.clone(),
        };
        let index = target.unwrap_or(events.len());
        for id in &ids {
            let list = by_participant.entry((r.mention.etype.clone(), id.clone())).or_default();
            if list.last() != Some(&index) {
                list.push(index);
            }
        }
        match target {
            Some(i) => {
                let (e, eids) = &mut events[i];
                for p in r.participants {
                    if eids.insert(p.id.clone()) {
                        e.participants.push(p);
                    }
                }
                if e.location.is_none() {
                    e.location = r.location;
                }
                // Keep the most precise date.
                if date.as_ref().is_some_and(|d| e.date.as_ref().is_none_or(|x| d.len() > x.len()))
                {
                    e.date = date;
                }
                if priority(r.mention.mode.as_deref().unwrap_or(""))
                    > priority(e.mode.as_deref().unwrap_or(""))
                {
                    e.mode = r.mention.mode.clone();
                }
                if !e.documents.contains(&r.document) {
                    e.documents.push(r.document.clone());
                }
                e.evidence.push(evidence);
            }
            None => {
                let e = Event {
                    id: String::new(),
                    etype: r.mention.etype.clone(),
                    mode: r.mention.mode.clone(),
                    participants: r.participants,
                    location: r.location,
                    date,
                    documents: vec![r.document.clone()],
                    evidence: vec![evidence],
                };
                events.push((e, ids));
            }
        }
    }
    let mut out: Vec<Event> = events.into_iter().map(|(e, _)| e).collect();
    // Dated events in date order, then the undated ones.
    out.sort_by(|a, b| {
        (a.date.is_none(), &a.date)
            .cmp(&(b.date.is_none(), &b.date))
            .then_with(|| a.evidence[0].document.cmp(&b.evidence[0].document))
    });
    for (i, e) in out.iter_mut().enumerate() {
        e.id = format!(
            "{}-{}-{}",
            e.etype.to_lowercase(),
            e.date.as_deref().unwrap_or("undated"),
            i + 1
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(event_date("2023-04-07TEV").as_deref(), Some("2023-04-07"));
        assert_eq!(event_date("2022-06-13/2022-06-14").as_deref(), Some("2022-06-13"));
        assert_eq!(event_date("2023-03").as_deref(), Some("2023-03"));
        assert_eq!(event_date("PAST_REF"), None);
        assert_eq!(event_date("XXXX-02-22"), None);
        assert_eq!(event_date("199X"), None);
        assert_eq!(event_date("2023-W14"), None);
        assert!(dates_compatible(Some("2023-04-07"), Some("2023-04")));
        assert!(!dates_compatible(Some("2023-04-07"), Some("2023-03")));
        assert!(dates_compatible(None, Some("2023")));
    }

    #[test]
    fn triggers_load() {
        assert_eq!(triggers().get(&search_key("التقى")), Some(&("CONSULT", "meet")));
        assert_eq!(triggers().get(&search_key("زيارة")), Some(&("CONSULT", "visit")));
        assert_eq!(triggers().get(&search_key("اتهم")), Some(&("ACCUSE", "-")));
        assert!(modality().contains(&search_key("لم")));
    }
}
