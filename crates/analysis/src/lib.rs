//! Cross-document analysis: the store's mentions resolved into canonical entities, and its
//! event mentions resolved to those entities and merged into events.
//!
//! Per-document work (tokens, names, dates, event mentions) is done once at ingest by the
//! pipeline and stored; this crate does the part that depends on every document at once.
//! [`analyse`] reads the store and returns an [`Analysis`]; it does no tokenising, so it is
//! cheap enough to run after every ingest and at server start (see `rasd bench`-style
//! figures in the crate's bench). [`EventFilter`] is the one definition of the event
//! filters that `rasd events` and `rasd serve` offer.
#![deny(missing_docs)]

use std::collections::HashMap;

use rasd_actors::{name_key, name_words, Entity, MentionRef};
use rasd_doc::{EventMention, Mention};
use rasd_events::{EntityRef, Event, Resolved};
use rasd_store::DocumentStore;

/// Entities and merged events over a whole store.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Canonical entities (people, organisations, places), most mentioned first.
    pub entities: Vec<Entity>,
    /// Merged events, in date order.
    pub events: Vec<Event>,
    index: HashMap<(String, String, String), usize>,
    by_id: HashMap<String, usize>,
}

impl Analysis {
    /// The canonical entity of a mention of document `doc`.
    pub fn entity_of(&self, doc: &str, m: &Mention) -> Option<&Entity> {
        let i = self.index.get(&(doc.to_string(), m.label.clone(), name_key(&m.name)))?;
        self.entities.get(*i)
    }

    /// An entity by id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).and_then(|&i| self.entities.get(i))
    }

    /// Entities that a user's query names: its id, its Latin name (case-insensitive
    /// substring), or an Arabic name whose words contain the query's words in order
    /// (`بوريطة` finds `ناصر بوريطة`; `الحموشي` finds `عبد اللطيف حموشي`).
    pub fn find_entities(&self, query: &str) -> Vec<&Entity> {
        let q = ActorQuery::new(query);
        self.entities.iter().filter(|e| q.matches_entity(e)).collect()
    }

    /// Builds the analysis from mentions and event mentions (both in document, then text
    /// order, as the store returns them).
    pub fn build(
        mentions: &[(String, Mention)],
        event_mentions: Vec<(String, EventMention, String)>,
    ) -> Analysis {
        let refs: Vec<MentionRef> = mentions
            .iter()
            .filter(|(_, m)| m.label != "MISC")
            .map(|(doc, m)| MentionRef { doc, label: &m.label, name: &m.name })
            .collect();
        let entities = rasd_actors::resolve(&refs);
        let index = rasd_actors::index(&entities);
        let by_id = entities.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
        let mut analysis = Analysis { entities, events: Vec::new(), index, by_id };

        // Each document's mentions, to look up the indices event mentions refer to.
        let mut doc_mentions: HashMap<&str, Vec<&Mention>> = HashMap::new();
        for (doc, m) in mentions {
            doc_mentions.entry(doc.as_str()).or_default().push(m);
        }
        let mut resolved = Vec::new();
        for (doc, em, sentence) in event_mentions {
            let Some(ms) = doc_mentions.get(doc.as_str()) else { continue };
            let mut participants: Vec<EntityRef> = Vec::new();
            for &i in &em.participants {
                let Some(m) = ms.get(i) else { continue };
                if let Some(p) = analysis.entity_ref(&doc, m, Some("participant")) {
                    if !participants.iter().any(|q| q.id == p.id) {
                        participants.push(p);
                    }
                }
            }
            if participants.is_empty() {
                continue;
            }
            let location = em
                .location
                .and_then(|i| ms.get(i))
                .and_then(|m| analysis.entity_ref(&doc, m, None));
            resolved.push(Resolved {
                document: doc,
                mention: em,
                participants,
                location,
                sentence,
            });
        }
        analysis.events = rasd_events::merge(resolved);
        analysis
    }

    fn entity_ref(&self, doc: &str, m: &Mention, role: Option<&str>) -> Option<EntityRef> {
        let e = self.entity_of(doc, m)?;
        Some(EntityRef {
            id: e.id.clone(),
            name: e.name.clone(),
            etype: e.etype.clone(),
            aliases: e.aliases.clone(),
            en: e.en.clone(),
            role: role.map(str::to_string),
        })
    }
}

/// Reads every mention and event mention of a store and builds the [`Analysis`].
pub fn analyse(store: &impl DocumentStore) -> rasd_store::Result<Analysis> {
    let mentions = store.all_mentions()?;
    let events = store.all_event_mentions()?;
    Ok(Analysis::build(&mentions, events))
}

