//! Bytes to text: BOM, UTF-8, declared charset, detection.

use encoding_rs::{Encoding, UTF_8};

use crate::{Error, Result};

/// Decodes a file's bytes to text.
///
/// Order: byte-order mark; valid UTF-8; for HTML, a declared `charset` other than UTF-8;
/// then, if the bytes are mostly UTF-8 with a few invalid sequences, the file is damaged and
/// rejected ([`Error::InvalidUtf8`]); otherwise the encoding is detected (windows-1256 for
/// legacy Arabic pages). Binary data and empty files are rejected.
///
/// ```
/// let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("مرحبا بالعالم، هذا نص عربي قديم الترميز");
/// assert_eq!(rasd_ingest::decode(&bytes, false).unwrap(), "مرحبا بالعالم، هذا نص عربي قديم الترميز");
/// ```
pub fn decode(bytes: &[u8], html: bool) -> Result<String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .map(|s| s.into_owned())
            .ok_or(Error::Undecodable { encoding: enc.name() });
    }
    if looks_binary(bytes) {
        return Err(Error::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    if html {
        if let Some(enc) = declared_charset(bytes).filter(|e| *e != UTF_8) {
            if let Some(s) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
                return Ok(s.into_owned());
            }
        }
    }
    let (valid_multibyte, invalid, first_invalid) = utf8_stats(bytes);
    if valid_multibyte > invalid {
        return Err(Error::InvalidUtf8 { offset: first_invalid.unwrap_or(0) });
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|s| s.into_owned())
        .ok_or(Error::Undecodable { encoding: enc.name() })
}

/// NUL bytes or many control characters in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls =
        head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)).count();
    controls * 100 > head.len()
}

/// Counts valid multi-byte UTF-8 sequences and invalid bytes.
fn utf8_stats(mut bytes: &[u8]) -> (usize, usize, Option<usize>) {
    let (mut valid, mut invalid, mut first) = (0, 0, None);
    let mut at = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                valid += s.chars().filter(|c| !c.is_ascii()).count();
                return (valid, invalid, first);
            }
            Err(e) => {
                let good = e.valid_up_to();
                // SAFETY-free: the prefix is valid UTF-8 by construction.
                valid += std::str::from_utf8(&bytes[..good])
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                first.get_or_insert(at + good);
                let bad = e.error_len().unwrap_or(bytes.len() - good).max(1);
                invalid += 1;
                at += good + bad;
                bytes = &bytes[(good + bad).min(bytes.len())..];
                if bytes.is_empty() {
                    return (valid, invalid, first);
                }
            }
        }
    }
}

/// The encoding declared by `<meta charset>` or `http-equiv` in the first 4 KiB.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let needle = b"charset=";
    let pos = lower.windows(needle.len()).position(|w| w == needle)?;
    let rest = &lower[pos + needle.len()..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARABIC: &str = "أعلنت وزارة الخارجية المغربية اليوم عن زيارة رسمية إلى الرباط";

    #[test]
    fn utf8_passes() {
        assert_eq!(decode(ARABIC.as_bytes(), false).unwrap(), ARABIC);
    }

    #[test]
    fn windows_1256_detected_without_declaration() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(ARABIC);
        assert_eq!(decode(&bytes, false).unwrap(), ARABIC);
    }

    #[test]
    fn wrong_declared_charset_is_overridden_by_detection() {
        let html = format!(
            "<html><head><meta charset=\"utf-8\"></head><body><p>{ARABIC}</p></body></html>"
        );
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&html);
        assert!(decode(&bytes, true).unwrap().contains(ARABIC));
    }

    #[test]
    fn declared_charset_is_used() {
        let html = format!("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"></head><body>{ARABIC}</body></html>");
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&html);
        assert!(decode(&bytes, true).unwrap().contains(ARABIC));
    }

    #[test]
    fn damaged_utf8_is_rejected_with_offset() {
        let mut bytes = ARABIC.as_bytes().to_vec();
        bytes.insert(10, 0xFF);
        assert_eq!(decode(&bytes, false), Err(Error::InvalidUtf8 { offset: 10 }));
    }

    #[test]
    fn binary_and_empty() {
        assert_eq!(decode(&[0x89, b'P', b'N', b'G', 0, 0, 1], false), Err(Error::Binary));
        assert_eq!(decode(b"", false), Err(Error::Empty));
        assert_eq!(decode(b" \n\t", false), Err(Error::Empty));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in ARABIC.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes, false).unwrap(), ARABIC);
    }
}
