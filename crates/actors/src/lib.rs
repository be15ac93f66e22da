//! Actors: named-entity mentions grouped into canonical entities.
//!
//! [`resolve`] takes the mentions of many documents and returns one [`Entity`] per actor:
//!
//! 1. **Name keys.** A name is compared on its search-profile form with spaces removed and
//!    each word's leading article dropped, after joining `عبد ال…` compounds, so that
//!    `عبداللطيف الحموشي`, `عبد اللطيف حموشي` and `عبد اللطيف الحموشي` share one key.
//! 2. **Within a document**, a person mentioned by part of a name (`الحموشي`, `بيرنز`)
//!    joins the one fuller name in the same document that ends (surname) or begins (given
//!    names) with it.
//! 3. **Across documents**, groups with the same full key and type merge; a group known
//!    only by a surname joins the one fuller name elsewhere that ends with it — among
//!    several, the one whose documents name the same other actors, when one clearly shares
//!    the most (co-occurrence) — and a place or organisation of two words or more joins the
//!    one longer name it begins (`الولايات المتحدة` → `الولايات المتحدة الأمريكية`).
//!
//! 4. **The actor dictionary** (`data/actors.tsv`, user-extensible): a group whose name is
//!    one of an actor's Arabic names takes the actor's id and English name, and every group
//!    of that actor becomes one entity (`سي آي إيه` and `وكالة المخابرات المركزية`).
//!
//! Other entities get a Latin-script name by romanisation (`data/romanize.tsv`).
#![deny(missing_docs)]

mod dictionary;
mod roles;

pub use dictionary::DictionaryLayer;
pub use roles::{demonym_country, find_roles, is_kin, role_key, RoleLayer, RoleMention};

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rasd_text::{normalize_str, search_key, Profile};
use serde::Serialize;

/// One mention as the resolver sees it.
#[derive(Debug, Clone, Copy)]
pub struct MentionRef<'a> {
    /// Document id.
    pub doc: &'a str,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: &'a str,
    /// The mention's name (clitics removed, normalised).
    pub name: &'a str,
}

/// A canonical entity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// Stable id: type and romanised name (`per-abd-al-ltif-hmushi`).
    pub id: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub etype: String,
    /// The fullest name seen (most frequent among the longest).
    pub name: String,
    /// Every distinct name seen for it.
    pub aliases: Vec<String>,
    /// Latin-script name.
    pub en: String,
    /// Documents that mention it, sorted (the entity index searches them).
    pub documents: Vec<String>,
    /// Number of mentions.
    pub mentions: usize,
}

/// The words of a name as keys: search-folded, `عبد ال…` joined, leading article dropped,
/// and spelling variants and synonyms of `data/name_synonyms.tsv` unified (`الاستخبارات` =
/// `المخابرات` in agency names, `الأميركية` = `الأمريكية`).
pub fn name_words(name: &str) -> Vec<String> {
    let joined = joined_key(name);
    word_keys(&joined).map(str::to_string).collect()
}

/// The first of [`name_words`] (the key of a single word), without building the others.
pub fn first_name_word(name: &str) -> Option<String> {
    word_keys(&joined_key(name)).next().map(str::to_string)
}

/// [`first_name_word`] of a word already in the conservative normalisation (a token's form):
/// the same key without normalising again.
pub fn first_name_word_normalized(word: &str) -> Option<String> {
    word_keys(&join_compounds(search_key(word))).next().map(str::to_string)
}

/// The search-folded name with `عبد ال…` and `أبو ال…` joined.
fn joined_key(name: &str) -> String {
    join_compounds(search_key(&normalize_str(name, Profile::Conservative)))
}

/// `عبد ال…` and `أبو ال…` joined in a search key.
fn join_compounds(mut folded: String) -> String {
    for (spaced, joined) in [("عبد ال", "عبدال"), ("ابو ال", "ابوال")] {
        if folded.contains(spaced) {
            folded = folded.replace(spaced, joined);
        }
    }
    folded
}

/// The word keys of a joined key: leading article dropped, synonyms unified.
fn word_keys(joined: &str) -> impl Iterator<Item = &str> {
    joined
        .split(|c: char| !rasd_text::is_alphanumeric(c))
        .filter(|w| !w.is_empty())
        .map(|w| match w.strip_prefix("ال") {
            Some(rest) if rest.chars().count() >= 2 => rest,
            _ => w,
        })
        .map(|w| synonyms().get(w).map_or(w, String::as_str))
}

const SYNONYMS: &str = include_str!("../data/name_synonyms.tsv");

/// Word key → the key it is compared as (`data/name_synonyms.tsv`).
fn synonyms() -> &'static HashMap<String, String> {
    static S: std::sync::OnceLock<HashMap<String, String>> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let key = |w: &str| {
            let k = search_key(&normalize_str(w.trim(), Profile::Conservative));
            match k.strip_prefix("ال") {
                Some(rest) if rest.chars().count() >= 2 => rest.to_string(),
                _ => k,
            }
        };
        SYNONYMS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(a, b)| (key(a), key(b)))
            .collect()
    })
}

/// The comparison key of a name: its words joined.
pub fn name_key(name: &str) -> String {
    name_words(name).concat()
}

#[derive(Debug, Default, Clone)]
struct Group {
    label: String,
    /// The fullest name's words.
    words: Vec<String>,
    names: BTreeMap<String, usize>,
    docs: BTreeSet<String>,
    mentions: usize,
}

impl Group {
    fn key(&self) -> String {
        self.words.concat()
    }
    fn absorb(&mut self, other: Group) {
        if other.words.len() > self.words.len() {
            self.words = other.words;
        }
        for (n, c) in other.names {
            *self.names.entry(n).or_insert(0) += c;
        }
        self.docs.extend(other.docs);
        self.mentions += other.mentions;
    }
    /// Takes back what `absorb(other)` added (one document's group; its words stay).
    fn remove(&mut self, other: &Group) {
        for (n, c) in &other.names {
            if let Some(k) = self.names.get_mut(n) {
                *k = k.saturating_sub(*c);
                if *k == 0 {
                    self.names.remove(n);
                }
            }
        }
        for d in &other.docs {
            self.docs.remove(d);
        }
        self.mentions = self.mentions.saturating_sub(other.mentions);
    }
}

