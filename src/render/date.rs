//! A `publishDate` as the People Pane shows it: a date and a time of day, not the
//! `xs:dateTime` text.
//!
//! The People Pane shows the time in the reader's own timezone, which a preview kept as a
//! snapshot cannot know; the preview shows the wall-clock time the feed wrote, in the
//! timezone it was written in, so the same feed gives the same page everywhere.

use crate::xs::XsDateTime;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `2010-03-08T18:30:00Z` as `8 March 2010, 18:30`.
pub(super) fn shown(date: &XsDateTime) -> String {
    let month = usize::from(date.month())
        .checked_sub(1)
        .and_then(|m| MONTHS.get(m))
        .copied()
        .unwrap_or("?");
    format!(
        "{} {month} {}, {:02}:{:02}",
        date.day(),
        date.year(),
        date.hour(),
        date.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::shown;
    use crate::xs::XsDateTime;

    fn at(text: &str) -> String {
        XsDateTime::parse(text).map_or_else(|e| e.to_string(), |d| shown(&d))
    }

    #[test]
    fn a_date_and_a_time_of_day_in_the_timezone_written() {
        assert_eq!(at("2010-03-08T18:30:00Z"), "8 March 2010, 18:30");
        assert_eq!(
            at("2024-12-31T07:05:59.25+09:00"),
            "31 December 2024, 07:05"
        );
        assert_eq!(at("2010-01-01T00:00:00"), "1 January 2010, 00:00");
    }
}
