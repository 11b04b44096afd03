import Foundation

/// Gives each distinct byte string (a sub-project id, a programme id) a small dense number.
///
/// The streaming path meets the same twenty thousand ids ten million times; hashing the raw bytes
/// into an open-addressing table avoids building a `String` (and its allocation) for every row.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    /// Slots hold id + 1; 0 is empty. The capacity is a power of two, at most half full.
    private var slots: [Int32] = Array(repeating: 0, count: 1024)
    private var hashes: [UInt64] = []

    var count: Int { starts.count - 1 }

    /// The id of `bytes`, and whether it was seen for the first time.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int, isNew: Bool) {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            let id = entry - 1
            if hashes[id] == hash, equals(id, bytes) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = count
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = Int32(id + 1)
        if count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// The bytes interned as `id`.
    func bytes(of id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<starts[id + 1]] }

    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        let length = starts[id + 1] - start
        guard length == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            guard let a = stored.baseAddress, let b = bytes.baseAddress else { return length == 0 }
            return memcmp(a + start, b, length) == 0
        }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for id in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[id]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(id + 1)
        }
        slots = bigger
    }

    /// FNV-1a, then a final mix so that the low bits used for the slot depend on every byte.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        return h
    }
}