/// Whether `part` is a proper suffix or prefix of `full` (word-wise).
fn part_of(part: &[String], full: &[String]) -> bool {
    part.len() < full.len() && (full.ends_with(part) || full.starts_with(part))
}

/// Whether group `g` may join the fuller group `h`: a person by part of the name; a place or
/// organisation of two words or more by a prefix (الولايات المتحدة → الولايات المتحدة
/// الأمريكية).
fn joins(g: &Group, h: &Group) -> bool {
    if g.label != h.label {
        return false;
    }
    match g.label.as_str() {
        "PER" => part_of(&g.words, &h.words),
        _ => g.words.len() >= 2 && g.words.len() < h.words.len() && h.words.starts_with(&g.words),
    }
}

/// The display name: the most frequent of the names with the most words.
fn display_name(g: &Group) -> String {
    let lens: HashMap<&str, usize> =
        g.names.keys().map(|n| (n.as_str(), name_words(n).len())).collect();
    let most_words = lens.values().copied().max().unwrap_or(0);
    g.names
        .iter()
        .filter(|(n, _)| lens.get(n.as_str()) == Some(&most_words))
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(n, _)| n.clone())
        .unwrap_or_default()
}

/// Documents read per group for its co-occurring actors.
const CONTEXT_DOCS: usize = 200;

/// Most fuller names a part is compared with before it is left on its own.
const MAX_HOSTS: usize = 5;

/// Chooses among several fuller names a part fits: `Some(index into the candidates)`.
type TieBreak<'a> = dyn Fn(&Group, &[&Group]) -> Option<usize> + 'a;

/// Joins each group to the one fuller group it is part of (see [`joins`]), longest names
/// first; a part that fits several fuller names joins the one `tie` picks, else stays on
/// its own.
fn join_partials(mut list: Vec<Group>, tie: &TieBreak) -> Vec<Group> {
    list.sort_by(|a, b| b.words.len().cmp(&a.words.len()).then_with(|| a.key().cmp(&b.key())));
    let mut out: Vec<Group> = Vec::new();
    // A part is a prefix or a suffix of its host, so hosts are found by their first and
    // last words (label, edge word) → groups in `out`, instead of by scanning all of them.
    let mut by_edge: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for g in list {
        let (Some(first), Some(last)) = (g.words.first(), g.words.last()) else { continue };
        let mut hosts: Vec<usize> = Vec::new();
        'keys: for key in [(g.label.clone(), first.clone()), (g.label.clone(), last.clone())] {
            for &i in by_edge.get(&key).map_or(&[][..], Vec::as_slice) {
                if !hosts.contains(&i) && joins(&g, &out[i]) {
                    hosts.push(i);
                }
                if hosts.len() > MAX_HOSTS {
                    break 'keys;
                }
            }
        }
        let chosen = match hosts.as_slice() {
            [i] => Some(*i),
            [] => None,
            many if many.len() <= MAX_HOSTS => {
                let candidates: Vec<&Group> = many.iter().map(|&i| &out[i]).collect();
                tie(&g, &candidates).map(|k| many[k])
            }
            _ => None,
        };
        match chosen {
            // Hosts are longer than `g` (longest first), so absorbing keeps their words.
            Some(i) => out[i].absorb(g),
            None => {
                let i = out.len();
                for w in [&first, &last] {
                    let list = by_edge.entry((g.label.clone(), (*w).clone())).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
                out.push(g);
            }
        }
    }
    out
}

/// No choice among several fuller names.
fn no_tie(_: &Group, _: &[&Group]) -> Option<usize> {
    None
}

/// Groups mentions into canonical entities (see the crate docs for the rules).
pub fn resolve(mentions: &[MentionRef]) -> Vec<Entity> {
    let mut by_doc: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for m in mentions {
        by_doc.entry(m.doc).or_default().push((m.label, m.name));
    }
    let mut resolver = Resolver::default();
    for (doc, ms) in by_doc {
        resolver.set_document(doc, &ms);
    }
    resolver.entities()
}

/// Entity resolution kept up to date as documents arrive: each document's mentions are
/// grouped once (step 1 of the crate docs) and folded into the cross-document groups
/// (step 2); [`Resolver::entities`] then runs the steps that need the whole corpus (partial
/// names, the dictionary) over groups, not mentions. Replacing a document takes its old
/// groups back out first, so re-ingesting a changed article does not double-count it.
#[derive(Debug, Default, Clone)]
pub struct Resolver {
    /// Each document's groups after the within-document step.
    docs: HashMap<String, Vec<Group>>,
    /// Groups across documents by (label, key).
    by_key: BTreeMap<(String, String), Group>,
}

impl Resolver {
    /// An empty resolver.
    pub fn new() -> Resolver {
        Resolver::default()
    }

    /// Number of documents it holds.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether it holds no document.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Sets a document's mentions as (label, name) pairs, replacing any earlier version.
    pub fn set_document(&mut self, doc: &str, mentions: &[(&str, &str)]) {
        self.remove_document(doc);
        let mut local: BTreeMap<(String, String), Group> = BTreeMap::new();
        // Names repeat within a document: their words are computed once.
        let mut words_of: HashMap<&str, Vec<String>> = HashMap::new();
        for &(label, name) in mentions {
            let words = words_of.entry(name).or_insert_with(|| name_words(name));
            if words.is_empty() {
                continue;
            }
            let g = local.entry((label.to_string(), words.concat())).or_insert_with(|| Group {
                label: label.to_string(),
                words: words.clone(),
                ..Group::default()
            });
            *g.names.entry(name.to_string()).or_insert(0) += 1;
            g.docs.insert(doc.to_string());
            g.mentions += 1;
        }
        let groups = join_partials(local.into_values().collect(), &no_tie);
        for g in &groups {
            match self.by_key.get_mut(&(g.label.clone(), g.key())) {
                Some(h) => h.absorb(g.clone()),
                None => {
                    self.by_key.insert((g.label.clone(), g.key()), g.clone());
                }
            }
        }
        self.docs.insert(doc.to_string(), groups);
    }

