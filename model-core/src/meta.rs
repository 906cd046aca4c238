//! Reflection: static metadata of a model and its fields, reachable from the type alone.
//!
//! The derive writes this metadata as constants; serialization, the registry, set-by-name and
//! schemas all read it. Everything here is built by `const` methods, so reading the metadata
//! costs nothing at run time. Read it through [`Model::meta`](crate::Model::meta); the
//! constructors that build it are for generated code, hidden and not public API.

use crate::error::Params;
use crate::shape::Shape;
use crate::suggest::{close_matches, DidYouMean, Names};
use crate::value::Value;
use std::fmt;

/// Metadata of a model type.
#[derive(Clone, Copy, Debug)]
pub struct ModelMeta {
    name: &'static str,
    type_name: &'static str,
    doc: &'static str,
    fields: &'static [FieldMeta],
    checks: &'static [&'static str],
    unknown_fields: bool,
}

impl ModelMeta {
    /// Metadata of a model called `name`, without fields.
    #[doc(hidden)]
    pub const fn new(name: &'static str) -> ModelMeta {
        ModelMeta {
            name,
            type_name: name,
            doc: "",
            fields: &[],
            checks: &[],
            unknown_fields: false,
        }
    }

    /// Marks the model as accepting unknown fields in its input (`allow_unknown_fields`).
    pub const fn unknown_fields(mut self, allowed: bool) -> ModelMeta {
        self.unknown_fields = allowed;
        self
    }

    /// Whether input may hold fields the model does not have (they are then ignored).
    pub const fn allows_unknown_fields(&self) -> bool {
        self.unknown_fields
    }

    /// Sets the Rust type name, when the model's name differs from it.
    #[doc(hidden)]
    pub const fn type_name(mut self, type_name: &'static str) -> ModelMeta {
        self.type_name = type_name;
        self
    }

    /// Sets the documentation.
    #[doc(hidden)]
    pub const fn doc(mut self, doc: &'static str) -> ModelMeta {
        self.doc = doc;
        self
    }

    /// Sets the fields.
    #[doc(hidden)]
    pub const fn fields(mut self, fields: &'static [FieldMeta]) -> ModelMeta {
        self.fields = fields;
        self
    }

    /// Sets the struct-level checks, as written.
    #[doc(hidden)]
    pub const fn checks(mut self, checks: &'static [&'static str]) -> ModelMeta {
        self.checks = checks;
        self
    }

    /// The model's name: its type name unless `#[model(name = "...")]` says otherwise.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The Rust type name, as written (without generic arguments).
    pub const fn rust_name(&self) -> &'static str {
        self.type_name
    }

    /// The `///` documentation of the struct.
    pub const fn documentation(&self) -> &'static str {
        self.doc
    }

    /// The fields, in declaration order.
    pub const fn field_list(&self) -> &'static [FieldMeta] {
        self.fields
    }

    /// The field called `name` (its external name, or its Rust name).
    pub fn field(&self, name: &str) -> Option<&'static FieldMeta> {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .or_else(|| self.fields.iter().find(|f| f.rust_name == name))
    }

    /// The index in [`field_list`](Self::field_list) of the field called `name` (its external
    /// name, or its Rust name), or an error naming the fields close to `name`.
    ///
    /// ```
    /// use model_core::{FieldMeta, ModelMeta};
    ///
    /// static FIELDS: [FieldMeta; 2] =
    ///     [FieldMeta::new("name", "String"), FieldMeta::new("cpuCores", "i64").rust_name("cpu_cores")];
    /// static META: ModelMeta = ModelMeta::new("ServerResource").fields(&FIELDS);
    ///
    /// assert_eq!(META.field_index("cpuCores"), Ok(1));
    /// assert_eq!(META.field_index("cpu_cores"), Ok(1));
    /// let error = META.field_index("cpuCore").unwrap_err();
    /// assert_eq!(error.close_matches(), ["cpuCores"]);
    /// assert_eq!(error.to_string(), "`ServerResource` has no field `cpuCore`; did you mean `cpuCores`?");
    /// ```
    pub fn field_index(&self, name: &str) -> Result<usize, UnknownField> {
        self.fields
            .iter()
            .position(|f| f.name == name)
            .or_else(|| self.fields.iter().position(|f| f.rust_name == name))
            .ok_or_else(|| UnknownField::new(self, name))
    }

    /// The struct-level checks (`#[model(check = ...)]`), as written.
    pub const fn check_list(&self) -> &'static [&'static str] {
        self.checks
    }
}

