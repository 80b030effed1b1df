//! Comparing names as an archivist would: by their words, in any order,
//! without "of", "the", "and" and "council", and forgiving the letter
//! slips of OCR ("Limenck" for "Limerick").

use crate::extract::text::edit_distance;

/// Words that do not tell one body from another.
const FILLER: &[&str] = &["of", "the", "and", "&", "council", "s"];

/// The words of a name that tell it apart, lower-cased, in order; a hyphen
/// or an apostrophe splits words ("Cappamore-Kilmallock", "Council's").
pub fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !FILLER.contains(&w.as_str()))
        .collect()
}

/// Whether two names have the same distinguishing words, in any order
/// ("Township of Nipissing", "Nipissing Township").
pub fn same_words(a: &[String], b: &[String]) -> bool {
    if a.len() != b.len() || a.is_empty() {
        return false;
    }
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort();
    b.sort();
    a == b
}

/// Whether two names have the same words in the same order, each one the
/// same or an OCR slip of the other, and at least one word exactly alike.
pub fn ocr_alike(a: &[String], b: &[String]) -> bool {
    a.len() == b.len()
        && !a.is_empty()
        && a.iter().zip(b).all(|(x, y)| slip(x, y))
        && a.iter().zip(b).any(|(x, y)| x == y)
}

/// One word misread as another: a few letters apart for its length, and
/// never a number read as another number.
pub fn slip(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.chars().any(|c| c.is_ascii_digit()) || b.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let longest = a.chars().count().max(b.chars().count());
    longest >= 4 && edit_distance(a, b) <= longest.div_ceil(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(s)
    }

    #[test]
    fn order_filler_and_ampersands_do_not_matter() {
        assert!(same_words(
            &w("Township of Nipissing"),
            &w("Nipissing Township")
        ));
        assert!(same_words(
            &w("Limerick City & County Council"),
            &w("Limerick City and County Council")
        ));
        assert!(same_words(&w("City of London"), &w("London City Council")));
        assert!(!same_words(
            &w("Limerick City Council"),
            &w("Limerick County Council")
        ));
    }

    #[test]
    fn ocr_slips_are_alike_but_other_places_are_not() {
        assert!(ocr_alike(
            &w("Limenck City and County Council"),
            &w("Limerick City and County Council")
        ));
        assert!(ocr_alike(
            &w("Umerick Cty and County"),
            &w("Limerick City and County")
        ));
        assert!(ocr_alike(
            &w("Municipal District of Cappamore-Kilmatlock"),
            &w("Municipal District of Cappamore-Kilmallock")
        ));
        // Different places, different bodies.
        assert!(!ocr_alike(
            &w("Kerry County Council"),
            &w("Cork County Council")
        ));
        assert!(!ocr_alike(
            &w("Kent County Council"),
            &w("Kerry County Council")
        ));
        assert!(!ocr_alike(
            &w("Limerick City Council"),
            &w("Limerick County Council")
        ));
        assert!(!ocr_alike(&w("Scrutiny Board 2"), &w("Scrutiny Board 3")));
    }
}
