//! Sync over real transports (docs/street-trust.md): a street's shared remote reached over
//! `file://` and over ssh to 127.0.0.1 (an sshd started here, on a free port, with its own host
//! key and authorized_keys in a temporary folder). Six laptops sync a few rounds at once, the
//! server stops in the middle of their pushes, the remote's guard refuses a ledger, a report is
//! forged and another pushed unreadable, the remote's history is rewritten: nothing is lost,
//! nothing unreadable goes up, nothing forged is counted.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

const LAPTOPS: usize = 6;
const ROUNDS: usize = 2;

/// How laptops reach the remote.
trait Transport {
    /// The URL a clone uses.
    fn url(&self) -> String;
    /// git config for a clone (`core.sshCommand`), if any.
    fn config(&self) -> Vec<(String, String)>;
    /// The server goes away / comes back.
    fn stop(&mut self);
    fn start(&mut self);
}

struct Files {
    repo: PathBuf,
}

impl Transport for Files {
    fn url(&self) -> String {
        format!("file://{}", self.repo.display())
    }
    fn config(&self) -> Vec<(String, String)> {
        Vec::new()
    }
    fn stop(&mut self) {
        let _ = std::fs::rename(&self.repo, self.repo.with_extension("away"));
    }
    fn start(&mut self) {
        let _ = std::fs::rename(self.repo.with_extension("away"), &self.repo);
    }
}

/// An sshd of the test's own: its config, host key and authorized_keys in `dir`.
struct Ssh {
    dir: PathBuf,
    repo: PathBuf,
    port: u16,
    sshd: Option<Child>,
}

fn sshd_path() -> Option<PathBuf> {
    ["/usr/sbin/sshd", "/usr/bin/sshd", "/sbin/sshd"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn keygen(path: &Path) {
    let o = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "t", "-f"])
        .arg(path)
        .output()
        .expect("ssh-keygen");
    assert!(o.status.success(), "{}", stderr(&o));
}

impl Ssh {
    fn new(dir: &Path, repo: &Path) -> Ssh {
        let dir = dir.join("sshd");
        std::fs::create_dir_all(&dir).unwrap();
        keygen(&dir.join("host"));
        keygen(&dir.join("user"));
        std::fs::copy(dir.join("user.pub"), dir.join("authorized_keys")).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let d = dir.display();
        let config = format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host\nAuthorizedKeysFile {d}/authorized_keys\nPidFile {d}/sshd.pid\nStrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\nPermitRootLogin yes\nMaxStartups 50\nAcceptEnv GIT_PROTOCOL\n"
        );
        std::fs::write(dir.join("sshd_config"), config).unwrap();
        // the privilege separation folder sshd wants (present where sshd is installed as a service)
        let _ = std::fs::create_dir_all("/run/sshd");
        let mut s = Ssh {
            dir,
            repo: repo.to_path_buf(),
            port,
            sshd: None,
        };
        s.start();
        s
    }

    fn user() -> String {
        let o = Command::new("id").arg("-un").output().unwrap();
        stdout(&o).trim().to_string()
    }
}

impl Transport for Ssh {
    fn url(&self) -> String {
        format!(
            "ssh://{}@127.0.0.1:{}{}",
            Ssh::user(),
            self.port,
            self.repo.display()
        )
    }
    fn config(&self) -> Vec<(String, String)> {
        let d = self.dir.display();
        let cmd = format!(
            "ssh -F /dev/null -i {d}/user -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=5"
        );
        vec![("core.sshCommand".into(), cmd)]
    }
    fn stop(&mut self) {
        if let Some(mut c) = self.sshd.take() {
            // the connections under way go too: each session sshd forked, by its id
            let sessions = descendants(c.id());
            let _ = c.kill();
            let _ = c.wait();
            for pid in sessions {
                let _ = Command::new("kill")
                    .args(["-9", &pid.to_string()])
                    .stderr(std::process::Stdio::null())
                    .status();
            }
        }
    }
    fn start(&mut self) {
        let sshd = sshd_path().expect("sshd");
        let child = Command::new(sshd)
            .arg("-D")
            .arg("-f")
            .arg(self.dir.join("sshd_config"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start sshd");
        self.sshd = Some(child);
        let up = (0..100).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(50));
            std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok()
        });
        assert!(up, "sshd did not start on port {}", self.port);
    }
}

/// The processes under `pid` (from /proc), deepest last.
fn descendants(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let p: u32 = e.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
            // `pid (comm) state ppid …`: the name may hold spaces, so read after its `)`
            let ppid = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some((p, ppid))
        })
        .collect();
    let mut out = Vec::new();
    let mut todo = vec![pid];
    while let Some(p) = todo.pop() {
        for (child, _) in parents.iter().filter(|(_, pp)| *pp == p) {
            out.push(*child);
            todo.push(*child);
        }
    }
    out
}

