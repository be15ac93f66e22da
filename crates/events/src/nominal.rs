//! Directed events stated by a verbal noun with a nationality adjective (`القصف الإيراني على
//! …`). The smallest rule family: copy it to start a new one.

use super::*;

/// Most words between a verbal noun's nationality adjective and its target's preposition.
pub(crate) const NOMINAL_REACH: usize = 6;
/// Most words after the source's adjective in which the object's nationality names the target.
pub(crate) const OBJECT_REACH: usize = 3;

/// A directed event stated by a verbal noun: the noun, a nationality adjective within the
/// next three words (its country is the source: `القصف الإيراني`, `الغارات الجوية
/// الإسرائيلية`), and the first actor after `على` or `ضد` a few words on (the target).
pub(crate) fn nominal(
    s: &Sentence,
    ti: usize,
    etype: &str,
    date: Option<String>,
) -> Option<EventMention> {
    let Sentence { doc, toks, mentions: in_sentence, span: sentence, .. } = s;
    let words = s.words_after(ti);
    let adjective = |k: usize| s.nationality_at(k);
    let (at, country) = words.iter().take(3).find_map(|&k| Some((k, adjective(k)?)))?;
    if in_sentence.iter().any(|(_, m)| m.span.contains(toks[at].span)) {
        return None;
    }
    let reach_end = words
        .iter()
        .filter(|&&k| k > at)
        .nth(NOMINAL_REACH)
        .map_or(sentence.end, |&k| toks[k].span.end);
    let named = in_sentence.iter().find(|(_, m)| {
        m.span.start > toks[at].span.end
            && m.span.end <= reach_end
            && matches!(m.label.as_str(), "PER" | "ORG" | "LOC")
            && introduced_by(doc, m, &["على", "ضد"])
    });
    let (participants, implied) = match named {
        Some((target, m)) => {
            if search_key(&m.name) == search_key(country)
                || city_country().get(&search_key(&m.name)).is_some_and(|c| c == country)
            {
                return None;
            }
            (vec![*target], vec![country.to_string()])
        }
        // Failing that, the object's own nationality a few words on names the target
        // (`إسقاط الطيران التركي مقاتلة روسية`: Turkey downed a Russian jet).
        None => {
            let after: Vec<usize> = words.iter().copied().filter(|&k| k > at).collect();
            // A second adjective right after the first is a second agent (`الضربة الأمريكية
            // الفرنسية`), not the object's.
            if after.first().is_some_and(|&k| adjective(k).is_some()) {
                return None;
            }
            let other = after
                .iter()
                .skip(1)
                .take(OBJECT_REACH)
                .find_map(|&k| adjective(k).filter(|c| *c != country))?;
            (Vec::new(), vec![country.to_string(), other.to_string()])
        }
    };
    // An "attack" on a person (`هجوم إسرائيلي على الأمير ويليام`) is words: criticism.
    let verbal = etype == "ASSAULT"
        && verbal_attacks().contains(&search_key(&toks[ti].form))
        && participants.iter().any(|&p| doc.mentions[p].label == "PER");
    let etype = if verbal { "ACCUSE" } else { etype };
    Some(EventMention { participants, implied, ..s.event(ti, etype, Some("nominal"), date) })
}
