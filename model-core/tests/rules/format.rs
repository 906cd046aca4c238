//! The `email` and `url` rules, each behind its feature.

use crate::{assert_error, fails, passes};
use model_core::Rule;

#[cfg(feature = "email")]
#[test]
fn email() {
    use model_core::rules::Email;

    for valid in [
        "ops@example.com",
        "first.last+tag@sub.example.co.uk",
        "o@x.io",
        "ops@localhost",
        "\"quoted local\"@example.com",
        "ops@[127.0.0.1]",
        "коля@пример.рф",
    ] {
        passes(&Email, valid);
    }
    passes(&Email, &"ops@example.com".to_string());

    for invalid in [
        "",
        "ops",
        "ops@",
        "@example.com",
        "ops@example..com",
        "ops@.example.com",
        "ops@example.com.",
        "ops@-example.com",
        "a b@example.com",
        "Ops <ops@example.com>",
        "ops@exa mple.com",
    ] {
        assert_error(
            &fails(&Email, invalid),
            "email",
            &[],
            "must be an email address",
        );
    }
    assert!(Rule::<str>::params(&Email).is_empty());
}

#[cfg(feature = "url")]
#[test]
fn url() {
    use model_core::rules::Url;

    for valid in [
        "https://example.com",
        "https://example.com/path?q=1#frag",
        "http://user:pass@127.0.0.1:8080/",
        "mailto:ops@example.com",
        "urn:isbn:0451450523",
        "file:///etc/hosts",
    ] {
        passes(&Url, valid);
    }
    passes(&Url, &"https://example.com".to_string());

    for invalid in [
        "",
        "not a url",
        "example.com",
        "/relative/path",
        "//example.com",
        "1http://example.com",
        "https://exa mple.com",
        "https://example.com/%zz",
    ] {
        assert_error(&fails(&Url, invalid), "url", &[], "must be a URL");
    }
    assert!(Rule::<str>::params(&Url).is_empty());
}
