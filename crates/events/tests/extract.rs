//! CONSULT extraction on written sentences, through the real pipeline (text, time, NER).

use rasd_doc::Document;
use rasd_events::extract;
use rasd_pipeline::Pipeline;

fn doc(text: &str, published: Option<&str>) -> rasd_doc::Doc {
    Pipeline::default().process(Document::from_text("t", text, published)).expect("pipeline").doc
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

fn names<'a>(d: &'a rasd_doc::Doc, e: &rasd_events::EventMention) -> Vec<&'a str> {
    e.participants.iter().map(|&i| d.mentions[i].name.as_str()).collect()
}

#[test]
fn a_visited_capital_implies_its_country_as_host() {
    let d = doc("وزار الرئيس الفرنسي إيمانويل ماكرون، أمس، الرباط.", Some("2023-04-09"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.mode.as_deref() == Some("visit")).unwrap_or_else(|| {
        panic!("{ev:?}\n{:?}", d.mentions);
    });
    assert_eq!(e.implied, ["المغرب"], "{e:?}");
    assert_eq!(d.mentions[e.location.expect("place")].name, "الرباط");
    // A visited country is the host itself: nothing implied.
    let d = doc("وزار الرئيس الفرنسي إيمانويل ماكرون، أمس، المغرب.", Some("2023-04-09"));
    let ev = extract(&d);
    assert!(ev.iter().all(|e| e.implied.is_empty()), "{ev:?}");
}

#[test]
fn each_clause_of_a_long_sentence_has_its_own_visit() {
    // Two visits chained by "، و": the second visitor is not a participant of the first.
    let text = "وزار وزير الخارجية الأمريكي أنتوني بلينكن المغرب في مارس 2022، وفي مايو من العام ذاته زار وزير الدفاع لويد أوستن تونس.";
    let d = doc(text, Some("2023-04-09"));
    let ev = extract(&d);
    let visits: Vec<Vec<&str>> =
        ev.iter().filter(|e| e.mode.as_deref() == Some("visit")).map(|e| names(&d, e)).collect();
    assert_eq!(visits.len(), 2, "{visits:?}\n{:?}", d.mentions);
    assert!(
        visits[0].contains(&"أنتوني بلينكن") && !visits[0].contains(&"لويد أوستن"),
        "{visits:?}"
    );
    assert!(
        visits[1].contains(&"لويد أوستن") && !visits[1].contains(&"أنتوني بلينكن"),
        "{visits:?}"
    );
    // Each takes the date nearest its own verb.
    let dates: Vec<Option<&str>> = ev
        .iter()
        .filter(|e| e.mode.as_deref() == Some("visit"))
        .map(|e| e.date.as_deref())
        .collect();
    assert_eq!(dates, [Some("2022-03"), Some("2022-05")], "{ev:?}");
}

#[test]
fn a_reporter_before_a_complementiser_is_not_a_participant() {
    let d = doc(
        "وأعلنت وكالة الأنباء الرسمية أن الرئيس عبد الفتاح السيسي التقى الملك عبد الله الثاني في القاهرة.",
        Some("2023-04-09"),
    );
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "CONSULT").unwrap_or_else(|| {
        panic!("{ev:?}\n{:?}", d.mentions);
    });
    let who = names(&d, e);
    assert!(who.iter().all(|n| !n.contains("وكالة")), "{who:?}");
    assert!(who.iter().any(|n| n.contains("السيسي")), "{who:?}");
}

#[test]
fn a_summit_of_two_is_a_meeting() {
    let d = doc(
        "وعقد الرئيس الروسي فلاديمير بوتين والرئيس الأمريكي دونالد ترامب قمة في هلسنكي.",
        Some("2018-07-17"),
    );
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "CONSULT").unwrap_or_else(|| {
        panic!("{ev:?}\n{:?}", d.mentions);
    });
    assert_eq!(e.mode.as_deref(), Some("meet"), "{e:?}");
}

