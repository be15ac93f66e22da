//! The sentence as the rules see it, and the word-order helpers they share: which names are
//! near a trigger within its clause, which are sources of reported speech, what a preposition
//! introduces, and which mentions name one party.

use super::*;

/// Whether a mention is the source or medium of the report, not a party: an organisation
/// after a word of `data/source_cues.txt` (`نقلت وكالة إرنا`, `بحسب رويترز`) or in brackets
/// (a gloss of the name before it), or a platform of `data/platforms.txt` (`على تويتر`).
pub(crate) fn is_source(
    toks: &[&rasd_doc::Token],
    in_sentence: &[(usize, &Mention)],
    m: &Mention,
) -> bool {
    static C: OnceLock<HashSet<String>> = OnceLock::new();
    let cues = C.get_or_init(|| {
        lines(SOURCE_CUES).map(|w| search_key(w.strip_prefix("ال").unwrap_or(w))).collect()
    });
    static P: OnceLock<HashSet<String>> = OnceLock::new();
    let platforms = P.get_or_init(|| lines(PLATFORMS).map(platform_key).collect());
    if m.label != "ORG" {
        return false;
    }
    if platforms.contains(&platform_key(&m.name)) {
        return true;
    }
    // Quotation marks around the name are skipped (`صحيفة "يديعوت أحرونوت"`).
    let quote =
        |t: &&&rasd_doc::Token| matches!(t.text.as_str(), "\"" | "«" | "»" | "“" | "”" | "'");
    let mut before = toks.iter().rev().filter(|t| t.span.end <= m.span.start).filter(|t| !quote(t));
    match before.find(|t| t.clitic == Clitic::None) {
        // A name in brackets right after another one glosses it (`وكالة الأنباء الإيرانية
        // (إرنا)`): it is that organisation again, not another party.
        Some(t) if t.text == "(" => {
            before.next().is_some_and(|p| in_sentence.iter().any(|(_, o)| o.span.end == p.span.end))
        }
        Some(t) => cues.contains(&search_key(t.form.strip_prefix("ال").unwrap_or(&t.form))),
        None => false,
    }
}

/// The two people named last before `at` in the sentence `si` or the one before it
/// (distinct names, indices into the document's mentions, in text order).
pub(crate) fn last_two_people(doc: &Doc, si: usize, at: usize) -> Vec<usize> {
    let from = doc.sentences[si.saturating_sub(1)].span.start;
    let mut found: Vec<usize> = Vec::new();
    for (i, m) in doc.mentions.iter().enumerate().rev() {
        if m.span.end > at || m.span.start < from || m.label != "PER" {
            continue;
        }
        if !found.iter().any(|&j| doc.mentions[j].name == m.name) {
            found.push(i);
        }
        if found.len() == 2 {
            break;
        }
    }
    found.reverse();
    found
}

/// Most words between a trigger and a participant before it / after it.
pub(crate) const WINDOW_BEFORE: usize = 1000;

pub(crate) const WINDOW_AFTER: usize = 1000;

/// Whether a token ends a clause on the given side of a trigger.
pub(crate) fn breaks_clause(t: &rasd_doc::Token, before: bool) -> bool {
    let b = clause_breaks();
    (before && b.get(t.form.as_str()) == Some(&true)) || b.get(&search_key(&t.form)) == Some(&false)
}

