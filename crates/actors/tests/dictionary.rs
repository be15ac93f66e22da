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

fn mentions(d: &rasd_doc::Doc) -> Vec<(String, String)> {
    d.mentions.iter().map(|m| (m.label.clone(), m.name.clone())).collect()
}

#[test]
fn a_longer_dictionary_name_replaces_the_models_shorter_mention() {
    let d = doc("وتتزايد الاستثمارات الصينية في منطقة شمال إفريقيا منذ عام 2015.");
    let names = mentions(&d);
    assert!(names.contains(&("LOC".into(), "شمال إفريقيا".into())), "{names:?}");
    assert!(!names.iter().any(|(_, n)| n == "إفريقيا"), "{names:?}");
}

#[test]
fn people_are_found_by_a_surname_the_dictionary_lists() {
    let d = doc("وقال المتحدث إن بوتين سيزور أنقرة الشهر المقبل للقاء أردوغان.");
    let names = mentions(&d);
    assert!(names.contains(&("PER".into(), "بوتين".into())), "{names:?}");
    assert!(names.iter().any(|(l, n)| l == "PER" && n.contains("أردوغان")), "{names:?}");
}

#[test]
fn latin_aliases_and_ordinary_words() {
    // A Latin alias is matched as written in an Arabic sentence.
    let d = doc("وقالت مصادر تحدثت لـCNN إن الاجتماع تأجل.");
    assert!(mentions(&d).contains(&("ORG".into(), "CNN".into())), "{:?}", mentions(&d));
    // المالي ("financial") is not Mali: ambiguous one-word names are never matched alone.
    let d = doc("وأعلنت الحكومة عن الدعم المالي للمزارعين.");
    assert!(d.mentions.iter().all(|m| m.source != "dictionary"), "{:?}", d.mentions);
}

#[test]
fn a_listed_surname_after_another_given_name_is_that_persons_family_name() {
    use rasd_doc::{Component, Mention, Span};
    // The model tagged the given name only: the listed surname extends it.
    let mut d = doc("ووصلت ميلانيا ترامب إلى القاهرة في أول جولة أفريقية لها.");
    let text = d.document.text.clone();
    let at = text.find("ميلانيا").expect("name");
    let span = Span::new(at, at + "ميلانيا".len());
    d.mentions = vec![Mention {
        span,
        text: "ميلانيا".into(),
        name: "ميلانيا".into(),
        label: "PER".into(),
        confidence: 0.8,
        source: "ner".into(),
    }];
    rasd_actors::DictionaryLayer.process(&mut d).expect("dictionary");
    let people: Vec<&str> =
        d.mentions.iter().filter(|m| m.label == "PER").map(|m| m.name.as_str()).collect();
    assert_eq!(people, ["ميلانيا ترامب"], "{:?}", d.mentions);
    assert_eq!(d.mentions[0].span.slice(&text), "ميلانيا ترامب");
    // A full name the model found is left whole.
    let d = doc("وقالت إيفانكا ترامب إن الزيارة ناجحة.");
    let people: Vec<&str> =
        d.mentions.iter().filter(|m| m.label == "PER").map(|m| m.name.as_str()).collect();
    assert!(!people.contains(&"ترامب"), "{people:?}");
}

#[test]
fn a_model_mention_with_words_before_a_dictionary_name_shrinks_to_it() {
    use rasd_doc::{Component, Mention, Span};
    let mut d = doc("وقالت مراسلة بي بي سي في القاهرة إن الاحتجاجات مستمرة.");
    let text = d.document.text.clone();
    let at = text.find("مراسلة").expect("word");
    let end = text.find(" في").expect("end");
    d.mentions = vec![Mention {
        span: Span::new(at, end),
        text: text[at..end].to_string(),
        name: text[at..end].to_string(),
        label: "ORG".into(),
        confidence: 0.7,
        source: "ner".into(),
    }];
    rasd_actors::DictionaryLayer.process(&mut d).expect("dictionary");
    let orgs: Vec<&str> =
        d.mentions.iter().filter(|m| m.label == "ORG").map(|m| m.text.as_str()).collect();
    assert_eq!(orgs, ["بي بي سي"], "{:?}", d.mentions);
}

#[test]
fn an_unsure_place_before_a_tagged_listed_surname_is_the_given_name() {
    use rasd_doc::{Component, Mention, Span};
    let mut d = doc("ووصلت ميلانيا ترامب إلى القاهرة. وزارت ميلانيا الأهرامات.");
    let text = d.document.text.clone();
    let mention = |at: usize, word: &str, label: &str, confidence: f32| Mention {
        span: Span::new(at, at + word.len()),
        text: word.into(),
        name: word.into(),
        label: label.into(),
        confidence,
        source: "ner".into(),
    };
    let first = text.find("ميلانيا").expect("name");
    let second = text.rfind("ميلانيا").expect("name");
    let surname = text.find("ترامب").expect("surname");
    d.mentions = vec![
        mention(first, "ميلانيا", "LOC", 0.5),
        mention(surname, "ترامب", "PER", 0.5),
        mention(second, "ميلانيا", "LOC", 0.5),
    ];
    rasd_actors::DictionaryLayer.process(&mut d).expect("dictionary");
    let people: Vec<&str> =
        d.mentions.iter().filter(|m| m.label == "PER").map(|m| m.name.as_str()).collect();
    assert_eq!(people, ["ميلانيا ترامب", "ميلانيا"], "{:?}", d.mentions);
    // A confident place stays a place (`القاهرة ترامب` is no name).
    let mut d = doc("ووصلت ميلانيا ترامب إلى القاهرة.");
    d.mentions = vec![mention(first, "ميلانيا", "LOC", 0.95), mention(surname, "ترامب", "PER", 0.5)];
    rasd_actors::DictionaryLayer.process(&mut d).expect("dictionary");
    assert!(d.mentions.iter().any(|m| m.label == "LOC"), "{:?}", d.mentions);
}
