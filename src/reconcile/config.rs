//! The user's own names, from a config file outside the corpus (archives
//! are often read-only): `minutes.toml`, found as `--config FILE`, in the
//! index folder, or beside it.
//!
//! ```toml
//! [[council]]
//! name = "Barrow City Council"
//! aliases = ["Barrow Corporation"]     # names documents give it
//! paths = ["barrow/**"]                # every document under these globs
//!
//! [[committee]]
//! name = "Planning Committee"
//! aliases = ["Planning Cttee"]
//! council = "Barrow City Council"      # optional: only under this council
//! paths = ["barrow/planning/**"]
//! ```
//!
//! A config name beats everything else, sidecars included (DESIGN.md's
//! precedence), and reconciliation never changes it.

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

pub use crate::config::CONFIG_FILE;

/// Why a config file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the config file {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read the config file {}: {message}; see 'Your own names' in the README for its form", .path.display())]
    Parse { path: PathBuf, message: String },
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    council: Vec<Entry>,
    #[serde(default)]
    committee: Vec<Entry>,
    /// Saved searches: read by `crate::watch`.
    #[serde(default)]
    #[serde(rename = "watch")]
    _watch: Vec<serde::de::IgnoredAny>,
    /// Sites and politeness: read by `crate::fetch`.
    #[serde(default)]
    #[serde(rename = "site")]
    _site: Vec<serde::de::IgnoredAny>,
    #[serde(default)]
    #[serde(rename = "fetch")]
    _fetch: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    paths: Vec<String>,
    /// Committees only: the council the entry is limited to.
    #[serde(default)]
    council: Option<String>,
}

/// One configured name.
#[derive(Debug)]
pub struct Name {
    pub name: String,
    aliases: Vec<String>,
    paths: GlobSet,
    council: Option<String>,
}

/// The configured councils and committees.
#[derive(Debug, Default)]
pub struct Config {
    pub councils: Vec<Name>,
    pub committees: Vec<Name>,
    /// Where it was read from, if anywhere.
    pub path: Option<PathBuf>,
}

/// A name as compared with an alias: case, spaces and "&" do not matter.
fn folded(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            if w == "&" {
                "and".to_owned()
            } else {
                w.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Name {
    fn matches_name(&self, name: &str) -> bool {
        let name = folded(name);
        folded(&self.name) == name || self.aliases.iter().any(|a| folded(a) == name)
    }
}

impl Config {
    /// The config for an index in `index` ([`crate::config::existing`]);
    /// none is an empty config.
    pub fn find(explicit: Option<&Path>, index: &Path) -> Result<Config, ConfigError> {
        match crate::config::existing(explicit, index) {
            Some(path) => Config::read(&path),
            None => Ok(Config::default()),
        }
    }

    /// Read and check one config file.
    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&text, path)
    }

    fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let parse_error = |message: String| ConfigError::Parse {
            path: path.to_path_buf(),
            message,
        };
        let file: File = toml::from_str(text).map_err(|e| parse_error(e.to_string()))?;
        let names = |entries: Vec<Entry>| -> Result<Vec<Name>, ConfigError> {
            entries
                .into_iter()
                .map(|e| {
                    let mut set = GlobSetBuilder::new();
                    for pattern in &e.paths {
                        let glob = Glob::new(pattern).map_err(|err| {
                            parse_error(format!(
                                "the path glob '{pattern}' of '{}' is not valid ({err}); write it like 'limerick/**'",
                                e.name
                            ))
                        })?;
                        set.add(glob);
                    }
                    let paths = set.build().map_err(|err| parse_error(err.to_string()))?;
                    Ok(Name {
                        name: e.name,
                        aliases: e.aliases,
                        paths,
                        council: e.council,
                    })
                })
                .collect()
        };
        Ok(Config {
            councils: names(file.council)?,
            committees: names(file.committee)?,
            path: Some(path.to_path_buf()),
        })
    }

    /// The configured council of the document `source` whose extracted
    /// council is `extracted`: by path first, then by name or alias.
    pub fn council(&self, source: &str, extracted: Option<&str>) -> Option<&str> {
        find(&self.councils, source, extracted, None)
    }

    /// The configured committee, as [`Config::council`], under `council`.
    pub fn committee(
        &self,
        source: &str,
        extracted: Option<&str>,
        council: Option<&str>,
    ) -> Option<&str> {
        find(&self.committees, source, extracted, council)
    }
}

fn find<'a>(
    names: &'a [Name],
    source: &str,
    extracted: Option<&str>,
    council: Option<&str>,
) -> Option<&'a str> {
    let in_council = |n: &&Name| {
        n.council
            .as_deref()
            .is_none_or(|c| council.is_some_and(|k| folded(c) == folded(k)))
    };
    names
        .iter()
        .filter(in_council)
        .find(|n| n.paths.is_match(source))
        .or_else(|| {
            let extracted = extracted?;
            names
                .iter()
                .filter(in_council)
                .find(|n| n.matches_name(extracted))
        })
        .map(|n| n.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"
[[council]]
name = "Barrow City Council"
aliases = ["Barrow Corporation", "Comhairle Bharrow"]
paths = ["barrow/**"]

[[committee]]
name = "Planning Committee"
aliases = ["Planning Cttee"]
council = "Barrow City Council"
"#;

    fn config() -> Config {
        Config::parse(EXAMPLE, Path::new("minutes.toml")).unwrap()
    }

    #[test]
    fn paths_and_aliases_give_the_configured_name() {
        let c = config();
        assert_eq!(
            c.council("barrow/2024/a.txt", None),
            Some("Barrow City Council")
        );
        assert_eq!(
            c.council("elsewhere/a.txt", Some("BARROW CORPORATION")),
            Some("Barrow City Council")
        );
        assert_eq!(c.council("elsewhere/a.txt", Some("Kirk Council")), None);
    }

    #[test]
    fn a_committee_entry_can_be_limited_to_its_council() {
        let c = config();
        let barrow = Some("Barrow City Council");
        assert_eq!(
            c.committee("x.txt", Some("planning cttee"), barrow),
            Some("Planning Committee")
        );
        assert_eq!(
            c.committee("x.txt", Some("Planning Cttee"), Some("Kirk Council")),
            None
        );
    }

    #[test]
    fn mistakes_are_reported_with_the_file_and_what_to_do() {
        let err = Config::parse("[[council]]\nnmae = \"x\"\n", Path::new("m.toml")).unwrap_err();
        assert!(err.to_string().contains("m.toml"), "{err}");
        let err = Config::parse(
            "[[council]]\nname = \"x\"\npaths = [\"a/[\"]\n",
            Path::new("m.toml"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("a/["), "{err}");
    }
}
