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
    let participants = std::iter::once(*actor).chain(other.map(|(i, _)| *i)).collect();
    Some(EventMention { participants, ..s.event(ti, etype, Some("genitive"), date) })
}
