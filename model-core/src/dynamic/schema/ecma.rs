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
    let mut class = Class::Outside;
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        // Whether what was written is one character of a class, which a `-` may join to the
        // next in a range.
        let atom = match c {
            '\\' => {
                let Some(next) = chars.next() else {
                    return Err("it ends with a lone `\\`".into());
                };
                escape(next, class != Class::Outside, &mut chars, &mut out)?
            }
            '[' if class != Class::Outside => {
                out.push_str("\\[");
                true
            }
            '[' => {
                let negated = chars.peek() == Some(&'^');
                if negated {
                    chars.next();
                }
                if chars.peek() == Some(&']') {
                    // `[]` matches nothing and `[^]` anything in ECMA-262.
                    chars.next();
                    out.push_str(if negated {
                        r"[\x{0}-\x{10FFFF}]"
                    } else {
                        r"[^\x{0}-\x{10FFFF}]"
                    });
                } else {
                    class = Class::Start;
                    out.push_str(if negated { "[^" } else { "[" });
                }
                continue;
            }
            ']' if class != Class::Outside => {
                class = Class::Outside;
                out.push(']');
                continue;
            }
            ']' => return Err("a lone `]` is not allowed in ECMA-262's Unicode mode".into()),
            // A range between the character before and the one after; anywhere else, the
            // character `-` (`--` is a set difference in the `regex` crate).
            '-' if class == Class::Atom && chars.peek().is_some_and(|&next| next != ']') => {
                class = Class::Range;
                out.push('-');
                continue;
            }
            // Beside another dash, the `regex` crate would read an operator: escaped there
            // only, so that a pattern reads back as it was written wherever that is safe.
            // ECMA-262's Unicode mode refuses a range from a class escape; the `regex` crate
            // would read one from its expansion's last character.
            '-' if class == Class::Set && chars.peek().is_some_and(|&next| next != ']') => {
                return Err("a range cannot start at a class escape such as `\\d`".into());
            }
            '-' if class != Class::Outside => {
                if out.ends_with('-') || chars.peek() == Some(&'-') {
                    out.push('\\');
                }
                out.push('-');
                true
            }
            // Set operations of the `regex` crate, literal in ECMA-262.
            '&' | '~' if class != Class::Outside => {
                out.push('\\');
                out.push(c);
                true
            }
            '.' if class == Class::Outside => {
                out.push_str(DOT);
                false
            }
            '(' if class == Class::Outside && chars.peek() == Some(&'?') => {
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
                if !(rest.starts_with("?:") || rest.starts_with("?<")) {
                    return Err(format!(
                        "`({}` is not a group of ECMA-262 (flags such as `(?i)` are not part of a \
                         pattern)",
                        rest.chars().take(2).collect::<String>()
                    ));
                }
                out.push('(');
                false
            }
            other => {
                out.push(other);
                true
            }
        };
        class = match class {
            Class::Outside => Class::Outside,
            Class::Range if !atom => {
                return Err("a range cannot end at a class escape such as `\\d`".into());
            }
            // The end of a range starts nothing.
            Class::Range => Class::Start,
            _ if atom => Class::Atom,
            _ => Class::Set,
        };
    }
    Ok(out)
}

/// Where the translation stands with respect to a character class.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Outside,
    /// Inside, where a `-` is the character itself: at the start or after a range.
    Start,
    /// Inside, after one character, which a `-` joins to the next.
    Atom,
    /// Inside, after `-` between two characters.
    Range,
    /// Inside, after a class escape (`\d`, `\p{L}`), which no range may start from.
    Set,
}

