//! Event extraction: PLOVER events (meetings, visits, hosting, calls, summits, and twelve
//! directed types such as accusations, threats and attacks) from the enriched document, with
//! participants, date, place and evidence, and their merge across articles.
//!
//! [`extract`] reads one document — tokens (for triggers), NER mentions (participants and
//! places) and temporal expressions (dates) — and returns [`EventMention`]s. Triggers are
//! data (`data/triggers.tsv`), matched on token stems so that every clitic form counts
//! (`والتقى`، `وبحث`). Negated, future or planned triggers (`لم`، `سوف`، `من المقرر`) are
//! skipped (`data/modality.txt`). Participants are the names near the trigger, within its
//! clause (`data/clause_breaks.txt`); a visited city's country is an implied host
//! (`data/city_country.tsv`). [`merge`] joins mentions of the same happening — same type,
//! most participants shared, compatible dates and places — into one [`Event`] with several
//! sources. See the crate README for the rules and their measured effect.
#![deny(missing_docs)]

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use rasd_doc::{Clitic, Component, Doc, Mention, Span, TokenKind};
use rasd_text::{normalize_str, search_key, Profile};
use serde::Serialize;

const TRIGGERS: &str = include_str!("../data/triggers.tsv");
const MODALITY: &str = include_str!("../data/modality.txt");
const CLAUSE_BREAKS: &str = include_str!("../data/clause_breaks.txt");
const CITY_COUNTRY: &str = include_str!("../data/city_country.tsv");
const DUAL_VERBS: &str = include_str!("../data/dual_verbs.txt");
const BOILERPLATE: &str = include_str!("../data/boilerplate.txt");
const SOURCE_CUES: &str = include_str!("../data/source_cues.txt");
const PLATFORMS: &str = include_str!("../data/platforms.txt");

/// Whether a mention is the source or medium of the report, not a party: an organisation
/// after a word of `data/source_cues.txt` (`نقلت وكالة إرنا`, `بحسب رويترز`) or in brackets
/// (a gloss of the name before it), or a platform of `data/platforms.txt` (`على تويتر`).
fn is_source(toks: &[&rasd_doc::Token], in_sentence: &[(usize, &Mention)], m: &Mention) -> bool {
    static C: OnceLock<HashSet<String>> = OnceLock::new();
    let cues = C.get_or_init(|| {
        lines(SOURCE_CUES).map(|w| search_key(w.strip_prefix("ال").unwrap_or(w))).collect()
    });
    static P: OnceLock<HashSet<String>> = OnceLock::new();
    let platforms = P.get_or_init(|| lines(PLATFORMS).map(platform_key).collect());
    if m.label != "ORG" {
        return false;
    }
    if platforms.contains(&platform_key(&m.name)) {
        return true;
    }
    // Quotation marks around the name are skipped (`صحيفة "يديعوت أحرونوت"`).
    let quote =
        |t: &&&rasd_doc::Token| matches!(t.text.as_str(), "\"" | "«" | "»" | "“" | "”" | "'");
    let mut before = toks.iter().rev().filter(|t| t.span.end <= m.span.start).filter(|t| !quote(t));
    match before.find(|t| t.clitic == Clitic::None) {
        // A name in brackets right after another one glosses it (`وكالة الأنباء الإيرانية
        // (إرنا)`): it is that organisation again, not another party.
        Some(t) if t.text == "(" => {
            before.next().is_some_and(|p| in_sentence.iter().any(|(_, o)| o.span.end == p.span.end))
        }
        Some(t) => cues.contains(&search_key(t.form.strip_prefix("ال").unwrap_or(&t.form))),
        None => false,
    }
}

fn platform_key(name: &str) -> String {
    search_key(&normalize_str(name.strip_prefix("ال").unwrap_or(name), Profile::Conservative))
        .replace(' ', "")
}

/// Whether a sentence is a site's link or recommendation line (`اقرأ أيضًا: …`), which
/// reports nothing of the article (`data/boilerplate.txt`); the rest of its line is skipped
/// with it.
fn is_boilerplate(sentence: &str) -> bool {
    static B: OnceLock<Vec<String>> = OnceLock::new();
    let openings = B.get_or_init(|| {
        lines(BOILERPLATE).map(|l| search_key(&normalize_str(l, Profile::Conservative))).collect()
    });
    let start: String = sentence.trim_start().chars().take(40).collect();
    let key = search_key(&normalize_str(&start, Profile::Conservative));
    openings.iter().any(|o| key.starts_with(o.as_str()))
}

fn dual_verbs() -> &'static HashSet<String> {
    static D: OnceLock<HashSet<String>> = OnceLock::new();
    D.get_or_init(|| lines(DUAL_VERBS).map(search_key).collect())
}

/// The two people named last before `at` in the sentence `si` or the one before it
/// (distinct names, indices into the document's mentions, in text order).
fn last_two_people(doc: &Doc, si: usize, at: usize) -> Vec<usize> {
    let from = doc.sentences[si.saturating_sub(1)].span.start;
    let mut found: Vec<usize> = Vec::new();
    for (i, m) in doc.mentions.iter().enumerate().rev() {
        if m.span.end > at || m.span.start < from || m.label != "PER" {
            continue;
        }
        if !found.iter().any(|&j| doc.mentions[j].name == m.name) {
            found.push(i);
        }
        if found.len() == 2 {
            break;
        }
    }
    found.reverse();
    found
}

/// Search key of a city's Arabic name → its country's Arabic name.
fn city_country() -> &'static HashMap<String, String> {
    static C: OnceLock<HashMap<String, String>> = OnceLock::new();
    C.get_or_init(|| {
        lines(CITY_COUNTRY)
            .filter_map(|l| l.split_once('\t'))
            .map(|(city, country)| (search_key(city), country.trim().to_string()))
            .collect()
    })
}

/// Most words between a trigger and a date after the publication date that make the event a
/// plan (the date is the trigger's own, not another clause's).
const PLANNED_REACH: usize = 6;

/// Most words between a trigger and a participant before it / after it.
const WINDOW_BEFORE: usize = 1000;
const WINDOW_AFTER: usize = 1000;

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
            for form in forms.split('|').filter(|f| !f.contains('+')) {
                map.insert(search_key(form.trim()), (etype, mode));
            }
        }
        map
    })
}

/// Trigger verbs in the masculine singular (search keys): a perfect whose feminine (`+ت`) or
/// an imperfect whose feminine (`ي…` → `ت…`) is listed beside it for the same type
/// (`طالب`/`طالبت`, `يهدد`/`تهدد`), so the list itself says which forms agree with what.
fn masculine_verbs() -> &'static HashSet<String> {
    static M: OnceLock<HashSet<String>> = OnceLock::new();
    M.get_or_init(|| {
        let trig = triggers();
        trig.iter()
            .filter(|(k, (etype, _))| {
                let same = |f: String| trig.get(&f).is_some_and(|(t, _)| t == etype);
                same(format!("{k}ت"))
                    || k.strip_prefix('ي').is_some_and(|rest| same(format!("ت{rest}")))
            })
            .map(|(k, _)| k.clone())
            .collect()
    })
}

const MASCULINE_PLACES: &str = include_str!("../data/masculine_places.txt");

