//! `SmallStr`: an immutable string in one word that keeps up to 7 bytes inline. Unit labels
//! (`1203`, `B1-01`) and most household names (`王家`) are that short, and a city holds a million
//! of each, in four text fields a unit: every byte of the word is four megabytes. Inline text costs
//! no allocation; longer text (phone numbers, company names, notes) goes to the heap in one
//! allocation behind one thin pointer. `Option<SmallStr>` is one word too. Pure.

use std::alloc::{Layout, alloc, dealloc, handle_alloc_error};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::ptr::{self, NonNull};

/// The word's bytes: one for the tag and the length, the rest for inline text.
const WORD: usize = std::mem::size_of::<usize>();
const INLINE: usize = WORD - 1;
/// Where, in the word's bytes as they lie in memory, the tag byte and the inline text are: the
/// tag is the byte that holds the address's lowest bit, which a heap pointer (aligned to 2)
/// never sets.
const TAG_AT: usize = if cfg!(target_endian = "little") {
    0
} else {
    WORD - 1
};
const TEXT_AT: usize = if cfg!(target_endian = "little") { 1 } else { 0 };

/// Text in one word: inline (lowest address bit set, the length in the tag byte's next bits,
/// the bytes beside it), or a pointer to a [`Heap`] allocation (lowest bit clear). Never null,
/// so an `Option` of it needs no more room.
pub struct SmallStr(NonNull<u8>);

// SAFETY: a `SmallStr` owns its allocation (if any) alone and never changes it, like a `Box<str>`.
unsafe impl Send for SmallStr {}
unsafe impl Sync for SmallStr {}

const LONG: u8 = u8::MAX;

/// Text longer than `INLINE` bytes in one allocation, aligned to 2: its length, then its bytes.
/// The length takes one byte below 255 (every name and note a station writes), else 255 and eight
/// bytes. A `Box<str>` would be two words and, boxed again to fit one, a second allocation.
struct Heap;

impl Heap {
    fn alloc_str(s: &str) -> NonNull<u8> {
        let mut buf = [LONG; 9];
        let head = if s.len() < LONG as usize {
            buf[0] = s.len() as u8;
            &buf[..1]
        } else {
            buf[1..].copy_from_slice(&(s.len() as u64).to_le_bytes());
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
        p
    }

    fn layout(head: usize, len: usize) -> Layout {
        // a &str is at most isize::MAX bytes, so only a string the process could not hold fails
        Layout::from_size_align(head + len, 2).expect("text too long to hold")
    }

    /// (bytes of head, bytes of text) of an allocation made by `new`.
    ///
    /// # Safety
    /// `p` points to a live allocation made by `Heap::alloc_str`.
    unsafe fn lengths(p: NonNull<u8>) -> (usize, usize) {
        let p = p.as_ptr();
        // SAFETY: the head was written by `alloc_str`: one byte, or LONG and eight more
        unsafe {
            match *p {
                LONG => {
                    let mut n = [0u8; 8];
                    ptr::copy_nonoverlapping(p.add(1), n.as_mut_ptr(), 8);
                    (9, u64::from_le_bytes(n) as usize)
                }
                n => (1, n as usize),
            }
        }
    }
}

impl SmallStr {
    pub fn new(s: &str) -> SmallStr {
        if s.len() <= INLINE {
            let mut buf = [0u8; WORD];
            buf[TAG_AT] = (s.len() as u8) << 1 | 1;
            buf[TEXT_AT..TEXT_AT + s.len()].copy_from_slice(s.as_bytes());
            let word = usize::from_ne_bytes(buf);
            // never null: the lowest bit is set
            SmallStr(NonNull::new(ptr::without_provenance_mut(word)).unwrap_or(NonNull::dangling()))
        } else {
            SmallStr(Heap::alloc_str(s))
        }
    }

    fn is_inline(&self) -> bool {
        self.0.as_ptr().addr() & 1 == 1
    }

    pub fn as_str(&self) -> &str {
        if self.is_inline() {
            // SAFETY: the word's own bytes, where `new` put them; they live as long as `self`
            let bytes: &[u8; WORD] = unsafe { &*(&self.0 as *const NonNull<u8>).cast() };
            let len = (bytes[TAG_AT] >> 1) as usize;
            // SAFETY: `new` copied these bytes whole from a &str, and they never change
            unsafe { std::str::from_utf8_unchecked(&bytes[TEXT_AT..TEXT_AT + len]) }
        } else {
            // SAFETY: a heap word always points to its own allocation made by `Heap::alloc_str`,
            // whose `len` bytes after the head were copied from a &str and never change
            unsafe {
                let (head, len) = Heap::lengths(self.0);
                let bytes = std::slice::from_raw_parts(self.0.as_ptr().add(head), len);
                std::str::from_utf8_unchecked(bytes)
            }
        }
    }
}

impl Clone for SmallStr {
    fn clone(&self) -> SmallStr {
        if self.is_inline() {
            SmallStr(self.0)
        } else {
            SmallStr(Heap::alloc_str(self.as_str()))
        }
    }
}

impl Drop for SmallStr {
    fn drop(&mut self) {
        if !self.is_inline() {
            // SAFETY: a heap word's allocation was made by `Heap::alloc_str` with this very layout,
            // and is owned by this value alone
            unsafe {
                let (head, len) = Heap::lengths(self.0);
                dealloc(self.0.as_ptr(), Heap::layout(head, len))
            }
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
        assert_eq!(std::mem::size_of::<SmallStr>(), 8);
        assert_eq!(std::mem::size_of::<Option<SmallStr>>(), 8);
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
