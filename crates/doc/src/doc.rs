//! Documents: the article as ingested, and the enriched document the pipeline builds.

use serde::{Deserialize, Serialize};

use crate::{Dct, EventMention, Mention, Role, Sentence, TimeExpr, Token};

/// The input format a document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text; the first non-empty line is the title.
    Text,
    /// An HTML page, reduced to its main text.
    Html,
    /// One line of a JSON Lines file.
    Jsonl,
    /// One entry of an RSS or Atom feed.
    Feed,
}

impl Format {
    /// The lowercase name used in the store and on the command line.
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Feed => "feed",
        }
    }
}

/// An article as ingested: metadata and original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the file stem, or the id the input gives.
    pub id: String,
    /// Title, if known.
    pub title: Option<String>,
    /// Where the article was published online.
    pub url: Option<String>,
    /// Outlet or feed name.
    pub source: Option<String>,
    /// Author or byline.
    pub author: Option<String>,
    /// Publication date or date-time as given by the input (ISO 8601 when it could be parsed).
    pub published: Option<String>,
    /// The file this document was read from (with `:LINE` for JSON Lines).
    pub origin: String,
    /// Input format.
    pub format: Format,
    /// The original text; every span in rasd points into it.
    pub text: String,
}

impl Document {
    /// A plain-text document with only an id, its text and optionally a publication date
    /// (for tests, the API and quick looks); the origin is `ID.txt`.
    pub fn from_text(id: &str, text: &str, published: Option<&str>) -> Document {
        Document {
            id: id.to_string(),
            title: None,
            url: None,
            source: None,
            author: None,
            published: published.map(str::to_string),
            origin: format!("{id}.txt"),
            format: Format::Text,
            text: text.to_string(),
        }
    }

    /// A content hash over everything that defines the document, as lowercase hex.
    ///
    /// Two ingests of the same content give the same hash; any change to the text or
    /// metadata gives a different one. The origin path is not part of it, so moving a file
    /// does not make it "changed".
    pub fn content_hash(&self, hasher: impl FnOnce(&[u8]) -> String) -> String {
        let mut buf = Vec::with_capacity(self.text.len() + 256);
        for field in [&self.title, &self.url, &self.source, &self.author, &self.published] {
            match field {
                Some(v) => {
                    buf.push(1);
                    buf.extend_from_slice(&(v.len() as u64).to_le_bytes());
                    buf.extend_from_slice(v.as_bytes());
                }
                None => buf.push(0),
            }
        }
        buf.extend_from_slice(self.text.as_bytes());
        hasher(&buf)
    }
}

/// A document enriched stage by stage by the pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// The article itself.
    pub document: Document,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens in text order (clitic pieces of one word are consecutive).
    pub tokens: Vec<Token>,
    /// The publication date used as anchor, from metadata or inferred from the text.
    pub dct: Option<Dct>,
    /// Temporal expressions in text order.
    pub timexes: Vec<TimeExpr>,
    /// Named-entity mentions in text order.
    pub mentions: Vec<Mention>,
    /// Roles and titles in text order, with their holders.
    pub roles: Vec<Role>,
    /// Events as this document's sentences state them, in text order.
    pub events: Vec<EventMention>,
}

impl Doc {
    /// Wraps a document with no layers yet.
    pub fn new(document: Document) -> Doc {
        Doc {
            document,
            sentences: Vec::new(),
            tokens: Vec::new(),
            dct: None,
            timexes: Vec::new(),
            mentions: Vec::new(),
            roles: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Adds mentions found by a later stage, keeping every mention in text order (event
    /// mentions and roles index them, so stages that add mentions run before those).
    pub fn add_mentions(&mut self, added: Vec<Mention>) {
        if !added.is_empty() {
            self.mentions.extend(added);
            self.mentions.sort_by_key(|m| (m.span.start, m.span.end));
        }
    }

    /// The original text.
    pub fn text(&self) -> &str {
        &self.document.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document {
            id: "a".into(),
            title: Some("t".into()),
            url: None,
            source: None,
            author: None,
            published: None,
            origin: "a.txt".into(),
            format: Format::Text,
            text: text.into(),
        }
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn content_hash_depends_on_text_and_metadata_not_origin() {
        let a = doc("نص");
        let mut b = a.clone();
        b.origin = "elsewhere/a.txt".into();
        assert_eq!(a.content_hash(hex), b.content_hash(hex));
        b.text.push('!');
        assert_ne!(a.content_hash(hex), b.content_hash(hex));
        let mut c = a.clone();
        c.title = None;
        assert_ne!(a.content_hash(hex), c.content_hash(hex));
    }
}
