//! Arbitrary input never panics; every expression's span lies inside the text and is its text.

use chrono::NaiveDate;
use proptest::prelude::*;
use rasd_time::TimeTagger;

fn temporal_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "في",
        "من",
        "إلى",
        "و",
        "يوم",
        "يومي",
        "الجمعة",
        "الاثنين",
        "أمس",
        "أول",
        "من أمس",
        "اليوم",
        "غدا",
        "7",
        "13",
        "31",
        "32",
        "2023",
        "1444",
        "هـ",
        "م",
        "إبريل",
        "نيسان",
        "كانون",
        "الثاني",
        "أفريل",
        "رمضان",
        "ربيع",
        "الأول",
        "الماضي",
        "المقبل",
        "الجارية",
        "السنة",
        "العام",
        "الشهر",
        "ذات",
        "نفسه",
        "التالي",
        "مطلع",
        "أواخر",
        "التسعينيات",
        "القرن",
        "الحادي",
        "والعشرين",
        "قبل",
        "منذ",
        "بعد",
        "يومين",
        "أيام",
        "ثلاثة",
        "صيف",
        "مساء",
        "الساعة",
        "10.30",
        "7/4/2023",
        "2023-02-30",
        "،",
        "-",
        " ",
        "\n",
        "\u{064E}",
        "ـ",
        "٧",
        "x",
    ]);
    prop::collection::vec(pieces, 0..30).prop_map(|v| v.join(" "))
}

fn check(text: &str, dct: Option<NaiveDate>) {
    let tagger = TimeTagger::default();
    for t in tagger.find(text, dct).into_iter().chain(tagger.tag(text, None).1) {
        assert!(t.span.start < t.span.end && t.span.end <= text.len(), "{t:?}");
        assert_eq!(text.get(t.span.start..t.span.end), Some(t.text.as_str()));
        assert!(["none", "dct", "previous"].contains(&t.anchor.as_str()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text(text in any::<String>()) {
        check(&text, NaiveDate::from_ymd_opt(2023, 4, 9));
    }

    #[test]
    fn temporal_word_salad(text in temporal_like(), days in 0i64..40000) {
        let dct = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days(days);
        check(&text, Some(dct));
        check(&text, None);
    }
}
