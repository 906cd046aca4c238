//! A JSON Schema `pattern` (ECMA-262, Unicode mode) as a `regex` crate expression that matches
//! the same text.
//!
//! The two dialects share most syntax. What differs in meaning is written out: `\d`, `\w` and
//! `\s` are ASCII digits, ASCII word characters and ECMA-262's own list of spaces (Unicode
//! classes in the `regex` crate), `.` stops at `\n`, `\r`, U+2028 and U+2029 (only `\n` in the
//! `regex` crate), `\b` is an ASCII word boundary, `[]` matches nothing and `[^]` anything.
//! What the `regex` crate cannot do (look-around, back-references) is refused, with the
//! reason; so is anything the `regex` crate then fails to compile.
//!
//! The patterns the export writes ([`crate::schema`]) use none of the escapes that differ: it
//! spells `\d`, `\w`, `\s` and `.` out as Unicode classes, which are kept as they are.

use crate::dynamic::FieldRule;

/// `\d`.
const DIGIT: &str = "0-9";
/// `\w`.
const WORD: &str = "0-9A-Za-z_";
/// `\s`: ECMA-262's white space and line terminators.
const SPACE: &str = r"\t\n\x0B\x0C\r\x20\xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
/// `.`: anything but a line terminator.
const DOT: &str = r"[^\n\r\x{2028}\x{2029}]";

/// The patterns the export writes for `ascii` and `alphanumeric`.
const ASCII: &str = "^[\\x00-\\x7F]*$";
const ALPHANUMERIC: &str = "^[\\p{Alphabetic}\\p{N}]*$";

/// The text rule a pattern says, when it is one the export writes for it: `ascii`,
/// `alphanumeric`, or literal text as `prefix` (`^text`), `suffix` (`text$`) or `contains`.
/// They accept what the pattern accepts, with their own codes.
pub(crate) fn text_rule(pattern: &str) -> Option<FieldRule> {
    match pattern {
        ASCII => return Some(FieldRule::Ascii),
        ALPHANUMERIC => return Some(FieldRule::Alphanumeric),
        _ => {}
    }
    let (start, rest) = match pattern.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    // `$` at the end, unless escaped.
    let (end, body) = match rest.strip_suffix('$') {
        Some(body) if !body.ends_with('\\') || body.ends_with("\\\\") => (true, body),
        _ => (false, rest),
    };
    let text = literal(body)?;
    match (start, end) {
        (true, false) => Some(FieldRule::Prefix(text)),
        (false, true) => Some(FieldRule::Suffix(text)),
        (false, false) if !text.is_empty() => Some(FieldRule::Contains(text)),
        _ => None,
    }
}

/// The text a pattern matches literally, if it is only literal (syntax characters escaped).
fn literal(body: &str) -> Option<String> {
    const SYNTAX: &str = "^$\\.*+?()[]{}|";
    let mut text = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(c) if SYNTAX.contains(c) || c == '/' => text.push(c),
                _ => return None,
            },
            c if SYNTAX.contains(c) => return None,
            c => text.push(c),
        }
    }
    Some(text)
}