impl Drop for Ssh {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A street on a guarded remote: the office's clone, stations s0…s5 (s0 keyed), one laptop each.
struct World {
    _t: tempfile::TempDir,
    root: PathBuf,
    remote: PathBuf,
    office: PathBuf,
    laptops: Vec<PathBuf>,
}

fn clone(root: &Path, via: &dyn Transport, who: &str) -> PathBuf {
    let c = root.join(who);
    let mut args: Vec<String> = Vec::new();
    for (k, v) in via.config() {
        args.extend(["-c".to_string(), format!("{k}={v}")]);
    }
    args.extend(["clone", "-q", &via.url(), c.to_str().unwrap()].map(String::from));
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    git_ok(root, &a);
    for (k, v) in via.config() {
        git_ok(&c, &["config", &k, &v]);
    }
    git_ok(&c, &["config", "user.name", who]);
    git_ok(&c, &["config", "user.email", &format!("{who}@example.org")]);
    c
}

fn world(make: impl FnOnce(&Path, &Path) -> Box<dyn Transport>) -> (World, Box<dyn Transport>) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().to_path_buf();
    let remote = root.join("street.git");
    git_ok(&root, &["init", "-q", "--bare", "-b", "main", "street.git"]);
    lp_ok(&root, &["remote-hook", "install", "street.git"]);
    keygen(&root.join("ka"));
    let via = make(&root, &remote);
    let office = clone(&root, via.as_ref(), "office");
    lp_ok(&office, &["street", "init", "Lugu"]);
    for i in 0..LAPTOPS {
        let id = format!("s{i}");
        let mut add = vec!["station", "add", &id, &id];
        let ka = root.join("ka.pub");
        if i == 0 {
            add.extend(["--key", ka.to_str().unwrap()]);
        }
        lp_ok(&office, &add);
        new_building(&office.join("stations").join(&id), "t", ROUNDS + 2, 2);
    }
    lp_ok(&office, &["sync"]);
    let laptops = (0..LAPTOPS)
        .map(|i| clone(&root, via.as_ref(), &format!("lap{i}")))
        .collect();
    let w = World {
        _t: t,
        root,
        remote,
        office,
        laptops,
    };
    (w, via)
}

impl World {
    fn station(&self, i: usize) -> PathBuf {
        self.laptops[i].join(format!("stations/s{i}"))
    }

