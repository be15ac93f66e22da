//! Merging event mentions that describe the same happening, within and across documents.

use super::*;

/// A participant, place or other entity reference in a merged event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    /// Canonical entity id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `PER`, `ORG`, `LOC`.
    #[serde(rename = "type")]
    pub etype: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Latin-script name.
    pub en: String,
    /// `participant` (CONSULT), `source` or `target`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// Evidence for an event: where a document states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Document id.
    pub document: String,
    /// The sentence.
    pub sentence: String,
    /// Start byte of the sentence in the document's original text.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// The rule that fired.
    pub rule: String,
}

/// An event merged across mentions and documents (the SPEC's output contract).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// Stable id.
    pub id: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub etype: String,
    /// CONSULT mode.
    pub mode: Option<String>,
    /// Participants.
    pub participants: Vec<EntityRef>,
    /// Place.
    pub location: Option<EntityRef>,
    /// The most precise date the sources agree on.
    pub date: Option<String>,
    /// Documents that report it.
    pub documents: Vec<String>,
    /// Sentences that state it.
    pub evidence: Vec<Evidence>,
}

/// An event mention with its participants and place resolved to canonical entities.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// Document id.
    pub document: String,
    /// The mention.
    pub mention: EventMention,
    /// Canonical participants.
    pub participants: Vec<EntityRef>,
    /// Canonical place.
    pub location: Option<EntityRef>,
    /// The evidence sentence.
    pub sentence: String,
    /// The document's publication date, if known: an undated report is matched only with
    /// events shortly before it.
    pub published: Option<String>,
}

/// Whether `place` is `area` or a city of it (`الرباط` in `المغرب`), by the city table.
pub(crate) fn within(place: &EntityRef, area: &EntityRef) -> bool {
    if place.id == area.id {
        return true;
    }
    if area.etype != "LOC" {
        return false;
    }
    let countries = city_country();
    let area_names: HashSet<String> =
        std::iter::once(&area.name).chain(&area.aliases).map(|n| search_key(n)).collect();
    std::iter::once(&place.name)
        .chain(&place.aliases)
        .filter_map(|n| countries.get(&search_key(n)))
        .any(|c| area_names.contains(&search_key(c)))
}

/// Merges event mentions that describe the same happening: same type, most participants in
/// common (at least half of the two sets' union) or all of the mention's participants in
/// the event, compatible dates and places. A CONSULT left with one participant is dropped.
///
/// A year-less date (`XXXX-02-22`, from an undated document) takes the year of the latest
/// date its document reports (a document is published after what it reports), found by a
/// first merge, and the evidence's rule says so; where the document reports no date, it stays
/// unknown.
pub fn merge(mut items: Vec<Resolved>) -> Vec<Event> {
    if items.iter().any(|r| r.mention.date.as_deref().is_some_and(is_yearless)) {
        let mut latest: HashMap<String, String> = HashMap::new();
        for (e, _) in group(items.clone()) {
            let Some(date) = e.date else { continue };
            for d in e.documents {
                let l = latest.entry(d).or_default();
                if date > *l {
                    *l = date.clone();
                }
            }
        }
        for r in &mut items {
            let Some(date) = r.mention.date.as_deref().filter(|d| is_yearless(d)) else {
                continue;
            };
            if let Some(l) = latest.get(&r.document).and_then(|l| l.get(..4)) {
                let note = format!(
                    "; year: the undated document's latest reported date ({})",
                    latest[&r.document]
                );
                r.mention.date = Some(format!("{l}{}", &date[4..]));
                r.mention.rule.push_str(&note);
            }
        }
    }
    // A meeting needs two parties: a CONSULT mention whose other party was not found (or
    // not resolved) stays evidence only if it joined a fuller report of the same meeting.
    let mut out: Vec<Event> = group(items)
        .into_iter()
        .map(|(e, _)| e)
        .filter(|e| e.etype != "CONSULT" || parties(e) >= 2)
        .collect();
    // Dated events in date order, then the undated ones.
    out.sort_by(|a, b| {
        (a.date.is_none(), &a.date)
            .cmp(&(b.date.is_none(), &b.date))
            .then_with(|| a.evidence[0].document.cmp(&b.evidence[0].document))
    });
    for (i, e) in out.iter_mut().enumerate() {
        e.id = format!(
            "{}-{}-{}",
            e.etype.to_lowercase(),
            e.date.as_deref().unwrap_or("undated"),
            i + 1
        );
    }
    out
}

