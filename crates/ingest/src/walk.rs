//! Finding input files and deciding their kind.

use std::path::{Path, PathBuf};

use crate::{Error, Skipped};

/// The kind of an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Plain text (`.txt`, or unknown extensions that sniff as text).
    Text,
    /// HTML (`.html`, `.htm`, `.xhtml`).
    Html,
    /// JSON Lines (`.jsonl`, `.ndjson`).
    Jsonl,
    /// RSS or Atom (`.rss`, `.atom`, `.xml`).
    Feed,
}

impl Kind {
    /// The kind for a path, from its extension, or by sniffing the first bytes.
    pub fn of(path: &Path) -> Kind {
        let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("txt" | "text" | "md") => Kind::Text,
            Some("html" | "htm" | "xhtml") => Kind::Html,
            Some("jsonl" | "ndjson") => Kind::Jsonl,
            Some("rss" | "atom" | "xml") => Kind::Feed,
            _ => sniff(path),
        }
    }
}

fn sniff(path: &Path) -> Kind {
    use std::io::Read;
    let mut head = [0u8; 512];
    let n = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    let head = String::from_utf8_lossy(&head[..n]).to_ascii_lowercase();
    let head = head.trim_start();
    if head.starts_with("<?xml") && (head.contains("<rss") || head.contains("<feed"))
        || head.starts_with("<rss")
        || head.starts_with("<feed")
    {
        Kind::Feed
    } else if head.starts_with("<!doctype html") || head.starts_with("<html") {
        Kind::Html
    } else if head.starts_with('{') {
        Kind::Jsonl
    } else {
        Kind::Text
    }
}

/// Expands paths (files and folders, recursively) into a sorted list of files.
///
/// Hidden files and folders (names starting with `.`) inside folders are ignored; a path
/// that does not exist is reported as skipped.
pub fn walk(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        if path.is_file() {
            files.push(path.clone());
            continue;
        }
        if !path.exists() {
            skipped.push(Skipped {
                origin: path.display().to_string(),
                error: Error::Io("no such file or folder".into()),
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                Ok(_) => {}
                Err(e) => skipped.push(Skipped {
                    origin: e
                        .path()
                        .map_or_else(|| path.display().to_string(), |p| p.display().to_string()),
                    error: Error::Io(e.to_string()),
                }),
            }
        }
    }
    (files, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_skipping_hidden_and_reports_missing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        for f in ["b.txt", "a.html", "sub/c.jsonl", ".hidden.txt", ".git/x.txt"] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        let (files, skipped) = walk(&[dir.path().to_path_buf(), dir.path().join("missing")]);
        let names: Vec<String> = files
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.html", "b.txt", "sub/c.jsonl"]);
        assert_eq!(skipped.len(), 1);
        assert!(skipped[0].to_string().contains("no such file"));
    }

    #[test]
    fn kinds() {
        assert_eq!(Kind::of(Path::new("a.HTM")), Kind::Html);
        assert_eq!(Kind::of(Path::new("a.ndjson")), Kind::Jsonl);
        assert_eq!(Kind::of(Path::new("a.rss")), Kind::Feed);
        assert_eq!(Kind::of(Path::new("a.txt")), Kind::Text);
    }
}