#[test]
fn a_place_after_في_is_where_not_who_but_بقيادة_is_not_a_place_marker() {
    let d = doc("وأدانت منظمة العفو الدولية التحالف بقيادة السعودية.", Some("2018-08-10"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "ACCUSE").unwrap_or_else(|| {
        panic!("{ev:?}\n{:?}", d.mentions);
    });
    // The coalition is the target (a dictionary name), not a place.
    let who = names(&d, e);
    assert!(who.iter().any(|n| n.ends_with("السعودية")), "{who:?}");
    assert!(e.location.is_none(), "{e:?}");
    let d = doc("واتهمت روسيا الولايات المتحدة في سوريا بالتضليل.", Some("2018-04-10"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "ACCUSE").unwrap_or_else(|| {
        panic!("{ev:?}\n{:?}", d.mentions);
    });
    assert!(!names(&d, e).contains(&"سوريا"), "{:?}", names(&d, e));
    assert_eq!(d.mentions[e.location.expect("place")].name, "سوريا");
}

#[test]
fn a_purpose_is_not_an_event() {
    // "لبحث" (to discuss) states the aim of the visit, not a separate event.
    let d = doc(
        "وزار الرئيس الفرنسي إيمانويل ماكرون الجزائر أمس لبحث الأزمة مع الرئيس عبد المجيد تبون.",
        Some("2023-04-09"),
    );
    let ev = extract(&d);
    assert!(!ev.is_empty(), "{:?}", d.mentions);
    assert!(ev.iter().all(|e| !e.rule.ends_with("بحث")), "{ev:?}");
    assert!(ev.iter().any(|e| e.mode.as_deref() == Some("visit")), "{ev:?}");
}

#[test]
fn a_dual_verb_takes_the_two_people_named_before_it() {
    let text = "وصل الرئيس الفرنسي إيمانويل ماكرون إلى برلين حيث استقبلته المستشارة أنغيلا ميركل. \
                وقد التقيا في مقر المستشارية يوم 3 مايو 2018.";
    let d = doc(text, Some("2018-05-04"));
    let ev = extract(&d);
    let e = ev
        .iter()
        .find(|e| e.rule.ends_with("التقيا"))
        .unwrap_or_else(|| panic!("{ev:?}\n{:?}", d.mentions));
    let who = names(&d, e);
    assert!(
        who.iter().any(|n| n.contains("ماكرون")) && who.iter().any(|n| n.contains("ميركل")),
        "{who:?}"
    );
    assert_eq!(e.date.as_deref(), Some("2018-05-03"));
}

#[test]
fn a_read_also_link_line_reports_no_event() {
    let text = "عنوان\nالتقى الرئيس التونسي قيس سعيد رئيس الوزراء الإيطالي في روما.\n\
                اقرأ أيضًا: «شراكة».. لماذا يزور وزير الخارجية المغربي ناصر بوريطة واشنطن؟\n";
    let d = doc(text, Some("2023-04-09"));
    let ev = extract(&d);
    let line = text.find("اقرأ").expect("link line");
    assert!(!ev.is_empty(), "the article's own meeting is found");
    assert!(ev.iter().all(|e| e.trigger.start < line), "{ev:?}");
}

#[test]
fn the_source_or_medium_of_a_report_is_not_a_party() {
    let d = doc(
        "والتقى وزير الخارجية الإيراني محمد جواد ظريف نظيره البرازيلي في برازيليا، حسبما أفادت وكالة الأنباء الإيرانية الرسمية (إرنا).",
        Some("2018-04-10"),
    );
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "CONSULT").unwrap_or_else(|| panic!("{ev:?}"));
    let who = names(&d, e);
    assert!(who.iter().all(|n| !n.contains("إرنا") && !n.contains("وكالة")), "{who:?}");
    let d = doc(
        "وغرد الرئيس الأمريكي دونالد ترامب على تويتر بعد لقائه رئيس الوزراء الياباني شينزو آبي.",
        Some("2018-04-10"),
    );
    for e in extract(&d) {
        assert!(!names(&d, &e).contains(&"تويتر"), "{:?}", names(&d, &e));
    }
}

#[test]
fn two_word_triggers() {
    let d =
        doc("وألقى وزير الدفاع الأمريكي جيمس ماتيس باللوم على روسيا في الهجوم.", Some("2018-04-10"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "ACCUSE").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(names(&d, e).contains(&"روسيا"), "{:?}", names(&d, e));
    // The first word alone is no trigger.
    let d = doc("وألقى وزير الدفاع الأمريكي جيمس ماتيس كلمة في واشنطن.", Some("2018-04-10"));
    assert!(extract(&d).iter().all(|e| e.etype != "ACCUSE"), "{:?}", extract(&d));
}

#[test]
fn a_visit_to_a_list_of_countries_is_one_visit_each() {
    let d = doc(
        "واختتمت السيدة الأمريكية الأولى ميلانيا ترامب جولتها التي بدأتها بزيارة أربعة بلدان هي غانا، وملاوي، وكينيا، ومصر.",
        Some("2018-10-07"),
    );
    let ev = extract(&d);
    let places: Vec<&str> = ev
        .iter()
        .filter(|e| e.mode.as_deref() == Some("visit"))
        .filter_map(|e| e.location.map(|l| d.mentions[l].name.as_str()))
        .collect();
    assert!(places.len() >= 3, "{places:?} {ev:?}");
    assert!(places.contains(&"غانا") && places.contains(&"مصر"), "{places:?}");
}

#[test]
fn a_visit_noun_needs_a_preposition_before_its_place_and_a_motion_verb_needs_one() {
    // `خلال الزيارة، على دعم واشنطن`: Washington is not where the visit went.
    let d = doc(
        "وقد شدد الوزير ريتشارد سميث، خلال الزيارة، على دعم واشنطن برامج الإصلاح.",
        Some("2023-04-09"),
    );
    for e in extract(&d) {
        let place = e.location.map(|l| d.mentions[l].name.as_str());
        assert_ne!(place, Some("واشنطن"), "{e:?}");
    }
    let d =
        doc("وبدأ الرئيس الإيراني حسن روحاني جولة أوروبية تشمل سويسرا والنمسا.", Some("2018-07-03"));
    let places: Vec<&str> = extract(&d)
        .iter()
        .filter_map(|e| e.location.map(|l| d.mentions[l].name.as_str()))
        .collect();
    assert!(places.contains(&"سويسرا") && places.contains(&"النمسا"), "{places:?}");
    // توجه إلى with a place is a visit; ذهب إلى أن ("he held that") is not.
    let d = doc("وتوجه وزير الخارجية الإيراني محمد جواد ظريف إلى بكين أمس.", Some("2018-05-13"));
    assert!(extract(&d).iter().any(|e| e.mode.as_deref() == Some("visit")), "{:?}", extract(&d));
    let d =
        doc("وذهب وزير الخارجية الإيراني محمد جواد ظريف إلى أن الاتفاق قائم.", Some("2018-05-13"));
    assert!(extract(&d).iter().all(|e| e.etype != "CONSULT"), "{:?}", extract(&d));
}

fn directed_pairs(d: &rasd_doc::Doc) -> Vec<(String, String, String)> {
    extract(d)
        .iter()
        .filter(|e| e.etype != "CONSULT")
        .map(|e| {
            let name = |k: usize| d.mentions[e.participants[k]].name.clone();
            (e.etype.clone(), name(0), name(1))
        })
        .collect()
}

#[test]
fn a_masculine_verb_before_a_feminine_place_continues_the_previous_subject() {
    // "and he called on Tunisia": طالب is masculine, تونس feminine, so تونس is the object
    // and the subject is the previous clause's (the minister).
    let d = doc(
        "واتهم وزير الخارجية الفرنسي جان إيف لودريان ليبيا بتهريب السلاح، وطالب تونس بمراقبة الحدود.",
        Some("2019-03-02"),
    );
    let pairs = directed_pairs(&d);
    assert!(
        pairs.iter().any(|(t, s, o)| t == "REQUEST" && s == "جان إيف لودريان" && o == "تونس"),
        "{pairs:?}"
    );
    // A masculine place can be the subject of a masculine verb.
    let d = doc("وطالب العراق تركيا بسحب قواتها.", Some("2019-03-02"));
    let pairs = directed_pairs(&d);
    assert!(
        pairs.iter().any(|(t, s, o)| t == "REQUEST" && s == "العراق" && o == "تركيا"),
        "{pairs:?}"
    );
}

#[test]
fn a_city_of_the_source_country_is_not_the_target() {
    let d = doc("وهددت إيران من طهران الولايات المتحدة بالرد.", Some("2019-03-02"));
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().all(|(_, s, o)| !(s == "إيران" && o == "طهران")), "{pairs:?}");
    assert!(
        pairs.iter().any(|(t, s, o)| t == "THREATEN" && s == "إيران" && o == "الولايات المتحدة"),
        "{pairs:?}"
    );
}

#[test]
fn a_visit_dated_after_publication_is_a_plan_but_a_deadline_does_not_undo_a_threat() {
    let d = doc(
        "ويصل الرئيس الفرنسي إيمانويل ماكرون، في 25 حزيران/يونيو الجاري، إلى الجزائر.",
        Some("2018-06-18"),
    );
    assert!(extract(&d).iter().all(|e| e.etype != "CONSULT"), "{:?}", extract(&d));
    // Written after the visit, the same sentence reports it.
    let d = doc(
        "ووصل الرئيس الفرنسي إيمانويل ماكرون، في 25 حزيران/يونيو الجاري، إلى الجزائر.",
        Some("2018-06-28"),
    );
    assert!(extract(&d).iter().any(|e| e.etype == "CONSULT"), "{:?}", extract(&d));
    let d = doc(
        "وهدد الرئيس الأمريكي دونالد ترامب إيران بالانسحاب من الاتفاق بحلول 12 أيار/مايو.",
        Some("2018-04-24"),
    );
    assert!(extract(&d).iter().any(|e| e.etype == "THREATEN"), "{:?}", extract(&d));
}

#[test]
fn a_place_inside_the_title_of_a_named_person_does_not_act() {
    let d = doc("وانتقد وزير خارجية البحرين، خالد بن أحمد آل خليفة، قطر بشدة.", Some("2019-03-02"));
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().all(|(_, s, _)| s != "البحرين"), "{pairs:?}\n{:?}", d.roles);
    assert!(
        pairs.iter().any(|(t, s, o)| t == "ACCUSE" && s == "خالد بن أحمد آل خليفة" && o == "قطر"),
        "{pairs:?}"
    );
}

#[test]
fn a_verbal_noun_with_a_nationality_adjective_is_done_by_that_country() {
    let d = doc(
        "وأدانت الجامعة العربية الغارات الجوية الإسرائيلية على قطاع غزة أمس.",
        Some("2019-03-02"),
    );
    let ev = extract(&d);
    let assault = ev.iter().find(|e| e.etype == "ASSAULT").expect("an ASSAULT");
    assert_eq!(assault.implied, vec!["إسرائيل".to_string()]);
    assert_eq!(d.mentions[assault.participants[0]].name, "قطاع غزة");
    assert!(assault.rule.contains("nominal"));
    // Financial sanctions are not Mali's.
    let d = doc("وفرضت واشنطن العقوبات المالية على كراكاس.", Some("2019-03-02"));
    assert!(
        extract(&d).iter().all(|e| !e.implied.iter().any(|c| c == "مالي")),
        "{:?}",
        extract(&d)
    );
}

#[test]
fn talking_on_the_phone_is_a_phone_consultation() {
    let d = doc(
        "وتحدث وزير الخارجية الروسي سيرغي لافروف مع نظيره الأمريكي مايك بومبيو على الهاتف أمس.",
        Some("2018-05-31"),
    );
    let ev = extract(&d);
    assert!(ev.iter().any(|e| e.mode.as_deref() == Some("phone")), "{ev:?}");
}

#[test]
fn whoever_asked_for_a_sanction_is_not_its_target() {
    let d = doc(
        "وفرض مجلس الأمن الدولي، بطلب من واشنطن، عقوبات جديدة على كوريا الشمالية.",
        Some("2018-03-30"),
    );
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().any(|(t, _, o)| t == "SANCTION" && o == "كوريا الشمالية"), "{pairs:?}");
    assert!(pairs.iter().all(|(_, _, o)| o != "واشنطن"), "{pairs:?}");
}

#[test]
fn a_nationality_adjective_after_the_verb_names_a_missing_target() {
    let d = doc(
        "ووجه الرئيس الأمريكي دونالد ترامب انتقادات حادة للاتفاق النووي الإيراني أمس.",
        Some("2018-04-25"),
    );
    let ev = extract(&d);
    let accuse = ev.iter().find(|e| e.etype == "ACCUSE").expect("an ACCUSE");
    assert_eq!(d.mentions[accuse.participants[0]].name, "دونالد ترامب");
    assert_eq!(accuse.implied, vec!["إيران".to_string()]);
    // The subject's own nationality (before its name) is not the target.
    let d = doc("وهددت الممثلة البحرينية شيماء سبت بمقاضاة طبيب.", Some("2018-04-25"));
    assert!(extract(&d).iter().all(|e| e.implied.iter().all(|c| c != "البحرين")));
}

#[test]
fn a_visit_with_an_unnamed_visitor_is_the_last_named_persons() {
    let text = "واستقبل الرئيس التونسي قيس سعيد الأمين العام للأمم المتحدة أنطونيو غوتيريش. \
                وكان قد بدأ جولته في الأول من الشهر الجاري بزيارة ثلاثة بلدان هي ليبيا، والجزائر، وتونس.";
    let d = doc(text, Some("2023-04-20"));
    let ev = extract(&d);
    let visits: Vec<Vec<String>> = ev
        .iter()
        .filter(|e| e.mode.as_deref() == Some("visit"))
        .map(|e| e.participants.iter().map(|&i| d.mentions[i].name.clone()).collect())
        .collect();
    assert!(
        visits
            .iter()
            .any(|p| p.iter().any(|n| n.contains("غوتيريش")) && p.iter().any(|n| n == "ليبيا")),
        "{visits:?}"
    );
}

