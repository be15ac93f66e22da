//! The crate's language data (`data/`), loaded once: triggers, modality, clause breaks,
//! places, verbal nouns.

use super::*;

/// A word list of `data/` loaded once as search keys: `word_set! { /// doc, name, "file" }`
/// defines `name()`.
macro_rules! word_set {
    ($(#[$doc:meta])* $name:ident, $file:literal) => {
        $(#[$doc])*
        pub(crate) fn $name() -> &'static HashSet<String> {
            static SET: OnceLock<HashSet<String>> = OnceLock::new();
            SET.get_or_init(|| key_set(include_str!(concat!("../data/", $file))))
        }
    };
}

pub(crate) const TRIGGERS: &str = include_str!("../data/triggers.tsv");

pub(crate) const CLAUSE_BREAKS: &str = include_str!("../data/clause_breaks.txt");

pub(crate) const CITY_COUNTRY: &str = include_str!("../data/city_country.tsv");

pub(crate) const BOILERPLATE: &str = include_str!("../data/boilerplate.txt");

pub(crate) const SOURCE_CUES: &str = include_str!("../data/source_cues.txt");

pub(crate) const PLATFORMS: &str = include_str!("../data/platforms.txt");

pub(crate) fn platform_key(name: &str) -> String {
    search_key(&normalize_str(name.strip_prefix("ال").unwrap_or(name), Profile::Conservative))
        .replace(' ', "")
}

/// Whether a sentence is a site's link or recommendation line (`اقرأ أيضًا: …`), which
/// reports nothing of the article (`data/boilerplate.txt`); the rest of its line is skipped
/// with it.
pub(crate) fn is_boilerplate(sentence: &str) -> bool {
    static B: OnceLock<Vec<String>> = OnceLock::new();
    let openings = B.get_or_init(|| {
        lines(BOILERPLATE).map(|l| search_key(&normalize_str(l, Profile::Conservative))).collect()
    });
    static FIRST: OnceLock<HashSet<String>> = OnceLock::new();
    let first_words = FIRST.get_or_init(|| {
        openings.iter().filter_map(|o| o.split(' ').next()).map(str::to_string).collect()
    });
    // Most sentences are ruled out by their first word alone.
    let first = sentence.split_whitespace().next().unwrap_or("");
    let first = first.trim_end_matches(|c: char| !rasd_text::is_alphanumeric(c));
    if !first_words.contains(&search_key(&normalize_str(first, Profile::Conservative))) {
        return false;
    }
    let start: String = sentence.trim_start().chars().take(40).collect();
    let key = search_key(&normalize_str(&start, Profile::Conservative));
    openings.iter().any(|o| key.starts_with(o.as_str()))
}

word_set! {
    /// Nouns of the one responsible for an act (`المسؤول عن`، `مرتكبي`), without the article.
    responsible, "responsible.txt"
}

word_set! {
    /// Verbs of content (`تناولت`، `ركزت على`): after a definite event noun, it is the talks
    /// already told, and what follows is their topic, not their parties.
    content_verbs, "content_verbs.txt"
}

word_set! {
    /// Nouns of a delegation (`وفد`): with a nationality adjective, a country's party.
    delegations, "delegations.txt"
}

word_set! {
    /// Nouns of a country's forces or authorities (`قوات`، `طائرات`، `السلطات`).
    forces_nouns, "forces.txt"
}

word_set! {
    /// Temporal prepositions (`بعد`، `إثر`): an event after them is background to the clause.
    background_prepositions, "background_prepositions.txt"
}

word_set! {
    /// "Responsible" as a predicate (`مسؤولة عن`): reported speech holding someone to blame.
    held_responsible, "held_responsible.txt"
}

word_set! {
    /// Harms someone may be blamed for (`مقتل`، `الأزمة`), besides attack nouns.
    harms, "harms.txt"
}

word_set! {
    /// Nouns of a crowd (`آلاف`، `مئات`، `محتجون`): with a nationality, a protest's doers.
    crowds, "crowds.txt"
}

word_set! {
    /// Words of contempt (`كارثي`، `سخيف`): the second word of `وصف+@pejoratives`.
    pejoratives, "pejoratives.txt"
}

word_set! {
    /// Perfect forms of threatening (`هدد`، `توعدت`): a threat of an act needs no target.
    perfect_threats, "perfect_threats.txt"
}

word_set! {
    /// Nouns of unnamed members of a group (`مسلحون من حركة طالبان`): the group acts.
    member_nouns, "members.txt"
}

word_set! {
    /// Words of claiming an attack (`تبنى`، `مسؤوليته عن`).
    claims, "claims.txt"
}

word_set! {
    /// Words of "still" (`لا يزال`، `ما زال`) that a modality after an event noun may follow.
    still, "still.txt"
}

word_set! {
    /// Dual verb forms (`التقيا`، `نشرا`): with no one named near, the two people named last.
    dual_verbs, "dual_verbs.txt"
}

/// Search key of a city's Arabic name → its country's Arabic name.
pub(crate) fn city_country() -> &'static HashMap<String, String> {
    static C: OnceLock<HashMap<String, String>> = OnceLock::new();
    C.get_or_init(|| {
        lines(CITY_COUNTRY)
            .filter_map(|l| l.split_once('\t'))
            .map(|(city, country)| (search_key(city), country.trim().to_string()))
            .collect()
    })
}

pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Trigger key → (PLOVER type, CONSULT mode or "-").
pub(crate) fn triggers() -> &'static HashMap<String, (&'static str, &'static str)> {
    static T: OnceLock<HashMap<String, (&'static str, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut map = HashMap::new();
        for line in lines(TRIGGERS) {
            let f: Vec<&str> = line.split('\t').collect();
            let [etype, mode, forms] = f.as_slice() else { continue };
            let (etype, mode) = (*etype, *mode);
            for form in forms.split('|').filter(|f| !f.contains('+')) {
                map.insert(search_key(form.trim()), (etype, mode));
            }
        }
        map
    })
}

/// Trigger verbs in the masculine singular (search keys): a perfect whose feminine (`+ت`) or
/// an imperfect whose feminine (`ي…` → `ت…`) is listed beside it for the same type
/// (`طالب`/`طالبت`, `يهدد`/`تهدد`), so the list itself says which forms agree with what.
pub(crate) fn masculine_verbs() -> &'static HashSet<String> {
    static M: OnceLock<HashSet<String>> = OnceLock::new();
    M.get_or_init(|| {
        let trig = triggers();
        trig.iter()
            .filter(|(k, (etype, _))| {
                let same = |f: String| trig.get(&f).is_some_and(|(t, _)| t == etype);
                same(format!("{k}ت"))
                    || k.strip_prefix('ي').is_some_and(|rest| same(format!("ت{rest}")))
            })
            .map(|(k, _)| k.clone())
            .collect()
    })
}

word_set! {
    /// Places named with a masculine noun (`المغرب`, `العراق`): most countries and all cities are
    /// feminine in Arabic, so a masculine verb cannot have them as its subject.
    masculine_places, "masculine_places.txt"
}

/// Two-word triggers (`ألقى+لوم`: "laid the blame", `صوتت+ضد`): first word's key → (second
/// word's key, type, mode). The second word is one of the next [`PHRASE_REACH`] words of the
/// sentence, clitics and article removed.
pub(crate) const PHRASE_REACH: usize = 14;

/// First word → its second words with type and mode.
pub(crate) type PhraseTriggers = HashMap<String, Vec<(String, &'static str, &'static str)>>;

/// The word lists a two-word trigger may take its second word from (`+@name`).
fn second_word_list(name: &str) -> Option<&'static str> {
    match name {
        "pejoratives" => Some(include_str!("../data/pejoratives.txt")),
        "projectiles" => Some(include_str!("../data/projectiles.txt")),
        "strikes" => Some(include_str!("../data/strikes.txt")),
        _ => None,
    }
}

pub(crate) fn phrase_triggers() -> &'static PhraseTriggers {
    static T: OnceLock<PhraseTriggers> = OnceLock::new();
    T.get_or_init(|| {
        let mut map: PhraseTriggers = HashMap::new();
        for line in lines(TRIGGERS) {
            let f: Vec<&str> = line.split('\t').collect();
            let [etype, mode, forms] = f.as_slice() else { continue };
            let (etype, mode) = (*etype, *mode);
            for form in forms.split('|') {
                let Some((a, b)) = form.trim().split_once('+') else { continue };
                let seconds = match b.strip_prefix('@') {
                    // `وصف+@pejoratives`: any word of a list in data/.
                    Some(list) => lines(
                        second_word_list(list)
                            .unwrap_or_else(|| panic!("triggers.tsv: unknown word list @{list}")),
                    )
                    .map(search_key)
                    .collect(),
                    None => vec![search_key(b)],
                };
                let entry = map.entry(search_key(a)).or_default();
                entry.extend(seconds.into_iter().map(|b| (b, etype, mode)));
            }
        }
        map
    })
}

word_set! {
    /// Negation, futurity, plans and conditions within three words before a trigger.
    modality, "modality.txt"
}

/// Clause breaks: word → whether it breaks only before the trigger. The before-only
/// complementisers are matched exactly as written (with their hamza), since folded `ان`
/// is also a name part (`مون جاي آن`); the others on their search key.
pub(crate) fn clause_breaks() -> &'static HashMap<String, bool> {
    static B: OnceLock<HashMap<String, bool>> = OnceLock::new();
    B.get_or_init(|| {
        lines(CLAUSE_BREAKS)
            .map(|l| match l.strip_prefix('<') {
                Some(w) => (w.trim().to_string(), true),
                None => (search_key(l), false),
            })
            .collect()
    })
}

pub(crate) const NOMINAL: &str = include_str!("../data/nominal.tsv");