    /// Every laptop edits a unit of its own and syncs, all at once; the exit codes.
    fn round(&self, r: usize) -> Vec<Option<i32>> {
        std::thread::scope(|s| {
            let hs: Vec<_> = (0..LAPTOPS)
                .map(|i| {
                    let dir = self.station(i);
                    s.spawn(move || {
                        lp_ok(&dir, &["set", "t", &format!("{}01", r + 1), "vacant"]);
                        lp(&dir, &["--lang", "en", "sync"]).status.code()
                    })
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        })
    }

    /// Every laptop syncs until the remote holds its commits (a few tries: others push too).
    fn settle(&self) {
        for i in 0..LAPTOPS {
            let ok = (0..5).any(|_| lp(&self.station(i), &["sync"]).status.success());
            assert!(ok, "laptop {i} never synced");
        }
        lp_ok(&self.office, &["sync"]);
    }
}

fn over(via_name: &str, make: impl FnOnce(&Path, &Path) -> Box<dyn Transport>) {
    let started = std::time::Instant::now();
    let (w, mut via) = world(make);
    // rounds of six laptops at once; in the middle one the server goes away mid-push
    for r in 0..ROUNDS {
        if r == 1 {
            let codes = std::thread::scope(|s| {
                let heads = || git(&w.remote, &["for-each-ref", "refs/heads"]).stdout;
                let before = heads();
                let h = s.spawn(|| w.round(r));
                // the first push of the round has landed: the others are fetching, merging, pushing
                let moved = (0..600).any(|_| {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                    heads() != before
                });
                assert!(moved, "{via_name}: no push landed");
                via.stop();
                h.join().unwrap()
            });
            // over ssh a killed server is unreachable (4); a file:// remote moved away while git
            // receives may also end "[remote rejected]" (5). Never anything else; what was
            // not sent is sent below
            let fine = |c: &Option<i32>| match c {
                Some(0 | 4) => true,
                Some(5) => via_name == "file://",
                _ => false,
            };
            assert!(
                codes.iter().all(fine),
                "{via_name}: gone mid-push is 0 or 4, never lost: {codes:?}"
            );
            via.start();
        } else {
            w.round(r);
        }
    }
    w.settle();
    for i in 0..LAPTOPS {
        for r in 0..ROUNDS {
            let unit = format!("{}01", r + 1);
            let dir = w.office.join(format!("stations/s{i}"));
            assert_eq!(
                status_of(&dir, "t", &unit),
                "vacant",
                "{via_name}: s{i} {unit}"
            );
        }
    }
    guarded(&w, via_name);
    forged(&w, via_name);
    rewritten(&w, via_name);
    // what the remote holds reads, whole
    lp_ok(&w.office, &["sync"]);
    for i in 0..LAPTOPS {
        lp_ok(&w.office.join(format!("stations/s{i}")), &["check"]);
    }
    let every = git_ok(&w.remote, &["log", "--all", "--name-only", "--format="]);
    assert!(!every.contains(".csv"), "{via_name}: {every}");
    eprintln!("{via_name}: {:?} in all", started.elapsed());
}

/// The guard: a ledger committed by hand is refused (exit 5, kept here); markers pushed with
/// plain git are refused.
fn guarded(w: &World, via_name: &str) {
    let lap = &w.laptops[1];
    let before = git_ok(lap, &["rev-parse", "HEAD"]);
    std::fs::write(lap.join("stations/s1/底账.csv"), "王芳,13812345678\n").unwrap();
    git_ok(lap, &["add", "-f", "stations/s1/底账.csv"]);
    git_ok(lap, &["commit", "-qm", "ledger"]);
    let o = lp(lap, &["--lang", "en", "sync"]);
    assert_eq!(o.status.code(), Some(5), "{via_name}: {}", stderr(&o));
    // (the sync may have merged others' commits on top of the ledger's: back to before it)
    git_ok(lap, &["reset", "-q", "--hard", before.trim()]);
    let t = lap.join("stations/s1/t.toml");
    let text = std::fs::read_to_string(&t).unwrap();
    std::fs::write(&t, format!("{text}<<<<<<< ours\n")).unwrap();
    git_ok(lap, &["commit", "-qam", "markers"]);
    let o = git(lap, &["push", "origin", "HEAD:main"]);
    assert!(!o.status.success(), "{via_name}: markers went up");
    git_ok(lap, &["reset", "-q", "--hard", "HEAD~1"]);
}

/// s1's laptop writes s0's report (s0 is keyed): unverified, never counted; s0's own, signed,
/// counts; a report file that lies about its station is refused.
fn forged(w: &World, via_name: &str) {
    let day = street_today();
    let s0 = &w.laptops[0];
    lp_ok(
        s0,
        &[
            "station",
            "join",
            "s0",
            "--signing-key",
            w.root.join("ka").to_str().unwrap(),
        ],
    );
    lp_ok(&w.station(0), &["report", "--submit"]);
    let lap = &w.laptops[1];
    lp_ok(lap, &["sync"]);
    let path = lap.join(format!("reports/{day}/s0.toml"));
    let real = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        real.replace("zero = false", "zero = true") + "\n# forged\n",
    )
    .unwrap();
    let liar = lap.join(format!("reports/{day}/s2.toml"));
    std::fs::write(&liar, real.replace("station = \"s0\"", "station = \"s9\"")).unwrap();
    lp_ok(lap, &["sync"]);
    lp_ok(&w.office, &["sync"]);
    let o = lp(
        &w.office,
        &["--lang", "en", "street", "report", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        v["unverified"],
        serde_json::json!(["s0"]),
        "{via_name}: {v}"
    );
    assert_eq!(v["submitted"], 0, "{via_name}: nothing forged counted: {v}");
    lp_ok(s0, &["sync"]);
    lp_ok(&w.station(0), &["report", "--submit"]);
    lp_ok(&w.office, &["sync"]);
    let o = lp(
        &w.office,
        &["--lang", "en", "street", "report", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["submitted"], 1, "{via_name}: s0's own counts: {v}");
}

/// The remote's history rewritten under a laptop with a commit of its own: exit 3, the commit
/// kept on a branch, never merged back.
fn rewritten(w: &World, via_name: &str) {
    let lap = &w.laptops[2];
    lp_ok(lap, &["sync"]);
    lp_ok(&w.station(2), &["set", "t", "101", "healthy"]);
    let office = &w.office;
    git_ok(office, &["commit", "-q", "--amend", "-m", "rewritten"]);
    // the guard refuses forced pushes: whoever rewrites the street's history (after
    // `migrate --rewrite-history`) lifts that on the server first, as here
    git_ok(
        &w.remote,
        &["config", "receive.denyNonFastForwards", "false"],
    );
    git_ok(office, &["push", "-q", "-f", "origin", "HEAD"]);
    let o = lp(&w.station(2), &["--lang", "en", "sync"]);
    let log = git_ok(lap, &["log", "--oneline", "-5", "--all", "--graph"]);
    let rlog = git_ok(&w.remote, &["log", "--oneline", "-5", "--branches"]);
    assert_eq!(
        o.status.code(),
        Some(3),
        "{via_name}: {}\n{log}\n{rlog}",
        stderr(&o)
    );
    let kept = git_ok(lap, &["branch", "--list", "loupan-kept-*"]);
    assert!(!kept.trim().is_empty(), "{via_name}: ours kept on a branch");
    assert_eq!(status_of(&w.station(2), "t", "101"), "healthy");
}

#[test]
fn over_file_urls() {
    over("file://", |_, remote| {
        Box::new(Files {
            repo: remote.to_path_buf(),
        })
    });
}

#[test]
fn over_ssh_to_127_0_0_1() {
    if sshd_path().is_none() {
        eprintln!("skipped: no sshd here (apt-get install openssh-server; .ci/run installs it)");
        return;
    }
    over("ssh", |root, remote| Box::new(Ssh::new(root, remote)));
}
