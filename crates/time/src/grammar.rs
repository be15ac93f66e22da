//! The grammar of Arabic temporal expressions: word sequences → unresolved [`Expr`]s.
//!
//! Each rule is a small function over a cursor of [`Word`]s that returns where it stopped
//! and what it found; at each position the longest match wins.

use chrono::NaiveDate;

use crate::lexicon::{Count, Entry, Family, Fw, Lexicon, Unit};
use crate::scan::{Kind, Word};

/// A year as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSpec {
    /// An explicit year; `true` when Hijri.
    Abs(i32, bool),
    /// Relative to the anchor's year: -1 last year, 0 this year, +1 next year.
    Rel(i32),
    /// The year of the previous date in the text (من ذات العام).
    Same,
    /// After a month name: the last (-1) or next (+1) such month (مارس الماضي).
    MonthDir(i32),
}

/// An unresolved temporal expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A calendar date, or part of one, possibly relative (أمس) and with a weekday.
    Date {
        dayrel: Option<i64>,
        weekday: Option<u32>,
        wdir: i32,
        day: Option<u32>,
        day2: Option<u32>,
        month: Option<(Family, u32)>,
        year: Option<YearSpec>,
        numeric: Option<NaiveDate>,
        daypart: Option<&'static str>,
        time: Option<(u32, u32)>,
    },
    /// A year alone.
    Year(YearSpec),
    /// A unit relative to the anchor (الشهر الماضي، هذا العام).
    Rel(Unit, i32),
    /// The previous date's unit (العام نفسه).
    Same(Unit),
    /// The unit after (+1) or before (-1) the previous date's (اليوم التالي).
    After(Unit, i32),
    /// N units before (-1) or after (+1) the anchor (قبل يومين، بعد ثلاثة أشهر).
    Ago(Unit, i64, i32),
    /// A vague span in the past or future (منذ أيام، الأيام المقبلة).
    Vague(bool),
    /// A decade by its first three digits (199 → 199X).
    Decade(i32),
    /// A century by number (21 → 20XX).
    Century(i32),
    /// A century relative to the anchor (القرن الماضي).
    CenturyRel(i32),
    /// A season with its year.
    Season(&'static str, Option<YearSpec>),
    /// A part of a period (مطلع، منتصف، أواخر).
    Part(&'static str, Box<Expr>),
    /// A range between two expressions.
    Range(Box<Expr>, Box<Expr>),
}

/// The match that reaches furthest; the first one on ties.
fn longest(matches: impl Iterator<Item = M<Expr>>) -> M<Expr> {
    let mut best: M<Expr> = None;
    for (end, e) in matches.flatten() {
        if best.as_ref().is_none_or(|(b, _)| end > *b) {
            best = Some((end, e));
        }
    }
    best
}

/// A cursor over the words of a text.
pub struct Grammar<'a> {
    pub words: &'a [Word],
    pub lex: &'a Lexicon,
}

type M<T> = Option<(usize, T)>;

impl<'a> Grammar<'a> {
    /// All (end, entry) that match at `i`, longest phrases first.
    fn entries(&self, i: usize) -> Vec<(usize, Entry)> {
        let Some(w) = self.words.get(i) else { return Vec::new() };
        if w.kind != Kind::Word {
            return Vec::new();
        }
        let mut out = Vec::new();
        for p in self.lex.starting_with(&w.key) {
            let n = p.keys.len();
            let ok = (1..n).all(|k| {
                self.words.get(i + k).is_some_and(|x| x.kind == Kind::Word && x.full == p.keys[k])
            });
            if ok {
                out.extend(p.entries.iter().map(|e| (i + n, *e)));
            }
        }
        out.sort_by_key(|(end, _)| std::cmp::Reverse(*end));
        out
    }

    fn find<T>(&self, i: usize, f: impl Fn(Entry) -> Option<T>) -> M<T> {
        self.entries(i).into_iter().find_map(|(end, e)| f(e).map(|t| (end, t)))
    }