#[test]
fn an_agreement_between_two_named_parties_is_an_agree_event() {
    let d = doc(
        "ووقعت الحكومة أمس على اتفاق تجاري بين اليابان والاتحاد الأوروبي يلغي معظم الرسوم.",
        Some("2018-07-18"),
    );
    let ev = extract(&d);
    let agree = ev.iter().find(|e| e.etype == "AGREE").unwrap_or_else(|| panic!("{ev:?}"));
    let names: Vec<&str> =
        agree.participants.iter().map(|&i| d.mentions[i].name.as_str()).collect();
    assert!(names.contains(&"اليابان") && names.contains(&"الاتحاد الأوروبي"), "{names:?}");
    assert_eq!(agree.date.as_deref(), Some("2018-07-17"));
    // One named party is not enough.
    let d = doc("وأكد الوزير أهمية الاتفاق بين الطرفين.", Some("2018-07-18"));
    assert!(extract(&d).iter().all(|e| e.etype != "AGREE"), "{:?}", extract(&d));
}

#[test]
fn the_objects_nationality_names_the_target_of_a_verbal_noun() {
    let d = doc(
        "وتواصلت الهجمات الإيرانية بالصواريخ على مواقع إسرائيلية في الجولان.",
        Some("2018-05-10"),
    );
    let ev = extract(&d);
    let assault = ev.iter().find(|e| e.etype == "ASSAULT").unwrap_or_else(|| panic!("{ev:?}"));
    assert_eq!(assault.implied, vec!["إيران".to_string(), "إسرائيل".to_string()]);
    // Two adjectives in a row are two agents, not an agent and a target.
    let d = doc("وأعقبت الضربة الأمريكية الفرنسية المشتركة اجتماعا طارئا.", Some("2018-04-14"));
    assert!(extract(&d).iter().all(|e| e.etype != "ASSAULT"), "{:?}", extract(&d));
}

#[test]
fn a_dateline_takes_no_part_in_the_events() {
    let d = doc(
        "دبي، الإمارات العربية المتحدة (CNN)— شكر الرئيس التركي، رجب طيب أردوغان، مساء الأربعاء، الشيخ تميم بن حمد، أمير قطر، على موقفه.",
        Some("2018-08-16"),
    );
    let pairs = directed_pairs(&d);
    assert!(
        pairs
            .iter()
            .any(|(t, s, o)| t == "SUPPORT" && s == "رجب طيب أردوغان" && o == "تميم بن حمد"),
        "{pairs:?}"
    );
    // A hyphen inside a name is no dateline.
    let d = doc(
        "والتقى رئيس كوريا الجنوبية مون جاي-إن الزعيم الكوري الشمالي كيم جونغ أون.",
        Some("2018-05-27"),
    );
    let ev = extract(&d);
    assert!(ev.iter().any(|e| e.etype == "CONSULT" && e.participants.len() >= 2), "{ev:?}");
}

#[test]
fn a_withdrawal_names_who_withdrew_in_its_genitive() {
    let d = doc(
        "وتراجعت الأسواق عقب انسحاب الولايات المتحدة من سوريا في مايو الماضي.",
        Some("2018-08-07"),
    );
    let ev = extract(&d);
    let retreat = ev.iter().find(|e| e.etype == "RETREAT").unwrap_or_else(|| panic!("{ev:?}"));
    assert_eq!(d.mentions[retreat.participants[0]].name, "الولايات المتحدة");
    assert_eq!(retreat.date.as_deref(), Some("2018-05"));
}

#[test]
fn an_adverbial_participle_takes_the_main_clauses_subject() {
    let d = doc(
        "وأكد الرئيس الفرنسي إيمانويل ماكرون أن بلاده لن تتراجع عن موقفها من نظام بشار الأسد، مطالبا موسكو بالضغط على دمشق.",
        Some("2018-07-12"),
    );
    let pairs = directed_pairs(&d);
    assert!(
        pairs.iter().any(|(t, s, o)| t == "REQUEST" && s == "إيمانويل ماكرون" && o == "موسكو"),
        "{pairs:?}"
    );
}

#[test]
fn cancelled_and_upcoming_meetings_are_not_reported() {
    for text in [
        "وأعلن البيت الأبيض إلغاء الرئيس دونالد ترامب زيارته إلى البرازيل.",
        "وبحث الوزيران التحضير للقمة المرتقبة بين دونالد ترامب وكيم جونغ أون.",
    ] {
        let d = doc(text, Some("2018-04-11"));
        let ev = extract(&d);
        assert!(
            !ev.iter().any(|e| {
                let trigger = e.trigger.slice(d.text());
                e.etype == "CONSULT" && (trigger.contains("قم") || trigger.contains("زيار"))
            }),
            "{text}: {ev:?}"
        );
    }
}

#[test]
fn a_place_after_a_noun_of_its_kind_is_still_the_location() {
    // `في مدينة X`، `بالعاصمة X`: the kind of place stands between the preposition and the name.
    for (text, place) in [
        ("والتقى أنتوني بلينكن ناصر بوريطة الخميس في مدينة طنجة.", "طنجة"),
        ("واجتمع وزير الخارجية الأمريكي أنتوني بلينكن مع ناصر بوريطة بالعاصمة الرباط.", "الرباط"),
    ] {
        let d = doc(text, Some("2023-04-09"));
        let ev = extract(&d);
        assert_eq!(ev.len(), 1, "{text}: {ev:?}\nmentions: {:?}", d.mentions);
        assert_eq!(ev[0].location.map(|l| d.mentions[l].name.as_str()), Some(place), "{text}");
    }
}

#[test]
fn a_definite_event_noun_that_refers_back_reports_nothing_new() {
    // `هذه الزيارة`، `وتأتي الزيارة في وقت …`: the visit was told before; the names around
    // the noun are not its parties.
    for text in [
        "ورافقت هذه الزيارة احتجاجات في الرباط ضد الرئيس إيمانويل ماكرون.",
        "وتأتي الزيارة بعد شهرين من انسحاب الرئيس الأمريكي دونالد ترامب من الاتفاق.",
    ] {
        let d = doc(text, Some("2023-04-09"));
        assert!(extract(&d).is_empty(), "{text}: {:?}", extract(&d));
    }
    // Without the demonstrative, a visit with its visitor and destination is reported.
    let d = doc("وبدأ الرئيس إيمانويل ماكرون زيارة إلى الرباط الأحد.", Some("2023-04-09"));
    assert_eq!(extract(&d).len(), 1, "{:?}", extract(&d));
}

#[test]
fn a_continent_hosts_no_visit() {
    // The countries of a tour host it; the continent named beside them does not.
    let d = doc("وبدأ الرئيس إيمانويل ماكرون الأحد زيارة إلى مصر وأفريقيا.", Some("2023-04-09"));
    let ev = extract(&d);
    let places: Vec<&str> =
        ev.iter().filter_map(|e| e.location.map(|l| d.mentions[l].name.as_str())).collect();
    assert_eq!(places, ["مصر"], "{ev:?}\nmentions: {:?}", d.mentions);
    let d = doc("وبدأ الرئيس إيمانويل ماكرون الأحد زيارة إلى أوروبا.", Some("2023-04-09"));
    assert!(extract(&d).iter().all(|e| e.location.is_none()), "{:?}", extract(&d));
}

#[test]
fn an_attack_happens_where_it_strikes() {
    let d = doc("وشنت القوات الإيرانية قصفا على مدينة أربيل السبت.", Some("2018-09-10"));
    let ev = extract(&d);
    let attack = ev.iter().find(|e| e.etype == "ASSAULT");
    let attack = attack.unwrap_or_else(|| panic!("{ev:?}\nmentions: {:?}", d.mentions));
    assert_eq!(attack.location.map(|l| d.mentions[l].name.as_str()), Some("أربيل"), "{attack:?}");
}

#[test]
fn a_coordinated_verb_without_subject_has_the_sentences() {
    // `فيما حمل …`: the subject is the sentence's first person; the target follows على.
    let d = doc(
        "وكان الرئيس التركي رجب طيب أردوغان قد أعلن أن أنقرة سترد فيما ألقى باللوم على الرئيس الأميركي جو بايدن.",
        Some("2023-04-09"),
    );
    let ev = extract(&d);
    let names = |e: &rasd_events::EventMention| -> Vec<String> {
        e.participants.iter().map(|&i| d.mentions[i].name.clone()).collect()
    };
    let accuse = ev.iter().find(|e| e.etype == "ACCUSE");
    let accuse = accuse.unwrap_or_else(|| panic!("{ev:?}\nmentions: {:?}", d.mentions));
    assert_eq!(names(accuse), ["رجب طيب أردوغان", "جو بايدن"]);
    // `وهدد بأن …` names no target: the previous act's target in the sentence is it.
    let d = doc(
        "وانتقد وزير الخارجية الإيراني محمد جواد ظريف الأحد السعودية، وطالب السعودية بوقف الحرب، وهدد بأن إيران لن تقف مكتوفة الأيدي.",
        Some("2023-04-09"),
    );
    let ev = extract(&d);
    let threat = ev.iter().find(|e| e.etype == "THREATEN");
    let threat = threat.unwrap_or_else(|| panic!("{ev:?}\nmentions: {:?}", d.mentions));
    let names: Vec<&str> =
        threat.participants.iter().map(|&i| d.mentions[i].name.as_str()).collect();
    assert_eq!(names, ["محمد جواد ظريف", "السعودية"]);
}

