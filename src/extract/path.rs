//! Metadata from the corpus layout `<council>/<committee>/<date>/<name>`.
//!
//! The layout counts only when the path has exactly that shape: a council
//! folder, a committee folder, then either a date folder (`YYYY-MM-DD` or
//! `undated`) holding the file, or a file whose name starts with the date.
//! Deeper or shallower trees say nothing about council or committee, and a
//! folder named by a year, a month, a date or a number is never a council
//! or a committee.

use chrono::NaiveDate;

/// What the path says.
#[derive(Debug, Default, PartialEq)]
pub struct Layout {
    pub council: Option<String>,
    pub committee: Option<String>,
    pub date: Option<NaiveDate>,
}

/// A leading `YYYY-MM-DD` in a file or folder name.
pub fn leading_iso_date(name: &str) -> Option<NaiveDate> {
    let head = name.get(..10)?;
    let rest = &name[10..];
    if !(rest.is_empty() || rest.starts_with(['-', '_', ' ', '.'])) {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// Read the layout of a corpus-relative path.
pub fn layout(rel: &str) -> Layout {
    let mut layout = shape(rel);
    layout.council = layout.council.filter(|c| is_name(c));
    layout.committee = layout.committee.filter(|c| is_name(c));
    layout
}

/// Whether a folder's display name can name a body: it has a word of at
/// least two letters that is not a month's name ("2018", "03", "1996-01"
/// and "March 2018" cannot).
fn is_name(name: &str) -> bool {
    name.split_whitespace().any(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && crate::date::month_number(w).is_none()
    })
}

/// Words that end the name of a council as it is written ("Kent County
/// Council", "Wirral Borough") or start one ("City of Portland").
const COUNCIL_ENDINGS: &[&str] = &[
    "council",
    "borough",
    "county",
    "district",
    "township",
    "parish",
    "municipality",
    "authority",
    "corporation",
];
const COUNCIL_OPENINGS: &[&str] = &["city", "town", "township", "county", "borough", "village"];

/// Whether a folder name reads like a council's name: "Kent County
/// Council", "City of Portland"; not "Cleveland City Record" or "Wirral".
pub fn reads_like_council(name: &str) -> bool {
    let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    let last = words.last().map(String::as_str).unwrap_or("");
    let of_place = matches!(words.as_slice(),
        [first, second, _, ..] if COUNCIL_OPENINGS.contains(&first.as_str()) && second == "of");
    COUNCIL_ENDINGS.contains(&last) || of_place
}

/// The council, committee and date folders, if the path has the shape.
fn shape(rel: &str) -> Layout {
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        [council, committee, folder, _file]
            if *folder == "undated" || leading_iso_date(folder).is_some() =>
        {
            Layout {
                council: Some(display_name(council)),
                committee: Some(display_name(committee)),
                date: leading_iso_date(folder),
            }
        }
        [council, committee, file] if leading_iso_date(file).is_some() => Layout {
            council: Some(display_name(council)),
            committee: Some(display_name(committee)),
            date: leading_iso_date(file),
        },
        _ => Layout::default(),
    }
}

/// The date a file's name gives: a leading `YYYY-MM-DD`, or a written date
/// anywhere in it ("Printed minutes 30th-Jan-2025 10.00 Cabinet",
/// "minutes-april-17-2018").
pub fn file_name_date(rel: &str) -> Option<NaiveDate> {
    let name = rel.rsplit('/').next()?;
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if let Some(d) = leading_iso_date(stem) {
        return Some(d);
    }
    let spaced = stem.replace(['-', '_'], " ");
    crate::date::find_dates(&spaced)
        .into_iter()
        .find(|f| f.precision == crate::date::Precision::Day)
        .map(|f| f.date)
}

/// A title from the file's name, when it reads like one: "Agenda -
/// Municipal District of Newcastle West - 7th June 2017" from
/// `Agenda - Municipal District of Newcastle West - 7th June 2017.md`,
/// "Minutes May 7 2019" from `minutes-may-7-2019.html`; none from
/// `2019-05-07.txt` or `doc-00012.txt`.
pub fn file_title(rel: &str) -> Option<String> {
    let name = rel.rsplit('/').next()?;
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let spaced = if stem.contains(' ') {
        stem.replace('_', " ")
    } else {
        display_name(stem)
    };
    let title = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let words = title
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .count();
    (words >= 2).then_some(title)
}

