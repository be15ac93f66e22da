//! The shared data model of rasd.
//!
//! A [`Doc`] holds one article's original text and the layers that pipeline stages add to
//! it (sentences, tokens, and later mentions, timexes and events). Every layer locates its
//! items with a [`Span`]: a byte range into the *original* text, never into a normalised
//! copy, so that any fact can be traced back to the characters that state it.
//!
//! This crate has no heavy dependencies on purpose: every other rasd crate depends on it.
#![deny(missing_docs)]

mod component;
mod doc;
mod errors;
mod event;
mod mention;
mod span;
mod time;
mod token;

pub use component::Component;
pub use doc::{Doc, Document, Format};
pub use errors::{Error, Result};
pub use event::{EventMention, Role};
pub use mention::Mention;
pub use span::Span;
pub use time::{Dct, TimeExpr};
pub use token::{Clitic, Sentence, Token, TokenKind};
