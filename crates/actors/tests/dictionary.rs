//! Dictionary names found in written sentences, through the real pipeline.

use rasd_doc::Document;
use rasd_pipeline::Pipeline;

fn doc(text: &str) -> rasd_doc::Doc {
    Pipeline::default()
        .process(Document::from_text("t", text, Some("2023-04-09")))
        .expect("pipeline")
        .doc
}

#[test]
fn multiword_regions_and_organisations_become_mentions() {
    let d = doc("وتنشط الجماعات المسلحة في الصحراء الكبرى، بحسب مكتب مدير الاستخبارات الوطنية.");
    let names: Vec<(&str, &str)> =
        d.mentions.iter().map(|m| (m.label.as_str(), m.name.as_str())).collect();
    assert!(names.contains(&("LOC", "الصحراء الكبرى")), "{names:?}");
    assert!(
        names.iter().any(|(l, n)| *l == "ORG" && n.contains("الاستخبارات الوطنية")),
        "{names:?}"
    );
    // Spans point into the text and mentions stay in order without overlaps.
    for m in &d.mentions {
        assert_eq!(m.span.slice(&d.document.text), m.text);
    }
    assert!(d.mentions.windows(2).all(|w| w[0].span.end <= w[1].span.start), "{names:?}");
    // Clitics inside a name are split as in the text: والصحراء matches a name with الصحراء.
    let d = doc("وتنشط الجماعات المسلحة في منطقة الساحل والصحراء منذ سنوات.");
    assert!(
        d.mentions.iter().any(|m| m.label == "LOC" && m.name.contains("الساحل")),
        "{:?}",
        d.mentions
    );
}

#[test]
fn a_one_word_place_that_is_also_a_common_word_is_not_matched() {
    // الساحل alone is also "the coast": only منطقة الساحل is a dictionary name.
    let d = doc("وصلت السفينة إلى الساحل صباح اليوم.");
    assert!(d.mentions.iter().all(|m| m.source != "dictionary"), "{:?}", d.mentions);
}
