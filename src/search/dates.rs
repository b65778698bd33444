//! Dates typed by reporters: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
//!
//! A date names a period; `--from` takes its first day and `--to` its last,
//! so `--from 2020 --to 2021` covers both whole years.

use chrono::{Datelike, NaiveDate};

/// A period named by a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub first: NaiveDate,
    /// Last day.
    pub last: NaiveDate,
}

/// A date that does not parse, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad date '{input}': {reason} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct DateError {
    /// What was typed.
    pub input: String,
    /// What is wrong with it.
    pub reason: String,
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn parse_period(input: &str) -> Result<Period, DateError> {
    let err = |reason: &str| DateError {
        input: input.to_string(),
        reason: reason.to_string(),
    };
    let parts: Vec<&str> = input.trim().split('-').collect();
    let number = |s: &str, digits: usize, what: &str| -> Result<u32, DateError> {
        if s.len() != digits || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(&format!("{what} must be {digits} digits")));
        }
        s.parse()
            .map_err(|_| err(&format!("{what} is not a number")))
    };
    match parts.as_slice() {
        [y] => {
            let year = number(y, 4, "year")? as i32;
            let first =
                NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| err("year out of range"))?;
            let last =
                NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(|| err("year out of range"))?;
            Ok(Period { first, last })
        }
        [y, m] => {
            let year = number(y, 4, "year")? as i32;
            let month = number(m, 2, "month")?;
            if !(1..=12).contains(&month) {
                return Err(err("month must be 01 to 12"));
            }
            let first =
                NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| err("no such month"))?;
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)
            };
            let last = next
                .and_then(|n| n.pred_opt())
                .ok_or_else(|| err("no such month"))?;
            Ok(Period { first, last })
        }
        [y, m, d] => {
            let year = number(y, 4, "year")? as i32;
            let month = number(m, 2, "month")?;
            let day = number(d, 2, "day")?;
            if !(1..=12).contains(&month) {
                return Err(err("month must be 01 to 12"));
            }
            let date = NaiveDate::from_ymd_opt(year, month, day)
                .ok_or_else(|| err(&format!("there is no day {day} in {year}-{month:02}")))?;
            Ok(Period {
                first: date,
                last: date,
            })
        }
        _ => Err(err("too many '-'")),
    }
}

/// The `YYYY` of a date.
pub fn year_of(date: NaiveDate) -> String {
    format!("{:04}", date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods() {
        assert_eq!(
            parse_period("2021").unwrap(),
            Period {
                first: ymd(2021, 1, 1),
                last: ymd(2021, 12, 31)
            }
        );
        assert_eq!(parse_period("2020-02").unwrap().last, ymd(2020, 2, 29));
        assert_eq!(parse_period("2021-12").unwrap().last, ymd(2021, 12, 31));
        assert_eq!(parse_period("2021-09-08").unwrap().first, ymd(2021, 9, 8));
    }

    #[test]
    fn bad_dates_say_why() {
        assert!(parse_period("2021-13")
            .unwrap_err()
            .to_string()
            .contains("month must be 01 to 12"));
        assert!(parse_period("2021-02-30")
            .unwrap_err()
            .to_string()
            .contains("no day 30"));
        assert!(parse_period("21")
            .unwrap_err()
            .to_string()
            .contains("4 digits"));
        assert!(parse_period("yesterday").is_err());
        assert!(parse_period("").is_err());
    }
}
