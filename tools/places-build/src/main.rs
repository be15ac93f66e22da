//! Builds `crates/serve/data/places.tsv` (Arabic place names with coordinates, for the map),
//! `crates/events/data/city_country.tsv` (Arabic city name → Arabic country name, so that a
//! visit to a capital has the host country as a participant) and
//! `crates/actors/data/demonyms.tsv` (nationality adjective → country, from arwikicats, MIT:
//! `وزير الخارجية الأمريكي` is the US foreign minister) and `crates/actors/data/countries.tsv`
//! (every country as an actor dictionary entry, from mledoze/countries, with its Wikidata id
//! from dr5hn) and `crates/actors/data/cities.tsv` (every capital, with its country and
//! Wikidata id).
//!
//! Usage: `cargo run --release -p rasd-places-build -- [SHARED_DATA_DIR] [OUT_FILE]
//! [CITY_COUNTRY_FILE] [DEMONYMS_FILE]` (defaults: `../shared/data`,
//! `crates/serve/data/places.tsv`, `crates/events/data/city_country.tsv`,
//! `crates/actors/data/demonyms.tsv`).
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
/// Cities of at least this many people are actor dictionary entries besides the capitals.
const MAJOR_CITY: u64 = 1_000_000;

/// A city for the actor dictionary: English name, Arabic name, Wikidata id.
type City = (String, String, Option<String>);

