//! A regex tried only where its first word starts, anchored there.
//!
//! A pattern with counted repetitions (`[^.]{0,200}?`, `[^\n]{0,120}?`) is
//! cheap to run forward from a known start but dear to search for: after a
//! match ends, the regex crate searches back to find where it began, and
//! its lazy DFA builds the states of every count again and again. A
//! pattern that starts with a word boundary and one of a few words can be
//! tried only where those words start, anchored there. That gives the
//! matches a search of the whole text gives, in order and not overlapping,
//! since every match starts where one of the words does (each user's test
//! compares the two).

use regex::{Captures, Regex};

use super::re;

/// `(?-u:\b)PATTERN` under `flags`, found by trying `PATTERN` where one of
/// its first words starts.
pub(crate) struct Anchored {
    /// Where a match can start: the first words, after a word boundary.
    starts: Regex,
    /// The pattern, anchored at the start of what it is given.
    here: Regex,
}

impl Anchored {
    /// `pattern` under `flags` (`"(?is)"`, say), whose every match begins
    /// with one of the words `starts` (an alternation) matches.
    pub fn new(flags: &str, starts: &str, pattern: &str) -> Anchored {
        Anchored {
            starts: re(&format!("{flags}(?-u:\\b)(?:{starts})")),
            here: re(&format!("{flags}^(?:{pattern})")),
        }
    }

    /// Each match in `text`, as `captures_iter` of the whole pattern gives
    /// them: where it starts, and its groups (offsets counted from there).
    pub fn captures_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (usize, Captures<'t>)> + 't {
        let mut resume = 0;
        self.starts.find_iter(text).filter_map(move |word| {
            let start = word.start();
            if start < resume {
                return None;
            }
            let c = self.here.captures(text.get(start..)?)?;
            resume = start + c.get(0)?.end();
            Some((start, c))
        })
    }

    /// Where the first match in `text` starts, as `find` of the whole
    /// pattern gives it.
    pub fn find_start(&self, text: &str) -> Option<usize> {
        self.starts
            .find_iter(text)
            .map(|word| word.start())
            .find(|&start| {
                text.get(start..)
                    .is_some_and(|rest| self.here.is_match(rest))
            })
    }
}