/// A user's actor query, prepared once: Arabic name words and a lowercase form.
#[derive(Debug, Clone)]
struct ActorQuery {
    words: Vec<String>,
    lower: String,
    latin: Vec<String>,
}

impl ActorQuery {
    fn new(query: &str) -> ActorQuery {
        ActorQuery {
            words: name_words(query),
            lower: query.trim().to_lowercase(),
            latin: latin_skeleton(query),
        }
    }

    /// The query's Latin words, as skeletons, appear in order among the name's.
    fn latin_matches(&self, en: &str) -> bool {
        if self.latin.is_empty() || self.latin.iter().all(|w| w.len() < 2) {
            return false;
        }
        let words = latin_skeleton(en);
        words.windows(self.latin.len()).any(|w| w == self.latin)
    }

    fn name_matches(&self, name: &str) -> bool {
        let words = name_words(name);
        !self.words.is_empty() && words.windows(self.words.len()).any(|w| w == self.words)
    }

    fn matches(&self, id: &str, en: &str, name: &str, aliases: &[String]) -> bool {
        if self.lower.is_empty() {
            return false;
        }
        id == self.lower
            || en.to_lowercase().contains(&self.lower)
            || self.latin_matches(en)
            || self.name_matches(name)
            || aliases.iter().any(|a| self.name_matches(a))
    }

    fn matches_entity(&self, e: &Entity) -> bool {
        self.matches(&e.id, &e.en, &e.name, &e.aliases)
    }

    fn matches_ref(&self, e: &EntityRef) -> bool {
        self.matches(&e.id, &e.en, &e.name, &e.aliases)
    }
}

/// A Latin name reduced to the consonant skeleton of each word, so that the spellings
/// users type (`Hammouchi`, `Bourita`, `El Khalfi`) meet rasd's romanisation (`Hmushi`,
/// `Bwrita`, `Al-Khlfi`): lowercase, common French/English digraphs unified, vowels and
/// `w`/`y` dropped, doubled letters collapsed, a leading `al`/`el` article dropped.
pub fn latin_skeleton(name: &str) -> Vec<String> {
    let lower = name.to_lowercase();
    let mut out = Vec::new();
    for word in lower.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| !w.is_empty()) {
        if ["al", "el", "ul"].contains(&word) {
            continue;
        }
        let w = word
            .replace("ch", "sh")
            .replace("ou", "u")
            .replace("kh", "x")
            .replace("gh", "g")
            .replace("th", "t")
            .replace("dh", "d")
            .replace('q', "k")
            .replace('j', "g")
            .replace('z', "s")
            .replace('e', "a");
        let mut skel = String::new();
        for c in w.chars() {
            if "aiouwy".contains(c) || skel.ends_with(c) {
                continue;
            }
            skel.push(c);
        }
        if !skel.is_empty() {
            out.push(skel);
        }
    }
    out
}

/// Why a filter value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadFilter {
    /// The parameter (`since`, `type`, …).
    pub param: &'static str,
    /// What is wrong and what is expected.
    pub message: String,
}

impl std::fmt::Display for BadFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid {}: {}", self.param, self.message)
    }
}

impl std::error::Error for BadFilter {}

/// The PLOVER types rasd extracts.
pub const EVENT_TYPES: &[&str] = &[
    "CONSULT", "ACCUSE", "REJECT", "THREATEN", "REQUEST", "SUPPORT", "AGREE", "COERCE", "ASSAULT",
    "SANCTION",
];

/// CONSULT modes.
pub const MODES: &[&str] = &["meet", "visit", "host", "phone", "multilateral"];

/// Filters over merged events; every field is optional and they combine with AND.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// An actor named by id, Latin name or Arabic name words.
    pub actor: Option<String>,
    /// PLOVER type, case-insensitive.
    pub etype: Option<String>,
    /// CONSULT mode.
    pub mode: Option<String>,
    /// Earliest date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); undated events are left out.
    pub since: Option<String>,
    /// Latest date, same forms.
    pub until: Option<String>,
    /// A place named like an actor.
    pub place: Option<String>,
    /// A document id among the event's sources.
    pub document: Option<String>,
}

