//! A model as an object schema, the models it refers to as `$defs`, and the registry's
//! schema: one of the registered models, told apart by the tag.

use super::keywords::{json, Node};
use super::types::{schema, Pending};
use super::DIALECT;
use crate::meta::{FieldKind, FieldMeta, ModelMeta};
use crate::registry::Registry;
use crate::shape::Shape;
use serde_json::{Map, Value as Json};

/// The models a schema refers to, each written once under `$defs`.
pub(crate) struct Defs {
    /// Where references point: `#/$defs/`, or a generator's own place.
    prefix: String,
    /// The model whose schema is the document itself, referred to as `#`.
    root: Option<&'static ModelMeta>,
    /// The models met so far, by their name in `$defs`.
    seen: Vec<(&'static ModelMeta, String)>,
    pub(crate) schemas: Map<String, Json>,
}

impl Defs {
    pub(crate) fn new(prefix: &str, root: Option<&'static ModelMeta>) -> Defs {
        Defs {
            prefix: prefix.to_owned(),
            root,
            seen: Vec::new(),
            schemas: Map::new(),
        }
    }

    /// A reference to `meta`'s schema, written under `$defs` the first time.
    pub(crate) fn reference(&mut self, meta: &'static ModelMeta) -> Node {
        let target = if self.root.is_some_and(|root| same(root, meta)) {
            "#".to_owned()
        } else {
            let key = self.key(meta);
            format!("{}{}", self.prefix, pointer(&key))
        };
        Node::from_iter([("$ref".to_owned(), Json::String(target))])
    }

