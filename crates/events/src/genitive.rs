//! Events stated by a verbal noun whose next word names the actor (`انسحاب الولايات المتحدة
//! من الاتفاق`): the genitive is the one who acts, an actor after من or على the other party.

use super::*;

/// Most words after the actor in which `من`/`على` may introduce the other party.
pub(crate) const OTHER_REACH: usize = 4;

/// An event of `data/genitive.tsv`: the noun, then directly a named actor (a person,
/// organisation or country), and possibly the other party after من or على.
pub(crate) fn genitive(
    s: &Sentence,
    ti: usize,
    etype: &str,
    date: Option<String>,
) -> Option<EventMention> {
    let Sentence { doc, toks, mentions: in_sentence, span: sentence, .. } = s;
    // The actor starts at the next word (its own article aside).
    let next = toks[ti + 1..].iter().find(|t| t.clitic != Clitic::Article)?;
    let (actor, m) = in_sentence
        .iter()
        .find(|(_, m)| m.span.start <= next.span.start && next.span.start < m.span.end)?;
    if !matches!(m.label.as_str(), "PER" | "ORG" | "LOC") {
        return None;
    }
    let reach_end = toks
        .iter()
        .filter(|t| t.span.start >= m.span.end && t.clitic == Clitic::None)
        .filter(|t| t.kind != TokenKind::Punct)
        .nth(OTHER_REACH)
        .map_or(sentence.end, |t| t.span.end);
    let other = in_sentence.iter().find(|(i, o)| {
        i != actor
            && o.span.start >= m.span.end
            && o.span.end <= reach_end
            && matches!(o.label.as_str(), "PER" | "ORG" | "LOC")
            && introduced_by(doc, o, &["من", "على"])
            && !same_party(doc, s.affiliations, *actor, *i)
    });
    if etype == "RETREAT" {
        if let Some((party, implied)) = from_deal(s, m.span.end, *actor) {
            return Some(EventMention {
                participants: std::iter::once(*actor).chain(party).collect(),
                implied: implied.into_iter().collect(),
                ..s.event(ti, "REJECT", Some("genitive"), date)
            });
        }
    }
    let participants = std::iter::once(*actor).chain(other.map(|(i, _)| *i)).collect();
    Some(EventMention { participants, ..s.event(ti, etype, Some("genitive"), date) })
}

/// A withdrawal from an agreement (`من الاتفاق النووي الإيراني`، `من الاتفاق النووي بين طهران
/// والقوى الكبرى`) right after byte offset `from`: the party the agreement binds besides the
/// actor, named or by a nationality adjective, within a few words of the noun (none when
/// the text names none). `None` when no agreement follows.
pub(crate) fn from_deal(
    s: &Sentence,
    from: usize,
    actor: usize,
) -> Option<(Option<usize>, Option<String>)> {
    let toks = &s.toks;
    let words: Vec<usize> = (0..toks.len())
        .filter(|&k| toks[k].span.start >= from && toks[k].clitic == Clitic::None)
        .filter(|&k| toks[k].kind != TokenKind::Punct)
        // A date may come between (`انسحبت واشنطن في مايو من الاتفاق`).
        .filter(|&k| !s.doc.timexes.iter().any(|t| t.span.contains(toks[k].span)))
        .filter(|&k| {
            !(toks[k].form == "في"
                && toks
                    .get(k + 1)
                    .is_some_and(|n| s.doc.timexes.iter().any(|t| t.span.contains(n.span))))
        })
        .take(2 + OTHER_REACH)
        .collect();
    let (&min, rest) = words.split_first()?;
    let (&noun, rest) = rest.split_first()?;
    if toks[min].form != "من" || !deals().contains(&search_key(&toks[noun].form)) {
        return None;
    }
    let reach_end = rest.last().map_or(toks[noun].span.end, |&k| toks[k].span.end);
    let named = s.mentions.iter().find(|(i, o)| {
        *i != actor
            && o.span.start > toks[noun].span.end
            && o.span.end <= reach_end
            && matches!(o.label.as_str(), "ORG" | "LOC")
            && !same_party(s.doc, s.affiliations, actor, *i)
    });
    if let Some((i, _)) = named {
        return Some((Some(*i), None));
    }
    let adjective = rest.iter().find_map(|&k| s.nationality_at(k)).map(str::to_string);
    Some((None, adjective))
}