#[test]
fn conditions_and_readiness_are_not_events() {
    for text in [
        "وقال المسؤول إن بلاده سترد إذا حظرت الولايات المتحدة صادرات النفط الإيرانية.",
        "وأعلن الجيش أنه مستعد لاعتقال قادة حركة حماس.",
    ] {
        let d = doc(text, Some("2023-04-09"));
        let ev = extract(&d);
        assert!(ev.iter().all(|e| e.etype != "COERCE"), "{text}: {ev:?}");
    }
    // The condition's own act is not touched: the threat is reported.
    let d = doc(
        "وهدد الرئيس الإيراني حسن روحاني الولايات المتحدة بالرد إذا حظرت صادرات النفط.",
        Some("2023-04-09"),
    );
    assert!(extract(&d).iter().any(|e| e.etype == "THREATEN"), "{:?}", extract(&d));
}

#[test]
fn withdrawing_from_an_agreement_rejects_it() {
    // The party the agreement binds is named after it, or by a nationality adjective.
    let d = doc(
        "وجاءت الخطوة بعد انسحاب الولايات المتحدة من الاتفاق النووي الإيراني في مايو.",
        Some("2018-08-07"),
    );
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "REJECT");
    let e = e.unwrap_or_else(|| panic!("{ev:?}\nmentions: {:?}", d.mentions));
    assert_eq!(d.mentions[e.participants[0]].name, "الولايات المتحدة");
    assert_eq!(e.implied, ["إيران"]);
    // The verb reads the same, a date between.
    let d = doc("وانسحبت الولايات المتحدة في مايو من الاتفاق النووي مع إيران.", Some("2018-08-07"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "REJECT");
    let e = e.unwrap_or_else(|| panic!("{ev:?}\nmentions: {:?}", d.mentions));
    let names: Vec<&str> = e.participants.iter().map(|&i| d.mentions[i].name.as_str()).collect();
    assert_eq!(names, ["الولايات المتحدة", "إيران"]);
    // A withdrawal of troops stays a RETREAT.
    let d = doc("وأعلنت موسكو انسحاب القوات الروسية من سوريا.", Some("2018-08-07"));
    assert!(extract(&d).iter().all(|e| e.etype != "REJECT"), "{:?}", extract(&d));
}

#[test]
fn reported_speech_with_a_pronoun_subject_has_the_speaker_act() {
    let d = doc(
        "وقال الرئيس الفرنسي إيمانويل ماكرون الأحد إنه التقى الرئيس الروسي فلاديمير بوتين في باريس.",
        Some("2023-04-09"),
    );
    let ev = extract(&d);
    let names: Vec<&str> = ev
        .iter()
        .filter(|e| e.etype == "CONSULT")
        .flat_map(|e| e.participants.iter().map(|&i| d.mentions[i].name.as_str()))
        .collect();
    assert!(names.contains(&"إيمانويل ماكرون") && names.contains(&"فلاديمير بوتين"), "{ev:?}");
    // `اتهم … الجزائر بأنها تساند …`: the pronoun is the accused, not a speaker; and
    // `إنهم` ("they") are others.
    let d = doc(
        "وقال الرئيس الإيراني حسن روحاني إنهم يسعون إلى شن حرب على الأمة الإيرانية.",
        Some("2023-04-09"),
    );
    let ev = extract(&d);
    assert!(
        !ev.iter()
            .any(|e| e.participants.first().is_some_and(|&p| d.mentions[p].name == "حسن روحاني")),
        "{ev:?}"
    );
}

#[test]
fn a_name_behind_idh_or_raghm_is_in_another_clause() {
    let d = doc(
        "وزار وزير الدفاع الإسرائيلي أفيغدور ليبرمان الجولان الثلاثاء، إذ لم يستبعد علاقة مع الرئيس السوري بشار الأسد.",
        Some("2018-07-12"),
    );
    let ev = extract(&d);
    assert!(
        ev.iter().all(|e| e.participants.iter().all(|&i| d.mentions[i].name != "بشار الأسد")),
        "{ev:?}"
    );
}

#[test]
fn a_dual_stands_for_its_two_parties() {
    // A named pair (`الكوريتين`), and `البلدان` for the last two countries named.
    let d = doc("وأعلنت سول الخميس اتفاق الكوريتين على عقد قمة.", Some("2018-03-30"));
    let ev = extract(&d);
    let agree = ev.iter().find(|e| e.etype == "AGREE");
    let agree = agree.unwrap_or_else(|| panic!("{ev:?}"));
    assert_eq!(agree.implied, ["كوريا الشمالية", "كوريا الجنوبية"]);
    let d = doc(
        "وزار رئيس الوزراء الإثيوبي آبي أحمد إريتريا. وكانت الحرب بين إثيوبيا وإريتريا قد انتهت. واتفق البلدان على فتح السفارات.",
        Some("2018-07-16"),
    );
    let ev = extract(&d);
    let agree = ev.iter().find(|e| e.etype == "AGREE");
    let agree = agree.unwrap_or_else(|| panic!("{ev:?}\nmentions: {:?}", d.mentions));
    assert_eq!(agree.implied, ["إثيوبيا", "إريتريا"]);
}

#[test]
fn the_day_after_dates_its_event_the_day_before() {
    // `الجمعة، غداة اتفاق …`: Friday is the day after the agreement.
    let d =
        doc("وأصدر مجلس الأمن قراره الجمعة، غداة اتفاق الكوريتين على عقد قمة.", Some("2018-03-31"));
    let ev = extract(&d);
    let agree = ev.iter().find(|e| e.etype == "AGREE");
    let agree = agree.unwrap_or_else(|| panic!("{ev:?}"));
    assert_eq!(agree.date.as_deref(), Some("2018-03-29"));
}

#[test]
fn what_an_act_is_about_is_not_its_target() {
    let d = doc("واستخدمت روسيا حق الفيتو 12 مرة بشأن سوريا منذ عام 2011.", Some("2018-04-14"));
    let ev = extract(&d);
    assert!(
        ev.iter().all(|e| e.participants.iter().all(|&i| d.mentions[i].name != "سوريا")),
        "{ev:?}"
    );
}

#[test]
fn a_prepositions_object_before_the_verb_is_not_its_subject() {
    // `اتفاق مع إيران يهدد ترامب بتقويضه`: Trump threatens; إيران belongs to مع.
    let d = doc(
        "وتعمل فرنسا على إنقاذ اتفاق مع إيران يهدد الرئيس الأمريكي دونالد ترامب بتقويضه.",
        Some("2018-04-24"),
    );
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().all(|(t, s, _)| t != "THREATEN" || s != "إيران"), "{pairs:?}");
}

#[test]
fn a_verb_with_its_object_pronoun_attached_is_a_trigger() {
    // `شنّها`: "launched it"; a noun in ta marbuta (`حملة`) is not read as a verb so.
    let d = doc(
        "قتل عشرة مدنيين في غارة جوية جديدة شنّها التحالف بقيادة السعودية على اليمن الخميس.",
        Some("2018-08-24"),
    );
    let pairs = directed_pairs(&d);
    assert!(
        pairs
            .iter()
            .any(|(t, s, o)| t == "ASSAULT" && s == "التحالف بقيادة السعودية" && o == "اليمن"),
        "{pairs:?}"
    );
    let d = doc("وقاد الرئيس دونالد ترامب حملة ضد هيلاري كلينتون.", Some("2018-08-24"));
    assert!(directed_pairs(&d).iter().all(|(t, _, _)| t != "ACCUSE"), "{:?}", directed_pairs(&d));
}

#[test]
fn a_relative_verb_with_an_object_pronoun_has_its_subject_after_it() {
    // `الاتفاق الذي أبرمته إيران`: Iran concluded it; ترامب before is another clause's.
    let d = doc(
        "وانتقد الرئيس الأمريكي دونالد ترامب الاتفاق الذي أبرمته إيران مع الولايات المتحدة.",
        Some("2018-04-24"),
    );
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().all(|(t, s, _)| t != "AGREE" || s != "دونالد ترامب"), "{pairs:?}");
}

