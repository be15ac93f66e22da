//! The `rasd` command-line tool, as a library so that benchmarks and tests can drive the
//! same code as the binary.
//!
//! [`ingest::run`] is the ingest driver: files are read and processed in parallel (rayon),
//! and a single writer stores each batch in one transaction.

pub mod ingest;
