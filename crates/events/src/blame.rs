//! Holding someone responsible in reported speech (`قالت واشنطن إن دمشق مسؤولة عن الهجوم`،
//! `قال البيت الأبيض إنه واثق بأن النظام السوري مسؤول عن الهجوم`): the speaker accuses the
//! one said to be responsible.

use super::*;

/// Most words after عن in which the harm is named (`عن الهجوم`، `عن مقتل الصحفي`).
pub(crate) const HARM_REACH: usize = 2;

/// Most words between the complementiser (`إن`، `بأن`) and the one held responsible.
pub(crate) const BLAME_REACH: usize = 3;

/// An ACCUSE event for the predicate `مسؤول عن` at `ti` (no article: "is responsible for"):
/// the actor right before it (a name, or a noun with a nationality adjective: `النظام
/// السوري`), a complementiser a few words before that, and the speaker named before it.
pub(crate) fn blame(s: &Sentence, ti: usize, date: Option<String>) -> Option<EventMention> {
    let Sentence { doc, toks, mentions: in_sentence, .. } = s;
    let definite =
        ti > 0 && toks[ti - 1].clitic == Clitic::Article && toks[ti - 1].word == toks[ti].word;
    let after = s.words_after(ti);
    let about = after.first().is_some_and(|&k| toks[k].form == "عن");
    // Responsible for harm (an attack, a killing, a crisis), not for organising a visit.
    let harm = after.iter().skip(1).take(HARM_REACH).any(|&k| {
        let key = search_key(&toks[k].form);
        nominals().get(&key) == Some(&"ASSAULT") || harms().contains(&key)
    });
    if definite || !about || !harm {
        return None;
    }
    let words_before: Vec<usize> = (0..ti)
        .rev()
        .filter(|&k| toks[k].clitic == Clitic::None && toks[k].kind != TokenKind::Punct)
        .collect();
    let &just_before = words_before.first()?;
    // The one held responsible: a name ending right before, or a nationality adjective.
    let named = in_sentence
        .iter()
        .find(|(_, m)| m.span.contains(toks[just_before].span))
        .filter(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG" | "LOC"));
    let (held, held_implied, held_start) = match named {
        Some((i, m)) => (Some(*i), None, m.span.start),
        None => {
            let country = s.nationality_at(just_before)?;
            let noun = words_before.get(1).copied().unwrap_or(just_before);
            (None, Some(country), toks[noun].span.start)
        }
    };
    // A complementiser a few words before it (`إن`، `أن`، `بأن`).
    let complementiser = words_before
        .iter()
        .filter(|&&k| toks[k].span.end <= held_start)
        .take(BLAME_REACH)
        .find(|&&k| matches!(toks[k].form.as_str(), "إن" | "أن" | "إنه" | "أنه" | "إنها" | "أنها"))
        .copied()?;
    // A condition (`إذا أكدت الأدلة أن روسيا مسؤولة`، `إذا ثبت أن …`) is no accusation.
    if s.modal_before(complementiser) {
        return None;
    }
    let speaker = in_sentence
        .iter()
        .rev()
        .filter(|(_, m)| m.span.end <= toks[complementiser].span.start)
        .filter(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG" | "LOC") && !located(doc, m))
        .find(|(i, m)| {
            Some(*i) != held && held_implied.is_none_or(|c| search_key(&m.name) != search_key(c))
        })
        .map(|(i, _)| *i)?;
    Some(EventMention {
        participants: std::iter::once(speaker).chain(held).collect(),
        implied: held_implied.into_iter().map(str::to_string).collect(),
        ..s.event(ti, "ACCUSE", Some("blame"), date)
    })
}
