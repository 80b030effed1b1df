//! What a sentence, a letterhead or OCR leaves on a committee's name, and
//! what is not a name at all: a leading comma, a trailing "was" or "held
//! on", a telephone number or postcode after it, lower-case OCR noise after
//! a name in capitals, a lone word that names no body.

/// Words that end a committee fragment swept up from a sentence.
const TRAILING: &[&str] = &[
    "was", "were", "is", "are", "has", "had", "which", "held", "on", "at", "of", "and", "the",
];

/// Words that start contact details after a name ("Tel 061 …", "Eircode").
const CONTACT: &[&str] = &[
    "tel",
    "phone",
    "telephone",
    "fax",
    "email",
    "eircode",
    "postcode",
];
/// ... and the letters that do when a colon follows ("t: 061 …").
const CONTACT_LETTERS: &[&str] = &["t", "e", "f"];

/// Words that open a clause after a name ("X, which was being …").
const CLAUSE: &[&str] = &["which", "who", "whom", "whose", "that", "where"];
/// Verbs that, after "to", give a meeting's purpose ("X To Consider the
/// Draft Budgetary Plan").
const PURPOSE: &[&str] = &[
    "consider", "discuss", "review", "receive", "approve", "agree", "note", "adopt", "elect",
];

/// Single words that name a body by themselves.
const LONE_BODIES: &[&str] = &[
    "cabinet",
    "council",
    "executive",
    "board",
    "assembly",
    "senate",
];

/// The committee's name, tidied, or `None` when nothing of a name is left.
pub fn committee(raw: &str) -> Option<String> {
    let raw = raw
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim();
    let mut kept: Vec<&str> = Vec::new();
    let mut capitals = 0;
    let all: Vec<&str> = raw.split_whitespace().collect();
    for (i, word) in all.iter().copied().enumerate() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = bare.to_lowercase();
        let next = all.get(i + 1).map(|w| w.to_lowercase());
        let clause = !kept.is_empty()
            && (CLAUSE.contains(&lower.as_str())
                || (lower == "to" && next.is_some_and(|n| PURPOSE.contains(&n.as_str()))));
        if clause {
            break;
        }
        let contact = CONTACT.contains(&lower.as_str())
            || (CONTACT_LETTERS.contains(&lower.as_str()) && word.ends_with(':'));
        let number = bare.chars().any(|c| c.is_ascii_digit()) && !is_ordinal(bare);
        // Lower-case words after a name in capitals are OCR noise.
        let noise = capitals >= 2 && bare.chars().any(char::is_lowercase);
        if contact || number || noise || (word.starts_with('(') && kept.len() >= 2) {
            break;
        }
        if bare.len() > 1 && bare.chars().all(|c| !c.is_lowercase()) {
            capitals += 1;
        }
        kept.push(word);
    }
    while let Some(last) = kept.last() {
        let bare = last
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if TRAILING.contains(&bare.as_str()) || bare.is_empty() {
            kept.pop();
        } else {
            break;
        }
    }
    let name = kept.join(" ");
    let name = name.trim_end_matches([',', ';', ':', '-', ' ']);
    let words: Vec<&str> = name.split_whitespace().collect();
    let enough = match words.as_slice() {
        [] => false,
        [one] => LONE_BODIES.contains(&one.to_lowercase().as_str()),
        _ => name.chars().filter(|c| c.is_alphabetic()).count() >= 3,
    };
    enough.then(|| crate::extract::text::tidy_case(name))
}

/// "2nd", "21st": part of a name's number, not a telephone.
fn is_ordinal(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    digits > 0
        && digits <= 2
        && ["st", "nd", "rd", "th"].contains(&word[digits..].to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::committee;

    #[test]
    fn sentence_leftovers_are_trimmed() {
        assert_eq!(
            committee(", Home and Social Development Strategic Policy Committee was").as_deref(),
            Some("Home and Social Development Strategic Policy Committee")
        );
        assert_eq!(
            committee("Environment Strategic Policy Committee held on").as_deref(),
            Some("Environment Strategic Policy Committee")
        );
        assert_eq!(
            committee("Planning Committee, which").as_deref(),
            Some("Planning Committee")
        );
        assert_eq!(
            committee("Area Board of Eastgate, which was being").as_deref(),
            Some("Area Board of Eastgate")
        );
        assert_eq!(
            committee("Metropolitan District of Fenwick To Consider the Draft Budget").as_deref(),
            Some("Metropolitan District of Fenwick")
        );
        // "To" that is part of a name stays.
        assert_eq!(
            committee("Road to Recovery Panel").as_deref(),
            Some("Road to Recovery Panel")
        );
    }

    #[test]
    fn contact_details_and_ocr_noise_are_not_part_of_a_name() {
        assert_eq!(
            committee("Joint Policing Committee t: 4353 (0) 61 557150").as_deref(),
            Some("Joint Policing Committee")
        );
        assert_eq!(
            committee("Licensing Committee Eircode V94 EH90").as_deref(),
            Some("Licensing Committee")
        );
        assert_eq!(
            committee("AUDIT AND STANDARDS COMMITTEE eve ee").as_deref(),
            Some("Audit and Standards Committee")
        );
        assert_eq!(
            committee("Overview Committee 01234 567890").as_deref(),
            Some("Overview Committee")
        );
    }

    #[test]
    fn a_lone_word_is_a_name_only_when_it_names_a_body() {
        assert_eq!(committee("Cabinet").as_deref(), Some("Cabinet"));
        assert_eq!(committee("Council").as_deref(), Some("Council"));
        assert_eq!(committee("Community"), None);
        assert_eq!(committee("Amended"), None);
        assert_eq!(committee("Municipal"), None);
        // Ordinals in a name stay.
        assert_eq!(
            committee("2nd Scrutiny Panel").as_deref(),
            Some("2nd Scrutiny Panel")
        );
    }
}