#[test]
fn a_coordinated_verb_without_target_aims_at_the_other_party_named_before() {
    let d = doc(
        "وقالت القاهرة إنها ستدرس الأمر، فيما اعتبرت حركة حماس التصريحات محاولة من إسرائيل للتهرب، وهددت بدورها بالرد على أي هجوم.",
        Some("2023-04-09"),
    );
    let pairs = directed_pairs(&d);
    assert!(
        pairs.iter().any(|(t, s, o)| t == "THREATEN" && s == "حركة حماس" && o == "إسرائيل"),
        "{pairs:?}"
    );
}

#[test]
fn an_organisation_and_its_countrys_capital_are_one_party() {
    // `الحرس الثوري الإيراني`: an Iranian body; طهران is its own side, not its target.
    let d = doc(
        "وهدد قائد في الحرس الثوري الإيراني بأن طهران ستغلق مضيق هرمز إذا حظرت الولايات المتحدة صادرات النفط.",
        Some("2018-07-05"),
    );
    let pairs = directed_pairs(&d);
    let threat = pairs.iter().find(|(t, _, _)| t == "THREATEN");
    let threat = threat.unwrap_or_else(|| panic!("{pairs:?}"));
    assert_ne!(threat.2, "طهران", "{pairs:?}");
}

#[test]
fn a_relative_verb_has_its_antecedent_as_subject_not_an_earlier_name() {
    // `الغارات التي تشن على اليمن`: the raids are launched; Lowcock only asked about them.
    let d = doc(
        "وجدد مارك لوكوك دعوته لفتح تحقيق في الغارات الجوية التي تشن على اليمن.",
        Some("2018-08-24"),
    );
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().all(|(t, s, _)| t != "ASSAULT" || s != "مارك لوكوك"), "{pairs:?}");
}

#[test]
fn a_warning_that_is_addressed_to_no_one_is_no_threat() {
    let d = doc(
        "وحذر وزير الدفاع الأمريكي جيم ماتيس من أن أي هجوم كبير سيزيد خطر المواجهة مع روسيا.",
        Some("2018-04-13"),
    );
    assert!(directed_pairs(&d).iter().all(|(t, _, _)| t != "THREATEN"), "{:?}", directed_pairs(&d));
    // Addressed: the warned party is the direct object.
    let d = doc("وحذر الرئيس الأمريكي دونالد ترامب إيران من استئناف برنامجها.", Some("2018-04-24"));
    let pairs = directed_pairs(&d);
    assert!(
        pairs.iter().any(|(t, s, o)| t == "THREATEN" && s == "دونالد ترامب" && o == "إيران"),
        "{pairs:?}"
    );
}

#[test]
fn a_second_subject_joined_by_wa_is_not_the_target() {
    let d = doc(
        "ودعا رئيس الوزراء الإثيوبي آبي أحمد ورئيس إريتريا أسياس أفورقي إلى المصالحة.",
        Some("2018-07-16"),
    );
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().all(|(_, _, o)| o != "أسياس أفورقي"), "{pairs:?}");
}

#[test]
fn what_talks_are_about_takes_no_part() {
    let d = doc(
        "والتقى وزير الخارجية الأمريكي أنتوني بلينكن نظيره المغربي ناصر بوريطة لبحث الخلافات داخل حزب العدالة والتنمية.",
        Some("2023-04-09"),
    );
    let ev = extract(&d);
    let names: Vec<&str> = ev
        .iter()
        .flat_map(|e| e.participants.iter().map(|&i| d.mentions[i].name.as_str()))
        .collect();
    assert!(names.contains(&"ناصر بوريطة"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("حزب")), "{names:?}");
}

#[test]
fn aid_and_cooperation_from_the_guidelines_table() {
    let d = doc("وقدمت السعودية مساعدات إنسانية إلى اليمن الأحد.", Some("2023-04-09"));
    let pairs = directed_pairs(&d);
    assert!(
        pairs.iter().any(|(t, s, o)| t == "AID" && s == "السعودية" && o == "اليمن"),
        "{pairs:?}"
    );
    let d = doc("وتعاونت المغرب مع إسبانيا في تفكيك خلية إرهابية.", Some("2023-04-09"));
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().any(|(t, _, o)| t == "COOPERATE" && o == "إسبانيا"), "{pairs:?}");
}

#[test]
fn handing_over_a_letter_is_a_meeting() {
    let d = doc(
        "سلم وزير الخارجية المغربي ناصر بوريطة الأربعاء الأمين العام للأمم المتحدة أنطونيو غوتيريس رسالة خطية من الملك.",
        Some("2018-04-05"),
    );
    let ev = extract(&d);
    let meeting = ev.iter().find(|e| e.etype == "CONSULT");
    let meeting = meeting.unwrap_or_else(|| panic!("{ev:?}"));
    let names: Vec<&str> =
        meeting.participants.iter().map(|&i| d.mentions[i].name.as_str()).collect();
    assert!(names.contains(&"ناصر بوريطة") && names.contains(&"أنطونيو غوتيريس"), "{names:?}");
}

#[test]
fn a_prepositions_object_after_the_verb_is_not_its_subject() {
    // `نفى من تركيا`: from Turkey; the speaker named before is the one who denies.
    let d = doc(
        "لكن وائل علوان، المتحدث باسم فيلق الرحمن، نفى من تركيا شطر الغوطة نصفين.",
        Some("2018-03-08"),
    );
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().all(|(_, s, _)| s != "تركيا"), "{pairs:?}");
    // An official at a body: the body acts.
    let d = doc(
        "أدان مسؤول كبير في الأمم المتحدة، الخميس، مقتل عشرة مدنيين في غارة للتحالف بقيادة السعودية.",
        Some("2018-08-24"),
    );
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().any(|(t, s, _)| t == "ACCUSE" && s == "الأمم المتحدة"), "{pairs:?}");
}

#[test]
fn the_victim_of_a_condemned_attack_is_not_condemned() {
    let d = doc("الأمم المتحدة تدين غارة جوية على اليمن أسفرت عن مقتل 22 طفلا.", Some("2018-08-24"));
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().all(|(t, _, o)| t != "ACCUSE" || o != "اليمن"), "{pairs:?}");
}

#[test]
fn an_attack_on_a_person_in_words_is_criticism() {
    let d =
        doc("هجوم إيراني على الرئيس الفرنسي إيمانويل ماكرون بسبب تصريحاته.", Some("2023-04-09"));
    let ev = extract(&d);
    assert!(ev.iter().any(|e| e.etype == "ACCUSE"), "{ev:?}\nmentions: {:?}", d.mentions);
    assert!(ev.iter().all(|e| e.etype != "ASSAULT"), "{ev:?}");
}

#[test]
fn a_later_date_in_another_clause_does_not_make_a_meeting_planned() {
    let d = doc(
        "واتفق الطرفان على عقد قمة في 27 نيسان، إثر لقاء بين وزير الخارجية الأمريكي أنتوني بلينكن ونظيره المغربي ناصر بوريطة.",
        Some("2018-03-30"),
    );
    let ev = extract(&d);
    assert!(ev.iter().any(|e| e.etype == "CONSULT"), "{ev:?}");
}

#[test]
fn a_dual_agreement_verb_with_no_one_named_is_the_last_two_people() {
    let d = doc(
        "والتقى الرئيس الكوري الجنوبي مون جاي إن الزعيم الكوري الشمالي كيم جونغ أون الجمعة. ونشرا إعلانا مشتركا بعد اللقاء.",
        Some("2018-04-28"),
    );
    let ev = extract(&d);
    let agree = ev.iter().find(|e| e.etype == "AGREE");
    let agree = agree.unwrap_or_else(|| panic!("{ev:?}"));
    assert_eq!(agree.participants.len(), 2, "{agree:?}");
    // A noun with tanween (`تعاونًا`) is not the dual verb تعاونا.
    let d = doc("وتشهد علاقات البلدين تعاونًا متزايدًا.", Some("2018-04-28"));
    assert!(extract(&d).iter().all(|e| e.etype != "COOPERATE"), "{:?}", extract(&d));
}

#[test]
fn an_apology_is_support() {
    let d = doc(
        "واعتذر وزير الخارجية العراقي إبراهيم الجعفري لإيران عن الهجوم على القنصلية.",
        Some("2018-09-11"),
    );
    let pairs = directed_pairs(&d);
    assert!(
        pairs.iter().any(|(t, s, o)| t == "SUPPORT" && s == "إبراهيم الجعفري" && o == "إيران"),
        "{pairs:?}"
    );
}

