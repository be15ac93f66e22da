//! The seed articles' temporal expressions (issue 4's acceptance list); skipped when
//! ../shared/seeds is absent.

use chrono::NaiveDate;
use rasd_time::TimeTagger;

fn seed(name: &str) -> Option<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds").join(name);
    std::fs::read_to_string(path).ok()
}

fn value_of<'a>(found: &'a [rasd_doc::TimeExpr], text: &str) -> (Option<&'a str>, Option<&'a str>) {
    let t = found.iter().find(|t| t.text == text).unwrap_or_else(|| {
        panic!("{text:?} not found; found: {:?}", found.iter().map(|t| &t.text).collect::<Vec<_>>())
    });
    (t.value.as_deref(), t.modifier.as_deref())
}

#[test]
fn seed_000() {
    let Some(text) = seed("000_df84308e761e6fb0.txt") else {
        eprintln!("skipping: seeds not found");
        return;
    };
    let (dct, found) = TimeTagger::default().tag(&text, None);
    let dct = dct.expect("DCT inferred");
    assert_eq!(dct.date, "2023-04-09");
    assert!(dct.source.starts_with("inferred"), "{}", dct.source);
    assert_eq!(value_of(&found, "أول من أمس الجمعة 7 إبريل 2023"), (Some("2023-04-07"), None));
    assert_eq!(value_of(&found, "يومي 13 و14 يونيو 2022"), (Some("2022-06-13/2022-06-14"), None));
    assert_eq!(value_of(&found, "الشهر الماضي"), (Some("2023-03"), None));
    assert_eq!(value_of(&found, "مطلع العام الحالي"), (Some("2023"), Some("EARLY")));
    assert_eq!(value_of(&found, "مارس 2022"), (Some("2022-03"), None));
    assert_eq!(value_of(&found, "مايو من ذات العام"), (Some("2022-05"), None));
    for t in &found {
        assert_eq!(&text[t.span.start..t.span.end], t.text);
    }
}

#[test]
fn seed_004_with_given_dct() {
    let Some(text) = seed("004_74c23dcf626b65ae.txt") else {
        eprintln!("skipping: seeds not found");
        return;
    };
    let tagger = TimeTagger::default();
    let (dct, _) = tagger.tag(&text, None);
    assert!(dct.is_none(), "nothing in 004 pins its date: {dct:?}");
    let found = tagger.find(&text, NaiveDate::from_ymd_opt(2023, 4, 12));
    assert_eq!(value_of(&found, "22 فبراير من السنة الجارية"), (Some("2023-02-22"), None));
    assert_eq!(value_of(&found, "أواخر التسعينيات"), (Some("199X"), Some("LATE")));
    assert_eq!(value_of(&found, "شهر يونيو 2022"), (Some("2022-06"), None));
    // أفريل هاينز is a person, not April.
    assert!(found.iter().all(|t| !t.text.contains("أفريل")), "{found:?}");
}
