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
//!
//! One module per rule family, each a plain function over one sentence (`clause.rs` holds the
//! sentence view and the word-order helpers they share):
//! - `consult.rs` — CONSULT: meetings, visits, hosting, calls, summits, with modes;
//! - `directed.rs` — the directed types (ACCUSE, THREATEN, REQUEST …) read from word order;
//! - `nominal.rs` — directed events stated by a verbal noun and a nationality adjective;
//! - `between.rs` — events between parties stated by a noun and `بين X و Y`;
//! - `genitive.rs` — verbal nouns whose next word names the actor (`انسحاب الولايات المتحدة`).
//!
//! A new family copies `nominal.rs` (the smallest): a data file of its words loaded in
//! `lexicon.rs`, a function from a `clause::Sentence` and a trigger position to an
//! [`EventMention`], and one call in [`extract`]. `dates.rs` turns timexes into event dates;
//! `merge.rs` joins mentions across documents.
#![deny(missing_docs)]

mod between;
mod blame;
mod claim;
mod clause;
mod consult;
mod dates;
mod directed;
mod duals;
mod forces;
mod genitive;
mod lexicon;
mod merge;
mod nominal;
mod stance;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

use chrono::Datelike;

use rasd_doc::{Clitic, Component, Doc, Mention, Span, TokenKind};
use rasd_text::{normalize_str, search_key, Profile};
use serde::Serialize;

use between::*;
use blame::*;
use claim::*;
use clause::*;
use consult::*;
use dates::is_yearless;
pub use dates::{dates_compatible, event_date, plausibly_reported, yearless_date, PLAUSIBLE_DAYS};
use directed::*;
use duals::*;
use forces::*;
use genitive::*;
use lexicon::*;
pub use merge::{merge, EntityRef, Event, Evidence, Resolved};
use nominal::*;
use stance::*;

/// Words after a meeting or visit noun searched for `data/modality_after.txt`.
const MODALITY_AFTER_REACH: usize = 3;

/// Most words between a trigger and a date after the publication date that make the event a
/// plan (the date is the trigger's own, not another clause's).
const PLANNED_REACH: usize = 6;

