//! Roles and titles on written sentences, through the real pipeline (text, time, NER).

use rasd_doc::Document;
use rasd_pipeline::Pipeline;

fn doc(text: &str) -> rasd_doc::Doc {
    Pipeline::default()
        .process(Document::from_text("t", text, Some("2023-04-09")))
        .expect("pipeline")
        .doc
}

fn roles_of(d: &rasd_doc::Doc) -> Vec<(String, Option<String>, Option<String>)> {
    d.roles.iter().map(|r| (r.text.clone(), r.country.clone(), r.holder.clone())).collect()
}

#[test]
fn a_role_takes_the_name_after_it_and_its_nationality() {
    let d = doc("والتقى وزير الخارجية الأمريكي، أنتوني بلينكن، رئيس الوزراء في الرباط.");
    let r = d.roles.iter().find(|r| r.head == rasd_text::search_key("وزير")).unwrap_or_else(|| {
        panic!("{:?}\n{:?}", roles_of(&d), d.mentions);
    });
    assert_eq!(r.holder.as_deref(), Some("أنتوني بلينكن"), "{:?}", roles_of(&d));
    assert_eq!(r.country.as_deref(), Some("الولايات المتحدة"));
    assert_eq!(r.text, "وزير الخارجية الأمريكي");
}

#[test]
fn a_role_after_a_name_and_a_comma_belongs_to_it() {
    let d = doc("وقال الرئيس إيمانويل ماكرون، الرئيس الفرنسي، إن العلاقات قوية.");
    assert!(
        d.roles.iter().any(|r| r.text == "الرئيس الفرنسي"
            && r.holder.as_deref() == Some("إيمانويل ماكرون")
            && r.country.as_deref() == Some("فرنسا")),
        "{:?}\n{:?}",
        roles_of(&d),
        d.mentions
    );
}

#[test]
fn a_role_without_a_name_is_the_person_named_with_that_role() {
    let text =
        "وكان مدير وكالة المخابرات المركزية الأمريكية (سي آي إيه)، ويليام بيرنز، قد زار المنطقة. \
                والتقى مدير الـ(سي آي إيه) ملك الأردن في عمان.";
    let d = doc(text);
    let added: Vec<&rasd_doc::Mention> = d.mentions.iter().filter(|m| m.source == "role").collect();
    assert_eq!(added.len(), 1, "{added:?}\n{:?}", roles_of(&d));
    assert_eq!(added[0].name, "ويليام بيرنز");
    assert_eq!(added[0].label, "PER");
    assert!(added[0].text.starts_with("مدير"), "{:?}", added[0].text);
    // Mentions stay in text order and the added one points into the text.
    assert!(d.mentions.windows(2).all(|w| w[0].span.start <= w[1].span.start));
    assert_eq!(added[0].span.slice(&d.document.text), added[0].text);
}

#[test]
fn a_counterpart_is_the_person_whose_role_has_that_nationality() {
    let text = "واستقبل رئيس المديرية العامة للأمن الوطني المغربي عبد اللطيف حموشي وفدا أمريكيا. \
                وأشاد مدير مكتب التحقيقات الفيدرالي الأمريكي كريستوفر راي بنظيره المغربي.";
    let d = doc(text);
    let added: Vec<&rasd_doc::Mention> = d.mentions.iter().filter(|m| m.source == "role").collect();
    assert!(
        added.iter().any(|m| m.name.contains("حموشي") && m.text.contains("نظير")),
        "{added:?}\n{:?}\n{:?}",
        roles_of(&d),
        d.mentions
    );
}

#[test]
fn a_named_counterpart_holds_the_same_office_for_its_country() {
    let d = doc("التقى وزير الخارجية الأمريكي أنتوني بلينكن نظيره المغربي ناصر بوريطة في واشنطن.");
    assert!(
        d.roles.iter().any(|r| r.text == "وزير الخارجية"
            && r.country.as_deref() == Some("المغرب")
            && r.holder.as_deref() == Some("ناصر بوريطة")),
        "{:?}\n{:?}",
        roles_of(&d),
        d.mentions
    );
    // The counterpart is not the person before it.
    assert!(!d
        .roles
        .iter()
        .any(|r| r.country.as_deref() == Some("المغرب")
            && r.holder.as_deref() == Some("أنتوني بلينكن")));
}

#[test]
fn an_office_held_by_two_people_in_one_document_resolves_nothing() {
    let text = "وقال وزير الخارجية الأمريكي، مايك بومبيو، إن المحادثات جيدة. \
                وكان وزير الخارجية الأمريكي، ريكس تيلرسون، قد زار المنطقة. \
                وأكد وزير الخارجية الأمريكي أن الاتفاق قريب.";
    let d = doc(text);
    assert!(d.mentions.iter().all(|m| m.source != "role"), "{:?}", roles_of(&d));
    // A former holder does not compete with the current one.
    let d = doc(&text.replace("الأمريكي، ريكس", "الأمريكي السابق، ريكس"));
    let by_role: Vec<&str> =
        d.mentions.iter().filter(|m| m.source == "role").map(|m| m.name.as_str()).collect();
    assert_eq!(by_role, ["مايك بومبيو"], "{:?}", roles_of(&d));
}