    /// The function-word entry at `i`, if the word is one.
    pub fn fw_at(&self, i: usize) -> Option<Entry> {
        self.entries(i).into_iter().map(|(_, e)| e).find(|e| matches!(e, Entry::Word(_)))
    }

    fn fw(&self, i: usize, want: Fw) -> Option<usize> {
        self.find(i, |e| (e == Entry::Word(want)).then_some(())).map(|(end, _)| end)
    }

    fn number(&self, i: usize) -> M<(i64, usize)> {
        match self.words.get(i)?.kind {
            Kind::Number(n, digits) => Some((i + 1, (n, digits))),
            _ => None,
        }
    }

    fn punct(&self, i: usize, chars: &[char]) -> Option<usize> {
        match self.words.get(i)?.kind {
            Kind::Punct(c) if chars.contains(&c) => Some(i + 1),
            _ => None,
        }
    }

    fn has_clitic(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| w.clitic)
    }

    /// The longest expression starting at word `i`.
    pub fn parse(&self, i: usize) -> M<Expr> {
        let rules: [&dyn Fn(usize) -> M<Expr>; 9] = [
            &|i| self.part(i),
            &|i| self.range(i),
            &|i| self.date(i),
            &|i| self.year(i),
            &|i| self.relative(i),
            &|i| self.ago(i),
            &|i| self.decade(i),
            &|i| self.century(i),
            &|i| self.season(i),
        ];
        longest(rules.iter().map(|rule| rule(i)))
    }

    /// A period that a part-of-period word can modify.
    fn period(&self, i: usize) -> M<Expr> {
        let rules: [&dyn Fn(usize) -> M<Expr>; 6] = [
            &|i| self.date(i).filter(|(_, e)| matches!(e, Expr::Date { month: Some(_), .. })),
            &|i| {
                self.year(i).or_else(|| self.year_number(i, false).map(|(j, y)| (j, Expr::Year(y))))
            },
            &|i| self.relative(i),
            &|i| self.decade(i),
            &|i| self.century(i),
            &|i| self.season(i),
        ];
        let mut best = longest(rules.iter().map(|rule| rule(i)));
        if best.is_none() {
            // بداية العام، منتصف الشهر: a definite unit alone is the current one.
            if let Some((end, unit)) = self.find(i, |e| match e {
                Entry::Unit(u, Count::N(1)) => Some(u),
                _ => None,
            }) {
                if self.words[i].key.starts_with("ال") {
                    best = Some((end, Expr::Rel(unit, 0)));
                }
            }
        }
        best
    }

    fn part(&self, i: usize) -> M<Expr> {
        let (j, m) = self.find(i, |e| match e {
            Entry::Part(m) => Some(m),
            _ => None,
        })?;
        let (end, inner) = self.period(j)?;
        Some((end, Expr::Part(m, Box::new(inner))))
    }

    fn range(&self, i: usize) -> M<Expr> {
        let (open, close) = if let Some(j) = self.fw(i, Fw::Of) {
            (j, Fw::To)
        } else if let Some(j) = self.fw(i, Fw::Between) {
            (j, Fw::And)
        } else {
            return None;
        };
        // من 13 إلى 15 يونيو 2022: a bare day takes month and year from the end.
        if let Some((j, (d, digits))) = self.number(open) {
            let bare_day = digits <= 2
                && (1..=31).contains(&d)
                && self
                    .find(j, |e| match e {
                        Entry::Month(..) => Some(()),
                        _ => None,
                    })
                    .is_none()
                && self.fw(j, Fw::Of).is_none();
            if bare_day {
                let k = self.close(j, close).or_else(|| self.punct(j, &['-']))?;
                let (end, last) = self.date(k)?;
                if let Expr::Date { day: Some(_), month: Some(m), year, .. } = &last {
                    let first = Expr::Date {
                        dayrel: None,
                        weekday: None,
                        wdir: 0,
                        day: Some(d as u32),
                        day2: None,
                        month: Some(*m),
                        year: *year,
                        numeric: None,
                        daypart: None,
                        time: None,
                    };
                    return Some((end, Expr::Range(Box::new(first), Box::new(last))));
                }
                return None;
            }
        }
        let (j, mut first) = self.core(open)?;
        let k = self.close(j, close)?;
        let (end, last) = self.core(k)?;
        // من 3 يناير إلى 5 فبراير 2021: the first date takes the year of the second.
        if let (
            Expr::Date { year: y @ None, month: Some(_), .. },
            Expr::Date { year: Some(ly), .. },
        ) = (&mut first, &last)
        {
            *y = Some(*ly);
        }
        Some((end, Expr::Range(Box::new(first), Box::new(last))))
    }

    /// The closing word of a range (إلى، حتى، و); و may be attached to the next word
    /// (بين يناير 2015 ويونيو 2016), in which case the second end starts at that word.
    fn close(&self, i: usize, close: Fw) -> Option<usize> {
        if let Some(k) = self.fw(i, close) {
            return Some(k);
        }
        let w = self.words.get(i)?;
        (close == Fw::And && w.clitic && w.full.starts_with('و')).then_some(i)
    }

    /// An expression that can stand at either end of a range.
    fn core(&self, i: usize) -> M<Expr> {
        longest([self.date(i), self.year(i), self.decade(i), self.part(i)].into_iter())
    }

    fn date(&self, i: usize) -> M<Expr> {
        let mut j = i;
        let mut daypart = None;
        if let Some((k, p)) = self.find(j, |e| match e {
            Entry::DayPart(p) => Some(p),
            _ => None,
        }) {
            daypart = Some(p);
            j = k;
        }
        let mut dayrel = None;
        if let Some((k, r)) = self.find(j, |e| match e {
            Entry::DayRel(r) => Some(r),
            _ => None,
        }) {
            dayrel = Some(r);
            j = k;
        }
        let mut days_word = false;
        if let Some(k) = self.fw(j, Fw::Day) {
            j = k;
        } else if let Some(k) = self.fw(j, Fw::Days) {
            j = k;
            days_word = true;
        }
        let mut weekday = None;
        let mut wdir = 0;
        if let Some((k, d)) = self.find(j, |e| match e {
            Entry::Weekday(d) => Some(d),
            _ => None,
        }) {
            weekday = Some(d);
            j = k;
            if let Some((k, d)) = self.find(j, |e| match e {
                Entry::Dir(d) if d != 0 => Some(d),
                _ => None,
            }) {
                wdir = d;
                j = k;
            }
        }
        let before_core = j;
        if weekday.is_some() || dayrel.is_some() {
            if let Some(k) = self.punct(j, &[',', '،']) {
                j = k;
            }
        }
        let mut day = None;
        let mut day2 = None;
        let mut month = None;
        let mut year = None;
        let mut numeric = None;
        if let Some(k) = self.numeric_date(j) {
            numeric = Some(k.1);
            j = k.0;
        } else {
            let mut k = j;
            if let Some((after, d)) = self.find(k, |e| match e {
                Entry::Ordinal(d) => Some(d),
                _ => None,
            }) {
                // في العاشر من أبريل: an ordinal day counts only with من and a month after it.
                if let Some(after_of) = self.fw(after, Fw::Of) {
                    day = Some(d);
                    k = after_of;
                }
            } else if let Some((after, (d, digits))) = self.number(k) {
                if digits <= 2 && (1..=31).contains(&d) {
                    day = Some(d as u32);
                    k = after;
                    if let Some(after_and) = self.fw(k, Fw::And) {
                        if let Some((after2, (d2, digits2))) = self.number(after_and) {
                            if digits2 <= 2 && (1..=31).contains(&d2) && d2 > d {
                                day2 = Some(d2 as u32);
                                k = after2;
                            }
                        }
                    }
                    if let Some(after_of) = self.fw(k, Fw::Of) {
                        k = after_of;
                    }
                }
            }
            if let Some(after) = self.fw(k, Fw::Month) {
                k = after;
            }
            if let Some((after, m)) = self.find(k, |e| match e {
                Entry::Month(f, m) => Some((f, m)),
                _ => None,
            }) {
                month = Some(m);
                k = after;
                // يونيو/حزيران، نيسان/أبريل: the same month in a second family (AFP style).
                if let Some(slash) = self.punct(k, &['/']) {
                    if let Some((after2, _)) = self.find(slash, |e| match e {
                        Entry::Month(f, n) if n == m.1 && f != Family::Hijri => Some(()),
                        _ => None,
                    }) {
                        k = after2;
                    }
                }
                if let Some((after, y)) = self.year_after_month(k, m.0 == Family::Hijri) {
                    year = Some(y);
                    k = after;
                }
                j = k;
            } else {
                day = None;
                day2 = None;
            }
        }
        if days_word && day2.is_none() && month.is_none() {
            return None;
        }
        if dayrel.is_none() && weekday.is_none() && month.is_none() && numeric.is_none() {
            return None;
        }
        if j == before_core + 1 && month.is_none() && numeric.is_none() {
            j = before_core; // a comma with nothing after it
        }
        // صباحا، مساء … or الساعة 10:30 after the date.
        let mut time = None;
        if daypart.is_none() {
            if let Some((k, p)) = self.find(j, |e| match e {
                Entry::DayPart(p) => Some(p),
                _ => None,
            }) {
                if !self.has_clitic(j) {
                    daypart = Some(p);
                    j = k;
                }
            }
        }
        if let Some(k) = self.fw(j, Fw::Hour) {
            if let Some((after, (h, digits))) = self.number(k) {
                if digits <= 2 && h < 24 {
                    time = Some((h as u32, 0));
                    j = after;
                }
            } else if let Some(Word { kind: Kind::NumDate(s), .. }) = self.words.get(k) {
                // 10.30 is read as a numeric "date" by the scanner: take it as a time.
                if let Some((h, m)) = s
                    .split_once(['.', ':'])
                    .and_then(|(h, m)| Some((h.parse().ok()?, m.parse().ok()?)))
                {
                    if h < 24 && m < 60 {
                        time = Some((h, m));
                        j = k + 1;
                    }
                }
            }
        }
        Some((
            j,
            Expr::Date { dayrel, weekday, wdir, day, day2, month, year, numeric, daypart, time },
        ))
    }

    fn numeric_date(&self, i: usize) -> M<NaiveDate> {
        let Kind::NumDate(s) = &self.words.get(i)?.kind else { return None };
        let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
        if parts.len() != 3 {
            return None;
        }
        let n: Vec<i32> = parts.iter().map(|p| p.parse().ok()).collect::<Option<_>>()?;
        let date = if parts[0].len() == 4 {
            NaiveDate::from_ymd_opt(n[0], n[1] as u32, n[2] as u32)
        } else if parts[2].len() == 4 {
            // Arabic news writes day/month/year.
            NaiveDate::from_ymd_opt(n[2], n[1] as u32, n[0] as u32)
        } else {
            None
        }?;
        Some((i + 1, date))
    }

    /// The year that may follow a month name.
    fn year_after_month(&self, i: usize, hijri_month: bool) -> M<YearSpec> {
        if let Some((j, y)) = self.year_number(i, hijri_month) {
            return Some((j, y));
        }
        if let Some(j) = self.fw(i, Fw::Year) {
            if let Some((k, y)) = self.year_number(j, hijri_month) {
                return Some((k, y));
            }
        }
        if let Some((j, d)) = self.find(i, |e| match e {
            Entry::Dir(d) => Some(d),
            _ => None,
        }) {
            return Some((j, if d == 0 { YearSpec::Rel(0) } else { YearSpec::MonthDir(d) }));
        }
        // من العام الماضي، من ذات العام، من العام نفسه، من السنة الجارية، من عام 2022
        let j = self.fw(i, Fw::Of)?;
        if let Some(k) = self.same_year(j) {
            return Some((k, YearSpec::Same));
        }
        match self.year(j).or_else(|| self.relative(j))? {
            (k, Expr::Year(spec)) => Some((k, spec)),
            (k, Expr::Rel(Unit::Year, d)) => Some((k, YearSpec::Rel(d))),
            _ => None,
        }
    }

    fn same_year(&self, i: usize) -> Option<usize> {
        if let Some(j) = self.find(i, |e| (e == Entry::Same).then_some(())).map(|(j, _)| j) {
            if let Some(k) = self.fw(j, Fw::Year) {
                return Some(k);
            }
        }
        let j = self.fw(i, Fw::Year)?;
        self.find(j, |e| (e == Entry::Same).then_some(())).map(|(k, _)| k)
    }

    /// A year number with an optional calendar marker.
    fn year_number(&self, i: usize, hijri_context: bool) -> M<YearSpec> {
        let (j, (n, digits)) = self.number(i)?;
        if digits != 4 {
            return None;
        }
        if let Some(k) = self.fw(j, Fw::Hijri) {
            return (1300..=1600).contains(&n).then_some((k, YearSpec::Abs(n as i32, true)));
        }
        if let Some(k) = self.fw(j, Fw::Gregorian) {
            return (1000..=2200).contains(&n).then_some((k, YearSpec::Abs(n as i32, false)));
        }
        if hijri_context && (1300..=1600).contains(&n) {
            return Some((j, YearSpec::Abs(n as i32, true)));
        }
        (1000..=2200).contains(&n).then_some((j, YearSpec::Abs(n as i32, false)))
    }

    fn year(&self, i: usize) -> M<Expr> {
        // عام 2022، العام الماضي is handled by relative().
        if let Some(j) = self.fw(i, Fw::Year) {
            if let Some((k, y)) = self.year_number(j, false) {
                return Some((k, Expr::Year(y)));
            }
        }
        // A bare four-digit year after في/منذ/حتى/خلال, or with a calendar marker.
        let (j, y) = self.year_number(i, false)?;
        let marked = j > i + 1;
        let after_preposition = i > 0
            && [Fw::In, Fw::Since, Fw::To, Fw::During, Fw::Of]
                .iter()
                .any(|&f| self.fw(i - 1, f) == Some(i));
        (marked || after_preposition).then_some((j, Expr::Year(y)))
    }

    fn relative(&self, i: usize) -> M<Expr> {
        if let Some((j, _)) = self.find(i, |e| (e == Entry::This).then_some(())) {
            let (k, unit) = self.find(j, |e| match e {
                Entry::Unit(u, Count::N(1)) => Some(u),
                _ => None,
            })?;
            return Some((k, Expr::Rel(unit, 0)));
        }
        if let Some((j, _)) = self.find(i, |e| (e == Entry::Same).then_some(())) {
            let (k, unit) = self.find(j, |e| match e {
                Entry::Unit(u, Count::N(1)) => Some(u),
                _ => None,
            })?;
            return Some((k, Expr::Same(unit)));
        }
        let (j, (unit, count)) = self.find(i, |e| match e {
            Entry::Unit(u, c) => Some((u, c)),
            _ => None,
        })?;
        // The unit must be definite (العام الماضي), not عام ماض.
        if !self.words[i].key.starts_with("ال") {
            return None;
        }
        if let Some((k, d)) = self.find(j, |e| match e {
            Entry::Dir(d) => Some(d),
            _ => None,
        }) {
            return Some(match count {
                Count::N(1) => (k, Expr::Rel(unit, d)),
                _ if d != 0 => (k, Expr::Vague(d < 0)),
                _ => return None,
            });
        }
        if count != Count::N(1) {
            return None;
        }
        if let Some((k, _)) = self.find(j, |e| (e == Entry::Same).then_some(())) {
            return Some((k, Expr::Same(unit)));
        }
        let (k, n) = self.find(j, |e| match e {
            Entry::After(n) => Some(n),
            _ => None,
        })?;
        Some((k, Expr::After(unit, n)))
    }

    fn ago(&self, i: usize) -> M<Expr> {
        let (j, sign) = if let Some(j) = self.fw(i, Fw::Ago) {
            (j, -1)
        } else if let Some(j) = self.fw(i, Fw::Since) {
            (j, -1)
        } else if let Some(j) = self.fw(i, Fw::After) {
            (j, 1)
        } else {
            return None;
        };
        let mut k = j;
        let mut n = None;
        if let Some((after, (num, _))) = self.number(k) {
            n = Some(num);
            k = after;
        } else if let Some((after, num)) = self.find(k, |e| match e {
            Entry::Num(v) => Some(v),
            _ => None,
        }) {
            n = Some(num);
            k = after;
        }
        let (end, (unit, count)) = self.find(k, |e| match e {
            Entry::Unit(u, c) => Some((u, c)),
            _ => None,
        })?;
        if self.words[k].key.starts_with("ال") || self.number(end).is_some() {
            return None; // منذ العام الماضي / منذ عام 2011 are not "N units ago"
        }
        let n = match (n, count) {
            (Some(n), _) => n,
            (None, Count::N(c)) => c,
            (None, Count::Vague) => return Some((end, Expr::Vague(sign < 0))),
        };
        if n <= 0 || n > 1000 {
            return None;
        }
        Some((end, Expr::Ago(unit, n, sign)))
    }

    fn decade(&self, i: usize) -> M<Expr> {
        let (j, d) = self.find(i, |e| match e {
            Entry::Decade(d) => Some(d),
            _ => None,
        })?;
        if let Some(k) = self.fw(j, Fw::Century) {
            if let Some((end, c)) = self.find(k, |e| match e {
                Entry::Century(c) => Some(c),
                _ => None,
            }) {
                return Some((end, Expr::Decade(d + (c - 20) * 100)));
            }
            if let Some((end, dir)) = self.find(k, |e| match e {
                Entry::Dir(d) => Some(d),
                _ => None,
            }) {
                // تسعينيات القرن الماضي: written today, the 20th century.
                return Some((end, Expr::Decade(d + (dir + 1) * 100)));
            }
        }
        Some((j, Expr::Decade(d)))
    }

    fn century(&self, i: usize) -> M<Expr> {
        let j = self.fw(i, Fw::Century)?;
        if let Some((end, c)) = self.find(j, |e| match e {
            Entry::Century(c) => Some(c),
            _ => None,
        }) {
            return Some((end, Expr::Century(c)));
        }
        let (end, d) = self.find(j, |e| match e {
            Entry::Dir(d) => Some(d),
            _ => None,
        })?;
        Some((end, Expr::CenturyRel(d)))
    }

    fn season(&self, i: usize) -> M<Expr> {
        let (j, s) = self.find(i, |e| match e {
            Entry::Season(s) => Some(s),
            _ => None,
        })?;
        if let Some((k, y)) = self.year_number(j, false) {
            return Some((k, Expr::Season(s, Some(y))));
        }
        if let Some((k, d)) = self.find(j, |e| match e {
            Entry::Dir(d) => Some(d),
            _ => None,
        }) {
            return Some((k, Expr::Season(s, Some(YearSpec::Rel(d)))));
        }
        // ربيع العام الماضي (construct) or صيف من العام الماضي.
        if let Some((end, Expr::Rel(Unit::Year, d))) = self.relative(j) {
            return Some((end, Expr::Season(s, Some(YearSpec::Rel(d)))));
        }
        let k = self.fw(j, Fw::Of)?;
        if let Some(end) = self.same_year(k) {
            return Some((end, Expr::Season(s, Some(YearSpec::Same))));
        }
        match self.year(k).or_else(|| self.relative(k))? {
            (end, Expr::Year(y)) => Some((end, Expr::Season(s, Some(y)))),
            (end, Expr::Rel(Unit::Year, d)) => Some((end, Expr::Season(s, Some(YearSpec::Rel(d))))),
            _ => None,
        }
    }
}
