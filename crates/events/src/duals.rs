//! Dual nouns that stand for two parties (`data/duals.tsv`): `الكوريتين` names the two
//! Koreas; `البلدان` ("the two countries") and `الجانبين` ("the two sides") the pair last
//! named before them. A meeting or agreement of such a dual (`اتفاق الكوريتين`, `لقاء بين
//! الجانبين`, `اتفق البلدان`) takes the pair as its parties.

use super::*;

/// What a dual stands for.
enum Pair {
    /// Two named parties.
    Named([String; 2]),
    /// The pair last named before.
    Previous,
}

fn dual_table() -> &'static HashMap<String, Pair> {
    static D: OnceLock<HashMap<String, Pair>> = OnceLock::new();
    D.get_or_init(|| {
        let mut map = HashMap::new();
        for line in lines(DUALS) {
            let Some((forms, parties)) = line.split_once('\t') else { continue };
            let parties: Vec<&str> = parties.trim().split('|').map(str::trim).collect();
            for form in forms.split('|') {
                let pair = match parties.as_slice() {
                    [a, b] => Pair::Named([a.to_string(), b.to_string()]),
                    _ => Pair::Previous,
                };
                map.insert(search_key(form.trim()), pair);
            }
        }
        map
    })
}

/// The parties of each dual in the document, by the dual token's start offset. Sentences
/// before a dual that stands for "the pair last named" are read up to [`PAIR_REACH`] back.
pub(crate) fn dual_parties(doc: &Doc) -> HashMap<usize, [String; 2]> {
    let table = dual_table();
    let mut out = HashMap::new();
    let mut last_pair: Option<(usize, [String; 2])> = None;
    for t in &doc.tokens {
        // Every dual ends in ان or ين: other words need no key.
        let dual_ending = t.form.ends_with("ان") || t.form.ends_with("ين");
        if t.clitic != Clitic::None || t.kind != TokenKind::Arabic || !dual_ending {
            continue;
        }
        let Some(pair) = table.get(&search_key(&t.form)) else { continue };
        let sentence = doc.sentences.iter().position(|s| s.span.contains(t.span)).unwrap_or(0);
        let found = match pair {
            Pair::Named(p) => Some(p.clone()),
            Pair::Previous => last_pair
                .as_ref()
                .filter(|(at, _)| sentence.saturating_sub(*at) <= PAIR_REACH)
                .map(|(_, p)| p.clone())
                .or_else(|| last_two_places(doc, t.span.start, sentence)),
        };
        if let Some(p) = found {
            last_pair = Some((sentence, p.clone()));
            out.insert(t.span.start, p);
        }
    }
    out
}

/// Sentences back in which a dual's pair is looked for.
const PAIR_REACH: usize = 3;

/// The last two distinct countries named before offset `at`, within [`PAIR_REACH`]
/// sentences (a country: one the city table has cities of).
fn last_two_places(doc: &Doc, at: usize, sentence: usize) -> Option<[String; 2]> {
    static C: OnceLock<HashSet<String>> = OnceLock::new();
    let countries = C.get_or_init(|| city_country().values().map(|c| search_key(c)).collect());
    let from = doc.sentences.get(sentence.saturating_sub(PAIR_REACH)).map_or(0, |s| s.span.start);
    let mut names: Vec<&str> = Vec::new();
    for m in doc.mentions.iter().rev().filter(|m| m.span.end <= at && m.span.start >= from) {
        let country = countries.contains(&search_key(&m.name));
        if m.label == "LOC" && country && !names.contains(&m.name.as_str()) {
            names.push(&m.name);
            if names.len() == 2 {
                return Some([names[1].to_string(), names[0].to_string()]);
            }
        }
    }
    None
}

/// The pair of a dual right after token `ti` (`اتفاق الكوريتين`، `اتفق البلدان`, the
/// article aside) or after بين within [`BETWEEN_REACH`] words (`لقاء رفيع المستوى بين
/// الجانبين`), in the same clause.
pub(crate) fn dual_after<'a>(
    s: &Sentence,
    ti: usize,
    duals: &'a HashMap<usize, [String; 2]>,
) -> Option<&'a [String; 2]> {
    let words: Vec<&&rasd_doc::Token> = s.toks[ti + 1..]
        .iter()
        .take_while(|t| t.kind != TokenKind::Punct)
        .filter(|t| t.clitic == Clitic::None)
        .take(BETWEEN_REACH + 1)
        .collect();
    if let Some(p) = words.iter().take(2).find_map(|t| duals.get(&t.span.start)) {
        return Some(p);
    }
    let between = words.iter().position(|t| t.form == "بين")?;
    words.get(between + 1).and_then(|t| duals.get(&t.span.start))
}

/// Most words between a trigger and the بين of its dual.
const BETWEEN_REACH: usize = 3;
