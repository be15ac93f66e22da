//! Arabic temporal expressions: recognise, normalise to ISO 8601, anchor.
//!
//! [`TimeTagger::tag`] finds expressions such as `أول من أمس الجمعة 7 إبريل 2023`,
//! `الشهر الماضي`, `مطلع العام الحالي`, `في مايو من ذات العام`, `أواخر التسعينيات` or
//! `رمضان 1444 هـ` in a text, with their original offsets, and resolves each against the
//! document creation time (DCT) or the previous date in the text.
//!
//! The vocabulary — every month-name family (Egyptian/Gulf, Levantine/Iraqi, Maghrebi,
//! Moroccan, Hijri), weekdays, relative words, part-of-period modifiers, decades, centuries,
//! seasons — lives in `data/*.tsv`; the grammar is a set of small rules in `grammar.rs`
//! (longest match wins); resolution is in `resolve.rs`; Hijri conversion uses the tabular
//! Islamic calendar (`hijri.rs`, within a day of Umm al-Qura, rarely two).
//!
//! When the DCT is unknown, it is inferred only when the text pins it: a relative day word
//! with an explicit date (`أول من أمس الجمعة 7 إبريل 2023` → DCT 2023-04-09, the weekday
//! checked). Otherwise relative expressions stay unresolved (`value: None`).
#![deny(missing_docs)]

mod grammar;
pub mod hijri;
mod lexicon;
mod resolve;
mod scan;

use chrono::{Datelike, Duration, NaiveDate};
use rasd_doc::{Component, Dct, Doc, Span, TimeExpr};
use rasd_text::{normalize, Normalized, Profile};

use grammar::{Expr, Grammar, YearSpec};
use lexicon::Lexicon;
use resolve::{resolve, Context};
use scan::Word;

/// Finds and resolves temporal expressions; built once, shared across threads.
#[derive(Debug, Clone, Copy)]
pub struct TimeTagger {
    lex: &'static Lexicon,
}

impl Default for TimeTagger {
    fn default() -> Self {
        TimeTagger { lex: Lexicon::builtin() }
    }
}

/// An expression before resolution: its words and structure.
struct Found {
    start: usize,
    end: usize,
    expr: Expr,
}

impl TimeTagger {
    /// Finds expressions in `text` and resolves them; the DCT is `published` if given
    /// (`YYYY-MM-DD…`), else inferred from the text, else unknown.
    ///
    /// ```
    /// use rasd_time::TimeTagger;
    /// let text = "والتقى المدير نظيره في الرباط، أول من أمس الجمعة 7 إبريل 2023. وكان قد زاره الشهر الماضي.";
    /// let (dct, found) = TimeTagger::default().tag(text, None);
    /// assert_eq!(dct.unwrap().date, "2023-04-09");
    /// assert_eq!(found[0].value.as_deref(), Some("2023-04-07"));
    /// assert_eq!(found[1].text, "الشهر الماضي");
    /// assert_eq!(found[1].value.as_deref(), Some("2023-03"));
    /// ```
    pub fn tag(&self, text: &str, published: Option<&str>) -> (Option<Dct>, Vec<TimeExpr>) {
        let norm = normalize(text, Profile::Conservative);
        let words = scan::words(&norm, self.lex);
        let found = self.recognise(&words);
        let dct = match published.and_then(parse_day) {
            Some(d) => {
                Some(Dct { date: d.format("%Y-%m-%d").to_string(), source: "metadata".into() })
            }
            None => infer_dct(&found, &words, &norm, text),
        };
        let dct_date = dct.as_ref().and_then(|d| parse_day(&d.date));
        (dct, self.resolve_all(text, &norm, &words, &found, dct_date))
    }

    /// Finds expressions and resolves them against a given DCT (or none).
    pub fn find(&self, text: &str, dct: Option<NaiveDate>) -> Vec<TimeExpr> {
        let norm = normalize(text, Profile::Conservative);
        let words = scan::words(&norm, self.lex);
        let found = self.recognise(&words);
        self.resolve_all(text, &norm, &words, &found, dct)
    }

