//! Acts whose doer is a country's forces or authorities named by nationality (`شنت طائرات
//! إسرائيلية غارات على مواقع في سوريا`، `اعتقلت السلطات التركية القس …`، `اتهمت الخارجية
//! الإيرانية الولايات المتحدة`): the country is the source, the first actor after it the
//! target.

use super::*;

/// The forces' noun is the first word after the verb (`قتل وزير حكومة هندي` names a
/// government, but as the victim's).
pub(crate) const FORCES_REACH: usize = 1;
/// Acts of force, whose victim's nationality may come several words after the doer's.
const FORCE_TYPES: &[&str] = &["ASSAULT", "COERCE", "SANCTION", "PROTEST"];

/// Most words after the forces' adjective in which the target is looked for.
pub(crate) const FORCES_TARGET_REACH: usize = 8;

/// Whether the verb at `ti` can have its subject right after it. After a relative pronoun
/// (`التحالف الذي يدعم الحكومة اليمنية`) the subject is the antecedent; a participle (`…،
/// داعيا الحكومة اللبنانية`) or a verb after a named actor (`التشيك طالبت السلطات التركية`،
/// `نفت موسكو …، واتهمت أجهزة المخابرات البريطانية`) has its subject already: the words after
/// it are its object.
fn subject_follows(s: &Sentence, ti: usize) -> bool {
    let Sentence { doc, toks, mentions: in_sentence, .. } = s;
    let relative = s.word_before(ti).is_some_and(|k| RELATIVES.contains(&toks[k].form.as_str()));
    let actor_before = in_sentence.iter().any(|(_, m)| {
        m.span.end <= toks[ti].span.start
            && matches!(m.label.as_str(), "PER" | "ORG" | "LOC")
            && !located(doc, m)
    });
    !relative && !actor_before && !participles().contains(&search_key(&toks[ti].form))
}

