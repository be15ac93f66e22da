//! Directed events (ACCUSE, THREATEN, REQUEST, SUPPORT, REJECT …): source and target read
//! from Arabic word order.

use super::*;

/// An event with a source and a target, read from Arabic word order: in a verb-first clause
/// (اتهم كوربن حكومة ماي) the first actor after the verb is the source and the next one the
/// target; when an actor precedes the verb in the same clause (روسيا … عرقلت قرارا) it is the
/// source and the first actor after the verb the target. Actors are named people,
/// organisations and places (a country acting through its government).
pub(crate) fn directed(
    s: &Sentence,
    ti: usize,
    etype: &str,
    date: Option<String>,
    topic: Option<usize>,
    last_target: Option<usize>,
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
    // The clause: from the last comma or sentence start before the trigger; a name set off
    // by commas (`وكان الرئيس الإيراني، حسن روحاني، قد رد بشدة`) is an apposition inside it.
    let is_break = |t: &rasd_doc::Token| {
        t.kind == TokenKind::Punct && matches!(t.text.as_str(), "،" | "," | ":" | "\"" | "؛")
    };
    let mut upto = ti;
    let clause_start = loop {
        let Some(c) = toks[..upto].iter().rposition(|t| is_break(t)) else { break sentence.start };
        let apposition = matches!(toks[c].text.as_str(), "،" | ",")
            && in_sentence.iter().find(|(_, m)| m.span.end == toks[c].span.start).is_some_and(
                |(_, m)| {
                    toks[..c]
                        .iter()
                        .rev()
                        .find(|t| t.span.end <= m.span.start)
                        .is_some_and(|t| matches!(t.text.as_str(), "،" | ","))
                },
            );
        if !apposition {
            break toks[c].span.end;
        }
        // Go on before the comma that opens the apposition.
        let m_start = in_sentence
            .iter()
            .find(|(_, m)| m.span.end == toks[c].span.start)
            .map_or(toks[c].span.start, |(_, m)| m.span.start);
        upto = toks[..c].iter().rposition(|t| t.span.end <= m_start).unwrap_or(0);
    };
    let after: Vec<&&(usize, &Mention)> =
        actors.iter().filter(|(_, m)| m.span.start > trigger.end).collect();
    // A preposition's object is not the subject (`اتفاق مع إيران يهدد ترامب بتقويضه`).
    let governed = |m: &Mention| introduced_by(doc, m, &GOVERNING);
    // A relative verb with an object pronoun (`الاتفاق الذي أبرمته إيران`: "the deal that Iran
    // concluded") has its subject after it; what comes before is the antecedent, its object.
    // Without the pronoun (`الغارات التي تشن على اليمن`) the subject is the antecedent, a
    // name only when the name is right before the relative pronoun (`كيم الذي وصل`).
    let relative = s.word_before(ti).filter(|&k| RELATIVES.contains(&toks[k].form.as_str()));
    let relative_object = relative.is_some() && s.has_pronoun(ti);
    let antecedent = |m: &Mention| {
        relative.is_none_or(|k| {
            // A name running into the pronoun (a span over it) is no antecedent.
            doc.text().get(m.span.end..toks[k].span.start).is_some_and(|gap| {
                gap.trim_matches(|c: char| c.is_whitespace() || c == '،' || c == ',').is_empty()
            })
        })
    };
    let before = actors
        .iter()
        .rev()
        .find(|(_, m)| m.span.end <= trigger.start && m.span.start >= clause_start)
        .filter(|(_, m)| !governed(m) && !relative_object && antecedent(m));
    // The target is the first actor after the verb that is another party than the source:
    // not the source again, nor a city of the source's country (`فرض … على كوريا الشمالية
    // … بيونغ يانغ`) or the country of its city.
    // `بطلب من واشنطن`, `بدعم من …` name who asked or helped, not the target (except for a
    // request, whose addressee من may introduce: `طلب من الأمم المتحدة`). A sanction falls
    // on the actor after على when there is one.
    // `بشأن سوريا`، `حول …` name what the act is about, not whom it is aimed at.
    let from_min = |m: &Mention| {
        (etype != "REQUEST" && introduced_by(doc, m, &["من"]))
            || introduced_by(doc, m, &["بشأن", "حول"])
    };
    let on = |m: &Mention| introduced_by(doc, m, &["على"]);
    // A warning is a threat only when it is addressed to someone (`حذر ترامب طهران`), not
    // `حذر من أن …` ("warned that"): its target is a direct object, before any أن.
    let warning = warnings().contains(&search_key(&toks[ti].form));
    let that_at = toks[ti + 1..]
        .iter()
        .find(|t| t.clitic == Clitic::None && matches!(t.form.as_str(), "أن" | "أنه" | "أنها"))
        .map_or(usize::MAX, |t| t.span.start);
    // The warned party follows the verb and its subject closely (`وحذر ترامب طهران`), not at
    // the end of an adverbial phrase (`حذر لايتهايزر قبل مغادرته واشنطن`): at most one word
    // outside names and titles between the verb and it, besides the subject, or right after
    // the comma that closes an inserted phrase (`وحذر الرئيس خلال استقباله …، طهران`).
    let after_comma = |m: &Mention| {
        doc.tokens
            .iter()
            .rev()
            .find(|t| t.span.end <= m.span.start && t.clitic != Clitic::Article)
            .is_some_and(|t| matches!(t.text.as_str(), "،" | ","))
    };
    let close_object = |m: &Mention| {
        after_comma(m)
            || doc
                .tokens
                .iter()
                .filter(|t| t.span.start >= trigger.end && t.span.end <= m.span.start)
                .filter(|t| t.clitic == Clitic::None && t.kind == TokenKind::Arabic)
                .filter(|t| !doc.mentions.iter().any(|x| x.span.contains(t.span)))
                .filter(|t| !doc.roles.iter().any(|r| r.span.contains(t.span)))
                .count()
                <= 1
    };
    let addressed = |m: &Mention| {
        !warning
            || (m.span.start < that_at
                && close_object(m)
                && !introduced_by(doc, m, &["من", "في", "مع", "على", "إلى", "الى", "عن", "ب", "ل"]))
    };
    // A second subject joined by و (`دعا آبي أحمد ورئيس إريتريا أسياسي أفورقي إلى …`) is not
    // the target — except of an act two parties do together (`وقعت مصر والسعودية مذكرة`).
    let joined_subject = |source: usize, m: &Mention| {
        let src = &doc.mentions[source];
        src.span.end <= m.span.start && {
            let between: Vec<&rasd_doc::Token> = doc
                .tokens
                .iter()
                .filter(|t| t.span.start >= src.span.end && t.span.end <= m.span.start)
                .collect();
            between.first().is_some_and(|t| t.clitic == Clitic::Conjunction && t.form == "و")
                && between[1..].iter().all(|t| {
                    t.clitic == Clitic::Article || doc.roles.iter().any(|r| r.span.contains(t.span))
                })
        }
    };
    // Condemning an attack on X (`تدين غارة جوية على اليمن`): X is its victim, not the one
    // condemned.
    let victim = |m: &Mention| {
        etype == "ACCUSE"
            && introduced_by(doc, m, &["على"])
            && toks[ti + 1..]
                .iter()
                .filter(|t| t.span.end <= m.span.start && t.clitic == Clitic::None)
                .any(|t| nominals().get(&search_key(&t.form)) == Some(&"ASSAULT"))
    };
    // The addressee of a letter (`في رسالة خطية إلى الأمين العام … غوتيريس، الجزائر`) is
    // not the one accused; an invitation to a meal or a visit (`دعا بومبيو … إلى العشاء`)
    // is no demand.
    let addressee = |m: &Mention| {
        introduced_by(doc, m, &["إلى", "الى", "ل"])
            && doc
                .tokens
                .iter()
                .filter(|t| t.span.end <= m.span.start && t.span.start >= trigger.end)
                .filter(|t| t.clitic == Clitic::None && t.kind == TokenKind::Arabic)
                .filter(|t| !doc.roles.iter().any(|r| r.span.contains(t.span)))
                .rev()
                .take(3)
                .any(|t| letters().contains(&search_key(&t.form)))
    };
    if etype == "REQUEST" {
        let invited = toks[ti + 1..]
            .iter()
            .skip_while(|t| !(t.clitic == Clitic::None && matches!(t.form.as_str(), "إلى" | "الى")))
            .skip(1)
            .find(|t| t.clitic == Clitic::None && t.kind == TokenKind::Arabic)
            .is_some_and(|t| invitations().contains(&search_key(&t.form)));
        if invited {
            return None;
        }
    }
    // A description (`يصف الاتفاق النووي الإيراني بـ"الكارثة" خلال استقبال ماكرون`) is of
    // what comes before its word of contempt.
    let described_until = pejorative_at(s, ti).map_or(usize::MAX, |k| toks[k].span.start);
    let target_after = |source: usize, from: usize| {
        let candidates = || {
            after
                .iter()
                .skip(from)
                .filter(|(_, m)| m.span.end <= described_until)
                .filter(|(_, m)| {
                    !from_min(m)
                        && addressed(m)
                        && (SYMMETRIC.contains(&etype) || !joined_subject(source, m))
                        && !victim(m)
                        && !addressee(m)
                })
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
            .find_map(|(k, _)| s.nationality_at(ti + 1 + k).map(str::to_string))
            .filter(|c| {
                let key = rasd_actors::name_key(c);
                let city_of = city_country().get(&search_key(&src.name));
                rasd_actors::name_key(&src.name) != key
                    && city_of.is_none_or(|country| rasd_actors::name_key(country) != key)
                    && !(src.label == "PER" && rasd_actors::person_of_place(&src.name, c))
                    && !affiliations
                        .iter()
                        .any(|(h, o)| *o == key && *h == rasd_actors::name_key(&src.name))
            })
    };
    // The target after the source: a named one, else a nationality adjective's country.
    let target_or_adjective = |source: usize, from: usize| match target_after(source, from) {
        Some(t) => Some((Some(t), None)),
        None => Some((None, Some(adjective_after(source)?))),
    };
    let (source, (target, implied)) = if participles().contains(&search_key(&toks[ti].form)) {
        // An adverbial participle (`…، مطالبا موسكو بالعمل`) has the main clause's subject:
        // the sentence's first person or organisation (not one inside a title or a later
        // clause: `… نظام بشار الأسد، مطالبا`), or the previous clause's; its target follows.
        let source = in_sentence
            .iter()
            .filter(|(i, m)| m.span.end <= trigger.start && !in_titles.contains(i))
            .find(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG"))
            .map(|(i, _)| *i)
            .or(topic)?;
        (source, target_or_adjective(source, 0)?)
    } else if let Some((s, _)) = before {
        (*s, target_or_adjective(*s, 0)?)
    } else if let Some(source) = s.speaker(ti) {
        // `وقال X إنه اتهم Y`: the speaker acts.
        (source, target_or_adjective(source, 0)?)
    } else if let Some(source) = dropped_subject(s, ti, &after, topic) {
        // A coordinated verb with no subject of its own (`… وهدد بأن …`، `فيما ألقى باللوم
        // على …`) has the sentence's subject; with no target after it, the target of the
        // sentence's previous act (`وطالب الجزائر …، وهدد`).
        // Failing that, the other party the sentence named before the verb (`اعتبرتها جبهة
        // البوليساريو محاولة من الرباط … وهددت بدورها …`).
        let other_before = || {
            in_sentence
                .iter()
                .rev()
                .filter(|(i, m)| m.span.end <= trigger.start && *i != source)
                .filter(|(i, m)| !in_titles.contains(i) && !located(doc, m))
                .filter(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG" | "LOC"))
                .find(|(i, _)| !same_party(doc, affiliations, source, *i))
                .map(|(i, _)| (Some(*i), None))
        };
        let found = target_or_adjective(source, 0)
            .or_else(|| last_target.filter(|&t| t != source).map(|t| (Some(t), None)))
            .or_else(other_before)?;
        (source, found)
    } else {
        // A preposition's object is not the subject (`نفى من تركيا …`: from Turkey), except
        // the body of an unnamed official (`مسؤول كبير في الأمم المتحدة`).
        let official_in = |m: &Mention| {
            introduced_by(doc, m, &["في"])
                && doc
                    .tokens
                    .iter()
                    .filter(|t| t.span.end <= m.span.start && t.clitic == Clitic::None)
                    .filter(|t| t.kind != TokenKind::Punct)
                    .rev()
                    .skip(1)
                    .take(2)
                    .any(|t| officials().contains(&search_key(&t.form)))
        };
        let s = after.iter().find(|(_, m)| !governed(m) || official_in(m))?;
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
            (source, (Some(target_after(source, 0)?), None))
        } else {
            (s.0, target_or_adjective(s.0, 1)?)
        }
    };
    // Withdrawing from an agreement (`انسحبت واشنطن من الاتفاق النووي`) rejects it.
    if etype == "RETREAT" {
        let from = trigger.end.max(doc.mentions[source].span.end);
        if let Some((party, implied)) = crate::genitive::from_deal(s, from, source) {
            return Some(EventMention {
                participants: std::iter::once(source).chain(party).collect(),
                implied: implied.into_iter().collect(),
                location,
                ..s.event(ti, "REJECT", None, date)
            });
        }
    }
    Some(EventMention {
        participants: std::iter::once(source).chain(target).collect(),
        implied: implied.into_iter().collect(),
        location,
        ..s.event(ti, etype, None, date)
    })
}

/// The subject of a verb that names none: the verb is joined to what precedes it (`و`, `ف`,
/// `فيما`، `كما`، `ثم`) and no actor follows it closely; the subject is the sentence's first
/// person or organisation before it (not one inside a title), else the previous clause's.
fn dropped_subject(
    s: &Sentence,
    ti: usize,
    after: &[&&(usize, &Mention)],
    topic: Option<usize>,
) -> Option<usize> {
    let toks = &s.toks;
    let t = toks[ti];
    let attached =
        ti > 0 && toks[ti - 1].word == t.word && toks[ti - 1].clitic == Clitic::Conjunction;
    let joined = attached
        || (0..ti).rev().find(|&k| toks[k].kind != TokenKind::Punct).is_some_and(|k| {
            toks[k].clitic == Clitic::None
                && COORDINATORS.contains(&search_key(&toks[k].form).as_str())
        });
    if !joined {
        return None;
    }
    // An actor within a few words after the verb is its own subject — unless a preposition
    // or a complement's أن introduces it (`ألقى باللوم على ترامب`، `هدد بأن المغرب …`).
    let own = |m: &Mention| {
        !introduced_by(s.doc, m, &["على", "إلى", "الى", "ضد", "مع", "عن", "أن", "إن"])
    };
    let close = after.iter().find(|(_, m)| own(m)).is_some_and(|(_, m)| {
        s.doc
            .tokens
            .iter()
            .filter(|x| {
                x.span.start >= t.span.end && x.span.end <= m.span.start && x.clitic == Clitic::None
            })
            .count()
            <= 4
    });
    if close {
        return None;
    }
    s.mentions
        .iter()
        .filter(|(i, m)| m.span.end <= t.span.start && !s.in_titles.contains(i))
        .find(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG"))
        .map(|(i, _)| *i)
        .or(topic)
}

/// Prepositions whose object is not a verb's subject (`اتفاق مع إيران يهدد ترامب`، `نفى من
/// تركيا`); ل is left out (`تقرير لمنظمة هيومن رايتس ووتش يتهم`: the report of HRW).
const GOVERNING: [&str; 8] = ["من", "في", "إلى", "الى", "على", "عن", "مع", "ضد"];

/// Relative pronouns (`الذي`، `التي` …).
/// Types of acts two parties do together: a second subject is the other party.
pub(crate) const SYMMETRIC: &[&str] = &["AGREE", "COOPERATE"];

pub(crate) const RELATIVES: [&str; 7] =
    ["الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"];

/// Words that join a verb to the clause before it, sharing its subject.
const COORDINATORS: [&str; 4] = ["فيما", "كما", "ثم", "بينما"];

/// Most words after a directed verb in which a nationality adjective can name its target.
pub(crate) const ADJECTIVE_REACH: usize = 6;

/// For a verb of describing (`وصف`, the first word of a `+@pejoratives` trigger), the first
/// word of contempt after it.
fn pejorative_at(s: &Sentence, ti: usize) -> Option<usize> {
    let toks = &s.toks;
    let seconds = phrase_triggers().get(&search_key(&toks[ti].form))?;
    let contempt = |k: &String| {
        seconds.iter().any(|(second, etype, _)| *etype == "ACCUSE" && second == k)
            && pejoratives().contains(k)
    };
    (ti + 1..toks.len())
        .filter(|&k| toks[k].clitic == Clitic::None && toks[k].kind == TokenKind::Arabic)
        .take(PHRASE_REACH)
        .find(|&k| contempt(&search_key(&toks[k].form)))
}

/// Most words after a threat verb in which `بـ` introduces the act threatened.
pub(crate) const THREAT_ACT_REACH: usize = 8;

/// A threat of an act aimed at no one named (`وكان الحرس الثوري الإيراني قد هدد، الأربعاء،
/// بمنع صادرات النفط`، `هدد أردوغان بشن عملية عسكرية ضد الأكراد`): the one who threatens
/// alone — the subject named right after the verb, else the actor before it in its clause —
/// when `بـ` introduces the act within a few words. Verbs of warning (`حذر من`) do not count.
pub(crate) fn lone_threat(
    s: &Sentence,
    ti: usize,
    etype: &str,
    date: Option<String>,
) -> Option<EventMention> {
    let Sentence { doc, toks, mentions: in_sentence, span: sentence, .. } = s;
    let key = search_key(&toks[ti].form);
    // The perfect only: the imperfect is as often a risk that threatens (`المخاطر التي تهدد
    // الاستقرار`، `مشكلات … تهدد بعدم إتمام`).
    if etype != "THREATEN" || !perfect_threats().contains(&key) {
        return None;
    }
    let trigger = toks[ti].span;
    // Words between two offsets outside names and titles.
    let loose_words = |from: usize, to: usize| {
        toks.iter()
            .filter(|t| t.span.start >= from && t.span.end <= to)
            .filter(|t| t.clitic == Clitic::None && t.kind == TokenKind::Arabic)
            .filter(|t| !doc.mentions.iter().any(|m| m.span.contains(t.span)))
            .filter(|t| !doc.roles.iter().any(|r| r.span.contains(t.span)))
            .filter(|t| !doc.timexes.iter().any(|x| x.span.contains(t.span)))
            .count()
    };
    // The act threatened: `بـ` + a word, before any clause break.
    let act = (ti + 1..toks.len())
        .take_while(|&k| !breaks_clause(toks[k], false))
        .filter(|&k| toks[k].kind != TokenKind::Punct)
        .take(THREAT_ACT_REACH * 2)
        .find(|&k| {
            toks[k].clitic == Clitic::Preposition
                && toks[k].form == "ب"
                && toks.get(k + 1).is_some_and(|n| n.word == toks[k].word)
        })?;
    let actor = |m: &Mention| matches!(m.label.as_str(), "PER" | "ORG" | "LOC") && !located(doc, m);
    // The subject right after the verb (a title may come between) …
    let after = in_sentence
        .iter()
        .find(|(_, m)| {
            m.span.start >= trigger.end && m.span.end <= toks[act].span.start && actor(m)
        })
        .filter(|(_, m)| loose_words(trigger.end, m.span.start) == 0)
        .map(|(i, _)| *i);
    let clause_start = toks[..ti]
        .iter()
        .rev()
        .find(|t| t.kind == TokenKind::Punct && matches!(t.text.as_str(), "،" | "," | ":" | "؛"))
        .map_or(sentence.start, |t| t.span.end);
    let before = || {
        in_sentence
            .iter()
            .rev()
            .filter(|(_, m)| m.span.end <= trigger.start && m.span.start >= clause_start)
            .find(|(_, m)| actor(m) && !introduced_by(doc, m, &GOVERNING))
            // … or right before it (`كان الحرس الثوري قد هدد`).
            .filter(|(_, m)| loose_words(m.span.end, trigger.start) <= 2)
            .map(|(i, _)| *i)
    };
    // After a relative or a pronoun subject (`الذي هدده`، `أنه هدد كليفورد`) the name after
    // the verb is its object; a verb joined by و (`… وهددت بشن حملة`) has the earlier
    // clause's subject.
    let word_before = s.word_before(ti);
    let complementiser = |k: usize| matches!(toks[k].form.as_str(), "أن" | "إن" | "لأن");
    let pronoun_subject = word_before.is_some_and(|k| {
        RELATIVES.contains(&toks[k].form.as_str())
            || matches!(toks[k].form.as_str(), "أنه" | "إنه" | "أنها" | "إنها" | "أنهم" | "إنهم")
            // `أنه` as the text layer splits it: أن + ه.
            || (toks[k].clitic == Clitic::Pronoun
                && k > 0
                && toks[k - 1].word == toks[k].word
                && complementiser(k - 1))
    });
    let joined =
        ti > 0 && toks[ti - 1].clitic == Clitic::Conjunction && toks[ti - 1].word == toks[ti].word;
    let object_pronoun = s.has_pronoun(ti);
    if pronoun_subject || (object_pronoun && after.is_none()) {
        return None;
    }
    let source = if joined { after? } else { after.or_else(before)? };
    Some(EventMention { participants: vec![source], ..s.event(ti, etype, None, date) })
}