/// A field asked for by a name that the model does not have.
///
/// It names the fields close to the name asked for, or, when none is close, every field:
///
/// ```text
/// `ServerResource` has no field `cpu_core`; did you mean `cpu_cores`?
/// `Point` has no field `z`; its fields are `x`, `y`
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownField {
    model: &'static str,
    name: String,
    close: Vec<&'static str>,
    fields: Vec<&'static str>,
}

impl fmt::Display for UnknownField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` has no field `{}`{}",
            self.model,
            self.name,
            Hint(self)
        )
    }
}

impl std::error::Error for UnknownField {}

impl UnknownField {
    /// The error of a field called `name` asked of the model described by `meta`.
    ///
    /// Suggestions are external names; Rust names are suggested only when no external name is
    /// close.
    pub fn new(meta: &ModelMeta, name: impl Into<String>) -> UnknownField {
        let name = name.into();
        let mut close = close_matches(&name, meta.fields.iter().map(FieldMeta::name));
        if close.is_empty() {
            close = close_matches(
                &name,
                meta.fields
                    .iter()
                    .filter(|f| f.rust_name != f.name)
                    .map(FieldMeta::ident),
            );
        }
        UnknownField {
            model: meta.name,
            name,
            close,
            fields: meta.fields.iter().map(FieldMeta::name).collect(),
        }
    }

    /// The name asked for.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The model's name.
    pub fn model(&self) -> &'static str {
        self.model
    }

    /// The model's field names close to the one asked for, closest first, at most three.
    pub fn close_matches(&self) -> &[&'static str] {
        &self.close
    }

    /// Every field name of the model, in declaration order.
    pub fn known_fields(&self) -> &[&'static str] {
        &self.fields
    }
}

/// What follows "has no field `x`": the suggestions, or else the fields.
struct Hint<'a>(&'a UnknownField);

impl fmt::Display for Hint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let error = self.0;
        if !error.close.is_empty() {
            fmt::Display::fmt(&DidYouMean(&error.close), f)
        } else if error.fields.is_empty() {
            f.write_str("; it has no fields")
        } else {
            let names = Names {
                names: &error.fields,
                joiner: ", ",
            };
            write!(f, "; its fields are {names}")
        }
    }
}

/// Metadata of one field.
#[derive(Clone, Copy, Debug)]
pub struct FieldMeta {
    name: &'static str,
    rust_name: &'static str,
    ty: &'static str,
    doc: &'static str,
    rules: &'static [RuleMeta],
    readonly: bool,
    has_default: bool,
    secret: bool,
    optional: bool,
    kind: FieldKind,
    shape: ShapeOf,
    default: Option<DefaultOf>,
}

/// Where a field's shape comes from: a function (compiled models) or a value (runtime models).
#[derive(Clone, Copy, Debug)]
enum ShapeOf {
    Function(fn() -> Shape),
    /// The model's table of its fields' shapes (one function per model, not one per field),
    /// and this field's index in it.
    Table(fn(usize) -> Shape, usize),
    Fixed(Shape),
}

/// Where a field's default comes from: a function (compiled models) or a value (runtime models).
#[derive(Clone, Copy, Debug)]
enum DefaultOf {
    Function(fn() -> Option<Value>),
    Fixed(&'static Value),
}

/// Where a field's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldKind {
    /// Stored in the struct: constructed, validated, serialized.
    Stored,
    /// Computed from the other fields (`#[model(computed(...))]`): serialized (output only),
    /// read by name, settable only through its setter function.
    Computed,
    /// A `model::Lazy<T>` field (`#[model(lazy = ...)]`): computed on first access, then cached;
    /// neither serialized nor set.
    Lazy,
}

impl FieldMeta {
    /// A field called `name` of type `ty` (as written), without rules.
    #[doc(hidden)]
    pub const fn new(name: &'static str, ty: &'static str) -> FieldMeta {
        FieldMeta {
            name,
            rust_name: name,
            ty,
            doc: "",
            rules: &[],
            readonly: false,
            has_default: false,
            secret: false,
            optional: false,
            kind: FieldKind::Stored,
            shape: ShapeOf::Fixed(Shape::Unknown),
            default: None,
        }
    }