/// Verbal nouns of directed events (`data/nominal.tsv`): search key → PLOVER type.
/// Stance nouns (`data/stance.tsv`): the search key of the noun that carries the pronoun →
/// its type and, for a two-word stance (`خيبة أمل`), the word that must come before it.
pub(crate) fn stances() -> &'static HashMap<String, (&'static str, Option<String>)> {
    static N: OnceLock<HashMap<String, (&'static str, Option<String>)>> = OnceLock::new();
    N.get_or_init(|| {
        typed_forms(include_str!("../data/stance.tsv"))
            .into_iter()
            .map(|(key, etype)| match key.split_once(' ') {
                Some((first, second)) => (second.to_string(), (etype, Some(first.to_string()))),
                None => (key, (etype, None)),
            })
            .collect()
    })
}

word_set! {
    /// Verbs of stating a stance (`أعلنت`، `جددت`، `أعربت`).
    stating_verbs, "stating_verbs.txt"
}

pub(crate) fn nominals() -> &'static HashMap<String, &'static str> {
    static N: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    N.get_or_init(|| typed_forms(NOMINAL))
}

word_set! {
    /// Words that make the definite event noun after them refer back to an event already told
    /// (`هذه الزيارة`، `وتأتي الزيارة`).
    anaphora, "anaphora.txt"
}

word_set! {
    /// Continents and wide regions (`أفريقيا`، `الشرق الأوسط`): no host of a visit.
    regions, "regions.txt"
}

word_set! {
    /// Nouns of agreements (`اتفاق`، `معاهدة`): withdrawing from one is a rejection.
    deals, "deals.txt"
}

word_set! {
    /// Verbs of saying (`قال`، `أعلن`، `أكد`) that introduce reported speech.
    saying, "saying.txt"
}

pub(crate) const DUALS: &str = include_str!("../data/duals.tsv");

word_set! {
    /// Nouns of a kind of place (`قرية`، `مدينة`، `العاصمة`) that may stand between a
    /// preposition and the place's name.
    place_heads, "place_heads.txt"
}

word_set! {
    /// Adjectives that are not read as nationalities after a verbal noun (`المالية`).
    not_nationality, "not_nationality.txt"
}

pub(crate) const BETWEEN: &str = include_str!("../data/between.tsv");

/// Nouns of events between parties (`data/between.tsv`): search key → PLOVER type.
pub(crate) fn betweens() -> &'static HashMap<String, &'static str> {
    static B: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    B.get_or_init(|| typed_forms(BETWEEN))
}

pub(crate) const GENITIVE: &str = include_str!("../data/genitive.tsv");

/// Verbal nouns whose genitive is the actor (`data/genitive.tsv`): search key → PLOVER type.
pub(crate) fn genitives() -> &'static HashMap<String, &'static str> {
    static G: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    G.get_or_init(|| typed_forms(GENITIVE))
}

pub(crate) const PARTICIPLES: &str = include_str!("../data/participles.txt");

/// Adverbial participles among the triggers (`data/participles.txt`), as search keys.
pub(crate) fn participles() -> &'static HashSet<String> {
    static P: OnceLock<HashSet<String>> = OnceLock::new();
    P.get_or_init(|| key_set(PARTICIPLES))
}

pub(crate) const MODALITY_AFTER: &str = include_str!("../data/modality_after.txt");

/// Words after a meeting or visit noun that make it a plan or a possibility
/// (`data/modality_after.txt`), as search keys.
pub(crate) fn modality_after() -> &'static HashSet<String> {
    static M: OnceLock<HashSet<String>> = OnceLock::new();
    M.get_or_init(|| key_set(MODALITY_AFTER))
}

/// One word or phrase a line → their search keys.
pub(crate) fn key_set(data: &str) -> HashSet<String> {
    lines(data).map(search_key).collect()
}

/// `TYPE<TAB>form|form…` lines → search key of each form → type.
pub(crate) fn typed_forms(data: &'static str) -> HashMap<String, &'static str> {
    let mut map = HashMap::new();
    for line in lines(data) {
        let Some((etype, forms)) = line.split_once('\t') else { continue };
        let etype = etype.trim();
        for form in forms.split('|') {
            map.insert(search_key(form.trim()), etype);
        }
    }
    map
}

word_set! {
    /// Verbs of coming (`وتأتي زيارة …`): the event noun after them restates an event.
    coming, "coming.txt"
}

word_set! {
    /// Verbs of warning: a threat only when addressed to someone.
    warnings, "warnings.txt"
}

word_set! {
    /// Nouns of an unnamed official whose body follows في (`مسؤول كبير في الأمم المتحدة`).
    officials, "officials.txt"
}

word_set! {
    /// Letters and messages: whom they go to is their addressee, not a target.
    letters, "letters.txt"
}

word_set! {
    /// What one is invited to (`دعا … إلى العشاء`): an invitation, not a demand.
    invitations, "invitations.txt"
}

word_set! {
    /// Nouns of attack that, aimed at a person, mean criticism.
    verbal_attacks, "verbal_attacks.txt"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers_load() {
        assert_eq!(triggers().get(&search_key("التقى")), Some(&("CONSULT", "meet")));
        assert_eq!(triggers().get(&search_key("زيارة")), Some(&("CONSULT", "visit")));
        assert_eq!(triggers().get(&search_key("اتهم")), Some(&("ACCUSE", "-")));
        assert!(modality().contains(&search_key("لم")));
    }
}
