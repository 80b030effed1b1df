//! A small reproducible random sequence for unit tests that try many
//! generated inputs (the same seed gives the same inputs on every run).

/// A linear congruential generator (Knuth's MMIX constants).
pub struct Lcg(pub u64);

impl Lcg {
    /// Move the state on one step and return it: callers take the bits
    /// they need (the high ones are the most random).
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0
    }
}