    /// Removes a document's mentions (nothing happens if it is not there).
    pub fn remove_document(&mut self, doc: &str) {
        let Some(groups) = self.docs.remove(doc) else { return };
        for g in &groups {
            let k = (g.label.clone(), g.key());
            if let Some(h) = self.by_key.get_mut(&k) {
                h.remove(g);
                if h.mentions == 0 {
                    self.by_key.remove(&k);
                }
            }
        }
    }

    /// The canonical entities of every document it holds.
    pub fn entities(&self) -> Vec<Entity> {
        // 3. Person groups known only by part of a name join the unique fuller name; when
        //    several fit, the one named with the same other actors (co-occurrence in their
        //    documents) if it clearly shares the most.
        // Contexts are computed once per group (a host is compared with many parts).
        let cache: std::cell::RefCell<HashMap<String, std::rc::Rc<HashSet<String>>>> =
            std::cell::RefCell::new(HashMap::new());
        let context = |g: &Group| -> std::rc::Rc<HashSet<String>> {
            let own = format!("{}|{}", g.label, g.key());
            if let Some(c) = cache.borrow().get(&own) {
                return c.clone();
            }
            let mut ctx: HashSet<String> = HashSet::new();
            for d in g.docs.iter().take(CONTEXT_DOCS) {
                for x in self.docs.get(d).into_iter().flatten() {
                    ctx.insert(format!("{}|{}", x.label, x.key()));
                }
            }
            ctx.remove(&own);
            let ctx = std::rc::Rc::new(ctx);
            cache.borrow_mut().insert(own, ctx.clone());
            ctx
        };
        let tie = |part: &Group, hosts: &[&Group]| -> Option<usize> {
            let mine = context(part);
            let shared: Vec<usize> =
                hosts.iter().map(|h| context(h).intersection(&mine).count()).collect();
            let best = *shared.iter().max()?;
            let winners = shared.iter().filter(|&&n| n == best).count();
            (best > 0 && winners == 1).then(|| shared.iter().position(|&n| n == best))?
        };
        let out = join_partials(self.by_key.values().cloned().collect(), &tie);
        entities_of(out)
    }
}

/// Step 4 (the actor dictionary) and the entities' ids and Latin names.
fn entities_of(out: Vec<Group>) -> Vec<Entity> {
    // 4. The actor dictionary: groups with one of an actor's names become that actor.
    let dictionary = actors();
    let mut by_alias: HashMap<(String, String), usize> = HashMap::new();
    for (i, a) in dictionary.iter().enumerate() {
        for n in &a.names {
            by_alias.insert((a.etype.clone(), name_key(n)), i);
        }
    }
    let mut actor_groups: BTreeMap<usize, Group> = BTreeMap::new();
    let mut rest: Vec<Group> = Vec::new();
    for g in out {
        let hit =
            g.names.keys().find_map(|n| by_alias.get(&(g.label.clone(), name_key(n))).copied());
        match hit {
            Some(i) => match actor_groups.get_mut(&i) {
                Some(h) => h.absorb(g),
                None => {
                    actor_groups.insert(i, g);
                }
            },
            None => rest.push(g),
        }
    }
    let table = romanization();
    let mut entities: Vec<Entity> = actor_groups
        .into_iter()
        .map(|(i, g)| {
            let a = &dictionary[i];
            // A dictionary actor is shown by its first dictionary name (the text's longest
            // form may carry a tagging error: `… الأمريكية المنعقدة`).
            let name = a.names.first().cloned().unwrap_or_else(|| display_name(&g));
            let aliases = aliases_of(&g);
            Entity {
                id: a.id.clone(),
                etype: g.label,
                name,
                aliases,
                en: a.en.clone(),
                documents: g.docs.into_iter().collect(),
                mentions: g.mentions,
            }
        })
        .collect();
    let out = rest;
    let mut ids: HashMap<String, usize> = entities.iter().map(|e| (e.id.clone(), 1)).collect();
    entities.extend(out.into_iter().map(|g| {
        let name = display_name(&g);
        let en = romanize(&name, &table);
        let base = format!("{}-{}", g.label.to_lowercase(), slug(&en));
        let n = ids.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        let aliases = aliases_of(&g);
        Entity {
            id,
            etype: g.label,
            name,
            aliases,
            en,
            documents: g.docs.into_iter().collect(),
            mentions: g.mentions,
        }
    }));
    entities.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
    entities
}

/// A group's names with the spellings a reader may meet for a person's name: `عبد ال…`
/// written joined or apart (`عبداللطيف`/`عبد اللطيف`) and a one-word name with and without
/// its article (`الحموشي`/`حموشي`). Sorted, without repeats.
fn aliases_of(g: &Group) -> Vec<String> {
    let mut out: BTreeSet<String> = g.names.keys().cloned().collect();
    if g.label == "PER" {
        for n in g.names.keys() {
            if n.contains("عبد ال") {
                out.insert(n.replace("عبد ال", "عبدال"));
            } else if n.contains("عبدال") {
                out.insert(n.replace("عبدال", "عبد ال"));
            }
            if !n.contains(' ') && n.chars().count() >= 4 {
                match n.strip_prefix("ال") {
                    Some(bare) if bare.chars().count() >= 3 => out.insert(bare.to_string()),
                    Some(_) => false,
                    None => out.insert(format!("ال{n}")),
                };
            }
        }
    }
    out.into_iter().collect()
}

