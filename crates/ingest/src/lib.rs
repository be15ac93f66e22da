//! Reads articles into [`Document`]s: plain text, HTML pages, JSON Lines and RSS/Atom feeds.
//!
//! The crate turns *bytes* into documents and decides what cannot be read; it never touches
//! the store. Each input yields either documents or a [`Skipped`] record that names the file
//! (and line) and the reason, so that one bad file never stops an ingest.
//!
//! Legacy encodings are handled the way browsers do: a byte-order mark wins, then valid
//! UTF-8, then an HTML `charset` declaration, then detection (`chardetng`) — so an Arabic
//! page in windows-1256, with or without a correct charset, decodes to the right letters.
#![deny(missing_docs)]

mod decode;
mod errors;
mod feed;
mod html;
mod jsonl;
mod walk;

use std::path::Path;

pub use decode::decode;
pub use errors::{Error, Result};
pub use walk::{walk, Kind};

use rasd_doc::{Document, Format};

/// Default largest file (and largest JSON line) accepted: 20 MB.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// Options for reading inputs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files (and JSON lines) larger than this are skipped.
    pub max_bytes: u64,
    /// Publication date for plain-text files (which carry none of their own).
    pub published: Option<String>,
    /// Source (outlet) name for inputs that carry none of their own.
    pub source: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_bytes: DEFAULT_MAX_BYTES, published: None, source: None }
    }
}

/// An input that was not ingested, and why.
#[derive(Debug)]
pub struct Skipped {
    /// The file, with `:LINE` for a JSON line or `#ENTRY` for a feed entry.
    pub origin: String,
    /// Why it was skipped.
    pub error: Error,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.error)
    }
}

/// One read result: a document, or a skipped input.
pub type Item = std::result::Result<Document, Skipped>;

/// Reads one file of the given kind into documents (JSON Lines: use [`read_jsonl_lines`]
/// for streaming large files; this reads the whole file).
pub fn read_file(path: &Path, kind: Kind, opts: &Options) -> Vec<Item> {
    let origin = path.display().to_string();
    let skip = |error| vec![Err(Skipped { origin: origin.clone(), error })];
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return skip(Error::Io(e.to_string())),
    };
    if kind != Kind::Jsonl && meta.len() > opts.max_bytes {
        return skip(Error::TooLarge { size: meta.len(), limit: opts.max_bytes });
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return skip(Error::Io(e.to_string())),
    };
    parse_bytes(&bytes, path, kind, opts)
}

/// Parses the bytes of one file of the given kind.
pub fn parse_bytes(bytes: &[u8], path: &Path, kind: Kind, opts: &Options) -> Vec<Item> {
    let origin = path.display().to_string();
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let one =
        |r: Result<Document>| vec![r.map_err(|error| Skipped { origin: origin.clone(), error })];
    match kind {
        Kind::Text => {
            one(decode(bytes, false).and_then(|text| text_document(&stem, &origin, text, opts)))
        }
        Kind::Html => {
            one(decode(bytes, true).and_then(|text| html::document(&stem, &origin, &text, opts)))
        }
        Kind::Feed => feed::documents(bytes, &origin, opts),
        Kind::Jsonl => match decode(bytes, false) {
            Ok(text) => text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
                .map(|(i, line)| jsonl::document(line, &stem, &origin, i + 1, opts))
                .collect(),
            Err(error) => vec![Err(Skipped { origin, error })],
        },
    }
}

/// Parses JSON lines read by the caller (for streaming large files).
///
/// `lines` are `(1-based line number, line)`; `path` names the file.
pub fn read_jsonl_lines(lines: &[(usize, String)], path: &Path, opts: &Options) -> Vec<Item> {
    let origin = path.display().to_string();
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    lines
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, line)| {
            if line.len() as u64 > opts.max_bytes {
                return Err(Skipped {
                    origin: format!("{origin}:{n}"),
                    error: Error::TooLarge { size: line.len() as u64, limit: opts.max_bytes },
                });
            }
            jsonl::document(line, &stem, &origin, *n, opts)
        })
        .collect()
}

/// Builds a plain-text document: the first non-empty line is the title; the text is kept
/// whole (title included) so that offsets match the file.
fn text_document(stem: &str, origin: &str, text: String, opts: &Options) -> Result<Document> {
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let title = text.lines().map(str::trim).find(|l| !l.is_empty()).map(str::to_string);
    Ok(Document {
        id: stem.to_string(),
        title,
        url: None,
        source: opts.source.clone(),
        author: None,
        published: opts.published.clone(),
        origin: origin.to_string(),
        format: Format::Text,
        text,
    })
}

/// Normalises a date or date-time string to ISO 8601 where it can be parsed
/// (RFC 3339, RFC 2822, `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY-MM-DD HH:MM:SS`); returns `None`
/// for text that is not a date.
///
/// ```
/// use rasd_ingest::parse_date;
/// assert_eq!(parse_date("2023-04-09").as_deref(), Some("2023-04-09"));
/// assert_eq!(parse_date("Sun, 09 Apr 2023 10:00:00 +0000").as_deref(), Some("2023-04-09T10:00:00+00:00"));
/// assert_eq!(parse_date("yesterday"), None);
/// ```
pub fn parse_date(s: &str) -> Option<String> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let s = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.to_rfc3339());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.to_rfc3339());
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return Some(d.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_title_is_first_non_empty_line() {
        let items = parse_bytes(
            "\n\n عنوان الخبر \nنص الخبر".as_bytes(),
            Path::new("d/x1.txt"),
            Kind::Text,
            &Options::default(),
        );
        let doc = items.into_iter().next().unwrap().unwrap();
        assert_eq!(doc.id, "x1");
        assert_eq!(doc.title.as_deref(), Some("عنوان الخبر"));
        assert!(doc.text.starts_with("\n\n عنوان"));
    }

    #[test]
    fn empty_text_is_skipped() {
        let items = parse_bytes(b"  \n \n", Path::new("e.txt"), Kind::Text, &Options::default());
        let err = items.into_iter().next().unwrap().unwrap_err();
        assert!(matches!(err.error, Error::Empty), "{err}");
        assert!(err.to_string().starts_with("e.txt: "));
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_date("2023-04-07T08:30:00Z").as_deref(),
            Some("2023-04-07T08:30:00+00:00")
        );
        assert_eq!(parse_date("2023/04/07").as_deref(), Some("2023-04-07"));
        assert_eq!(parse_date("2023-04-07 08:30:00").as_deref(), Some("2023-04-07T08:30:00"));
        assert_eq!(parse_date("2023-13-40"), None);
    }
}
