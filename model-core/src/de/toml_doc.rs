//! TOML text read into a [`Node`] tree, from the spans the `toml` crate's parser keeps.

use super::document::{Kind, Node, DATE};
use std::borrow::Cow;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// The tree of a parsed TOML document; a table's entries in the order of the text.
pub(super) fn node(table: Spanned<DeTable<'_>>) -> Node<'_> {
    let at = table.span().start;
    Node::new(at, self::table(table.into_inner()))
}

fn table(table: DeTable<'_>) -> Kind<'_> {
    let mut entries: Vec<(Node<'_>, Node<'_>)> = table
        .into_iter()
        .map(|(key, value)| {
            let key_at = key.span().start;
            (
                Node::new(key_at, Kind::Str(key.into_inner())),
                self::value(value),
            )
        })
        .collect();
    entries.sort_by_key(|(key, _)| key.at);
    Kind::Map(entries)
}

fn value(value: Spanned<DeValue<'_>>) -> Node<'_> {
    let at = value.span().start;
    let kind = match value.into_inner() {
        DeValue::String(text) => Kind::Str(text),
        // In the order the `toml` crate's own reader tries them: i64, then u64.
        DeValue::Integer(n) => match i64::from_str_radix(n.as_str(), n.radix()) {
            Ok(n) => match u64::try_from(n) {
                Ok(n) => Kind::U64(n),
                Err(_) => Kind::I64(n),
            },
            Err(_) => match u64::from_str_radix(n.as_str(), n.radix()) {
                Ok(n) => Kind::U64(n),
                // Beyond 64 bits: refused, as the `toml` crate refuses it.
                Err(_) => Kind::TooLarge(n.as_str().to_owned(), "u64"),
            },
        },
        DeValue::Float(f) => {
            let text = f.as_str().replace('_', "");
            match text.parse::<f64>() {
                // A number too large for an `f64` is refused, as the `toml` crate refuses it,
                // not read as infinity.
                Ok(n) if n.is_infinite() && !text.ends_with("inf") => {
                    Kind::TooLarge(f.as_str().to_owned(), "f64")
                }
                Ok(n) => Kind::F64(n),
                Err(_) => Kind::Str(Cow::Owned(f.as_str().to_owned())),
            }
        }
        DeValue::Boolean(b) => Kind::Bool(b),
        // As the `toml` crate hands a date over: a map of one private key, which its `Datetime`
        // reads and a string field refuses.
        DeValue::Datetime(d) => Kind::Map(vec![(
            Node::new(at, Kind::Str(Cow::Borrowed(DATE))),
            Node::new(at, Kind::Str(Cow::Owned(d.to_string()))),
        )]),
        DeValue::Array(items) => Kind::Seq(items.into_iter().map(self::value).collect()),
        DeValue::Table(t) => table(t),
    };
    Node::new(at, kind)
}