/// One escape, `\` then `c`, written to `out`; whether it is one character (not a class such
/// as `\d` or `\p{L}`).
fn escape(
    c: char,
    class: bool,
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    out: &mut String,
) -> Result<bool, String> {
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
        'b' if class => {
            out.push_str(r"\x08");
            return Ok(true);
        }
        'b' => out.push_str(r"(?-u:\b)"),
        'B' if !class => out.push_str(r"(?-u:\B)"),
        '0' if !chars.peek().is_some_and(char::is_ascii_digit) => {
            out.push_str(r"\x00");
            return Ok(true);
        }
        '1'..='9' => return Err("back-references are not supported".into()),
        'k' => return Err("named back-references are not supported".into()),
        'c' => match chars.next() {
            Some(letter) if letter.is_ascii_alphabetic() => {
                out.push_str(&format!(r"\x{:02X}", (letter as u32) % 32));
                return Ok(true);
            }
            _ => return Err("`\\c` must be followed by a letter".into()),
        },
        // A property: the name in braces, kept whole.
        'p' | 'P' => {
            out.push('\\');
            out.push(c);
            copy_braces(chars, out);
        }
        // A character by its code: `\xHH`, `\uHHHH` or `\u{H...}`, kept whole.
        'x' | 'u' => {
            out.push('\\');
            out.push(c);
            if chars.peek() == Some(&'{') {
                copy_braces(chars, out);
            } else {
                let digits = if c == 'x' { 2 } else { 4 };
                for _ in 0..digits {
                    match chars.next_if(char::is_ascii_hexdigit) {
                        Some(digit) => out.push(digit),
                        None => return Err(format!("`\\{c}` must be followed by hex digits")),
                    }
                }
            }
            return Ok(true);
        }
        'n' | 'r' | 't' | 'f' | 'v' => {
            out.push('\\');
            out.push(c);
            return Ok(true);
        }
        c if c.is_ascii_alphanumeric() => {
            return Err(format!("the escape `\\{c}` is not one of ECMA-262"));
        }
        // Anything else (a syntax character, `/`, `-`...) is the character itself: escaped if
        // the `regex` crate gives it a meaning, alone if not (`\\<` is a word boundary there).
        c => {
            if "\\.+*?()|[]{}^$#&-~".contains(c) {
                out.push('\\');
            }
            out.push(c);
            return Ok(true);
        }
    }
    Ok(false)
}

/// `{...}` after an escape, copied as it is (an unclosed one is left to the `regex` crate).
fn copy_braces(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, out: &mut String) {
    if chars.peek() != Some(&'{') {
        return;
    }
    for c in chars.by_ref() {
        out.push(c);
        if c == '}' {
            break;
        }
    }
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
        assert_eq!(translate(r"\/\-\<").unwrap(), r"/\-<");
    }

    #[test]
    fn a_dash_is_a_range_between_two_characters_and_itself_anywhere_else() {
        // `--` is a set difference in the `regex` crate: every literal dash is escaped.
        assert_eq!(translate(r"^[a-z--x]$").unwrap(), r"^[a-z\--x]$");
        assert_eq!(translate(r"[!--]").unwrap(), r"[!-\-]");
        assert_eq!(translate(r"[--0]").unwrap(), r"[\--0]");
        assert_eq!(translate(r"[+--]").unwrap(), r"[+-\-]");
        // A dash that the `regex` crate reads as the character too is written as it is.
        assert_eq!(translate(r"[-a]").unwrap(), r"[-a]");
        assert_eq!(translate(r"[a-]").unwrap(), r"[a-]");
        assert_eq!(translate(r"[\d-]").unwrap(), r"[0-9-]");
        assert_eq!(translate(r"[\x00-\x7F-z]").unwrap(), r"[\x00-\x7F-z]");
        assert_eq!(translate(r"[\u{41}-\u005A]").unwrap(), r"[\u{41}-\u005A]");
    }

    #[test]
    fn what_is_not_ecma_is_refused() {
        // A range from or to a class escape: `[\w-z]` would be `[0-9A-Za-z_-z]`, `_` to `z`.
        assert!(translate(r"[\w-z]").unwrap_err().contains("class escape"));
        assert!(translate(r"[a-\d]").unwrap_err().contains("class escape"));
        assert!(translate(r"(?i)a").unwrap_err().contains("not a group"));
        assert!(translate(r"(?x)a b").is_err());
        assert!(translate(r"[[:alpha:]]").unwrap_err().contains("lone `]`"));
        assert!(translate(r"(?:a)(?<name>b)").is_ok());
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
