//! Offsets stay exact on the seed articles (read from ../shared/seeds when present).

use std::path::PathBuf;

use rasd_text::{normalize, normalize_str, split_sentences, Profile, Tokenizer};

fn seeds() -> Option<Vec<(PathBuf, String)>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).ok()? {
        let path = entry.ok()?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = std::fs::read_to_string(&path).ok()?;
            out.push((path, text));
        }
    }
    out.sort();
    Some(out)
}

#[test]
fn every_seed_token_maps_back_to_its_text() {
    let Some(seeds) = seeds() else {
        eprintln!("skipping: ../shared/seeds not found");
        return;
    };
    assert!(!seeds.is_empty());
    for (path, text) in seeds {
        let tokens = Tokenizer::default().tokenize(&text);
        assert!(tokens.len() > 100, "{}: only {} tokens", path.display(), tokens.len());
        for t in &tokens {
            let slice = t.span.slice(&text);
            assert_eq!(
                normalize_str(slice, Profile::Conservative),
                t.text,
                "{}: {t:?}",
                path.display()
            );
        }
        // Tokens in order, not overlapping; everything between them is whitespace or removed marks.
        let mut at = 0;
        for t in &tokens {
            let gap = &text[at..t.span.start];
            assert!(
                normalize_str(gap, Profile::Conservative).trim().is_empty(),
                "lost text {gap:?}"
            );
            at = t.span.end;
        }
        let n = normalize(&text, Profile::Conservative);
        let sentences = split_sentences(&n);
        assert!(sentences.len() > 5);
        for s in &sentences {
            assert!(tokens.iter().any(|t| s.span.contains(t.span)));
        }
    }
}

#[test]
fn seed_clitics_split_as_expected() {
    let Some(seeds) = seeds() else {
        eprintln!("skipping: ../shared/seeds not found");
        return;
    };
    let all: String = seeds.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n");
    let tokens = Tokenizer::default().tokenize(&all);
    let forms: Vec<&str> = tokens.iter().map(|t| t.form.as_str()).collect();
    // والتقى opens a sentence of seed 000: conjunction + verb.
    let i = forms.windows(2).position(|w| w == ["و", "التقى"]);
    assert!(i.is_some(), "و + التقى not found");
    // الرباط always appears as article + stem.
    assert!(forms.windows(2).any(|w| w == ["ال", "رباط"]));
    assert!(!forms.contains(&"الرباط"));
}
