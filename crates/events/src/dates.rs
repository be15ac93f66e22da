//! Event dates from temporal expressions, and when two dates can be one happening's.

/// Reduces a timex value to an event date (`2023-04-07TEV` → `2023-04-07`; ranges take
/// their start); vague or year-less values give none.
pub fn event_date(value: &str) -> Option<String> {
    let v = value.split('/').next()?;
    let v = v.split('T').next()?;
    let ok = v.len() >= 4
        && v[..4].chars().all(|c| c.is_ascii_digit())
        && (v.len() == 4 || v.len() == 7 || v.len() == 10)
        && v.chars().all(|c| c.is_ascii_digit() || c == '-');
    ok.then(|| v.to_string())
}

/// A year-less date (`XXXX-02-22`, `XXXX-02`): a day or month of an undated document's own
/// year (`22 فبراير من السنة الجارية`), kept until the year can be told.
pub fn yearless_date(value: &str) -> Option<String> {
    let v = value.split('/').next()?.split('T').next()?;
    let rest = v.strip_prefix("XXXX-")?;
    let ok = (rest.len() == 2 || rest.len() == 5)
        && rest
            .chars()
            .enumerate()
            .all(|(i, c)| if i == 2 { c == '-' } else { c.is_ascii_digit() });
    ok.then(|| v.to_string())
}

pub(crate) fn is_yearless(date: &str) -> bool {
    date.starts_with("XXXX")
}

/// Whether two dates can describe the same happening: equal, one a prefix of the other, one
/// day apart, or one unknown.
pub fn dates_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a.starts_with(b)
                || b.starts_with(a)
                // Reports of one happening often differ by a day ("yesterday" written the
                // day after, time zones): full dates one day apart agree.
                || matches!((day_number(a), day_number(b)), (Some(x), Some(y)) if (x - y).abs() <= 1)
        }
        _ => true,
    }
}

/// Whether an event dated `date` can be what a report without a date in an article published
/// on `published` tells: it happened before the publication and not long before
/// ([`PLAUSIBLE_DAYS`]; an undated report is of something recent). A month or year counts
/// from its last day. Unknown publication dates allow anything.
pub fn plausibly_reported(date: &str, published: Option<&str>) -> bool {
    let Some(p) = published.and_then(day_number) else { return true };
    let (first, last) = match date.len() {
        10 => (day_number(date), day_number(date)),
        7 => (day_number(&format!("{date}-01")), day_number(&format!("{date}-28")).map(|d| d + 3)),
        4 => (day_number(&format!("{date}-01-01")), day_number(&format!("{date}-12-31"))),
        _ => (None, None),
    };
    match (first, last) {
        (Some(first), Some(last)) => first <= p + 1 && p - last <= PLAUSIBLE_DAYS,
        _ => true,
    }
}

/// Most days between an event and the publication of an undated report of it.
pub const PLAUSIBLE_DAYS: i64 = 31;

/// Days since 1970-01-01 of a full `YYYY-MM-DD` date (proleptic Gregorian calendar).
pub(crate) fn day_number(date: &str) -> Option<i64> {
    if date.len() != 10 {
        return None;
    }
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(event_date("2023-04-07TEV").as_deref(), Some("2023-04-07"));
        assert_eq!(event_date("2022-06-13/2022-06-14").as_deref(), Some("2022-06-13"));
        assert_eq!(event_date("2023-03").as_deref(), Some("2023-03"));
        assert_eq!(event_date("PAST_REF"), None);
        assert_eq!(event_date("XXXX-02-22"), None);
        assert_eq!(event_date("199X"), None);
        assert_eq!(event_date("2023-W14"), None);
        assert!(dates_compatible(Some("2023-04-07"), Some("2023-04")));
        assert!(!dates_compatible(Some("2023-04-07"), Some("2023-03")));
        assert!(dates_compatible(None, Some("2023")));
        // A day apart, across a month and a year end; two days apart is another day.
        assert!(dates_compatible(Some("2018-02-23"), Some("2018-02-24")));
        assert!(dates_compatible(Some("2018-02-28"), Some("2018-03-01")));
        assert!(dates_compatible(Some("2017-12-31"), Some("2018-01-01")));
        assert!(!dates_compatible(Some("2018-02-23"), Some("2018-02-25")));
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
    }
}
