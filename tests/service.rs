//! `examples/service.rs` served on a free local port and spoken to over real HTTP: valid bodies,
//! each kind of mistake, a PATCH that fails halfway and changes nothing, secrets absent from
//! every answer, concurrent requests. Also the one place an answer is customized.

#[allow(dead_code)]
#[path = "../examples/service.rs"]
mod service;

use serde_json::{json, Value};
use std::sync::mpsc;
use std::time::Duration;

/// Serves `app` on 127.0.0.1 (a port the system picks) from a thread of its own, for the life
/// of the test process; the address to call.
fn serve(app: axum::Router) -> String {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a free port");
            tx.send(listener.local_addr().expect("an address")).unwrap();
            axum::serve(listener, app).await.expect("serving");
        });
    });
    let address = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the service starts");
    format!("http://{address}")
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// An answer: its status, content type and body.
struct Answer {
    status: u16,
    content_type: String,
    text: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    /// The problem details of a refusal, checked for their RFC 9457 shape.
    fn problem(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{}", self.text);
        assert_eq!(self.content_type, "application/problem+json");
        let body = self.json();
        assert_eq!(body["status"], status);
        assert_eq!(body["type"], "about:blank");
        assert!(
            body["title"].is_string() && body["detail"].is_string(),
            "{body}"
        );
        body
    }
}

fn call(method: &str, url: &str, content_type: Option<&str>, body: &str) -> Answer {
    let agent = agent();
    let request = ureq::http::Request::builder().method(method).uri(url);
    let request = match content_type {
        Some(ct) => request.header("content-type", ct),
        None => request,
    };
    let mut response = if method == "GET" {
        agent.run(request.body(()).unwrap())
    } else {
        agent.run(request.body(body.to_owned()).unwrap())
    }
    .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    Answer {
        status: response.status().as_u16(),
        content_type,
        text,
    }
}

fn post_json(url: &str, body: &str) -> Answer {
    call("POST", url, Some("application/json"), body)
}

fn get(url: &str) -> Answer {
    call("GET", url, None, "")
}

/// Each problem of a 422 body as `path code`.
fn problems(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .expect("a list of problems")
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                p["path"].as_str().unwrap(),
                p["code"].as_str().unwrap()
            )
        })
        .collect()
}

const SERVER: &str = r#"{"id": 1, "name": "web-1", "cpu_cores": 4, "ram_gb": 16, "region": "eu-west-1", "tags": ["prod"]}"#;

#[test]
fn valid_bodies_forms_and_queries() {
    let base = serve(service::app());
    let answer = post_json(
        &format!("{base}/signups"),
        r#"{"username": "ada", "email": "ada@example.com", "password": "correct horse", "age": 36}"#,
    );
    assert_eq!(answer.status, 201, "{}", answer.text);
    assert_eq!(answer.content_type, "application/json");
    assert_eq!(
        answer.json(),
        json!({"username": "ada", "email": "ada@example.com", "newsletter": false})
    );
    assert!(!answer.text.contains("correct horse"));

    let answer = call(
        "POST",
        &format!("{base}/signups/form"),
        Some("application/x-www-form-urlencoded"),
        "username=bob&email=bob%40example.com&password=hunter22hunter&age=40&newsletter=on",
    );
    assert_eq!(answer.status, 201, "{}", answer.text);
    assert_eq!(answer.json()["newsletter"], true);

    let answer = post_json(&format!("{base}/servers"), SERVER);
    assert_eq!(answer.status, 201, "{}", answer.text);
    let second = SERVER
        .replace(r#""id": 1"#, r#""id": 2"#)
        .replace("eu-west-1", "us-east-2");
    assert_eq!(post_json(&format!("{base}/servers"), &second).status, 201);
    let listed = get(&format!("{base}/servers?region=us-east-2&limit=5"));
    assert_eq!(listed.status, 200, "{}", listed.text);
    let ids: Vec<u64> = listed
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [2]);
    let one = get(&format!("{base}/servers/1"));
    assert_eq!(one.json(), serde_json::from_str::<Value>(SERVER).unwrap());
}