/// A Latin name as an id part: lowercase ASCII letters and digits joined by `-`.
pub fn slug(en: &str) -> String {
    en.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// An entity for a name that no mention carries (an implied participant, such as the
/// country of a visited city): the actor dictionary's entry when the name is one of its
/// names, else one with a romanised id and Latin name. It has no documents or mentions.
pub fn standalone(label: &str, name: &str) -> Entity {
    let key = name_key(name);
    let known =
        actors().iter().find(|a| a.etype == label && a.names.iter().any(|n| name_key(n) == key));
    let (id, en) = match known {
        Some(a) => (a.id.clone(), a.en.clone()),
        None => {
            let en = romanize_name(name);
            (format!("{}-{}", label.to_lowercase(), slug(&en)), en)
        }
    };
    Entity {
        id,
        etype: label.to_string(),
        name: name.to_string(),
        aliases: vec![name.to_string()],
        en,
        documents: Vec::new(),
        mentions: 0,
    }
}

/// Finds the entity of a mention: (label, name key) of every alias → the entities with
/// that alias; among them, the one whose documents include the mention's document.
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    by_name: HashMap<(String, String), Vec<usize>>,
}

impl EntityIndex {
    /// Indexes entities by their aliases.
    pub fn new(entities: &[Entity]) -> EntityIndex {
        let mut by_name: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            for a in &e.aliases {
                let list = by_name.entry((e.etype.clone(), name_key(a))).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        EntityIndex { by_name }
    }

    /// The most mentioned entity with this label that has `name` among its names, in any
    /// document.
    pub fn find_name(&self, label: &str, name: &str) -> Option<usize> {
        self.by_name.get(&(label.to_string(), name_key(name)))?.first().copied()
    }

    /// The index into `entities` of the entity that a mention `name` with `label` in
    /// document `doc` belongs to (`entities` is the slice given to [`EntityIndex::new`]).
    pub fn find(&self, entities: &[Entity], doc: &str, label: &str, name: &str) -> Option<usize> {
        let list = self.by_name.get(&(label.to_string(), name_key(name)))?;
        list.iter().copied().find(|&i| {
            let docs = &entities[i].documents;
            docs.binary_search_by(|d| d.as_str().cmp(doc)).is_ok()
        })
    }
}

const ROMANIZE: &str = include_str!("../data/romanize.tsv");
const ACTORS: &str = include_str!("../data/actors.tsv");
const COUNTRIES: &str = include_str!("../data/countries.tsv");
const PEOPLE: &str = include_str!("../data/people.tsv");
const CITIES: &str = include_str!("../data/cities.tsv");

/// An actor of the dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Canonical id.
    pub id: String,
    /// `PER`, `ORG`, `LOC`.
    pub etype: String,
    /// English name.
    pub en: String,
    /// Arabic names.
    pub names: Vec<String>,
    /// Offices held, with dates (people; optional fifth field of the dictionary).
    pub roles: Vec<ActorRole>,
    /// The country it belongs to, as a dictionary id (`country=loc-mar`).
    pub country: Option<String>,
    /// Its Wikidata item (`wikidata=Q3551`).
    pub wikidata: Option<String>,
}

/// Reads the optional `key=value` fields after the roles: `country=loc-…`, `wikidata=Q…`.
fn parse_extra(fields: &[&str]) -> Result<(Option<String>, Option<String>), String> {
    let (mut country, mut wikidata) = (None, None);
    for f in fields.iter().map(|f| f.trim()).filter(|f| !f.is_empty()) {
        match f.split_once('=') {
            Some(("country", v)) if v.starts_with("loc-") && v.len() > 4 => {
                country = Some(v.to_string())
            }
            Some(("wikidata", v))
                if v.len() > 1
                    && v.starts_with('Q')
                    && v[1..].bytes().all(|b| b.is_ascii_digit()) =>
            {
                wikidata = Some(v.to_string())
            }
            _ => {
                return Err(format!(
                    "field {f:?}: expected country=loc-… (a dictionary place id) or wikidata=Q…"
                ))
            }
        }
    }
    Ok((country, wikidata))
}

/// An office an actor holds or held: `President of the United States 2017-01-20..2021-01-20`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActorRole {
    /// The office, in English.
    pub title: String,
    /// How Arabic articles name the office without naming its holder (`الرئيس الأمريكي`):
    /// such a phrase in an article dated within the office's dates is this actor.
    pub phrases: Vec<String>,
    /// First day (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), if known.
    pub from: Option<String>,
    /// Last day, or `None` while the office is held.
    pub to: Option<String>,
}

impl ActorRole {
    /// Whether the office was held on `date` (`YYYY-MM-DD`; a partial bound covers its
    /// whole year or month).
    pub fn held_on(&self, date: &str) -> bool {
        let after_start = self.from.as_deref().is_none_or(|f| date >= f);
        let before_end =
            self.to.as_deref().is_none_or(|t| date.get(..t.len()).is_some_and(|d| d <= t));
        after_start && before_end
    }
}

impl std::fmt::Display for ActorRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.title)?;
        if !self.phrases.is_empty() {
            write!(f, " ({})", self.phrases.join("|"))?;
        }
        write!(f, " {}..{}", self.from.as_deref().unwrap_or(""), self.to.as_deref().unwrap_or(""))
    }
}

/// Whether `d` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn is_partial_date(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2),
        [y, m, dd] => digits(y, 4) && digits(m, 2) && digits(dd, 2),
        _ => false,
    }
}

/// Parses the roles field: `Title (Arabic phrase|…) FROM..TO; Title FROM..` (the Arabic
/// phrases are optional — brackets without Arabic belong to the title; dates optional at
/// either end).
pub fn parse_roles(field: &str) -> Result<Vec<ActorRole>, String> {
    let mut out = Vec::new();
    for item in field.split(';').map(str::trim).filter(|x| !x.is_empty()) {
        let (title, range) = item
            .rsplit_once(' ')
            .filter(|(_, r)| r.contains(".."))
            .ok_or_else(|| format!("role {item:?} must end with a date range FROM..TO"))?;
        let (from, to) = range.split_once("..").unwrap_or((range, ""));
        for d in [from, to] {
            if !d.is_empty() && !is_partial_date(d) {
                return Err(format!("role {item:?}: {d:?} is not YYYY, YYYY-MM or YYYY-MM-DD"));
            }
        }
        if !from.is_empty() && !to.is_empty() && to < from {
            return Err(format!("role {item:?} ends before it starts"));
        }
        let opt = |d: &str| (!d.is_empty()).then(|| d.to_string());
        let title = title.trim();
        let arabic_phrases = title
            .strip_suffix(')')
            .and_then(|t| t.rsplit_once(" ("))
            .filter(|(_, inside)| inside.chars().any(rasd_text::is_arabic_letter));
        let (title, phrases) = match arabic_phrases {
            Some((t, inside)) => {
                let phrases: Vec<String> = inside
                    .split('|')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect();
                if phrases.is_empty()
                    || !phrases.iter().all(|p| p.chars().any(rasd_text::is_arabic_letter))
                {
                    return Err(format!("role {item:?}: the phrases in (…) must be Arabic"));
                }
                (t.trim(), phrases)
            }
            None => (title, Vec::new()),
        };
        out.push(ActorRole { title: title.to_string(), phrases, from: opt(from), to: opt(to) });
    }
    Ok(out)
}