#[test]
fn roles_stop_at_the_sentence_end_and_at_a_destination() {
    let d = doc("تفاصيل زيارة مدير «سي آي إيه» للمغرب\n\nمحمد علي - الرباط");
    for r in &d.roles {
        assert!(!r.text.contains('\n'), "{:?}", roles_of(&d));
        assert!(r.country.is_none(), "{:?}", roles_of(&d));
    }
}

fn dated(text: &str, date: &str) -> rasd_doc::Doc {
    Pipeline::default().process(Document::from_text("t", text, Some(date))).expect("pipeline").doc
}

fn role_people(d: &rasd_doc::Doc) -> Vec<(String, String)> {
    d.mentions
        .iter()
        .filter(|m| m.source.starts_with("role"))
        .map(|m| (m.text.clone(), m.name.clone()))
        .collect()
}

#[test]
fn an_office_the_article_does_not_fill_is_its_holder_at_the_articles_date() {
    let text = "وقال الرئيس الأمريكي في تغريدة إن العقوبات ستبقى.";
    let d = dated(text, "2018-05-09");
    assert_eq!(role_people(&d), [("الرئيس الأمريكي".to_string(), "دونالد ترامب".to_string())]);
    let d = dated(text, "2022-05-09");
    assert_eq!(role_people(&d), [("الرئيس الأمريكي".to_string(), "جو بايدن".to_string())]);
    // Not known at that date: no one.
    assert!(role_people(&dated(text, "1990-01-01")).is_empty());
    // A counterpart takes the office of the role before it, with its own nationality.
    let d = dated("واستقبل الرئيس الأمريكي نظيره الفرنسي في البيت الأبيض.", "2018-04-24");
    let people: Vec<String> = role_people(&d).into_iter().map(|(_, n)| n).collect();
    assert_eq!(people, ["دونالد ترامب", "إيمانويل ماكرون"], "{:?}", d.mentions);
    // The role table learns only from the text: no holder for these.
    assert!(d.roles.iter().all(|r| r.holder.is_none()), "{:?}", d.roles);
}

#[test]
fn the_articles_own_holder_comes_before_the_dictionary() {
    let d = dated(
        "التقى وزير الخارجية الأمريكي ريتشارد سميث بالوفد. وأكد وزير الخارجية الأمريكي أن المحادثات مثمرة.",
        "2018-05-09",
    );
    let people = role_people(&d);
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0].1, "ريتشارد سميث");
}

#[test]
fn a_former_or_numbered_office_is_not_its_current_holder() {
    let d = dated(
        "استقبل الرئيس الأمريكي دونالد ترامب ضيفه، ثم زار نصبا تكريما للرئيس الأمريكي السادس عشر. وانتقد الرئيس الأمريكي السابق الاتفاق.",
        "2018-04-24",
    );
    let people = role_people(&d);
    assert!(people.is_empty(), "{people:?}");
    assert!(d.roles.iter().all(|r| !r.text.contains("السابق")), "{:?}", d.roles);
}

#[test]
fn an_office_the_model_tagged_as_a_person_is_its_holder() {
    use rasd_doc::{Component, Mention, Span};
    let mut d = dated("وأعلن أمير قطر دعم بلاده للاقتصاد التركي.", "2018-08-15");
    let text = d.document.text.clone();
    let at = text.find("أمير").expect("office");
    let end = at + "أمير قطر".len();
    d.mentions = vec![Mention {
        span: Span::new(at, end),
        text: text[at..end].to_string(),
        name: "أمير قطر".into(),
        label: "PER".into(),
        confidence: 0.7,
        source: "ner".into(),
    }];
    rasd_actors::RoleLayer.process(&mut d).expect("roles");
    assert_eq!(d.mentions[0].name, "تميم بن حمد", "{:?}", d.mentions);
}

#[test]
fn a_role_ends_after_its_nationality_unless_a_modifier_follows() {
    let d = doc("وكان الرئيس الأميركي هدد بتوجيه ضربة عسكرية إلى النظام السوري.");
    let texts: Vec<&str> = d.roles.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["الرئيس الأميركي"], "{:?}", roles_of(&d));
    let d = doc("وقال وزير الخارجية الأمريكي الجديد إن الاتفاق انتهى.");
    let texts: Vec<&str> = d.roles.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["وزير الخارجية الأمريكي الجديد"], "{:?}", roles_of(&d));
}

#[test]
fn a_plural_nationality_adjective_names_its_country() {
    assert_eq!(rasd_actors::demonym_country("إسرائيليون"), Some("إسرائيل"));
    assert_eq!(
        rasd_actors::demonym_country("الفلسطينيين"),
        rasd_actors::demonym_country("فلسطيني")
    );
    assert_eq!(rasd_actors::demonym_country("مسؤولين"), None);
}
