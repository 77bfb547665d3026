// SPDX-License-Identifier: MIT OR Apache-2.0
//! [`SmallBytes`]: a short byte string that does not allocate.

/// Bytes kept inline up to [`SmallBytes::INLINE`] bytes (every output script, account id and
/// key but Cardano's and Monero's, and every base58 address decoded but theirs), on the heap
/// beyond, so that parsing an address allocates nothing for them: `validate` runs on every
/// keystroke and every line of a bulk check.
#[derive(Clone)]
pub(crate) enum SmallBytes {
    Inline {
        len: u8,
        buf: [u8; SmallBytes::INLINE],
    },
    Heap(Box<[u8]>),
}

impl SmallBytes {
    /// Segwit scripts are at most 42 bytes (opcode, push, 40-byte program).
    pub(crate) const INLINE: usize = 42;

    /// The concatenation of `parts`.
    pub(crate) fn from_parts(parts: &[&[u8]]) -> SmallBytes {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        if len > Self::INLINE {
            return SmallBytes::Heap(parts.concat().into_boxed_slice());
        }
        let mut buf = [0u8; Self::INLINE];
        let mut at = 0;
        for part in parts {
            buf[at..at + part.len()].copy_from_slice(part);
            at += part.len();
        }
        SmallBytes::Inline {
            len: len as u8,
            buf,
        }
    }

    /// `len` zero bytes, to be filled in through [`SmallBytes::as_mut_slice`].
    pub(crate) fn zeroed(len: usize) -> SmallBytes {
        if len > Self::INLINE {
            return SmallBytes::Heap(vec![0; len].into_boxed_slice());
        }
        SmallBytes::Inline {
            len: len as u8,
            buf: [0; Self::INLINE],
        }
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        match self {
            SmallBytes::Inline { len, buf } => &buf[..usize::from(*len)],
            SmallBytes::Heap(bytes) => bytes,
        }
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [u8] {
        match self {
            SmallBytes::Inline { len, buf } => &mut buf[..usize::from(*len)],
            SmallBytes::Heap(bytes) => bytes,
        }
    }
}

impl From<&[u8]> for SmallBytes {
    fn from(bytes: &[u8]) -> SmallBytes {
        SmallBytes::from_parts(&[bytes])
    }
}

impl<const N: usize> From<&[u8; N]> for SmallBytes {
    fn from(bytes: &[u8; N]) -> SmallBytes {
        SmallBytes::from_parts(&[bytes])
    }
}

impl From<Vec<u8>> for SmallBytes {
    fn from(bytes: Vec<u8>) -> SmallBytes {
        if bytes.len() > Self::INLINE {
            SmallBytes::Heap(bytes.into_boxed_slice())
        } else {
            SmallBytes::from_parts(&[&bytes])
        }
    }
}

impl core::ops::Deref for SmallBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl core::fmt::Debug for SmallBytes {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "SmallBytes({})", hex::encode(self.as_slice()))
    }
}

impl PartialEq for SmallBytes {
    fn eq(&self, other: &SmallBytes) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for SmallBytes {}

impl core::hash::Hash for SmallBytes {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}
