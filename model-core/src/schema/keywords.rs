//! Writing keywords into a schema: bounds that tighten, patterns that add up, values as JSON.

use crate::value::Value;
use serde_json::{Map, Number, Value as Json};

/// A schema object under construction.
pub(crate) type Node = Map<String, Json>;

/// Sets a lower bound (`minimum`, `minLength`...): the larger of `bound` and the one there.
pub(crate) fn at_least(node: &mut Node, key: &str, bound: Json) {
    tighten(node, key, bound, std::cmp::Ordering::Greater);
}

/// Sets an upper bound (`maximum`, `maxLength`...): the smaller of `bound` and the one there.
pub(crate) fn at_most(node: &mut Node, key: &str, bound: Json) {
    tighten(node, key, bound, std::cmp::Ordering::Less);
}

fn tighten(node: &mut Node, key: &str, bound: Json, keep: std::cmp::Ordering) {
    let replace = match node.get(key) {
        None => true,
        Some(old) => match compare(&bound, old) {
            Some(order) => order == keep,
            // Not comparable (not numbers): both must hold.
            None => {
                also(node, Map::from_iter([(key.to_owned(), bound)]));
                return;
            }
        },
    };
    if replace {
        node.insert(key.to_owned(), bound);
    }
}

/// Orders two JSON numbers exactly when both are integers, else as `f64`.
fn compare(a: &Json, b: &Json) -> Option<std::cmp::Ordering> {
    let (Json::Number(a), Json::Number(b)) = (a, b) else {
        return None;
    };
    match (integer(a), integer(b)) {
        (Some(a), Some(b)) => Some(a.cmp(&b)),
        _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
    }
}

fn integer(n: &Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

/// Adds a pattern: in `pattern`, or, when there is one already, in `allOf`.
pub(crate) fn pattern(node: &mut Node, pattern: String) {
    if node.contains_key("pattern") {
        also(
            node,
            Map::from_iter([("pattern".to_owned(), Json::String(pattern))]),
        );
    } else {
        node.insert("pattern".to_owned(), Json::String(pattern));
    }
}

/// Adds `schema` to the node's `allOf`: both must hold.
pub(crate) fn also(node: &mut Node, schema: Node) {
    let all = node
        .entry("allOf")
        .or_insert_with(|| Json::Array(Vec::new()));
    if let Json::Array(all) = all {
        all.push(Json::Object(schema));
    }
}

/// Names a rule the schema cannot say, in the node's `x-model-rules`.
pub(crate) fn unexpressed(node: &mut Node, name: &str, source: &str) {
    let written = if source.is_empty() {
        name.to_owned()
    } else {
        format!("{name}({source})")
    };
    let list = node
        .entry("x-model-rules")
        .or_insert_with(|| Json::Array(Vec::new()));
    if let Json::Array(list) = list {
        list.push(Json::String(written));
    }
}

/// A [`Value`] as JSON, as serialization writes it. A non-finite float, which JSON cannot
/// hold, is `null`.
pub(crate) fn json(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::UInt(u) => Json::from(*u),
        Value::Float(f) => Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::Str(s) => Json::String(s.to_string()),
        Value::List(items) => Json::Array(items.iter().map(json).collect()),
        Value::Map(entries) => Json::Object(
            entries
                .iter()
                .map(|(key, value)| (key.clone(), json(value)))
                .collect(),
        ),
    }
}

/// `text` as an ECMA-262 pattern matching it literally: the syntax characters escaped, and
/// nothing else (an escaped letter or `-` is an error in Unicode patterns).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "^$\\.*+?()[]{}|".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bounds_tighten() {
        let mut node = Node::new();
        at_least(&mut node, "minimum", json!(1));
        at_least(&mut node, "minimum", json!(0));
        at_least(&mut node, "minimum", json!(2.5));
        at_most(&mut node, "maximum", json!(u64::MAX));
        at_most(&mut node, "maximum", json!(i64::MAX));
        assert_eq!(
            Json::Object(node),
            json!({"minimum": 2.5, "maximum": i64::MAX})
        );
    }

    #[test]
    fn patterns_add_up() {
        let mut node = Node::new();
        pattern(&mut node, "^a".into());
        pattern(&mut node, "b$".into());
        assert_eq!(
            Json::Object(node),
            json!({"pattern": "^a", "allOf": [{"pattern": "b$"}]})
        );
    }

    #[test]
    fn escapes_syntax_characters_only() {
        assert_eq!(escape("a.b-c/d(e)"), r"a\.b-c/d\(e\)");
        assert_eq!(escape("é+"), r"é\+");
    }
}
