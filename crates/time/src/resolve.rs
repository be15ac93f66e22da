//! Resolution of expressions to ISO 8601 values against an anchor.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

use crate::grammar::{Expr, YearSpec};
use crate::hijri;
use crate::lexicon::{Family, Unit};

/// A resolved point, kept as the anchor for the next expression that refers back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Point {
    fn date(d: NaiveDate) -> Point {
        Point { year: d.year(), month: Some(d.month()), day: Some(d.day()) }
    }
    fn month(y: i32, m: u32) -> Point {
        Point { year: y, month: Some(m), day: None }
    }
    fn year(y: i32) -> Point {
        Point { year: y, month: None, day: None }
    }
    fn as_date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }
}

/// The result of resolving one expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub value: Option<String>,
    pub modifier: Option<&'static str>,
    /// `none`, `dct` or `previous`.
    pub anchor: &'static str,
    pub hijri: bool,
    /// The point to remember as the previous date.
    pub point: Option<Point>,
}

impl Resolved {
    fn new(value: Option<String>, anchor: &'static str, point: Option<Point>) -> Resolved {
        Resolved { value, modifier: None, anchor, hijri: false, point }
    }
    fn unresolved(anchor: &'static str) -> Resolved {
        Resolved::new(None, anchor, None)
    }
}

/// What expressions are resolved against.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    /// The document creation time.
    pub dct: Option<NaiveDate>,
    /// The previous resolved date in the text.
    pub last: Option<Point>,
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn ym(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

fn weekday(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

/// The month number (Gregorian) of a month name; Hijri months stay Hijri.
fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32)).unwrap_or(d)
    } else {
        d.checked_sub_months(Months::new((-n) as u32)).unwrap_or(d)
    }
}

/// Resolves an expression.
pub fn resolve(expr: &Expr, ctx: &Context) -> Resolved {
    match expr {
        Expr::Date {
            dayrel,
            weekday: wd,
            wdir,
            day,
            day2,
            month,
            year,
            numeric,
            daypart,
            time,
        } => {
            let mut r = date(*dayrel, *wd, *wdir, *day, *day2, *month, *year, *numeric, ctx);
            if let (Some(v), Some(p)) = (&mut r.value, daypart) {
                if v.len() == 10 && time.is_none() {
                    v.push('T');
                    v.push_str(p);
                }
            }
            if let (Some(v), Some((h, m))) = (&mut r.value, time) {
                if v.len() == 10 {
                    v.push_str(&format!("T{h:02}:{m:02}"));
                }
            }
            r
        }
        Expr::Year(spec) => year_only(*spec, ctx),
        Expr::Rel(unit, dir) => match ctx.dct {
            Some(dct) => relative(dct, *unit, *dir, "dct"),
            None => Resolved::unresolved("dct"),
        },
        Expr::Same(unit) => match ctx.last {
            Some(p) => same(p, *unit, 0),
            None => Resolved::unresolved("previous"),
        },
        Expr::After(unit, n) => match ctx.last {
            Some(p) => same(p, *unit, *n),
            None => Resolved::unresolved("previous"),
        },
        Expr::Ago(unit, n, sign) => match ctx.dct {
            Some(dct) => {
                let k = n * *sign as i64;
                let (value, point) = match unit {
                    Unit::Day => {
                        let d = dct + Duration::days(k);
                        (ymd(d), Point::date(d))
                    }
                    Unit::Week => {
                        let d = dct + Duration::days(7 * k);
                        (ymd(d), Point::date(d))
                    }
                    Unit::Month => {
                        let d = add_months(dct, k as i32);
                        (ym(d.year(), d.month()), Point::month(d.year(), d.month()))
                    }
                    Unit::Year => {
                        let y = dct.year() + k as i32;
                        (format!("{y:04}"), Point::year(y))
                    }
                    Unit::Decade => {
                        let y = dct.year() + 10 * k as i32;
                        (format!("{:03}X", y / 10), Point::year(y))
                    }
                };
                let mut r = Resolved::new(Some(value), "dct", Some(point));
                if !matches!(unit, Unit::Day) {
                    r.modifier = Some("APPROX");
                }
                r
            }
            None => Resolved::unresolved("dct"),
        },
        Expr::Vague(past) => {
            Resolved::new(Some(if *past { "PAST_REF" } else { "FUTURE_REF" }.into()), "dct", None)
        }
        Expr::Decade(d) => Resolved::new(Some(format!("{d:03}X")), "none", None),
        Expr::Century(c) => Resolved::new(Some(format!("{:02}XX", c - 1)), "none", None),
        Expr::CenturyRel(dir) => match ctx.dct {
            Some(dct) => {
                Resolved::new(Some(format!("{:02}XX", dct.year() / 100 + dir)), "dct", None)
            }
            None => Resolved::unresolved("dct"),
        },
        Expr::Season(s, spec) => {
            let y = spec.map(|sp| year_only(sp, ctx));
            match y {
                Some(Resolved { value: Some(v), anchor, point, .. }) if v.len() == 4 => {
                    Resolved::new(Some(format!("{v}-{s}")), anchor, point)
                }
                Some(r) => Resolved { value: None, ..r },
                None => Resolved::unresolved("dct"),
            }
        }
        Expr::Part(m, inner) => {
            let mut r = resolve(inner, ctx);
            r.modifier = Some(m);
            r
        }
        Expr::Range(a, b) => {
            let ra = resolve(a, ctx);
            let ctx_b = Context { last: ra.point.or(ctx.last), ..*ctx };
            let rb = resolve(b, &ctx_b);
            let value = match (&ra.value, &rb.value) {
                (Some(x), Some(y)) => Some(format!(
                    "{}/{}",
                    x.split('/').next().unwrap_or(x),
                    y.rsplit('/').next().unwrap_or(y)
                )),
                _ => None,
            };
            let anchor = if ra.anchor == "none" { rb.anchor } else { ra.anchor };
            Resolved {
                value,
                modifier: None,
                anchor,
                hijri: ra.hijri || rb.hijri,
                point: rb.point.or(ra.point),
            }
        }
    }
}

