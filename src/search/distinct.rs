//! How many distinct keys runs of them hold: the count of hits after
//! folding copies, over the text hashes of every match.
//!
//! The keys are hashes already, so a table of them with linear probing, two
//! thirds full at most, finds each in a step or two (a general hash set
//! took four times the instructions on the 132,000 matches of a common word
//! at 4×; one kept at most half full took half as much work again, most of
//! it zeroing the larger table). The table is kept for the thread's next
//! search: a new one of 256 KiB (a common word's 16,000 matches) came
//! zeroed from the system page by page, and taking those pages cost more
//! than counting.

use std::cell::RefCell;

/// Slots of the table kept between searches (1 MiB); a larger one is
/// given back.
const KEEP: usize = 1 << 17;

thread_local! {
    static TABLE: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// How many distinct values the runs of keys hold.
pub fn distinct(runs: &[&[u64]]) -> usize {
    let n: usize = runs.iter().map(|run| run.len()).sum();
    TABLE.with_borrow_mut(|table| {
        let found = count(table, runs.iter().copied(), n);
        if table.len() > KEEP {
            *table = Vec::new();
        }
        found
    })
}

/// How many distinct values `slices`, `n` keys in all, hold, counted in
/// `table` (made as large as they need and left for the next call).
fn count<'a>(table: &mut Vec<u64>, slices: impl Iterator<Item = &'a [u64]>, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let slots = (n + n / 2).next_power_of_two().max(16);
    let shift = 64 - slots.trailing_zeros();
    let mask = slots - 1;
    // 0 marks an empty slot, so the key 0 is counted beside the table.
    table.clear();
    table.resize(slots, 0);
    let mut zero = false;
    let mut count = 0;
    for &key in slices.flatten() {
        if key == 0 {
            zero = true;
            continue;
        }
        // Fibonacci hashing spreads keys that are not uniform after all.
        let mut slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize;
        while let Some(held) = table.get_mut(slot) {
            if *held == key {
                break;
            }
            if *held == 0 {
                *held = key;
                count += 1;
                break;
            }
            slot = (slot + 1) & mask;
        }
    }
    count + usize::from(zero)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_keys_are_counted_as_a_set_counts_them() {
        let mut keys: Vec<u64> = Vec::new();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for i in 0..5_000u64 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            keys.push(state);
            // Repeats, small keys that collide in the table, and zero.
            keys.push(if i % 3 == 0 { state } else { i % 97 });
        }
        let set: std::collections::HashSet<u64> = keys.iter().copied().collect();
        assert_eq!(distinct(&[&keys[..100], &keys[100..]]), set.len());
        // The table kept from the last count holds nothing of it.
        assert_eq!(distinct(&[&keys[..1]]), 1);
        assert_eq!(distinct(&[&keys[..100], &keys[100..]]), set.len());
        assert_eq!(distinct(&[]), 0);
        assert_eq!(distinct(&[&[], &[]]), 0);
        assert_eq!(distinct(&[&[0, 0, 5], &[5]]), 2);
        // Keys that differ only in their top bits, each twice.
        let high: Vec<u64> = (1..=15u64).flat_map(|i| [i << 60, i << 60]).collect();
        assert_eq!(distinct(&[&high]), 15);
        // A table too large to keep is given back.
        let many: Vec<u64> = (1..=KEEP as u64).collect();
        assert_eq!(distinct(&[&many]), KEEP);
        assert!(TABLE.with_borrow(Vec::is_empty));
    }
}