static ALL_ACTORS: std::sync::OnceLock<Vec<Actor>> = std::sync::OnceLock::new();
static USER_ACTORS: std::sync::OnceLock<Vec<Actor>> = std::sync::OnceLock::new();

/// Adds a user's dictionary entries (parsed with [`check_actors`]) in front of the built-in
/// ones; an entry with a built-in id replaces it. Must be called before the dictionary is
/// first used; returns false if it was too late (or entries were already set).
pub fn set_user_actors(entries: Vec<Actor>) -> bool {
    ALL_ACTORS.get().is_none() && USER_ACTORS.set(entries).is_ok()
}

/// A malformed dictionary line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct BadEntry {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong and how to write it.
    pub reason: String,
}

/// Parses a dictionary file strictly: every non-comment line must be
/// `id<TAB>PER|ORG|LOC<TAB>English name<TAB>Arabic name|Arabic name|…`, optionally followed
/// by `<TAB>roles` (`Title FROM..TO; …`, see [`parse_roles`]; may be empty) and
/// `<TAB>country=loc-…` / `<TAB>wikidata=Q…` fields, with an id of lowercase ASCII
/// letters, digits and `-` starting with the type (`org-`, `loc-`, `per-`), at least one
/// Arabic name, and no id twice. Returns every problem, not just the first.
pub fn check_actors(tsv: &str) -> Result<Vec<Actor>, Vec<BadEntry>> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, line) in entry_lines(tsv) {
        let n = i + 1;
        match parse_entry(line) {
            Ok(a) => match seen.insert(a.id.clone(), n) {
                Some(first) => bad.push(BadEntry {
                    line: n,
                    reason: format!("id {:?} is already used on line {first}", a.id),
                }),
                None => out.push(a),
            },
            Err(reason) => bad.push(BadEntry { line: n, reason }),
        }
    }
    if bad.is_empty() {
        Ok(out)
    } else {
        Err(bad)
    }
}

/// The entry lines of a dictionary file with their 0-based line numbers (no comments or
/// blank lines).
fn entry_lines(tsv: &str) -> impl Iterator<Item = (usize, &str)> {
    tsv.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

/// One dictionary line, checked (see [`check_actors`]; a repeated id is checked there).
fn parse_entry(line: &str) -> Result<Actor, String> {
    let a = split_entry(line)?;
    if !["PER", "ORG", "LOC"].contains(&a.etype.as_str()) {
        return Err(format!("type {:?} must be PER, ORG or LOC", a.etype));
    }
    let prefix = format!("{}-", a.etype.to_lowercase());
    let id_ok = a.id.starts_with(&prefix)
        && a.id.len() > prefix.len()
        && a.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        return Err(format!("id {:?} must be {prefix}… in lowercase letters, digits and -", a.id));
    }
    if a.en.is_empty() {
        return Err("the English name is empty".into());
    }
    let arabic = |x: &String| x.chars().any(rasd_text::is_arabic_letter);
    let latin = |x: &String| x.chars().any(|c| c.is_ascii_alphabetic());
    if !a.names.iter().any(arabic) || !a.names.iter().all(|x| arabic(x) || latin(x)) {
        return Err("the fourth field lists names separated by |: at least one in Arabic, \
                    others in Arabic or Latin script (CNN)"
            .into());
    }
    Ok(a)
}

/// One dictionary line split into its fields (roles and `key=value` fields parsed), without
/// checking the id, type and names.
fn split_entry(line: &str) -> Result<Actor, String> {
    let f: Vec<&str> = line.split('\t').map(str::trim).collect();
    let (id, etype, en, names, roles, extra) = match f.as_slice() {
        [id, etype, en, names] => (id, etype, en, names, "", &[][..]),
        [id, etype, en, names, roles, extra @ ..] => (id, etype, en, names, *roles, extra),
        _ => {
            return Err(format!(
                "expected 4 or more tab-separated fields (id, type, English name, Arabic \
                 names, then optional roles and country=…/wikidata=…), found {}",
                f.len()
            ))
        }
    };
    let (country, wikidata) = parse_extra(extra)?;
    Ok(Actor {
        id: id.to_string(),
        etype: etype.to_string(),
        en: en.to_string(),
        names: names.split('|').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect(),
        roles: parse_roles(roles)?,
        country,
        wikidata,
    })
}

