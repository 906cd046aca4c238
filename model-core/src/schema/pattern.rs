//! A `pattern` rule's regular expression (the `regex` crate's dialect) as a JSON Schema
//! pattern (ECMA-262, Unicode mode) that matches the same text.
//!
//! The two dialects agree on most syntax but not on the meaning of a few escapes: in the
//! `regex` crate `\d`, `\w` and `\s` are Unicode classes and `.` stops only at `\n`, where
//! ECMA-262 takes ASCII digits and word characters, its own list of spaces, and stops `.` at
//! `\r`, U+2028 and U+2029 too. Those are written out as the Unicode classes they stand for.
//! What has no such translation (`\b`, inline flags, nested classes) is kept as written.

/// `\d`: Unicode decimal digits.
const DIGIT: &str = r"\p{Nd}";
const NOT_DIGIT: &str = r"\P{Nd}";
/// `\w`, as the `regex` crate defines it (UTS #18's word characters).
const WORD: &str = r"\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}";
/// `\s`: Unicode white space.
const SPACE: &str = r"\p{White_Space}";
const NOT_SPACE: &str = r"\P{White_Space}";

/// `pattern` with the escapes whose meaning differs written out.
pub(crate) fn translate(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    // Depth of `[...]`: inside a class, a class escape is written without brackets.
    let mut depth = 0usize;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') => out.push_str(DIGIT),
                Some('D') => out.push_str(NOT_DIGIT),
                Some('s') => out.push_str(SPACE),
                Some('S') => out.push_str(NOT_SPACE),
                Some('w') if depth > 0 => out.push_str(WORD),
                Some('w') => {
                    out.push('[');
                    out.push_str(WORD);
                    out.push(']');
                }
                Some('W') if depth == 0 => {
                    out.push_str("[^");
                    out.push_str(WORD);
                    out.push(']');
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' => {
                out.push('[');
                depth += 1;
                // A `]` right after `[` or `[^` is a literal in the `regex` crate.
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    out.push_str("\\]");
                    chars.next();
                }
            }
            ']' if depth > 0 => {
                out.push(']');
                depth -= 1;
            }
            '.' if depth == 0 => out.push_str("[^\\n]"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::translate;

    #[test]
    fn class_escapes_become_unicode_classes() {
        assert_eq!(translate(r"^\d+$"), r"^\p{Nd}+$");
        assert_eq!(translate(r"[\d.]"), r"[\p{Nd}.]");
        assert_eq!(
            translate(r"\w-[\w]"),
            r"[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]-[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]"
        );
        assert_eq!(
            translate(r"\s\S\D"),
            r"\p{White_Space}\P{White_Space}\P{Nd}"
        );
    }

    #[test]
    fn dot_stops_at_newline_only_and_the_rest_is_kept() {
        assert_eq!(translate("a.b"), r"a[^\n]b");
        assert_eq!(translate(r"\.[.]\\d\p{L}"), r"\.[.]\\d\p{L}");
        assert_eq!(translate(r"[]a]"), r"[\]a]");
        assert_eq!(translate(r"[^]a]"), r"[^\]a]");
        assert_eq!(
            translate(r"^\d{1,3}(\.\d{1,3}){3}$"),
            r"^\p{Nd}{1,3}(\.\p{Nd}{1,3}){3}$"
        );
    }
}
