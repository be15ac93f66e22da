//! Builds `crates/serve/data/places.tsv`: Arabic place names with coordinates, for the map.
//!
//! Usage: `cargo run --release -p rasd-places-build -- [SHARED_DATA_DIR] [OUT_FILE]`
//! (defaults: `../shared/data` and `crates/serve/data/places.tsv`).
//!
//! Rows: `arabic name <TAB> latitude <TAB> longitude <TAB> English name`, from
//! - mledoze/countries: every country's Arabic common and official names at its centroid;
//! - dr5hn countries-states-cities: capitals, and cities of at least `MIN_POPULATION`.
//!
//! Both sources are ODbL-1.0; the output keeps its attribution in `data/SOURCE.txt`. The
//! output is sorted and deterministic.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use serde_json::Value;

const MIN_POPULATION: u64 = 150_000;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("usage: rasd-places-build [SHARED_DATA_DIR] [OUT_FILE]");
        return Ok(());
    }
    let data = PathBuf::from(args.first().map_or("../shared/data", String::as_str));
    let out = PathBuf::from(args.get(1).map_or("crates/serve/data/places.tsv", String::as_str));
    let gaz = data.join("gazetteers");
    if !gaz.is_dir() {
        bail!("{} has no gazetteers/ folder", data.display());
    }
    // name → (lat, lon, english, rank): countries outrank cities of the same name.
    let mut places: BTreeMap<String, (f64, f64, String, u8)> = BTreeMap::new();
    let mut add = |name: &str, lat: f64, lon: f64, en: &str, rank: u8| {
        let name = name.trim();
        if name.is_empty() || name.contains('\t') || !lat.is_finite() || !lon.is_finite() {
            return;
        }
        let better = places.get(name).is_none_or(|p| rank > p.3);
        if better {
            places.insert(name.to_string(), (lat, lon, en.trim().to_string(), rank));
        }
    };

    let path = gaz.join("mledoze-countries/countries.json");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let countries: Vec<Value> =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    for c in &countries {
        let (Some(lat), Some(lon)) = (c["latlng"][0].as_f64(), c["latlng"][1].as_f64()) else {
            continue;
        };
        let en = c["name"]["common"].as_str().unwrap_or_default();
        for key in ["common", "official"] {
            if let Some(ar) = c["translations"]["ara"][key].as_str() {
                add(ar, lat, lon, en, 3);
            }
        }
    }

    let path = gaz.join("dr5hn-csc/cities_ar.tsv");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (Some(ty), Some(en), Some(ar), Some(la), Some(lo), Some(pop)) = (
        col("type"),
        col("name_en"),
        col("name_ar"),
        col("latitude"),
        col("longitude"),
        col("population"),
    ) else {
        bail!("{}: unexpected header {header:?}", path.display());
    };
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let get = |i: usize| f.get(i).copied().unwrap_or_default();
        let population: u64 = get(pop).parse().unwrap_or(0);
        let capital = get(ty) == "capital";
        if !capital && population < MIN_POPULATION {
            continue;
        }
        let (Ok(lat), Ok(lon)) = (get(la).parse::<f64>(), get(lo).parse::<f64>()) else {
            continue;
        };
        add(get(ar), lat, lon, get(en), if capital { 2 } else { 1 });
    }

    let mut body = String::from(
        "# Arabic place name, latitude, longitude, English name. Built by tools/places-build\n\
         # from mledoze/countries and dr5hn countries-states-cities (ODbL-1.0; see SOURCE.txt).\n",
    );
    for (name, (lat, lon, en, _)) in &places {
        body.push_str(&format!("{name}\t{lat:.4}\t{lon:.4}\t{en}\n"));
    }
    if let Some(dir) = out.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(&out, body).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("{} places → {}", places.len(), out.display());
    Ok(())
}