/// The actor dictionary: the user's entries, the built-in ones, every country.
pub fn actors() -> &'static [Actor] {
    ALL_ACTORS.get_or_init(|| {
        // The user's entries first (they may rename or extend built-in ones), then the
        // written dictionary, then generated countries where nothing before has their names
        // (the written `loc-morocco` stands for the generated `loc-mar`).
        let mut all: Vec<Actor> = USER_ACTORS.get().cloned().unwrap_or_default();
        let ids: std::collections::HashSet<String> = all.iter().map(|a| a.id.clone()).collect();
        all.extend(parse_actors(ACTORS).into_iter().filter(|a| !ids.contains(&a.id)));
        all.extend(parse_actors(PEOPLE).into_iter().filter(|a| !ids.contains(&a.id)));
        let known: std::collections::HashSet<String> =
            all.iter().flat_map(|a| a.names.iter().map(|n| name_key(n))).collect();
        // A generated country whose name an earlier entry has stands for that entry: its id
        // (loc-mar) becomes the earlier one (loc-morocco) wherever a capital refers to it.
        let mut same_as: HashMap<String, String> = HashMap::new();
        let mut places: HashMap<String, String> = HashMap::new();
        for a in all.iter().filter(|a| a.etype == "LOC") {
            for n in &a.names {
                places.entry(name_key(n)).or_insert_with(|| a.id.clone());
            }
        }
        for c in parse_actors(COUNTRIES) {
            let earlier = c.names.iter().find_map(|n| places.get(&name_key(n)));
            match earlier {
                Some(id) => {
                    same_as.insert(c.id.clone(), id.clone());
                }
                None if !c.names.iter().any(|n| known.contains(&name_key(n))) => all.push(c),
                None => {}
            }
        }
        // Capitals after the countries: a capital named like a country (الكويت) is the
        // country.
        let known: std::collections::HashSet<String> =
            all.iter().flat_map(|a| a.names.iter().map(|n| name_key(n))).collect();
        for mut c in parse_actors(CITIES) {
            if !c.names.iter().any(|n| known.contains(&name_key(n))) {
                if let Some(id) = c.country.as_ref().and_then(|k| same_as.get(k)) {
                    c.country = Some(id.clone());
                }
                all.push(c);
            }
        }
        all
    })
}

/// Whether a dictionary person named `person` (full name or a one-word name the dictionary
/// lists, by name key) belongs to the place named `place`: the person's `country=` or a city
/// of it, compared on name keys (`ترامب` and `الولايات المتحدة` or `واشنطن`).
pub fn person_of_place(person: &str, place: &str) -> bool {
    type Places = HashMap<String, Vec<String>>;
    static P: std::sync::OnceLock<Places> = std::sync::OnceLock::new();
    let map = P.get_or_init(|| {
        let by_id: HashMap<&str, &Actor> = actors().iter().map(|a| (a.id.as_str(), a)).collect();
        let mut out: Places = HashMap::new();
        for a in actors().iter().filter(|a| a.etype == "PER") {
            let Some(country) = a.country.as_deref() else { continue };
            // The country's names and those of the places that name it their country.
            let mut keys: Vec<String> = by_id
                .get(country)
                .map(|c| c.names.iter().map(|n| name_key(n)).collect())
                .unwrap_or_default();
            keys.extend(
                actors()
                    .iter()
                    .filter(|c| c.country.as_deref() == Some(country) && c.etype == "LOC")
                    .flat_map(|c| c.names.iter().map(|n| name_key(n))),
            );
            for n in &a.names {
                out.entry(name_key(n)).or_default().extend(keys.iter().cloned());
            }
        }
        out
    });
    map.get(&name_key(person)).is_some_and(|places| places.contains(&name_key(place)))
}

/// The dictionary person who held the office an Arabic phrase names (`الرئيس الأمريكي`) on
/// `date` (`YYYY-MM-DD`), when exactly one did: the phrase must be one of an office's
/// phrases (compared on name keys, so spelling variants and the article do not matter).
pub fn office_holder(phrase: &str, date: &str) -> Option<&'static Actor> {
    static BY_PHRASE: std::sync::OnceLock<HashMap<String, Vec<(usize, usize)>>> =
        std::sync::OnceLock::new();
    let map = BY_PHRASE.get_or_init(|| {
        let mut m: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (i, a) in actors().iter().enumerate() {
            for (k, r) in a.roles.iter().enumerate() {
                for p in &r.phrases {
                    m.entry(name_key(p)).or_default().push((i, k));
                }
            }
        }
        m
    });
    let all = actors();
    let mut holders: Vec<usize> = map
        .get(&name_key(phrase))?
        .iter()
        .filter(|&&(i, k)| all[i].roles[k].held_on(date))
        .map(|&(i, _)| i)
        .collect();
    holders.dedup();
    match holders.as_slice() {
        [i] => Some(&all[*i]),
        _ => None,
    }
}

/// Parses dictionary lines (the format of [`check_actors`]) without checking them, skipping
/// lines that do not split into fields: for the built-in files, which a test checks
/// strictly.
pub fn parse_actors(tsv: &str) -> Vec<Actor> {
    entry_lines(tsv).filter_map(|(_, l)| split_entry(l).ok()).collect()
}

fn romanization() -> HashMap<char, (String, String)> {
    let mut t = HashMap::new();
    for line in ROMANIZE.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let mut f = line.split('\t');
        if let (Some(a), Some(initial), Some(medial)) = (f.next(), f.next(), f.next()) {
            if let Some(c) = a.chars().next() {
                t.insert(c, (initial.to_string(), medial.to_string()));
            }
        }
    }
    t
}

/// A Latin-script rendering of an Arabic name (`الحموشي` → `Al-Hmushi`).
pub fn romanize_name(name: &str) -> String {
    romanize(name, &romanization())
}

