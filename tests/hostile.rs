//! Hostile shapes of data: what an attacker, or an accident, can build through the public API
//! costs bounded time and stack, and is refused with a clear error rather than a crash.

use model::{Model, MAX_DEPTH};

/// A linked list of models: each node is valid on its own, and the chain can be as long as
/// anyone cares to build.
#[derive(Model, Debug)]
#[model(serde = false)]
struct Node {
    #[model(range(0..=9))]
    digit: u8,
    #[model(nested)]
    next: Option<Box<Node>>,
}

fn chain(length: usize) -> Node {
    let mut node = Node::new(1, None).unwrap();
    for _ in 1..length {
        node = Node::new(1, Some(Box::new(node))).unwrap();
    }
    node
}

#[test]
fn validating_a_tree_deeper_than_the_limit_reports_it_instead_of_overflowing() {
    // Deep enough to overflow any thread's stack if validation recursed all the way down.
    let deep = chain(300_000);
    let errors = deep.validate().unwrap_err();
    assert_eq!(errors.len(), 1);
    let violation = errors.iter().next().unwrap();
    assert_eq!(violation.code(), "depth");
    assert_eq!(
        violation.param("max"),
        Some(&model::Value::UInt(MAX_DEPTH as u64))
    );
    assert_eq!(
        violation.path().to_string(),
        "next".repeat(MAX_DEPTH + 1).replace("tn", "t.n")
    );
    assert!(violation
        .to_string()
        .ends_with("is nested too deeply to validate (a path of more than 256 segments)"));
    // Dropping a chain this long recurses too (that is the standard library's `Box`), so the
    // test leaves it allocated.
    std::mem::forget(deep);
}

#[test]
fn a_tree_within_the_limit_is_validated_to_the_bottom() {
    let fine = chain(MAX_DEPTH + 1);
    assert_eq!(fine.validate(), Ok(()));
    let too_deep = chain(MAX_DEPTH + 2);
    assert_eq!(
        too_deep
            .validate()
            .unwrap_err()
            .iter()
            .next()
            .unwrap()
            .code(),
        "depth"
    );
}

/// A loader that reads the model by name, which reads the lazy field being computed.
#[derive(Model, Debug)]
#[model(serde = false)]
struct Report {
    #[model(length(1..=32))]
    title: String,
    #[model(lazy = Self::summarise)]
    summary: model::Lazy<String>,
    #[model(lazy = Self::load_a)]
    a: model::Lazy<u32>,
    #[model(lazy = Self::load_b)]
    b: model::Lazy<u32>,
    #[model(lazy = Self::measure)]
    length: model::Lazy<usize>,
}

impl Report {
    fn summarise(&self) -> String {
        // Every field by name, this one included.
        self.fields()
            .map(|(field, value)| format!("{}={value}", field.name()))
            .collect()
    }
    fn load_a(&self) -> u32 {
        *self.b() + 1
    }
    fn load_b(&self) -> u32 {
        *self.a() + 1
    }
    fn measure(&self) -> usize {
        self.title.len()
    }
}

/// Runs `f` on another thread and returns its panic message, failing (rather than hanging) if
/// it neither returns nor panics within ten seconds.
fn panic_message(f: impl FnOnce() + Send + 'static) -> String {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        let _ = done.send(outcome.err().map(|payload| {
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default()
        }));
    });
    let outcome = finished
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the lazy cycle hung instead of panicking");
    outcome.expect("the lazy cycle did not panic")
}

#[test]
fn a_loader_that_reads_its_own_field_by_name_panics_instead_of_hanging() {
    let message = panic_message(|| {
        let report = Report::new("q3").unwrap();
        let _ = report.summary();
    });
    assert!(
        message.starts_with("lazy field `summary` was asked for while it was being computed"),
        "{message}"
    );
}

#[test]
fn two_lazy_fields_that_read_each_other_panic_instead_of_hanging() {
    let message = panic_message(|| {
        let report = Report::new("q3").unwrap();
        let _ = report.a();
    });
    assert!(
        message.starts_with("lazy field `a` was asked for while it was being computed"),
        "{message}"
    );
}