/// Whether `q` is a Wikidata item id (`Q` and digits).
fn is_qid(q: &str) -> bool {
    q.len() > 1 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit())
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("usage: rasd-places-build [SHARED_DATA_DIR] [OUT_FILE]");
        return Ok(());
    }
    let data = PathBuf::from(args.first().map_or("../shared/data", String::as_str));
    let out = PathBuf::from(args.get(1).map_or("crates/serve/data/places.tsv", String::as_str));
    let out_cc =
        PathBuf::from(args.get(2).map_or("crates/events/data/city_country.tsv", String::as_str));
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
    // ISO code → Arabic common name, for the city → country table.
    let mut country_ar: BTreeMap<String, String> = BTreeMap::new();
    for c in &countries {
        if let (Some(code), Some(ar)) =
            (c["cca2"].as_str(), c["translations"]["ara"]["common"].as_str())
        {
            country_ar.insert(code.to_string(), ar.trim().to_string());
        }
    }
    // Wikidata ids and capitals (English) by ISO 3166 alpha-3 code, from dr5hn.
    let path = gaz.join("dr5hn-csc/countries.json");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let csc: Vec<Value> =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let mut wikidata: BTreeMap<String, String> = BTreeMap::new();
    let mut capital_en: BTreeMap<String, String> = BTreeMap::new();
    for c in &csc {
        let Some(iso3) = c["iso3"].as_str() else { continue };
        if let Some(q) = c["wikiDataId"].as_str().filter(|q| is_qid(q)) {
            wikidata.insert(iso3.to_string(), q.to_string());
        }
        if let Some(cap) = c["capital"].as_str().map(str::trim).filter(|c| !c.is_empty()) {
            capital_en.insert(iso3.to_string(), cap.to_string());
        }
    }
    // The actor dictionary's countries: id, type, English name, Arabic names, Wikidata.
    let mut country_rows: Vec<String> = Vec::new();
    for c in &countries {
        let (Some(code), Some(en)) = (c["cca3"].as_str(), c["name"]["common"].as_str()) else {
            continue;
        };
        let mut names: Vec<String> = Vec::new();
        for key in ["common", "official"] {
            if let Some(ar) = c["translations"]["ara"][key].as_str().map(str::trim) {
                if !ar.is_empty() && !ar.contains(['\t', '|']) && !names.iter().any(|n| n == ar) {
                    names.push(ar.to_string());
                }
            }
        }
        if !names.is_empty() {
            let mut row =
                format!("loc-{}\tLOC\t{}\t{}", code.to_lowercase(), en.trim(), names.join("|"));
            if let Some(q) = wikidata.get(code) {
                row.push_str(&format!("\t\twikidata={q}"));
            }
            country_rows.push(row);
        }
    }
    country_rows.sort();
    // Arabic city name → (country, rank): capitals outrank other cities of the same name.
    let mut city_country: BTreeMap<String, (String, u8)> = BTreeMap::new();
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
    let (Some(cc), Some(ty), Some(en), Some(ar), Some(la), Some(lo), Some(pop), Some(wd)) = (
        col("country_code"),
        col("type"),
        col("name_en"),
        col("name_ar"),
        col("latitude"),
        col("longitude"),
        col("population"),
        col("wikidata"),
    ) else {
        bail!("{}: unexpected header {header:?}", path.display());
    };
    // ISO alpha-2 → alpha-3, for the capitals' country ids.
    let iso3_of: BTreeMap<String, String> = countries
        .iter()
        .filter_map(|c| Some((c["cca2"].as_str()?.to_string(), c["cca3"].as_str()?.to_string())))
        .collect();
    // Capitals for the actor dictionary: alpha-3 → (English, Arabic, Wikidata).
    let mut capitals: BTreeMap<String, City> = BTreeMap::new();
    // Other cities of at least MAJOR_CITY people: (alpha-3, city).
    let mut major: Vec<(String, City)> = Vec::new();
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
        if let Some(iso3) = iso3_of.get(get(cc)) {
            let q = Some(get(wd).trim().to_string()).filter(|q| is_qid(q));
            let row = (get(en).trim().to_string(), get(ar).trim().to_string(), q);
            if capital {
                capitals.entry(iso3.clone()).or_insert_with(|| row);
            } else if population >= MAJOR_CITY {
                major.push((iso3.clone(), row));
            }
        }
        let (name, rank) = (get(ar).trim(), if capital { 2 } else { 1 });
        if let Some(country) = country_ar.get(get(cc)) {
            let better = city_country.get(name).is_none_or(|c| rank > c.1);
            if !name.is_empty() && !name.contains('\t') && name != country && better {
                city_country.insert(name.to_string(), (country.clone(), rank));
            }
        }
    }

    // Capitals of the countries dr5hn lists no cities for: English name from dr5hn's
    // countries, Arabic from arwikicats (MIT).
    let path = gaz.join("arwikicats/cities_full.json");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let en_ar: serde_json::Map<String, Value> =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    for (iso3, en) in &capital_en {
        if capitals.contains_key(iso3) {
            continue;
        }
        if let Some(ar) = en_ar.get(&en.to_lowercase()).and_then(|v| v.as_str()) {
            capitals.insert(iso3.clone(), (en.clone(), ar.trim().to_string(), None));
        }
    }
    // Those capitals are cities of their country too (واشنطن → الولايات المتحدة).
    let ar_of_iso3: BTreeMap<&str, &str> = countries
        .iter()
        .filter_map(|c| Some((c["cca3"].as_str()?, c["translations"]["ara"]["common"].as_str()?)))
        .collect();
    for (iso3, (_, ar, _)) in &capitals {
        if let Some(country) = ar_of_iso3.get(iso3.as_str()) {
            let name = ar.trim();
            if !name.is_empty() && !name.contains('\t') && name != country.trim() {
                city_country.entry(name.to_string()).or_insert((country.trim().to_string(), 2));
            }
        }
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
    let mut body = String::from(
        "# Arabic city name, Arabic country name. Built by tools/places-build from dr5hn\n\
         # countries-states-cities and mledoze/countries (ODbL-1.0; see SOURCE.txt).\n",
    );
    for (city, (country, _)) in &city_country {
        // A city named like a country (جيبوتي) is the country itself.
        if !country_ar.values().any(|c| c == city) {
            body.push_str(&format!("{city}\t{country}\n"));
        }
    }
    if let Some(dir) = out_cc.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(&out_cc, body).with_context(|| format!("writing {}", out_cc.display()))?;
    eprintln!("{} cities → {}", city_country.len(), out_cc.display());

    // Demonyms: masculine and feminine singular forms (without the article, as tokens are
    // split) → the country's Arabic name; with the spelling variant أميركي for أمريكي.
    let path = gaz.join("arwikicats/nationalities_data.json");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let nats: serde_json::Map<String, Value> =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let mut demonyms: BTreeMap<String, String> = BTreeMap::new();
    for v in nats.values() {
        let Some(country) = v["ar"].as_str().map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        for key in ["male", "female"] {
            if let Some(form) = v[key].as_str().map(str::trim).filter(|f| !f.is_empty()) {
                demonyms.entry(form.to_string()).or_insert_with(|| country.to_string());
                if form.contains("مريك") {
                    demonyms
                        .entry(form.replace("مريك", "ميرك"))
                        .or_insert_with(|| country.to_string());
                }
            }
        }
    }
    let out_dem =
        PathBuf::from(args.get(3).map_or("crates/actors/data/demonyms.tsv", String::as_str));
    let mut body = String::from(
        "# Nationality adjective (singular, without the article) → Arabic country name. Built by\n\
         # tools/places-build from arwikicats nationalities_data.json (MIT; see SOURCE.txt).\n",
    );
    for (form, country) in &demonyms {
        body.push_str(&format!("{form}\t{country}\n"));
    }
    fs::write(&out_dem, body).with_context(|| format!("writing {}", out_dem.display()))?;
    eprintln!("{} demonyms → {}", demonyms.len(), out_dem.display());

    let country_names: std::collections::BTreeSet<&str> =
        countries.iter().filter_map(|c| c["translations"]["ara"]["common"].as_str()).collect();
    let mut city_rows: Vec<String> = Vec::new();
    let mut ids: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let mut names_seen: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let all_cities = capitals.iter().chain(major.iter().map(|(k, v)| (k, v)));
    for (iso3, (en, ar, q)) in all_cities {
        let slug = rasd_actors::slug(en);
        let bad = ar.is_empty() || ar.contains(['\t', '|']) || country_names.contains(ar.as_str());
        if slug.is_empty() || bad || !ar.chars().any(|c| ('\u{0621}'..='\u{064a}').contains(&c)) {
            continue;
        }
        let id = format!("loc-city-{slug}-{}", iso3.to_lowercase());
        // One entry per id and per Arabic name (the capital, listed first, wins).
        if !ids.insert(id.clone()) || !names_seen.insert(ar.clone()) {
            continue;
        }
        let mut row = format!("{id}\tLOC\t{en}\t{ar}\t\tcountry=loc-{}", iso3.to_lowercase());
        if let Some(q) = q {
            row.push_str(&format!("\twikidata={q}"));
        }
        city_rows.push(row);
    }
    city_rows.sort();
    let out_cities = out_dem.with_file_name("cities.tsv");
    let body = format!(
        "# The actor dictionary's capitals and cities of a million people or more (id, type,\n\
         # English name, Arabic name, no roles, country, Wikidata), built by tools/places-build\n\
         # from dr5hn countries-states-cities (ODbL-1.0) and, for the countries it has no cities\n\
         # for, arwikicats (MIT); see SOURCE.txt. A city named like a country (الكويت) is left\n\
         # to the country.\n{}\n",
        city_rows.join("\n")
    );
    fs::write(&out_cities, body).with_context(|| format!("writing {}", out_cities.display()))?;
    eprintln!("{} capitals and major cities → {}", city_rows.len(), out_cities.display());

    let out_countries = out_dem.with_file_name("countries.tsv");
    let body = format!(
        "# The actor dictionary's countries (id, type, English name, Arabic names, no roles,\n\
         # Wikidata), built by tools/places-build from mledoze/countries and dr5hn\n\
         # countries-states-cities (ODbL-1.0; see SOURCE.txt). Entries of actors.tsv with the\n\
         # same names take precedence.\n{}\n",
        country_rows.join("\n")
    );
    fs::write(&out_countries, body)
        .with_context(|| format!("writing {}", out_countries.display()))?;
    eprintln!("{} countries → {}", country_rows.len(), out_countries.display());
    Ok(())
}
