//! JSON Lines: one document per line with fields `id url title published source author text`.

use rasd_doc::{Document, Format};
use serde_json::Value;

use crate::{parse_date, Error, Item, Options, Skipped};

/// Parses one JSON line (`n` is its 1-based line number in `origin`).
pub(crate) fn document(line: &str, stem: &str, origin: &str, n: usize, opts: &Options) -> Item {
    let fail = |message: String| Skipped {
        origin: format!("{origin}:{n}"),
        error: Error::Json { line: n, message },
    };
    let value: Value =
        serde_json::from_str(line).map_err(|e| fail(format!("malformed JSON: {e}")))?;
    let Value::Object(map) = value else {
        return Err(fail("expected a JSON object".into()));
    };
    let field = |name: &str| -> Result<Option<String>, Skipped> {
        match map.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone()).filter(|s| !s.trim().is_empty())),
            Some(Value::Number(x)) if name == "id" => Ok(Some(x.to_string())),
            Some(_) => Err(fail(format!("field \"{name}\" must be a string"))),
        }
    };
    let text = field("text")?.ok_or_else(|| fail("missing or empty \"text\"".into()))?;
    let id = field("id")?.unwrap_or_else(|| format!("{stem}-{n}"));
    let published = field("published")?.map(|p| parse_date(&p).unwrap_or(p));
    Ok(Document {
        id,
        title: field("title")?,
        url: field("url")?,
        source: field("source")?.or_else(|| opts.source.clone()),
        author: field("author")?,
        published,
        origin: format!("{origin}:{n}"),
        format: Format::Jsonl,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(line: &str) -> Item {
        document(line, "f", "f.jsonl", 3, &Options::default())
    }

    #[test]
    fn full_record() {
        let d = parse(r#"{"id":"a1","url":"http://x","title":"ع","published":"2018-02-18","source":"s","author":"م","text":"نص"}"#).unwrap();
        assert_eq!(
            (d.id.as_str(), d.published.as_deref(), d.origin.as_str()),
            ("a1", Some("2018-02-18"), "f.jsonl:3")
        );
    }

    #[test]
    fn id_defaults_to_stem_and_line() {
        assert_eq!(parse(r#"{"text":"نص"}"#).unwrap().id, "f-3");
        assert_eq!(parse(r#"{"id":17,"text":"نص"}"#).unwrap().id, "17");
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let e = parse(r#"{"text": "نص""#).unwrap_err();
        assert_eq!(e.origin, "f.jsonl:3");
        assert!(e.to_string().contains("malformed JSON"), "{e}");
        assert!(parse(r#"{"title":"x"}"#).unwrap_err().to_string().contains("\"text\""));
        assert!(parse(r#"[1,2]"#).is_err());
        assert!(parse(r#"{"text":5}"#).is_err());
    }
}
