//! The worker: one thread that owns the [`Runner`] and does, in the order asked, everything that
//! waits on the disk or on git — saves, follow-ups, commits (with whatever hooks the repository
//! runs), day steps, rescans, and the bookkeeping of each building the loader read. The event
//! loop only hands it jobs and reads its answers from the one channel, so a key is answered while
//! git works. One thread, not a pool: jobs keep their order, so a save asked after another is
//! written after it. Tests run the same [`Runner`] inline (`effects::settle`).

use super::app::{Effect, Message};
use super::effects::Runner;
use loupan_store::Loaded;
use loupan_store::journal::Whole;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread::JoinHandle;

pub enum Job {
    Do(Effect),
    Loaded(Loaded),
    Journal(Whole),
    /// Something changed on disk: compare stamps.
    Scan,
}

pub struct Worker {
    jobs: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
    /// A rescan is already queued: a burst of change events makes one scan, not one each.
    scan_queued: Arc<AtomicBool>,
}

impl Worker {
    /// Starts the thread; `answer` carries each job's messages back to the event loop.
    pub fn spawn(mut runner: Runner, answer: impl Fn(Vec<Message>) + Send + 'static) -> Worker {
        let (tx, rx) = mpsc::channel::<Job>();
        let scan_queued = Arc::new(AtomicBool::new(false));
        let queued = scan_queued.clone();
        let thread = std::thread::spawn(move || {
            // every job asked is done, even after the loop has stopped listening: a save that
            // was asked for reaches the disk
            while let Ok(job) = rx.recv() {
                let out = match job {
                    Job::Do(e) => runner.perform(e),
                    Job::Loaded(l) => vec![runner.loaded(l)],
                    Job::Journal(j) => vec![runner.journal(j)],
                    Job::Scan => {
                        queued.store(false, Ordering::SeqCst);
                        runner.rescan()
                    }
                };
                if !out.is_empty() {
                    answer(out);
                }
            }
        });
        Worker {
            jobs: Some(tx),
            thread: Some(thread),
            scan_queued,
        }
    }

    pub fn send(&self, job: Job) {
        if matches!(job, Job::Scan) && self.scan_queued.swap(true, Ordering::SeqCst) {
            return;
        }
        if let Some(tx) = &self.jobs {
            let _ = tx.send(job);
        }
    }

    /// Waits until every job already asked is done (saves on disk, a commit made), then stops.
    pub fn finish(mut self) {
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