fn year_only(spec: YearSpec, ctx: &Context) -> Resolved {
    match spec {
        YearSpec::Abs(y, false) => {
            Resolved::new(Some(format!("{y:04}")), "none", Some(Point::year(y)))
        }
        YearSpec::Abs(y, true) => {
            // A Hijri year spans parts of two Gregorian years: give the range of days.
            let first = hijri::to_gregorian(y as i64, 1, 1);
            let last = hijri::month_range(y as i64, 12).map(|(_, l)| l);
            let mut r = match (first, last) {
                (Some(f), Some(l)) => Resolved::new(
                    Some(format!("{}/{}", ymd(f), ymd(l))),
                    "none",
                    Some(Point::year(f.year())),
                ),
                _ => Resolved::unresolved("none"),
            };
            r.hijri = true;
            r
        }
        YearSpec::Rel(d) | YearSpec::MonthDir(d) => match ctx.dct {
            Some(dct) => {
                let y = dct.year() + d;
                Resolved::new(Some(format!("{y:04}")), "dct", Some(Point::year(y)))
            }
            None => Resolved::unresolved("dct"),
        },
        YearSpec::Same => match ctx.last {
            Some(p) => {
                Resolved::new(Some(format!("{:04}", p.year)), "previous", Some(Point::year(p.year)))
            }
            None => Resolved::unresolved("previous"),
        },
    }
}

fn relative(dct: NaiveDate, unit: Unit, dir: i32, anchor: &'static str) -> Resolved {
    let (value, point) = match unit {
        Unit::Day => {
            let d = dct + Duration::days(dir as i64);
            (ymd(d), Some(Point::date(d)))
        }
        Unit::Week => {
            let d = dct + Duration::days(7 * dir as i64);
            let w = d.iso_week();
            (format!("{:04}-W{:02}", w.year(), w.week()), None)
        }
        Unit::Month => {
            let d = add_months(dct.with_day(1).unwrap_or(dct), dir);
            (ym(d.year(), d.month()), Some(Point::month(d.year(), d.month())))
        }
        Unit::Year => {
            let y = dct.year() + dir;
            (format!("{y:04}"), Some(Point::year(y)))
        }
        Unit::Decade => (format!("{:03}X", dct.year() / 10 + dir), None),
    };
    Resolved::new(Some(value), anchor, point)
}

fn same(p: Point, unit: Unit, n: i32) -> Resolved {
    let r = match unit {
        Unit::Day => match p.as_date() {
            Some(d) => {
                let d = d + Duration::days(n as i64);
                Resolved::new(Some(ymd(d)), "previous", Some(Point::date(d)))
            }
            None => Resolved::unresolved("previous"),
        },
        Unit::Week => match p.as_date() {
            Some(d) => relative(d, Unit::Week, n, "previous"),
            None => Resolved::unresolved("previous"),
        },
        Unit::Month => match p.month {
            Some(m) => {
                let d = add_months(NaiveDate::from_ymd_opt(p.year, m, 1).unwrap_or_default(), n);
                Resolved::new(
                    Some(ym(d.year(), d.month())),
                    "previous",
                    Some(Point::month(d.year(), d.month())),
                )
            }
            None => Resolved::unresolved("previous"),
        },
        Unit::Year => {
            let y = p.year + n;
            Resolved::new(Some(format!("{y:04}")), "previous", Some(Point::year(y)))
        }
        Unit::Decade => Resolved::new(Some(format!("{:03}X", p.year / 10 + n)), "previous", None),
    };
    r
}

