//! ingest (in progress)