/// A directed act whose subject, the first word after the verb, is a noun of forces or authorities
/// (`data/forces.txt`) with a nationality adjective, one word of its own (`قوات الأمن
/// العراقية`) allowed between. The target is the first named actor after the adjective that
/// is not of the same country, else a place the act struck (`في سوريا`), else the country of
/// a second nationality adjective (`مقاتلة روسية`).
pub(crate) fn forces(
    s: &Sentence,
    ti: usize,
    etype: &str,
    date: Option<String>,
) -> Option<EventMention> {
    let Sentence { doc, toks, mentions: in_sentence, .. } = s;
    if !subject_follows(s, ti) {
        return None;
    }
    let words = s.words_after(ti);
    // A protest's doers are a crowd of a nationality (`تظاهر آلاف الفلسطينيين`).
    let doer = |key: &String| {
        forces_nouns().contains(key) || (etype == "PROTEST" && crowds().contains(key))
    };
    let noun = words.iter().take(FORCES_REACH).position(|&k| doer(&search_key(&toks[k].form)))?;
    if in_sentence.iter().any(|(_, m)| m.span.contains(toks[words[noun]].span)) {
        return None;
    }
    let (at, country) =
        words.iter().skip(noun + 1).take(2).find_map(|&k| Some((k, s.nationality_at(k)?)))?;
    let reach: Vec<usize> =
        words.iter().copied().filter(|&k| k > at).take(FORCES_TARGET_REACH).collect();
    let reach_end = reach.last().map_or(toks[at].span.end, |&k| toks[k].span.end);
    let same_country = |m: &Mention| {
        search_key(&m.name) == search_key(country)
            || city_country().get(&search_key(&m.name)).is_some_and(|c| c == country)
    };
    let candidates = || {
        in_sentence
            .iter()
            .filter(|(_, m)| m.span.start > toks[at].span.end && m.span.end <= reach_end)
            .filter(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG" | "LOC"))
            .filter(|(_, m)| !same_country(m))
            .filter(|(_, m)| !introduced_by(doc, m, &["من", "بشأن", "حول", "مع"]))
    };
    // Where it happened may be in the doer's own country (`في طهران`).
    let location = in_sentence
        .iter()
        .filter(|(_, m)| m.span.start > toks[at].span.end && m.span.end <= reach_end)
        .find(|(_, m)| m.label == "LOC" && located(doc, m))
        .map(|(i, _)| *i);
    let target = candidates()
        .find(|(_, m)| !(m.label == "LOC" && located(doc, m)))
        .map(|(i, _)| *i)
        .or(if etype == "ASSAULT" {
            location.filter(|&l| !same_country(&doc.mentions[l]))
        } else {
            None
        });
    let (participants, implied) = match target {
        Some(t) => (vec![t], vec![country.to_string()]),
        None => {
            // An act of force names its victim's nationality further on (`أسقط الطيران التركي
            // فوق … مقاتلة روسية`); a statement's object is right after its subject.
            let within = if FORCE_TYPES.contains(&etype) { reach.len() } else { OBJECT_REACH };
            let other = reach
                .iter()
                .take(within)
                .find_map(|&k| s.nationality_at(k).filter(|c| *c != country));
            match other {
                Some(other) => (Vec::new(), vec![country.to_string(), other.to_string()]),
                // A protest needs no one it is aimed at (`تظاهر مئات الإيرانيين في طهران`).
                None if etype == "PROTEST" => (Vec::new(), vec![country.to_string()]),
                None => return None,
            }
        }
    };
    Some(EventMention {
        participants,
        implied,
        location,
        ..s.event(ti, etype, Some("forces"), date)
    })
}

/// A directed act whose subject is unnamed members of a named group right after the verb
/// (`هاجم مسلحون من حركة طالبان مركزا للشرطة`، `اعتقلت عناصر من حزب الله …`): the group
/// acts. The target is the first actor after the group, else (for an attack) the place
/// struck.
pub(crate) fn members(
    s: &Sentence,
    ti: usize,
    etype: &str,
    date: Option<String>,
) -> Option<EventMention> {
    let Sentence { doc, toks, mentions: in_sentence, .. } = s;
    if !subject_follows(s, ti) {
        return None;
    }
    let words = s.words_after(ti);
    let (&noun, &min) = (words.first()?, words.get(1)?);
    if !member_nouns().contains(&search_key(&toks[noun].form)) || toks[min].form != "من" {
        return None;
    }
    let next = toks[min + 1..].iter().find(|t| t.clitic != Clitic::Article)?;
    let (group, g) = in_sentence
        .iter()
        .find(|(_, m)| m.span.start <= next.span.start && next.span.start < m.span.end)
        .filter(|(_, m)| matches!(m.label.as_str(), "ORG" | "LOC"))?;
    let reach: Vec<usize> = words
        .iter()
        .copied()
        .filter(|&k| toks[k].span.start >= g.span.end)
        .take(FORCES_TARGET_REACH)
        .collect();
    let reach_end = reach.last().map_or(g.span.end, |&k| toks[k].span.end);
    let candidates = || {
        in_sentence
            .iter()
            .filter(|(i, m)| i != group && m.span.start >= g.span.end && m.span.end <= reach_end)
            .filter(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG" | "LOC"))
            .filter(|(_, m)| !introduced_by(doc, m, &["من", "بشأن", "حول", "مع"]))
    };
    let location = candidates().find(|(_, m)| m.label == "LOC" && located(doc, m)).map(|(i, _)| *i);
    // A named victim, else the victim's nationality (`قتل عناصر من حزب الله جنديا
    // إسرائيليا`، `اختطف … صحفيا يابانيا في سوريا`), else the place an attack struck.
    let named = candidates().find(|(_, m)| !(m.label == "LOC" && located(doc, m))).map(|(i, _)| *i);
    let nationality = || {
        FORCE_TYPES
            .contains(&etype)
            .then(|| reach.iter().find_map(|&k| s.nationality_at(k)))
            .flatten()
    };
    let (target, implied) = match named {
        Some(t) => (Some(t), None),
        None => match nationality() {
            Some(c) => (None, Some(c.to_string())),
            None if etype == "ASSAULT" => (Some(location?), None),
            None => return None,
        },
    };
    Some(EventMention {
        participants: std::iter::once(*group).chain(target).collect(),
        implied: implied.into_iter().collect(),
        location,
        ..s.event(ti, etype, Some("members"), date)
    })
}