/// The mentions of a sentence that can be an event's participants: within a few words of
/// the trigger and not behind a clause break (see `data/clause_breaks.txt`).
pub(crate) fn near_trigger<'a>(
    toks: &[&rasd_doc::Token],
    ti: usize,
    in_sentence: &[(usize, &'a Mention)],
) -> Vec<(usize, &'a Mention)> {
    let trigger = toks[ti].span;
    let is_word = |t: &&rasd_doc::Token| t.clitic == Clitic::None && t.kind != TokenKind::Punct;
    in_sentence
        .iter()
        .filter(|(_, m)| !is_source(toks, in_sentence, m))
        .filter(|(_, m)| {
            let (between, before): (Vec<&rasd_doc::Token>, bool) = if m.span.end <= trigger.start {
                let v = toks[..ti].iter().filter(|t| t.span.start >= m.span.end).copied().collect();
                (v, true)
            } else if m.span.start >= trigger.end {
                let v =
                    toks[ti + 1..].iter().filter(|t| t.span.end <= m.span.start).copied().collect();
                (v, false)
            } else {
                return false;
            };
            let words = between.iter().filter(|t| is_word(t)).count();
            // Before the trigger, a comma followed by a conjunction starts a new clause
            // ("شدد بلينكن …، وفي ذات الشهر زارت نائبته"); after it, the same pattern
            // continues a list of participants, so it does not break there.
            let new_clause = before
                && between.windows(2).any(|w| {
                    matches!(w[0].text.as_str(), "،" | ",") && w[1].clitic == Clitic::Conjunction
                });
            // After it, a comma and a conjunction followed by another event word start a
            // coordinated clause with its own participants ("زار بلينكن المغرب، وفي مايو زار
            // أوستن تونس"); a list of names ("… هاينز، ومع بيرنز") goes on.
            let coordinated = !before
                && between.windows(2).enumerate().any(|(k, w)| {
                    matches!(w[0].text.as_str(), "،" | ",")
                        && w[1].clitic == Clitic::Conjunction
                        && between[k + 1..].iter().any(|t| {
                            t.clitic == Clitic::None
                                && triggers().contains_key(&search_key(&t.form))
                        })
                });
            if new_clause || coordinated {
                return false;
            }
            let broken = between.iter().filter(|t| is_word(t)).any(|t| breaks_clause(t, before));
            !broken && words <= if before { WINDOW_BEFORE } else { WINDOW_AFTER }
        })
        .copied()
        .collect()
}

/// Who belongs to whom in a document, by name key: a titled person and the organisation or
/// country of the title (`الرئيس المصري عبدالفتاح السيسي` → مصر).
pub(crate) fn affiliations(doc: &Doc) -> HashSet<(String, String)> {
    let mut out = HashSet::new();
    for r in &doc.roles {
        let Some(holder) = &r.holder else { continue };
        for party in [&r.org, &r.country].into_iter().flatten() {
            out.insert((rasd_actors::name_key(holder), rasd_actors::name_key(party)));
        }
    }
    // An organisation with a nationality adjective (`الحرس الثوري الإيراني`، `الجيش السوري`)
    // belongs to that country.
    for m in doc.mentions.iter().filter(|m| m.label == "ORG") {
        // The adjective inside the name, or right after it.
        let last = m.name.split_whitespace().skip(1).last();
        if let Some(c) = last.and_then(rasd_actors::demonym_country) {
            out.insert((rasd_actors::name_key(&m.name), rasd_actors::name_key(c)));
            continue;
        }
        let Some(pos) = doc.tokens.iter().position(|t| t.span.start >= m.span.end) else {
            continue;
        };
        let next = &doc.tokens[pos..];
        let word = match next {
            [a, w, ..] if a.clitic == Clitic::Article && a.word == w.word => w,
            [w, ..] => w,
            [] => continue,
        };
        let gap = &doc.text()[m.span.end..word.span.start.min(next[0].span.start)];
        if word.clitic != Clitic::None || !gap.trim().is_empty() {
            continue;
        }
        if let Some(c) = rasd_actors::demonym_country(&word.form) {
            out.insert((rasd_actors::name_key(&m.name), rasd_actors::name_key(c)));
        }
    }
    out
}

/// One sentence of a document, as the event rules read it.
pub(crate) struct Sentence<'a> {
    pub(crate) doc: &'a Doc,
    /// The sentence's tokens.
    pub(crate) toks: Vec<&'a rasd_doc::Token>,
    /// The sentence's mentions with their indices in the document.
    pub(crate) mentions: Vec<(usize, &'a Mention)>,
    /// Mentions inside the title of a person the sentence names: not actors of directed events.
    pub(crate) in_titles: HashSet<usize>,
    /// The document's titled people and their bodies or countries ([`affiliations`]).
    pub(crate) affiliations: &'a HashSet<(String, String)>,
    pub(crate) span: Span,
}

/// Whether two mentions name one party: the same mention or name, a city and its country, or
/// a titled person and the body or country of the title (`affiliations`).
pub(crate) fn same_party(
    doc: &Doc,
    affiliations: &HashSet<(String, String)>,
    a: usize,
    b: usize,
) -> bool {
    let (x, y) = (&doc.mentions[a], &doc.mentions[b]);
    if a == b || search_key(&x.name) == search_key(&y.name) {
        return true;
    }
    let country_of = |m: &Mention| city_country().get(&search_key(&m.name)).map(|c| search_key(c));
    if country_of(x).is_some_and(|c| c == search_key(&y.name))
        || country_of(y).is_some_and(|c| c == search_key(&x.name))
    {
        return true;
    }
    // An organisation of a country (`الحرس الثوري الإيراني`) and that country or its cities.
    let org_place = match (x.label.as_str(), y.label.as_str()) {
        ("ORG", "LOC") => Some((x, y)),
        ("LOC", "ORG") => Some((y, x)),
        _ => None,
    };
    if let Some((org, place)) = org_place {
        let org_key = rasd_actors::name_key(&org.name);
        let country = city_country().get(&search_key(&place.name)).cloned();
        let place_keys =
            [Some(place.name.clone()), country].map(|n| n.map(|n| rasd_actors::name_key(&n)));
        if place_keys.iter().flatten().any(|k| affiliations.contains(&(org_key.clone(), k.clone())))
        {
            return true;
        }
    }
    if (x.label == "PER") == (y.label == "PER") {
        return false;
    }
    // A person the dictionary places in a country, and that country or one of its cities.
    let (person, other) = if x.label == "PER" { (x, y) } else { (y, x) };
    if other.label == "LOC" && rasd_actors::person_of_place(&person.name, &other.name) {
        return true;
    }
    if affiliations.is_empty() {
        return false;
    }
    let person_keys = |m: &Mention| {
        let words = rasd_actors::name_words(&m.name);
        let last = words.last().cloned().unwrap_or_default();
        [words.concat(), last]
    };
    let affiliated = |p: &Mention, q: &Mention| {
        let party = rasd_actors::name_key(&q.name);
        p.label == "PER"
            && q.label != "PER"
            && affiliations.iter().any(|(_, o)| *o == party)
            && person_keys(p).iter().any(|k| {
                affiliations.iter().any(|(h, o)| {
                    *o == party && (h == k || h.ends_with(k.as_str()) && !k.is_empty())
                })
            })
    };
    affiliated(x, y) || affiliated(y, x)
}

/// Whether the word before a mention is one of `words`, written apart (`في`, `إلى`) or
/// attached as a preposition (`ل`, `ب`). The mention's own article and any marks between
/// (`إلى #بكين`, `صحيفة «…»`) are stepped over.
///
/// A person's title before the name is stepped over too: `على الرئيس الأميركي دونالد ترامب`
/// introduces the person with على.
pub(crate) fn introduced_by(doc: &Doc, m: &Mention, words: &[&str]) -> bool {
    let text = doc.text();
    let titled = doc.roles.iter().find(|r| {
        r.span.start < m.span.start
            && r.span.end <= m.span.start
            && text[r.span.end..m.span.start]
                .trim_matches(|c: char| c.is_whitespace() || c == '،' || c == ',')
                .is_empty()
    });
    let start = titled.map_or(m.span.start, |r| r.span.start);
    let Some(pos) = doc.tokens.iter().position(|t| t.span.end > start) else { return false };
    preceded_by(doc, pos, words)
}

/// Whether the word at token `pos` follows one of `words`, standalone or as an attached
/// preposition, with only the article and punctuation between.
fn preceded_by(doc: &Doc, pos: usize, words: &[&str]) -> bool {
    let first = &doc.tokens[pos];
    previous_word(doc, pos).is_some_and(|k| {
        let prev = &doc.tokens[k];
        let attached = prev.clitic == Clitic::Preposition && prev.word == first.word;
        (attached || prev.clitic == Clitic::None) && words.contains(&prev.form.as_str())
    })
}

/// The token before `pos` that is not the article, punctuation or a symbol.
fn previous_word(doc: &Doc, pos: usize) -> Option<usize> {
    doc.tokens[..pos].iter().rposition(|t| {
        t.clitic != Clitic::Article && !matches!(t.kind, TokenKind::Punct | TokenKind::Symbol)
    })
}

/// Whether a mention is introduced as a place: after في, or after an attached ب — also
/// through a noun of the kind of place (`في قرية بانمونجوم`، `بالعاصمة برن`;
/// `data/place_heads.txt`).
pub(crate) fn located(doc: &Doc, m: &Mention) -> bool {
    const AT: [&str; 2] = ["في", "ب"];
    if introduced_by(doc, m, &AT) {
        return true;
    }
    let Some(pos) = doc.tokens.iter().position(|t| t.span.end > m.span.start) else { return false };
    previous_word(doc, pos).is_some_and(|k| {
        let head = &doc.tokens[k];
        head.clitic == Clitic::None
            && place_heads().contains(&search_key(&head.form))
            && preceded_by(doc, k, &AT)
    })
}

impl Sentence<'_> {
    /// The event mention a rule family states at trigger `ti`, with no participants yet: the
    /// rule is `type:family:trigger` (or `type:trigger` without a family). Callers fill in
    /// participants, implied parties and place with struct update syntax.
    pub(crate) fn event(
        &self,
        ti: usize,
        etype: &str,
        family: Option<&str>,
        date: Option<String>,
    ) -> EventMention {
        let form = &self.toks[ti].form;
        let etype_lower = etype.to_lowercase();
        EventMention {
            etype: etype.to_string(),
            mode: None,
            participants: Vec::new(),
            implied: Vec::new(),
            location: None,
            date,
            sentence: self.span,
            trigger: self.toks[ti].span,
            rule: match family {
                Some(f) => format!("{etype_lower}:{f}:{form}"),
                None => format!("{etype_lower}:{form}"),
            },
        }
    }

    /// The speaker of reported speech whose verb has a pronoun subject (`وقال الرئيس الفرنسي
    /// إنه التقى …`، `أعلنت الوزارة أنها …`): the trigger comes within [`SPEAKER_REACH`] words
    /// after أن/إن with an attached pronoun, and the speaker is the last person or
    /// organisation before that أن (not a name inside a title).
    pub(crate) fn speaker(&self, ti: usize) -> Option<usize> {
        let toks = &self.toks;
        let words: Vec<usize> = (0..ti)
            .rev()
            .filter(|&k| toks[k].clitic == Clitic::None && toks[k].kind != TokenKind::Punct)
            .take(SPEAKER_REACH)
            .collect();
        let that = words.into_iter().find(|&k| {
            matches!(search_key(&toks[k].form).as_str(), "ان" | "بان")
                && toks.get(k + 1).is_some_and(|n| {
                    // He or she: `إنهم` ("they") are others than the speaker.
                    n.clitic == Clitic::Pronoun
                        && n.word == toks[k].word
                        && matches!(n.text.as_str(), "ه" | "ها")
                })
        })?;
        let at = toks[that].span.start;
        let (i, m) = self
            .mentions
            .iter()
            .filter(|(i, m)| m.span.end <= at && !self.in_titles.contains(i))
            .rfind(|(_, m)| matches!(m.label.as_str(), "PER" | "ORG"))?;
        // A verb of saying right before the speaker (`قال الرئيس …`, a title between) or
        // right before أن (`ماكرون قال إنه`): not `اتهم الجزائر بأنها …`, whose pronoun is
        // the accused.
        let says = |k: usize| {
            toks[k].clitic == Clitic::None && saying().contains(&search_key(&toks[k].form))
        };
        let before_speaker = (0..ti)
            .rev()
            .filter(|&k| toks[k].span.end <= m.span.start)
            .filter(|&k| toks[k].clitic == Clitic::None && toks[k].kind != TokenKind::Punct)
            .filter(|&k| !self.doc.roles.iter().any(|r| r.span.contains(toks[k].span)))
            .take(2)
            .any(says);
        let before_that = (0..that)
            .rev()
            .find(|&k| toks[k].clitic == Clitic::None && toks[k].kind != TokenKind::Punct)
            .is_some_and(says);
        (before_speaker || before_that).then_some(*i)
    }

    /// The place of an event at trigger `ti` named by no participant: the first place after
    /// the trigger introduced by في or ب (`لقاء بين الجانبين في المنطقة المنزوعة السلاح`), else
    /// the nearest such place before it (`في قرية بانمونجوم … حيث التقيا … ونشرا إعلانا`).
    pub(crate) fn place_near(&self, ti: usize) -> Option<usize> {
        let at = self.toks[ti].span;
        let places: Vec<&(usize, &Mention)> = self
            .mentions
            .iter()
            .filter(|(_, m)| m.label == "LOC" && located(self.doc, m))
            .collect();
        places
            .iter()
            .find(|(_, m)| m.span.start > at.start)
            .or_else(|| places.iter().rfind(|(_, m)| m.span.end <= at.start))
            .map(|(i, _)| *i)
    }

    /// Whether the word at token `ti` carries an attached pronoun (`رفضها`، `زيارته`).
    pub(crate) fn has_pronoun(&self, ti: usize) -> bool {
        self.toks
            .get(ti + 1)
            .is_some_and(|n| n.clitic == Clitic::Pronoun && n.word == self.toks[ti].word)
    }

    /// The token before `ti`, conjunctions and punctuation aside (`الذي` in `الذي يدعم`).
    pub(crate) fn word_before(&self, ti: usize) -> Option<usize> {
        (0..ti).rev().find(|&k| {
            self.toks[k].clitic != Clitic::Conjunction && self.toks[k].kind != TokenKind::Punct
        })
    }

    /// Whether a word of `data/modality.txt` stands among the three words before token `k`
    /// (`ومن المتوقع أن يعرب …`، `إذا ثبت أن …`).
    pub(crate) fn modal_before(&self, k: usize) -> bool {
        (0..k)
            .rev()
            .filter(|&j| {
                self.toks[j].clitic == Clitic::None && self.toks[j].kind != TokenKind::Punct
            })
            .take(3)
            .any(|j| modality().contains(&search_key(&self.toks[j].form)))
    }

    /// Positions of the words (no clitics, no punctuation) after token `ti`.
    pub(crate) fn words_after(&self, ti: usize) -> Vec<usize> {
        (ti + 1..self.toks.len())
            .filter(|&k| {
                self.toks[k].clitic == Clitic::None && self.toks[k].kind != TokenKind::Punct
            })
            .collect()
    }

    /// The country a nationality adjective at token `k` names (`الإيراني` → إيران), with its
    /// article restored as the demonym table lists it; none for the adjectives of
    /// `data/not_nationality.txt` (`المالية`).
    pub(crate) fn nationality_at(&self, k: usize) -> Option<&'static str> {
        let t = self.toks[k];
        if not_nationality().contains(&search_key(&t.form)) {
            return None;
        }
        let article =
            k > 0 && self.toks[k - 1].clitic == Clitic::Article && self.toks[k - 1].word == t.word;
        let form = if article { format!("ال{}", t.form) } else { t.form.clone() };
        rasd_actors::demonym_country(&form).or_else(|| {
            // The indefinite accusative after a noun in the same case (`صحفيا يابانيا`،
            // `جنديا إسرائيليا`); a country's own name (`كوريا`، `روسيا`) is not read so.
            let noun = (0..k).rev().find(|&j| {
                self.toks[j].clitic == Clitic::None && self.toks[j].kind != TokenKind::Punct
            })?;
            let singular = t.form.strip_suffix('ا').filter(|f| f.ends_with('ي'))?;
            (!article && self.toks[noun].form.ends_with('ا')).then_some(())?;
            rasd_actors::demonym_country(singular)
        })
    }
}

