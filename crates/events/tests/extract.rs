//! CONSULT extraction on written sentences, through the real pipeline (text, time, NER).

use rasd_doc::{Document, Format};
use rasd_events::extract;
use rasd_pipeline::Pipeline;

fn doc(text: &str, published: Option<&str>) -> rasd_doc::Doc {
    Pipeline::default()
        .process(Document {
            id: "t".into(),
            title: None,
            url: None,
            source: None,
            author: None,
            published: published.map(str::to_string),
            origin: "t".into(),
            format: Format::Text,
            text: text.into(),
        })
        .expect("pipeline")
        .doc
}

#[test]
fn meeting_with_participants_place_and_date() {
    let d = doc("والتقى وزير الخارجية الأمريكي أنتوني بلينكن نظيره المغربي ناصر بوريطة في واشنطن يوم 5 مارس 2023.", None);
    let ev = extract(&d);
    assert_eq!(ev.len(), 1, "{ev:?}\nmentions: {:?}", d.mentions);
    let e = &ev[0];
    assert_eq!(e.etype, "CONSULT");
    assert_eq!(e.mode.as_deref(), Some("meet"));
    assert_eq!(e.date.as_deref(), Some("2023-03-05"));
    let names: Vec<&str> = e.participants.iter().map(|&i| d.mentions[i].name.as_str()).collect();
    assert!(names.contains(&"أنتوني بلينكن") && names.contains(&"ناصر بوريطة"), "{names:?}");
    assert_eq!(d.mentions[e.location.unwrap()].name, "واشنطن");
    assert_eq!(e.trigger.slice(d.text()), "التقى");
    assert!(e.rule.starts_with("consult:meet:"));
}

#[test]
fn a_visit_takes_the_visited_place_and_a_relative_date() {
    let d =
        doc("زار وزير الخارجية الفرنسي جان إيف لودريان الجزائر الشهر الماضي.", Some("2023-04-09"));
    let ev = extract(&d);
    assert_eq!(ev.len(), 1, "{ev:?}\nmentions: {:?}", d.mentions);
    assert_eq!(ev[0].mode.as_deref(), Some("visit"));
    assert_eq!(ev[0].date.as_deref(), Some("2023-03"));
    assert_eq!(d.mentions[ev[0].location.unwrap()].name, "الجزائر");
}

#[test]
fn negated_and_planned_events_are_not_reported() {
    for text in [
        "ولم يلتق أنتوني بلينكن ناصر بوريطة في واشنطن.",
        "ومن المقرر أن يزور أنتوني بلينكن الرباط الشهر المقبل.",
        "وسيزور أنتوني بلينكن الرباط.",
    ] {
        let d = doc(text, Some("2023-04-09"));
        assert!(extract(&d).is_empty(), "{text}: {:?}", extract(&d));
    }
}

#[test]
fn no_named_participant_no_event() {
    let d = doc("وعقد اللقاء في أجواء إيجابية.", None);
    assert!(extract(&d).is_empty());
}

#[test]
fn directed_events_read_source_and_target_from_word_order() {
    // Verb first: the first actor after the verb is the source, the next the target.
    let d = doc("واتهم الرئيس الأمريكي دونالد ترامب إيران بدعم الإرهاب.", Some("2018-05-10"));
    let ev = extract(&d);
    let e = ev
        .iter()
        .find(|e| e.etype == "ACCUSE")
        .unwrap_or_else(|| panic!("{ev:?}\n{:?}", d.mentions));
    let names: Vec<&str> = e.participants.iter().map(|&i| d.mentions[i].name.as_str()).collect();
    assert_eq!(names, ["دونالد ترامب", "إيران"], "{:?}", d.mentions);
    assert!(e.rule.starts_with("accuse:"));
    // Subject first, in the same clause.
    let d = doc("وكانت روسيا رفضت مشروع القرار الذي قدمته فرنسا.", Some("2018-05-10"));
    let ev = extract(&d);
    let e = ev
        .iter()
        .find(|e| e.etype == "REJECT")
        .unwrap_or_else(|| panic!("{ev:?}\n{:?}", d.mentions));
    let names: Vec<&str> = e.participants.iter().map(|&i| d.mentions[i].name.as_str()).collect();
    assert_eq!(names, ["روسيا", "فرنسا"]);
    // One actor only: no directed event.
    let d = doc("ورفضت روسيا ذلك.", None);
    assert!(extract(&d).iter().all(|e| e.etype != "REJECT"));
}
