//! Claims of an attack (`أعلن تنظيم داعش مسؤوليته عن الهجوم …`، `وتبنت حركة طالبان الهجوم
//! على …`): the group that claims it carried the attack out.

use super::*;

/// Most words after the claim word in which the attack noun is looked for.
pub(crate) const CLAIM_REACH: usize = 3;
/// Most words after the attack noun in which its target or place is looked for.
pub(crate) const CLAIMED_TARGET_REACH: usize = 8;

/// An ASSAULT for a claim at `ti`: `تبنى` (a verb: its subject follows) or `مسؤوليته` (a
/// noun with its holder's pronoun, after a verb of stating: `أعلن X مسؤوليته`), an attack
/// noun (`data/nominal.tsv`) right after it, the group named between the verb and the claim
/// (or right after تبنى), and the attack's named target or place after the noun.
pub(crate) fn claim(s: &Sentence, ti: usize, date: Option<String>) -> Option<EventMention> {
    let Sentence { doc, toks, mentions: in_sentence, .. } = s;
    let words = s.words_after(ti + 1);
    let attack = *words
        .iter()
        .take(CLAIM_REACH)
        .find(|&&k| nominals().get(&search_key(&toks[k].form)) == Some(&"ASSAULT"))?;
    // The first person or organisation (not a place's) between two offsets.
    let actor_between = |from: usize, to: usize| {
        in_sentence
            .iter()
            .filter(|(_, m)| m.span.start >= from && m.span.end <= to)
            .find(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG") && !located(doc, m))
            .map(|(i, _)| *i)
    };
    let group = if s.has_pronoun(ti) {
        // `أعلن تنظيم داعش مسؤوليته`: the group between the verb of stating and the noun.
        let verb = stating_verb_before(s, ti)?;
        actor_between(toks[verb].span.end, toks[ti].span.start)?
    } else {
        // `تبنت حركة طالبان الهجوم`: the subject right after the verb.
        actor_between(toks[ti].span.end, toks[attack].span.start)?
    };
    let reach_end = words
        .iter()
        .filter(|&&k| k > attack)
        .nth(CLAIMED_TARGET_REACH)
        .map_or(s.span.end, |&k| toks[k].span.end);
    let after: Vec<&(usize, &Mention)> = in_sentence
        .iter()
        .filter(|(i, m)| {
            *i != group && m.span.start >= toks[attack].span.end && m.span.end <= reach_end
        })
        .filter(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG" | "LOC"))
        // `عبر وكالة أعماق التابعة له`: how it was claimed, not whom it struck.
        .filter(|(_, m)| !introduced_by(doc, m, &["عبر", "من", "مع", "بشأن", "حول"]))
        .collect();
    let location = after.iter().find(|(_, m)| m.label == "LOC" && located(doc, m)).map(|(i, _)| *i);
    let target =
        after.iter().find(|(_, m)| !(m.label == "LOC" && located(doc, m))).map(|(i, _)| *i);
    Some(EventMention {
        participants: std::iter::once(group).chain(target).collect(),
        location,
        ..s.event(ti, "ASSAULT", Some("claim"), date)
    })
}
