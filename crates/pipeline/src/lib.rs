//! The rasd pipeline: one [`Doc`] enriched by components in order.
//!
//! The pipeline runs the text layer (normalisation, sentences, clitic-split tokens), the
//! temporal layer (DCT and timexes), named entities (mentions) and event mentions, all
//! per document; cross-document work (entities, merged events) is done over the store by
//! `rasd-analysis`. The pipeline
//! also prepares what the store needs to index a document (its content hash and its search
//! terms), so that this work runs in parallel and the single store writer only writes.
#![deny(missing_docs)]

use rasd_actors::{DictionaryLayer, RoleLayer};
use rasd_doc::{Component, Doc, Document};
use rasd_events::EventLayer;
use rasd_ner::NerLayer;
use rasd_text::{search_terms, TextLayer, Tokenizer};
use rasd_time::TimeLayer;

/// A document processed by the pipeline, ready to store.
#[derive(Debug, Clone)]
pub struct Processed {
    /// The enriched document.
    pub doc: Doc,
    /// Content hash (BLAKE3, hex) over the text and metadata; see [`Document::content_hash`].
    pub hash: String,
    /// Search terms of the title, space-separated (search profile, clitics removed).
    pub index_title: String,
    /// Search terms of the text, space-separated.
    pub index_body: String,
}

/// Builds a [`Pipeline`].
#[derive(Default)]
pub struct PipelineBuilder {
    components: Vec<Box<dyn Component>>,
}

impl PipelineBuilder {
    /// Appends a component; components run in the order added.
    pub fn component(mut self, c: impl Component + 'static) -> Self {
        self.components.push(Box::new(c));
        self
    }

    /// Builds the pipeline.
    pub fn build(self) -> Pipeline {
        Pipeline { components: self.components }
    }
}

/// The ordered list of components; shared across threads.
pub struct Pipeline {
    components: Vec<Box<dyn Component>>,
}

impl Default for Pipeline {
    /// The standard pipeline with every component rasd has today.
    fn default() -> Self {
        PipelineBuilder::default()
            .component(TextLayer)
            .component(TimeLayer)
            .component(NerLayer)
            .component(DictionaryLayer)
            .component(RoleLayer)
            .component(EventLayer)
            .build()
    }
}

impl Pipeline {
    /// Names of the components, in order.
    pub fn component_names(&self) -> Vec<&'static str> {
        self.components.iter().map(|c| c.name()).collect()
    }

    /// Runs every component on a document and prepares it for storage.
    pub fn process(&self, document: Document) -> rasd_doc::Result<Processed> {
        let hash = document.content_hash(|b| blake3::hash(b).to_hex().to_string());
        let mut doc = Doc::new(document);
        for c in &self.components {
            c.process(&mut doc)?;
        }
        let index_body = join_terms(&doc.tokens);
        let index_title = doc
            .document
            .title
            .as_deref()
            .map(|t| join_terms(&Tokenizer::default().tokenize(t)))
            .unwrap_or_default();
        Ok(Processed { doc, hash, index_title, index_body })
    }
}

/// Search terms joined by spaces: the text that the full-text index sees.
pub fn join_terms(tokens: &[rasd_doc::Token]) -> String {
    let terms = search_terms(tokens);
    let mut out = String::with_capacity(terms.iter().map(|t| t.key.len() + 1).sum());
    for t in terms {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t.key);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rasd_doc::Format;

    fn document(text: &str) -> Document {
        Document {
            id: "d".into(),
            title: Some("زيارة للولايات المتحدة".into()),
            url: None,
            source: None,
            author: None,
            published: None,
            origin: "d.txt".into(),
            format: Format::Text,
            text: text.into(),
        }
    }

    #[test]
    fn processes_text_layer_and_index_terms() {
        let p = Pipeline::default()
            .process(document("والتقى مدير المخابرات نظيره في أمريكا."))
            .unwrap();
        assert_eq!(p.doc.sentences.len(), 1);
        assert!(!p.doc.tokens.is_empty());
        assert_eq!(p.index_body, "التقي مدير مخابرات نظير في امريكا");
        assert_eq!(p.index_title, "زياره ولايات متحده");
        assert_eq!(p.hash.len(), 64);
    }

    #[test]
    fn same_content_same_hash() {
        let a = Pipeline::default().process(document("نص")).unwrap();
        let b = Pipeline::default().process(document("نص")).unwrap();
        let c = Pipeline::default().process(document("نص آخر")).unwrap();
        assert_eq!(a.hash, b.hash);
        assert_ne!(a.hash, c.hash);
    }
}
