//! A deterministic stream of 64-bit values (SplitMix64): the same seed always draws the same
//! values, so generated seed customers and probabilistic overrides and faults repeat exactly.

/// The golden-ratio increment of SplitMix64.
const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// A SplitMix64 stream. Its state is a counter, so a stream can start at any position.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// The stream of `seed`, from its first value.
    pub(crate) const fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The stream of `seed` with its first `skipped` values already drawn.
    pub(crate) const fn skipping(seed: u64, skipped: u64) -> Self {
        Self {
            state: seed.wrapping_add(skipped.wrapping_mul(GAMMA)),
        }
    }

    /// The next value.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// The next value as a uniform draw in [0, 1), from its 53 high bits.
    pub(crate) fn next_unit(&mut self) -> f64 {
        #[expect(
            clippy::cast_precision_loss,
            reason = "53 random bits make a uniform draw"
        )]
        let draw = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        draw
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_of_seed_zero_is_the_reference_one() {
        let mut stream = SplitMix64::new(0);
        assert_eq!(stream.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(stream.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(stream.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn skipping_values_starts_where_drawing_them_would_have_left_off() {
        let mut drawn = SplitMix64::new(42);
        for _ in 0..5 {
            drawn.next_u64();
        }
        assert_eq!(SplitMix64::skipping(42, 5).next_u64(), drawn.next_u64());
    }

    #[test]
    fn unit_draws_fall_in_the_unit_interval() {
        let mut stream = SplitMix64::new(7);
        assert!((0..1000).all(|_| (0.0..1.0).contains(&stream.next_unit())));
    }
}