/// How many parties an event has: a place among the participants that lies within another
/// participant (`القدس` beside `إسرائيل`) is not a party of its own.
pub(crate) fn parties(e: &Event) -> usize {
    e.participants
        .iter()
        .enumerate()
        .filter(|&(i, p)| {
            p.etype != "LOC"
                || !e
                    .participants
                    .iter()
                    .enumerate()
                    .any(|(j, q)| j != i && within(p, q) && (p.id != q.id))
        })
        .count()
}

/// The merge itself: each event with its participant ids, before CONSULTs with one party are
/// dropped. Year-less dates count as unknown.
pub(crate) fn group(mut items: Vec<Resolved>) -> Vec<(Event, BTreeSet<String>)> {
    items.sort_by_key(|r| std::cmp::Reverse(r.participants.len()));
    let published: HashMap<String, String> =
        items.iter().filter_map(|r| Some((r.document.clone(), r.published.clone()?))).collect();
    let mut events: Vec<(Event, BTreeSet<String>)> = Vec::new();
    // (type, participant id) → events with that participant, in creation order: a match
    // shares at least one participant, so only these are candidates.
    let mut by_participant: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for r in items {
        let ids: BTreeSet<String> = r.participants.iter().map(|p| p.id.clone()).collect();
        let date = r.mention.date.clone().filter(|d| !is_yearless(d));
        let mut candidates: Vec<usize> = ids
            .iter()
            .filter_map(|id| by_participant.get(&(r.mention.etype.clone(), id.clone())))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let report = Facts {
            etype: &r.mention.etype,
            participants: &r.participants,
            ids: &ids,
            location: r.location.as_ref(),
            date: date.as_deref(),
            published: r.published.as_deref(),
        };
        let target = candidates
            .into_iter()
            .find(|&i| same_happening(&facts(&events[i], &published), &report));
        let evidence = Evidence {
            document: r.document.clone(),
            sentence: r.sentence.clone(),
            start: r.mention.sentence.start,
            end: r.mention.sentence.end,
            rule: r.mention.rule.clone(),
        };
        let index = target.unwrap_or(events.len());
        for id in &ids {
            let list = by_participant.entry((r.mention.etype.clone(), id.clone())).or_default();
            if list.last() != Some(&index) {
                list.push(index);
            }
        }
        let e = Event {
            id: String::new(),
            etype: r.mention.etype.clone(),
            mode: r.mention.mode.clone(),
            participants: r.participants,
            location: r.location,
            date,
            documents: vec![r.document.clone()],
            evidence: vec![evidence],
        };
        match target {
            Some(i) => absorb(&mut events[i], (e, ids)),
            None => events.push((e, ids)),
        }
    }
    // A second look at reports that stayed alone: the event they belong to may have got its
    // place from a later, smaller report (the meeting's `في الرباط` came after the headline
    // `زيارة … للمغرب` was compared with it).
    let mut i = events.len();
    while i > 0 {
        i -= 1;
        if events[i].0.evidence.len() != 1 {
            continue;
        }
        let found = (0..events.len()).find(|&j| {
            j != i
                && events[j].1.len() >= events[i].1.len()
                && same_happening(&facts(&events[j], &published), &facts(&events[i], &published))
        });
        if let Some(j) = found {
            let alone = events.remove(i);
            let j = if j > i { j - 1 } else { j };
            absorb(&mut events[j], alone);
        }
    }
    events
}

/// What the merge compares of an event so far or of one report of it.
pub(crate) struct Facts<'a> {
    etype: &'a str,
    participants: &'a [EntityRef],
    ids: &'a BTreeSet<String>,
    location: Option<&'a EntityRef>,
    date: Option<&'a str>,
    /// The earliest publication date of the documents reporting it.
    published: Option<&'a str>,
}

