//! Extractors for [axum](https://docs.rs/axum) 0.8 (feature `axum`): request bodies, query
//! strings and forms read into models, every problem answered with RFC 9457 problem details.
//!
//! | extractor | reads | refuses with |
//! | --- | --- | --- |
//! | [`Json<T>`] | a JSON body (`application/json` or `application/*+json`) | 415, 413, 400, 422 |
//! | [`Query<T>`] | the query string | 422 |
//! | [`Form<T>`] | an `application/x-www-form-urlencoded` body | 415, 413, 422 |
//! | [`JsonPatch`] | a partial JSON body, applied later by [`JsonPatch::apply`] | 415, 413, 400, 422 |
//!
//! Every refusal is a [`Problem`], answered as `application/problem+json`:
//!
//! ```json
//! {
//!   "type": "about:blank",
//!   "title": "Unprocessable Entity",
//!   "status": 422,
//!   "detail": "the request body has 2 problems",
//!   "errors": [
//!     {"path": "email", "loc": ["email"], "code": "contains", "message": "must contain `@`",
//!      "params": {"substring": "@"}, "line": 1, "column": 30},
//!     {"path": "age", "loc": ["age"], "code": "invalid_type", "message": "expected u8, found a string",
//!      "params": {"expected": "u8", "found": "a string"}, "line": 2, "column": 38}
//!   ]
//! }
//! ```
//!
//! - **422** lists every problem of the request at once, structural (a missing, unknown or
//!   mistyped field) and broken rules together, in the shape the report serializes to (see
//!   [`ValidationErrors`]): path, `loc`, code, message, parameters, and line and column in the
//!   body when known. A secret field's value never appears.
//! - **400**: the body is not JSON (or not UTF-8) at all; `detail` says where.
//! - **413**: the body is larger than axum's limit (2 MB unless `DefaultBodyLimit` says
//!   otherwise).
//! - **415**: the `Content-Type` is not the one the extractor reads.
//!
//! The answer is customized in one place: a layer `axum::Extension(Answer(my_answer))` on the
//! router makes every extractor of this module answer with `my_answer(problem)` instead.
//!
//! A query string or a form is text: a field whose type is a number or `bool` (or an `Option`
//! or `Vec` of one) reads its text as one (`on` is `true`, as HTML checkboxes send it), a key
//! given more than once is a list, and everything else is text. Problems have no line and
//! column there.

use crate::de::{deserialize, json, Rejected};
use crate::error::ValidationErrors;
use crate::model::Model;
use ::axum::body::Bytes;
use ::axum::extract::{FromRequest, FromRequestParts, Request};
use ::axum::http::request::Parts;
use ::axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use ::axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::collections::HashMap;
use std::fmt;

/// Why a request was refused: an HTTP status, a short `title`, a `detail` and, for 422, every
/// problem. Answered as RFC 9457 problem details (`application/problem+json`), or by the
/// [`Answer`] installed on the router.
///
/// It serializes to the problem details object: `type` (always `about:blank`), `title`,
/// `status`, `detail` and, when there are problems, `errors`.
pub struct Problem {
    status: StatusCode,
    detail: String,
    errors: Option<ValidationErrors>,
    answer: Option<Answer>,
}

impl Problem {
    /// A problem with `status` and `detail`, without a list of problems.
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Problem {
        Problem {
            status,
            detail: detail.into(),
            errors: None,
            answer: None,
        }
    }

    /// 422 with every problem of `errors`, found in `what` ("the request body", "the query
    /// string"...).
    pub fn unprocessable(errors: ValidationErrors, what: &str) -> Problem {
        let count = errors.len();
        let detail = match count {
            1 => format!("{what} has 1 problem"),
            n => format!("{what} has {n} problems"),
        };
        Problem {
            errors: Some(errors),
            ..Problem::new(StatusCode::UNPROCESSABLE_ENTITY, detail)
        }
    }

