//! Links the `dossier` binary as a fixed-address executable.
//!
//! A position-independent executable has its ~30,000 relocations applied by
//! the dynamic loader on every start, before `main`: about 1 ms of a
//! `dossier search` that takes ten. Linked at a fixed address, they are
//! resolved once, at link time. Only this package's binaries are affected;
//! the library, tests and dependencies build as before.

fn main() {
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