#[test]
fn after_a_cycle_the_model_is_unharmed() {
    let report = Report::new("q3").unwrap();
    let cycle = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| report.b().to_owned()));
    assert!(cycle.is_err());
    assert_eq!(report.title(), "q3");
    assert_eq!(report.validate(), Ok(()));
    // Nothing is left marked as being computed: a lazy field without a cycle loads, on this
    // same thread, and the cycle is found again from its start.
    assert_eq!(*report.length(), 2);
    let again = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| report.b().to_owned()));
    assert!(again.is_err());
}

#[test]
fn a_huge_unknown_name_is_refused_without_suggestions() {
    // A name of 1 MB: no known name is close to it, and none is compared with it (the cost
    // bound itself is tested beside the suggestions, in model-core).
    let huge = "x".repeat(1 << 20);
    let mut node = Node::new(1, None).unwrap();
    let error = node.set(&huge, 1).unwrap_err().to_string();
    assert!(
        error.ends_with(": no such field"),
        "{}",
        &error[error.len() - 60..]
    );
    assert!(node.get(&huge).is_err());
    #[cfg(feature = "json")]
    {
        let json = format!(r#"{{"type": "{huge}"}}"#);
        let error = model::from_json(&json).err().unwrap().to_string();
        assert!(!error.contains("did you mean"));
    }
}

/// A tree whose children read by name: `Vec<Tree>` converts to a `Value` item by item.
#[derive(Model, Debug)]
#[model(serde = false)]
struct Tree {
    #[model(nested)]
    children: Vec<Tree>,
}

#[test]
fn reading_a_deep_tree_by_name_stops_at_the_limit() {
    let mut deep = Tree::new(Vec::new()).unwrap();
    for _ in 1..300_000 {
        deep = Tree::new(vec![deep]).unwrap();
    }
    let value = deep.get("children").unwrap();
    // Walk down the only child of each list: MAX_DEPTH models, then the marker.
    let mut levels = 0;
    let mut at = &value;
    let marker = loop {
        let model::Value::List(items) = at else {
            panic!("a list of children");
        };
        match &items[0] {
            model::Value::Map(fields) => {
                levels += 1;
                at = &fields[0].1;
            }
            other => break other.clone(),
        }
    };
    // Leaked rather than dropped, before any assertion can unwind: dropping a chain this long
    // recurses (the standard library's `Vec` and `Box`).
    std::mem::forget(deep);
    assert_eq!(marker, model::Value::from("[nested too deeply]"));
    assert_eq!(levels, MAX_DEPTH);
    // And the count is back to zero: a short tree reads whole.
    let short = Tree::new(vec![Tree::new(vec![]).unwrap()]).unwrap();
    assert!(!format!("{:?}", short.get("children").unwrap()).contains("too deeply"));
}

/// Two lazy fields reading each other, each loader waiting for the other thread to be inside
/// its own loader first (once), so that the two threads form the cycle between them.
#[derive(Model, Debug)]
#[model(serde = false)]
struct Crossed {
    #[model(lazy = Self::load_left)]
    left: model::Lazy<u32>,
    #[model(lazy = Self::load_right)]
    right: model::Lazy<u32>,
}

static BOTH_INSIDE: std::sync::Barrier = std::sync::Barrier::new(2);
static FIRST_LEFT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);
static FIRST_RIGHT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

impl Crossed {
    fn load_left(&self) -> u32 {
        if FIRST_LEFT.swap(false, std::sync::atomic::Ordering::SeqCst) {
            BOTH_INSIDE.wait();
        }
        *self.right() + 1
    }
    fn load_right(&self) -> u32 {
        if FIRST_RIGHT.swap(false, std::sync::atomic::Ordering::SeqCst) {
            BOTH_INSIDE.wait();
        }
        *self.left() + 1
    }
}