/// Most words between a reported-speech أن/إن with a pronoun and the trigger
/// (`إنه كان قد التقى`).
pub(crate) const SPEAKER_REACH: usize = 3;

/// Most words before the dash of a dateline.
pub(crate) const DATELINE_WORDS: usize = 10;

/// The end of a sentence-initial dateline: a place or agency name, then a dash within the
/// first few words (`دبي، الإمارات العربية المتحدة (CNN)—`, `القاهرة - رويترز:`).
pub(crate) fn dateline_end(doc: &Doc, sentence: Span) -> Option<usize> {
    let toks: Vec<&rasd_doc::Token> =
        doc.tokens.iter().filter(|t| sentence.contains(t.span)).take(DATELINE_WORDS + 6).collect();
    // A dash between spaces or after a bracket: not the hyphen inside a name (`مون جاي-إن`).
    let text = doc.text();
    let apart = |t: &rasd_doc::Token| {
        let before = text[..t.span.start].chars().next_back();
        let after = text[t.span.end..].chars().next();
        before.is_some_and(|c| c == ')' || c.is_whitespace())
            || after.is_some_and(char::is_whitespace)
    };
    let dash = toks.iter().position(|t| {
        t.kind == TokenKind::Punct && matches!(t.text.as_str(), "—" | "–" | "-" | "ـ") && apart(t)
    })?;
    let words = toks[..dash]
        .iter()
        .filter(|t| t.clitic == Clitic::None && t.kind != TokenKind::Punct)
        .count();
    let named = doc.mentions.iter().any(|m| {
        m.span.start >= sentence.start
            && m.span.end <= toks[dash].span.start
            && matches!(m.label.as_str(), "LOC" | "ORG")
    });
    ((1..=DATELINE_WORDS).contains(&words) && named).then(|| toks[dash].span.end)
}
