//! The subcommands.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use rasd::ingest::{self, Reporter, Settings, Summary};
use rasd_ingest::{parse_date, Options, Skipped};
use rasd_pipeline::Pipeline;
use rasd_store::{DocumentStore, Query, SqliteStore, WriteOutcome};

use crate::args::{
    ActorsCommand, Cli, Command, DocsArgs, EntitiesArgs, EntityArgs, EventsArgs, IngestArgs,
    NerArgs, NerCommand, RolesArgs, SearchArgs, ServeArgs, ShowArgs, TimeArgs,
};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(path) = &cli.actors {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read actor dictionary {}", path.display()))?;
        match rasd_actors::check_actors(&text) {
            Ok(entries) => {
                rasd_actors::set_user_actors(entries);
            }
            Err(bad) => {
                for b in &bad {
                    eprintln!("{}:{}", path.display(), b);
                }
                bail!("{}: {} malformed line(s); nothing was done", path.display(), bad.len());
            }
        }
    }
    match cli.command {
        Command::Ingest(a) => ingest(&cli.db, a),
        Command::Docs(a) => docs(&cli.db, a),
        Command::Show(a) => show(&cli.db, a),
        Command::Search(a) => search(&cli.db, a),
        Command::Time(a) => time(a),
        Command::Ner(a) => ner(a),
        Command::Entities(a) => entities(&cli.db, a),
        Command::Events(a) => events(&cli.db, a),
        Command::Timeline(a) => events(&cli.db, EventsArgs { json: false, ..a }),
        Command::Explain { id } => explain(&cli.db, &id),
        Command::Serve(a) => serve(&cli.db, a),
        Command::Roles(a) => roles(&cli.db, a),
        Command::Entity(a) => entity(&cli.db, a),
        Command::Actors(a) => actors(a),
    }
}

fn ingest(db: &std::path::Path, a: IngestArgs) -> Result<ExitCode> {
    let published =
        match &a.published {
            Some(p) => Some(parse_date(p).with_context(|| {
                format!("invalid --published {p:?}: use YYYY-MM-DD or ISO 8601")
            })?),
            None => None,
        };
    let max_bytes = parse_size(&a.max_size)?;
    let settings = Settings {
        options: Options { max_bytes, published, source: a.source.clone() },
        jobs: a.jobs,
        batch_size: a.batch_size,
    };
    let mut store = SqliteStore::open(db).context("cannot open the database")?;
    let mut reporter = Console::new(a.verbose);
    let summary = ingest::run(&a.paths, &mut store, &settings, &mut reporter)?;
    reporter.finish();
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(out, "{}", serde_json::to_string(&summary)?)?;
    } else {
        writeln!(
            out,
            "{} new, {} updated, {} unchanged, {} skipped ({} files in {:.1} s) → {}",
            summary.new,
            summary.updated,
            summary.unchanged,
            summary.skipped,
            summary.files,
            summary.seconds,
            db.display()
        )?;
    }
    Ok(if summary.skipped > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Parses sizes such as `20MB`, `500k`, `1GiB`, `1048576`.
fn parse_size(s: &str) -> Result<u64> {
    let t = s.trim().to_ascii_lowercase();
    let split = t.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 =
        num.parse().with_context(|| format!("invalid size {s:?}: use e.g. 20MB, 500KB, 1GB"))?;
    let mult: u64 = match unit.trim() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        u => bail!("invalid size unit {u:?} in {s:?}: use B, KB, MB or GB"),
    };
    Ok((n * mult as f64) as u64)
}

/// Progress bar on a terminal, plain log lines otherwise.
struct Console {
    bar: Option<ProgressBar>,
    verbose: bool,
    total: usize,
    done: usize,
    last_log: Instant,
}

impl Console {
    fn new(verbose: bool) -> Console {
        Console { bar: None, verbose, total: 0, done: 0, last_log: Instant::now() }
    }