    /// The problem of a document that could not be read: 400 for unreadable text, 422 for
    /// every problem of a readable one.
    pub fn rejected<E: fmt::Display>(rejected: Rejected<E>, what: &str) -> Problem {
        match rejected {
            Rejected::Invalid(errors) => Problem::unprocessable(errors, what),
            Rejected::Malformed(error) => Problem::new(
                StatusCode::BAD_REQUEST,
                format!("{what} is not readable: {error}"),
            ),
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The status's reason phrase: `Unprocessable Entity`.
    pub fn title(&self) -> &'static str {
        self.status.canonical_reason().unwrap_or("Error")
    }

    /// What went wrong, in a sentence.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// Every problem of the request (422 only).
    pub fn errors(&self) -> Option<&ValidationErrors> {
        self.errors.as_ref()
    }

    /// The default answer: the problem details as `application/problem+json`.
    pub fn problem_details(&self) -> Response {
        let body = serde_json::to_vec(self).unwrap_or_default();
        let mut response = (self.status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        response
    }

    fn answered_by(mut self, answer: Option<Answer>) -> Problem {
        self.answer = answer;
        self
    }
}

impl fmt::Debug for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Problem")
            .field("status", &self.status)
            .field("detail", &self.detail)
            .field("errors", &self.errors)
            .finish()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.status.as_u16(), self.detail)?;
        if let Some(errors) = &self.errors {
            write!(f, "\n{errors}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problem {}

impl Serialize for Problem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Problem", 5)?;
        state.serialize_field("type", "about:blank")?;
        state.serialize_field("title", self.title())?;
        state.serialize_field("status", &self.status.as_u16())?;
        state.serialize_field("detail", &self.detail)?;
        match &self.errors {
            Some(errors) => state.serialize_field("errors", errors)?,
            None => state.skip_field("errors")?,
        }
        state.end()
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        match self.answer {
            Some(Answer(answer)) => answer(self),
            None => self.problem_details(),
        }
    }
}

/// How the extractors of this module answer a [`Problem`], for teams with their own error
/// format: install it once on the router, `router.layer(axum::Extension(Answer(my_answer)))`.
/// Without it, the answer is [`Problem::problem_details`]. It answers the refusals of the
/// extractors and of [`JsonPatch::apply`]; a `Problem` a handler makes itself with
/// [`Problem::new`] is answered as problem details.
///
/// ```
/// use axum::response::{IntoResponse, Response};
/// use model_core::axum::{Answer, Problem};
///
/// fn plain_text(problem: Problem) -> Response {
///     (problem.status(), problem.to_string()).into_response()
/// }
///
/// let router: axum::Router = axum::Router::new().layer(axum::Extension(Answer(plain_text)));
/// # let _ = router;
/// ```
#[derive(Clone, Copy)]
pub struct Answer(pub fn(Problem) -> Response);

impl fmt::Debug for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Answer(..)")
    }
}

fn answer_of(extensions: &::axum::http::Extensions) -> Option<Answer> {
    extensions.get::<Answer>().copied()
}

/// Whether the `Content-Type` is `type/subtype`, or `type/anything+suffix` when `suffix` is
/// given (parameters such as `charset` allowed).
fn content_type(headers: &HeaderMap, kind: &str, subtype: &str, suffix: Option<&str>) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim();
    let Some((k, sub)) = essence.split_once('/') else {
        return false;
    };
    k.eq_ignore_ascii_case(kind)
        && (sub.eq_ignore_ascii_case(subtype)
            || suffix.is_some_and(|suffix| {
                sub.rsplit_once('+')
                    .is_some_and(|(_, s)| s.eq_ignore_ascii_case(suffix))
            }))
}

/// The body of a request whose `Content-Type` `accepts` allows: 415 otherwise, 413 past the
/// body limit.
async fn body<S: Send + Sync>(
    request: Request,
    state: &S,
    accepts: fn(&HeaderMap) -> bool,
    expected: &str,
) -> Result<(Bytes, Option<Answer>), Problem> {
    let answer = answer_of(request.extensions());
    if !accepts(request.headers()) {
        let detail = format!("the request body must be {expected}");
        return Err(Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, detail).answered_by(answer));
    }
    match Bytes::from_request(request, state).await {
        Ok(bytes) => Ok((bytes, answer)),
        Err(rejection) => {
            let status = rejection.status();
            let detail = if status == StatusCode::PAYLOAD_TOO_LARGE {
                "the request body is too large".to_owned()
            } else {
                format!(
                    "the request body could not be read: {}",
                    rejection.body_text()
                )
            };
            Err(Problem::new(status, detail).answered_by(answer))
        }
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    content_type(headers, "application", "json", Some("json"))
}

fn is_form(headers: &HeaderMap) -> bool {
    content_type(headers, "application", "x-www-form-urlencoded", None)
}

const JSON: &str = "JSON (`Content-Type: application/json`)";
const FORM: &str = "a form (`Content-Type: application/x-www-form-urlencoded`)";
const BODY: &str = "the request body";

