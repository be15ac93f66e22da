//! The temporal vocabulary, loaded from the data files beside this crate.

use std::collections::HashMap;
use std::sync::OnceLock;

use rasd_text::{normalize_str, search_key, Profile};

/// A month-name family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// يناير … ديسمبر (Egypt, Gulf, pan-Arab media).
    Gregorian,
    /// كانون الثاني … كانون الأول (Levant, Iraq).
    Levantine,
    /// جانفي فيفري … (Algeria, Tunisia, Libya).
    Maghrebi,
    /// يوليوز غشت شتنبر … (Morocco).
    Moroccan,
    /// محرم … ذو الحجة.
    Hijri,
}

impl Family {
    fn parse(s: &str) -> Option<Family> {
        Some(match s {
            "gregorian" => Family::Gregorian,
            "levantine" => Family::Levantine,
            "maghrebi" => Family::Maghrebi,
            "moroccan" => Family::Moroccan,
            "hijri" => Family::Hijri,
            _ => return None,
        })
    }
}

/// Units of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Day.
    Day,
    /// Week.
    Week,
    /// Month.
    Month,
    /// Year.
    Year,
    /// Decade.
    Decade,
}

/// How many units a unit word carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Count {
    /// A definite number (singular 1, dual 2).
    N(i64),
    /// A plural without a number (أيام): "a few".
    Vague,
}

/// Function words the grammar needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fw {
    In,
    Of,
    To,
    And,
    Since,
    Ago,
    After,
    During,
    Between,
    Day,
    Days,
    Month,
    Year,
    Century,
    Hour,
    Gregorian,
    Hijri,
}

/// What a phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entry {
    Month(Family, u32),
    Weekday(u32),
    DayRel(i64),
    Unit(Unit, Count),
    Dir(i32),
    This,
    Same,
    After(i32),
    Part(&'static str),
    Decade(i32),
    Century(i32),
    Season(&'static str),
    Num(i64),
    /// An ordinal day of the month (العاشر، الحادي والعشرين), read only before a month.
    Ordinal(u32),
    DayPart(&'static str),
    Word(Fw),
}

/// A phrase of one or more words (search keys) with its meanings.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub keys: Vec<String>,
    pub entries: Vec<Entry>,
}

/// All phrases, indexed by their first word's key.
#[derive(Debug, Default)]
pub struct Lexicon {
    by_first: HashMap<String, Vec<Phrase>>,
}

const MONTHS: &str = include_str!("../data/months.tsv");
const WORDS: &str = include_str!("../data/words.tsv");

impl Lexicon {
    /// The built-in vocabulary, loaded once.
    pub fn builtin() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            let mut lex = Lexicon::default();
            for (line_no, line) in MONTHS.lines().enumerate() {
                let Some([family, n, name]) = fields(line) else { continue };
                let family = Family::parse(family).unwrap_or_else(|| {
                    panic!("months.tsv:{}: unknown family {family}", line_no + 1)
                });
                let n: u32 =
                    n.parse().unwrap_or_else(|_| panic!("months.tsv:{}: bad month", line_no + 1));
                lex.add(name, Entry::Month(family, n));
            }
            for (line_no, line) in WORDS.lines().enumerate() {
                let Some([cat, value, phrase]) = fields(line) else { continue };
                let entry = parse_entry(cat, value)
                    .unwrap_or_else(|| panic!("words.tsv:{}: cannot read {line:?}", line_no + 1));
                lex.add(phrase, entry);
                // Decades, seasons and weekdays also occur without the article in construct
                // (تسعينيات القرن الماضي، صيف 2022).
                if matches!(entry, Entry::Decade(_) | Entry::Season(_)) {
                    if let Some(bare) = phrase.strip_prefix("ال") {
                        lex.add(bare, entry);
                    }
                }
            }
            lex
        })
    }

    fn add(&mut self, phrase: &str, entry: Entry) {
        let keys: Vec<String> = phrase.split_whitespace().map(key).collect();
        let Some(first) = keys.first().cloned() else { return };
        let list = self.by_first.entry(first).or_default();
        match list.iter_mut().find(|p| p.keys == keys) {
            Some(p) => {
                if !p.entries.contains(&entry) {
                    p.entries.push(entry);
                }
            }
            None => list.push(Phrase { keys, entries: vec![entry] }),
        }
    }

    /// Phrases whose first word has this key.
    pub fn starting_with(&self, key: &str) -> &[Phrase] {
        self.by_first.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether any phrase starts with this key.
    pub fn knows(&self, key: &str) -> bool {
        self.by_first.contains_key(key)
    }
}

