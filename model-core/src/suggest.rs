//! "Did you mean ...?": the known names close to an unknown one, for the registry and for
//! fields asked for by name.

use std::fmt;

/// How many suggestions are made at most.
const MAX: usize = 3;

/// The longest name, in characters, for which suggestions are sought: a longer one is no typo of
/// a field or model name, and comparing it would cost time in proportion to its length (a
/// hostile document can send a name of megabytes).
const LONGEST: usize = 128;

/// The `candidates` close to `name`, closest first (ties in alphabetical order), at most three,
/// without repeats.
///
/// Names are compared without regard to case, by edit distance: a candidate is close when at
/// most two edits away, or a third of its length for long names. The work is bounded: a name
/// longer than [`LONGEST`] characters gets no suggestion, and a candidate whose length alone
/// puts it too far is not compared.
pub(crate) fn close_matches(
    name: &str,
    candidates: impl Iterator<Item = &'static str>,
) -> Vec<&'static str> {
    if name.chars().nth(LONGEST).is_some() {
        return Vec::new();
    }
    let name = name.to_lowercase();
    let length = name.chars().count();
    let mut close: Vec<(usize, &'static str)> = candidates
        .filter_map(|known| {
            let most = 2.max(known.len() / 3);
            let known_lower = known.to_lowercase();
            // The difference in length is a lower bound of the distance.
            if known_lower.chars().count().abs_diff(length) > most {
                return None;
            }
            let d = strsim::levenshtein(&name, &known_lower);
            (d <= most).then_some((d, known))
        })
        .collect();
    close.sort_unstable();
    close.dedup_by_key(|(_, known)| *known);
    close
        .into_iter()
        .map(|(_, known)| known)
        .take(MAX)
        .collect()
}

/// Names as an English list of code spans: `` `a` ``, `` `a` or `b` ``, joined by `joiner`.
pub(crate) struct Names<'a> {
    pub(crate) names: &'a [&'static str],
    pub(crate) joiner: &'static str,
}

impl fmt::Display for Names<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, name) in self.names.iter().enumerate() {
            if i > 0 {
                f.write_str(self.joiner)?;
            }
            write!(f, "`{name}`")?;
        }
        Ok(())
    }
}

/// `"; did you mean `a` or `b`?"`, or nothing when there is no suggestion.
pub(crate) struct DidYouMean<'a>(pub(crate) &'a [&'static str]);

impl fmt::Display for DidYouMean<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return Ok(());
        }
        let names = Names {
            names: self.0,
            joiner: " or ",
        };
        write!(f, "; did you mean {names}?")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_first_then_alphabetical() {
        let names = ["cpu_cores", "cpu_core_", "ram_gb", "cpu_cores", "CPU_CORE"];
        assert_eq!(
            close_matches("cpu_core", names.into_iter()),
            ["CPU_CORE", "cpu_core_", "cpu_cores"]
        );
        assert!(close_matches("region", names.into_iter()).is_empty());
    }

    #[test]
    fn at_most_three() {
        let names = ["ab", "ac", "ad", "ae"];
        assert_eq!(close_matches("aa", names.into_iter()), ["ab", "ac", "ad"]);
    }

    #[test]
    fn long_names_allow_more_edits() {
        // 3 edits away: too far for a short name, close enough for one of 9 characters or more.
        assert!(close_matches("abcxyz", ["abc"].into_iter()).is_empty());
        assert_eq!(
            close_matches("abcdefxyz", ["abcdefghi"].into_iter()),
            ["abcdefghi"]
        );
    }

    #[test]
    fn hostile_names_cost_little() {
        // A name of 10 MB: compared with every candidate, this took seconds.
        let huge = "a".repeat(10 << 20);
        let names = ["a", "aa", "aaa"];
        let start = std::time::Instant::now();
        for _ in 0..100 {
            assert!(close_matches(&huge, names.into_iter()).is_empty());
        }
        assert!(start.elapsed() < std::time::Duration::from_millis(500));
        // Just within the limit, a long name is still compared, and only with close lengths.
        let long: &'static str = "b".repeat(LONGEST).leak();
        let near = format!("{}c", &long[1..]);
        assert_eq!(close_matches(&near, [long, "b"].into_iter()), [long]);
        let over = "b".repeat(LONGEST + 1);
        assert!(close_matches(&over, [long].into_iter()).is_empty());
    }

    #[test]
    fn rendering() {
        assert_eq!(DidYouMean(&[]).to_string(), "");
        assert_eq!(DidYouMean(&["a"]).to_string(), "; did you mean `a`?");
        assert_eq!(
            DidYouMean(&["a", "b"]).to_string(),
            "; did you mean `a` or `b`?"
        );
        let names = Names {
            names: &["a", "b", "c"],
            joiner: ", ",
        };
        assert_eq!(names.to_string(), "`a`, `b`, `c`");
    }
}