/// A JSON request body read into a `T`, with every problem reported (see the [module
/// documentation](self)); as a response, `T` serialized as JSON.
///
/// ```
/// use model_core::axum::Json;
///
/// // With a model, only valid ones get into the handler.
/// async fn total(Json(ports): Json<Vec<u16>>) -> Json<u32> {
///     Json(ports.iter().map(|&p| u32::from(p)).sum())
/// }
/// # let _ = axum::Router::<()>::new().route("/", axum::routing::post(total));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        let (bytes, answer) = body(request, state, is_json, JSON).await?;
        json::from_slice(&bytes)
            .map(Json)
            .map_err(|rejected| Problem::rejected(rejected, BODY).answered_by(answer))
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(body) => {
                let mut response = body.into_response();
                response.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                );
                response
            }
            Err(error) => {
                Problem::new(StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response()
            }
        }
    }
}

/// The query string read into a model `T`, with every problem reported (see the [module
/// documentation](self) for how text becomes numbers and lists).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: Model + DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        let query = parts.uri.query().unwrap_or("");
        urlencoded::<T>(query.as_bytes(), "the query string")
            .map(Query)
            .map_err(|problem| problem.answered_by(answer_of(&parts.extensions)))
    }
}

/// An `application/x-www-form-urlencoded` body read into a model `T`, with every problem
/// reported (see the [module documentation](self) for how text becomes numbers and lists).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Form<T>(pub T);

impl<T, S> FromRequest<S> for Form<T>
where
    T: Model + DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        let (bytes, answer) = body(request, state, is_form, FORM).await?;
        urlencoded::<T>(&bytes, "the form")
            .map(Form)
            .map_err(|problem| problem.answered_by(answer))
    }
}

/// Reads urlencoded text into `T`, by way of a JSON object typed by `T`'s metadata.
fn urlencoded<T: Model + DeserializeOwned>(text: &[u8], what: &str) -> Result<T, Problem> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(text)
        .map_err(|error| Problem::new(StatusCode::BAD_REQUEST, format!("{what}: {error}")))?;
    let document = typed_object(T::meta(), &pairs);
    let mut reader = serde_json::Deserializer::from_str(&document);
    deserialize::<T, _>(&mut reader).map_err(|rejected| Problem::rejected(rejected, what))
}

/// The pairs as a JSON object: the text of a field whose type is a number or `bool` as one,
/// repeated keys (and the keys of list fields) as lists.
fn typed_object(meta: &crate::meta::ModelMeta, pairs: &[(String, String)]) -> String {
    // Each key once, in the order of the text, with its values: grouped in one pass.
    let mut keys: Vec<&str> = Vec::new();
    let mut texts: HashMap<&str, Vec<&str>> = HashMap::new();
    for (key, text) in pairs {
        texts
            .entry(key)
            .or_insert_with(|| {
                keys.push(key);
                Vec::new()
            })
            .push(text);
    }
    // Written by hand, so that the keys keep the order of the text.
    let mut object = String::from("{");
    for key in keys {
        let ty: String = meta
            .field(key)
            .map(|f| f.ty().chars().filter(|c| !c.is_whitespace()).collect())
            .unwrap_or_default();
        let ty = strip(&ty, "Option<").unwrap_or(&ty);
        let (list, item) = match ["Vec<", "VecDeque<", "BTreeSet<", "HashSet<"]
            .iter()
            .find_map(|outer| strip(ty, outer))
        {
            Some(item) => (true, item),
            None => (false, ty),
        };
        let mut values: Vec<serde_json::Value> = texts
            .get(key)
            .into_iter()
            .flatten()
            .map(|text| typed(item, text))
            .collect();
        let value = match (list, values.len()) {
            (false, 1) => values.pop().unwrap_or(serde_json::Value::Null),
            _ => serde_json::Value::Array(values),
        };
        if object.len() > 1 {
            object.push(',');
        }
        object.push_str(&serde_json::Value::from(key).to_string());
        object.push(':');
        object.push_str(&value.to_string());
    }
    object.push('}');
    object
}

/// `outer...>` without `outer` and the last `>`.
fn strip<'a>(ty: &'a str, outer: &str) -> Option<&'a str> {
    let last = ty.rsplit("::").next().unwrap_or(ty);
    last.strip_prefix(outer)?.strip_suffix('>')
}

