//! Effective Python, Item 31: "Use descriptors for reusable @property methods", told in Rust.
//!
//! In Python, a `Grade` descriptor is one object per class attribute, shared by every instance:
//! the first attempt stores the value in the descriptor and all `Exam`s end up with the same
//! grade; the fix keeps a `WeakKeyDictionary` of instances. In Rust the reusable part is a
//! stateless rule type, `Grade`, and each value lives in its own struct: there is nothing to
//! share by mistake, and nothing to leak.

use model::{Error, Model, Params, Rule, Target, Value};

/// A grade from 0 to 100: ONE rule type, used by every field below, of any model and any
/// integer type.
struct Grade;

impl Grade {
    const MIN: i64 = 0;
    const MAX: i64 = 100;
}

impl<T: Copy + Into<i64>> Rule<T> for Grade {
    fn check(&self, value: &T) -> Result<(), Error> {
        let value: i64 = (*value).into();
        if (Grade::MIN..=Grade::MAX).contains(&value) {
            Ok(())
        } else {
            Err(Error::new(
                "grade",
                "must be a grade between {min} and {max} (got {value})",
            )
            .with_param("min", Grade::MIN)
            .with_param("max", Grade::MAX)
            .with_param("value", value))
        }
    }

    fn params(&self) -> Params {
        Params::new()
            .with("min", Grade::MIN)
            .with("max", Grade::MAX)
    }
}

/// Python's `Homework`, whose `grade` is a validated `@property`.
#[derive(Model, Debug, Clone, PartialEq)]
struct Homework {
    #[model(default, with = Grade)]
    grade: i32,
}

/// Python's `Exam`: three grades, one rule.
#[derive(Model, Debug, Clone, PartialEq)]
struct Exam {
    #[model(default, with = Grade)]
    writing_grade: i32,
    #[model(default, with = Grade)]
    math_grade: i32,
    #[model(default, with = Grade)]
    science_grade: i32,
}

/// An unrelated model reuses the same rule, on another integer type.
#[derive(Model, Debug)]
struct ReportCard {
    #[model(length(1..))]
    student: String,
    #[model(with = Grade)]
    final_grade: u8,
}

#[test]
fn homework_accepts_a_grade_and_rejects_a_bad_one() {
    let mut galileo = Homework::new().unwrap();
    assert_eq!(galileo.grade(), 0);
    galileo.set_grade(95).unwrap();
    assert_eq!(galileo.grade(), 95);

    let error = galileo.set_grade(101).unwrap_err();
    assert_eq!(
        error.to_string(),
        "grade: must be a grade between 0 and 100 (got 101)"
    );
    let violation = &error.as_slice()[0];
    assert_eq!(violation.code(), "grade");
    assert_eq!(violation.path().to_string(), "grade");
    assert_eq!(violation.param("min"), Some(&Value::Int(0)));
    assert_eq!(violation.param("max"), Some(&Value::Int(100)));
    assert_eq!(violation.param("value"), Some(&Value::Int(101)));
    assert_eq!(galileo.grade(), 95, "a refused grade leaves the old one");

    assert!(galileo.set_grade(-1).is_err());
    assert!(galileo.set_grade(0).is_ok());
    assert!(galileo.set_grade(100).is_ok());
    assert_eq!(galileo.grade(), 100);
}

#[test]
fn two_exams_keep_independent_grades() {
    // The book's broken descriptor printed "First 75 is wrong" here.
    let mut first_exam = Exam::new().unwrap();
    first_exam.set_writing_grade(82).unwrap();
    first_exam.set_science_grade(99).unwrap();
    assert_eq!(first_exam.writing_grade(), 82);
    assert_eq!(first_exam.science_grade(), 99);

    let mut second_exam = Exam::new().unwrap();
    second_exam.set_writing_grade(75).unwrap();
    assert_eq!(second_exam.writing_grade(), 75, "second is right");
    assert_eq!(first_exam.writing_grade(), 82, "first is right too");
    assert_eq!(second_exam.science_grade(), 0);
    assert_eq!(first_exam.math_grade(), 0);

    // A failed set on one exam does not touch the other.
    assert!(second_exam.set_writing_grade(140).is_err());
    assert_eq!(second_exam.writing_grade(), 75);
    assert_eq!(first_exam.writing_grade(), 82);

    // Nor do fields of one exam share a value.
    first_exam.set_math_grade(12).unwrap();
    assert_eq!(
        (
            first_exam.writing_grade(),
            first_exam.math_grade(),
            first_exam.science_grade()
        ),
        (82, 12, 99)
    );
}

