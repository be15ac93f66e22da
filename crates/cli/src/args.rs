//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const ABOUT: &str =
    "rasd (رصد) reads Arabic news natively and turns it into a sourced, searchable record.";

const AFTER_HELP: &str = "\
Examples:
  rasd ingest examples/                 store the example articles in ./rasd.db
  rasd ingest feeds/*.rss --jobs 2      ingest RSS/Atom feeds with two worker threads
  rasd docs                             list what is stored
  rasd show ex-01-rabat-visit --tokens  one document: metadata, sentences, tokens with offsets
  rasd search المخابرات                  finds والمخابرات, بالمخابرات, المخابرات …
  rasd search '\"وزير الخارجية\" -فرنسا'   a phrase, excluding documents that mention فرنسا

The database is ./rasd.db unless --db or RASD_DB says otherwise.
Exit codes: 0 success; 1 some inputs were skipped; 2 error.";

/// rasd command line.
#[derive(Debug, Parser)]
#[command(name = "rasd", version, about = ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    /// The SQLite database file.
    #[arg(long, global = true, env = "RASD_DB", default_value = "rasd.db", value_name = "PATH")]
    pub db: PathBuf,

    /// Your own actor dictionary (same format as `rasd actors list --tsv`), used in front of
    /// the built-in one: your entries add actors or replace built-in ids.
    #[arg(long, global = true, env = "RASD_ACTORS", value_name = "FILE")]
    pub actors: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles from files and folders into the database.
    #[command(after_help = INGEST_HELP)]
    Ingest(IngestArgs),
    /// List stored documents.
    Docs(DocsArgs),
    /// Show one document: metadata, sentences, and tokens with their offsets.
    Show(ShowArgs),
    /// Full-text search, Arabic-aware (clitics, hamza and ta marbuta folded, diacritics ignored).
    #[command(after_help = SEARCH_HELP)]
    Search(SearchArgs),
    /// Events (meetings, visits, calls …) merged across articles, with their evidence.
    #[command(after_help = EVENTS_HELP)]
    Events(EventsArgs),
    /// A readable chronological list of events: date, type/mode, participants, place, sources.
    Timeline(EventsArgs),
    /// One event's evidence: its sentences with participants and dates highlighted.
    Explain {
        /// Event id, as `rasd events` prints it.
        id: String,
    },
    /// The actor dictionary: list, show, check or add entries.
    #[command(subcommand, after_help = ACTORS_HELP)]
    Actors(ActorsCommand),
    /// One actor's profile: names, Latin name, offices over time, documents, co-actors.
    Entity(EntityArgs),
    /// Who held which office and when, learnt from role phrases and appositions in the text.
    #[command(after_help = ROLES_HELP)]
    Roles(RolesArgs),
    /// The web UI and JSON API over the store (loopback by default).
    #[command(after_help = SERVE_HELP)]
    Serve(ServeArgs),
    /// Canonical entities (people, organisations, places) across all stored documents.
    #[command(after_help = ENTITIES_HELP)]
    Entities(EntitiesArgs),
    /// Named-entity recognition: tag a text, train the model, evaluate it, tag CoNLL files.
    #[command(after_help = NER_HELP, args_conflicts_with_subcommands = true)]
    Ner(NerArgs),
    /// Find the temporal expressions in a text and normalise them to ISO 8601.
    #[command(after_help = TIME_HELP)]
    Time(TimeArgs),
}

const TIME_HELP: &str = "\
Each expression is printed with its offsets, ISO 8601 value, modifier (EARLY, MID, LATE,
APPROX) and anchor (none = absolute, dct = the publication date, previous = the previous
date in the text). Relative expressions need a publication date: give it with --dct, or
let rasd infer it when the text pins it (أول من أمس الجمعة 7 إبريل 2023 → 2023-04-09);
otherwise they stay unresolved.

Examples:
  rasd time \"والتقى مدير الـ(سي آي إيه) نظيره المغربي أول من أمس الجمعة 7 إبريل 2023\"
  rasd time --dct 2023-04-12 \"في 22 فبراير من السنة الجارية\"
  rasd time --json --file article.txt";

const INGEST_HELP: &str = "\
Inputs (folders are read recursively; hidden files are ignored):
  .txt             plain text; the first non-empty line is the title
  .html .htm       a web page; the main text is extracted, with title and publication date
  .jsonl .ndjson   one JSON object per line: id url title published source author text
  .rss .atom .xml  RSS or Atom feeds; one document per entry
Legacy encodings (windows-1256, ISO-8859-6) are detected. A document's id is its file stem
unless the input gives one. Re-ingesting unchanged content writes nothing; changed content
under the same id replaces the old version. Bad inputs (binary, empty, too large, undecodable,
malformed JSON lines) are reported with the reason and skipped; the rest is stored, and the
exit code is 1.

Examples:
  rasd ingest examples/
  rasd ingest --published 2023-04-09 --source hespress article.txt
  rasd ingest --max-size 200MB corpus.jsonl";

const SEARCH_HELP: &str = "\
Query syntax:
  word word        documents with all the words
  \"two words\"      the words in this order
  -word            documents without the word
Words are matched on their stem: المخابرات finds والمخابرات and بالمخابرات; امريكا finds
أمريكا; diacritics in the query are ignored.";

/// `rasd ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders to read.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Publication date for plain-text files (YYYY-MM-DD or ISO 8601).
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Source (outlet) name for inputs that do not give one.
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Largest file (or JSON line) to accept, e.g. 20MB, 500KB, 1GB.
    #[arg(long, value_name = "SIZE", default_value = "20MB")]
    pub max_size: String,
    /// Worker threads for reading and analysing (default: all cores).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub jobs: usize,
    /// Documents per database transaction.
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub batch_size: usize,
    /// Print one line per document (new / updated / unchanged).
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `rasd docs`.
#[derive(Debug, Args)]
pub struct DocsArgs {
    /// How many documents to list.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// How many to skip first.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
}

/// `rasd show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Document id.
    pub id: String,
    /// Also list every token with its offsets, form and clitic role.
    #[arg(long)]
    pub tokens: bool,
    /// Print as JSON (always includes tokens).
    #[arg(long)]
    pub json: bool,
}

const EVENTS_HELP: &str = "\
Events are found sentence by sentence (today: CONSULT — meetings, visits, hosting, calls,
summits), with named participants, a date resolved against the publication date, a place,
and the sentence as evidence; reports of the same happening in several articles are merged.

Examples:
  rasd events                               a readable list, oldest first
  rasd events --actor الحموشي                 events with this actor (Arabic or Latin name)
  rasd events --since 2023-01 --json        the SPEC's JSON contract, one event per line";

/// `rasd actors …`.
#[derive(Debug, Subcommand)]
pub enum ActorsCommand {
    /// Every dictionary entry (built-in, countries, and yours with --actors).
    List {
        /// Only PER, ORG or LOC.
        #[arg(long = "type", value_name = "TYPE")]
        etype: Option<String>,
        /// In the dictionary's own format (id, type, English name, Arabic names).
        #[arg(long)]
        tsv: bool,
    },
    /// One entry, by id, English name or Arabic name.
    Show {
        /// Id (org-cia), English name or Arabic name.
        name: Vec<String>,
    },
    /// Checks a dictionary file and names every malformed line.
    Check {
        /// The file.
        file: PathBuf,
    },
    /// Appends a checked entry to a dictionary file (created if missing).
    Add {
        /// The dictionary file to write (use it with --actors or RASD_ACTORS).
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
        /// Id: the type in lowercase, a dash, then lowercase letters, digits and dashes.
        #[arg(long)]
        id: String,
        /// PER, ORG or LOC.
        #[arg(long = "type", value_name = "TYPE")]
        etype: String,
        /// English name.
        #[arg(long)]
        en: String,
        /// An Arabic name; repeat for each variant. A person's surname listed on its own is
        /// found alone in articles too: list it only when it is distinctive.
        #[arg(long = "name", required = true, value_name = "NAME")]
        names: Vec<String>,
        /// An office with its dates, `Title FROM..TO` (dates YYYY[-MM[-DD]], TO empty while
        /// held); repeat for each.
        #[arg(long = "role", value_name = "ROLE")]
        roles: Vec<String>,
    },
}

const ACTORS_HELP: &str = "\
The dictionary gives known actors one id and an English name, whatever Arabic variant an
article uses (سي آي إيه = وكالة المخابرات المركزية). Built in: international bodies, armed
groups, media, intelligence services, regions, and every country. Add your own in a file
(one entry a line: id<TAB>type<TAB>English name<TAB>name|name|…[<TAB>roles]) and pass it with
--actors or RASD_ACTORS; ingest then also finds those names in new articles. People may list
their offices with dates: `President of France 2017-05-14..; Minister of Economy 2014..2016`.

Examples:
  rasd actors list --type ORG
  rasd actors show CIA
  rasd actors add --file my-actors.tsv --id org-hrw --type ORG --en 'Human Rights Watch' \\
      --name 'هيومن رايتس ووتش' --name 'منظمة هيومن رايتس ووتش'
  rasd actors add --file my-actors.tsv --id per-guterres --type PER --en 'António Guterres' \
      --name 'أنطونيو غوتيريش' --name 'غوتيريش' --role 'UN Secretary-General 2017-01-01..'
  rasd --actors my-actors.tsv ingest news/
";

/// `rasd entity`.
#[derive(Debug, Args)]
pub struct EntityArgs {
    /// A name in Arabic (الحموشي) or Latin script (Hammouchi), or an entity id.
    #[arg(required = true, num_args = 1..)]
    pub name: Vec<String>,
    /// The profile as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `rasd roles`.
#[derive(Debug, Args)]
pub struct RolesArgs {
    /// Only the offices of this person (any of their names, Latin name or id).
    #[arg(long, value_name = "NAME")]
    pub holder: Option<String>,
    /// One JSON object per line: role, key, org, country, holder, name, en, first, last, documents.
    #[arg(long)]
    pub json: bool,
}

const ROLES_HELP: &str = "\
A role phrase (وزير الخارجية الأمريكي، مدير وكالة المخابرات المركزية، المدير العام للأمن
الوطني) is linked to the person named beside it (مدير الـ(سي آي إيه)، ويليام بيرنز /
عبد اللطيف حموشي، المدير العام …); a named counterpart (نظيره المغربي ناصر بوريطة) holds
the same kind of office for its country. Dates are those of the documents that say so.

Examples:
  rasd roles                        every office and holder, earliest first
  rasd roles --holder Burns         the offices of one person
";

/// `rasd serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; keep the loopback default unless the machine is firewalled.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    pub addr: std::net::SocketAddr,
    /// Bearer token that allows `POST /api/documents`; without one, writes are disabled.
    #[arg(long, env = "RASD_TOKEN", value_name = "TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

const SERVE_HELP: &str = "\
Serves a right-to-left web UI for analysts (search in Arabic or Latin script, entity
profiles, timeline, document reader with highlighted names, dates and events, actor
network, map) and the JSON API it uses, documented at /api/openapi.json.

Examples:
  rasd ingest examples/ && rasd serve      then open http://127.0.0.1:8080/
  rasd serve --addr 127.0.0.1:9000 --db news.db
  RASD_TOKEN=secret rasd serve             allow POST /api/documents with that token
  curl -s 'http://127.0.0.1:8080/api/events?actor=Hammouchi&since=2022'
";

/// `rasd events`.
#[derive(Debug, Default, Args)]
pub struct EventsArgs {
    /// Only events with this participant (any of its names, its Latin name or id).
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// Only events of this PLOVER type.
    #[arg(long = "type", value_name = "TYPE")]
    pub etype: Option<String>,
    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only events on or before this date.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only CONSULT events of this mode: meet, visit, host, phone or multilateral.
    #[arg(long, value_name = "MODE")]
    pub mode: Option<String>,
    /// Only events at this place (any of its names or its Latin name).
    #[arg(long, value_name = "PLACE")]
    pub place: Option<String>,
    /// Only events reported by this document id.
    #[arg(long, value_name = "ID")]
    pub document: Option<String>,
    /// One JSON object per line (id, type, mode, participants, location, date, documents, evidence).
    #[arg(long)]
    pub json: bool,
}

const ENTITIES_HELP: &str = "\
Mentions found by the NER model are grouped into entities: within a document a surname
(الحموشي) joins the fuller name it belongs to (عبداللطيف الحموشي); across documents the
same name joins, whatever its spacing or article (عبد اللطيف حموشي). Each entity has a
Latin-script name (a romanisation until an actor dictionary gives the English name).

Examples:
  rasd entities                     the most mentioned entities
  rasd entities --type PER --json   people, one JSON object per line";

/// `rasd entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Only this type: PER, ORG, LOC or MISC.
    #[arg(long = "type", value_name = "TYPE")]
    pub etype: Option<String>,
    /// Also list MISC entities (left out by default).
    #[arg(long)]
    pub all: bool,
    /// Most entities to list (0 = all).
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    /// Ignore mentions below this confidence (0–1).
    #[arg(long, default_value_t = 0.0, value_name = "P")]
    pub min_confidence: f32,
    /// One JSON object per line: id, type, name, aliases, en, documents, mentions.
    #[arg(long)]
    pub json: bool,
}

const NER_HELP: &str = "\
Examples:
  rasd ner \"التقى وزير الخارجية المغربي ناصر بوريطة نظيره الأمريكي أنتوني بلينكن في الرباط\"
  rasd ner eval ../shared/data/ner/anercorp/ANERCorp_CamelLab_test.txt
  rasd ner tag --conll tokens.txt > tagged.txt
  rasd ner train --dev-split            # experiment: report F1 on a held-out tenth of train
  rasd ner train --dev-split --no-history --lexicon-docs 0   # the same without the lexicon
                                        # and the second pass, for comparison
  rasd ner train                        # retrain the shipped model (crates/ner/model/ner.bin)

`eval` and `tag --conll` read the file as one run of sentences: a word's document context
comes from the 25 sentences on each side.";

/// `rasd ner`.
#[derive(Debug, Args)]
pub struct NerArgs {
    #[command(subcommand)]
    pub command: Option<NerCommand>,
    /// Text to tag (when no subcommand is given).
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,
    /// A model file instead of the built-in one.
    #[arg(long, global = true, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// Add the organisation head-word rule to the model's output (as ingest does; off for
    /// eval and tag, which follow ANERcorp's conventions).
    #[arg(long, global = true)]
    pub rules: bool,
}

/// `rasd ner` subcommands.
#[derive(Debug, Subcommand)]
pub enum NerCommand {
    /// Train a model from the corpora in shared/data (reproducible: fixed seed).
    Train(NerTrainArgs),
    /// Cross-validate a training setting: one model per held-out tenth of ANERcorp train,
    /// shuffling seed and draw of the word clusters; F1 pooled over the tenths, with its
    /// spread over seeds and draws (compare settings by the mean, not by one run).
    #[command(after_help = "Examples:
  rasd ner cv                                  # the shipped setting, five tenths (≈ 5 min)
  rasd ner cv --draws 0,1,2 --seeds 1,5        # the spread of the setting over 6 runs of 5
  rasd ner cv --no-history --draws 0,1         # a setting, against the same draws")]
    Cv(NerCvArgs),
    /// CoNLL exact-span precision, recall and F1 on a tagged file, overall and per type.
    Eval {
        /// A CoNLL file: token and gold tag per line, blank lines between sentences.
        file: PathBuf,
    },
    /// Tag a CoNLL token file (first column), writing `token TAG` lines in the same order.
    Tag {
        /// Read CoNLL (one token per line, blank lines between sentences).
        #[arg(long, value_name = "FILE")]
        conll: PathBuf,
    },
}

/// `rasd ner train`.
#[derive(Debug, Args)]
pub struct NerTrainArgs {
    /// Where to write the model.
    #[arg(long, default_value = "crates/ner/model/ner.bin", value_name = "PATH")]
    pub out: PathBuf,
    /// Shuffling seed (its lowest bit is ignored: compare odd seeds, or seeds two apart).
    #[arg(long, default_value_t = 20260426)]
    pub seed: u64,
    /// Which draw of the word clusters' k-means starts (0: the shipped model's).
    #[arg(long, default_value_t = 0)]
    pub cluster_draw: u64,
    /// Hold out the last tenth of ANERcorp train and report F1 on it after each epoch.
    #[arg(long)]
    pub dev_split: bool,
    /// Hold out this tenth of ANERcorp train instead (0–9; implies --dev-split). One
    /// tenth's F1 moves by a point with the shuffling seed and with the word clusters'
    /// draw: compare settings with `rasd ner cv`.
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=9))]
    pub dev_fold: Option<u8>,
    #[command(flatten)]
    pub options: NerTrainOptions,
}

/// `rasd ner cv`.
#[derive(Debug, Args)]
pub struct NerCvArgs {
    /// The tenths of ANERcorp train to hold out, one model each (0–9).
    #[arg(long, value_delimiter = ',', default_value = "0,2,4,6,8",
          value_parser = clap::value_parser!(u8).range(0..=9))]
    pub folds: Vec<u8>,
    /// Shuffling seeds: every tenth is run with each (their lowest bit is ignored).
    #[arg(long, value_delimiter = ',', default_value = "20260426")]
    pub seeds: Vec<u64>,
    /// Draws of the word clusters' k-means starts: every seed and tenth is run with each
    /// (0 is the shipped model's draw). The news is read and clustered once per draw.
    #[arg(long, value_delimiter = ',', default_value = "0")]
    pub draws: Vec<u64>,
    #[command(flatten)]
    pub options: NerTrainOptions,
}

/// Training settings shared by `rasd ner train` and `rasd ner cv`.
#[derive(Debug, Args)]
pub struct NerTrainOptions {
    /// The shared data folder.
    #[arg(long, default_value = "../shared/data", value_name = "DIR")]
    pub data: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 10)]
    pub epochs: usize,
    /// Hash buckets (rounded up to a power of two; at most 2^24, the most a model file may
    /// hold).
    #[arg(long, default_value_t = 1 << 20,
          value_parser = clap::value_parser!(u32).range(1..=rasd_ner::model::MAX_BUCKETS as i64))]
    pub buckets: u32,
    /// Extra training corpora: aqmar, wikifane (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub extra: Vec<String>,
    /// Train without gazetteers (for comparison).
    #[arg(long)]
    pub no_gazetteers: bool,
    /// Unlabeled news articles used to learn word clusters (0 = no clusters).
    #[arg(long, default_value_t = 40_000)]
    pub cluster_docs: usize,
    /// Learn the word clusters from the news alone, without the words of WikiFANE and AQMAR
    /// train/dev (for comparison).
    #[arg(long)]
    pub no_wiki_clusters: bool,
    /// Unlabeled news articles tagged by a first-pass model to learn the name lexicon
    /// (0 = no lexicon).
    #[arg(long, default_value_t = 40_000)]
    pub lexicon_docs: usize,
    /// Self-training rounds for the lexicon (each tags the news with the previous round's
    /// model).
    #[arg(long, default_value_t = 1)]
    pub lexicon_rounds: usize,
    /// Threads for tagging the news.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
    /// Train without the second pass and its document-context features (for comparison).
    #[arg(long)]
    pub no_history: bool,
    /// Each news occurrence counts toward the lexicon by the first model's marginal
    /// probability of each type at this temperature (0 = by its Viterbi tag alone).
    #[arg(long, default_value_t = 16.0)]
    pub lexicon_soft: f32,
}

/// `rasd time`.
#[derive(Debug, Args)]
pub struct TimeArgs {
    /// The text (several arguments are joined with spaces). Use --file for a file.
    #[arg(value_name = "TEXT", required_unless_present = "file")]
    pub text: Vec<String>,
    /// Read the text from a file instead.
    #[arg(long, value_name = "PATH", conflicts_with = "text")]
    pub file: Option<std::path::PathBuf>,
    /// The publication date (YYYY-MM-DD) relative expressions are resolved against.
    #[arg(long, value_name = "DATE")]
    pub dct: Option<String>,
    /// One JSON object per expression (text, start, end, value, mod, anchor, calendar).
    #[arg(long)]
    pub json: bool,
}

/// `rasd search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (several arguments are joined with spaces).
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// Most results to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// One JSON object per line.
    #[arg(long)]
    pub json: bool,
}
