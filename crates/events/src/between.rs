//! Events between parties stated by a noun and `بين X و Y` (`اتفاقا مشتركا بين روسيا
//! والولايات المتحدة`): the parties are the names after بين.

use super::*;

/// Most words between the noun and its `بين`.
pub(crate) const BETWEEN_REACH: usize = 4;
/// Most words after `بين` that the list of parties may span.
pub(crate) const PARTIES_REACH: usize = 8;

/// An event stated by a noun of `data/between.tsv` followed, a few words on, by `بين` and
/// at least two named parties (people, organisations, places not introduced as where).
pub(crate) fn between(
    s: &Sentence,
    ti: usize,
    etype: &str,
    date: Option<String>,
) -> Option<EventMention> {
    let Sentence { doc, toks, mentions: in_sentence, span: sentence, .. } = s;
    let words = s.words_after(ti);
    let at =
        *words.iter().take(BETWEEN_REACH + 1).find(|&&k| search_key(&toks[k].form) == "بين")?;
    let end = words
        .iter()
        .filter(|&&k| k > at)
        .nth(PARTIES_REACH)
        .map_or(sentence.end, |&k| toks[k].span.start);
    // The list ends at the first clause mark after بين.
    let end = toks[at..]
        .iter()
        .find(|t| t.kind == TokenKind::Punct && !matches!(t.text.as_str(), "،" | ","))
        .map_or(end, |t| end.min(t.span.start));
    let mut parties: Vec<usize> = Vec::new();
    for (i, m) in in_sentence.iter() {
        let inside = m.span.start > toks[at].span.end && m.span.end <= end;
        if inside
            && matches!(m.label.as_str(), "PER" | "ORG" | "LOC")
            && !located(doc, m)
            && !parties.iter().any(|&p| same_party(doc, s.affiliations, p, *i))
        {
            parties.push(*i);
        }
    }
    if parties.len() < 2 {
        return None;
    }
    Some(EventMention { participants: parties, ..s.event(ti, etype, Some("between"), date) })
}