fn romanize(name: &str, table: &HashMap<char, (String, String)>) -> String {
    let norm = normalize_str(name, Profile::Conservative);
    let mut words = Vec::new();
    for w in norm.split_whitespace() {
        let (article, rest) = match w.strip_prefix("ال") {
            Some(r) if r.chars().count() >= 2 => ("al-", r),
            _ => ("", w),
        };
        let mut out = String::from(article);
        for (i, c) in rest.chars().enumerate() {
            match table.get(&c) {
                Some((initial, medial)) => out.push_str(if i == 0 { initial } else { medial }),
                None if c.is_ascii_alphanumeric() => out.push(c),
                None => {}
            }
        }
        if out.is_empty() {
            continue;
        }
        // Capitalise the word, and the name after the article (Al-Hmushi).
        let cap: String = out
            .split('-')
            .map(|part| {
                let mut chars = part.chars();
                chars
                    .next()
                    .map(|f| f.to_uppercase().chain(chars).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join("-");
        words.push(cap);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dictionary_person_belongs_to_their_country_and_its_cities() {
        assert!(person_of_place("دونالد ترامب", "الولايات المتحدة"));
        assert!(person_of_place("ترامب", "الولايات المتحدة"));
        assert!(person_of_place("ترامب", "واشنطن"));
        assert!(!person_of_place("ترامب", "إيران"));
        assert!(!person_of_place("شخص غير معروف", "إيران"));
    }

    #[test]
    fn a_tokens_form_gives_the_same_first_key_without_normalising_again() {
        for word in ["الإستخبارات", "والمخابرات", "أمريكية", "عبدالله", "بوريطة", "CNN", "ﻻ", "مُحمّد"]
        {
            let form = normalize_str(word, Profile::Conservative);
            assert_eq!(first_name_word_normalized(&form), first_name_word(word), "{word}");
        }
    }

    #[test]
    fn the_shipped_dictionaries_are_well_formed() {
        let written = check_actors(ACTORS).unwrap_or_else(|bad| panic!("actors.tsv: {bad:?}"));
        assert!(written.len() > 60);
        let countries =
            check_actors(COUNTRIES).unwrap_or_else(|bad| panic!("countries.tsv: {bad:?}"));
        assert!(countries.len() > 240);
        let cities = check_actors(CITIES).unwrap_or_else(|bad| panic!("cities.tsv: {bad:?}"));
        assert!(cities.len() > 150 && cities.iter().all(|c| c.country.is_some()));
        // Every country a dictionary entry refers to is a place of the dictionary.
        let all = actors();
        for a in all {
            if let Some(c) = &a.country {
                assert!(all.iter().any(|x| x.id == *c && x.etype == "LOC"), "{}: {c}", a.id);
            }
        }
        let people = check_actors(PEOPLE).unwrap_or_else(|bad| panic!("people.tsv: {bad:?}"));
        assert!(people.len() > 100 && people.iter().all(|p| p.etype == "PER"));
        assert!(people.iter().all(|p| !p.roles.is_empty()), "every person has an office");
        // No id is used twice across the written files.
        let mut ids = std::collections::HashSet::new();
        for a in written.iter().chain(&people) {
            assert!(ids.insert(a.id.as_str()), "{} twice", a.id);
        }
    }

    #[test]
    fn roles_carry_dates_and_are_checked() {
        let r = parse_roles("President of France 2017-05-14..; Minister 2014..2016-08").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].title, "President of France");
        assert_eq!((r[0].from.as_deref(), r[0].to.as_deref()), (Some("2017-05-14"), None));
        assert!(r[0].held_on("2018-04-24") && !r[0].held_on("2017-05-13"));
        // A partial end date covers its whole month.
        assert!(r[1].held_on("2016-08-31") && !r[1].held_on("2016-09-01"));
        assert!(parse_roles("President").unwrap_err().contains("date range"));
        assert!(parse_roles("President 2017-5..").unwrap_err().contains("YYYY"));
        assert!(parse_roles("President 2019..2017").unwrap_err().contains("ends before"));
        let bad = check_actors("per-x\tPER\tX\tاسم\tKing 1999\n").unwrap_err();
        assert!(bad[0].reason.contains("date range"), "{bad:?}");
        let ok = check_actors("per-x\tPER\tX\tاسم\tKing 1999..\n").unwrap();
        assert_eq!(ok[0].roles[0].to_string(), "King 1999..");
        // Country and Wikidata fields, roles empty.
        let ok = check_actors("org-x\tORG\tX\tاسم\t\tcountry=loc-mar\twikidata=Q42\n").unwrap();
        assert_eq!(ok[0].country.as_deref(), Some("loc-mar"));
        assert_eq!(ok[0].wikidata.as_deref(), Some("Q42"));
        let bad = check_actors("org-x\tORG\tX\tاسم\t\twikidata=42\n").unwrap_err();
        assert!(bad[0].reason.contains("wikidata=Q"), "{bad:?}");
        let bad = check_actors("org-x\tORG\tX\tاسم\t\tcolour=red\n").unwrap_err();
        assert!(bad[0].reason.contains("country=loc-"), "{bad:?}");
    }

    #[test]
    fn malformed_entries_are_named_by_line() {
        let text = "# comment\n\
            org-ok\tORG\tOK\tمنظمة\n\
            org-bad\tORG\tBad\n\
            ORG-X\tORG\tX\tشيء\n\
            org-y\tTHING\tY\tشيء\n\
            org-z\tORG\tZ\tlatin only\n\
            org-ok\tORG\tAgain\tاسم\n";
        let bad = check_actors(text).unwrap_err();
        let lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7], "{bad:?}");
        assert!(bad[0].reason.contains("4 or more tab-separated fields"), "{bad:?}");
        assert!(bad[4].reason.contains("line 2"), "{bad:?}");
        assert_eq!(check_actors("org-a\tORG\tA\tأ|ب\n").unwrap()[0].names.len(), 2);
    }

    #[test]
    fn a_surname_that_fits_several_people_joins_the_one_named_with_the_same_actors() {
        let two = [
            m("a", "PER", "جون سميث"),
            m("a", "ORG", "وزارة الخارجية البريطانية"),
            m("b", "PER", "آدم سميث"),
            m("b", "ORG", "جامعة غلاسكو"),
        ];
        let mut ms = two.to_vec();
        ms.extend([m("c", "PER", "سميث"), m("c", "ORG", "وزارة الخارجية البريطانية")]);
        let e = resolve(&ms);
        let john = e.iter().find(|x| x.name == "جون سميث").expect("john");
        assert_eq!(john.documents, ["a", "c"], "{e:?}");
        // With nothing in common, the surname stays on its own.
        let mut ms = two.to_vec();
        ms.push(m("d", "PER", "سميث"));
        let e = resolve(&ms);
        let alone = e.iter().find(|x| x.name == "سميث").expect("alone");
        assert_eq!(alone.documents, ["d"], "{e:?}");
    }

    #[test]
    fn agency_synonyms_and_spelling_variants_are_one_name() {
        let e = resolve(&[
            m("a", "ORG", "جهاز الاستخبارات العامة المصرية"),
            m("b", "ORG", "جهاز المخابرات العامة المصرية"),
            m("c", "ORG", "السفارة الأميركية"),
            m("d", "ORG", "السفارة الأمريكية"),
        ]);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e.iter().all(|x| x.documents.len() == 2), "{e:?}");
    }

    #[test]
    fn a_persons_aliases_include_spacing_and_article_variants() {
        let e = resolve(&[m("a", "PER", "عبداللطيف الحموشي"), m("a", "PER", "الحموشي")]);
        assert_eq!(
            e[0].aliases,
            ["الحموشي", "حموشي", "عبد اللطيف الحموشي", "عبداللطيف الحموشي"],
            "{e:?}"
        );
        // Not for places and organisations.
        let e = resolve(&[m("a", "LOC", "الرباط")]);
        assert_eq!(e[0].aliases, ["الرباط"]);
    }

    #[test]
    fn the_incremental_resolver_agrees_with_a_full_pass() {
        let a1 = [("PER", "عبداللطيف الحموشي"), ("PER", "الحموشي"), ("LOC", "الرباط")];
        let a2 = [("PER", "عبد اللطيف حموشي"), ("ORG", "وكالة المخابرات المركزية")];
        let b = [("PER", "حموشي"), ("PER", "ويليام بيرنز"), ("LOC", "الرباط")];
        let c = [("PER", "بيرنز"), ("ORG", "سي آي إيه")];
        let mut r = Resolver::new();
        r.set_document("a", &a1);
        r.set_document("b", &b);
        r.set_document("c", &c);
        // A new version of a, then b deleted: the counts of the old versions are gone.
        r.set_document("a", &a2);
        r.remove_document("b");
        assert_eq!(r.len(), 2);
        let full: Vec<MentionRef> = a2
            .iter()
            .map(|&(l, n)| m("a", l, n))
            .chain(c.iter().map(|&(l, n)| m("c", l, n)))
            .collect();
        let expected = resolve(&full);
        assert_eq!(r.entities(), expected);
        let hammouchi = expected.iter().find(|e| e.name.contains("حموشي")).unwrap();
        assert_eq!((hammouchi.mentions, hammouchi.documents.len()), (1, 1));
        assert!(!expected.iter().any(|e| e.name == "الرباط"), "{expected:?}");
        let cia = expected.iter().find(|e| e.id == "org-cia").unwrap();
        assert_eq!(cia.documents, ["a", "c"]);
    }

    fn m<'a>(doc: &'a str, label: &'a str, name: &'a str) -> MentionRef<'a> {
        MentionRef { doc, label, name }
    }

    #[test]
    fn keys_ignore_spacing_and_articles() {
        assert_eq!(name_key("عبداللطيف الحموشي"), name_key("عبد اللطيف حموشي"));
        assert_eq!(name_key("أمريكا"), name_key("امريكا"));
        assert_ne!(name_key("بيرنز"), name_key("بيرن"));
    }

    #[test]
    fn surnames_join_full_names_within_and_across_documents() {
        let ms = [
            m("a", "PER", "عبداللطيف الحموشي"),
            m("a", "PER", "الحموشي"),
            m("a", "PER", "ويليام بيرنز"),
            m("b", "PER", "عبد اللطيف حموشي"),
            m("b", "PER", "بيرنز"),
            m("b", "LOC", "الرباط"),
            m("a", "LOC", "الرباط"),
        ];
        let es = resolve(&ms);
        assert_eq!(es.len(), 3, "{es:#?}");
        let h = es.iter().find(|e| e.aliases.contains(&"الحموشي".to_string())).unwrap();
        assert_eq!(h.documents, ["a", "b"]);
        assert_eq!(h.mentions, 3);
        assert_eq!(h.etype, "PER");
        let b = es.iter().find(|e| e.name == "ويليام بيرنز").unwrap();
        assert_eq!(b.documents, ["a", "b"]);
        let r = es.iter().find(|e| e.etype == "LOC").unwrap();
        assert_eq!(r.mentions, 2);
    }

    #[test]
    fn place_prefixes_join() {
        let ms = [
            m("a", "LOC", "الولايات المتحدة"),
            m("b", "LOC", "الولايات المتحدة الأمريكية"),
            m("a", "LOC", "المتحدة"),
        ];
        let es = resolve(&ms);
        assert_eq!(es.len(), 2, "{es:#?}");
        // One entity with both names, shown by the dictionary's first name.
        assert_eq!(es[0].name, "الولايات المتحدة");
        assert!(es[0].aliases.contains(&"الولايات المتحدة الأمريكية".to_string()), "{es:#?}");
    }

    #[test]
    fn dictionary_merges_acronyms_and_gives_english_names() {
        let ms = [
            m("a", "ORG", "سي آي إيه"),
            m("b", "ORG", "وكالة المخابرات المركزية"),
            m("b", "ORG", "وكالة الاستخبارات المركزية"),
        ];
        let es = resolve(&ms);
        assert_eq!(es.len(), 1, "{es:#?}");
        assert_eq!(es[0].id, "org-cia");
        assert_eq!(es[0].en, "Central Intelligence Agency");
        assert_eq!(es[0].documents, ["a", "b"]);
        // The type must agree: a person called like an organisation is not that organisation.
        let es = resolve(&[m("a", "PER", "حماس")]);
        assert_ne!(es[0].id, "org-hamas");
    }

    #[test]
    fn dictionary_lines_parse() {
        let a = parse_actors("# c\nx\tORG\tX Org\tأ|ب\nbad line\n");
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].names, ["أ", "ب"]);
        assert!(actors().len() > 40);
    }

    #[test]
    fn ambiguous_surnames_stay_apart() {
        let ms = [m("a", "PER", "محمد علي"), m("a", "PER", "أحمد علي"), m("a", "PER", "علي")];
        assert_eq!(resolve(&ms).len(), 3);
    }

    #[test]
    fn romanisation() {
        assert_eq!(romanize_name("الحموشي"), "Al-Hmushi");
        assert_eq!(romanize_name("بيرنز"), "Birnz");
        let ms = [m("a", "PER", "بيرنز"), m("b", "LOC", "بيرنز")];
        let ids: Vec<String> = resolve(&ms).into_iter().map(|e| e.id).collect();
        assert!(
            ids.contains(&"per-birnz".to_string()) && ids.contains(&"loc-birnz".to_string()),
            "{ids:?}"
        );
    }
}
