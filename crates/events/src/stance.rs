//! A stance stated by a verbal noun with its holder's pronoun (`أعلنت الحكومة الأردنية رفضها
//! القاطع لقرار الرئيس الأمريكي`، `جددت مصر إدانتها للهجوم`): the subject of the verb of
//! stating takes the stance, the first actor after the noun (or its nationality) receives it.

use super::*;

/// Most words between the verb of stating and the stance noun (its subject comes between).
pub(crate) const STATING_REACH: usize = 6;
/// The verb of stating (`data/stating_verbs.txt`) a few words before token `ti`, within
/// its clause (`أعلنت الحكومة الأردنية رفضها`، `أعلن تنظيم داعش مسؤوليته`).
pub(crate) fn stating_verb_before(s: &Sentence, ti: usize) -> Option<usize> {
    let toks = &s.toks;
    (0..ti)
        .rev()
        .filter(|&k| toks[k].clitic == Clitic::None)
        .take_while(|&k| {
            !(toks[k].kind == TokenKind::Punct && matches!(toks[k].text.as_str(), "،" | "," | "."))
        })
        .filter(|&k| toks[k].kind != TokenKind::Punct)
        .take(STATING_REACH)
        .find(|&k| stating_verbs().contains(&search_key(&toks[k].form)))
}

/// Most words after the stance noun in which its object is looked for.
pub(crate) const STANCE_OBJECT_REACH: usize = 6;

/// An event of `data/stance.tsv`: the noun at `ti` with a possessive pronoun, a verb of
/// stating (`data/stating_verbs.txt`) a few words before it in its clause, a source (the
/// named actor between them, else a country's authorities named by nationality there) and a
/// target after the noun (a named actor, else a nationality adjective's country).
/// A two-word stance (`خيبة أملها`) needs its `first` word right before the noun.
pub(crate) fn stance(
    s: &Sentence,
    ti: usize,
    etype: &str,
    first: Option<&str>,
    date: Option<String>,
) -> Option<EventMention> {
    let Sentence { doc, toks, mentions: in_sentence, .. } = s;
    if !s.has_pronoun(ti) {
        return None;
    }
    if let Some(first) = first {
        let before = (0..ti)
            .rev()
            .find(|&k| toks[k].clitic == Clitic::None && toks[k].kind != TokenKind::Punct)?;
        if search_key(&toks[before].form) != first {
            return None;
        }
    }
    let verb = stating_verb_before(s, ti)?;
    // Expected, planned or negated statements (`ومن المتوقع أن يعرب المنظمون عن معارضتهم`).
    if s.modal_before(verb) {
        return None;
    }
    let (from, to) = (toks[verb].span.end, toks[ti].span.start);
    let source = in_sentence
        .iter()
        .filter(|(_, m)| m.span.start >= from && m.span.end <= to)
        .filter(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG" | "LOC") && !located(doc, m))
        // `عبر تويتر`، `في بيان`: not who takes the stance.
        .find(|(_, m)| !introduced_by(doc, m, &["عبر", "من", "على", "إلى", "عن", "ل", "مع"]))
        .map(|(i, _)| *i);
    let source_country = || {
        (verb + 1..ti)
            .filter(|&k| toks[k].clitic == Clitic::None && toks[k].kind == TokenKind::Arabic)
            .find_map(|k| s.nationality_at(k))
    };
    let (source, source_implied) = match source {
        Some(i) => (Some(i), None),
        None => (None, Some(source_country()?)),
    };
    // The object is in the noun's clause (`معارضتها لأي عمل عسكري في إدلب لكن موسكو …`).
    let words: Vec<usize> = s
        .words_after(ti + 1)
        .into_iter()
        .take_while(|&k| !breaks_clause(toks[k], false))
        .take(STANCE_OBJECT_REACH)
        .collect();
    let reach_end = words.last().map_or(toks[ti].span.end, |&k| toks[k].span.end);
    // Condemning an attack (`إدانتها للهجوم الإسرائيلي على غزة`، `للهجمات التي استهدفت
    // المملكة`): the names after it are its victims; the attack's nationality names the one
    // condemned.
    let attack = etype == "ACCUSE"
        && words
            .iter()
            .take(2)
            .any(|&k| nominals().get(&search_key(&toks[k].form)) == Some(&"ASSAULT"));
    let own = |m: &Mention| {
        source_implied.is_some_and(|c| search_key(&m.name) == search_key(c))
            || source.is_some_and(|i| doc.mentions[i].name == m.name)
    };
    let target = in_sentence
        .iter()
        .filter(|(_, m)| m.span.start >= toks[ti].span.end && m.span.end <= reach_end)
        .filter(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG" | "LOC"))
        .filter(|(_, m)| !located(doc, m) && !own(m) && !attack)
        .find(|(_, m)| !introduced_by(doc, m, &["من", "بشأن", "حول", "مع"]))
        .map(|(i, _)| *i);
    let target_implied = match target {
        Some(_) => None,
        None => Some(
            words
                .iter()
                .filter(|&&k| !in_sentence.iter().any(|(_, m)| m.span.contains(toks[k].span)))
                .find_map(|&k| s.nationality_at(k).filter(|c| Some(*c) != source_implied))?,
        ),
    };
    Some(EventMention {
        participants: source.into_iter().chain(target).collect(),
        implied: source_implied.into_iter().chain(target_implied).map(str::to_string).collect(),
        ..s.event(ti, etype, Some("stance"), date)
    })
}
