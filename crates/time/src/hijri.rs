//! Hijri ↔ Gregorian conversion with the tabular (arithmetical) Islamic calendar.
//!
//! Civil epoch (1 Muharram 1 AH = 16 July 622 Julian), leap years 2, 5, 7, 10, 13, 16, 18,
//! 21, 24, 26, 29 of each 30-year cycle. Official calendars (Umm al-Qura in Saudi Arabia,
//! moon sighting elsewhere) start months by observation or astronomical rules, so a
//! tabular date can differ from the official one by one day, rarely two. Month-level values
//! (رمضان 1444 هـ) are therefore reported as a range of Gregorian days with that caveat.

use chrono::{Datelike, NaiveDate};

/// JDN of 1 Muharram 1 AH (civil epoch) minus one.
const EPOCH: i64 = 1_948_439;
/// JDN of 0001-01-01 (proleptic Gregorian) minus one.
const CE: i64 = 1_721_425;

/// Julian day number of a Hijri date.
pub fn to_jdn(year: i64, month: i64, day: i64) -> i64 {
    day + ((295 * (month - 1) + 9) / 10) + 354 * (year - 1) + (3 + 11 * year).div_euclid(30) + EPOCH
}

/// The Gregorian date of a Hijri date (`None` if out of range).
pub fn to_gregorian(year: i64, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let jdn = to_jdn(year, month as i64, day as i64);
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jdn - CE).ok()?)
}

/// The Hijri date (year, month, day) of a Gregorian date.
pub fn from_gregorian(date: NaiveDate) -> (i64, u32, u32) {
    let jdn = date.num_days_from_ce() as i64 + CE;
    let year = (30 * (jdn - EPOCH - 1) + 10646).div_euclid(10631);
    let mut month = 1;
    while month < 12 && to_jdn(year, month + 1, 1) <= jdn {
        month += 1;
    }
    let day = jdn - to_jdn(year, month, 1) + 1;
    (year, month as u32, day as u32)
}

/// Number of days in a Hijri month (29 or 30).
pub fn month_len(year: i64, month: u32) -> u32 {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month as i64 + 1) };
    (to_jdn(ny, nm, 1) - to_jdn(year, month as i64, 1)) as u32
}

/// First and last Gregorian day of a Hijri month.
pub fn month_range(year: i64, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = to_gregorian(year, month, 1)?;
    let last = first + chrono::Duration::days(month_len(year, month) as i64 - 1);
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Official (Umm al-Qura) first days, to check the tabular error bound of ±1 day.
    #[test]
    fn within_one_day_of_umm_al_qura() {
        for (y, m, official) in [
            (1444, 9, "2023-03-23"),  // 1 Ramadan 1444
            (1444, 10, "2023-04-21"), // 1 Shawwal 1444
            (1445, 9, "2024-03-11"),  // 1 Ramadan 1445
            (1445, 1, "2023-07-19"),  // 1 Muharram 1445
            (1439, 9, "2018-05-16"),  // 1 Ramadan 1439
        ] {
            let got = to_gregorian(y, m, 1).unwrap();
            let diff = (got - d(official)).num_days().abs();
            assert!(diff <= 1, "{y}-{m}: tabular {got}, official {official}");
        }
    }

    #[test]
    fn round_trip() {
        let mut date = d("1990-01-01");
        while date < d("2040-01-01") {
            let (y, m, dd) = from_gregorian(date);
            assert_eq!(to_gregorian(y, m, dd), Some(date), "{date} -> {y}-{m}-{dd}");
            date += chrono::Duration::days(13);
        }
    }

    #[test]
    fn month_lengths() {
        let total: u32 = (1..=12).map(|m| month_len(1444, m)).sum();
        assert!(total == 354 || total == 355);
        assert!(to_gregorian(1444, 13, 1).is_none());
    }
}