/// Places named with a masculine noun (`المغرب`, `العراق`): most countries and all cities are
/// feminine in Arabic, so a masculine verb cannot have them as its subject.
fn masculine_places() -> &'static HashSet<String> {
    static P: OnceLock<HashSet<String>> = OnceLock::new();
    P.get_or_init(|| lines(MASCULINE_PLACES).map(search_key).collect())
}

/// Two-word triggers (`ألقى+لوم`: "laid the blame", `صوتت+ضد`): first word's key → (second
/// word's key, type, mode). The second word is one of the next [`PHRASE_REACH`] words of the
/// sentence, clitics and article removed.
const PHRASE_REACH: usize = 12;

/// First word → its second words with type and mode.
type PhraseTriggers = HashMap<String, Vec<(String, &'static str, &'static str)>>;

fn phrase_triggers() -> &'static PhraseTriggers {
    static T: OnceLock<PhraseTriggers> = OnceLock::new();
    T.get_or_init(|| {
        let mut map: PhraseTriggers = HashMap::new();
        for line in lines(TRIGGERS) {
            let f: Vec<&str> = line.split('\t').collect();
            let [etype, mode, forms] = f.as_slice() else { continue };
            let etype: &'static str = Box::leak(etype.to_string().into_boxed_str());
            let mode: &'static str = Box::leak(mode.to_string().into_boxed_str());
            for form in forms.split('|') {
                if let Some((a, b)) = form.trim().split_once('+') {
                    map.entry(search_key(a)).or_default().push((search_key(b), etype, mode));
                }
            }
        }
        map
    })
}

fn modality() -> &'static HashSet<String> {
    static M: OnceLock<HashSet<String>> = OnceLock::new();
    M.get_or_init(|| lines(MODALITY).map(search_key).collect())
}

/// Clause breaks: word → whether it breaks only before the trigger. The before-only
/// complementisers are matched exactly as written (with their hamza), since folded `ان`
/// is also a name part (`مون جاي آن`); the others on their search key.
fn clause_breaks() -> &'static HashMap<String, bool> {
    static B: OnceLock<HashMap<String, bool>> = OnceLock::new();
    B.get_or_init(|| {
        lines(CLAUSE_BREAKS)
            .map(|l| match l.strip_prefix('<') {
                Some(w) => (w.trim().to_string(), true),
                None => (search_key(l), false),
            })
            .collect()
    })
}

/// Whether a token ends a clause on the given side of a trigger.
fn breaks_clause(t: &rasd_doc::Token, before: bool) -> bool {
    let b = clause_breaks();
    (before && b.get(t.form.as_str()) == Some(&true)) || b.get(&search_key(&t.form)) == Some(&false)
}

