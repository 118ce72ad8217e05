//! `SmallStr`: an immutable 16-byte string that keeps up to 14 bytes inline. Unit labels,
//! household names and phone numbers are short, and a city holds a million of each: inline they
//! cost no allocation, where a `Box<str>` costs 16 bytes plus a 32-byte heap chunk. Longer text
//! (company names, notes) goes to the heap in one allocation behind one thin pointer. Pure.

use std::alloc::{Layout, alloc, dealloc, handle_alloc_error};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::ptr::{self, NonNull};

const INLINE: usize = 14;

#[derive(Clone)]
enum Repr {
    Inline { len: u8, buf: [u8; INLINE] },
    Heap(Heap),
}

/// Text longer than `INLINE` bytes in one allocation: its length, then its bytes. The length
/// takes one byte below 255 (every name and note a station writes), else 255 and eight bytes.
/// A `Box<str>` would be two words and, boxed again to fit one, a second allocation: on the city
/// that second chunk was 12 MB.
struct Heap(NonNull<u8>);

// SAFETY: a `Heap` owns its allocation alone and never changes it, like a `Box<str>`.
unsafe impl Send for Heap {}
unsafe impl Sync for Heap {}

const LONG: u8 = u8::MAX;

impl Heap {
    fn new(s: &str) -> Heap {
        let mut buf = [LONG; 9];
        let head = if s.len() < LONG as usize {
            buf[0] = s.len() as u8;
            &buf[..1]
        } else {
            buf[1..].copy_from_slice(&s.len().to_le_bytes());
            &buf[..]
        };
        let layout = Heap::layout(head.len(), s.len());
        // SAFETY: the layout's size is at least 1 (the head)
        let p = unsafe { alloc(layout) };
        let Some(p) = NonNull::new(p) else {
            handle_alloc_error(layout)
        };
        // SAFETY: the allocation holds head.len() + s.len() bytes; the sources do not overlap it
        unsafe {
            ptr::copy_nonoverlapping(head.as_ptr(), p.as_ptr(), head.len());
            ptr::copy_nonoverlapping(s.as_ptr(), p.as_ptr().add(head.len()), s.len());
        }
        Heap(p)
    }

    fn layout(head: usize, len: usize) -> Layout {
        // a &str is at most isize::MAX bytes, so only a string the process could not hold fails
        Layout::from_size_align(head + len, 1).expect("text too long to hold")
    }

    /// (bytes of head, bytes of text)
    fn lengths(&self) -> (usize, usize) {
        let p = self.0.as_ptr();
        // SAFETY: the head was written by `new`: one byte, or LONG and eight more
        unsafe {
            match *p {
                LONG => {
                    let mut n = [0u8; 8];
                    ptr::copy_nonoverlapping(p.add(1), n.as_mut_ptr(), 8);
                    (9, usize::from_le_bytes(n))
                }
                n => (1, n as usize),
            }
        }
    }

    fn as_str(&self) -> &str {
        let (head, len) = self.lengths();
        // SAFETY: `new` copied `len` bytes of a &str after the head; they never change
        unsafe {
            let bytes = std::slice::from_raw_parts(self.0.as_ptr().add(head), len);
            std::str::from_utf8_unchecked(bytes)
        }
    }
}

impl Clone for Heap {
    fn clone(&self) -> Heap {
        Heap::new(self.as_str())
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        let (head, len) = self.lengths();
        // SAFETY: allocated by `new` with this very layout
        unsafe { dealloc(self.0.as_ptr(), Heap::layout(head, len)) }
    }
}

#[derive(Clone)]
pub struct SmallStr(Repr);

impl SmallStr {
    pub fn new(s: &str) -> SmallStr {
        if s.len() <= INLINE {
            let mut buf = [0u8; INLINE];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            SmallStr(Repr::Inline {
                len: s.len() as u8,
                buf,
            })
        } else {
            SmallStr(Repr::Heap(Heap::new(s)))
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            // always valid: only ever filled from a &str
            Repr::Inline { len, buf } => {
                std::str::from_utf8(&buf[..*len as usize]).unwrap_or_default()
            }
            Repr::Heap(h) => h.as_str(),
        }
    }
}

impl Deref for SmallStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for SmallStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SmallStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for SmallStr {
    fn from(s: &str) -> SmallStr {
        SmallStr::new(s)
    }
}

impl From<String> for SmallStr {
    fn from(s: String) -> SmallStr {
        SmallStr::new(&s)
    }
}

impl From<&String> for SmallStr {
    fn from(s: &String) -> SmallStr {
        SmallStr::new(s)
    }
}

impl PartialEq for SmallStr {
    fn eq(&self, o: &SmallStr) -> bool {
        self.as_str() == o.as_str()
    }
}

impl Eq for SmallStr {}

impl PartialEq<str> for SmallStr {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}

impl PartialEq<&str> for SmallStr {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

impl PartialOrd for SmallStr {
    fn partial_cmp(&self, o: &SmallStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for SmallStr {
    fn cmp(&self, o: &SmallStr) -> std::cmp::Ordering {
        self.as_str().cmp(o.as_str())
    }
}

impl Hash for SmallStr {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl fmt::Debug for SmallStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SmallStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_strings_read_back() {
        for s in [
            "",
            "1203",
            "王家",
            "B1-01",
            "某某科技有限公司某某科技有限公司",
            &"x".repeat(22),
            &"y".repeat(23),
        ] {
            let x = SmallStr::new(s);
            assert_eq!(&*x, s);
            assert_eq!(x, SmallStr::from(s.to_string()));
        }
        assert_eq!(std::mem::size_of::<SmallStr>(), 16);
        assert_eq!(std::mem::size_of::<Option<SmallStr>>(), 16);
    }

    /// Every length around the inline limit and the one-byte length's limit, cloned and dropped.
    #[test]
    fn every_length_reads_back_and_clones() {
        for n in (0..=300).chain([1_000, 70_000]) {
            let s: String = "王a".chars().cycle().take(n).collect();
            let x = SmallStr::new(&s);
            let y = x.clone();
            drop(x);
            assert_eq!(&*y, s, "{n} characters");
            assert_eq!(y.len(), s.len());
        }
    }
}