    fn line(&self, msg: &str) {
        match &self.bar {
            Some(bar) => bar.println(msg),
            None => eprintln!("{msg}"),
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Reporter for Console {
    fn start(&mut self, files: usize) {
        self.total = files;
        if std::io::stderr().is_terminal() && files > 1 {
            let bar = ProgressBar::new(files as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} files {msg} ({eta})",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            self.bar = Some(bar);
        }
    }

    fn file_done(&mut self, s: &Summary) {
        self.done += 1;
        let msg = format!(
            "{} new, {} updated, {} unchanged, {} skipped",
            s.new, s.updated, s.unchanged, s.skipped
        );
        match &self.bar {
            Some(bar) => {
                bar.inc(1);
                bar.set_message(msg);
            }
            None if self.last_log.elapsed() >= Duration::from_secs(5) => {
                eprintln!("progress: {}/{} files; {msg}", self.done, self.total);
                self.last_log = Instant::now();
            }
            None => {}
        }
    }

    fn skipped(&mut self, skipped: &Skipped) {
        self.line(&format!("skipped: {skipped}"));
    }

    fn document(&mut self, id: &str, origin: &str, outcome: WriteOutcome) {
        if self.verbose {
            let what = match outcome {
                WriteOutcome::New => "new",
                WriteOutcome::Updated => "updated",
                WriteOutcome::Unchanged => "unchanged",
            };
            self.line(&format!("{what:<9} {id}  ({origin})"));
        }
    }
}

fn docs(db: &std::path::Path, a: DocsArgs) -> Result<ExitCode> {
    let store = SqliteStore::open_existing(db)?;
    let list = store.documents(a.limit, a.offset)?;
    let mut out = std::io::stdout().lock();
    if a.json {
        for d in &list {
            writeln!(out, "{}", serde_json::to_string(d)?)?;
        }
    } else {
        let stats = store.stats()?;
        for d in &list {
            writeln!(
                out,
                "{:<28} {:<10} {:>4} sent.  {}",
                d.id,
                d.published.as_deref().map_or("-", |p| p.get(..10).unwrap_or(p)),
                d.sentences,
                truncate(d.title.as_deref().unwrap_or("(no title)"), 70)
            )?;
        }
        writeln!(out, "{} of {} documents", list.len(), stats.documents)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn show(db: &std::path::Path, a: ShowArgs) -> Result<ExitCode> {
    let store = SqliteStore::open_existing(db)?;
    let Some(doc) = store.document(&a.id)? else {
        bail!("no document with id {:?} (list them with `rasd docs`)", a.id);
    };
    // Tokens are recomputed from the stored text with the same pipeline: deterministic.
    let processed = Pipeline::default().process(doc.document.clone())?;
    let tokens = processed.doc.tokens;
    let mut out = std::io::stdout().lock();
    if a.json {
        let value = serde_json::json!({ "document": doc, "tokens": tokens });
        writeln!(out, "{}", serde_json::to_string(&value)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let d = &doc.document;
    writeln!(out, "id:         {}", d.id)?;
    for (k, v) in [
        ("title", &d.title),
        ("published", &d.published),
        ("source", &d.source),
        ("url", &d.url),
        ("author", &d.author),
    ] {
        if let Some(v) = v {
            writeln!(out, "{k:<11} {v}")?;
        }
    }
    writeln!(out, "format:     {}   origin: {}", d.format.as_str(), d.origin)?;
    writeln!(
        out,
        "version:    {}   hash: {}   ingested: {}   updated: {}",
        doc.version,
        &doc.hash[..16.min(doc.hash.len())],
        doc.ingested_at,
        doc.updated_at
    )?;
    writeln!(
        out,
        "{} characters, {} sentences, {} tokens, {} temporal expressions, {} mentions, {} event mentions",
        d.text.chars().count(),
        doc.sentences.len(),
        tokens.len(),
        doc.timexes.len(),
        doc.mentions.len(),
        doc.events.len()
    )?;
    match &doc.dct {
        Some(dct) => writeln!(out, "DCT:        {} ({})", dct.date, dct.source)?,
        None => writeln!(out, "DCT:        unknown")?,
    }
    for (i, s) in doc.sentences.iter().enumerate() {
        writeln!(out, "\n[{}] {}..{}  {}", i + 1, s.span.start, s.span.end, s.span.slice(&d.text))?;
        for m in doc.mentions.iter().filter(|m| s.span.contains(m.span)) {
            writeln!(
                out,
                "    {:<4} {}..{} «{}» ({:.2})",
                m.label, m.span.start, m.span.end, m.text, m.confidence
            )?;
        }
        for t in doc.timexes.iter().filter(|t| s.span.contains(t.span)) {
            let m = t.modifier.as_deref().map_or(String::new(), |m| format!(" {m}"));
            let v = t.value.as_deref().unwrap_or("(unresolved)");
            writeln!(
                out,
                "    date {}..{} «{}» = {v}{m} [{}]",
                t.span.start, t.span.end, t.text, t.anchor
            )?;
        }
        for e in doc.events.iter().filter(|e| s.span.contains(e.trigger)) {
            let name = |i: &usize| doc.mentions.get(*i).map_or("?", |m| m.name.as_str());
            let who: Vec<&str> = e.participants.iter().map(name).collect();
            writeln!(
                out,
                "    event {}{} «{}» {}{}{}  [{}]",
                e.etype,
                e.mode.as_deref().map_or(String::new(), |m| format!("/{m}")),
                e.trigger.slice(&d.text),
                who.join(" · "),
                e.location.as_ref().map_or(String::new(), |l| format!(" @ {}", name(l))),
                e.date.as_deref().map_or(String::new(), |d| format!(" on {d}")),
                e.rule
            )?;
        }
        if a.tokens {
            for t in tokens.iter().filter(|t| s.span.contains(t.span)) {
                let form =
                    if t.form != t.text { format!(" → {}", t.form) } else { String::new() };
                let role = format!("{:?}", t.clitic).to_lowercase();
                writeln!(
                    out,
                    "    {:>6}..{:<6} {}{}  {:?}{}",
                    t.span.start,
                    t.span.end,
                    t.text,
                    form,
                    t.kind,
                    if role == "none" { String::new() } else { format!(" {role}") }
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn search(db: &std::path::Path, a: SearchArgs) -> Result<ExitCode> {
    let query = Query::parse(&a.query.join(" "))?;
    let store = SqliteStore::open_existing(db)?;
    let hits = store.search(&query, a.limit)?;
    let mut out = std::io::stdout().lock();
    if a.json {
        for h in &hits {
            writeln!(out, "{}", serde_json::to_string(h)?)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let (on, off) =
        if std::io::stdout().is_terminal() { ("\x1b[1;33m", "\x1b[0m") } else { ("**", "**") };
    for (i, h) in hits.iter().enumerate() {
        let meta: Vec<&str> =
            [h.published.as_deref(), h.source.as_deref()].into_iter().flatten().collect();
        writeln!(
            out,
            "{}. {}  {}  [{}]",
            i + 1,
            h.id,
            h.title.as_deref().unwrap_or(""),
            meta.join(", ")
        )?;
        let mut s = String::new();
        let mut at = 0;
        for &(hs, he) in &h.highlights {
            s.push_str(&h.snippet[at..hs]);
            s.push_str(on);
            s.push_str(&h.snippet[hs..he]);
            s.push_str(off);
            at = he;
        }
        s.push_str(&h.snippet[at..]);
        writeln!(out, "   {}", s.replace('\n', " "))?;
    }
    if hits.is_empty() {
        eprintln!("no documents match");
    }
    Ok(ExitCode::SUCCESS)
}

fn time(a: TimeArgs) -> Result<ExitCode> {
    let text = match &a.file {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?,
        None => a.text.join(" "),
    };
    let dct = match &a.dct {
        Some(d) => Some(
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .with_context(|| format!("invalid --dct {d:?}: use YYYY-MM-DD"))?,
        ),
        None => None,
    };
    let tagger = rasd_time::TimeTagger::default();
    let (dct_used, found) = match dct {
        Some(d) => (
            Some(rasd_doc::Dct { date: d.to_string(), source: "given".into() }),
            tagger.find(&text, Some(d)),
        ),
        None => tagger.tag(&text, None),
    };
    let mut out = std::io::stdout().lock();
    if a.json {
        for t in &found {
            let v = serde_json::json!({
                "text": t.text, "start": t.span.start, "end": t.span.end, "value": t.value,
                "mod": t.modifier, "anchor": t.anchor, "calendar": t.calendar,
            });
            writeln!(out, "{v}")?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    match &dct_used {
        Some(d) => writeln!(out, "DCT {} ({})", d.date, d.source)?,
        None => writeln!(
            out,
            "DCT unknown: relative expressions stay unresolved (give one with --dct)"
        )?,
    }
    for t in &found {
        writeln!(
            out,
            "{:>6}..{:<6} {:<24} {}{}  [{}{}]",
            t.span.start,
            t.span.end,
            t.value.as_deref().unwrap_or("(unresolved)"),
            t.modifier.as_deref().map_or(String::new(), |m| format!("{m} ")),
            t.text,
            t.anchor,
            if t.calendar == "hijri" { ", hijri" } else { "" }
        )?;
    }
    if found.is_empty() {
        eprintln!("no temporal expressions found");
    }
    Ok(ExitCode::SUCCESS)
}

fn entities(db: &std::path::Path, a: EntitiesArgs) -> Result<ExitCode> {
    let wanted = match a.etype.as_deref().map(str::to_uppercase) {
        Some(t) if ["PER", "ORG", "LOC", "MISC"].contains(&t.as_str()) => Some(t),
        Some(t) => bail!("invalid --type {t:?}: use PER, ORG, LOC or MISC"),
        None => None,
    };
    let store = SqliteStore::open_existing(db)?;
    let mentions = store.all_mentions()?;
    let refs: Vec<rasd_actors::MentionRef> = mentions
        .iter()
        .filter(|(_, m)| m.confidence >= a.min_confidence)
        .filter(|(_, m)| match &wanted {
            Some(t) => &m.label == t,
            None => a.all || m.label != "MISC",
        })
        .map(|(doc, m)| rasd_actors::MentionRef { doc, label: &m.label, name: &m.name })
        .collect();
    let mut entities = rasd_actors::resolve(&refs);
    if a.limit > 0 {
        entities.truncate(a.limit);
    }
    let mut out = std::io::stdout().lock();
    for e in &entities {
        if a.json {
            writeln!(out, "{}", serde_json::to_string(e)?)?;
        } else {
            let others: Vec<&str> =
                e.aliases.iter().map(String::as_str).filter(|n| *n != e.name).collect();
            writeln!(
                out,
                "{:<4} {:>4}×  {}  ({})  {} doc(s){}",
                e.etype,
                e.mentions,
                e.name,
                e.en,
                e.documents.len(),
                if others.is_empty() {
                    String::new()
                } else {
                    format!("  also: {}", others.join("، "))
                }
            )?;
        }
    }
    if entities.is_empty() {
        eprintln!("no entities (ingest documents first)");
    }
    Ok(ExitCode::SUCCESS)
}

/// Resolves, merges and filters the events of the store.
fn load_events(db: &std::path::Path, a: &EventsArgs) -> Result<Vec<rasd_events::Event>> {
    let filter = rasd_analysis::EventFilter {
        actor: a.actor.clone(),
        etype: a.etype.clone(),
        mode: a.mode.clone(),
        since: a.since.clone(),
        until: a.until.clone(),
        place: a.place.clone(),
        document: a.document.clone(),
    };
    filter.validate().map_err(|e| anyhow::anyhow!("{}", e.to_string().replacen(' ', " --", 1)))?;
    let store = SqliteStore::open_existing(db)?;
    let analysis = rasd_analysis::analyse(&store)?;
    Ok(filter.apply(&analysis).into_iter().cloned().collect())
}

fn events(db: &std::path::Path, a: EventsArgs) -> Result<ExitCode> {
    let events = load_events(db, &a)?;
    let mut out = std::io::stdout().lock();
    for e in &events {
        if a.json {
            writeln!(out, "{}", serde_json::to_string(e)?)?;
            continue;
        }
        let who: Vec<String> =
            e.participants.iter().map(|p| format!("{} ({})", p.name, p.en)).collect();
        writeln!(
            out,
            "{:<10} {}/{:<12} {}{}  [{} source(s)]  {}",
            e.date.as_deref().unwrap_or("undated"),
            e.etype,
            e.mode.as_deref().unwrap_or("-"),
            who.join(" · "),
            e.location.as_ref().map_or(String::new(), |l| format!("  @ {} ({})", l.name, l.en)),
            e.evidence.len(),
            e.id
        )?;
    }
    if events.is_empty() {
        eprintln!("no events");
    } else if !a.json {
        eprintln!("(`rasd explain ID` shows an event's sentences)");
    }
    Ok(ExitCode::SUCCESS)
}

fn explain(db: &std::path::Path, id: &str) -> Result<ExitCode> {
    let args = EventsArgs::default();
    let events = load_events(db, &args)?;
    let Some(e) = events.iter().find(|e| e.id == id) else {
        bail!("no event with id {id:?} (list them with `rasd events`)");
    };
    let store = SqliteStore::open_existing(db)?;
    let tty = std::io::stdout().is_terminal();
    let (on, off) = if tty { ("\x1b[1;33m", "\x1b[0m") } else { ("**", "**") };
    let (don, doff) = if tty { ("\x1b[1;36m", "\x1b[0m") } else { ("__", "__") };
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}  {}/{}  date {}",
        e.id,
        e.etype,
        e.mode.as_deref().unwrap_or("-"),
        e.date.as_deref().unwrap_or("unknown")
    )?;
    for p in &e.participants {
        writeln!(
            out,
            "  {:<11} {} ({}) [{}]",
            p.role.as_deref().unwrap_or("participant"),
            p.name,
            p.en,
            p.id
        )?;
    }
    if let Some(l) = &e.location {
        writeln!(out, "  {:<11} {} ({}) [{}]", "place", l.name, l.en, l.id)?;
    }
    for ev in &e.evidence {
        writeln!(out, "\n{} {}..{}  (rule {})", ev.document, ev.start, ev.end, ev.rule)?;
        // Highlight the participants' names and the document's dates inside the sentence.
        let mut marks: Vec<(usize, usize, bool)> = Vec::new();
        let names = e
            .participants
            .iter()
            .chain(e.location.iter())
            .flat_map(|p| p.aliases.iter().chain(std::iter::once(&p.name)));
        for n in names {
            for (at, _) in ev.sentence.match_indices(n.as_str()) {
                marks.push((at, at + n.len(), false));
            }
        }
        if let Some(doc) = store.document(&ev.document)? {
            for t in doc.timexes.iter().filter(|t| t.span.start >= ev.start && t.span.end <= ev.end)
            {
                marks.push((t.span.start - ev.start, t.span.end - ev.start, true));
            }
        }
        marks.sort_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
        let mut line = String::new();
        let mut at = 0;
        for (s0, s1, date) in marks {
            if s0 < at || !ev.sentence.is_char_boundary(s0) || !ev.sentence.is_char_boundary(s1) {
                continue;
            }
            line.push_str(&ev.sentence[at..s0]);
            let (a, b) = if date { (don, doff) } else { (on, off) };
            line.push_str(a);
            line.push_str(&ev.sentence[s0..s1]);
            line.push_str(b);
            at = s1;
        }
        line.push_str(&ev.sentence[at..]);
        writeln!(out, "  {}", line.replace('\n', " "))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn actors(a: ActorsCommand) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let line = |a: &rasd_actors::Actor| {
        let mut l = format!("{}\t{}\t{}\t{}", a.id, a.etype, a.en, a.names.join("|"));
        let extra: Vec<String> = a
            .country
            .iter()
            .map(|c| format!("country={c}"))
            .chain(a.wikidata.iter().map(|q| format!("wikidata={q}")))
            .collect();
        if !a.roles.is_empty() || !extra.is_empty() {
            let roles: Vec<String> = a.roles.iter().map(|r| r.to_string()).collect();
            l.push('\t');
            l.push_str(&roles.join("; "));
        }
        for x in extra {
            l.push('\t');
            l.push_str(&x);
        }
        l
    };
    match a {
        ActorsCommand::List { etype, tsv } => {
            let wanted = etype.map(|t| t.to_uppercase());
            if let Some(t) = &wanted {
                if !["PER", "ORG", "LOC"].contains(&t.as_str()) {
                    bail!("invalid --type {t:?}: use PER, ORG or LOC");
                }
            }
            for x in rasd_actors::actors() {
                if wanted.as_ref().is_some_and(|t| *t != x.etype) {
                    continue;
                }
                if tsv {
                    writeln!(out, "{}", line(x))?;
                } else {
                    writeln!(
                        out,
                        "{:<28} {:<4} {:<36} {}",
                        x.id,
                        x.etype,
                        x.en,
                        x.names.join("، ")
                    )?;
                }
            }
        }
        ActorsCommand::Show { name } => {
            let q = name.join(" ");
            let key = rasd_actors::name_key(&q);
            let lower = q.to_lowercase();
            let found: Vec<&rasd_actors::Actor> = rasd_actors::actors()
                .iter()
                .filter(|x| {
                    // The English name's words contain the query's (Putin → Vladimir Putin).
                    let en = x.en.to_lowercase();
                    let en_words: Vec<&str> = en.split_whitespace().collect();
                    let q_words: Vec<&str> = lower.split_whitespace().collect();
                    x.id == lower
                        || (!q_words.is_empty()
                            && en_words.windows(q_words.len()).any(|w| w == q_words.as_slice()))
                        || x.names.iter().any(|n| rasd_actors::name_key(n) == key)
                })
                .collect();
            if found.is_empty() {
                bail!("no dictionary entry for {q:?} (see `rasd actors list`)");
            }
            for x in found {
                writeln!(out, "id:      {}\ntype:    {}\nEnglish: {}", x.id, x.etype, x.en)?;
                for n in &x.names {
                    writeln!(out, "name:    {n}")?;
                }
                for r in &x.roles {
                    writeln!(out, "role:    {r}")?;
                }
                if let Some(c) = &x.country {
                    writeln!(out, "country: {c}")?;
                }
                if let Some(q) = &x.wikidata {
                    writeln!(out, "wikidata: {q}")?;
                }
            }
        }
        ActorsCommand::Check { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            match rasd_actors::check_actors(&text) {
                Ok(entries) => {
                    writeln!(out, "{}: {} entries, all well-formed", file.display(), entries.len())?
                }
                Err(bad) => {
                    for b in &bad {
                        eprintln!("{}:{}", file.display(), b);
                    }
                    bail!("{}: {} malformed line(s)", file.display(), bad.len());
                }
            }
        }
        ActorsCommand::Add { file, id, etype, en, names, roles } => {
            let existing = match std::fs::read_to_string(&file) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
                Err(e) => return Err(e).with_context(|| format!("cannot read {}", file.display())),
            };
            let mut entry = format!("{id}\t{}\t{en}\t{}", etype.to_uppercase(), names.join("|"));
            if !roles.is_empty() {
                entry.push('\t');
                entry.push_str(&roles.join("; "));
            }
            let mut combined = existing.clone();
            if !combined.is_empty() && !combined.ends_with('\n') {
                combined.push('\n');
            }
            combined.push_str(&entry);
            combined.push('\n');
            // The new line must be well-formed and its id new: check the whole file.
            if let Err(bad) = rasd_actors::check_actors(&combined) {
                for b in &bad {
                    eprintln!("{}:{}", file.display(), b);
                }
                bail!("entry not added: {} problem(s)", bad.len());
            }
            // Write to a temporary file and rename, so the dictionary is never half-written.
            let tmp = file.with_extension("tsv.tmp");
            std::fs::write(&tmp, &combined)
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            std::fs::rename(&tmp, &file)
                .with_context(|| format!("cannot replace {}", file.display()))?;
            writeln!(out, "added {id} to {}", file.display())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn entity(db: &std::path::Path, a: EntityArgs) -> Result<ExitCode> {
    let query = a.name.join(" ");
    let store = SqliteStore::open_existing(db)?;
    let analysis = rasd_analysis::analyse(&store)?;
    let found = analysis.find_entities(&query);
    let Some(e) = found.first() else {
        bail!("no entity named {query:?} (list them with `rasd entities`)");
    };
    // Co-actors: who shares the most events with it.
    let mut co: std::collections::BTreeMap<&str, (usize, &rasd_events::EntityRef)> =
        std::collections::BTreeMap::new();
    for &i in analysis.events_of(&e.id) {
        for p in &analysis.events[i].participants {
            if p.id != e.id {
                co.entry(p.id.as_str()).or_insert((0, p)).0 += 1;
            }
        }
    }
    let mut co: Vec<(usize, &rasd_events::EntityRef)> = co.into_values().collect();
    co.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.id.cmp(&y.1.id)));
    let roles = analysis.roles_of(&e.id);
    // Offices the actor dictionary gives it (people.tsv), and role phrases of other
    // documents resolved to it through the role table.
    let listed: &[rasd_actors::ActorRole] =
        rasd_actors::actors().iter().find(|x| x.id == e.id).map_or(&[], |x| x.roles.as_slice());
    let called: Vec<&rasd_analysis::ResolvedRole> =
        analysis.resolved_roles.iter().filter(|r| r.holder == e.id).collect();
    let mut out = std::io::stdout().lock();
    if a.json {
        let value = serde_json::json!({
            "id": e.id, "type": e.etype, "name": e.name, "aliases": e.aliases, "en": e.en,
            "mentions": e.mentions, "documents": e.documents, "roles": roles,
            "dictionary_roles": listed, "resolved_roles": called,
            "events": analysis.events_of(&e.id).len(),
            "co_actors": co.iter().take(20).map(|(n, p)| serde_json::json!({"id": p.id, "name": p.name, "en": p.en, "events": n})).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", serde_json::to_string(&value)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{}  ({})  [{}] {}", e.name, e.en, e.id, e.etype)?;
    let others: Vec<&str> = e.aliases.iter().map(String::as_str).filter(|n| *n != e.name).collect();
    if !others.is_empty() {
        writeln!(out, "also:       {}", others.join("، "))?;
    }
    writeln!(
        out,
        "{} mention(s) in {} document(s), {} event(s)",
        e.mentions,
        e.documents.len(),
        analysis.events_of(&e.id).len()
    )?;
    for r in &roles {
        let when = match (&r.first, &r.last) {
            (Some(f), Some(l)) if f != l => format!("{f} … {l}"),
            (Some(f), _) => f.clone(),
            _ => "undated".into(),
        };
        writeln!(out, "office:     {}  ({when})", r.role)?;
    }
    for r in listed {
        let (from, to) = (r.from.as_deref().unwrap_or("?"), r.to.as_deref().unwrap_or("now"));
        writeln!(out, "office:     {}  ({from} … {to}, actor dictionary)", r.title)?;
    }
    for r in called.iter().take(10) {
        writeln!(out, "called:     {}  (in {}, through the role table)", r.text, r.document)?;
    }
    for (n, p) in co.iter().take(10) {
        writeln!(out, "with:       {} ({})  {n} event(s)", p.name, p.en)?;
    }
    for d in e.documents.iter().take(20) {
        writeln!(out, "document:   {d}")?;
    }
    if found.len() > 1 {
        let more: Vec<String> =
            found[1..].iter().take(5).map(|x| format!("{} [{}]", x.name, x.id)).collect();
        eprintln!("(also matching: {})", more.join(", "));
    }
    Ok(ExitCode::SUCCESS)
}

fn roles(db: &std::path::Path, a: RolesArgs) -> Result<ExitCode> {
    let store = SqliteStore::open_existing(db)?;
    let analysis = rasd_analysis::analyse(&store)?;
    let holders: Option<Vec<&str>> = a
        .holder
        .as_deref()
        .map(|q| analysis.find_entities(q).into_iter().map(|e| e.id.as_str()).collect());
    let mut out = std::io::stdout().lock();
    let mut shown = 0;
    for r in &analysis.roles {
        if holders.as_ref().is_some_and(|h| !h.contains(&r.holder.as_str())) {
            continue;
        }
        shown += 1;
        if a.json {
            writeln!(out, "{}", serde_json::to_string(r)?)?;
            continue;
        }
        let when = match (&r.first, &r.last) {
            (Some(f), Some(l)) if f != l => format!("{f} … {l}"),
            (Some(f), _) => f.clone(),
            _ => "undated".into(),
        };
        writeln!(
            out,
            "{:<23} {}{}  —  {} ({})  [{} doc(s)]",
            when,
            r.role,
            r.country.as_deref().map_or(String::new(), |c| format!(" [{c}]")),
            r.name,
            r.en,
            r.documents.len()
        )?;
    }
    if shown == 0 {
        eprintln!("no roles (ingest documents first, or try another --holder)");
    }
    Ok(ExitCode::SUCCESS)
}

fn serve(db: &std::path::Path, a: ServeArgs) -> Result<ExitCode> {
    if !db.exists() {
        bail!(
            "no store at {} (create one with `rasd ingest DIR` first, or pass --db)",
            db.display()
        );
    }
    let config = rasd_serve::Config { db: db.to_path_buf(), token: a.token };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(rasd_serve::serve(config, a.addr))?;
    Ok(ExitCode::SUCCESS)
}

fn load_tagger(
    path: Option<&std::path::Path>,
) -> Result<std::borrow::Cow<'static, rasd_ner::Tagger>> {
    Ok(match path {
        Some(p) => {
            let bytes =
                std::fs::read(p).with_context(|| format!("cannot read model {}", p.display()))?;
            let model = rasd_ner::Model::from_bytes(&bytes)
                .with_context(|| format!("cannot load model {}", p.display()))?;
            std::borrow::Cow::Owned(rasd_ner::Tagger::new(model))
        }
        None => std::borrow::Cow::Borrowed(rasd_ner::Tagger::builtin()?),
    })
}

fn ner(a: NerArgs) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match a.command {
        None => {
            if a.text.is_empty() {
                bail!("give a text to tag, or a subcommand (see `rasd ner --help`)");
            }
            let tagger = load_tagger(a.model.as_deref())?;
            let text = a.text.join(" ");
            let mut doc = rasd_doc::Doc::new(rasd_doc::Document {
                id: "-".into(),
                title: None,
                url: None,
                source: None,
                author: None,
                published: None,
                origin: "-".into(),
                format: rasd_doc::Format::Text,
                text,
            });
            rasd_doc::Component::process(&rasd_text::TextLayer, &mut doc)?;
            for m in rasd_ner::mentions(&tagger, &doc, true) {
                writeln!(
                    out,
                    "{:>5}..{:<5} {:<5} {:.2}  {}",
                    m.span.start, m.span.end, m.label, m.confidence, m.text
                )?;
            }
        }
        Some(NerCommand::Eval { file }) => {
            let tagger = load_tagger(a.model.as_deref())?;
            let sentences = rasd_ner::conll::read(&file, true)?;
            let started = Instant::now();
            let mut ev = rasd_ner::metrics::Evaluation::default();
            let mut tokens = 0;
            let words: Vec<&[String]> = sentences.iter().map(|s| s.tokens.as_slice()).collect();
            for (s, (tags, _)) in sentences.iter().zip(tagger.tag_run(&words, a.rules)) {
                tokens += s.tokens.len();
                ev.add(&s.tags, &tags);
            }
            let secs = started.elapsed().as_secs_f64();
            write!(out, "{}", ev.report())?;
            writeln!(
                out,
                "{} sentences, {} tokens, {:.0} tokens/s",
                sentences.len(),
                tokens,
                tokens as f64 / secs.max(1e-9)
            )?;
        }
        Some(NerCommand::Tag { conll }) => {
            let tagger = load_tagger(a.model.as_deref())?;
            let sentences = rasd_ner::conll::read(&conll, false)?;
            let words: Vec<&[String]> = sentences.iter().map(|s| s.tokens.as_slice()).collect();
            let tagged = tagger.tag_run(&words, a.rules);
            for (i, (s, (tags, _))) in sentences.iter().zip(tagged).enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                for (tok, t) in s.tokens.iter().zip(tags) {
                    writeln!(out, "{tok} {}", rasd_ner::tags::TAGS[t as usize])?;
                }
            }
        }
        Some(NerCommand::Cv(c)) => {
            let cfg = ner_config(&c.options);
            // A tenth, seed or draw named twice would count its runs twice in the pools.
            let folds = distinct(c.folds.iter().map(|&k| usize::from(k)));
            let (seeds, draws) =
                (distinct(c.seeds.iter().copied()), distinct(c.draws.iter().copied()));
            let started = Instant::now();
            let mut log = ner_progress(started, false);
            // Each run's F1 goes out as it ends, so that a long cross-validation stopped
            // early still leaves its finished runs.
            let mut failed = None;
            let runs =
                rasd_ner::trainer::cross_validate(&cfg, &folds, &seeds, &draws, &mut |event| {
                    match event {
                        rasd_ner::trainer::Event::Run(r) => {
                            let line = writeln!(
                                out,
                                "draw {} seed {} tenth {}: F1 {:.4}",
                                r.draw,
                                r.seed,
                                r.fold,
                                r.eval.overall.f1()
                            )
                            .and_then(|()| out.flush());
                            if let Err(e) = line {
                                failed.get_or_insert(e);
                            }
                        }
                        other => log(other),
                    }
                })?;
            if let Some(e) = failed {
                return Err(e.into());
            }
            let sum = rasd_ner::trainer::summarise(&runs);
            for (draw, seed, e) in &sum.pooled {
                writeln!(out, "draw {draw} seed {seed}: pooled F1 {:.4}", e.overall.f1())?;
            }
            write!(out, "all {} runs pooled:\n{}", runs.len(), sum.all.report())?;
            writeln!(
                out,
                "pooled F1 over the tenths: mean {:.4}, sd {:.4} over {} draw × seed (in {:.0} s)",
                sum.mean_f1,
                sum.sd_f1,
                sum.pooled.len(),
                started.elapsed().as_secs_f64()
            )?;
        }
        Some(NerCommand::Train(t)) => {
            let cfg = rasd_ner::trainer::Config {
                seed: t.seed,
                cluster_draw: t.cluster_draw,
                dev_split: t.dev_split || t.dev_fold.is_some(),
                dev_fold: t.dev_fold.map_or(9, usize::from),
                ..ner_config(&t.options)
            };
            let started = Instant::now();
            let (model, eval) = rasd_ner::trainer::train(&cfg, &mut ner_progress(started, true))?;
            if let Some(ev) = eval {
                let tenth = t.dev_fold.map_or("last tenth".to_string(), |k| format!("tenth {k}"));
                write!(out, "dev ({tenth} of ANERcorp train):\n{}", ev.report())?;
            }
            let mut buf = Vec::new();
            model.write(&mut buf)?;
            let tmp = t.out.with_extension("tmp");
            std::fs::write(&tmp, &buf)
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            std::fs::rename(&tmp, &t.out)
                .with_context(|| format!("cannot write {}", t.out.display()))?;
            writeln!(
                out,
                "wrote {} ({:.1} MB) in {:.0} s",
                t.out.display(),
                buf.len() as f64 / 1e6,
                started.elapsed().as_secs_f64()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The values in their first order, each once.
fn distinct<T: PartialEq>(values: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out = Vec::new();
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

/// The training settings that `rasd ner train` and `rasd ner cv` share.
fn ner_config(o: &crate::args::NerTrainOptions) -> rasd_ner::trainer::Config {
    rasd_ner::trainer::Config {
        data: o.data.clone(),
        epochs: o.epochs,
        buckets: o.buckets,
        extra: o.extra.clone(),
        gazetteers: !o.no_gazetteers,
        cluster_docs: o.cluster_docs,
        wiki_clusters: !o.no_wiki_clusters,
        temperature: None,
        lexicon_docs: o.lexicon_docs,
        lexicon_rounds: o.lexicon_rounds,
        history: !o.no_history,
        threads: o.threads,
        lexicon_soft: (o.lexicon_soft > 0.0).then_some(o.lexicon_soft),
        ..Default::default()
    }
}

/// Prints training events to stderr with the seconds since `started`: every epoch if
/// `epochs`, else only each model's last (a cross-validation's runs).
fn ner_progress(started: Instant, epochs: bool) -> impl FnMut(rasd_ner::trainer::Event) {
    use rasd_ner::trainer::Event;
    move |event| {
        let at = started.elapsed().as_secs_f64();
        match event {
            Event::Stage(what) => eprintln!("[{at:5.0} s] {what}"),
            Event::Epoch { epoch, epochs: n, dev_f1 } if epochs || epoch == n => match dev_f1 {
                Some(f1) => eprintln!("[{at:5.0} s] epoch {epoch}/{n}: dev F1 {f1:.4}"),
                None => eprintln!("[{at:5.0} s] epoch {epoch}/{n}"),
            },
            Event::Epoch { .. } | Event::Run(_) => {}
        }
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_keeps_the_first_order() {
        assert_eq!(distinct([4u8, 0, 4, 2, 0]), [4, 0, 2]);
        assert!(distinct(Vec::<u64>::new()).is_empty());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("20MB").unwrap(), 20 << 20);
        assert_eq!(parse_size("500k").unwrap(), 500 << 10);
        assert_eq!(parse_size("1.5GB").unwrap(), 3 << 29);
        assert_eq!(parse_size("123").unwrap(), 123);
        assert!(parse_size("12XB").is_err());
        assert!(parse_size("MB").is_err());
    }
}
