//! The BIO tag set and spans.

/// The tags, in model order. Types follow ANERcorp (PERS, LOC, ORG, MISC).
pub const TAGS: [&str; 9] =
    ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"];

/// Number of tags.
pub const T: usize = TAGS.len();

/// Entity types, in tag order (tag `1 + 2k` is `B-` of type `k`).
pub const TYPES: [&str; 4] = ["PERS", "LOC", "ORG", "MISC"];

/// A tag index into [`TAGS`].
pub type Tag = u8;

/// Type indices into [`TYPES`].
pub const PERS: usize = 0;
/// See [`PERS`].
pub const LOC: usize = 1;
/// See [`PERS`].
pub const ORG: usize = 2;

/// The `B-` tag of type `ty` (an index into [`TYPES`]).
pub const fn begin(ty: usize) -> Tag {
    1 + 2 * ty as Tag
}

/// The `I-` tag of type `ty`.
pub const fn inside(ty: usize) -> Tag {
    2 + 2 * ty as Tag
}

/// Parses a tag as written in CoNLL files (`B-PER` and `B-PERS`, `B-MIS` and `B-MISC`,
/// `O`); `None` for anything else.
pub fn parse(s: &str) -> Option<Tag> {
    if s == "O" {
        return Some(0);
    }
    let (bio, ty) = s.split_once('-')?;
    let k = match ty {
        "PERS" | "PER" => 0,
        "LOC" => 1,
        "ORG" => 2,
        "MISC" | "MIS" => 3,
        _ => return None,
    };
    match bio {
        "B" => Some(1 + 2 * k),
        "I" => Some(2 + 2 * k),
        _ => None,
    }
}

/// The entity type index of a tag, if any.
pub fn type_of(t: Tag) -> Option<usize> {
    (t > 0).then(|| (t as usize - 1) / 2)
}

/// Whether `t` is an `I-` tag.
pub fn is_inside(t: Tag) -> bool {
    t > 0 && t.is_multiple_of(2)
}

/// Whether tag `cur` may follow `prev` (`None` = sentence start): `I-X` only after `B-X`/`I-X`.
pub fn allowed(prev: Option<Tag>, cur: Tag) -> bool {
    if !is_inside(cur) {
        return true;
    }
    matches!(prev, Some(p) if p != 0 && type_of(p) == type_of(cur))
}

/// Entity spans `(start, end, type index)` over token positions (end exclusive). An `I-`
/// without a matching start begins a new span (CoNLL convention).
pub fn spans(tags: &[Tag]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let ty = type_of(t);
        let continues = is_inside(t) && open.is_some_and(|(_, k)| Some(k) == ty);
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push((s, i, k));
            }
            if let Some(k) = ty {
                open = Some((i, k));
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_spans() {
        let tags: Vec<Tag> = ["B-PER", "I-PERS", "O", "I-LOC", "B-ORG", "B-ORG", "I-MIS"]
            .iter()
            .map(|s| parse(s).unwrap())
            .collect();
        assert_eq!(spans(&tags), [(0, 2, 0), (3, 4, 1), (4, 5, 2), (5, 6, 2), (6, 7, 3)]);
        assert!(parse("B-XYZ").is_none());
        assert!(allowed(Some(1), 2));
        assert!(!allowed(Some(3), 2));
        assert!(!allowed(None, 2));
        assert!(allowed(None, 1));
        assert_eq!((begin(LOC), inside(LOC), begin(ORG)), (3, 4, 5));
        assert_eq!((type_of(begin(PERS)), is_inside(inside(ORG))), (Some(PERS), true));
    }
}