pub(crate) fn facts<'a>(
    event: &'a (Event, BTreeSet<String>),
    published: &'a HashMap<String, String>,
) -> Facts<'a> {
    let (e, ids) = event;
    Facts {
        etype: &e.etype,
        participants: &e.participants,
        ids,
        location: e.location.as_ref(),
        date: e.date.as_deref(),
        published: e.documents.iter().filter_map(|d| published.get(d)).min().map(String::as_str),
    }
}

/// Whether a report `r` tells of the event `e`: same type, compatible dates and places, and
/// most participants in common (Jaccard ≥ ½) or all of the report's participants in the event
/// (a partial report: "مدير الـسي آي إيه التقى نظيره"), among them at least one actor that is
/// not the place itself. A shared participant alone does not make two of its meetings one,
/// and an event does not snowball: reports come largest first, so a subset joins its
/// superset instead of a small event growing by absorbing everything that shares a name.
pub(crate) fn same_happening(e: &Facts, r: &Facts) -> bool {
    if e.etype != r.etype || !dates_compatible(e.date, r.date) {
        return false;
    }
    // One date unknown: the undated side's article must be shortly after the known date.
    match (e.date, r.date) {
        (Some(d), None) if !plausibly_reported(d, r.published) => return false,
        (None, Some(d)) if !plausibly_reported(d, e.published) => return false,
        _ => {}
    }
    // Places agree when equal or one inside the other, or when one is a party of the other
    // report (a visit to واشنطن has الولايات المتحدة as host).
    let places_agree = match (e.location, r.location) {
        (Some(a), Some(b)) => {
            within(a, b) || within(b, a) || e.ids.contains(&b.id) || r.ids.contains(&a.id)
        }
        _ => true,
    };
    // The same parties on the same day are one happening even when the reports place it
    // differently (`في قرية بانمونجوم` and `في المنطقة منزوعة السلاح`).
    let same_parties_same_day = matches!((e.date, r.date), (Some(a), Some(b)) if a.len() == 10 && a == b)
        && e.ids.len() >= 2
        && e.ids == r.ids;
    if !places_agree && !same_parties_same_day {
        return false;
    }
    let is_place = |p: &EntityRef| {
        p.etype == "LOC" && [e.location, r.location].iter().flatten().any(|l| within(l, p))
    };
    // A city acting for its country (`محذرا واشنطن`) is the country's party (`الولايات
    // المتحدة`) in the other report.
    let country_key =
        |p: &EntityRef| city_country().get(&search_key(&p.name)).map(|c| search_key(c));
    let same_side = |p: &EntityRef, q: &EntityRef| {
        p.etype == "LOC"
            && q.etype == "LOC"
            && (country_key(p).is_some_and(|c| c == search_key(&q.name))
                || country_key(q).is_some_and(|c| c == search_key(&p.name)))
    };
    let shared: Vec<&EntityRef> = r
        .participants
        .iter()
        .filter(|p| {
            e.ids.contains(&p.id)
                || (e.location.map(|l| &l.id) == r.location.map(|l| &l.id)
                    && e.participants.iter().any(|q| same_side(p, q)))
        })
        .collect();
    let actors = shared.iter().filter(|p| !is_place(p)).count();
    // A country the report names as a party is the event's own place when the event
    // happened in it (`زيارة مدير سي آي إيه للمغرب` and a meeting in الرباط).
    let hosts = r
        .participants
        .iter()
        .filter(|p| !e.ids.contains(&p.id))
        .filter(|p| e.location.is_some_and(|l| within(l, p)))
        .count();
    let agreed = shared.len() + hosts;
    let union = e.ids.len() + r.ids.len() - agreed;
    // Two reports of the same two actors on the same day in the same place are one happening,
    // whatever else each names (`وصل نتانياهو إلى موسكو … لإجراء محادثات مع بوتن` and
    // `قوله لبوتن خلال اجتماع في موسكو`).
    let same_day_and_place = matches!((e.date, r.date), (Some(a), Some(b)) if a.len() == 10 && a == b)
        && e.location.is_some()
        && r.location.is_some();
    actors >= 1
        && (agreed == r.ids.len() || 2 * agreed >= union || (same_day_and_place && actors >= 2))
}

