//! The shipped model: it loads, tags real sentences, reproduces from scratch, and finds the
//! people and places of the seed articles.

use std::path::PathBuf;

use rasd_ner::{conll, metrics::Evaluation, tags::TAGS, Tagger};

fn shared(sub: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(sub);
    p.exists().then_some(p)
}

fn tags_of(tagger: &Tagger, words: &[&str]) -> Vec<&'static str> {
    tagger.tag(words).0.into_iter().map(|t| TAGS[t as usize]).collect()
}

#[test]
fn builtin_model_tags_a_sentence() {
    let tagger = Tagger::builtin().expect("the committed model loads");
    let words = [
        "التقى",
        "وزير",
        "الخارجية",
        "الأمريكي",
        "أنتوني",
        "بلينكن",
        "نظيره",
        "المغربي",
        "ناصر",
        "بوريطة",
        "في",
        "واشنطن",
    ];
    let tags = tags_of(tagger, &words);
    assert_eq!(&tags[4..6], ["B-PERS", "I-PERS"], "{tags:?}");
    assert_eq!(&tags[8..10], ["B-PERS", "I-PERS"], "{tags:?}");
    assert_eq!(tags[11], "B-LOC", "{tags:?}");
    assert_eq!(tags[0], "O");
    let (_, conf) = tagger.tag(&words);
    assert!(conf.iter().all(|c| (0.0..=1.0).contains(c)));
}

fn test_f1(tagger: &Tagger, path: &std::path::Path) -> Evaluation {
    let mut ev = Evaluation::default();
    let sentences = conll::read(path, true).expect("test file");
    let words: Vec<Vec<&str>> =
        sentences.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
    for (s, (tags, _)) in sentences.iter().zip(tagger.tag_run(&words, false)) {
        ev.add(&s.tags, &tags);
    }
    ev
}

#[test]
fn committed_model_quality_on_anercorp_test() {
    let Some(test) = shared("data/ner/anercorp/ANERCorp_CamelLab_test.txt") else {
        eprintln!("skipping: ../shared/data not found");
        return;
    };
    let ev = test_f1(Tagger::builtin().unwrap(), &test);
    // The README records 0.7304; guard against regressions.
    assert!(ev.overall.f1() >= 0.725, "ANERcorp test F1 {:.4}\n{}", ev.overall.f1(), ev.report());
}

#[cfg(feature = "train")]
#[test]
fn retraining_reproduces_the_committed_model() {
    let (Some(data), Some(test)) =
        (shared("data"), shared("data/ner/anercorp/ANERCorp_CamelLab_test.txt"))
    else {
        eprintln!("skipping: ../shared/data not found");
        return;
    };
    let cfg = rasd_ner::trainer::Config { data, ..Default::default() };
    let mut stages = Vec::new();
    let mut epochs = Vec::new();
    let (model, _) = rasd_ner::trainer::train(&cfg, &mut |event| match event {
        rasd_ner::trainer::Event::Stage(s) => stages.push(s.to_string()),
        rasd_ner::trainer::Event::Epoch { epoch, epochs: n, dev_f1 } => {
            epochs.push((epoch, n, dev_f1))
        }
        rasd_ner::trainer::Event::Run(_) => panic!("a plain training is no cross-validation"),
    })
    .expect("training");
    // Every stage reports itself, and each epoch once, without a dev F1 (no dev split).
    for stage in ["clusters: truncated SVD", "lexicon round 1", "document context", "final model"] {
        assert!(stages.iter().any(|s| s.starts_with(stage)), "no {stage:?} in {stages:?}");
    }
    let expected: Vec<_> = (1..=cfg.epochs).map(|e| (e, cfg.epochs, None)).collect();
    assert_eq!(epochs, expected);
    let retrained = test_f1(&Tagger::new(model.clone()), &test).overall.f1();
    let committed = test_f1(Tagger::builtin().unwrap(), &test).overall.f1();
    assert!(
        (retrained - committed).abs() <= 0.005,
        "retrained {retrained:.4} vs committed {committed:.4}"
    );
    // Same data, same seed: the same model, bit for bit.
    let mut a = Vec::new();
    model.write(&mut a).unwrap();
    let b = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/model/ner.bin")).unwrap();
    assert!(
        a == b,
        "retrained model differs from crates/ner/model/ner.bin: run `rasd ner train` and commit it"
    );
    let _ = rasd_ner::Model::from_bytes(&b).unwrap();
}

