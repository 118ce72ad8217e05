//! Pauses for tests of races between real processes. With `LOUPAN_FAILPOINT=NAME:FILE`, a process
//! reaching the point NAME creates `FILE.ready` and waits until FILE is removed (at most 30 s), so
//! a test can change the data at exactly that moment. Only builds with the `failpoints` feature
//! (test builds: the root package's dev-dependency turns it on) carry the points; in a release
//! binary `hold` is empty and the variable is never read.

#[cfg(not(feature = "failpoints"))]
#[inline(always)]
pub fn hold(_name: &str) {}

#[cfg(feature = "failpoints")]
pub fn hold(name: &str) {
    use std::path::PathBuf;
    use std::time::{Duration, Instant};
    let Some(spec) = std::env::var_os("LOUPAN_FAILPOINT") else {
        return;
    };
    let spec = spec.to_string_lossy();
    let Some(file) = spec
        .split_once(':')
        .filter(|(n, _)| *n == name)
        .map(|(_, f)| PathBuf::from(f))
    else {
        return;
    };
    let mut ready = file.clone().into_os_string();
    ready.push(".ready");
    let _ = std::fs::write(&ready, name);
    let start = Instant::now();
    while file.exists() && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(10));
    }
}
