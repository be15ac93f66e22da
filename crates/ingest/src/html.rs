//! HTML pages: main text by readability, metadata from meta tags, `<time>` and JSON-LD.

use dom_query::Document as Dom;
use dom_smoothie::{Config, Readability, TextMode};
use rasd_doc::{Document, Format};

use crate::{parse_date, Error, Options, Result};

/// Builds a document from a decoded HTML page.
pub(crate) fn document(stem: &str, origin: &str, html: &str, opts: &Options) -> Result<Document> {
    let dom = Dom::from(html);
    let meta = Meta::read(&dom);
    let cfg = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let article =
        Readability::with_document(dom, None, Some(cfg)).ok().and_then(|mut r| r.parse().ok());
    let (mut title, mut text, mut published, mut author) = (None, String::new(), None, None);
    if let Some(a) = article {
        title = Some(a.title).filter(|t| !t.trim().is_empty());
        text = tidy(&a.text_content);
        published = a.published_time;
        author = a.byline;
    }
    if text.trim().is_empty() {
        // Readability gives up on short pages: fall back to the body's text.
        let dom = Dom::from(html);
        dom.select("script, style, noscript, template, head").remove();
        text = tidy(&dom.select("body").text());
    }
    if text.trim().is_empty() {
        return Err(Error::NoText);
    }
    let published = meta
        .published
        .or(published)
        .and_then(|p| parse_date(&p).or(Some(p)))
        .filter(|p| !p.is_empty());
    Ok(Document {
        id: stem.to_string(),
        title: meta.title.or(title).map(|t| t.trim().to_string()),
        url: meta.url,
        source: meta.site.or_else(|| opts.source.clone()),
        author: author.or(meta.author),
        published,
        origin: origin.to_string(),
        format: Format::Html,
        text,
    })
}

/// Collapses runs of spaces and blank lines; keeps paragraph breaks.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&line);
    }
    out
}

#[derive(Default)]
struct Meta {
    title: Option<String>,
    url: Option<String>,
    site: Option<String>,
    author: Option<String>,
    published: Option<String>,
}

impl Meta {
    fn read(dom: &Dom) -> Meta {
        let attr = |sel: &str, name: &str| {
            dom.select(sel)
                .iter()
                .find_map(|n| n.attr(name).map(|v| v.trim().to_string()))
                .filter(|v| !v.is_empty())
        };
        let mut published = attr("meta[property='article:published_time']", "content")
            .or_else(|| attr("meta[property='og:published_time']", "content"))
            .or_else(|| attr("meta[itemprop='datePublished']", "content"))
            .or_else(|| attr("meta[name='pubdate']", "content"))
            .or_else(|| attr("meta[name='date']", "content"));
        if published.is_none() {
            published = dom.select("script[type='application/ld+json']").iter().find_map(|n| {
                let json: serde_json::Value = serde_json::from_str(&n.text()).ok()?;
                find_key(&json, "datePublished")
            });
        }
        if published.is_none() {
            published = attr("time[datetime]", "datetime");
        }
        Meta {
            title: attr("meta[property='og:title']", "content"),
            url: attr("link[rel='canonical']", "href")
                .or_else(|| attr("meta[property='og:url']", "content")),
            site: attr("meta[property='og:site_name']", "content"),
            author: attr("meta[name='author']", "content"),
            published,
        }
    }
}

/// Finds a string value under `key` anywhere in a JSON-LD value (including `@graph`).
fn find_key(v: &serde_json::Value, key: &str) -> Option<String> {
    match v {
        serde_json::Value::Object(map) => map
            .get(key)
            .and_then(|s| s.as_str().map(str::to_string))
            .or_else(|| map.values().find_map(|x| find_key(x, key))),
        serde_json::Value::Array(items) => items.iter().find_map(|x| find_key(x, key)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> String {
        format!("<!doctype html><html><head>{head}</head><body>{body}</body></html>")
    }

    const BODY: &str = "<nav><a href='/'>الرئيسية</a> | <a href='/x'>أخبار</a></nav><article><h1>زيارة إلى الرباط</h1>\
        <p>التقى وزير الخارجية نظيره المغربي في الرباط يوم الجمعة لبحث سبل تعزيز التعاون الثنائي بين البلدين في مجالات عدة.</p>\
        <p>وقال الوزير في مؤتمر صحفي إن المباحثات تناولت الأوضاع الإقليمية والتعاون الأمني ومكافحة الإرهاب والهجرة غير النظامية.</p>\
        <p>وأضاف أن البلدين اتفقا على عقد اجتماعات دورية لمتابعة تنفيذ ما تم الاتفاق عليه خلال الزيارة.</p></article>\
        <footer>جميع الحقوق محفوظة</footer>";

    #[test]
    fn extracts_text_title_and_published_meta() {
        let html = page(
            "<title>زيارة | موقع</title><meta property='article:published_time' content='2023-04-09T10:00:00Z'>",
            BODY,
        );
        let d = document("p", "p.html", &html, &Options::default()).unwrap();
        assert!(d.text.contains("التقى وزير الخارجية"), "{}", d.text);
        assert!(!d.text.contains("جميع الحقوق"), "{}", d.text);
        assert_eq!(d.published.as_deref(), Some("2023-04-09T10:00:00+00:00"));
        assert!(d.title.is_some());
    }

    #[test]
    fn published_from_json_ld_and_time() {
        let ld = r#"<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2023-04-08"}]}</script>"#;
        let d = document("p", "p.html", &page(ld, BODY), &Options::default()).unwrap();
        assert_eq!(d.published.as_deref(), Some("2023-04-08"));
        let body = format!("<time datetime='2023-04-07'>7 أبريل</time>{BODY}");
        let d = document("p", "p.html", &page("", &body), &Options::default()).unwrap();
        assert_eq!(d.published.as_deref(), Some("2023-04-07"));
    }

    #[test]
    fn page_without_text_is_rejected() {
        let err = document(
            "p",
            "p.html",
            &page("<title>x</title>", "<script>var a=1;</script>"),
            &Options::default(),
        );
        assert_eq!(err.unwrap_err(), Error::NoText);
    }

    #[test]
    fn short_page_falls_back_to_body() {
        let d = document("p", "p.html", &page("", "<p>خبر قصير</p>"), &Options::default()).unwrap();
        assert_eq!(d.text, "خبر قصير");
    }
}