#[test]
fn seed_people_and_places_are_found() {
    let Some(seeds) = shared("seeds") else {
        eprintln!("skipping: ../shared/seeds not found");
        return;
    };
    let mut found = Vec::new();
    for entry in std::fs::read_dir(seeds).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut doc = rasd_doc::Doc::new(rasd_doc::Document {
            id: "seed".into(),
            title: None,
            url: None,
            source: None,
            author: None,
            published: None,
            origin: "seed".into(),
            format: rasd_doc::Format::Text,
            text,
        });
        rasd_doc::Component::process(&rasd_text::TextLayer, &mut doc).unwrap();
        for m in rasd_ner::mentions(Tagger::builtin().unwrap(), &doc, true) {
            assert_eq!(&doc.text()[m.span.start..m.span.end], m.text);
            found.push((m.label, m.text));
        }
    }
    let has = |label: &str, part: &str| found.iter().any(|(l, t)| l == label && t.contains(part));
    // Found today (شيرمان and نولاند are still missed: see the NER README).
    for person in ["الحموشي", "حموشي", "بيرنز", "بلينكن", "بوريطة", "راي", "هاينز", "لانكفورد"]
    {
        assert!(has("PER", person), "person {person} not found in {found:?}");
    }
    for place in ["الرباط", "واشنطن", "المغرب"] {
        assert!(has("LOC", place), "place {place} not found");
    }
}

#[test]
fn organisation_rule_adds_head_word_phrases() {
    let tagger = Tagger::builtin().unwrap();
    let words = [
        "التقى",
        "مسؤولون",
        "من",
        "المديرية",
        "العامة",
        "للأمن",
        "الوطني",
        "و",
        "مكتب",
        "التحقيقات",
        "الفيدرالي",
        "أمس",
        ".",
    ];
    let with: Vec<&str> =
        tagger.tag_with(&words, true).0.into_iter().map(|t| TAGS[t as usize]).collect();
    assert_eq!(&with[3..7], ["B-ORG", "I-ORG", "I-ORG", "I-ORG"], "{with:?}");
    assert_eq!(&with[8..11], ["B-ORG", "I-ORG", "I-ORG"], "{with:?}");
    assert_eq!(with[11], "O", "the phrase stops at a word without the article: {with:?}");
    // Without the rule the model's own output is returned unchanged.
    let (plain, _) = tagger.tag(&words);
    let (same, _) = tagger.tag_with(&words, false);
    assert_eq!(plain, same);
}

#[test]
fn pre_split_words_tag_like_raw_words() {
    use rasd_doc::Clitic;
    use rasd_ner::analysis::SplitWord;
    let tagger = Tagger::builtin().unwrap();
    let text = "وقال وزير الخارجية الأمريكي أنتوني بلينكن للصحفيين في واشنطن إن الولايات المتحدة ستواصل دعمها للمغرب";
    let tokens = rasd_text::Tokenizer::default().tokenize(text);
    let mut words: Vec<(String, SplitWord)> = Vec::new();
    let mut last = u32::MAX;
    for t in &tokens {
        if t.word != last {
            words.push((String::new(), SplitWord::default()));
            last = t.word;
        }
        let (raw, w) = words.last_mut().unwrap();
        raw.push_str(&t.text);
        w.norm.push_str(&t.text);
        match t.clitic {
            Clitic::None => w.stem.push_str(&t.form),
            Clitic::Pronoun => w.suf.push_str(&t.form),
            _ => {
                if !w.pre.is_empty() {
                    w.pre.push('+');
                }
                w.pre.push_str(&t.form);
            }
        }
    }
    let raw: Vec<&str> = words.iter().map(|(r, _)| r.as_str()).collect();
    let split: Vec<SplitWord> = words.iter().map(|(_, w)| w.clone()).collect();
    assert_eq!(tagger.tag_with(&raw, true), tagger.tag_split(&split, true));
}

#[test]
fn a_country_joined_to_a_tagged_country_is_a_place() {
    let tagger = Tagger::builtin().unwrap();
    let words = ["الوضع", "في", "مالي", "وبوركينا", "فاسو", "والنيجر"];
    let tags: Vec<&str> =
        tagger.tag_with(&words, true).0.into_iter().map(|t| TAGS[t as usize]).collect();
    assert_eq!(tags[2], "B-LOC", "{tags:?}");
    // The adjective "financial" is no place.
    let words = ["قدمت", "دعم", "مالي", "وعسكري", "لمصر"];
    let tags: Vec<&str> =
        tagger.tag_with(&words, true).0.into_iter().map(|t| TAGS[t as usize]).collect();
    assert_eq!(tags[2], "O", "{tags:?}");
}

#[test]
fn sentences_of_a_document_share_their_names() {
    // The second sentence alone gives `فينغر` little to go on; the first names him.
    let tagger = Tagger::builtin().unwrap();
    let first = vec!["قال", "المدرب", "الفرنسي", "أرسين", "فينغر", "إن", "فريقه", "جاهز"];
    let second = vec!["وأضاف", "فينغر", "أن", "المباراة", "صعبة"];
    let run = tagger.tag_run(&[first, second.clone()], false);
    assert_eq!(TAGS[run[0].0[4] as usize], "I-PERS", "{:?}", run[0].0);
    assert_eq!(TAGS[run[1].0[1] as usize], "B-PERS", "{:?}", run[1].0);
    assert_eq!(run.len(), 2);
    assert!(run.iter().all(|(t, c)| t.len() == c.len()));
}