#[test]
fn two_threads_that_form_a_lazy_cycle_between_them_panic_instead_of_hanging() {
    let crossed = std::sync::Arc::new(Crossed::new().unwrap());
    let (done, finished) = std::sync::mpsc::channel();
    for side in [true, false] {
        let crossed = std::sync::Arc::clone(&crossed);
        let done = done.clone();
        std::thread::spawn(move || {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                if side {
                    *crossed.left()
                } else {
                    *crossed.right()
                }
            }));
            let _ = done.send(outcome.map_err(|payload| {
                payload
                    .downcast_ref::<String>()
                    .cloned()
                    .unwrap_or_default()
            }));
        });
    }
    let wait = std::time::Duration::from_secs(10);
    let outcomes = [
        finished
            .recv_timeout(wait)
            .expect("a thread hung in the lazy cycle"),
        finished
            .recv_timeout(wait)
            .expect("a thread hung in the lazy cycle"),
    ];
    for outcome in outcomes {
        let message = outcome.expect_err("a cycle has no value");
        assert!(
            message.contains("was asked for while it was being computed"),
            "{message}"
        );
    }
}

/// The same chain, with serde: writing it is bounded like validating it.
#[cfg(feature = "json")]
mod written {
    use model::{Model, MAX_DEPTH};

    #[derive(Model, Debug)]
    pub(super) struct Link {
        #[model(range(0..=9))]
        digit: u8,
        #[model(nested)]
        next: Option<Box<Link>>,
    }

    fn chain(length: usize) -> Link {
        let mut link = Link::new(1, None).unwrap();
        for _ in 1..length {
            link = Link::new(1, Some(Box::new(link))).unwrap();
        }
        link
    }

    #[test]
    fn serializing_a_tree_deeper_than_the_limit_is_an_error_instead_of_a_crash() {
        let deep = chain(300_000);
        let error = serde_json::to_string(&deep).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("the model nests more than {MAX_DEPTH} levels deep")
        );
        std::mem::forget(deep);
        // Within the limit, it writes and the depth count starts again at zero.
        let fine = chain(MAX_DEPTH);
        assert!(serde_json::to_string(&fine).is_ok());
        assert!(serde_json::to_string(&fine).is_ok());
    }
}

/// Documents nested far deeper than anything reads: refused as malformed by every JSON reader,
/// never recursed into (on a test thread's 2 MiB stack, 100,000 levels overflowed it).
#[cfg(feature = "json")]
mod deep_documents {
    use super::written::Link;
    use model::dynamic::{Definition, Field, Kind, Record};
    use model::{json, Rejected};

    fn brackets(depth: usize) -> String {
        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn a_document_too_deep_to_read_is_malformed_in_every_reader() {
        let deep = brackets(100_000);
        assert!(matches!(
            json::from_str::<Link>(&deep),
            Err(Rejected::Malformed(_))
        ));
        let chain = format!(
            "{}{}",
            r#"{"digit": 10, "next": "#.repeat(20_000),
            "null}".repeat(20_000)
        );
        // serde_json's own limit, here, on the first read.
        let Err(Rejected::Malformed(error)) = json::from_str::<Link>(&chain) else {
            panic!("malformed")
        };
        assert!(error.to_string().contains("recursion limit"), "{error}");
        assert!(matches!(
            model::from_json(&format!(r#"{{"type": "Link", "next": {deep}}}"#)),
            Err(model::RegistryError::Malformed(_))
        ));
        let anything = Definition::new("Anything")
            .field(Field::new("any", Kind::Any))
            .build()
            .unwrap();
        assert!(Record::from_json(anything, &format!(r#"{{"any": {deep}}}"#)).is_err());
        // Within the limit, a chain is read, and its problems found at every level.
        let chain = format!(
            "{}null{}",
            r#"{"digit": 10, "next": "#.repeat(50),
            "}".repeat(50)
        );
        let Err(Rejected::Invalid(report)) = json::from_str::<Link>(&chain) else {
            panic!("a report")
        };
        assert_eq!(report.len(), 50);
    }
}