/// `children-and-families_committee` → `Children And Families Committee`.
pub fn display_name(slug: &str) -> String {
    slug.split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn council_committee_and_date_folder() {
        let l = layout("coventry-city-council/scrutiny-board-2/2017-07-13/agenda.txt");
        assert_eq!(l.council.as_deref(), Some("Coventry City Council"));
        assert_eq!(l.committee.as_deref(), Some("Scrutiny Board 2"));
        assert_eq!(l.date, NaiveDate::from_ymd_opt(2017, 7, 13));
    }

    #[test]
    fn undated_folder_and_dated_file_name() {
        let l = layout("wirral/children/undated/item.txt");
        assert_eq!(l.council.as_deref(), Some("Wirral"));
        assert_eq!(l.date, None);
        let l = layout("kent/cabinet/2025-01-30-minutes.txt");
        assert_eq!(l.date, NaiveDate::from_ymd_opt(2025, 1, 30));
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(
            file_name_date("x/1996-01-03.txt"),
            NaiveDate::from_ymd_opt(1996, 1, 3)
        );
        assert_eq!(
            file_name_date(
                "text/cabinet/2025-01-30/Printed minutes 30th-Jan-2025 10.00 Cabinet.txt"
            ),
            NaiveDate::from_ymd_opt(2025, 1, 30)
        );
        assert_eq!(
            file_name_date("html/2018/minutes-april-17-2018.html"),
            NaiveDate::from_ymd_opt(2018, 4, 17)
        );
        assert_eq!(file_name_date("portland/2011-1-19raw.txt"), None);
        assert_eq!(file_name_date("html/2018/agenda.html"), None);
    }

    #[test]
    fn years_months_and_numbers_are_never_names() {
        // A publication filed by year: "<title>/<year>/<date>.txt".
        let l = layout("cleveland-city-record/1996/1996-01-03.txt");
        assert_eq!(l.committee, None);
        assert_eq!(l.council.as_deref(), Some("Cleveland City Record"));
        assert!(!reads_like_council("Cleveland City Record"));
        let l = layout("minutes/2018/03/2018-03-06-agenda.txt");
        assert_eq!((l.council, l.committee), (None, None));
        let l = layout("archive/march/2018-03-06/agenda.txt");
        assert_eq!(l.committee, None);
        assert_eq!(l.date, NaiveDate::from_ymd_opt(2018, 3, 6));
    }

    #[test]
    fn council_folder_names_that_read_like_councils() {
        for name in [
            "Kent County Council",
            "Coventry City Council",
            "City of Portland",
            "Township of Nipissing",
            "Wirral Borough",
        ] {
            assert!(reads_like_council(name), "{name}");
        }
        for name in [
            "Wirral",
            "Cleveland City Record",
            "Portland Oregon",
            "Minutes",
        ] {
            assert!(!reads_like_council(name), "{name}");
        }
    }

    #[test]
    fn file_names_that_read_like_titles() {
        assert_eq!(
            file_title(
                "m/2017/06/07-x/Agenda - Municipal District of Newcastle West - 7th June 2017.md"
            )
            .as_deref(),
            Some("Agenda - Municipal District of Newcastle West - 7th June 2017")
        );
        assert_eq!(
            file_title("html/2019/minutes-may-7-2019.html").as_deref(),
            Some("Minutes May 7 2019")
        );
        assert_eq!(file_title("x/2019-05-07.txt"), None);
        assert_eq!(file_title("x/doc-00012.txt"), None);
    }

    #[test]
    fn other_shapes_say_nothing() {
        assert_eq!(
            layout("corpora/limerick/meetings/2014/06/06-x/a.md"),
            Layout::default()
        );
        assert_eq!(layout("a/b/notadate/c.txt"), Layout::default());
        assert_eq!(layout("a/b/2017-02-30/c.txt"), Layout::default());
        assert_eq!(layout("file.txt"), Layout::default());
    }
}
