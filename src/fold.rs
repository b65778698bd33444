//! fold (in progress)