#[test]
fn every_problem_of_a_body_at_once() {
    let base = serve(service::app());
    let body = "{\"username\": \"x!\", \"email\": \"nowhere\",\n \"password\": \"hunter2\", \"age\": \"old\", \"admin\": true}";
    let answer = post_json(&format!("{base}/signups"), body);
    let problem = answer.problem(422);
    assert_eq!(
        problems(&problem),
        [
            "username length",
            "username alphanumeric",
            "email contains",
            "password length",
            "age invalid_type",
            "admin unknown_field"
        ]
    );
    assert_eq!(problem["detail"], "the request body has 6 problems");
    let age = &problem["errors"][4];
    assert_eq!(
        age,
        &json!({
            "path": "age", "loc": ["age"], "code": "invalid_type",
            "message": "expected u8, found a string",
            "params": {"expected": "u8", "found": "a string"},
            "line": 2, "column": 32
        })
    );
    assert!(!answer.text.contains("hunter2"), "{}", answer.text);

    // Nested paths: an item of a list.
    let bad = SERVER
        .replace(r#"["prod"]"#, r#"["prod", ""]"#)
        .replace("16", "4000");
    let problem = post_json(&format!("{base}/servers"), &bad).problem(422);
    assert_eq!(problems(&problem), ["tags[1] length"]);
    assert_eq!(problem["errors"][0]["loc"], json!(["tags", 1]));
    // Rules hold, the struct check does not: a problem at the root.
    let problem = post_json(&format!("{base}/servers"), &SERVER.replace("16", "4000")).problem(422);
    assert_eq!(problems(&problem), [" fits_host"]);
    assert_eq!(problem["errors"][0]["loc"], json!([]));
}

#[test]
fn each_kind_of_refusal() {
    let base = serve(service::app());
    let url = format!("{base}/signups");
    // Not JSON at all: 400, with where.
    let problem = post_json(&url, r#"{"username": "ada""#).problem(400);
    assert!(
        problem["detail"].as_str().unwrap().contains("line 1"),
        "{problem}"
    );
    assert!(problem.get("errors").is_none());
    // Not JSON by its content type: 415.
    call("POST", &url, Some("text/plain"), "{}").problem(415);
    call("POST", &url, None, "{}").problem(415);
    call(
        "POST",
        &format!("{base}/signups/form"),
        Some("application/json"),
        "{}",
    )
    .problem(415);
    // Too large: 413.
    let huge = format!(r#"{{"username": "{}"}}"#, "a".repeat(20 * 1024));
    post_json(&url, &huge).problem(413);
    // A query with every problem.
    let problem = get(&format!(
        "{base}/servers?limit=500&min_ram_gb=lots&region=x&colour=red"
    ))
    .problem(422);
    assert_eq!(
        problems(&problem),
        [
            "limit range",
            "min_ram_gb invalid_type",
            "region length",
            "colour unknown_field"
        ]
    );
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .starts_with("the query string"));
    // A form with a missing field and a secret that breaks its rule.
    let answer = call(
        "POST",
        &format!("{base}/signups/form"),
        Some("application/x-www-form-urlencoded"),
        "username=bob&email=bob%40example.com&password=sesame&age=200",
    );
    let problem = answer.problem(422);
    assert_eq!(problems(&problem), ["password length", "age range"]);
    assert!(!answer.text.contains("sesame"), "{}", answer.text);
    let answer = call(
        "POST",
        &format!("{base}/signups/form"),
        Some("application/x-www-form-urlencoded"),
        "username=bob&age=20",
    );
    assert_eq!(
        problems(&answer.problem(422)),
        ["email required", "password required"]
    );
    // The service's own refusals keep the same shape.
    get(&format!("{base}/servers/99")).problem(404);
    assert_eq!(post_json(&format!("{base}/servers"), SERVER).status, 201);
    post_json(&format!("{base}/servers"), SERVER).problem(409);
}

#[test]
fn a_patch_that_fails_halfway_changes_nothing() {
    let base = serve(service::app());
    assert_eq!(post_json(&format!("{base}/servers"), SERVER).status, 201);
    let url = format!("{base}/servers/1");
    let patch = |body: &str| call("PATCH", &url, Some("application/json"), body);

    let answer = patch(r#"{"name": "web-2", "ram_gb": 32}"#);
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(
        (
            answer.json()["name"].clone(),
            answer.json()["ram_gb"].clone()
        ),
        (json!("web-2"), json!(32))
    );

    let before = get(&url).json();
    // The first fields are fine, then a mistyped one, a broken rule, a read-only one and an
    // unknown one: all reported, none applied.
    let problem = patch(
        r#"{"name": "web-3", "tags": ["a"], "cpu_cores": "eight", "region": "Mars", "id": 5, "colour": "red"}"#,
    )
    .problem(422);
    assert_eq!(
        problems(&problem),
        [
            "cpu_cores invalid_type",
            "region pattern",
            "id readonly",
            "colour unknown_field"
        ]
    );
    assert_eq!(problem["errors"][0]["column"], 47);
    assert_eq!(get(&url).json(), before);
    // Valid fields, but together they break the struct check: nothing changes either.
    let problem = patch(r#"{"name": "web-3", "ram_gb": 4096}"#).problem(422);
    assert_eq!(problems(&problem), [" fits_host"]);
    assert_eq!(get(&url).json(), before);
    // Unreadable, or not an object.
    patch(r#"{"name": "#).problem(400);
    assert_eq!(problems(&patch("[]").problem(422)), [" invalid_type"]);
    call("PATCH", &url, Some("text/plain"), "{}").problem(415);
    call(
        "PATCH",
        &format!("{base}/servers/7"),
        Some("application/json"),
        "{}",
    )
    .problem(404);
    assert_eq!(get(&url).json(), before);
}

#[test]
fn concurrent_requests() {
    let base = serve(service::app());
    let threads: Vec<_> = (0..8u64)
        .map(|t| {
            let base = base.clone();
            std::thread::spawn(move || {
                for i in 0..10u64 {
                    let id = t * 100 + i;
                    let body = SERVER.replace(r#""id": 1"#, &format!(r#""id": {id}"#));
                    assert_eq!(post_json(&format!("{base}/servers"), &body).status, 201);
                    let bad = body.replace(r#""cpu_cores": 4"#, r#""cpu_cores": 0"#);
                    let problem = post_json(&format!("{base}/servers"), &bad).problem(422);
                    assert_eq!(problems(&problem), ["cpu_cores range"]);
                    let url = format!("{base}/servers/{id}");
                    let answer = call(
                        "PATCH",
                        &url,
                        Some("application/json"),
                        &format!(r#"{{"ram_gb": {}}}"#, 8 + i),
                    );
                    assert_eq!(answer.status, 200, "{}", answer.text);
                    call("PATCH", &url, Some("application/json"), r#"{"ram_gb": 0}"#).problem(422);
                    assert_eq!(get(&url).json()["ram_gb"], 8 + i);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("a client thread");
    }
    let all = get(&format!("{base}/servers?limit=100")).json();
    assert_eq!(all.as_array().unwrap().len(), 80);
}

#[test]
fn the_answer_is_customized_in_one_place() {
    use axum::response::{IntoResponse, Response};
    use model::axum::{Answer, Problem};

    fn plain(problem: Problem) -> Response {
        let codes: Vec<&str> = problem
            .errors()
            .into_iter()
            .flatten()
            .map(|v| v.code())
            .collect();
        (
            problem.status(),
            format!("{} {}", problem.status().as_u16(), codes.join(",")),
        )
            .into_response()
    }
    let app = service::app().layer(axum::Extension(Answer(plain)));
    let base = serve(app);
    let answer = post_json(&format!("{base}/signups"), r#"{"username": "ada"}"#);
    assert_eq!(answer.status, 422);
    assert_eq!(answer.text, "422 required,required,required");
    let answer = call("POST", &format!("{base}/signups"), Some("text/plain"), "");
    assert_eq!((answer.status, answer.text.as_str()), (415, "415 "));
}

#[test]
fn the_answer_shown_in_the_readme() {
    let base = serve(service::app());
    let answer = post_json(
        &format!("{base}/signups"),
        "{\"username\": \"ada\", \"email\": \"nowhere\",\n \"password\": \"correct horse\", \"age\": \"old\"}",
    );
    let readme = include_str!("../README.md");
    let start = readme
        .find("```json\n{\n  \"type\"")
        .expect("the 422 body in the README")
        + 8;
    let end = start + readme[start..].find("```").unwrap();
    let shown: Value = serde_json::from_str(&readme[start..end]).expect("JSON in the README");
    assert_eq!(answer.problem(422), shown);
}
