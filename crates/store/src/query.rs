//! Search queries: parsed with the same text layer as the index.

use std::collections::HashSet;

use rasd_text::{search_terms, Tokenizer};

use crate::{Error, Result};

/// A validated search query.
///
/// Syntax: words (all must match), `"quoted phrases"` (words in order), and `-word` to
/// exclude. Words are analysed like the indexed text — clitics split, letters folded — so
/// `المخابرات` matches `والمخابرات` and `بالمخابرات`, `امريكا` matches `أمريكا`, and a
/// diacritised query matches undiacritised text.
///
/// ```
/// use rasd_store::Query;
/// let q = Query::parse("والمخابرات \"وزير الخارجية\" -فرنسا").unwrap();
/// assert_eq!(q.fts(), "\"مخابرات\" \"وزير خارجيه\" NOT \"فرنسا\"");
/// assert!(Query::parse("\"unbalanced").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    positive: Vec<Vec<String>>,
    negative: Vec<Vec<String>>,
}

impl Query {
    /// Parses a query string.
    pub fn parse(input: &str) -> Result<Query> {
        if input.chars().filter(|&c| c == '"').count() % 2 == 1 {
            return Err(Error::BadQuery("unbalanced quote: close the phrase with \"".into()));
        }
        let mut positive = Vec::new();
        let mut negative = Vec::new();
        for (i, part) in input.split('"').enumerate() {
            if i % 2 == 1 {
                let keys = keys(part);
                if !keys.is_empty() {
                    positive.push(keys);
                }
                continue;
            }
            for word in part.split_whitespace() {
                let (neg, word) = match word.strip_prefix('-') {
                    Some(w) if !w.is_empty() => (true, w),
                    _ => (false, word),
                };
                for key in keys(word) {
                    if neg {
                        negative.push(vec![key])
                    } else {
                        positive.push(vec![key])
                    }
                }
            }
        }
        if positive.is_empty() {
            return Err(Error::BadQuery(if negative.is_empty() {
                format!("no searchable words in {input:?}")
            } else {
                "a query needs at least one word to look for, not only exclusions".into()
            }));
        }
        Ok(Query { positive, negative })
    }

    /// The FTS5 match expression.
    pub fn fts(&self) -> String {
        let quote = |keys: &Vec<String>| format!("\"{}\"", keys.join(" "));
        let mut out = self.positive.iter().map(quote).collect::<Vec<_>>().join(" ");
        for n in &self.negative {
            out.push_str(" NOT ");
            out.push_str(&quote(n));
        }
        out
    }

    /// Every key the query looks for (to highlight matches).
    pub fn keys(&self) -> HashSet<&str> {
        self.positive.iter().flatten().map(String::as_str).collect()
    }
}

fn keys(text: &str) -> Vec<String> {
    let tokens = Tokenizer::default().tokenize(text);
    search_terms(&tokens)
        .into_iter()
        .map(|t| t.key.replace('"', ""))
        .filter(|k| !k.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_like_the_index() {
        assert_eq!(Query::parse("المخابرات").unwrap().fts(), "\"مخابرات\"");
        assert_eq!(Query::parse("أمريكا").unwrap().fts(), Query::parse("امريكا").unwrap().fts());
        assert_eq!(Query::parse("المُخابَرات").unwrap().fts(), "\"مخابرات\"");
    }

    #[test]
    fn errors_are_clear() {
        let e = Query::parse("، ؟ !").unwrap_err().to_string();
        assert!(e.contains("no searchable words"), "{e}");
        assert!(Query::parse("-فرنسا").unwrap_err().to_string().contains("exclusions"));
        assert!(Query::parse("   ").is_err());
    }

    #[test]
    fn latin_and_numbers() {
        assert_eq!(Query::parse("CIA 2023").unwrap().fts(), "\"cia\" \"2023\"");
    }
}
