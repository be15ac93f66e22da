//! RSS and Atom feeds: one document per entry.

use rasd_doc::{Document, Format};

use crate::{decode, Error, Item, Options, Skipped};

/// Parses a feed; entries without text are skipped individually.
pub(crate) fn documents(bytes: &[u8], origin: &str, opts: &Options) -> Vec<Item> {
    let skip = |error| vec![Err(Skipped { origin: origin.to_string(), error })];
    // Decode first so that legacy encodings and bad bytes get the same treatment as elsewhere.
    let text = match decode(bytes, false) {
        Ok(t) => t,
        Err(e) => return skip(e),
    };
    let feed = match feed_rs::parser::parse(text.as_bytes()) {
        Ok(f) => f,
        Err(e) => return skip(Error::Feed(e.to_string())),
    };
    let source =
        feed.title.as_ref().map(|t| t.content.trim().to_string()).or_else(|| opts.source.clone());
    let mut out = Vec::with_capacity(feed.entries.len());
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let entry_origin = format!("{origin}#{}", i + 1);
        let html = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let text = html_to_text(&html);
        if text.trim().is_empty() {
            out.push(Err(Skipped { origin: entry_origin, error: Error::NoText }));
            continue;
        }
        let url = entry.links.first().map(|l| l.href.clone());
        let id = if entry.id.trim().is_empty() {
            url.clone().unwrap_or_else(|| entry_origin.clone())
        } else {
            entry.id.clone()
        };
        out.push(Ok(Document {
            id,
            title: entry.title.as_ref().map(|t| html_to_text(&t.content)),
            url,
            source: source.clone(),
            author: entry.authors.first().map(|p| p.name.clone()),
            published: entry.published.or(entry.updated).map(|d| d.to_rfc3339()),
            origin: entry_origin,
            format: Format::Feed,
            text,
        }));
    }
    out
}

/// Text of an HTML fragment, one line per block.
fn html_to_text(html: &str) -> String {
    if !html.contains('<') {
        return html.trim().to_string();
    }
    let spaced = html.replace("</p>", "</p>\n").replace("<br", "\n<br");
    let dom = dom_query::Document::fragment(spaced);
    dom.select("html")
        .text()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>وكالة الأنباء</title><link>http://example.invalid/</link><description>d</description>
<item><title>زيارة وزير</title><link>http://example.invalid/1</link><guid>n-1</guid>
<pubDate>Sun, 09 Apr 2023 10:00:00 +0000</pubDate><description>&lt;p&gt;التقى الوزير نظيره في الرباط.&lt;/p&gt;</description></item>
<item><title>فارغ</title><guid>n-2</guid><description></description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_documents() {
        let items = documents(RSS.as_bytes(), "f.rss", &Options::default());
        assert_eq!(items.len(), 2);
        let d = items[0].as_ref().unwrap();
        assert_eq!(d.id, "n-1");
        assert_eq!(d.text, "التقى الوزير نظيره في الرباط.");
        assert_eq!(d.source.as_deref(), Some("وكالة الأنباء"));
        assert_eq!(d.published.as_deref(), Some("2023-04-09T10:00:00+00:00"));
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(e.origin, "f.rss#2");
    }

    #[test]
    fn atom_feed() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:f</id><updated>2023-04-09T00:00:00Z</updated>
<entry><title>خبر</title><id>urn:e1</id><updated>2023-04-09T00:00:00Z</updated><content type="text">نص الخبر</content></entry></feed>"#;
        let items = documents(atom.as_bytes(), "f.atom", &Options::default());
        assert_eq!(items[0].as_ref().unwrap().text, "نص الخبر");
    }

    #[test]
    fn broken_feed_is_skipped() {
        let items = documents(b"<rss><channel><item>", "f.rss", &Options::default());
        assert!(matches!(items[0], Err(Skipped { error: Error::Feed(_), .. })));
    }
}
