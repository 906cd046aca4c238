//! The checked model: what `check` makes of the parsed attributes, and all that `expand`
//! reads. Raw attribute values (`attr`) never reach `expand` without passing through here.

use crate::attr::Assert;
use crate::attr::SerdeField;
use proc_macro2::{Span, TokenStream};
use syn::{DeriveInput, Ident, LitStr, Type};

pub struct Model<'a> {
    pub input: &'a DeriveInput,
    /// `#[model(crate = "...")]`: the path of a renamed `model` dependency.
    pub krate: Option<syn::Path>,
    pub name: String,
    pub doc: String,
    pub fields: Vec<Field<'a>>,
    pub checks: Vec<syn::Path>,
    pub asserts: Vec<Assert>,
    /// Whether to emit `Serialize` and `Deserialize` (when the `serde` feature is on).
    pub serde: bool,
    /// Whether `patch_json` may set fields (`#[model(patch = false)]` turns it off).
    pub patch: bool,
    /// Whether the model registers itself (`#[model(register = false)]` turns it off).
    pub register: bool,
    pub deny_unknown_fields: bool,
    /// `#[model(frozen)]`: no setters, no `update`, no set-by-name.
    pub frozen: bool,
    /// The field that keeps the changes (`#[model(track_changes)]`).
    pub changes: Option<&'a Ident>,
    /// `#[model(on_change = ...)]`, run after every committed change.
    pub on_change: Option<syn::Path>,
    pub computed: Vec<Computed>,
}

/// A computed field: `#[model(computed(name: Type = getter, set = setter))]`.
pub struct Computed {
    pub name: Ident,
    /// The external name: in the metadata, serialized keys and set-by-name (`rename_all`).
    pub key: String,
    pub ty: Type,
    pub get: syn::Path,
    pub set: Option<syn::Path>,
    /// Its index in the metadata's fields.
    pub index: usize,
    /// `secret`: redacted by name, as a secret field is.
    pub secret: bool,
    /// Whether its declaration says whether it is secret (`secret` or `secret = false`).
    pub secret_said: bool,
}

/// What a struct field is to the model.
pub enum Role<'a> {
    /// Data: constructed, validated, set, serialized.
    Stored,
    /// A `model::Lazy<T>`, computed by `load` on first access.
    Lazy {
        load: syn::Path,
        /// `T`.
        inner: &'a Type,
        /// The stored fields (indices into `Model::fields`) whose change resets it.
        depends_on: Vec<usize>,
    },
    /// The `model::Changes` of `#[model(track_changes)]`.
    Changes,
}

/// `on_set`: the hook, and whether it also runs on construction.
pub struct OnSet {
    pub path: syn::Path,
    pub init: bool,
}

pub struct Field<'a> {
    pub ident: &'a Ident,
    /// The name without `r#`: in paths, metadata and method names.
    pub name: String,
    /// The external name: in paths, metadata, serialized keys (`rename`, `rename_all`).
    pub key: String,
    pub ty: &'a Type,
    /// `T` for `Option<T>`, else the field type: what the rules check.
    pub target: &'a Type,
    pub optional: bool,
    /// Numbers, `bool` and `char`: returned by value, taken as their exact type.
    pub primitive: bool,
    pub rules: Vec<Rule>,
    pub readonly: bool,
    pub default: Option<FieldDefault>,
    /// Where its `secret` is, if it is secret (redacted in `Debug` and by name).
    pub secret: Option<Span>,
    /// Whether its declaration says whether it is secret (`secret` or `secret = false`).
    pub secret_said: bool,
    /// The field holds models (`#[model(nested)]`): deserialized and revalidated as a whole,
    /// their violations reported under this field's path. The span of `nested`, where a field
    /// that holds no models is reported.
    pub nested: Option<Span>,
    pub doc: String,
    pub role: Role<'a>,
    pub on_set: Option<OnSet>,
    /// What the field's `#[serde(...)]` asks of the generated serde impls.
    pub serde: SerdeField,
    /// Its index in the metadata's fields (every field but the `Changes` one).
    pub index: usize,
    /// Where its `pub` (or `pub(crate)`...) is, if it has one.
    pub public: Option<Span>,
}

pub struct Rule {
    pub span: Span,
    /// Whether the rule's value is a constant (a built-in rule with literal arguments): it is
    /// then built at compile time, into static memory.
    pub constant: bool,
    pub name: String,
    pub source: String,
    pub message: Option<LitStr>,
    pub kind: Kind,
}

pub enum Kind {
    /// A built-in rule, its arguments checked.
    Builtin(Builtin),
    /// `check = path`: a function that judges the value.
    Check(syn::Path),
    /// `with = expr`: a rule value of the user's.
    With(TokenStream),
    /// A regular expression, compiled once into a `static`.
    Pattern(LitStr),
    Each(Vec<Rule>),
    Keys(Vec<Rule>),
    Values(Vec<Rule>),
}

/// A built-in rule whose value is built from its arguments as written.
pub enum Builtin {
    Range(Bounds),
    /// In characters, or in bytes (`length(bytes, ..)`).
    Length {
        bytes: bool,
        bounds: Bounds,
    },
    NonNegative,
    Positive,
    NonEmpty,
    /// The rules on text, which apply to anything that is `AsRef<str>`.
    Text(TextRule),
    OneOf(Vec<TokenStream>),
}

pub enum TextRule {
    Ascii,
    Alphanumeric,
    Email,
    Url,
    Prefix(LitStr),
    Suffix(LitStr),
    Contains(LitStr),
}

/// A range that was checked: at least one bound, in order, not empty; each bound as written.
pub struct Bounds {
    pub lo: Option<TokenStream>,
    pub hi: Option<TokenStream>,
    /// Whether `hi` is included (`lo..=hi`).
    pub inclusive: bool,
}

/// A field's value when it is left out.
pub enum FieldDefault {
    /// `#[model(default = expr)]`: the expression as written.
    Expr(TokenStream),
    /// `#[model(default)]` or `#[serde(default)]`: `Default::default()`, at this span.
    Trait(Span),
    /// `#[serde(default = "path")]`: what the function returns.
    Call(syn::Path),
}

impl Field<'_> {
    pub fn validated(&self) -> bool {
        !self.rules.is_empty() || self.nested.is_some()
    }

    pub fn stored(&self) -> bool {
        matches!(self.role, Role::Stored)
    }

    /// Settable after construction: a stored field that is not read-only.
    pub fn writable(&self) -> bool {
        self.stored() && !self.readonly
    }
}

impl Model<'_> {
    /// The data fields, in declaration order.
    pub fn stored(&self) -> impl Iterator<Item = &Field<'_>> {
        self.fields.iter().filter(|f| f.stored())
    }

    /// Whether a change needs the bits of the fields it changed: to record them, to tell
    /// `on_change`, or to reset the lazy fields that depend on them.
    pub fn tracks(&self) -> bool {
        self.changes.is_some()
            || self.on_change.is_some()
            || self
                .fields
                .iter()
                .any(|f| matches!(&f.role, Role::Lazy { depends_on, .. } if !depends_on.is_empty()))
    }
}
