//! A tiny deterministic generator (xorshift64) for the tests that feed
//! random texts and bytes to the normalizer and the highlighter: enough for
//! test data, seeded so a failure repeats, and no dependency.

/// The generator; its state must not be zero.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