    /// Sets the function giving the shape of the field's type as data (the whole type:
    /// `Option<T>` is [`Shape::Optional`]).
    pub const fn shape(mut self, shape: fn() -> Shape) -> FieldMeta {
        self.shape = ShapeOf::Function(shape);
        self
    }

    /// Sets the shape of the field's type as entry `index` of `table`, a function of the model
    /// that gives the shape of each of its fields (what the derive writes).
    #[doc(hidden)]
    pub const fn shape_at(mut self, table: fn(usize) -> Shape, index: usize) -> FieldMeta {
        self.shape = ShapeOf::Table(table, index);
        self
    }

    /// Sets the shape of the field's type, known as a value (runtime models).
    #[doc(hidden)]
    pub const fn fixed_shape(mut self, shape: Shape) -> FieldMeta {
        self.shape = ShapeOf::Fixed(shape);
        self
    }

    /// Sets the default value, known as a value (runtime models).
    #[doc(hidden)]
    pub const fn fixed_default(mut self, default: &'static Value) -> FieldMeta {
        self.default = Some(DefaultOf::Fixed(default));
        self
    }

    /// Sets the function giving the default value, as a [`Value`] (`None` when the type has no
    /// [`ToValue`](crate::ToValue)).
    pub const fn default_value(mut self, default: fn() -> Option<Value>) -> FieldMeta {
        self.default = Some(DefaultOf::Function(default));
        self
    }

    /// The shape of the field's type as data: what serialization writes and reads.
    pub fn data_shape(&self) -> Shape {
        match self.shape {
            ShapeOf::Function(shape) => shape(),
            ShapeOf::Table(table, index) => table(index),
            ShapeOf::Fixed(shape) => shape,
        }
    }

    /// The default value, when the field has one that reads as a [`Value`]. It is computed
    /// on each call.
    pub fn default(&self) -> Option<Value> {
        match self.default? {
            DefaultOf::Function(default) => default(),
            DefaultOf::Fixed(default) => Some(default.clone()),
        }
    }

    /// Sets the Rust name, when the external name differs from it.
    #[doc(hidden)]
    pub const fn rust_name(mut self, rust_name: &'static str) -> FieldMeta {
        self.rust_name = rust_name;
        self
    }

    /// Sets the documentation.
    #[doc(hidden)]
    pub const fn doc(mut self, doc: &'static str) -> FieldMeta {
        self.doc = doc;
        self
    }

    /// Sets the rules.
    #[doc(hidden)]
    pub const fn rules(mut self, rules: &'static [RuleMeta]) -> FieldMeta {
        self.rules = rules;
        self
    }

    /// Marks the field read-only: set at construction, never changed.
    #[doc(hidden)]
    pub const fn readonly(mut self, readonly: bool) -> FieldMeta {
        self.readonly = readonly;
        self
    }

    /// Marks the field as having a default value.
    #[doc(hidden)]
    pub const fn has_default(mut self, has_default: bool) -> FieldMeta {
        self.has_default = has_default;
        self
    }

    /// Marks the field secret: its value is redacted from `Debug`, error parameters and
    /// get-by-name.
    #[doc(hidden)]
    pub const fn secret(mut self, secret: bool) -> FieldMeta {
        self.secret = secret;
        self
    }

    /// Marks the field optional (`Option<T>`): its rules apply to `Some`.
    #[doc(hidden)]
    pub const fn optional(mut self, optional: bool) -> FieldMeta {
        self.optional = optional;
        self
    }

    /// Sets where the value comes from.
    #[doc(hidden)]
    pub const fn kind(mut self, kind: FieldKind) -> FieldMeta {
        self.kind = kind;
        self
    }

    /// Where the value comes from: stored, computed or lazy.
    pub const fn field_kind(&self) -> FieldKind {
        self.kind
    }

    /// The external name: in paths, serialized keys and set-by-name.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The Rust field name.
    pub const fn ident(&self) -> &'static str {
        self.rust_name
    }

    /// The type, as written.
    pub const fn ty(&self) -> &'static str {
        self.ty
    }

    /// The `///` documentation.
    pub const fn documentation(&self) -> &'static str {
        self.doc
    }

    /// The rules, in the order written.
    pub const fn rule_list(&self) -> &'static [RuleMeta] {
        self.rules
    }

    /// Whether the field cannot be set after construction: `readonly`, lazy, computed without a
    /// setter, or any field of a frozen model.
    pub const fn is_readonly(&self) -> bool {
        self.readonly
    }

    /// Whether the field has a default value.
    pub const fn is_default(&self) -> bool {
        self.has_default
    }

    /// Whether the field is secret.
    pub const fn is_secret(&self) -> bool {
        self.secret
    }

    /// Whether the field is optional.
    pub const fn is_optional(&self) -> bool {
        self.optional
    }
}

