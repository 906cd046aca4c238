//! Nothing derived from a secret field's value reaches an error (its parameters, its message, its
//! path), `Debug` or a read by name: not through a custom rule's own parameters and messages,
//! the keys of a secret map, the lengths `length` reports, nor the models nested in a secret.

use model::{Error, Model, Rule, Value};
use std::collections::BTreeMap;

const KEY: &str = "sk_live_4242";

/// A custom rule that names what it got, in a parameter and in a message made at run time.
struct NotRevoked;

impl Rule<String> for NotRevoked {
    fn check(&self, value: &String) -> Result<(), Error> {
        if value.ends_with("_revoked") {
            Err(Error::custom(format!("`{value}` was revoked"))
                .with_code("revoked")
                .with_param("got", value.clone())
                .with_param("length", value.len()))
        } else {
            Ok(())
        }
    }
}

#[derive(Model, Debug)]
struct Member {
    #[model(length(1..=16))]
    name: String,
}

#[derive(Model)]
struct Vault {
    #[model(secret, length(8..=64), with = NotRevoked)]
    token: String,
    /// Keys are the secrets here: API keys by scope.
    #[model(secret, keys(length(..=8)), values(length(1..=4)))]
    scopes: BTreeMap<String, String>,
    #[model(secret, nested)]
    members: BTreeMap<String, Member>,
}

fn vault() -> Vault {
    Vault::new("a-long-token", BTreeMap::new(), BTreeMap::new()).unwrap()
}

/// Everything that can be seen of a report.
fn shown(errors: &model::ValidationErrors) -> String {
    let mut text = format!("{errors}\n{errors:?}\n");
    for violation in errors {
        text.push_str(&format!(
            "{} {} {:?}\n",
            violation.path(),
            violation.code(),
            violation.params()
        ));
    }
    text
}

#[test]
fn a_custom_rule_shows_nothing_of_a_secret() {
    let errors = vault().set_token(format!("{KEY}_revoked")).unwrap_err();
    let text = shown(&errors);
    assert!(!text.contains("sk_live"), "{text}");
    let violation = errors.iter().next().unwrap();
    assert_eq!(violation.code(), "revoked");
    assert_eq!(violation.param("got"), Some(&Value::REDACTED));
    assert_eq!(violation.param("length"), Some(&Value::REDACTED));
    assert_eq!(
        violation.to_string(),
        "token: is not valid (the details are hidden: the value is secret)"
    );
}

#[test]
fn length_reports_its_bounds_but_not_the_secret_length() {
    let errors = vault().set_token("short").unwrap_err();
    let violation = errors.iter().next().unwrap();
    assert_eq!(violation.param("length"), Some(&Value::REDACTED));
    // The bounds are the rule's, not the value's: they still show.
    assert_eq!(violation.param("min"), Some(&Value::UInt(8)));
    assert_eq!(
        violation.to_string(),
        "token: must have between 8 and 64 characters (got [redacted])"
    );
}

#[test]
fn keys_of_a_secret_map_stay_out_of_paths() {
    let scopes = BTreeMap::from([(KEY.to_owned(), "read".to_owned())]);
    let errors = vault().set_scopes(scopes).unwrap_err();
    let text = shown(&errors);
    assert!(!text.contains("sk_live"), "{text}");
    assert_eq!(
        errors.iter().next().unwrap().path().to_string(),
        r#"scopes["[redacted]"]"#
    );

    let errors = vault().set("scopes", Value::Map(vec![(KEY.into(), "write-all".into())]));
    let text = shown(&errors.unwrap_err());
    assert!(
        !text.contains("sk_live") && !text.contains("write-all"),
        "{text}"
    );
}

