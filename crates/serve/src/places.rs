//! Coordinates of places for the map, from `data/places.tsv` (see `data/SOURCE.txt`).

use std::collections::HashMap;
use std::sync::OnceLock;

use rasd_actors::name_key;

const PLACES: &str = include_str!("../data/places.tsv");

fn table() -> &'static HashMap<String, (f64, f64)> {
    static T: OnceLock<HashMap<String, (f64, f64)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut map = HashMap::new();
        for line in PLACES.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(name), Some(lat), Some(lon)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            if let (Ok(lat), Ok(lon)) = (lat.parse(), lon.parse()) {
                map.entry(name_key(name)).or_insert((lat, lon));
            }
        }
        map
    })
}

/// Latitude and longitude of a place known by `name` or one of its `aliases`.
pub fn locate(name: &str, aliases: &[String]) -> Option<(f64, f64)> {
    let t = table();
    std::iter::once(name)
        .chain(aliases.iter().map(String::as_str))
        .find_map(|n| t.get(&name_key(n)).copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_and_countries_with_spelling_variants() {
        let (lat, lon) = locate("الرباط", &[]).expect("Rabat");
        assert!((lat - 34.0).abs() < 0.5 && (lon + 6.8).abs() < 0.5);
        assert!(locate("المغرب", &[]).is_some());
        assert!(locate("القاهرة", &[]).is_some());
        assert!(locate("مكان لا يوجد", &["ولا هذا".to_string()]).is_none());
        // An alias can place an entity whose display name is not in the table.
        assert!(locate("عاصمة ما", &["بيروت".to_string()]).is_some());
    }
}