pub use rasd_doc::EventMention;

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
    let duals = dual_parties(doc);
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
        // A dateline (`دبي، الإمارات العربية المتحدة (CNN)—`) says where the report was
        // written: its names take no part in the sentence's events.
        let from = dateline_end(doc, s.span).unwrap_or(s.span.start);
        let here: Vec<(usize, &Mention)> = doc
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| s.span.contains(m.span) && m.span.start >= from)
            .collect();
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
        let mut all_dated: Vec<(Span, String)> = doc
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
        all_dated.extend(weekday_after_name(doc, &site.mentions, s.span));
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
        // The date must be in the trigger's clause: not behind a comma and a clause opener
        // (`… عقد قمة في 27 نيسان، إثر لقاء …`: the summit is planned, the meeting was held).
        let same_clause = |a: Span, b: Span| {
            let (from, to) = if a.end <= b.start { (a.end, b.start) } else { (b.end, a.start) };
            let between: Vec<&rasd_doc::Token> =
                doc.tokens.iter().filter(|t| t.span.start >= from && t.span.end <= to).collect();
            !between
                .windows(2)
                .any(|w| matches!(w[0].text.as_str(), "،" | ",") && breaks_clause(w[1], false))
        };
        let planned = |at: Span| {
            all_dated.iter().min_by_key(|(sp, _)| distance(sp, at)).is_some_and(|(sp, d)| {
                !not_future(d) && words_between(*sp, at) <= PLANNED_REACH && same_clause(*sp, at)
            })
        };
        let dated: Vec<&(Span, String)> = all_dated.iter().filter(|(_, d)| not_future(d)).collect();
        let date_here = dated.first().map(|(_, d)| d.clone());
        // A date after منذ is where a span of time starts, not when the event was (`زيارة
        // بوتين هي الأولى … منذ إعادة انتخابه لولاية رابعة في 18 آذار/مارس`).
        // A comma after the منذ phrase ends it (`منذ توليه منصبه، يوم الأربعاء`).
        let since_between = |sp: &Span, at: Span| {
            let between: Vec<&&rasd_doc::Token> =
                toks.iter().filter(|t| t.span.start >= at.end && t.span.end <= sp.start).collect();
            sp.start >= at.end
                && between.iter().rposition(|t| t.form == "منذ").is_some_and(|k| {
                    !between[k..].iter().any(|t| matches!(t.text.as_str(), "،" | "," | "."))
                })
        };
        let nearest = |at: Span| -> Option<String> {
            dated
                .iter()
                .filter(|(sp, _)| !since_between(sp, at))
                .min_by_key(|(sp, _)| distance(sp, at))
                .map(|(_, d)| d.clone())
        };
        // Triggers: content tokens whose stem is listed, not inside a name, not negated or
        // planned. CONSULT triggers make one event per clause; other types one event each.
        let chained = toks.first().is_some_and(|t| t.clitic == Clitic::Conjunction);
        let inherited = if chained { previous_date.clone() } else { None };
        // `غداة X` ("the day after X") dates X the day before the date it hangs on (`أتى القرار
        // الجمعة، غداة اتفاق الكوريتين`: the agreement was on Thursday).
        let day_after = |ti: usize| {
            (0..ti)
                .rev()
                .find(|&k| toks[k].clitic == Clitic::None && toks[k].kind != TokenKind::Punct)
                .filter(|&k| toks[k].form == "غداة")
        };
        // An event after a temporal preposition (`… الاثنين …، بعد انسحاب واشنطن منه`،
        // `إثر لقاء … بين الجانبين`) happened shortly before the clause: its day is not the
        // clause's, its month usually is.
        let background = |ti: usize| {
            (0..ti)
                .rev()
                .find(|&k| toks[k].clitic == Clitic::None && toks[k].kind != TokenKind::Punct)
                .is_some_and(|k| background_prepositions().contains(&search_key(&toks[k].form)))
        };
        let date_at = |ti: usize| {
            let date = nearest(toks[ti].span).or_else(|| inherited.clone());
            let date = match date {
                Some(d) if background(ti) && d.len() == 10 => Some(d[..7].to_string()),
                other => other,
            };
            match (day_after(ti), &date) {
                (Some(k), Some(d)) => {
                    let before = dated.iter().any(|(sp, x)| x == d && sp.end <= toks[k].span.start);
                    let previous = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                        .ok()
                        .and_then(|x| x.pred_opt())
                        .map(|x| x.format("%Y-%m-%d").to_string());
                    if before {
                        previous.or(date)
                    } else {
                        date
                    }
                }
                _ => date,
            }
        };
        let mut consults: Vec<(usize, &'static str)> = Vec::new();
        // Triggers found as two words (`توجه … إلى`).
        let mut by_phrase: HashSet<usize> = HashSet::new();
        let mut others: Vec<(usize, &'static str)> = Vec::new();
        // Verbal nouns with a nationality adjective (`القصف الإيراني على …`) first: such a
        // word is then not read as a verb as well (قصف is both).
        let mut nominal_at: HashSet<usize> = HashSet::new();
        // Each token's search key, computed once for all the trigger lists.
        let keys: Vec<String> = toks
            .iter()
            .map(|t| {
                if t.clitic == Clitic::None && t.kind == TokenKind::Arabic {
                    search_key(&t.form)
                } else {
                    String::new()
                }
            })
            .collect();
        for (i, t) in toks.iter().enumerate() {
            if t.clitic != Clitic::None || t.kind != TokenKind::Arabic {
                continue;
            }
            let key = &keys[i];
            let found = if let Some(&etype) = nominals().get(key) {
                nominal(&site, i, etype, date_at(i))
            } else if let Some(&etype) = betweens().get(key) {
                // `اتفاق بين X و Y`, or a dual's pair: `اتفاق الكوريتين`، `اتفاق بين الجانبين`.
                between(&site, i, etype, date_at(i)).or_else(|| {
                    let pair = dual_after(&site, i, &duals)?;
                    let negated = (0..i)
                        .rev()
                        .filter(|&k| toks[k].clitic == Clitic::None)
                        .take(3)
                        .any(|k| modal.contains(&keys[k]));
                    (!negated).then(|| EventMention {
                        implied: pair.to_vec(),
                        location: site.place_near(i),
                        ..site.event(i, etype, Some("dual"), date_at(i))
                    })
                })
            } else if let Some(&etype) = genitives().get(key) {
                genitive(&site, i, etype, date_at(i))
            } else if let Some((etype, first)) = stances().get(key) {
                stance(&site, i, etype, first.as_deref(), date_at(i))
            } else if held_responsible().contains(key) {
                blame(&site, i, date_at(i))
            } else if claims().contains(key) {
                claim(&site, i, date_at(i))
            } else {
                None
            };
            if let Some(e) = found {
                nominal_at.insert(i);
                out.push(e);
            }
        }
        // The first أن after an accusation verb: what follows it is alleged.
        let alleged_from = (0..toks.len())
            .find(|&k| trig.get(&keys[k]).is_some_and(|(e, _)| *e == "ACCUSE"))
            .and_then(|a| {
                (a + 1..toks.len())
                    .find(|&k| toks[k].clitic == Clitic::None && toks[k].form == "أن")
            });
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
            let stem_key = keys[i].clone();
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
            // A verb with an object pronoun the text layer left attached (`شنّها`: "launched
            // it") is looked up without it.
            let single = trig.get(&key).copied().or_else(|| {
                // Not a ta marbuta, which the search key writes as ه (`حملة` is no `حمل`).
                let pronouns: &[&str] = if t.form.ends_with('ة') {
                    &["هما", "هم", "ها"]
                } else {
                    &["هما", "هم", "ها", "ه"]
                };
                pronouns
                    .iter()
                    .filter_map(|p| key.strip_suffix(p))
                    .filter(|stem| stem.chars().count() >= 2)
                    .find_map(|stem| trig.get(stem).copied())
                    .filter(|(etype, _)| *etype != "CONSULT")
            });
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
            // A participle with the article (`جبهة البوليساريو، المطالبة بحق تقرير المصير`) is
            // an adjective describing someone, not an act.
            let adjectival = i > 0
                && toks[i - 1].word == t.word
                && toks[i - 1].clitic == Clitic::Article
                && participles().contains(&key);
            if purpose || adjectival {
                continue;
            }
            // Negated, future or planned: not reported as having happened.
            // Names between do not count (`إلغاء الرئيس دونالد ترامب زيارته`).
            let before: Vec<&String> = (0..i)
                .rev()
                .filter(|&k| toks[k].clitic == Clitic::None)
                .filter(|&k| !in_sentence.iter().any(|(_, m)| m.span.contains(toks[k].span)))
                .take(3)
                .map(|k| &keys[k])
                .collect();
            let future_clitic =
                i > 0 && toks[i - 1].clitic == Clitic::Future && toks[i - 1].word == t.word;
            // A meeting or visit dated after the publication is planned; for the other types
            // a later date is usually their content (`يهدد … بحلول 12 أيار`: the threat is now).
            let planned = etype == "CONSULT" && planned(t.span);
            let possible = etype == "CONSULT"
                && (i + 1..toks.len())
                    .filter(|&k| {
                        toks[k].clitic == Clitic::None && toks[k].kind == TokenKind::Arabic
                    })
                    // Names and "still" (`قمته مع بيونغ يانغ لا يزال ممكنا`) do not count.
                    .filter(|&k| {
                        !in_sentence.iter().any(|(_, m)| m.span.contains(toks[k].span))
                            && !still().contains(&keys[k])
                    })
                    .take(MODALITY_AFTER_REACH)
                    .any(|k| modality_after().contains(&keys[k]));
            // A definite event noun after a demonstrative or a verb of coming refers back
            // to an event already told (`هذه الزيارة`، `وتأتي الزيارة في وقت …`).
            let definite =
                i > 0 && toks[i - 1].clitic == Clitic::Article && toks[i - 1].word == t.word;
            // A verb of coming right before an event noun, definite or not (`وتأتي زيارة راب
            // إلى بروكسل في وقت …`), restates an event too.
            let word_before = |from: usize| {
                (0..from)
                    .rev()
                    .find(|&k| toks[k].clitic == Clitic::None && toks[k].kind != TokenKind::Punct)
            };
            // A definite event noun as the subject of a verb of content (`أن المحادثات
            // تناولت …`) tells what the talks already told were about.
            let word_after = (i + 1..toks.len())
                .find(|&k| toks[k].clitic == Clitic::None && toks[k].kind != TokenKind::Punct);
            let anaphoric = (definite
                && word_before(i - 1).is_some_and(|k| anaphora().contains(&keys[k])))
                || word_before(i).is_some_and(|k| coming().contains(&keys[k]))
                || (definite && word_after.is_some_and(|k| content_verbs().contains(&keys[k])));
            // An act whose doer is sought (`تحديد المسؤول عن شن هجوم`، `محاسبة مرتكبي القصف`)
            // is not the sentence subject's act.
            let sought = {
                let mut k = word_before(i);
                if k.is_some_and(|k| keys[k] == "عن") {
                    k = k.and_then(word_before);
                }
                k.is_some_and(|k| {
                    let key = keys[k].strip_prefix("ال").unwrap_or(&keys[k]);
                    responsible().contains(key)
                })
            };
            // What someone is accused of (`اتهم … الجزائر بأنها تمول وتساند …`) is alleged,
            // not reported: a trigger after an accusation verb and its أن.
            let alleged = alleged_from.is_some_and(|k| i > k);
            if future_clitic
                || before.iter().any(|b| modal.contains(*b))
                || planned
                || possible
                || anaphoric
                || alleged
                || sought
            {
                continue;
            }
            if etype != "CONSULT" {
                others.push((i, etype));
            } else {
                consults.push((i, mode));
            }
        }
        // A date passes on along a chain of sentences joined by و; an undated sentence that
        // does not continue the chain ends it (`… في تشرين الثاني/نوفمبر 2015.` `لكن العلاقات
        // تحسنت بعدها …` `وتستمر زيارة بوتين لتركيا …`: the visit is not of 2015).
        if date_here.is_some() || !chained {
            previous_date = date_here;
        }
        // The target of the sentence's last directed event, for a coordinated verb that
        // names none (`وطالب الجزائر …، وهدد بأن …`).
        let mut last_target: Option<usize> = None;
        for &(ti, etype) in &others {
            // A dual subject or partner of an agreement (`اتفق البلدان`): its pair.
            if matches!(etype, "AGREE" | "COOPERATE") {
                if let Some(pair) = dual_after(&site, ti, &duals) {
                    out.push(EventMention {
                        implied: pair.to_vec(),
                        location: site.place_near(ti),
                        ..site.event(ti, etype, Some("dual"), date_at(ti))
                    });
                    continue;
                }
            }
            // A dual verb with no one named (`ونشرا إعلانا مشتركا`, "the two published"): the
            // two people named just before.
            if matches!(etype, "AGREE" | "COOPERATE") && dual_verbs().contains(&keys[ti]) {
                let named = near_trigger(toks, ti, in_sentence)
                    .iter()
                    .any(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG"));
                let two = last_two_people(doc, si, toks[ti].span.start);
                if !named && two.len() == 2 {
                    out.push(EventMention {
                        participants: two,
                        location: site.place_near(ti),
                        ..site.event(ti, etype, Some("dual"), date_at(ti))
                    });
                    continue;
                }
            }
            let subject = topic.filter(|&(_, at)| si - at <= 1).map(|(m, _)| m);
            // Forces or authorities named by nationality right after the verb are its doer
            // (`شنت طائرات إسرائيلية`، `اتهمت الخارجية الإيرانية`).
            if let Some(e) = forces(&site, ti, etype, date_at(ti))
                .or_else(|| members(&site, ti, etype, date_at(ti)))
            {
                out.push(e);
                continue;
            }
            if let Some(mut e) = directed(&site, ti, etype, date_at(ti), subject, last_target) {
                // Attacking a person by name (`هاجم ترامب وزير العدل جيف سيشنز`) is words:
                // criticism, as for the noun.
                let person_attacked =
                    e.participants.get(1).is_some_and(|&t| doc.mentions[t].label == "PER");
                if etype == "ASSAULT" && person_attacked && verbal_attacks().contains(&keys[ti]) {
                    e.etype = "ACCUSE".into();
                    e.rule = e.rule.replacen("assault:", "accuse:verbal:", 1);
                }
                last_target = e.participants.get(1).copied().or(last_target);
                topic = e.participants.first().map(|&m| (m, si));
                out.push(e);
            } else if let Some(e) = lone_threat(&site, ti, etype, date_at(ti)) {
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
        // A meeting of a dual (`لقاء بين الجانبين`، `قمة الكوريتين`) has its pair as parties.
        for &(ti, mode) in &consults {
            let Some(pair) = dual_after(&site, ti, &duals) else { continue };
            match found.iter_mut().find(|f| f.trigger == toks[ti].span) {
                Some(f) => {
                    for p in pair {
                        if !f.implied.contains(p) {
                            f.implied.push(p.clone());
                        }
                    }
                }
                None => found.push(EventMention {
                    mode: Some(mode.into()),
                    implied: pair.to_vec(),
                    location: site.place_near(ti),
                    ..site.event(ti, "CONSULT", Some(mode), date_at(ti))
                }),
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
    // An attack happens where it strikes: a place attacked is the attack's location when
    // the sentence names no other (`القصف الإيراني على إقليم كردستان العراق`).
    for e in out.iter_mut().filter(|e| e.etype == "ASSAULT" && e.location.is_none()) {
        // The verbal-noun family names no source among its participants: all are targets.
        let targets_from = usize::from(!e.rule.contains(":nominal:"));
        e.location = e
            .participants
            .iter()
            .skip(targets_from)
            .copied()
            .find(|&p| doc.mentions[p].label == "LOC");
    }
    // A statement by someone on a visit is made where the visit is (`قال الرئيس الإيراني حسن
    // روحاني …، محذرا واشنطن` in an article on his visit to فيينا): the visitor's one visited
    // place, when the dates agree, is the statement's location.
    let visits: Vec<(&str, usize, Option<&str>)> = out
        .iter()
        .filter(|e| e.etype == "CONSULT" && e.mode.as_deref() == Some("visit"))
        .filter_map(|e| Some((e, e.location?)))
        .flat_map(|(e, loc)| {
            e.participants
                .iter()
                .filter(|&&p| doc.mentions[p].label == "PER")
                .map(move |&p| (doc.mentions[p].name.as_str(), loc, e.date.as_deref()))
        })
        .collect();
    if !visits.is_empty() {
        let mut located: Vec<(usize, usize)> = Vec::new();
        for (k, e) in out.iter().enumerate() {
            if e.location.is_some() || !STATEMENTS.contains(&e.etype.as_str()) {
                continue;
            }
            let Some(&source) = e.participants.first() else { continue };
            let name = doc.mentions[source].name.as_str();
            // The same person, written in full or by the family name (`روحاني`).
            let same = |who: &str| {
                who == name
                    || who.strip_suffix(name).is_some_and(|r| r.ends_with(' '))
                    || name.strip_suffix(who).is_some_and(|r| r.ends_with(' '))
            };
            let mut places: Vec<&str> = visits
                .iter()
                .filter(|(who, _, date)| {
                    same(who) && dates::dates_compatible(*date, e.date.as_deref())
                })
                .map(|&(_, loc, _)| doc.mentions[loc].name.as_str())
                .collect();
            places.sort_unstable();
            places.dedup();
            if let [place] = places[..] {
                if let Some(&(_, loc, _)) =
                    visits.iter().find(|(who, l, _)| same(who) && doc.mentions[*l].name == place)
                {
                    located.push((k, loc));
                }
            }
        }
        for (k, loc) in located {
            out[k].location = Some(loc);
        }
    }
    out
}

/// `الاثنين` ("Monday", also "the two") and `الأحد` ("Sunday", also "the one") right after a
/// name (`استقبل ترامب الاثنين نظيره`) are the weekday, which the temporal tagger alone does
/// not read there: the most recent one up to the publication date.
fn weekday_after_name(
    doc: &Doc,
    here: &[(usize, &Mention)],
    sentence: Span,
) -> Vec<(Span, String)> {
    let Some(dct) =
        doc.dct.as_ref().and_then(|d| chrono::NaiveDate::parse_from_str(&d.date, "%Y-%m-%d").ok())
    else {
        return Vec::new();
    };
    let text = doc.text();
    let mut out = Vec::new();
    for (_, m) in here.iter().filter(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG" | "LOC")) {
        let rest = &text[m.span.end..sentence.end];
        let trimmed = rest.trim_start();
        let Some(word) =
            trimmed.split(|c: char| c.is_whitespace() || c == '،' || c == ',' || c == '.').next()
        else {
            continue;
        };
        if rest.len() == trimmed.len() {
            continue;
        }
        let iso = match word {
            "الاثنين" | "الإثنين" => 1,
            "الأحد" => 7,
            _ => continue,
        };
        let back = (dct.weekday().number_from_monday() as i64 - iso).rem_euclid(7);
        let date = dct - chrono::Duration::days(back);
        let start = m.span.end + (rest.len() - trimmed.len());
        out.push((Span::new(start, start + word.len()), date.format("%Y-%m-%d").to_string()));
    }
    out
}

/// Event types that are statements, made where the one who states them is.
const STATEMENTS: &[&str] = &["ACCUSE", "THREATEN", "REJECT", "SUPPORT", "REQUEST", "APPEAL"];

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