/// What a rule applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// The field's value (or the inside of `Some`).
    Value,
    /// Each item of a collection: `each(...)`.
    Each,
    /// Each key of a map: `keys(...)`.
    Keys,
    /// Each value of a map: `values(...)`.
    Values,
}

/// Metadata of one rule on a field.
#[derive(Clone, Copy, Debug)]
pub struct RuleMeta {
    name: &'static str,
    target: Target,
    source: &'static str,
    message: Option<&'static str>,
    params: ParamsOf,
    within: &'static [Target],
}

/// Where a rule's parameters come from: a function (compiled models) or a value (runtime models).
#[derive(Clone, Copy, Debug)]
enum ParamsOf {
    Function(fn() -> Params),
    /// The model's table of its rules' parameters (one function per model, not one per rule),
    /// and this rule's index in it.
    Table(fn(usize) -> Params, usize),
    Fixed(&'static Params),
}

impl RuleMeta {
    /// A rule called `name` (as written in `#[model(...)]`), applying to `target`, with its
    /// arguments as written and a function computing its typed parameters.
    #[doc(hidden)]
    pub const fn new(
        name: &'static str,
        target: Target,
        source: &'static str,
        params: fn() -> Params,
    ) -> RuleMeta {
        RuleMeta {
            name,
            target,
            source,
            message: None,
            params: ParamsOf::Function(params),
            within: &[],
        }
    }

    /// A rule whose typed parameters are entry `index` of `table`, a function of the model that
    /// gives the parameters of each of its rules (what the derive writes).
    #[doc(hidden)]
    pub const fn at(
        name: &'static str,
        target: Target,
        source: &'static str,
        table: fn(usize) -> Params,
        index: usize,
    ) -> RuleMeta {
        RuleMeta {
            name,
            target,
            source,
            message: None,
            params: ParamsOf::Table(table, index),
            within: &[],
        }
    }

    /// A rule whose parameters are known as a value (runtime models).
    #[doc(hidden)]
    pub const fn fixed(
        name: &'static str,
        target: Target,
        source: &'static str,
        params: &'static Params,
    ) -> RuleMeta {
        RuleMeta {
            name,
            target,
            source,
            message: None,
            params: ParamsOf::Fixed(params),
            within: &[],
        }
    }

    /// Sets the enclosing `each`/`keys`/`values`, outermost first, of a rule nested more than
    /// one level deep (`each(each(length(1..)))`): `[Each, Each]`.
    pub const fn within(mut self, path: &'static [Target]) -> RuleMeta {
        self.within = path;
        self
    }

    /// The enclosing `each`/`keys`/`values`, outermost first: empty for a rule on the value
    /// itself, `[Each]` for `each(...)`, `[Values, Each]` for `values(each(...))`.
    pub const fn path(&self) -> &'static [Target] {
        if !self.within.is_empty() {
            return self.within;
        }
        match self.target {
            Target::Value => &[],
            Target::Each => &[Target::Each],
            Target::Keys => &[Target::Keys],
            Target::Values => &[Target::Values],
        }
    }

    /// Sets the custom message.
    #[doc(hidden)]
    pub const fn message(mut self, message: &'static str) -> RuleMeta {
        self.message = Some(message);
        self
    }

    /// The rule's name as written: `range`, `length`, `with`...
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// What the rule applies to.
    pub const fn target(&self) -> Target {
        self.target
    }

    /// The rule's arguments, as written: `1..=4096`.
    pub const fn source(&self) -> &'static str {
        self.source
    }

    /// The custom message, if one was given.
    pub const fn custom_message(&self) -> Option<&'static str> {
        self.message
    }

    /// The typed parameters: `min`, `max`, `pattern`...
    pub fn params(&self) -> Params {
        match self.params {
            ParamsOf::Function(params) => params(),
            ParamsOf::Table(table, index) => table(index),
            ParamsOf::Fixed(params) => params.clone(),
        }
    }
}