    /// The name of `meta` under `$defs`, its schema written there the first time.
    pub(crate) fn key(&mut self, meta: &'static ModelMeta) -> String {
        if let Some((_, key)) = self.seen.iter().find(|(m, _)| same(m, meta)) {
            return key.clone();
        }
        // Two models of one name (from different modules) get different keys.
        let mut key = meta.name().to_owned();
        let mut n = 1;
        while self.seen.iter().any(|(_, k)| *k == key) {
            n += 1;
            key = format!("{}{n}", meta.name());
        }
        // Known before its schema is made, so that a model holding itself ends.
        self.seen.push((meta, key.clone()));
        let schema = object(meta, self);
        self.schemas.insert(key.clone(), Json::Object(schema));
        key
    }
}

/// Whether two metadata are of the same model: the same constant, or the same description
/// (the constant of a model may be copied into several places).
fn same(a: &ModelMeta, b: &ModelMeta) -> bool {
    std::ptr::eq(a, b)
        || (a.name() == b.name()
            && a.rust_name() == b.rust_name()
            && a.field_list().len() == b.field_list().len()
            && a.field_list()
                .iter()
                .zip(b.field_list())
                .all(|(x, y)| x.name() == y.name() && x.ty() == y.ty()))
}

/// `name` as a JSON Pointer token.
fn pointer(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// The JSON Schema (draft 2020-12) of the model described by `meta`: an object with its
/// fields as properties, and the models it holds under `$defs`.
///
/// [`Model::json_schema`](crate::Model::json_schema) calls it with the model's metadata.
pub fn model_schema(meta: &'static ModelMeta) -> Json {
    let mut defs = Defs::new("#/$defs/", Some(meta));
    let body = object(meta, &mut defs);
    document(body, defs.schemas)
}

fn document(body: Node, defs: Map<String, Json>) -> Json {
    let mut out = Node::new();
    out.insert("$schema".to_owned(), DIALECT.into());
    out.extend(body);
    if !defs.is_empty() {
        out.insert("$defs".to_owned(), Json::Object(defs));
    }
    Json::Object(out)
}

/// One JSON Schema (draft 2020-12) for every model of `registry`: an object whose `tag` key
/// names a registered model, and whose other keys are that model's fields. This is what
/// [`Registry::from_json_tagged`] reads; `tag` is `"type"` for [`Registry::from_json`].
///
/// The models are the branches of a `oneOf`, in the order of [`Registry::names`]; each
/// requires the tag with its name as a `const`, so that exactly one branch can hold.
pub fn registry_schema(registry: &Registry, tag: &str) -> Json {
    let mut defs = Defs::new("#/$defs/", None);
    let mut branches = Vec::new();
    for name in registry.names() {
        let Ok(entry) = registry.get(name) else {
            continue;
        };
        let mut body = object(entry.meta(), &mut defs);
        let constant = Node::from_iter([("const".to_owned(), Json::String(name.to_owned()))]);
        let mut properties = Node::from_iter([(tag.to_owned(), Json::Object(constant))]);
        if let Some(Json::Object(fields)) = body.remove("properties") {
            properties.extend(fields);
        }
        body.insert("properties".to_owned(), Json::Object(properties));
        let mut required = vec![Json::String(tag.to_owned())];
        if let Some(Json::Array(fields)) = body.remove("required") {
            required.extend(fields);
        }
        body.insert("required".to_owned(), Json::Array(required));
        branches.push(Json::Object(body));
    }
    let mut root = Node::new();
    root.insert("type".to_owned(), "object".into());
    root.insert(
        "required".to_owned(),
        Json::Array(vec![Json::String(tag.to_owned())]),
    );
    root.insert("oneOf".to_owned(), Json::Array(branches));
    document(root, defs.schemas)
}

/// The object schema of a model, without `$schema` and `$defs`.
pub(crate) fn object(meta: &'static ModelMeta, defs: &mut Defs) -> Node {
    let mut node = Node::new();
    node.insert("title".to_owned(), meta.name().into());
    if let Some(doc) = documentation(meta.documentation()) {
        node.insert("description".to_owned(), doc);
    }
    node.insert("type".to_owned(), "object".into());
    let mut properties = Node::new();
    let mut required = Vec::new();
    for field in meta.field_list() {
        if field.field_kind() == FieldKind::Lazy {
            continue;
        }
        if field.field_kind() == FieldKind::Stored && !field.is_default() && !field.is_optional() {
            required.push(Json::String(field.name().to_owned()));
        }
        properties.insert(field.name().to_owned(), Json::Object(property(field, defs)));
    }
    node.insert("properties".to_owned(), Json::Object(properties));
    node.insert("required".to_owned(), Json::Array(required));
    if !meta.allows_unknown_fields() {
        node.insert("additionalProperties".to_owned(), false.into());
    }
    if !meta.check_list().is_empty() {
        let checks = meta.check_list().iter().map(|c| Json::from(*c)).collect();
        node.insert("x-model-checks".to_owned(), Json::Array(checks));
    }
    node
}

/// The schema of one field.
fn property(field: &'static FieldMeta, defs: &mut Defs) -> Node {
    let shape = field.data_shape();
    let rules: Vec<Pending<'_>> = field.rule_list().iter().map(Pending::new).collect();
    let mut node = schema(&shape, &rules, defs);
    if let Some(doc) = documentation(field.documentation()) {
        node.insert("description".to_owned(), doc);
    }
    if let Some(default) = field.default() {
        node.insert("default".to_owned(), json(&default));
    }
    // A computed field is written, never read: output only, whether or not it has a setter.
    if field.is_readonly() || field.field_kind() == FieldKind::Computed {
        node.insert("readOnly".to_owned(), true.into());
    }
    if field.is_secret() {
        node.insert("writeOnly".to_owned(), true.into());
        let text = matches!(shape, Shape::Str | Shape::Optional(Shape::Str));
        if text && !node.contains_key("format") {
            node.insert("format".to_owned(), "password".into());
        }
    }
    node
}

/// The `///` text, trimmed; `None` when there is none.
fn documentation(doc: &str) -> Option<Json> {
    let doc = doc.trim();
    (!doc.is_empty()).then(|| Json::String(doc.to_owned()))
}
