//! Saved searches as `[[watch]]` tables of the config file, read with the
//! rest of it and changed in place: adding or removing one keeps every
//! other line, comment and table as the user wrote it.
//!
//! ```toml
//! [[watch]]
//! name = "caseload"
//! query = "caseload"
//! council = "lancashire"      # any search filter: council, committee,
//! kind = "resolution"         # from, to, kind, outcome, topic
//! ```

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::WatchError;
use crate::date::parse_user_date;
use crate::files::{Durability, write_atomically};
use crate::model::{Kind, Outcome};
use crate::query::Filters;

/// One saved search.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Watch {
    pub name: String,
    pub query: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub council: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee: Option<String>,
    /// `YYYY-MM-DD` or `DD/MM/YYYY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// `document`, `item` or `resolution`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// `carried`, `lost`, `deferred`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
}

impl Watch {
    /// The search filters it keeps, or which value cannot be read.
    pub fn filters(&self) -> Result<Filters, WatchError> {
        let bad = |field: &'static str, value: &str, expected: &'static str| WatchError::BadValue {
            name: self.name.clone(),
            field,
            value: value.to_owned(),
            expected,
        };
        let date = |field: &'static str, value: &Option<String>| {
            value
                .as_deref()
                .map(|v| parse_user_date(v).map_err(|_| bad(field, v, "a date, YYYY-MM-DD")))
                .transpose()
        };
        let kind = self
            .kind
            .as_deref()
            .map(|k| Kind::parse(k).ok_or_else(|| bad("kind", k, "document, item or resolution")))
            .transpose()?;
        let outcome = self
            .outcome
            .as_deref()
            .map(|o| {
                Outcome::parse(o).ok_or_else(|| {
                    bad(
                        "outcome",
                        o,
                        "carried, lost, deferred, referred, withdrawn or adopted",
                    )
                })
            })
            .transpose()?;
        Ok(Filters {
            council: self.council.clone(),
            committee: self.committee.clone(),
            from: date("from", &self.from)?,
            to: date("to", &self.to)?,
            kind,
            outcome,
            topic: self.topic.as_deref().map(crate::query::topic_path),
            ..Filters::default()
        })
    }

    /// The filters in words, as `search` flags would give them.
    pub fn describe_filters(&self) -> String {
        [
            ("council", &self.council),
            ("committee", &self.committee),
            ("from", &self.from),
            ("to", &self.to),
            ("kind", &self.kind),
            ("outcome", &self.outcome),
            ("topic", &self.topic),
        ]
        .iter()
        .filter_map(|(flag, v)| v.as_ref().map(|v| format!("--{flag} {v:?}")))
        .collect::<Vec<_>>()
        .join(" ")
    }
}

/// The config file's saved searches.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The file they are kept in (which may not exist yet).
    pub path: PathBuf,
    pub watches: Vec<Watch>,
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    watch: Vec<Watch>,
}