#[test]
fn events_read_from_duals_and_verbal_nouns_take_their_place() {
    // A dual's meeting takes the place after في.
    let d = doc(
        "واتفقت الكوريتان الخميس على عقد قمة، إثر لقاء بين الجانبين في جنيف.",
        Some("2018-03-30"),
    );
    let ev = extract(&d);
    let meeting = ev.iter().find(|e| e.etype == "CONSULT");
    let meeting = meeting.unwrap_or_else(|| panic!("{ev:?}\nmentions: {:?}", d.mentions));
    assert_eq!(meeting.location.map(|l| d.mentions[l].name.as_str()), Some("جنيف"));
    // A verbal noun's attack happens where it strikes.
    let d = doc("وأدان العراق القصف الإيراني على إقليم كردستان السبت.", Some("2018-09-10"));
    let ev = extract(&d);
    let attack = ev.iter().find(|e| e.etype == "ASSAULT");
    let attack = attack.unwrap_or_else(|| panic!("{ev:?}\nmentions: {:?}", d.mentions));
    assert!(attack.location.is_some(), "{attack:?}");
}

#[test]
fn a_blacklisting_is_a_sanction() {
    let d = doc(
        "وأدرجت الأمم المتحدة، الجمعة، على قائمتها السوداء 20 شركة متهمة بمساعدة كوريا الشمالية.",
        Some("2018-03-31"),
    );
    let pairs = directed_pairs(&d);
    assert!(
        pairs
            .iter()
            .any(|(t, s, o)| t == "SANCTION" && s == "الأمم المتحدة" && o == "كوريا الشمالية"),
        "{pairs:?}"
    );
}

#[test]
fn letters_invitations_and_adjectival_participles_are_not_targets_or_acts() {
    // The addressee of a letter is not the one accused.
    let d = doc(
        "واتهم العاهل المغربي محمد السادس في رسالة إلى الأمين العام للأمم المتحدة أنطونيو غوتيريس، الجزائر بدعم الانفصاليين.",
        Some("2018-04-05"),
    );
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().all(|(_, _, o)| o != "أنطونيو غوتيريس"), "{pairs:?}");
    // An invitation to dinner is no demand.
    let d = doc(
        "ودعا وزير الخارجية الأمريكي مايك بومبيو المسؤول الكوري الشمالي كيم يونغ تشول إلى العشاء.",
        Some("2018-05-31"),
    );
    assert!(directed_pairs(&d).iter().all(|(t, _, _)| t != "REQUEST"), "{:?}", directed_pairs(&d));
    // `المطالبة بحق تقرير المصير` describes the front: no request.
    let d = doc(
        "وأخطرت الرباط مجلس الأمن بتوغلات جبهة البوليساريو، المطالبة بحق تقرير المصير لشعب الصحراء الغربية.",
        Some("2018-04-05"),
    );
    assert!(directed_pairs(&d).iter().all(|(t, _, _)| t != "REQUEST"), "{:?}", directed_pairs(&d));
}

#[test]
fn the_warned_party_follows_the_verb_closely() {
    // `قبل مغادرته واشنطن`: Washington is what he left, not whom he warned.
    let d = doc(
        "كما حذر الممثل التجاري الأمريكي روبرت لايتهايزر قبل مغادرته واشنطن قائلا إن المهمة صعبة.",
        Some("2018-05-03"),
    );
    assert!(directed_pairs(&d).iter().all(|(t, _, _)| t != "THREATEN"), "{:?}", directed_pairs(&d));
    // After an inserted phrase closed by a comma, the warned party still counts.
    let d = doc(
        "وحذر الرئيس الأمريكي دونالد ترامب خلال استقباله الرئيس الفرنسي إيمانويل ماكرون، طهران من استئناف برنامجها.",
        Some("2018-04-25"),
    );
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().any(|(t, _, o)| t == "THREATEN" && o == "طهران"), "{pairs:?}");
}

#[test]
fn what_someone_is_accused_of_is_alleged_not_reported() {
    let d = doc(
        "واتهم الرئيس الأمريكي دونالد ترامب إيران بأنها تساند جماعة الحوثي في اليمن.",
        Some("2018-05-10"),
    );
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().any(|(t, _, _)| t == "ACCUSE"), "{pairs:?}");
    assert!(pairs.iter().all(|(t, _, _)| t != "SUPPORT"), "{pairs:?}");
}

#[test]
fn a_visit_after_a_verb_of_coming_restates_one() {
    let d = doc(
        "وتأتي زيارة وزير الخارجية الأمريكي أنتوني بلينكن إلى الرباط في وقت تشهد فيه المنطقة توترا.",
        Some("2023-04-09"),
    );
    assert!(extract(&d).is_empty(), "{:?}", extract(&d));
}

fn names_of(d: &rasd_doc::Doc, e: &rasd_events::EventMention) -> Vec<String> {
    e.participants.iter().map(|&i| d.mentions[i].name.clone()).collect()
}

#[test]
fn a_meeting_still_possible_has_not_happened() {
    let d = doc(
        "أكد الرئيس الأمريكي دونالد ترامب أن عقد قمته مع كيم جونغ أون لا يزال ممكنا.",
        Some("2018-05-26"),
    );
    assert!(extract(&d).is_empty(), "{:?}", extract(&d));
}

#[test]
fn an_attack_whose_doer_is_sought_is_not_the_subjects() {
    let d = doc(
        "وعرقلت روسيا قرارا يقضي بتحديد المسؤول عن شن هجوم بأسلحة كيمياوية على مدينة دوما.",
        Some("2018-04-17"),
    );
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().all(|(t, _, _)| t != "ASSAULT"), "{pairs:?}");
    // Without the one responsible, the attack is Russia's.
    let d = doc("وشنت روسيا هجوما بأسلحة كيمياوية على مدينة دوما.", Some("2018-04-17"));
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().any(|(t, _, _)| t == "ASSAULT"), "{pairs:?}");
}

#[test]
fn talks_that_dealt_with_someone_are_not_talks_with_them() {
    let d = doc(
        "وأضافت الوكالة أن المحادثات تناولت خصوصا تهديدات الرئيس الأمريكي دونالد ترامب.",
        Some("2018-04-11"),
    );
    assert!(extract(&d).iter().all(|e| e.etype != "CONSULT"), "{:?}", extract(&d));
}

#[test]
fn a_spouse_who_comes_along_is_no_party_to_the_meeting() {
    let d = doc(
        "واستقبل الرئيس الأمريكي دونالد ترامب وزوجته ميلانيا الرئيس الفرنسي إيمانويل ماكرون عند مدخل البيت الأبيض.",
        Some("2018-04-24"),
    );
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "CONSULT").unwrap_or_else(|| panic!("{ev:?}"));
    let names = names_of(&d, e);
    assert!(names.iter().any(|n| n.contains("ترامب")), "{names:?}");
    assert!(names.iter().any(|n| n.contains("ماكرون")), "{names:?}");
    assert!(names.iter().all(|n| !n.contains("ميلانيا")), "{names:?}");
}

#[test]
fn a_date_after_since_is_not_the_events() {
    let d = doc(
        "وزيارة الرئيس الروسي فلاديمير بوتين لتركيا هي الأولى منذ إعادة انتخابه في 18 آذار/مارس.",
        Some("2018-04-03"),
    );
    assert!(extract(&d).iter().all(|e| e.date.is_none()), "{:?}", extract(&d));
    // A comma ends the since phrase: the date after it is the event's.
    let d = doc(
        "وتحدث سيرغي لافروف مع نظيره الأمريكي مايك بومبيو على الهاتف لأول مرة منذ توليه منصبه، يوم الأربعاء.",
        Some("2018-05-31"),
    );
    let ev = extract(&d);
    assert!(ev.iter().any(|e| e.date.as_deref() == Some("2018-05-30")), "{ev:?}");
}

#[test]
fn a_date_passes_along_a_chain_of_sentences_only() {
    let text = "وأسقطت تركيا مقاتلة روسية في تشرين الثاني/نوفمبر 2015. \
                لكن العلاقات بين البلدين تحسنت بعدها. \
                وتستمر زيارة الرئيس الروسي فلاديمير بوتين لتركيا يومين.";
    let d = doc(text, Some("2018-04-03"));
    let ev = extract(&d);
    let visit = ev.iter().find(|e| e.etype == "CONSULT").unwrap_or_else(|| panic!("{ev:?}"));
    assert_eq!(visit.date, None, "{ev:?}");
    // Joined by و, the next sentence keeps the date.
    let text = "وأسقطت تركيا مقاتلة روسية في تشرين الثاني/نوفمبر 2015. \
                وزار الرئيس الروسي فلاديمير بوتين أنقرة.";
    let d = doc(text, Some("2018-04-03"));
    let ev = extract(&d);
    let visit = ev.iter().find(|e| e.etype == "CONSULT").unwrap_or_else(|| panic!("{ev:?}"));
    assert_eq!(visit.date.as_deref(), Some("2015-11"), "{ev:?}");
}