/// `pattern` in the `regex` crate's dialect, or why it has none.
pub(crate) fn translate(pattern: &str) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut class = false;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    return Err("it ends with a lone `\\`".into());
                };
                escape(next, class, &mut chars, &mut out)?;
            }
            '[' if class => out.push_str("\\["),
            '[' => {
                class = true;
                let negated = chars.peek() == Some(&'^');
                if negated {
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    // `[]` matches nothing and `[^]` anything in ECMA-262.
                    chars.next();
                    class = false;
                    out.push_str(if negated {
                        r"[\x{0}-\x{10FFFF}]"
                    } else {
                        r"[^\x{0}-\x{10FFFF}]"
                    });
                } else {
                    out.push_str(if negated { "[^" } else { "[" });
                }
            }
            ']' if class => {
                class = false;
                out.push(']');
            }
            // Set operations of the `regex` crate, literal in ECMA-262.
            '&' | '~' if class => {
                out.push('\\');
                out.push(c);
            }
            '.' if !class => out.push_str(DOT),
            '(' if !class && chars.peek() == Some(&'?') => {
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with("?=")
                    || rest.starts_with("?!")
                    || rest.starts_with("?<=")
                    || rest.starts_with("?<!")
                {
                    return Err(
                        "look-around (`(?=`, `(?!`, `(?<=`, `(?<!`) is not supported".into(),
                    );
                }
                out.push('(');
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// One escape, `\` then `c`.
fn escape(
    c: char,
    class: bool,
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    out: &mut String,
) -> Result<(), String> {
    let set = |out: &mut String, inner: &str, negated: bool| match (class, negated) {
        (true, false) => out.push_str(inner),
        (_, true) => {
            out.push_str("[^");
            out.push_str(inner);
            out.push(']');
        }
        (false, false) => {
            out.push('[');
            out.push_str(inner);
            out.push(']');
        }
    };
    match c {
        'd' => set(out, DIGIT, false),
        'D' => set(out, DIGIT, true),
        'w' => set(out, WORD, false),
        'W' => set(out, WORD, true),
        's' => set(out, SPACE, false),
        'S' => set(out, SPACE, true),
        'b' if class => out.push_str(r"\x08"),
        'b' => out.push_str(r"(?-u:\b)"),
        'B' if !class => out.push_str(r"(?-u:\B)"),
        '0' if !chars.peek().is_some_and(char::is_ascii_digit) => out.push_str(r"\x00"),
        '1'..='9' => return Err("back-references are not supported".into()),
        'k' => return Err("named back-references are not supported".into()),
        'c' => match chars.next() {
            Some(letter) if letter.is_ascii_alphabetic() => {
                out.push_str(&format!(r"\x{:02X}", (letter as u32) % 32));
            }
            _ => return Err("`\\c` must be followed by a letter".into()),
        },
        'p' | 'P' | 'x' | 'u' | 'n' | 'r' | 't' | 'f' | 'v' => {
            out.push('\\');
            out.push(c);
        }
        c if c.is_ascii_alphanumeric() => {
            return Err(format!("the escape `\\{c}` is not one of ECMA-262"));
        }
        // A syntax character, or `/`, `-`...: the character itself.
        c if "^$\\.*+?()[]{}|-&~#".contains(c) => {
            out.push('\\');
            out.push(c);
        }
        c => out.push(c),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::translate;

    #[test]
    fn escapes_that_differ_are_written_out() {
        assert_eq!(translate(r"^\d+$").unwrap(), "^[0-9]+$");
        assert_eq!(translate(r"[\w.]").unwrap(), "[0-9A-Za-z_.]");
        assert_eq!(translate(r"\W").unwrap(), "[^0-9A-Za-z_]");
        assert_eq!(translate("a.b").unwrap(), r"a[^\n\r\x{2028}\x{2029}]b");
        assert_eq!(translate(r"\bx").unwrap(), r"(?-u:\b)x");
        assert_eq!(translate(r"[&&]").unwrap(), r"[\&\&]");
        assert_eq!(translate(r"\/\-").unwrap(), r"/\-");
    }

    #[test]
    fn what_the_export_writes_is_kept() {
        for pattern in [
            r"^\p{Nd}{1,3}(\.\p{Nd}{1,3}){3}$",
            r"^[\x00-\x7F]*$",
            r"^[\p{Alphabetic}\p{N}]*$",
            r"a[^\n]b",
            r"^pre\(fix\)",
        ] {
            assert_eq!(translate(pattern).unwrap(), pattern);
        }
    }

    #[test]
    fn literal_patterns_are_text_rules() {
        use super::text_rule;
        use crate::dynamic::FieldRule;
        let name = |p: &str| text_rule(p).map(|r| format!("{r:?}"));
        assert_eq!(
            name(r"^v\.1"),
            Some(format!("{:?}", FieldRule::Prefix("v.1".into())))
        );
        assert_eq!(
            name(r"!$"),
            Some(format!("{:?}", FieldRule::Suffix("!".into())))
        );
        assert_eq!(
            name(r"a\$"),
            Some(format!("{:?}", FieldRule::Contains("a$".into())))
        );
        assert_eq!(name(r"^[\x00-\x7F]*$"), Some("ascii".into()));
        assert_eq!(name(r"^ab$"), None);
        assert_eq!(name(r"^a+"), None);
        assert_eq!(name(r"\d"), None);
        assert_eq!(name(""), None);
    }

    #[test]
    fn what_the_regex_crate_lacks_is_refused() {
        assert!(translate(r"(?=a)").unwrap_err().contains("look-around"));
        assert!(translate(r"(a)\1").unwrap_err().contains("back-references"));
        assert!(translate("a\\").is_err());
    }
}