#[allow(clippy::too_many_arguments)]
fn date(
    dayrel: Option<i64>,
    wd: Option<u32>,
    wdir: i32,
    day: Option<u32>,
    day2: Option<u32>,
    month: Option<(Family, u32)>,
    year: Option<YearSpec>,
    numeric: Option<NaiveDate>,
    ctx: &Context,
) -> Resolved {
    if let Some(d) = numeric {
        return Resolved::new(Some(ymd(d)), "none", Some(Point::date(d)));
    }
    if let Some((Family::Hijri, m)) = month {
        let mut r = hijri_date(day, m, year, ctx);
        r.hijri = true;
        return r;
    }
    if let Some((_, m)) = month {
        // The year: explicit, relative, referring back, or the anchor's.
        let (y, anchor) = match year {
            Some(YearSpec::Abs(y, _)) => (Some(y), "none"),
            Some(YearSpec::Rel(d)) => (ctx.dct.map(|t| t.year() + d), "dct"),
            Some(YearSpec::Same) => (ctx.last.map(|p| p.year), "previous"),
            Some(YearSpec::MonthDir(d)) => (
                ctx.dct.map(|t| {
                    let this = t.year();
                    match d {
                        d if d < 0 && m >= t.month() => this - 1,
                        d if d > 0 && m <= t.month() => this + 1,
                        _ => this,
                    }
                }),
                "dct",
            ),
            None => match (ctx.dct, ctx.last) {
                (Some(t), _) => (Some(t.year()), "dct"),
                (None, Some(p)) => (Some(p.year), "previous"),
                (None, None) => (None, "dct"),
            },
        };
        return match (y, day) {
            (Some(y), Some(d)) => match NaiveDate::from_ymd_opt(y, m, d) {
                Some(first) => {
                    let value = match day2.and_then(|d2| NaiveDate::from_ymd_opt(y, m, d2)) {
                        Some(second) => format!("{}/{}", ymd(first), ymd(second)),
                        None => ymd(first),
                    };
                    Resolved::new(Some(value), anchor, Some(Point::date(first)))
                }
                None => Resolved::unresolved(anchor),
            },
            (Some(y), None) => Resolved::new(Some(ym(y, m)), anchor, Some(Point::month(y, m))),
            (None, Some(d)) => Resolved::new(Some(format!("XXXX-{m:02}-{d:02}")), anchor, None),
            (None, None) => Resolved::new(Some(format!("XXXX-{m:02}")), anchor, None),
        };
    }
    let Some(dct) = ctx.dct else { return Resolved::unresolved("dct") };
    if let Some(r) = dayrel {
        let d = dct + Duration::days(r);
        return Resolved::new(Some(ymd(d)), "dct", Some(Point::date(d)));
    }
    if let Some(n) = wd {
        // A bare weekday in news is the most recent one (today included); with الماضي the one
        // before today, with المقبل the next one.
        let target = weekday(n).num_days_from_monday() as i64;
        let today = dct.weekday().num_days_from_monday() as i64;
        let back = (today - target).rem_euclid(7);
        let d = match wdir {
            d if d > 0 => {
                let ahead = (target - today).rem_euclid(7);
                dct + Duration::days(if ahead == 0 { 7 } else { ahead })
            }
            d if d < 0 => dct - Duration::days(if back == 0 { 7 } else { back }),
            _ => dct - Duration::days(back),
        };
        return Resolved::new(Some(ymd(d)), "dct", Some(Point::date(d)));
    }
    Resolved::unresolved("dct")
}

fn hijri_date(day: Option<u32>, m: u32, year: Option<YearSpec>, ctx: &Context) -> Resolved {
    let (hy, anchor) = match year {
        Some(YearSpec::Abs(y, _)) => (Some(y as i64), "none"),
        Some(YearSpec::Same) => (ctx.last.map(hijri_year_of), "previous"),
        Some(YearSpec::Rel(d)) => (ctx.dct.map(|t| hijri::from_gregorian(t).0 + d as i64), "dct"),
        Some(YearSpec::MonthDir(d)) => (
            ctx.dct.map(|t| {
                // رمضان الماضي: the last Ramadan that has begun before the anchor (or the next).
                let (y, tm, _) = hijri::from_gregorian(t);
                match d {
                    d if d < 0 && m >= tm => y - 1,
                    d if d > 0 && m <= tm => y + 1,
                    _ => y,
                }
            }),
            "dct",
        ),
        None => (ctx.dct.map(|t| hijri::from_gregorian(t).0), "dct"),
    };
    let Some(hy) = hy else { return Resolved::unresolved(anchor) };
    match day {
        Some(d) => match hijri::to_gregorian(hy, m, d) {
            Some(g) => Resolved::new(Some(ymd(g)), anchor, Some(Point::date(g))),
            None => Resolved::unresolved(anchor),
        },
        None => match hijri::month_range(hy, m) {
            Some((f, l)) => Resolved::new(
                Some(format!("{}/{}", ymd(f), ymd(l))),
                anchor,
                Some(Point::month(f.year(), f.month())),
            ),
            None => Resolved::unresolved(anchor),
        },
    }
}

fn hijri_year_of(p: Point) -> i64 {
    let d = NaiveDate::from_ymd_opt(p.year, p.month.unwrap_or(6), p.day.unwrap_or(15))
        .unwrap_or_default();
    hijri::from_gregorian(d).0
}
