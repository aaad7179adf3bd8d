//! The unit tests' random inputs: one small deterministic generator (Knuth's MMIX linear
//! congruential step), so every test draws from the same code and the same seed gives the same
//! cases on every run, without an extra crate.

/// The generator's state; [`Lcg::next`] advances it. Cloning it forks the sequence.
#[derive(Debug, Clone)]
pub(crate) struct Lcg(pub u64);

impl Lcg {
    /// Advances and returns the new state (its high bits are the well-mixed ones).
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0
    }
}