#[test]
fn keys_and_values_of_models_nested_in_a_secret_stay_hidden() {
    let members = BTreeMap::from([(KEY.to_owned(), Member::new("ada").unwrap())]);
    let vault = Vault::new("a-long-token", BTreeMap::new(), members).unwrap();
    assert_eq!(vault.validate(), Ok(()));
    assert_eq!(vault.get("members"), Ok(Value::REDACTED));

    #[cfg(feature = "json")]
    {
        let json = format!(
            r#"{{"token": "a-long-token", "scopes": {{}}, "members": {{"{KEY}": {{"name": "a-name-longer-than-sixteen"}}}}}}"#
        );
        let rejected =
            model::deserialize::<Vault, _>(&mut serde_json::Deserializer::from_str(&json))
                .unwrap_err();
        let errors = rejected.validation_errors().expect("a validation report");
        let text = shown(errors);
        assert!(
            !text.contains("sk_live") && !text.contains("sixteen"),
            "{text}"
        );
        assert_eq!(
            errors.iter().next().unwrap().path().to_string(),
            r#"members["[redacted]"].name"#
        );
    }
}

/// Lazy and computed fields of a model with a secret say whether they are secret.
#[derive(Model)]
#[model(computed(hint: String = Self::hint, secret))]
#[model(computed(strength: usize = Self::strength, secret = false))]
struct Password {
    #[model(length(1..=16))]
    user: String,
    #[model(secret, length(8..=64))]
    password: String,
    #[model(lazy = Self::load_fingerprint, depends_on(password), secret)]
    fingerprint: model::Lazy<String>,
    #[model(lazy = Self::load_greeting, depends_on(user), secret = false)]
    greeting: model::Lazy<String>,
}

impl Password {
    fn hint(&self) -> String {
        self.password.chars().take(2).collect()
    }
    fn strength(&self) -> usize {
        self.password.len() / 8
    }
    fn load_fingerprint(&self) -> String {
        self.password.chars().rev().collect()
    }
    fn load_greeting(&self) -> String {
        format!("hello {}", self.user)
    }
}

#[test]
fn lazy_and_computed_fields_declared_secret_are_redacted_by_name_and_in_debug() {
    let p = Password::new("ada", "sk_live_horse").unwrap();
    assert_eq!(p.get("fingerprint"), Ok(Value::REDACTED));
    assert_eq!(p.get("hint"), Ok(Value::REDACTED));
    assert_eq!(p.get("greeting"), Ok(Value::from("hello ada")));
    assert_eq!(p.get("strength"), Ok(Value::UInt(1)));
    let everything: String = p
        .fields()
        .map(|(field, value)| format!("{}={value} ", field.name()))
        .collect();
    assert!(
        !everything.contains("sk") && !everything.contains("esroh"),
        "{everything}"
    );
    let debug = format!("{p:?}");
    assert!(
        !debug.contains("sk_live") && !debug.contains("esroh"),
        "{debug}"
    );
    let meta = Password::meta();
    assert!(meta.field("fingerprint").unwrap().is_secret());
    assert!(meta.field("hint").unwrap().is_secret());
    assert!(!meta.field("strength").unwrap().is_secret());
    // The typed getters still read them.
    assert_eq!(p.fingerprint(), "esroh_evil_ks");
    assert_eq!(p.hint(), "sk");
}

#[cfg(feature = "json")]
#[test]
fn deserialization_errors_under_a_secret_map_show_no_key() {
    for json in [
        r#"{"token": "a-long-token", "scopes": {}, "members": {"sk_live_4242": {"nme": "x"}}}"#,
        r#"{"token": "a-long-token", "scopes": {}, "members": {"sk_live_4242": {"name": 5}}}"#,
        r#"{"token": "a-long-token", "scopes": {"sk_live_4242": 5}, "members": {}}"#,
        r#"{"token": "a-long-token", "scopes": {"sk_live_4242": "sk_live_value"}, "members": {}}"#,
    ] {
        let error = serde_json::from_str::<Vault>(json)
            .err()
            .unwrap()
            .to_string();
        assert!(!error.contains("sk_live"), "{error}");
    }
}

#[test]
fn a_model_nested_by_name_keeps_its_secrets() {
    #[derive(Model)]
    struct Holder {
        #[model(nested)]
        inner: Password,
    }
    let holder = Holder::new(Password::new("ada", "sk_live_horse").unwrap()).unwrap();
    let shown = format!("{:?}", holder.get("inner"));
    assert!(!shown.contains("sk") && !shown.contains("esroh"), "{shown}");
    assert!(shown.contains("hello ada"), "{shown}");
}