/// `text` as a value of the type `ty` names, when it is a number or a `bool`; text otherwise.
fn typed(ty: &str, text: &str) -> serde_json::Value {
    use serde_json::Value;
    let number = match ty {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => text.parse::<u64>().ok().map(Into::into),
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => text
            .parse::<i64>()
            .ok()
            .map(Into::into)
            .or_else(|| text.parse::<u64>().ok().map(Into::into)),
        "f32" | "f64" => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64),
        "bool" => {
            return match text {
                "true" | "on" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => Value::String(text.to_owned()),
            }
        }
        _ => None,
    };
    number.map_or_else(|| Value::String(text.to_owned()), Value::Number)
}

/// A partial JSON body for a `PATCH`: its syntax is checked when extracted; [`apply`](Self::apply)
/// applies it to a model, all or nothing, as [`Model::patch_json`] does.
///
/// ```text
/// async fn patch_server(State(db): State<Db>, Path(id): Path<u64>, patch: JsonPatch)
///     -> Result<Json<Server>, Problem>
/// {
///     let mut servers = db.lock().unwrap();
///     let server = servers.get_mut(&id).ok_or_else(|| Problem::new(StatusCode::NOT_FOUND, "no such server"))?;
///     patch.apply(server)?; // 422 with every problem; `server` unchanged
///     Ok(Json(server.clone()))
/// }
/// ```
///
/// `examples/service.rs` in the repository serves it.
#[derive(Clone, Debug)]
pub struct JsonPatch {
    text: String,
    answer: Option<Answer>,
}

impl JsonPatch {
    /// The patch's text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Applies the patch to `model` (see [`Model::patch_json`]): on any problem, `model` is
    /// left as it was and the problem is answered as the extractors answer theirs.
    pub fn apply<M>(&self, model: &mut M) -> Result<(), Problem>
    where
        M: Model + Serialize + DeserializeOwned,
    {
        crate::patch::json(model, &self.text)
            .map_err(|rejected| Problem::rejected(rejected, BODY).answered_by(self.answer))
    }
}

impl<S: Send + Sync> FromRequest<S> for JsonPatch {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Problem> {
        let (bytes, answer) = body(request, state, is_json, JSON).await?;
        let malformed = |error: serde_json::Error| {
            Problem::rejected(Rejected::Malformed(error), BODY).answered_by(answer)
        };
        let text = match String::from_utf8(bytes.to_vec()) {
            Ok(text) => text,
            Err(_) => {
                return Err(malformed(
                    serde_json::from_slice::<serde::de::IgnoredAny>(&bytes)
                        .err()
                        .unwrap_or_else(|| serde::de::Error::custom("invalid UTF-8")),
                ))
            }
        };
        serde_json::from_str::<serde::de::IgnoredAny>(&text).map_err(malformed)?;
        Ok(JsonPatch { text, answer })
    }
}

#[cfg(test)]
mod tests {
    use super::typed_object;
    use crate::meta::{FieldMeta, ModelMeta};

    static FIELDS: [FieldMeta; 5] = [
        FieldMeta::new("ports", "Vec < u16 >"),
        FieldMeta::new("debug", "Option<bool>"),
        FieldMeta::new("name", "String"),
        FieldMeta::new("ratio", "f64"),
        FieldMeta::new("offset", "std::option::Option<i32>"),
    ];
    static META: ModelMeta = ModelMeta::new("Form").fields(&FIELDS);

    fn object(pairs: &[(&str, &str)]) -> String {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        typed_object(&META, &pairs)
    }

    #[test]
    fn text_becomes_what_the_field_holds_in_the_order_given() {
        assert_eq!(
            object(&[
                ("name", "42"),
                ("ports", "80"),
                ("debug", "on"),
                ("ports", "x"),
                ("ratio", "0.5"),
                ("offset", "-3"),
                ("other", "1"),
            ]),
            r#"{"name":"42","ports":[80,"x"],"debug":true,"ratio":0.5,"offset":-3,"other":"1"}"#
        );
        // A list field given once is a list; a plain field given twice is a list, which its
        // type then refuses; text that is not a number stays text.
        assert_eq!(
            object(&[
                ("ports", "443"),
                ("ratio", "1"),
                ("ratio", "2"),
                ("debug", "yes")
            ]),
            r#"{"ports":[443],"ratio":[1.0,2.0],"debug":"yes"}"#
        );
        assert_eq!(object(&[]), "{}");
    }
}