#[test]
fn the_rule_holds_no_state() {
    // Python's first `Grade` kept `self._value`; the fixed one a dictionary of instances. The Rust
    // rule is zero-sized: there is nowhere to keep a value.
    assert_eq!(std::mem::size_of::<Grade>(), 0);
    // The values live in the model, one slot per field.
    assert_eq!(std::mem::size_of::<Exam>(), 3 * std::mem::size_of::<i32>());
    assert_eq!(std::mem::size_of::<Homework>(), std::mem::size_of::<i32>());
}

#[test]
fn error_paths_name_each_field() {
    let error = Exam::builder()
        .writing_grade(101)
        .math_grade(-1)
        .science_grade(250)
        .build()
        .unwrap_err();
    let found: Vec<(String, &str, Option<&Value>)> = error
        .iter()
        .map(|v| (v.path().to_string(), v.code(), v.param("value")))
        .collect();
    assert_eq!(
        found,
        [
            ("writing_grade".to_string(), "grade", Some(&Value::Int(101))),
            ("math_grade".to_string(), "grade", Some(&Value::Int(-1))),
            ("science_grade".to_string(), "grade", Some(&Value::Int(250))),
        ]
    );
    assert_eq!(
        error.to_string(),
        "writing_grade: must be a grade between 0 and 100 (got 101)\n\
         math_grade: must be a grade between 0 and 100 (got -1)\n\
         science_grade: must be a grade between 0 and 100 (got 250)"
    );

    // `update` names them the same way, and stores none of them.
    let mut exam = Exam::new().unwrap();
    let error = exam
        .update(|draft| {
            draft.set_writing_grade(90).set_math_grade(-5);
        })
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "math_grade: must be a grade between 0 and 100 (got -5)"
    );
    assert_eq!(exam, Exam::new().unwrap());

    // The unrelated model names its own field.
    let error = ReportCard::new("Ada", 200).unwrap_err();
    assert_eq!(
        error.to_string(),
        "final_grade: must be a grade between 0 and 100 (got 200)"
    );
    let card = ReportCard::new("Ada", 100).unwrap();
    assert_eq!((card.student().as_str(), card.final_grade()), ("Ada", 100));
}

#[test]
fn every_field_names_the_same_rule_in_its_metadata() {
    let mut seen = Vec::new();
    for (model, field) in [
        (Homework::meta(), "grade"),
        (Exam::meta(), "writing_grade"),
        (Exam::meta(), "math_grade"),
        (Exam::meta(), "science_grade"),
        (ReportCard::meta(), "final_grade"),
    ] {
        let field = model.field(field).unwrap();
        assert_eq!(field.rule_list().len(), 1);
        let rule = &field.rule_list()[0];
        assert_eq!(rule.name(), "with");
        assert_eq!(rule.source(), "Grade");
        assert_eq!(rule.target(), Target::Value);
        let params = rule.params();
        assert_eq!(params.get("min"), Some(&Value::Int(0)));
        assert_eq!(params.get("max"), Some(&Value::Int(100)));
        seen.push(format!("{}.{}", model.name(), field.name()));
    }
    assert_eq!(
        seen,
        [
            "Homework.grade",
            "Exam.writing_grade",
            "Exam.math_grade",
            "Exam.science_grade",
            "ReportCard.final_grade",
        ]
    );
    // A default grade is not a constructor argument.
    assert!(Exam::meta().field_list().iter().all(|f| f.is_default()));
}
