//! Word spans of a text, found 64 bytes at a time.
//!
//! The highlighter and the near-duplicate signatures both walk every word
//! of a body. Stepping byte by byte, the branch at each word's end goes
//! wrong about once a word, and that was most of their time. Here the
//! bytes are classified eight at a time into bit masks, and the spans are
//! read off the masks: a *span* is a maximal run of ASCII letters and
//! digits and bytes outside ASCII. ASCII punctuation and spaces always
//! separate words, so no word crosses a span's edge; a span that is all
//! ASCII is one word, and only a span with other bytes needs to be split
//! character by character by its caller (`“`, `—` and `…` are not letters).

use std::ops::Range;

/// Calls `visit` with each span of `text` in order, and whether it holds a
/// byte outside ASCII.
#[inline(always)]
pub(crate) fn for_each_span(text: &[u8], mut visit: impl FnMut(Range<usize>, bool)) {
    let mut chunk = 0;
    // A chunk never starts inside a span: one that runs past its chunk is
    // followed to its end, and the next chunk starts there.
    while chunk < text.len() {
        let len = (text.len() - chunk).min(64);
        let (in_span, high) = span_masks(&text[chunk..chunk + len]);
        let mut starts = in_span & !(in_span << 1);
        let mut next_chunk = chunk + len;
        while starts != 0 {
            let k = starts.trailing_zeros() as usize;
            starts &= starts - 1;
            let span_len = (!(in_span >> k)).trailing_zeros() as usize;
            let from = chunk + k;
            if k + span_len >= len {
                // The span runs to the chunk's end, maybe past it.
                let mut end = chunk + len;
                let mut outside = high >> k != 0;
                while let Some(&b) = text.get(end) {
                    if SPAN_BYTE[usize::from(b)] == 0 {
                        break;
                    }
                    outside |= !b.is_ascii();
                    end += 1;
                }
                visit(from..end, outside);
                next_chunk = end;
                break;
            }
            let bits = ((1u64 << span_len) - 1) << k;
            visit(from..from + span_len, high & bits != 0);
        }
        chunk = next_chunk;
    }
}

/// For up to 64 bytes, bit k set if byte k belongs in a span (an ASCII
/// letter or digit, or a byte outside ASCII), and bit k set if byte k is
/// outside ASCII. Eight bytes are classified at once, as one `u64`.
pub(crate) fn span_masks(bytes: &[u8]) -> (u64, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = ONES * 0x80;
    /// Bit 7 of each byte of `v` gathered into bits 0..8.
    fn gather(v: u64) -> u64 {
        ((v >> 7) & ONES).wrapping_mul(0x0102_0408_1020_4080) >> 56
    }
    /// Bit 7 set in each byte of `x` (all below 0x80) within `lo..=hi`.
    fn within(x: u64, lo: u8, hi: u8) -> u64 {
        let at_least = x + ONES * u64::from(0x80 - lo);
        let above = x + ONES * u64::from(0x7f - hi);
        at_least & !above & HIGH
    }
    let (mut in_span, mut high) = (0u64, 0u64);
    let mut groups = bytes.chunks_exact(8);
    let mut at = 0;
    for group in &mut groups {
        let mut word = [0u8; 8];
        word.copy_from_slice(group);
        let w = u64::from_le_bytes(word);
        let outside = w & HIGH;
        let x = w & !HIGH;
        let alphanumeric = within(x, b'0', b'9') | within(x | (ONES * 0x20), b'a', b'z');
        in_span |= gather((alphanumeric & !outside) | outside) << at;
        high |= gather(outside) << at;
        at += 8;
    }
    for &b in groups.remainder() {
        in_span |= u64::from(SPAN_BYTE[usize::from(b)]) << at;
        high |= u64::from(b >> 7) << at;
        at += 1;
    }
    (in_span, high)
}

/// 1 for the bytes a span is made of: ASCII letters and digits, and every
/// byte outside ASCII.
static SPAN_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = (byte.is_ascii_alphanumeric() || !byte.is_ascii()) as u8;
        b += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::Rng;

    #[test]
    fn span_masks_classify_every_byte() {
        // Every byte value, at every place of a 64-byte chunk and of
        // shorter ones (the tail is classified byte by byte).
        for len in [64, 63, 9, 8, 7, 1] {
            for b in 0..=u8::MAX {
                for at in 0..len {
                    let mut chunk = vec![b' '; len];
                    chunk[at] = b;
                    chunk[(at + 5) % len] = b'Q';
                    let (in_span, high) = span_masks(&chunk);
                    for (k, &byte) in chunk.iter().enumerate() {
                        let expect_span = byte.is_ascii_alphanumeric() || !byte.is_ascii();
                        assert_eq!(in_span >> k & 1 == 1, expect_span, "{byte} at {k} of {len}");
                        assert_eq!(high >> k & 1 == 1, !byte.is_ascii(), "{byte} at {k}");
                    }
                    assert_eq!(in_span >> len.min(63) >> 1, 0);
                }
            }
        }
    }

    /// The spans as a byte-by-byte scan finds them.
    fn reference(text: &[u8]) -> Vec<(Range<usize>, bool)> {
        let mut out = Vec::new();
        let mut start = None;
        for (at, &b) in text.iter().chain([b' '].iter()).enumerate() {
            if SPAN_BYTE[usize::from(b)] == 1 && at < text.len() {
                start.get_or_insert(at);
            } else if let Some(from) = start.take() {
                out.push((from..at, !text[from..at].is_ascii()));
            }
        }
        out
    }

    #[test]
    fn spans_are_those_of_a_byte_by_byte_scan_across_chunks() {
        const PIECES: &[&str] = &["a", "Z", "7", " ", ",", "\n", "é", "—", "東", "word", "x1"];
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for _ in 0..2_000 {
            // Up to a few chunks, with spans of every length, some long
            // enough to cross one or two chunk edges.
            let pieces = rng.below(120);
            let mut text = String::new();
            for _ in 0..pieces {
                let piece = PIECES[rng.below(PIECES.len())];
                let times = if rng.below(8) == 0 { rng.below(70) } else { 1 };
                text.push_str(&piece.repeat(times));
            }
            let mut got = Vec::new();
            for_each_span(text.as_bytes(), |range, outside| got.push((range, outside)));
            assert_eq!(got, reference(text.as_bytes()), "on {text:?}");
        }
    }
}
