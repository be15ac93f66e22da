//! CONSULT: meetings, visits, hosting, calls and summits, with their participants, place and
//! mode.

use super::*;

/// A mode's priority when a sentence has several triggers (هستقبل … لبحث: host wins).
pub(crate) fn priority(mode: &str) -> u8 {
    match mode {
        "host" => 5,
        "visit" => 4,
        "phone" => 3,
        "multilateral" => 2,
        _ => 1,
    }
}

/// A visit to a list of places (`بزيارة أربعة بلدان هي غانا، وملاوي، وكينيا، ومصر`) is one
/// visit per place: the places named one after another after the visited one, separated
/// only by commas and و.
pub(crate) fn split_visits(s: &Sentence, e: EventMention) -> Vec<EventMention> {
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
        // A continent after the countries (`إلى مصر وأفريقيا`) hosts nothing.
        if !regions().contains(&search_key(&m.name)) {
            places.push(i);
        }
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

/// A CONSULT event for the trigger at `ti`: the people and organisations near it, and for
/// a visit the place visited (which stands for the host).
pub(crate) fn consult(
    s: &Sentence,
    ti: usize,
    mode: &str,
    date: Option<String>,
) -> Option<EventMention> {
    let Sentence { doc, toks, mentions: in_sentence, span: sentence, .. } = s;
    let (doc, sentence) = (*doc, *sentence);
    let trigger = toks[ti].span;
    let near = near_trigger(toks, ti, in_sentence);
    // An organisation after في is where the meeting took place (`في البيت الأبيض`,
    // `في الكرملين`), not a party to it.
    let venue = |m: &Mention| m.label == "ORG" && introduced_by(doc, m, &["في"]);
    // What the talks are about or where a dispute is (`حول`، `بشأن`، `داخل حزب المحافظين`)
    // is no party to them.
    let topic = |m: &Mention| introduced_by(doc, m, &["حول", "بشأن", "داخل", "ضد"]);
    // A relative named with a word of kinship (`ترامب وزوجته ميلانيا`) comes along; the
    // meeting is between the others.
    let companion = |m: &Mention| {
        m.label == "PER"
            && doc.tokens[..doc.tokens.partition_point(|t| t.span.end <= m.span.start)]
                .iter()
                .rev()
                .find(|t| t.kind != TokenKind::Punct && t.clitic != Clitic::Pronoun)
                .is_some_and(rasd_actors::is_kin)
    };
    let mut participants: Vec<usize> = near
        .iter()
        .filter(|(_, m)| {
            (m.label == "PER" || m.label == "ORG") && !venue(m) && !topic(m) && !companion(m)
        })
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
            !regions().contains(&search_key(&m.name))
                && (!nominal
                    || introduced_by(
                        doc,
                        m,
                        &["إلى", "الى", "في", "ل", "تشمل", "شملت", "يشمل", "هي", "منها", "بينها"],
                    ))
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
        // sentences name several places), else a venue organisation.
        location =
            s.place_near(ti).or_else(|| near.iter().find(|(_, m)| venue(m)).map(|(i, _)| *i));
    }
    // Reported speech with a pronoun subject (`قال X إنه التقى Y`): X takes part.
    if let Some(sp) = s.speaker(ti) {
        if !participants.contains(&sp) {
            participants.push(sp);
        }
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
    // A visit whose visitor is not named — `زيارتها` ("her visit"), or a sentence naming no
    // one (`بدأتها … بزيارة أربعة بلدان`) — is the visit of the person named last before it.
    let named =
        participants.iter().any(|&i| matches!(doc.mentions[i].label.as_str(), "PER" | "ORG"));
    let pronoun = s.has_pronoun(ti);
    let nobody = !in_sentence.iter().any(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG"));
    let mut visitor_before = false;
    if mode == "visit" && location.is_some() && !named && (pronoun || nobody) {
        if let Some(si) = doc.sentences.iter().position(|x| x.span == sentence) {
            if let Some(&p) = last_two_people(doc, si, trigger.start).last() {
                participants.push(p);
                visitor_before = true;
            }
        }
    }
    // A delegation named by its nationality (`بدأ وفد أميركي رفيع محادثات … في بكين`) is
    // its country's party; talks it holds in a foreign city have that city's country as
    // the other party.
    if let Some(country) = delegation_country(toks, ti) {
        let place_country = location.map(|l| {
            let name = &doc.mentions[l].name;
            city_country().get(&search_key(name)).cloned().unwrap_or_else(|| name.clone())
        });
        let country = country.to_string();
        if let Some(pc) = place_country.filter(|pc| search_key(pc) != search_key(&country)) {
            if !implied.contains(&pc) {
                implied.push(pc);
            }
        }
        if !implied.contains(&country) {
            implied.push(country);
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
        rule: format!(
            "consult:{mode}:{}{}",
            toks[ti].form,
            if visitor_before { "; visitor: the person named last before" } else { "" }
        ),
    })
}

/// The country of a delegation the trigger's clause names by nationality (`وفد أميركي`،
/// `الوفد الإيراني`): a word of `data/delegations.txt` right before the trigger or after it,
/// with a nationality adjective as its next word.
fn delegation_country(toks: &[&rasd_doc::Token], ti: usize) -> Option<&'static str> {
    let words: Vec<usize> = (0..toks.len())
        .filter(|&k| toks[k].clitic == Clitic::None && toks[k].kind == TokenKind::Arabic)
        .collect();
    let at = words.iter().position(|&k| k == ti)?;
    let from = at.saturating_sub(DELEGATION_REACH);
    let to = (at + DELEGATION_REACH + 1).min(words.len());
    (from..to).find_map(|w| {
        let k = words[w];
        if !delegations().contains(&search_key(&toks[k].form)) {
            return None;
        }
        let next = *words.get(w + 1)?;
        rasd_actors::demonym_country(&toks[next].form)
    })
}

/// How many words before or after a trigger a delegation is looked for.
const DELEGATION_REACH: usize = 4;

/// Whether a place mention is introduced by في or the preposition ب: the token right
/// before it (an attached article aside) is the clitic ب of its own word, or the word في.
/// `بقيادة السعودية` does not introduce السعودية: its ب belongs to قيادة.
/// Verbal nouns of visiting (search keys): their destination needs a preposition.
pub(crate) const NOMINAL_VISITS: &[&str] = &["زياره", "زيارت", "زيارات", "جوله", "جولت"];
