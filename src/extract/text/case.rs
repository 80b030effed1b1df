//! Names as people write them: capitals tidied, prefixes compared without
//! regard to case.

pub(super) fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}
/// Title-case a name written in capitals; leave mixed case alone.
pub fn tidy_case(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() || letters.iter().any(|c| c.is_lowercase()) {
        return name.to_owned();
    }
    name.split(' ')
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if i > 0 && ["and", "of", "the", "for", "on", "upon", "in"].contains(&lower.as_str()) {
                return lower;
            }
            let mut out = String::with_capacity(lower.len());
            let mut upper_next = true;
            for ch in lower.chars() {
                if upper_next {
                    out.extend(ch.to_uppercase());
                } else {
                    out.push(ch);
                }
                upper_next = ch == '-' || ch == '(';
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}
