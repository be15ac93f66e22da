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
    Some(EventMention {
        etype: etype.to_string(),
        mode: None,
        participants,
        implied,
        location: None,
        date,
        sentence: *sentence,
        trigger: toks[ti].span,
        rule: format!("{}:nominal:{}", etype.to_lowercase(), toks[ti].form),
    })
}