    fn recognise(&self, words: &[Word]) -> Vec<Found> {
        let g = Grammar { words, lex: self.lex };
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            // Every rule starts with a number, a numeric date or a word of the vocabulary.
            let w = &words[i];
            if matches!(w.kind, scan::Kind::Punct(_))
                || (w.kind == scan::Kind::Word && !self.lex.knows(&w.key))
            {
                i += 1;
                continue;
            }
            match g.parse(i) {
                Some((end, expr)) if end > i && plausible(&expr, words, i) => {
                    out.push(Found { start: i, end, expr });
                    i = end;
                }
                _ => i += 1,
            }
        }
        out
    }

    fn resolve_all(
        &self,
        text: &str,
        norm: &Normalized,
        words: &[Word],
        found: &[Found],
        dct: Option<NaiveDate>,
    ) -> Vec<TimeExpr> {
        let mut ctx = Context { dct, last: None };
        let mut out = Vec::with_capacity(found.len());
        for f in found {
            let r = resolve(&f.expr, &ctx);
            if r.point.is_some() {
                ctx.last = r.point;
            }
            let span = span_of(norm, words, f);
            out.push(TimeExpr {
                span,
                text: span.slice(text).to_string(),
                value: r.value,
                modifier: r.modifier.map(str::to_string),
                anchor: r.anchor.to_string(),
                calendar: if r.hijri { "hijri" } else { "gregorian" }.to_string(),
            });
        }
        out
    }
}

fn span_of(norm: &Normalized, words: &[Word], f: &Found) -> Span {
    norm.to_original(words[f.start].start, words[f.end - 1].end)
}

/// Rejects readings that are usually not temporal.
fn plausible(expr: &Expr, words: &[Word], i: usize) -> bool {
    match expr {
        // الاثنين ("both") and الأحد ("the one") alone are weekdays only after يوم, or with
        // الماضي/المقبل after them (الأحد الماضي), or set off by commas as news sets off a
        // date (`وقال ماكرون، الاثنين، إن …`).
        Expr::Date {
            weekday: Some(1 | 7),
            wdir: 0,
            dayrel: None,
            day: None,
            month: None,
            numeric: None,
            daypart: None,
            ..
        } => {
            let comma = |k: Option<&Word>| {
                k.is_some_and(|w| matches!(w.kind, scan::Kind::Punct('،' | ',')))
            };
            let closed = |k: Option<&Word>| {
                k.is_some_and(|w| matches!(w.kind, scan::Kind::Punct('،' | ',' | '.')))
            };
            let at = words[i..].iter().position(|w| w.kind == scan::Kind::Word).map(|k| i + k);
            let set_off = at.is_some_and(|k| {
                comma(k.checked_sub(1).and_then(|p| words.get(p))) && closed(words.get(k + 1))
            });
            words[i].key == "يوم" || words[i].key == "يومي" || set_off
        }
        // A month name alone (أفريل، ماي، آب are also names and words) needs a temporal
        // context: في/منذ/حتى/خلال/إلى or شهر before it (not من: "مع كل من أفريل هاينز").
        Expr::Date {
            month: Some(_),
            day: None,
            year: None,
            numeric: None,
            weekday: None,
            dayrel: None,
            ..
        } => {
            use lexicon::{Entry, Fw};
            let g = Grammar { words, lex: Lexicon::builtin() };
            let context = [Fw::In, Fw::To, Fw::Since, Fw::During, Fw::Month];
            let before = i > 0 && context.iter().any(|&f| g.fw_at(i - 1) == Some(Entry::Word(f)));
            before || words[i].clitic || g.fw_at(i) == Some(Entry::Word(Fw::Month))
        }
        _ => true,
    }
}

/// Parses the date part of `YYYY-MM-DD…`.
fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// Infers the DCT from a relative day word attached to an explicit full date.
fn infer_dct(found: &[Found], words: &[Word], norm: &Normalized, text: &str) -> Option<Dct> {
    for f in found {
        let Expr::Date { dayrel: Some(rel), weekday, day, month, year, numeric, .. } = &f.expr
        else {
            continue;
        };
        let date = match (numeric, day, month, year) {
            (Some(d), ..) => Some(*d),
            (None, Some(d), Some((fam, m)), Some(YearSpec::Abs(y, false)))
                if *fam != lexicon::Family::Hijri =>
            {
                NaiveDate::from_ymd_opt(*y, *m, *d)
            }
            _ => None,
        };
        let Some(date) = date else { continue };
        if let Some(wd) = weekday {
            if date.weekday().number_from_monday() != *wd {
                continue; // the text contradicts itself: do not guess
            }
        }
        let dct = date - Duration::days(*rel);
        let evidence = span_of(norm, words, f).slice(text).to_string();
        return Some(Dct {
            date: dct.format("%Y-%m-%d").to_string(),
            source: format!("inferred: «{evidence}» is {} day(s) before publication", -rel),
        });
    }
    None
}

/// The temporal stage of the pipeline: fills `doc.dct` and `doc.timexes`.
#[derive(Debug, Clone, Copy, Default)]
pub struct TimeLayer;

impl Component for TimeLayer {
    fn name(&self) -> &'static str {
        "time"
    }

    fn process(&self, doc: &mut Doc) -> rasd_doc::Result<()> {
        let (dct, timexes) =
            TimeTagger::default().tag(&doc.document.text, doc.document.published.as_deref());
        doc.dct = dct;
        doc.timexes = timexes;
        Ok(())
    }
}
