//! Document text is untrusted: before it reaches a terminal, control
//! characters (which can move the cursor, clear the screen or set the
//! window title) and bidi overrides (which can make text read in another
//! order than it is stored) are shown as escapes, as fd does, so the user
//! sees that they are there without the terminal obeying them.

use std::borrow::Cow;

/// `text` with control and bidi characters escaped (`\x1b`, `\u{202e}`);
/// a tab becomes a space. Text without any is returned as it is.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            c if c.is_control() && (c as u32) < 0x100 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_bidi(c)
}

/// The Unicode bidirectional formatting characters.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_bidi_and_leaves_the_rest() {
        assert_eq!(sanitize("Cabinet – café"), "Cabinet – café");
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a\\x1b[2Jb");
        assert_eq!(sanitize("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(sanitize("a\tb\u{7}"), "a b\\x07");
        assert_eq!(sanitize("c\u{9b}d"), "c\\x9bd");
    }
}