#[test]
fn a_statement_during_a_visit_is_made_where_the_visit_is() {
    let text = "وصل الرئيس الإيراني حسن روحاني إلى فيينا في زيارة رسمية. \
                وقال روحاني إن طهران ستتصدى للعقوبات، محذرا الولايات المتحدة من عواقب القرار.";
    let d = doc(text, Some("2018-07-04"));
    let ev = extract(&d);
    let threat = ev.iter().find(|e| e.etype == "THREATEN").unwrap_or_else(|| panic!("{ev:?}"));
    let place = threat.location.map(|l| d.mentions[l].name.as_str());
    assert_eq!(place, Some("فيينا"), "{ev:?}");
    // Without a visit the statement has no place.
    let d = doc(
        "وقال الرئيس الإيراني حسن روحاني إن طهران ستتصدى للعقوبات، محذرا الولايات المتحدة من عواقب القرار.",
        Some("2018-07-04"),
    );
    let ev = extract(&d);
    assert!(ev.iter().filter(|e| e.etype == "THREATEN").all(|e| e.location.is_none()), "{ev:?}");
}

#[test]
fn describing_someone_with_contempt_is_an_accusation() {
    let d = doc(
        "ووصف الرئيس الأمريكي دونالد ترامب الاتفاق النووي مع إيران بأنه \"كارثي\".",
        Some("2018-04-24"),
    );
    let pairs = directed_pairs(&d);
    assert!(pairs.contains(&("ACCUSE".into(), "دونالد ترامب".into(), "إيران".into())), "{pairs:?}");
    // What is described comes before the word of contempt, not after it.
    let d = doc(
        "ترامب يصف الاتفاق النووي الإيراني بـ\"الكارثة\" خلال استقبال الرئيس الفرنسي إيمانويل ماكرون",
        Some("2018-04-24"),
    );
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "ACCUSE").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(!names_of(&d, e).iter().any(|n| n.contains("ماكرون")), "{e:?}");
    assert!(e.implied.contains(&"إيران".to_string()), "{e:?}");
    // A neutral description is no accusation.
    let d = doc(
        "ووصف الرئيس الأمريكي دونالد ترامب المحادثات مع إيران بأنها \"مثمرة\".",
        Some("2018-04-24"),
    );
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().all(|(t, _, _)| t != "ACCUSE"), "{pairs:?}");
}

