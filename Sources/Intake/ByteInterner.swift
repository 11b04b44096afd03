/// Gives each distinct byte string (a sub-project id, a programme id) a small dense number.
///
/// The streaming path meets the same twenty thousand ids ten million times; hashing the raw bytes
/// into an open-addressing table avoids building a `String` (and its allocation) for every row.
/// Ids of up to 16 bytes are kept inside the slot, so a lookup touches one cache line, not three.
struct ByteInterner {
    private struct Slot {
        /// Hash tag (high 24 bits), length (8 bits, 255 = longer), id + 1 (low 32 bits); 0 is empty.
        var meta: UInt64 = 0
        var k0: UInt64 = 0
        var k1: UInt64 = 0
    }

    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var slots = [Slot](repeating: Slot(), count: 1024)

    var count: Int { starts.count - 1 }

    /// The id of `bytes`, and whether it was seen for the first time.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int, isNew: Bool) {
        let hash = Self.hash(bytes)
        let (k0, k1) = Self.prefix(bytes)
        let key = (hash & 0xFFFF_FF00_0000_0000) | (UInt64(min(bytes.count, 255)) << 32)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let found: Int? = slots.withUnsafeBufferPointer { table in
            while true {
                let entry = table[slot]
                if entry.meta == 0 { return nil }
                if entry.meta & 0xFFFF_FFFF_0000_0000 == key, entry.k0 == k0, entry.k1 == k1 {
                    let id = Int(entry.meta & 0xFFFF_FFFF) - 1
                    if bytes.count <= 16 || equals(id, bytes) { return id }
                }
                slot = (slot + 1) & mask
            }
        }
        if let found { return (found, false) }
        let id = count
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        let meta = key | UInt64(id + 1)
        slots[slot] = Slot(meta: meta, k0: k0, k1: k1)
        if count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// The bytes interned as `id`.
    func bytes(of id: Int) -> ArraySlice<UInt8> { arena[starts[id]..<starts[id + 1]] }

    private func equals(_ id: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[id]
        let length = starts[id + 1] - start
        guard length == bytes.count else { return false }
        for k in 0..<length where arena[start + k] != bytes[k] { return false }
        return true
    }

    private mutating func grow() {
        var bigger = [Slot](repeating: Slot(), count: slots.count * 2)
        let mask = bigger.count - 1
        for old in slots where old.meta != 0 {
            let id = Int(old.meta & 0xFFFF_FFFF) - 1
            let hash = arena.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[starts[id]..<starts[id + 1]])) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while bigger[slot].meta != 0 { slot = (slot + 1) & mask }
            bigger[slot] = old
        }
        slots = bigger
    }

    /// The first 16 bytes, zero-padded, as two words.
    static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[..<min(bytes.count, 16)]))
        }
        return words
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
