//! JSON text read into a [`Node`] tree that keeps where each value starts.
//!
//! serde_json reads the text first (its syntax, nesting limit and numbers are the ones that
//! count); this scan then only finds where each value starts and ends, and hands strings and
//! numbers back to serde_json to decode, so that values read here are exactly those serde_json
//! reads. Repeated keys are kept, in order, to be reported.

use super::document::{Kind, Node, Wide, DEPTH};
use serde::de::{Error as _, IgnoredAny};
use std::borrow::Cow;

/// The tree of `text`, or serde_json's error for text that is not JSON or that nests deeper
/// than [`DEPTH`] (serde_json's own limit for what it reads into a type; it skips a value of
/// any depth, so the scan keeps count itself, and never recurses past it).
pub(super) fn parse(text: &str) -> Result<Node<'_>, serde_json::Error> {
    serde_json::from_str::<IgnoredAny>(text)?;
    let mut scan = Scan {
        text,
        at: 0,
        depth: 0,
    };
    match scan.value() {
        Some(node) => Ok(node),
        None if scan.depth > DEPTH => Err(serde_json::Error::custom(format_args!(
            "the document nests more than {DEPTH} levels deep"
        ))),
        None => Err(serde_json::Error::custom(
            "the JSON text could not be scanned",
        )),
    }
}

struct Scan<'de> {
    text: &'de str,
    at: usize,
    /// How many arrays and objects the value being scanned is in; past [`DEPTH`], the scan
    /// stops with it left there.
    depth: usize,
}

impl<'de> Scan<'de> {
    fn byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn blank(&mut self) {
        while matches!(self.byte(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// Steps over `byte` after blanks; `None` if something else stands there.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.blank();
        (self.byte()? == byte).then(|| self.at += 1)
    }

    /// The value starting at the next non-blank byte.
    fn value(&mut self) -> Option<Node<'de>> {
        self.blank();
        let start = self.at;
        let kind = match self.byte()? {
            b'{' => self.nested(Self::map)?,
            b'[' => self.nested(Self::seq)?,
            b'"' => Kind::Str(self.string()?),
            _ => self.scalar()?,
        };
        Some(Node::new(start, kind))
    }

    /// An array or object, one level deeper, if that is within [`DEPTH`].
    fn nested(&mut self, read: fn(&mut Self) -> Option<Kind<'de>>) -> Option<Kind<'de>> {
        self.depth += 1;
        if self.depth > DEPTH {
            return None;
        }
        let kind = read(self)?;
        self.depth -= 1;
        Some(kind)
    }

    fn map(&mut self) -> Option<Kind<'de>> {
        self.at += 1;
        let mut entries = Vec::new();
        self.blank();
        if self.byte()? == b'}' {
            self.at += 1;
            return Some(Kind::Map(entries));
        }
        loop {
            self.blank();
            let start = self.at;
            let key = Node::new(start, Kind::Str(self.string()?));
            self.expect(b':')?;
            let value = self.value()?;
            entries.push((key, value));
            self.blank();
            match self.byte()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(Kind::Map(entries));
                }
                _ => return None,
            }
        }
    }

    fn seq(&mut self) -> Option<Kind<'de>> {
        self.at += 1;
        let mut items = Vec::new();
        self.blank();
        if self.byte()? == b']' {
            self.at += 1;
            return Some(Kind::Seq(items));
        }
        loop {
            items.push(self.value()?);
            self.blank();
            match self.byte()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    return Some(Kind::Seq(items));
                }
                _ => return None,
            }
        }
    }

    /// A string: borrowed from the text when it has no escapes, else decoded by serde_json.
    fn string(&mut self) -> Option<Cow<'de, str>> {
        let bytes = self.text.as_bytes();
        if bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        let start = self.at;
        let mut end = start + 1;
        let mut escaped = false;
        loop {
            match bytes.get(end)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    end += 2;
                }
                _ => end += 1,
            }
        }
        self.at = end + 1;
        if escaped {
            serde_json::from_str(self.text.get(start..=end)?)
                .ok()
                .map(Cow::Owned)
        } else {
            self.text.get(start + 1..end).map(Cow::Borrowed)
        }
    }

    /// `true`, `false`, `null` or a number, decoded as serde_json decodes it.
    fn scalar(&mut self) -> Option<Kind<'de>> {
        let start = self.at;
        while let Some(byte) = self.byte() {
            if matches!(byte, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t') {
                break;
            }
            self.at += 1;
        }
        let token = self.text.get(start..self.at)?;
        Some(match token {
            "true" => Kind::Bool(true),
            "false" => Kind::Bool(false),
            "null" => Kind::Unit,
            number => {
                let parsed: serde_json::Number = serde_json::from_str(number).ok()?;
                if let Some(n) = parsed.as_u64() {
                    Kind::U64(n)
                } else if let Some(n) = parsed.as_i64() {
                    Kind::I64(n)
                } else if let Some(n) = wide(number) {
                    // Past 64 bits, as serde_json reads a `u128` or `i128` field.
                    Kind::Wide(n)
                } else {
                    Kind::F64(parsed.as_f64()?)
                }
            }
        })
    }
}

/// An integer literal of up to 128 bits.
fn wide(token: &str) -> Option<Wide> {
    if token.contains(['.', 'e', 'E']) {
        return None;
    }
    match token.strip_prefix('-') {
        Some(_) => token.parse().ok().map(Wide::I128),
        None => token.parse().ok().map(Wide::U128),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(node: &Node<'_>) -> String {
        match &node.kind {
            Kind::Map(entries) => entries
                .iter()
                .map(|(k, v)| format!("{}@{}={}", k.step(), k.at, kinds(v)))
                .collect::<Vec<_>>()
                .join(","),
            Kind::Seq(items) => items.iter().map(kinds).collect::<Vec<_>>().join(";"),
            _ => format!("{}@{}", node.step(), node.at),
        }
    }

    #[test]
    fn values_keep_where_they_start_and_repeated_keys_stay() {
        let text = r#" {"a": [1, -2, 3.5], "b\n": "x\"y", "a": null, "c": {}}"#;
        let root = parse(text).unwrap();
        assert_eq!(root.at, 1);
        assert_eq!(
            kinds(&root),
            "a@2=1@8;-2@11;3.5@15,b\n@21=x\"y@28,a@36=null@41,c@47="
        );
    }

    #[test]
    fn text_that_is_not_json_is_serde_json_error() {
        assert!(parse("{\"a\": }").unwrap_err().is_syntax());
        assert!(parse("[1, 2").unwrap_err().is_eof());
        assert!(parse(&"[".repeat(200)).is_err());
    }

    #[test]
    fn a_document_nests_at_most_the_limit() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse(&nested(DEPTH)).is_ok());
        // Well-formed JSON that serde_json skips whatever its depth: refused, not recursed into.
        let error = parse(&nested(100_000)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the document nests more than 128 levels deep"
        );
        let objects = format!("{}1{}", r#"{"a":"#.repeat(100_000), "}".repeat(100_000));
        assert!(parse(&objects).is_err());
    }
}