/// The matching key of a word: conservative normalisation, then search folding.
pub fn key(word: &str) -> String {
    search_key(&normalize_str(word, Profile::Conservative))
}

fn fields(line: &str) -> Option<[&str; 3]> {
    if line.trim().is_empty() || line.starts_with('#') {
        return None;
    }
    let mut it = line.split('\t');
    Some([it.next()?, it.next()?, it.next()?.trim()])
}

fn parse_entry(cat: &str, value: &str) -> Option<Entry> {
    let int = || value.parse::<i64>().ok();
    Some(match cat {
        "weekday" => Entry::Weekday(int()? as u32),
        "dayrel" => Entry::DayRel(int()?),
        "unit" => {
            let (u, c) = value.split_once(':')?;
            let unit = match u {
                "day" => Unit::Day,
                "week" => Unit::Week,
                "month" => Unit::Month,
                "year" => Unit::Year,
                "decade" => Unit::Decade,
                _ => return None,
            };
            let count = if c == "n" { Count::Vague } else { Count::N(c.parse().ok()?) };
            Entry::Unit(unit, count)
        }
        "dir" => Entry::Dir(int()? as i32),
        "this" => Entry::This,
        "same" => Entry::Same,
        "after" => Entry::After(int()? as i32),
        "part" => Entry::Part(match value {
            "EARLY" => "EARLY",
            "MID" => "MID",
            "LATE" => "LATE",
            _ => return None,
        }),
        "decade" => Entry::Decade(int()? as i32),
        "century" => Entry::Century(int()? as i32),
        "season" => Entry::Season(match value {
            "SP" => "SP",
            "SU" => "SU",
            "FA" => "FA",
            "WI" => "WI",
            _ => return None,
        }),
        "num" => Entry::Num(int()?),
        "ordinal" => Entry::Ordinal(u32::try_from(int()?).ok().filter(|d| (1..=31).contains(d))?),
        "daypart" => Entry::DayPart(match value {
            "MO" => "MO",
            "AF" => "AF",
            "EV" => "EV",
            "NI" => "NI",
            _ => return None,
        }),
        "word" => Entry::Word(match value {
            "in" => Fw::In,
            "of" => Fw::Of,
            "to" => Fw::To,
            "and" => Fw::And,
            "since" => Fw::Since,
            "ago" => Fw::Ago,
            "after" => Fw::After,
            "during" => Fw::During,
            "between" => Fw::Between,
            "day" => Fw::Day,
            "days" => Fw::Days,
            "month" => Fw::Month,
            "year" => Fw::Year,
            "century" => Fw::Century,
            "hour" => Fw::Hour,
            "gregorian" => Fw::Gregorian,
            "hijri" => Fw::Hijri,
            _ => return None,
        }),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_folds() {
        let lex = Lexicon::builtin();
        let april: Vec<_> =
            lex.starting_with(&key("ابريل")).iter().flat_map(|p| p.entries.clone()).collect();
        assert!(april.contains(&Entry::Month(Family::Gregorian, 4)));
        let kanun = lex.starting_with(&key("كانون"));
        assert!(kanun
            .iter()
            .any(|p| p.keys.len() == 2 && p.entries.contains(&Entry::Month(Family::Levantine, 1))));
        assert!(lex.knows(&key("تسعينيات")));
    }
}