impl Saved {
    /// The saved searches in `path`; none when the file does not exist.
    pub fn read(path: &Path) -> Result<Saved, WatchError> {
        let text = read_text(path)?;
        let file: File = toml::from_str(&text).map_err(|e| WatchError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let saved = Saved {
            path: path.to_path_buf(),
            watches: file.watch,
        };
        for w in &saved.watches {
            w.filters()?;
        }
        Ok(saved)
    }

    pub fn get(&self, name: &str) -> Option<&Watch> {
        self.watches.iter().find(|w| w.name == name)
    }

    /// Add `watch` to the file, which keeps everything else it had.
    pub fn add(&mut self, watch: Watch) -> Result<(), WatchError> {
        check_name(&watch.name)?;
        watch.filters()?;
        if self.get(&watch.name).is_some() {
            return Err(WatchError::Taken {
                name: watch.name,
                path: self.path.clone(),
            });
        }
        // Appended as text, so every line before it stays as it was.
        let table = toml::to_string(&watch).map_err(|e| self.parse_error(e.to_string()))?;
        let mut text = read_text(&self.path)?;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str("[[watch]]\n");
        text.push_str(&table);
        self.write(&text)?;
        self.watches.push(watch);
        Ok(())
    }

    /// Remove the saved search `name` from the file: its `[[watch]]`
    /// table's lines, and nothing else (comments before it stay).
    pub fn remove(&mut self, name: &str) -> Result<(), WatchError> {
        if self.get(name).is_none() {
            return Err(self.missing(name));
        }
        let text = read_text(&self.path)?;
        let kept = without_table(&text, name).ok_or_else(|| {
            self.parse_error(format!(
                "cannot find the [[watch]] table of '{name}'; remove it by hand"
            ))
        })?;
        self.write(&kept)?;
        self.watches.retain(|w| w.name != name);
        Ok(())
    }

    /// The error for a name that is not saved.
    pub fn missing(&self, name: &str) -> WatchError {
        WatchError::NoSuchWatch {
            name: name.to_owned(),
            path: self.path.clone(),
            known: self.watches.iter().map(|w| w.name.clone()).collect(),
        }
    }

    /// Replace the file with `text`, once it reads as a config file.
    fn write(&self, text: &str) -> Result<(), WatchError> {
        toml::from_str::<File>(text).map_err(|e| self.parse_error(e.to_string()))?;
        write_atomically(&self.path, text.as_bytes(), Durability::Durable).map_err(|source| {
            WatchError::Write {
                path: self.path.clone(),
                source,
            }
        })
    }

    fn parse_error(&self, message: String) -> WatchError {
        WatchError::Parse {
            path: self.path.clone(),
            message,
        }
    }
}

/// `text` without the lines of the `[[watch]]` table named `name` (from
/// its header to the next header), and the blank lines before it.
fn without_table(text: &str, name: &str) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_header = |l: &str| l.trim_start().starts_with('[');
    let is_watch = |l: &str| {
        let l = l.trim();
        let head = l.split('#').next().unwrap_or("").trim();
        head.starts_with("[[") && head.trim_matches(['[', ']', ' ']) == "watch"
    };
    let mut at = 0;
    while let Some(line) = lines.get(at) {
        if !is_watch(line) {
            at += 1;
            continue;
        }
        let end = lines
            .iter()
            .enumerate()
            .skip(at + 1)
            .find(|(_, l)| is_header(l))
            .map_or(lines.len(), |(i, _)| i);
        let block: String = lines.get(at + 1..end).unwrap_or_default().concat();
        let named = block
            .parse::<toml::Table>()
            .ok()
            .and_then(|t| t.get("name").and_then(|v| v.as_str().map(str::to_owned)));
        if named.as_deref() == Some(name) {
            // The blank lines before the table go with it.
            let blank_before = lines
                .get(..at)
                .unwrap_or_default()
                .iter()
                .rev()
                .take_while(|l| l.trim().is_empty())
                .count();
            let mut kept: String = lines.get(..at - blank_before).unwrap_or_default().concat();
            kept.push_str(&lines.get(end..).unwrap_or_default().concat());
            return Some(kept);
        }
        at = end;
    }
    None
}

fn read_text(path: &Path) -> Result<String, WatchError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(source) => Err(WatchError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// A name is a word a file name and a shell can carry: letters, digits,
/// `-`, `_` and `.`, not starting with `.` or `-`, at most 64 characters.
fn check_name(name: &str) -> Result<(), WatchError> {
    let fine = !name.is_empty()
        && name.chars().count() <= 64
        && !name.starts_with(['.', '-'])
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if fine {
        Ok(())
    } else {
        Err(WatchError::BadName(name.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_and_removing_keeps_the_rest_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("minutes.toml");
        let before = "# my names\n[[council]]\nname = \"Barrow City Council\" # the city\n";
        std::fs::write(&path, before).unwrap();
        let mut saved = Saved::read(&path).unwrap();
        saved
            .add(Watch {
                name: "parking".into(),
                query: "parking \"Mill Lane\"".into(),
                kind: Some("resolution".into()),
                ..Watch::default()
            })
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(before), "{text}");
        let again = Saved::read(&path).unwrap();
        assert_eq!(again.watches, saved.watches);
        assert_eq!(again.watches[0].query, "parking \"Mill Lane\"");
        assert!(matches!(
            saved.add(again.watches[0].clone()),
            Err(WatchError::Taken { .. })
        ));
        saved.remove("parking").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
        assert!(matches!(
            saved.remove("parking"),
            Err(WatchError::NoSuchWatch { .. })
        ));
    }

    #[test]
    fn removing_one_of_several_leaves_the_others_and_their_comments() {
        let text = "[[watch]] # first\nname = \"a\"\nquery = \"x\"\n\n# the second\n[[watch]]\nname = \"b\"\nquery = \"y\"\n\n[[council]]\nname = \"C\"\n";
        let kept = without_table(text, "b").unwrap();
        assert_eq!(
            kept,
            "[[watch]] # first\nname = \"a\"\nquery = \"x\"\n\n# the second\n[[council]]\nname = \"C\"\n"
        );
        assert_eq!(without_table(text, "c"), None);
    }

    #[test]
    fn bad_names_and_values_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut saved = Saved::read(&dir.path().join("none.toml")).unwrap();
        for name in ["", "../x", "a b", "-x", ".hidden"] {
            let w = Watch {
                name: name.into(),
                ..Watch::default()
            };
            assert!(
                matches!(saved.add(w), Err(WatchError::BadName(_))),
                "{name}"
            );
        }
        let w = Watch {
            name: "x".into(),
            kind: Some("motion".into()),
            ..Watch::default()
        };
        assert!(matches!(saved.add(w), Err(WatchError::BadValue { .. })));
        assert!(!dir.path().join("none.toml").exists());
    }
}
