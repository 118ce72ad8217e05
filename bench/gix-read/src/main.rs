//! Reads every object named in OIDS_FILE (one hex id a line) with gitoxide, on THREADS threads,
//! and says how long it took. See BENCHMARKS.md, "Git program or gitoxide".

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let repo_path = &args[1];
    let list = std::fs::read_to_string(&args[2]).unwrap();
    let threads: usize = args.get(3).map_or(1, |t| t.parse().unwrap());
    let oids: Vec<gix::ObjectId> = list
        .lines()
        .map(|l| gix::ObjectId::from_hex(l.trim().as_bytes()).unwrap())
        .collect();
    let mut repo = gix::open(repo_path).unwrap();
    repo.object_cache_size_if_unset(64 * 1024 * 1024);
    let sync = repo.into_sync();
    let t = Instant::now();
    let chunk = oids.len().div_ceil(threads);
    let total: usize = std::thread::scope(|s| {
        let hs: Vec<_> = oids
            .chunks(chunk)
            .map(|part| {
                let sync = &sync;
                s.spawn(move || {
                    let mut repo = sync.to_thread_local();
                    repo.object_cache_size_if_unset(64 * 1024 * 1024);
                    let mut n = 0;
                    for id in part {
                        n += repo.find_object(*id).unwrap().data.len();
                    }
                    n
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).sum()
    });
    println!("{} objects, {} bytes, {:?} with {threads} thread(s)", oids.len(), total, t.elapsed());
}