/// Adds a report (or an event that stayed alone) to an event: new participants, the place if
/// the event had none, the more precise date, the stronger CONSULT mode, its sources.
pub(crate) fn absorb(into: &mut (Event, BTreeSet<String>), from: (Event, BTreeSet<String>)) {
    let ((e, eids), (r, rids)) = (into, from);
    // The more precise place wins: a city inside the event's country (`نيويورك` over
    // `الولايات المتحدة`), or a venue over a place that is only the visited party
    // (`قصر باكنغهام` over `بريطانيا`).
    let precise = match (&e.location, &r.location) {
        (None, _) => true,
        (Some(a), Some(b)) => {
            a.id != b.id
                && (within(b, a)
                    || (eids.contains(&a.id) && !rids.contains(&b.id) && !within(a, b)))
        }
        (Some(_), None) => false,
    };
    for p in r.participants {
        if eids.insert(p.id.clone()) {
            e.participants.push(p);
        }
    }
    if precise && r.location.is_some() {
        e.location = r.location;
    }
    if r.date.as_ref().is_some_and(|d| e.date.as_ref().is_none_or(|x| d.len() > x.len())) {
        e.date = r.date;
    }
    if priority(r.mode.as_deref().unwrap_or("")) > priority(e.mode.as_deref().unwrap_or("")) {
        e.mode = r.mode;
    }
    for d in r.documents {
        if !e.documents.contains(&d) {
            e.documents.push(d);
        }
    }
    e.evidence.extend(r.evidence);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(doc: &str, ids: &[&str], date: Option<&str>) -> Resolved {
        Resolved {
            document: doc.into(),
            mention: EventMention {
                etype: "CONSULT".into(),
                mode: Some("meet".into()),
                participants: Vec::new(),
                implied: Vec::new(),
                location: None,
                date: date.map(str::to_string),
                sentence: Span::new(0, 1),
                trigger: Span::new(0, 1),
                rule: "consult:meet:test".into(),
            },
            participants: ids
                .iter()
                .map(|id| EntityRef {
                    id: id.to_string(),
                    name: id.to_string(),
                    etype: "PER".into(),
                    aliases: vec![id.to_string()],
                    en: id.to_string(),
                    role: None,
                })
                .collect(),
            location: None,
            sentence: "s".into(),
            published: None,
        }
    }

    #[test]
    fn merge_joins_partial_reports_without_snowballing() {
        // A report naming only some participants joins the fuller one, in any order.
        let events = merge(vec![
            resolved("a", &["cia"], Some("2023-04-07")),
            resolved("b", &["hammouchi", "burns", "cia"], Some("2023-04")),
        ]);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].date.as_deref(), Some("2023-04-07"));
        assert_eq!(events[0].documents.len(), 2);
        // One shared participant is not enough for two meetings of different people, and a
        // single-participant mention does not pull unrelated meetings together.
        let events = merge(vec![
            resolved("a", &["putin"], None),
            resolved("b", &["putin", "erdogan"], None),
            resolved("c", &["putin", "trump"], None),
            resolved("d", &["putin", "macron", "merkel"], None),
        ]);
        let sizes: Vec<usize> = events.iter().map(|e| e.participants.len()).collect();
        assert!(sizes.iter().all(|&n| n <= 3), "{sizes:?}");
        assert_eq!(events.len(), 3, "{events:?}");
        // Incompatible dates never merge.
        let events = merge(vec![
            resolved("a", &["x", "y"], Some("2023-03")),
            resolved("b", &["x", "y"], Some("2023-04")),
        ]);
        assert_eq!(events.len(), 2);
    }

    fn place(id: &str, name: &str) -> EntityRef {
        EntityRef {
            id: id.into(),
            name: name.into(),
            etype: "LOC".into(),
            aliases: vec![name.into()],
            en: id.into(),
            role: None,
        }
    }

    #[test]
    fn yearless_dates_take_the_year_of_the_documents_latest_report() {
        assert_eq!(yearless_date("XXXX-02-22").as_deref(), Some("XXXX-02-22"));
        assert_eq!(yearless_date("XXXX-02").as_deref(), Some("XXXX-02"));
        assert_eq!(yearless_date("2023-02-22"), None);
        assert_eq!(yearless_date("XXXX-W14"), None);
        // Document b reports a meeting that a dated document a places in April 2023, so its
        // "22 February of this year" is 2023's, and the rule says where the year came from.
        let events = merge(vec![
            resolved("a", &["hammouchi", "burns"], Some("2023-04-07")),
            resolved("b", &["hammouchi", "burns"], None),
            resolved("b", &["hammouchi", "wray"], Some("XXXX-02-22")),
        ]);
        let wray = events.iter().find(|e| e.participants.iter().any(|p| p.id == "wray"));
        let wray = wray.expect("the Wray meeting");
        assert_eq!(wray.date.as_deref(), Some("2023-02-22"));
        assert!(wray.evidence[0].rule.contains("2023-04-07"), "{:?}", wray.evidence[0].rule);
        // With nothing dated in its document, the year stays unknown.
        let events = merge(vec![resolved("c", &["x", "y"], Some("XXXX-02-22"))]);
        assert_eq!(events[0].date, None);
    }

    #[test]
    fn a_visit_to_a_country_is_the_meeting_in_its_capital() {
        let rabat = place("rabat", "الرباط");
        let morocco = place("morocco", "المغرب");
        let mut meeting = resolved("a", &["hammouchi", "burns", "cia"], Some("2023-04-07"));
        // The place comes from a smaller report, after the headline was first compared.
        let mut place_report = resolved("a", &["hammouchi", "burns"], None);
        place_report.location = Some(rabat.clone());
        let mut headline = resolved("a", &["cia"], None);
        headline.participants.push(morocco.clone());
        headline.location = Some(morocco.clone());
        meeting.location = None;
        let events = merge(vec![meeting, headline, place_report]);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].location.as_ref().map(|l| l.id.as_str()), Some("rabat"));
        // Two visits to one country by different people stay two, and a "meeting" of a
        // city and its country is no meeting.
        let mut a = resolved("a", &["sherman"], Some("2022-03"));
        a.participants.extend([rabat.clone(), morocco.clone()]);
        a.location = Some(rabat.clone());
        let mut b = resolved("b", &["congress"], Some("2022-03"));
        b.participants.extend([rabat.clone(), morocco.clone()]);
        b.location = Some(rabat.clone());
        let mut c = resolved("c", &[], Some("2022-03"));
        c.participants.extend([rabat.clone(), morocco]);
        c.location = Some(rabat);
        let events = merge(vec![a, b, c]);
        assert_eq!(events.len(), 2, "{events:?}");
    }

    #[test]
    fn the_more_precise_place_wins() {
        let rabat = place("rabat", "الرباط");
        let morocco = place("morocco", "المغرب");
        let palace = place("palace", "القصر الملكي");
        // A visit to the country, then a report placing the meeting in its capital.
        let mut visit = resolved("a", &["burns", "hammouchi"], Some("2023-04-07"));
        visit.participants.push(morocco.clone());
        visit.location = Some(morocco.clone());
        let mut meeting = resolved("a", &["burns", "hammouchi"], Some("2023-04-07"));
        meeting.location = Some(rabat.clone());
        let events = merge(vec![visit.clone(), meeting.clone()]);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].location.as_ref().map(|l| l.id.as_str()), Some("rabat"));
        // A venue named by a report is more precise than the visited party (places that
        // agree because the report also names the country as a party).
        let mut venue = resolved("a", &["burns", "hammouchi"], Some("2023-04-07"));
        venue.participants.push(morocco.clone());
        venue.location = Some(palace);
        let events = merge(vec![visit, venue]);
        assert_eq!(events[0].location.as_ref().map(|l| l.id.as_str()), Some("palace"));
        // The country does not replace its city.
        let mut country = resolved("a", &["burns", "hammouchi"], Some("2023-04-07"));
        country.location = Some(morocco);
        let events = merge(vec![meeting, country]);
        assert_eq!(events[0].location.as_ref().map(|l| l.id.as_str()), Some("rabat"));
    }

    #[test]
    fn an_undated_report_joins_only_an_event_shortly_before_its_article() {
        let dated = resolved("a", &["trump", "putin"], Some("2018-07-16"));
        let mut soon = resolved("b", &["trump", "putin"], None);
        soon.published = Some("2018-07-20".into());
        assert_eq!(merge(vec![dated.clone(), soon]).len(), 1);
        // Months later, an undated mention of a meeting of the two is another meeting.
        let mut later = resolved("c", &["trump", "putin"], None);
        later.published = Some("2018-11-20".into());
        assert_eq!(merge(vec![dated, later]).len(), 2);
        assert!(plausibly_reported("2018-07", Some("2018-08-15")));
        assert!(!plausibly_reported("2018-07-16", Some("2018-07-01")));
        assert!(plausibly_reported("2018", None));
    }

    #[test]
    fn a_capital_acting_for_its_country_is_the_same_party() {
        let mut a = resolved("a", &["rouhani"], None);
        a.participants.push(place("usa", "الولايات المتحدة"));
        let mut b = resolved("a", &["rouhani"], None);
        b.participants.push(place("washington", "واشنطن"));
        assert_eq!(merge(vec![a.clone(), b]).len(), 1);
        let mut c = resolved("a", &["rouhani"], None);
        c.participants.push(place("paris", "باريس"));
        assert_eq!(merge(vec![a.clone(), c]).len(), 2);
        // Also when both reports are placed in the same city; not when placed apart.
        let vienna = place("vienna", "فيينا");
        let (mut a2, mut b2) = (a.clone(), resolved("a", &["rouhani"], None));
        b2.participants.push(place("washington", "واشنطن"));
        a2.location = Some(vienna.clone());
        b2.location = Some(vienna);
        assert_eq!(merge(vec![a2.clone(), b2.clone()]).len(), 1);
        b2.location = Some(place("geneva", "جنيف"));
        assert_eq!(merge(vec![a2, b2]).len(), 2);
    }

    #[test]
    fn the_same_two_actors_on_the_same_day_in_the_same_place_are_one_meeting() {
        let moscow = place("moscow", "موسكو");
        let mut a = resolved("a", &["netanyahu", "putin", "assad"], Some("2018-07-11"));
        a.location = Some(moscow.clone());
        let mut b =
            resolved("a", &["netanyahu", "putin", "khamenei", "velayati"], Some("2018-07-11"));
        b.location = Some(moscow.clone());
        assert_eq!(merge(vec![a.clone(), b.clone()]).len(), 1);
        // Another day, or no place known: two.
        b.mention.date = Some("2018-07-12".into());
        b.location = Some(moscow);
        let mut c = b.clone();
        c.mention.date = Some("2018-07-11".into());
        c.location = None;
        assert_eq!(merge(vec![a.clone(), c]).len(), 2);
    }

    #[test]
    fn the_same_parties_on_the_same_day_are_one_meeting_wherever_placed() {
        let mut a = resolved("a", &["moon", "kim"], Some("2018-05-26"));
        a.location = Some(place("panmunjom", "بانمونجوم"));
        let mut b = resolved("a", &["moon", "kim"], Some("2018-05-26"));
        b.location = Some(place("dmz", "المنطقة منزوعة السلاح"));
        assert_eq!(merge(vec![a.clone(), b.clone()]).len(), 1);
        // Not with another party, nor on a day known only by its month.
        let mut c = b.clone();
        c.participants.push(resolved("a", &["trump"], None).participants[0].clone());
        assert_eq!(merge(vec![a.clone(), c]).len(), 2);
        let (mut a2, mut b2) = (a, b);
        a2.mention.date = Some("2018-05".into());
        b2.mention.date = Some("2018-05".into());
        assert_eq!(merge(vec![a2, b2]).len(), 2);
    }
}