impl EventFilter {
    /// Checks the values: dates must be ISO dates, types and modes known ones.
    pub fn validate(&self) -> Result<(), BadFilter> {
        for (param, d) in [("since", &self.since), ("until", &self.until)] {
            if let Some(d) = d {
                let ok = [4, 7, 10].contains(&d.len())
                    && rasd_events::event_date(d).as_deref() == Some(d.as_str())
                    && valid_parts(d);
                if !ok {
                    return Err(BadFilter {
                        param,
                        message: format!("{d:?} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"),
                    });
                }
            }
        }
        if let Some(t) = &self.etype {
            if !EVENT_TYPES.iter().any(|k| k.eq_ignore_ascii_case(t)) {
                return Err(BadFilter {
                    param: "type",
                    message: format!(
                        "unknown event type {t:?}: use one of {}",
                        EVENT_TYPES.join(", ")
                    ),
                });
            }
        }
        if let Some(m) = &self.mode {
            if !MODES.iter().any(|k| k.eq_ignore_ascii_case(m)) {
                return Err(BadFilter {
                    param: "mode",
                    message: format!("unknown mode {m:?}: use one of {}", MODES.join(", ")),
                });
            }
        }
        Ok(())
    }

    /// The events that pass every filter, in the analysis's (date) order.
    pub fn apply<'a>(&self, events: &'a [Event]) -> Vec<&'a Event> {
        self.select(events.iter())
    }

    /// The events of `events` that pass every filter, in their order.
    pub fn select<'a>(&self, events: impl Iterator<Item = &'a Event>) -> Vec<&'a Event> {
        let actor = self.actor.as_deref().map(ActorQuery::new);
        let place = self.place.as_deref().map(ActorQuery::new);
        events
            .filter(|e| {
                let type_ok = self.etype.as_deref().is_none_or(|t| e.etype.eq_ignore_ascii_case(t));
                let mode_ok = self
                    .mode
                    .as_deref()
                    .is_none_or(|m| e.mode.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(m)));
                let actor_ok =
                    actor.as_ref().is_none_or(|q| e.participants.iter().any(|p| q.matches_ref(p)));
                let place_ok = place
                    .as_ref()
                    .is_none_or(|q| e.location.as_ref().is_some_and(|l| q.matches_ref(l)));
                let doc_ok =
                    self.document.as_deref().is_none_or(|d| e.documents.iter().any(|x| x == d));
                let since_ok = self
                    .since
                    .as_deref()
                    .is_none_or(|s| e.date.as_deref().is_some_and(|d| d >= s || s.starts_with(d)));
                let until_ok = self
                    .until
                    .as_deref()
                    .is_none_or(|u| e.date.as_deref().is_some_and(|d| d <= u || d.starts_with(u)));
                type_ok && mode_ok && actor_ok && place_ok && doc_ok && since_ok && until_ok
            })
            .collect()
    }
}

/// Month 01–12 and day 01–31 where given.
fn valid_parts(d: &str) -> bool {
    let month = d.get(5..7).map(|m| m.parse::<u32>().unwrap_or(0));
    let day = d.get(8..10).map(|m| m.parse::<u32>().unwrap_or(0));
    month.is_none_or(|m| (1..=12).contains(&m)) && day.is_none_or(|x| (1..=31).contains(&x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_spellings_meet_the_romanisation() {
        let q = ActorQuery::new("Hammouchi");
        assert!(q.latin_matches("'bd Al-Ltif Hmushi"));
        assert!(ActorQuery::new("Bourita").latin_matches("Nasir Bwrita"));
        assert!(ActorQuery::new("Abdellatif Hammouchi").latin_matches("Abdellatif Hammouchi"));
        assert!(!ActorQuery::new("Burns").latin_matches("'bd Al-Ltif Hmushi"));
        // One-consonant skeletons (Ali → l) are too loose to match alone.
        assert!(!ActorQuery::new("Ali").latin_matches("Lil Ahmad"));
    }

    #[test]
    fn filter_validation_names_the_parameter() {
        let f = EventFilter { since: Some("2023-13".into()), ..Default::default() };
        assert_eq!(f.validate().unwrap_err().param, "since");
        let f = EventFilter { until: Some("yesterday".into()), ..Default::default() };
        assert_eq!(f.validate().unwrap_err().param, "until");
        let f = EventFilter { etype: Some("PARTY".into()), ..Default::default() };
        assert_eq!(f.validate().unwrap_err().param, "type");
        let f = EventFilter { mode: Some("fax".into()), ..Default::default() };
        assert_eq!(f.validate().unwrap_err().param, "mode");
        let f = EventFilter {
            since: Some("2023".into()),
            until: Some("2023-04-07".into()),
            etype: Some("consult".into()),
            mode: Some("visit".into()),
            ..Default::default()
        };
        assert!(f.validate().is_ok());
    }
}