#[test]
fn a_delegation_named_by_nationality_is_its_countrys_party() {
    let d = doc("بدأ وفد أميركي رفيع محادثات اليوم الخميس في بكين.", Some("2018-05-03"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "CONSULT").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(e.implied.contains(&"الولايات المتحدة".to_string()), "{e:?}");
    assert!(e.implied.contains(&"الصين".to_string()), "{e:?}");
    assert_eq!(e.date.as_deref(), Some("2018-05-03"));
}

#[test]
fn forces_named_by_nationality_are_their_countrys() {
    let d = doc("شنت طائرات إسرائيلية غارات على مواقع في سوريا.", Some("2018-05-10"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "ASSAULT").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(e.implied.contains(&"إسرائيل".to_string()), "{e:?}");
    let names = names_of(&d, e);
    assert!(names.contains(&"سوريا".to_string()), "{names:?}");
    // The victim's nationality names the target when no one is named.
    let d = doc("أسقط الطيران التركي مقاتلة روسية فوق الحدود السورية.", Some("2015-11-24"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "ASSAULT").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(e.implied.contains(&"تركيا".to_string()) && e.implied.contains(&"روسيا".to_string()));
    // Arrests by a country's authorities; a plural adjective (`جنود إسرائيليون`).
    let d = doc("اعتقلت السلطات التركية القس الأمريكي آندرو برونسون.", Some("2018-10-12"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "COERCE").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(e.implied.contains(&"تركيا".to_string()), "{e:?}");
    assert!(names_of(&d, e).iter().any(|n| n.contains("برونسون")), "{e:?}");
    let d = doc("قتل جنود إسرائيليون ثلاثة فلسطينيين في غزة.", Some("2018-05-14"));
    assert!(extract(&d).iter().any(|e| e.etype == "ASSAULT"), "{:?}", extract(&d));
    // A government named in the victim's title is not the doer.
    let d = doc("وأدين أتوال بمحاولة قتل وزير حكومة هندي عام 1986.", Some("2018-02-22"));
    assert!(extract(&d).iter().all(|e| e.etype != "ASSAULT"), "{:?}", extract(&d));
}

#[test]
fn firing_and_carrying_out_strikes_are_attacks() {
    let d = doc("أطلقت حركة حماس صواريخ على إسرائيل.", Some("2018-05-10"));
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().any(|(t, s, _)| t == "ASSAULT" && s.contains("حماس")), "{pairs:?}");
    let d =
        doc("نفذت الطائرات الأمريكية ضربات جوية ضد مواقع لتنظيم داعش في سوريا.", Some("2018-05-10"));
    assert!(extract(&d).iter().any(|e| e.etype == "ASSAULT"), "{:?}", extract(&d));
    // Releasing prisoners is no shot.
    let d = doc("أطلقت السلطات المصرية سراح المعتقلين.", Some("2018-05-10"));
    assert!(extract(&d).iter().all(|e| e.etype != "ASSAULT"), "{:?}", extract(&d));
}

#[test]
fn authorities_named_by_nationality_make_statements_for_their_country() {
    let d = doc("اتهمت الخارجية الإيرانية الولايات المتحدة بدعم الإرهاب.", Some("2018-05-10"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "ACCUSE").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(e.implied.contains(&"إيران".to_string()), "{e:?}");
    assert!(names_of(&d, e).contains(&"الولايات المتحدة".to_string()), "{e:?}");
    let d = doc("رفضت الحكومة العراقية التدخل التركي في شمال البلاد.", Some("2018-05-10"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "REJECT").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(e.implied.contains(&"العراق".to_string()) && e.implied.contains(&"تركيا".to_string()));
    // With its subject before it, the authorities after the verb are its object.
    for text in [
        "وأشارت إلى أن التشيك طالبت السلطات التركية بإخلاء سبيل المعتقلين.",
        "وأرسل الوزير رسالة إلى نظيره، داعيا الحكومة اللبنانية إلى كبح الميليشيات.",
        "ولم يعلق التحالف الذي يدعم الحكومة اليمنية على الأنباء.",
    ] {
        let d = doc(text, Some("2018-05-10"));
        assert!(
            extract(&d).iter().all(|e| !e.rule.contains(":forces:")),
            "{text}: {:?}",
            extract(&d)
        );
    }
}

#[test]
fn monday_right_after_a_name_dates_the_event() {
    let d = doc(
        "استقبل الرئيس الأمريكي دونالد ترامب الاثنين نظيره الفرنسي إيمانويل ماكرون في البيت الأبيض.",
        Some("2018-04-24"),
    );
    let ev = extract(&d);
    assert!(ev.iter().any(|e| e.date.as_deref() == Some("2018-04-23")), "{ev:?}");
    // "The two agreed": no date.
    let d = doc("واتفق الاثنين على مواصلة المحادثات مع إيران.", Some("2018-04-24"));
    assert!(extract(&d).iter().all(|e| e.date.is_none()), "{:?}", extract(&d));
}

#[test]
fn an_event_after_a_temporal_preposition_keeps_only_the_clauses_month() {
    let d = doc(
        "وأتى القرار الجمعة، إثر لقاء بين وزير الخارجية الأمريكي مايك بومبيو ونظيره الروسي سيرغي لافروف في جنيف.",
        Some("2018-03-31"),
    );
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "CONSULT").unwrap_or_else(|| panic!("{ev:?}"));
    assert_eq!(e.date.as_deref(), Some("2018-03"), "{ev:?}");
}

#[test]
fn two_countries_joined_as_subjects_agree_with_each_other() {
    let d = doc("وقعت مصر والسعودية مذكرة تفاهم للتعاون في مجال الطاقة.", Some("2018-03-05"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "AGREE").unwrap_or_else(|| panic!("{ev:?}"));
    let names = names_of(&d, e);
    assert!(names.contains(&"مصر".to_string()) && names.contains(&"السعودية".to_string()));
}

#[test]
fn a_phone_call_verb_is_a_phone_call() {
    let d =
        doc("هاتف الرئيس الروسي فلاديمير بوتين نظيره التركي رجب طيب أردوغان.", Some("2018-03-05"));
    let ev = extract(&d);
    assert!(ev.iter().any(|e| e.mode.as_deref() == Some("phone")), "{ev:?}");
}

#[test]
fn a_stance_stated_with_its_holders_pronoun_is_the_subjects() {
    let d = doc(
        "أعلنت الحكومة الأردنية رفضها القاطع لقرار الرئيس الأمريكي دونالد ترامب.",
        Some("2017-12-07"),
    );
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "REJECT").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(e.implied.contains(&"الأردن".to_string()), "{e:?}");
    assert!(names_of(&d, e).contains(&"دونالد ترامب".to_string()), "{e:?}");
    let d = doc("أكدت السعودية دعمها للحكومة اليمنية.", Some("2018-03-07"));
    assert!(extract(&d).iter().any(|e| e.etype == "SUPPORT"), "{:?}", extract(&d));
    // Condemning an attack condemns its doer, not its victim.
    let d = doc("جددت مصر إدانتها للهجوم الإسرائيلي على غزة.", Some("2018-05-15"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "ACCUSE").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(e.implied.contains(&"إسرائيل".to_string()), "{e:?}");
    assert!(!names_of(&d, e).contains(&"غزة".to_string()), "{e:?}");
    // A two-word stance carries the pronoun on its second word.
    let d = doc(
        "من جانبها، عبرت روسيا الثلاثاء عن \"خيبة أملها\" ازاء القرار الأمريكي.",
        Some("2018-08-07"),
    );
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "ACCUSE").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(e.implied.contains(&"الولايات المتحدة".to_string()), "{e:?}");
    assert_eq!(e.date.as_deref(), Some("2018-08-07"));
    // Hope is no stance, and what is hoped for has not happened.
    let d = doc("وأعربت مصر عن أملها في التوصل إلى اتفاق مع إثيوبيا.", Some("2018-08-07"));
    assert!(extract(&d).is_empty(), "{:?}", extract(&d));
    // Expected statements, and a verb with its object pronoun, are not stances stated.
    for text in [
        "ومن المتوقع أن يعرب الرئيس الأمريكي دونالد ترامب عن دعمه للحكومة اليمنية.",
        "وأعربت دولة الكويت عن إدانتها للهجمات الصاروخية التي استهدفت المملكة العربية السعودية.",
    ] {
        let d = doc(text, Some("2018-05-15"));
        assert!(
            extract(&d).iter().all(|e| !e.rule.contains(":stance:")),
            "{text}: {:?}",
            extract(&d)
        );
    }
}

#[test]
fn saying_someone_is_responsible_for_harm_accuses_them() {
    let d = doc("وتقول بريطانيا إن روسيا مسؤولة عن تسميم سكريبال وابنته.", Some("2018-03-15"));
    let pairs = directed_pairs(&d);
    assert!(pairs.contains(&("ACCUSE".into(), "بريطانيا".into(), "روسيا".into())), "{pairs:?}");
    // A regime named by its nationality.
    let d = doc(
        "وقال البيت الأبيض إنه واثق بأن النظام السوري مسؤول عن الهجوم الكيمياوي.",
        Some("2018-04-12"),
    );
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "ACCUSE").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(e.implied.contains(&"سوريا".to_string()), "{e:?}");
    // Responsible for something that is no harm, or only if proven: no accusation.
    for text in [
        "وقال الرئيس الأمريكي دونالد ترامب إن روسيا مسؤولة عن الأمن في سوريا.",
        "وحذرت الحكومة من رد قوي إذا ثبت أن روسيا مسؤولة عن تسميم الجاسوس.",
    ] {
        let d = doc(text, Some("2018-03-15"));
        assert!(
            extract(&d).iter().all(|e| !e.rule.contains(":blame:")),
            "{text}: {:?}",
            extract(&d)
        );
    }
}

#[test]
fn a_crowd_of_a_nationality_protests_for_its_country() {
    let d = doc("تظاهر آلاف الفلسطينيين أمام السفارة الأمريكية في القدس.", Some("2018-05-14"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "PROTEST").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(e.implied.contains(&"فلسطين".to_string()), "{e:?}");
    assert!(e.implied.contains(&"الولايات المتحدة".to_string()), "{e:?}");
    let d = doc("تظاهر مئات الإيرانيين ضد الحكومة في طهران.", Some("2018-01-02"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "PROTEST").unwrap_or_else(|| panic!("{ev:?}"));
    assert_eq!(e.location.map(|l| d.mentions[l].name.as_str()), Some("طهران"), "{e:?}");
    // A crowd is no doer of other acts (`قتل آلاف السوريين`: they were killed).
    let d = doc("قتل آلاف السوريين في الحرب.", Some("2018-01-02"));
    assert!(extract(&d).is_empty(), "{:?}", extract(&d));
}

#[test]
fn a_visits_programme_or_preparation_is_not_the_visit() {
    for text in [
        "ووجه الوزير الإسرائيلي زئيف ألكين انتقادات لبرنامج زيارة الأمير البريطاني ويليام إلى إسرائيل.",
        "وبدأ المسؤولون التحضير لزيارة الرئيس الأمريكي دونالد ترامب إلى الرياض.",
    ] {
        let d = doc(text, Some("2018-06-18"));
        assert!(extract(&d).iter().all(|e| e.etype != "CONSULT"), "{text}: {:?}", extract(&d));
    }
}

#[test]
fn a_threat_of_an_act_aimed_at_no_one_named_has_its_maker_alone() {
    for text in [
        "وكان الحرس الثوري الإيراني قد هدد، الأربعاء، بمنع صادرات النفط من الدول المجاورة.",
        "هدد الرئيس التركي رجب طيب أردوغان بشن عملية عسكرية ضد الأكراد.",
    ] {
        let d = doc(text, Some("2018-07-05"));
        let ev = extract(&d);
        let e =
            ev.iter().find(|e| e.etype == "THREATEN").unwrap_or_else(|| panic!("{text}: {ev:?}"));
        assert_eq!(e.participants.len(), 1, "{text}: {e:?}");
    }
    // Not the imperfect of a risk, not after a pronoun subject (the name is the object),
    // not a warning.
    for text in [
        "وحذر المسؤولون من المخاطر التي تهدد بانهيار الاقتصاد.",
        "ونفى ميشيل كوهين أنه هدد ستيفاني كليفورد بأي صورة.",
        "وحذر الرئيس الأمريكي دونالد ترامب من عواقب الحرب.",
    ] {
        let d = doc(text, Some("2018-07-05"));
        let ev = extract(&d);
        assert!(
            ev.iter().all(|e| e.etype != "THREATEN" || e.participants.len() != 1),
            "{text}: {ev:?}"
        );
    }
}

#[test]
fn attacking_a_person_by_name_is_criticism() {
    let d = doc("هاجم الرئيس الأمريكي دونالد ترامب وزير العدل جيف سيشنز.", Some("2018-08-24"));
    let pairs = directed_pairs(&d);
    assert!(pairs.iter().any(|(t, _, o)| t == "ACCUSE" && o.contains("سيشنز")), "{pairs:?}");
    assert!(pairs.iter().all(|(t, _, _)| t != "ASSAULT"), "{pairs:?}");
    // A country attacked stays an attack.
    let d = doc("هاجمت حركة حماس إسرائيل.", Some("2018-08-24"));
    assert!(directed_pairs(&d).iter().any(|(t, _, _)| t == "ASSAULT"), "{:?}", directed_pairs(&d));
}

#[test]
fn a_name_set_off_by_commas_is_the_subject_of_its_clause() {
    let d = doc(
        "وكان الرئيس الإيراني، حسن روحاني، قد رد بشدة على الولايات المتحدة بشأن العقوبات.",
        Some("2018-08-07"),
    );
    let pairs = directed_pairs(&d);
    assert!(
        pairs.contains(&("ACCUSE".into(), "حسن روحاني".into(), "الولايات المتحدة".into())),
        "{pairs:?}"
    );
}

#[test]
fn unnamed_members_of_a_named_group_are_the_group() {
    let d = doc("هاجم مسلحون من حركة طالبان مركزا للشرطة في ولاية غزنة.", Some("2018-08-10"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "ASSAULT").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(names_of(&d, e).iter().any(|n| n.contains("طالبان")), "{e:?}");
    // The victim's nationality in the indefinite accusative (`جنديا إسرائيليا`).
    let d = doc("وقتل عناصر من حزب الله جنديا إسرائيليا.", Some("2018-08-10"));
    let ev = extract(&d);
    let e = ev.iter().find(|e| e.etype == "ASSAULT").unwrap_or_else(|| panic!("{ev:?}"));
    assert!(e.implied.contains(&"إسرائيل".to_string()), "{e:?}");
}

#[test]
fn a_group_that_claims_an_attack_carried_it_out() {
    for text in [
        "أعلن تنظيم داعش مسؤوليته عن الهجوم الذي استهدف كنيسة في مدينة الإسكندرية.",
        "وتبنت حركة طالبان الهجوم على مركز للشرطة في كابول.",
    ] {
        let d = doc(text, Some("2018-05-10"));
        let ev = extract(&d);
        let e =
            ev.iter().find(|e| e.etype == "ASSAULT").unwrap_or_else(|| panic!("{text}: {ev:?}"));
        let names = names_of(&d, e);
        assert!(
            names.iter().any(|n| n.contains("داعش") || n.contains("طالبان")),
            "{text}: {names:?}"
        );
        assert!(e.location.is_some(), "{text}: {e:?}");
    }
    // Claiming responsibility for something other than an attack is no attack.
    let d = doc("وأعلن تنظيم داعش مسؤوليته عن البيان.", Some("2018-05-10"));
    assert!(extract(&d).iter().all(|e| e.etype != "ASSAULT"), "{:?}", extract(&d));
}
