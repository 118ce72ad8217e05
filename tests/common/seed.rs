//! One seed for every randomized test, so that a failure can be run again exactly.
//!
//! `PROPTEST_RNG_SEED` fixes it (`.ci/run` sets it and prints it); without it each test draws one
//! and prints it, so a failing local run says how to repeat itself. In CI (`CI` set) failures are
//! read from the committed `*.proptest-regressions` files but never written: nothing in CI writes
//! into the tree. Locally a new failure is saved there, to be committed with its fix.

use proptest::test_runner::{
    Config, FailurePersistence, FileFailurePersistence, PersistedSeed, RngSeed,
};
use std::any::Any;

/// The config of a property test with `cases` cases and the run's seed.
pub fn config(cases: u32) -> Config {
    let mut c = Config {
        cases,
        ..Config::default()
    };
    let seed = match c.rng_seed {
        RngSeed::Fixed(s) => s,
        RngSeed::Random => drawn(),
    };
    c.rng_seed = RngSeed::Fixed(seed);
    eprintln!("proptest seed {seed}: PROPTEST_RNG_SEED={seed} repeats this run");
    if std::env::var_os("CI").is_some() {
        c.failure_persistence = Some(Box::new(ReadOnly(FileFailurePersistence::default())));
    }
    c
}

/// A seed of its own for a run that was given none.
fn drawn() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    h.finish()
}

/// The committed regression files, read and never written.
#[derive(Debug, Clone, PartialEq)]
struct ReadOnly(FileFailurePersistence);

impl FailurePersistence for ReadOnly {
    fn load_persisted_failures2(&self, source_file: Option<&'static str>) -> Vec<PersistedSeed> {
        self.0.load_persisted_failures2(source_file)
    }

    fn save_persisted_failure2(
        &mut self,
        _source_file: Option<&'static str>,
        seed: PersistedSeed,
        shrunken_value: &dyn std::fmt::Debug,
    ) {
        eprintln!("proptest failure (not saved in CI): cc {seed} # {shrunken_value:?}");
    }

    fn box_clone(&self) -> Box<dyn FailurePersistence> {
        Box::new(self.clone())
    }

    fn eq(&self, other: &dyn FailurePersistence) -> bool {
        other.as_any().downcast_ref::<Self>() == Some(self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
