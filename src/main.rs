fn main() {
    // A street's days and deadline are its time zone's (street.toml `timezone`, Asia/Shanghai by
    // default; docs/spec.md §13), never the machine's or the session's: a server on UTC would
    // otherwise turn the day at 08:00 Beijing time. Set for loupan and the git it runs.
    if let Some(zone) = loupan::cli::street_zone(std::env::args_os()) {
        // SAFETY: the first thing the process does, before any thread exists to read the
        // environment at the same time
        unsafe { std::env::set_var("TZ", zone) };
    }
    std::process::exit(loupan::cli::main());
}