/// The mentions of a sentence that can be an event's participants: within a few words of
/// the trigger and not behind a clause break (see `data/clause_breaks.txt`).
fn near_trigger<'a>(
    toks: &[&rasd_doc::Token],
    ti: usize,
    in_sentence: &[(usize, &'a Mention)],
) -> Vec<(usize, &'a Mention)> {
    let trigger = toks[ti].span;
    let is_word = |t: &&rasd_doc::Token| t.clitic == Clitic::None && t.kind != TokenKind::Punct;
    in_sentence
        .iter()
        .filter(|(_, m)| !is_source(toks, in_sentence, m))
        .filter(|(_, m)| {
            let (between, before): (Vec<&rasd_doc::Token>, bool) = if m.span.end <= trigger.start {
                let v = toks[..ti].iter().filter(|t| t.span.start >= m.span.end).copied().collect();
                (v, true)
            } else if m.span.start >= trigger.end {
                let v =
                    toks[ti + 1..].iter().filter(|t| t.span.end <= m.span.start).copied().collect();
                (v, false)
            } else {
                return false;
            };
            let words = between.iter().filter(|t| is_word(t)).count();
            // Before the trigger, a comma followed by a conjunction starts a new clause
            // ("شدد بلينكن …، وفي ذات الشهر زارت نائبته"); after it, the same pattern
            // continues a list of participants, so it does not break there.
            let new_clause = before
                && between.windows(2).any(|w| {
                    matches!(w[0].text.as_str(), "،" | ",") && w[1].clitic == Clitic::Conjunction
                });
            // After it, a comma and a conjunction followed by another event word start a
            // coordinated clause with its own participants ("زار بلينكن المغرب، وفي مايو زار
            // أوستن تونس"); a list of names ("… هاينز، ومع بيرنز") goes on.
            let coordinated = !before
                && between.windows(2).enumerate().any(|(k, w)| {
                    matches!(w[0].text.as_str(), "،" | ",")
                        && w[1].clitic == Clitic::Conjunction
                        && between[k + 1..].iter().any(|t| {
                            t.clitic == Clitic::None
                                && triggers().contains_key(&search_key(&t.form))
                        })
                });
            if new_clause || coordinated {
                return false;
            }
            let broken = between.iter().filter(|t| is_word(t)).any(|t| breaks_clause(t, before));
            !broken && words <= if before { WINDOW_BEFORE } else { WINDOW_AFTER }
        })
        .copied()
        .collect()
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

/// A year-less date (`XXXX-02-22`, `XXXX-02`): a day or month of an undated document's own
/// year (`22 فبراير من السنة الجارية`), kept until the year can be told.
pub fn yearless_date(value: &str) -> Option<String> {
    let v = value.split('/').next()?.split('T').next()?;
    let rest = v.strip_prefix("XXXX-")?;
    let ok = (rest.len() == 2 || rest.len() == 5)
        && rest
            .chars()
            .enumerate()
            .all(|(i, c)| if i == 2 { c == '-' } else { c.is_ascii_digit() });
    ok.then(|| v.to_string())
}

fn is_yearless(date: &str) -> bool {
    date.starts_with("XXXX")
}

/// Finds CONSULT events in a document with tokens, mentions and timexes.
pub fn extract(doc: &Doc) -> Vec<EventMention> {
    let mut out = Vec::new();
    let trig = triggers();
    let modal = modality();
    let mut previous_date: Option<String> = None;
    // A link line may be cut into several sentences (`اقرأ أيضًا: «…».. لماذا …؟`): the
    // whole line is skipped.
    let mut skip_until = 0;
    // The source of the last directed event and its sentence: a clause whose verb has no
    // subject of its own (`وطالب الجزائر`, "and he called on Algeria") continues it.
    let mut topic: Option<(usize, usize)> = None;
    let affiliations = affiliations(doc);
    for (si, s) in doc.sentences.iter().enumerate() {
        if s.span.start < skip_until {
            continue;
        }
        if is_boilerplate(s.span.slice(doc.text())) {
            skip_until = doc.text()[s.span.start..]
                .find('\n')
                .map_or(doc.text().len(), |i| s.span.start + i);
            continue;
        }
        let here: Vec<(usize, &Mention)> =
            doc.mentions.iter().enumerate().filter(|(_, m)| s.span.contains(m.span)).collect();
        // A name inside a title whose holder the sentence names (`وزير شؤون القدس الإسرائيلي،
        // زئيف ألكين`) describes that person: it is not the one who acts (it still links
        // reports of a meeting: `مدير وكالة المخابرات المركزية، ويليام بيرنز`).
        let in_title = |m: &Mention| {
            doc.roles.iter().any(|r| {
                r.span.start <= m.span.start
                    && m.span.end <= r.span.end
                    && r.holder
                        .as_ref()
                        .is_some_and(|h| here.iter().any(|(_, p)| p.label == "PER" && p.name == *h))
            })
        };
        let site = Sentence {
            doc,
            toks: doc.tokens.iter().filter(|t| s.span.contains(t.span)).collect(),
            in_titles: here.iter().filter(|(_, m)| in_title(m)).map(|(i, _)| *i).collect(),
            affiliations: &affiliations,
            mentions: here,
            span: s.span,
        };
        let (toks, in_sentence) = (&site.toks, &site.mentions);
        // Dated expressions of the sentence; an event takes the one nearest its trigger.
        // A reported event has happened: a date after the document's own date (`حتى 2025`,
        // `الشهر المقبل`) is not when it happened.
        let dct = doc.dct.as_ref().map(|d| d.date.as_str());
        let not_future = |d: &str| dct.is_none_or(|dct| d <= dct || dct.starts_with(d));
        let all_dated: Vec<(Span, String)> = doc
            .timexes
            .iter()
            .filter(|t| s.span.contains(t.span))
            .filter_map(|t| {
                let v = t.value.as_deref()?;
                // Without a publication date, `22 فبراير من السنة الجارية` keeps its day and
                // month; the merge step finds its year from what the document reports.
                let d = event_date(v).or_else(|| dct.is_none().then(|| yearless_date(v))?)?;
                Some((t.span, d))
            })
            .collect();
        let distance = |sp: &Span, at: Span| {
            if sp.end <= at.start {
                at.start - sp.end
            } else {
                sp.start.saturating_sub(at.end)
            }
        };
        // An event whose nearest date is after the publication date is planned, not reported
        // (`يصل الأمير، في 25 حزيران/يونيو الجاري، إلى الأردن` written on 18 June).
        let words_between = |a: Span, b: Span| {
            let (from, to) = if a.end <= b.start { (a.end, b.start) } else { (b.end, a.start) };
            doc.tokens
                .iter()
                .filter(|t| t.span.start >= from && t.span.end <= to)
                .filter(|t| t.clitic == Clitic::None && t.kind != TokenKind::Punct)
                .count()
        };
        let planned = |at: Span| {
            all_dated
                .iter()
                .min_by_key(|(sp, _)| distance(sp, at))
                .is_some_and(|(sp, d)| !not_future(d) && words_between(*sp, at) <= PLANNED_REACH)
        };
        let dated: Vec<&(Span, String)> = all_dated.iter().filter(|(_, d)| not_future(d)).collect();
        let date_here = dated.first().map(|(_, d)| d.clone());
        let nearest = |at: Span| -> Option<String> {
            dated.iter().min_by_key(|(sp, _)| distance(sp, at)).map(|(_, d)| d.clone())
        };
        // Triggers: content tokens whose stem is listed, not inside a name, not negated or
        // planned. CONSULT triggers make one event per clause; other types one event each.
        let chained = toks.first().is_some_and(|t| t.clitic == Clitic::Conjunction);
        let inherited = if chained { previous_date.clone() } else { None };
        let date_at = |ti: usize| nearest(toks[ti].span).or_else(|| inherited.clone());
        let mut consults: Vec<(usize, &'static str)> = Vec::new();
        // Triggers found as two words (`توجه … إلى`).
        let mut by_phrase: HashSet<usize> = HashSet::new();
        let mut others: Vec<(usize, &'static str)> = Vec::new();
        // Verbal nouns with a nationality adjective (`القصف الإيراني على …`) first: such a
        // word is then not read as a verb as well (قصف is both).
        let mut nominal_at: HashSet<usize> = HashSet::new();
        for (i, t) in toks.iter().enumerate() {
            if t.clitic != Clitic::None || t.kind != TokenKind::Arabic {
                continue;
            }
            let Some(&etype) = nominals().get(&search_key(&t.form)) else { continue };
            if let Some(e) = nominal(&site, i, etype, date_at(i)) {
                nominal_at.insert(i);
                out.push(e);
            }
        }
        for (i, t) in toks.iter().enumerate() {
            if t.clitic != Clitic::None || t.kind != TokenKind::Arabic {
                continue;
            }
            if nominal_at.contains(&i) {
                continue;
            }
            if in_sentence.iter().any(|(_, m)| m.span.contains(t.span)) {
                continue;
            }
            // A verb the text layer split as stem + pronoun (`توجه` read as توج + ه) is also
            // looked up whole.
            let stem_key = search_key(&t.form);
            let listed = |k: &String| trig.contains_key(k) || phrase_triggers().contains_key(k);
            let key = match toks.get(i + 1) {
                Some(n)
                    if n.clitic == Clitic::Pronoun && n.word == t.word && !listed(&stem_key) =>
                {
                    Some(search_key(&format!("{}{}", t.form, n.text))).filter(listed)
                }
                _ => None,
            }
            .unwrap_or(stem_key);
            // The second word may follow the subject (`ألقى ماتيس باللوم`): it is looked for
            // among the next few words, with any proclitics the text layer left attached.
            let phrase = || {
                let seconds = phrase_triggers().get(&key)?;
                toks[i + 1..]
                    .iter()
                    .filter(|x| x.clitic == Clitic::None && x.kind == TokenKind::Arabic)
                    .take(PHRASE_REACH)
                    .find_map(|x| {
                        let k = search_key(&x.form);
                        seconds.iter().find(|(second, _, _)| {
                            k == *second
                                || ["ال", "بال", "لل", "وال", "فال"]
                                    .iter()
                                    .any(|p| k.strip_prefix(p) == Some(second.as_str()))
                        })
                    })
                    .map(|&(_, e, m)| (e, m))
            };
            let single = trig.get(&key).copied();
            let Some((etype, mode)) = single.or_else(phrase) else { continue };
            if single.is_none() {
                by_phrase.insert(i);
            }
            // A verbal noun with the purpose ل (لبحث، لتباحث: "to discuss") states an aim,
            // not an event; the event is the verb it depends on.
            let purpose = i > 0
                && toks[i - 1].word == t.word
                && toks[i - 1].clitic == Clitic::Preposition
                && toks[i - 1].form == "ل";
            if purpose {
                continue;
            }
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
            // A meeting or visit dated after the publication is planned; for the other types
            // a later date is usually their content (`يهدد … بحلول 12 أيار`: the threat is now).
            let planned = etype == "CONSULT" && planned(t.span);
            if future_clitic || before.iter().any(|b| modal.contains(b)) || planned {
                continue;
            }
            if etype != "CONSULT" {
                others.push((i, etype));
            } else {
                consults.push((i, mode));
            }
        }
        if date_here.is_some() {
            previous_date = date_here;
        }
        for &(ti, etype) in &others {
            let subject = topic.filter(|&(_, at)| si - at <= 1).map(|(m, _)| m);
            if let Some(e) = directed(&site, ti, etype, date_at(ti), subject) {
                topic = e.participants.first().map(|&m| (m, si));
                out.push(e);
            }
        }
        // One candidate per CONSULT trigger, with the participants near it; candidates whose
        // participants nest (one set inside the other) are one event (استقبل … لبحث),
        // reported with the strongest mode and the union of their participants.
        let mut found: Vec<EventMention> = Vec::new();
        // A visit read from a verb of motion and إلى (`توجه إلى`، `ذهب إلى`) needs the place
        // it goes to: `ذهب إلى أن …` ("he held that") is no visit.
        let candidates = consults.iter().filter_map(|&(ti, mode)| {
            consult(&site, ti, mode, date_at(ti))
                .filter(|e| mode != "visit" || !by_phrase.contains(&ti) || e.location.is_some())
                .map(|e| (mode, split_visits(&site, e)))
        });
        for (mode, e) in candidates.flat_map(|(mode, es)| es.into_iter().map(move |e| (mode, e))) {
            // Compared by name: the same country named twice is one participant.
            let names = |m: &EventMention| -> HashSet<String> {
                m.participants
                    .iter()
                    .map(|&i| search_key(&doc.mentions[i].name))
                    .chain(m.implied.iter().map(|n| search_key(n)))
                    .collect()
            };
            let mine = names(&e);
            let nested = |f: &EventMention| {
                let theirs = names(f);
                theirs.is_subset(&mine) || mine.is_subset(&theirs)
            };
            match found.iter_mut().find(|f| nested(f)) {
                Some(f) => {
                    // The fuller report of the two gives the date (`على أن الزيارة …، وزار
                    // بلينكن المغرب، مارس 2022`: the verb's clause, not the noun's).
                    if names(f).len() < mine.len() && e.date.is_some() {
                        f.date = e.date.clone();
                    }
                    if priority(mode) > priority(f.mode.as_deref().unwrap_or("")) {
                        f.mode = e.mode.clone();
                        f.trigger = e.trigger;
                        f.rule = e.rule.clone();
                        if e.location.is_some() {
                            f.location = e.location;
                        }
                    }
                    for p in e.participants {
                        if !f.participants.contains(&p) {
                            f.participants.push(p);
                        }
                    }
                    f.participants.sort_unstable();
                    for n in e.implied {
                        if !f.implied.contains(&n) {
                            f.implied.push(n);
                        }
                    }
                    if f.location.is_none() {
                        f.location = e.location;
                    }
                }
                None => found.push(e),
            }
        }
        // Multilateral means three or more parties (guidelines); a summit of two is a meeting.
        for f in &mut found {
            if f.mode.as_deref() == Some("multilateral") && f.participants.len() < 3 {
                f.mode = Some("meet".into());
            }
        }
        // A meeting needs two parties: a titled person and the body or country of the title
        // (`الأمين العام للمجلس الأعلى للأمن القومي، علي شمخاني`) are one. (A report naming
        // one participant stays: it may join a fuller report of the same meeting.)
        found.retain(|f| {
            if f.participants.len() + f.implied.len() < 2 {
                return true;
            }
            let mut groups: Vec<usize> = Vec::new();
            for &p in &f.participants {
                if !groups.iter().any(|&q| same_party(doc, &affiliations, p, q)) {
                    groups.push(p);
                }
            }
            groups.len() + f.implied.len() >= 2
        });
        out.extend(found);
    }
    out
}

/// Who belongs to whom in a document, by name key: a titled person and the organisation or
/// country of the title (`الرئيس المصري عبدالفتاح السيسي` → مصر).
fn affiliations(doc: &Doc) -> HashSet<(String, String)> {
    let mut out = HashSet::new();
    for r in &doc.roles {
        let Some(holder) = &r.holder else { continue };
        for party in [&r.org, &r.country].into_iter().flatten() {
            out.insert((rasd_actors::name_key(holder), rasd_actors::name_key(party)));
        }
    }
    out
}

/// A visit to a list of places (`بزيارة أربعة بلدان هي غانا، وملاوي، وكينيا، ومصر`) is one
/// visit per place: the places named one after another after the visited one, separated
/// only by commas and و.
fn split_visits(s: &Sentence, e: EventMention) -> Vec<EventMention> {
    let Some(first) = e.location.filter(|_| e.mode.as_deref() == Some("visit")) else {
        return vec![e];
    };
    let doc = s.doc;
    let mut places = vec![first];
    let mut end = doc.mentions[first].span.end;
    let first_end = end;
    for &(i, m) in s.mentions.iter().filter(|(_, m)| m.span.start >= first_end) {
        let between: Vec<&&rasd_doc::Token> =
            s.toks.iter().filter(|t| t.span.start >= end && t.span.end <= m.span.start).collect();
        let joined = !between.is_empty()
            && between.iter().all(|t| {
                matches!(t.text.as_str(), "،" | ",")
                    || (t.clitic == Clitic::Conjunction && t.form == "و")
            });
        if m.label != "LOC" || !joined {
            break;
        }
        places.push(i);
        end = m.span.end;
    }
    if places.len() < 2 {
        return vec![e];
    }
    places
        .iter()
        .map(|&p| {
            let mut v = e.clone();
            v.participants.retain(|i| !places.contains(i));
            v.participants.push(p);
            v.participants.sort_unstable();
            v.location = Some(p);
            v.implied = city_country()
                .get(&search_key(&doc.mentions[p].name))
                .cloned()
                .into_iter()
                .collect();
            v
        })
        .collect()
}

/// One sentence of a document, as the event rules read it.
struct Sentence<'a> {
    doc: &'a Doc,
    /// The sentence's tokens.
    toks: Vec<&'a rasd_doc::Token>,
    /// The sentence's mentions with their indices in the document.
    mentions: Vec<(usize, &'a Mention)>,
    /// Mentions inside the title of a person the sentence names: not actors of directed events.
    in_titles: HashSet<usize>,
    /// The document's titled people and their bodies or countries ([`affiliations`]).
    affiliations: &'a HashSet<(String, String)>,
    span: Span,
}

/// A CONSULT event for the trigger at `ti`: the people and organisations near it, and for
/// a visit the place visited (which stands for the host).
fn consult(s: &Sentence, ti: usize, mode: &str, date: Option<String>) -> Option<EventMention> {
    let Sentence { doc, toks, mentions: in_sentence, span: sentence, .. } = s;
    let (doc, sentence) = (*doc, *sentence);
    let trigger = toks[ti].span;
    let near = near_trigger(toks, ti, in_sentence);
    // An organisation after في is where the meeting took place (`في البيت الأبيض`,
    // `في الكرملين`), not a party to it.
    let venue = |m: &Mention| m.label == "ORG" && introduced_by(doc, m, &["في"]);
    let mut participants: Vec<usize> = near
        .iter()
        .filter(|(_, m)| (m.label == "PER" || m.label == "ORG") && !venue(m))
        .map(|(i, _)| *i)
        .collect();
    // The place: for a visit, the first place after the trigger (the place visited, which
    // also stands for the host); otherwise a place after في or ب.
    let mut location = None;
    let mut implied = Vec::new();
    if mode == "visit" {
        // After a verbal noun (`زيارة`، `جولة`) the place visited is introduced by إلى، ل، في,
        // تشمل or a list's هي (`زيارته للمغرب`، `جولة تشمل سويسرا`، `أربعة بلدان هي غانا`); a place named otherwise belongs to
        // another phrase (`خلال الزيارة، على دعم واشنطن`). After a verb it is the object (`زار بلينكن المغرب`).
        let nominal = NOMINAL_VISITS.contains(&search_key(&toks[ti].form).as_str());
        let destination = |m: &Mention| {
            !nominal
                || introduced_by(
                    doc,
                    m,
                    &["إلى", "الى", "في", "ل", "تشمل", "شملت", "يشمل", "هي", "منها", "بينها"],
                )
        };
        if let Some((i, m)) = near
            .iter()
            .find(|(_, m)| m.label == "LOC" && m.span.start > trigger.start && destination(m))
        {
            location = Some(*i);
            // The place visited takes part; a visited city's country does too (guidelines:
            // the host country stands in when no host is named).
            participants.push(*i);
            if let Some(country) = city_country().get(&search_key(&m.name)) {
                implied.push(country.clone());
            }
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
            .map(|(i, _)| *i)
            .or_else(|| near.iter().find(|(_, m)| venue(m)).map(|(i, _)| *i));
    }
    // A dual verb with fewer than two named participants: the two people named just before.
    let people = participants.iter().filter(|&&i| doc.mentions[i].label == "PER").count();
    if people < 2 && dual_verbs().contains(&search_key(&toks[ti].form)) {
        if let Some(si) = doc.sentences.iter().position(|x| x.span == sentence) {
            for p in last_two_people(doc, si, trigger.start) {
                if !participants.contains(&p) {
                    participants.push(p);
                }
            }
        }
    }
    if participants.is_empty() && implied.is_empty() {
        return None;
    }
    participants.sort_unstable();
    participants.dedup();
    Some(EventMention {
        etype: "CONSULT".into(),
        mode: Some(mode.into()),
        participants,
        implied,
        location,
        date,
        sentence,
        trigger,
        rule: format!("consult:{mode}:{}", toks[ti].form),
    })
}

/// An event with a source and a target, read from Arabic word order: in a verb-first clause
/// (اتهم كوربن حكومة ماي) the first actor after the verb is the source and the next one the
/// target; when an actor precedes the verb in the same clause (روسيا … عرقلت قرارا) it is the
/// source and the first actor after the verb the target. Actors are named people,
/// organisations and places (a country acting through its government).
fn directed(
    s: &Sentence,
    ti: usize,
    etype: &str,
    date: Option<String>,
    topic: Option<usize>,
) -> Option<EventMention> {
    let Sentence { doc, toks, mentions: in_sentence, span: sentence, in_titles, affiliations } = s;
    let (doc, sentence) = (*doc, *sentence);
    let trigger = toks[ti].span;
    // Actors near the trigger; a place introduced by في or ب is where it happened, not who
    // acted or was acted on; a name inside a named person's title is neither.
    let near = near_trigger(toks, ti, in_sentence);
    let location = near
        .iter()
        .find(|(_, m)| m.label == "LOC" && located(doc, m) && m.span.start > trigger.start)
        .map(|(i, _)| *i);
    let actors: Vec<&(usize, &Mention)> = near
        .iter()
        .filter(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG" | "LOC"))
        .filter(|(_, m)| !(m.label == "LOC" && located(doc, m)))
        .filter(|(i, _)| !in_titles.contains(i))
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
    // The target is the first actor after the verb that is another party than the source:
    // not the source again, nor a city of the source's country (`فرض … على كوريا الشمالية
    // … بيونغ يانغ`) or the country of its city.
    // `بطلب من واشنطن`, `بدعم من …` name who asked or helped, not the target (except for a
    // request, whose addressee من may introduce: `طلب من الأمم المتحدة`). A sanction falls
    // on the actor after على when there is one.
    let from_min = |m: &Mention| etype != "REQUEST" && introduced_by(doc, m, &["من"]);
    let on = |m: &Mention| introduced_by(doc, m, &["على"]);
    let target_after = |source: usize, from: usize| {
        let candidates = || {
            after
                .iter()
                .skip(from)
                .filter(|(_, m)| !from_min(m))
                .map(|(t, m)| (*t, *m))
                .filter(|&(t, _)| !same_party(doc, affiliations, source, t))
        };
        let marked = if etype == "SANCTION" { candidates().find(|(_, m)| on(m)) } else { None };
        marked.or_else(|| candidates().next()).map(|(t, _)| t)
    };
    // Failing a named target, a nationality adjective after the verb names it (`وجه ترامب
    // انتقادات للاتفاق النووي الإيراني`, `نددت … بالتهديدات الأميركية`): its country, unless
    // it is the source's own.
    let adjective_after = |source: usize| -> Option<String> {
        let src = &doc.mentions[source];
        // After the subject when it follows the verb (`هددت الممثلة البحرينية …` describes
        // the subject).
        let from = trigger.end.max(src.span.end);
        toks[ti + 1..]
            .iter()
            .enumerate()
            .filter(|(_, t)| t.span.start >= from)
            .filter(|(_, t)| t.clitic == Clitic::None && t.kind == TokenKind::Arabic)
            .take(ADJECTIVE_REACH)
            .take_while(|(_, t)| !breaks_clause(t, false))
            .filter(|(_, t)| !doc.mentions.iter().any(|m| m.span.contains(t.span)))
            .filter(|(_, t)| !doc.roles.iter().any(|r| r.span.contains(t.span)))
            .find_map(|(k, t)| {
                let k = ti + 1 + k;
                let article = toks[k - 1].clitic == Clitic::Article && toks[k - 1].word == t.word;
                let form = if article { format!("ال{}", t.form) } else { t.form.clone() };
                if not_nationality().contains(&search_key(&t.form)) {
                    return None;
                }
                rasd_actors::demonym_country(&form).map(str::to_string)
            })
            .filter(|c| {
                let key = rasd_actors::name_key(c);
                let city_of = city_country().get(&search_key(&src.name));
                rasd_actors::name_key(&src.name) != key
                    && city_of.is_none_or(|country| rasd_actors::name_key(country) != key)
                    && !affiliations
                        .iter()
                        .any(|(h, o)| *o == key && *h == rasd_actors::name_key(&src.name))
            })
    };
    let (source, target, implied) = match before {
        Some((s, _)) => match target_after(*s, 0) {
            Some(t) => (*s, Some(t), None),
            None => (*s, None, Some(adjective_after(*s)?)),
        },
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
            // A masculine verb right before a feminine place (`وطالب الجزائر`) has no subject
            // there: the place is its object, and the subject is the previous clause's.
            let masculine = masculine_verbs().contains(&search_key(&toks[ti].form));
            let feminine_place =
                s.1.label == "LOC" && !masculine_places().contains(&search_key(&s.1.name));
            if masculine && feminine_place && gap == 0 {
                let source = topic?;
                (source, Some(target_after(source, 0)?), None)
            } else {
                match target_after(s.0, 1) {
                    Some(t) => (s.0, Some(t), None),
                    None => (s.0, None, Some(adjective_after(s.0)?)),
                }
            }
        }
    };
    Some(EventMention {
        etype: etype.to_string(),
        mode: None,
        participants: std::iter::once(source).chain(target).collect(),
        implied: implied.into_iter().collect(),
        location,
        date,
        sentence,
        trigger,
        rule: format!("{}:{}", etype.to_lowercase(), toks[ti].form),
    })
}

/// Most words after a directed verb in which a nationality adjective can name its target.
const ADJECTIVE_REACH: usize = 6;

const NOMINAL: &str = include_str!("../data/nominal.tsv");

/// Verbal nouns of directed events (`data/nominal.tsv`): search key → PLOVER type.
fn nominals() -> &'static HashMap<String, &'static str> {
    static N: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    N.get_or_init(|| {
        let mut map = HashMap::new();
        for line in lines(NOMINAL) {
            let Some((etype, forms)) = line.split_once('\t') else { continue };
            let etype: &'static str = Box::leak(etype.trim().to_string().into_boxed_str());
            for form in forms.split('|') {
                map.insert(search_key(form.trim()), etype);
            }
        }
        map
    })
}

const NOT_NATIONALITY: &str = include_str!("../data/not_nationality.txt");

/// Adjectives that are not read as nationalities after a verbal noun (`المالية`).
fn not_nationality() -> &'static HashSet<String> {
    static N: OnceLock<HashSet<String>> = OnceLock::new();
    N.get_or_init(|| lines(NOT_NATIONALITY).map(search_key).collect())
}

/// Most words between a verbal noun's nationality adjective and its target's preposition.
const NOMINAL_REACH: usize = 6;

/// A directed event stated by a verbal noun: the noun, a nationality adjective within the
/// next three words (its country is the source: `القصف الإيراني`, `الغارات الجوية
/// الإسرائيلية`), and the first actor after `على` or `ضد` a few words on (the target).
fn nominal(s: &Sentence, ti: usize, etype: &str, date: Option<String>) -> Option<EventMention> {
    let Sentence { doc, toks, mentions: in_sentence, span: sentence, .. } = s;
    let words: Vec<usize> = (ti + 1..toks.len())
        .filter(|&k| toks[k].clitic == Clitic::None && toks[k].kind != TokenKind::Punct)
        .collect();
    // The adjective: the stem with its article, as the demonym table lists it.
    let adjective = |k: usize| {
        let article =
            k > 0 && toks[k - 1].clitic == Clitic::Article && toks[k - 1].word == toks[k].word;
        let form = if article { format!("ال{}", toks[k].form) } else { toks[k].form.clone() };
        if not_nationality().contains(&search_key(&toks[k].form)) {
            return None;
        }
        rasd_actors::demonym_country(&form)
    };
    let (at, country) = words.iter().take(3).find_map(|&k| Some((k, adjective(k)?)))?;
    if in_sentence.iter().any(|(_, m)| m.span.contains(toks[at].span)) {
        return None;
    }
    let reach_end = words
        .iter()
        .filter(|&&k| k > at)
        .nth(NOMINAL_REACH)
        .map_or(sentence.end, |&k| toks[k].span.end);
    let (target, m) = in_sentence.iter().find(|(_, m)| {
        m.span.start > toks[at].span.end
            && m.span.end <= reach_end
            && matches!(m.label.as_str(), "PER" | "ORG" | "LOC")
            && introduced_by(doc, m, &["على", "ضد"])
    })?;
    if search_key(&m.name) == search_key(country)
        || city_country().get(&search_key(&m.name)).is_some_and(|c| c == country)
    {
        return None;
    }
    Some(EventMention {
        etype: etype.to_string(),
        mode: None,
        participants: vec![*target],
        implied: vec![country.to_string()],
        location: None,
        date,
        sentence: *sentence,
        trigger: toks[ti].span,
        rule: format!("{}:nominal:{}", etype.to_lowercase(), toks[ti].form),
    })
}

/// Whether two mentions name one party: the same mention or name, a city and its country, or
/// a titled person and the body or country of the title (`affiliations`).
fn same_party(doc: &Doc, affiliations: &HashSet<(String, String)>, a: usize, b: usize) -> bool {
    let (x, y) = (&doc.mentions[a], &doc.mentions[b]);
    if a == b || search_key(&x.name) == search_key(&y.name) {
        return true;
    }
    let person_keys = |m: &Mention| {
        let words = rasd_actors::name_words(&m.name);
        let last = words.last().cloned().unwrap_or_default();
        [words.concat(), last]
    };
    let affiliated = |p: &Mention, q: &Mention| {
        p.label == "PER"
            && q.label != "PER"
            && person_keys(p).iter().any(|k| {
                let party = rasd_actors::name_key(&q.name);
                affiliations.iter().any(|(h, o)| {
                    *o == party && (h == k || h.ends_with(k.as_str()) && !k.is_empty())
                })
            })
    };
    if affiliated(x, y) || affiliated(y, x) {
        return true;
    }
    let country_of = |m: &Mention| city_country().get(&search_key(&m.name)).map(|c| search_key(c));
    country_of(x).is_some_and(|c| c == search_key(&y.name))
        || country_of(y).is_some_and(|c| c == search_key(&x.name))
}

/// Whether a place mention is introduced by في or the preposition ب: the token right
/// before it (an attached article aside) is the clitic ب of its own word, or the word في.
/// `بقيادة السعودية` does not introduce السعودية: its ب belongs to قيادة.
/// Verbal nouns of visiting (search keys): their destination needs a preposition.
const NOMINAL_VISITS: &[&str] = &["زياره", "زيارت", "زيارات", "جوله", "جولت"];

/// Whether the word before a mention is one of `words`, written apart (`في`, `إلى`) or
/// attached as a preposition (`ل`, `ب`). The mention's own article and any marks between
/// (`إلى #بكين`, `صحيفة «…»`) are stepped over.
fn introduced_by(doc: &Doc, m: &Mention, words: &[&str]) -> bool {
    let Some(pos) = doc.tokens.iter().position(|t| t.span.end > m.span.start) else { return false };
    let first = &doc.tokens[pos];
    doc.tokens[..pos]
        .iter()
        .rev()
        .find(|t| {
            t.clitic != Clitic::Article && !matches!(t.kind, TokenKind::Punct | TokenKind::Symbol)
        })
        .is_some_and(|prev| {
            let attached = prev.clitic == Clitic::Preposition && prev.word == first.word;
            (attached || prev.clitic == Clitic::None) && words.contains(&prev.form.as_str())
        })
}

/// Whether a mention is introduced as a place: after في, or after an attached ب.
fn located(doc: &Doc, m: &Mention) -> bool {
    introduced_by(doc, m, &["في", "ب"])
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

/// Whether `place` is `area` or a city of it (`الرباط` in `المغرب`), by the city table.
fn within(place: &EntityRef, area: &EntityRef) -> bool {
    if place.id == area.id {
        return true;
    }
    if area.etype != "LOC" {
        return false;
    }
    let countries = city_country();
    let area_names: HashSet<String> =
        std::iter::once(&area.name).chain(&area.aliases).map(|n| search_key(n)).collect();
    std::iter::once(&place.name)
        .chain(&place.aliases)
        .filter_map(|n| countries.get(&search_key(n)))
        .any(|c| area_names.contains(&search_key(c)))
}

/// Whether two dates can describe the same happening: equal, one a prefix of the other, one
/// day apart, or one unknown.
pub fn dates_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a.starts_with(b)
                || b.starts_with(a)
                // Reports of one happening often differ by a day ("yesterday" written the
                // day after, time zones): full dates one day apart agree.
                || matches!((day_number(a), day_number(b)), (Some(x), Some(y)) if (x - y).abs() <= 1)
        }
        _ => true,
    }
}

/// Days since 1970-01-01 of a full `YYYY-MM-DD` date (proleptic Gregorian calendar).
fn day_number(date: &str) -> Option<i64> {
    if date.len() != 10 {
        return None;
    }
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Merges event mentions that describe the same happening: same type, most participants in
/// common (at least half of the two sets' union) or all of the mention's participants in
/// the event, compatible dates and places. A CONSULT left with one participant is dropped.
///
/// A year-less date (`XXXX-02-22`, from an undated document) takes the year of the latest
/// date its document reports (a document is published after what it reports), found by a
/// first merge, and the evidence's rule says so; where the document reports no date, it stays
/// unknown.
pub fn merge(mut items: Vec<Resolved>) -> Vec<Event> {
    if items.iter().any(|r| r.mention.date.as_deref().is_some_and(is_yearless)) {
        let mut latest: HashMap<String, String> = HashMap::new();
        for (e, _) in group(items.clone()) {
            let Some(date) = e.date else { continue };
            for d in e.documents {
                let l = latest.entry(d).or_default();
                if date > *l {
                    *l = date.clone();
                }
            }
        }
        for r in &mut items {
            let Some(date) = r.mention.date.as_deref().filter(|d| is_yearless(d)) else {
                continue;
            };
            if let Some(l) = latest.get(&r.document).and_then(|l| l.get(..4)) {
                let note = format!(
                    "; year: the undated document's latest reported date ({})",
                    latest[&r.document]
                );
                r.mention.date = Some(format!("{l}{}", &date[4..]));
                r.mention.rule.push_str(&note);
            }
        }
    }
    // A meeting needs two parties: a CONSULT mention whose other party was not found (or
    // not resolved) stays evidence only if it joined a fuller report of the same meeting.
    let mut out: Vec<Event> = group(items)
        .into_iter()
        .map(|(e, _)| e)
        .filter(|e| e.etype != "CONSULT" || parties(e) >= 2)
        .collect();
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

/// How many parties an event has: a place among the participants that lies within another
/// participant (`القدس` beside `إسرائيل`) is not a party of its own.
fn parties(e: &Event) -> usize {
    e.participants
        .iter()
        .enumerate()
        .filter(|&(i, p)| {
            p.etype != "LOC"
                || !e
                    .participants
                    .iter()
                    .enumerate()
                    .any(|(j, q)| j != i && within(p, q) && (p.id != q.id))
        })
        .count()
}

/// The merge itself: each event with its participant ids, before CONSULTs with one party are
/// dropped. Year-less dates count as unknown.
fn group(mut items: Vec<Resolved>) -> Vec<(Event, BTreeSet<String>)> {
    items.sort_by_key(|r| std::cmp::Reverse(r.participants.len()));
    let mut events: Vec<(Event, BTreeSet<String>)> = Vec::new();
    // (type, participant id) → events with that participant, in creation order: a match
    // shares at least one participant, so only these are candidates.
    let mut by_participant: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for r in items {
        let ids: BTreeSet<String> = r.participants.iter().map(|p| p.id.clone()).collect();
        let date = r.mention.date.clone().filter(|d| !is_yearless(d));
        let mut candidates: Vec<usize> = ids
            .iter()
            .filter_map(|id| by_participant.get(&(r.mention.etype.clone(), id.clone())))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let report = Facts {
            etype: &r.mention.etype,
            participants: &r.participants,
            ids: &ids,
            location: r.location.as_ref(),
            date: date.as_deref(),
        };
        let target = candidates.into_iter().find(|&i| same_happening(&facts(&events[i]), &report));
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
        match target {
            Some(i) => absorb(&mut events[i], (e, ids)),
            None => events.push((e, ids)),
        }
    }
    // A second look at reports that stayed alone: the event they belong to may have got its
    // place from a later, smaller report (the meeting's `في الرباط` came after the headline
    // `زيارة … للمغرب` was compared with it).
    let mut i = events.len();
    while i > 0 {
        i -= 1;
        if events[i].0.evidence.len() != 1 {
            continue;
        }
        let found = (0..events.len()).find(|&j| {
            j != i
                && events[j].1.len() >= events[i].1.len()
                && same_happening(&facts(&events[j]), &facts(&events[i]))
        });
        if let Some(j) = found {
            let alone = events.remove(i);
            let j = if j > i { j - 1 } else { j };
            absorb(&mut events[j], alone);
        }
    }
    events
}

/// What the merge compares of an event so far or of one report of it.
struct Facts<'a> {
    etype: &'a str,
    participants: &'a [EntityRef],
    ids: &'a BTreeSet<String>,
    location: Option<&'a EntityRef>,
    date: Option<&'a str>,
}

fn facts(event: &(Event, BTreeSet<String>)) -> Facts<'_> {
    let (e, ids) = event;
    Facts {
        etype: &e.etype,
        participants: &e.participants,
        ids,
        location: e.location.as_ref(),
        date: e.date.as_deref(),
    }
}

/// Whether a report `r` tells of the event `e`: same type, compatible dates and places, and
/// most participants in common (Jaccard ≥ ½) or all of the report's participants in the event
/// (a partial report: "مدير الـسي آي إيه التقى نظيره"), among them at least one actor that is
/// not the place itself. A shared participant alone does not make two of its meetings one,
/// and an event does not snowball: reports come largest first, so a subset joins its
/// superset instead of a small event growing by absorbing everything that shares a name.
fn same_happening(e: &Facts, r: &Facts) -> bool {
    if e.etype != r.etype || !dates_compatible(e.date, r.date) {
        return false;
    }
    // Places agree when equal or one inside the other, or when one is a party of the other
    // report (a visit to واشنطن has الولايات المتحدة as host).
    let places_agree = match (e.location, r.location) {
        (Some(a), Some(b)) => {
            within(a, b) || within(b, a) || e.ids.contains(&b.id) || r.ids.contains(&a.id)
        }
        _ => true,
    };
    if !places_agree {
        return false;
    }
    let is_place = |p: &EntityRef| {
        p.etype == "LOC" && [e.location, r.location].iter().flatten().any(|l| within(l, p))
    };
    let shared: Vec<&EntityRef> = r.participants.iter().filter(|p| e.ids.contains(&p.id)).collect();
    let actors = shared.iter().filter(|p| !is_place(p)).count();
    // A country the report names as a party is the event's own place when the event
    // happened in it (`زيارة مدير سي آي إيه للمغرب` and a meeting in الرباط).
    let hosts = r
        .participants
        .iter()
        .filter(|p| !e.ids.contains(&p.id))
        .filter(|p| e.location.is_some_and(|l| within(l, p)))
        .count();
    let agreed = shared.len() + hosts;
    let union = e.ids.len() + r.ids.len() - agreed;
    actors >= 1 && (agreed == r.ids.len() || 2 * agreed >= union)
}

/// Adds a report (or an event that stayed alone) to an event: new participants, the place if
/// the event had none, the more precise date, the stronger CONSULT mode, its sources.
fn absorb(into: &mut (Event, BTreeSet<String>), from: (Event, BTreeSet<String>)) {
    let ((e, eids), (r, _)) = (into, from);
    for p in r.participants {
        if eids.insert(p.id.clone()) {
            e.participants.push(p);
        }
    }
    if e.location.is_none() {
        e.location = r.location;
    }
    if r.date.as_ref().is_some_and(|d| e.date.as_ref().is_none_or(|x| d.len() > x.len())) {
        e.date = r.date;
    }
    if priority(r.mode.as_deref().unwrap_or("")) > priority(e.mode.as_deref().unwrap_or("")) {
        e.mode = r.mode;
    }
    for d in r.documents {
        if !e.documents.contains(&d) {
            e.documents.push(d);
        }
    }
    e.evidence.extend(r.evidence);
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
        // A day apart, across a month and a year end; two days apart is another day.
        assert!(dates_compatible(Some("2018-02-23"), Some("2018-02-24")));
        assert!(dates_compatible(Some("2018-02-28"), Some("2018-03-01")));
        assert!(dates_compatible(Some("2017-12-31"), Some("2018-01-01")));
        assert!(!dates_compatible(Some("2018-02-23"), Some("2018-02-25")));
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
    }

    fn resolved(doc: &str, ids: &[&str], date: Option<&str>) -> Resolved {
        Resolved {
            document: doc.into(),
            mention: EventMention {
                etype: "CONSULT".into(),
                mode: Some("meet".into()),
                participants: Vec::new(),
                implied: Vec::new(),
                location: None,
                date: date.map(str::to_string),
                sentence: Span::new(0, 1),
                trigger: Span::new(0, 1),
                rule: "consult:meet:test".into(),
            },
            participants: ids
                .iter()
                .map(|id| EntityRef {
                    id: id.to_string(),
                    name: id.to_string(),
                    etype: "PER".into(),
                    aliases: vec![id.to_string()],
                    en: id.to_string(),
                    role: None,
                })
                .collect(),
            location: None,
            sentence: "s".into(),
        }
    }

    #[test]
    fn merge_joins_partial_reports_without_snowballing() {
        // A report naming only some participants joins the fuller one, in any order.
        let events = merge(vec![
            resolved("a", &["cia"], Some("2023-04-07")),
            resolved("b", &["hammouchi", "burns", "cia"], Some("2023-04")),
        ]);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].date.as_deref(), Some("2023-04-07"));
        assert_eq!(events[0].documents.len(), 2);
        // One shared participant is not enough for two meetings of different people, and a
        // single-participant mention does not pull unrelated meetings together.
        let events = merge(vec![
            resolved("a", &["putin"], None),
            resolved("b", &["putin", "erdogan"], None),
            resolved("c", &["putin", "trump"], None),
            resolved("d", &["putin", "macron", "merkel"], None),
        ]);
        let sizes: Vec<usize> = events.iter().map(|e| e.participants.len()).collect();
        assert!(sizes.iter().all(|&n| n <= 3), "{sizes:?}");
        assert_eq!(events.len(), 3, "{events:?}");
        // Incompatible dates never merge.
        let events = merge(vec![
            resolved("a", &["x", "y"], Some("2023-03")),
            resolved("b", &["x", "y"], Some("2023-04")),
        ]);
        assert_eq!(events.len(), 2);
    }

    fn place(id: &str, name: &str) -> EntityRef {
        EntityRef {
            id: id.into(),
            name: name.into(),
            etype: "LOC".into(),
            aliases: vec![name.into()],
            en: id.into(),
            role: None,
        }
    }

    #[test]
    fn yearless_dates_take_the_year_of_the_documents_latest_report() {
        assert_eq!(yearless_date("XXXX-02-22").as_deref(), Some("XXXX-02-22"));
        assert_eq!(yearless_date("XXXX-02").as_deref(), Some("XXXX-02"));
        assert_eq!(yearless_date("2023-02-22"), None);
        assert_eq!(yearless_date("XXXX-W14"), None);
        // Document b reports a meeting that a dated document a places in April 2023, so its
        // "22 February of this year" is 2023's, and the rule says where the year came from.
        let events = merge(vec![
            resolved("a", &["hammouchi", "burns"], Some("2023-04-07")),
            resolved("b", &["hammouchi", "burns"], None),
            resolved("b", &["hammouchi", "wray"], Some("XXXX-02-22")),
        ]);
        let wray = events.iter().find(|e| e.participants.iter().any(|p| p.id == "wray"));
        let wray = wray.expect("the Wray meeting");
        assert_eq!(wray.date.as_deref(), Some("2023-02-22"));
        assert!(wray.evidence[0].rule.contains("2023-04-07"), "{:?}", wray.evidence[0].rule);
        // With nothing dated in its document, the year stays unknown.
        let events = merge(vec![resolved("c", &["x", "y"], Some("XXXX-02-22"))]);
        assert_eq!(events[0].date, None);
    }

    #[test]
    fn a_visit_to_a_country_is_the_meeting_in_its_capital() {
        let rabat = place("rabat", "الرباط");
        let morocco = place("morocco", "المغرب");
        let mut meeting = resolved("a", &["hammouchi", "burns", "cia"], Some("2023-04-07"));
        // The place comes from a smaller report, after the headline was first compared.
        let mut place_report = resolved("a", &["hammouchi", "burns"], None);
        place_report.location = Some(rabat.clone());
        let mut headline = resolved("a", &["cia"], None);
        headline.participants.push(morocco.clone());
        headline.location = Some(morocco.clone());
        meeting.location = None;
        let events = merge(vec![meeting, headline, place_report]);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].location.as_ref().map(|l| l.id.as_str()), Some("rabat"));
        // Two visits to one country by different people stay two, and a "meeting" of a
        // city and its country is no meeting.
        let mut a = resolved("a", &["sherman"], Some("2022-03"));
        a.participants.extend([rabat.clone(), morocco.clone()]);
        a.location = Some(rabat.clone());
        let mut b = resolved("b", &["congress"], Some("2022-03"));
        b.participants.extend([rabat.clone(), morocco.clone()]);
        b.location = Some(rabat.clone());
        let mut c = resolved("c", &[], Some("2022-03"));
        c.participants.extend([rabat.clone(), morocco]);
        c.location = Some(rabat);
        let events = merge(vec![a, b, c]);
        assert_eq!(events.len(), 2, "{events:?}");
    }

    #[test]
    fn triggers_load() {
        assert_eq!(triggers().get(&search_key("التقى")), Some(&("CONSULT", "meet")));
        assert_eq!(triggers().get(&search_key("زيارة")), Some(&("CONSULT", "visit")));
        assert_eq!(triggers().get(&search_key("اتهم")), Some(&("ACCUSE", "-")));
        assert!(modality().contains(&search_key("لم")));
    }
}
