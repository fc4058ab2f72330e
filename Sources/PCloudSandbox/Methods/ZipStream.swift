import Foundation
import Hummingbird
import NIOCore
import ZIPFoundation

/// Writes a zip archive straight into a response, built on the fly as pCloud's `getzip` does:
/// stored (uncompressed) entries, each followed by a data descriptor because its CRC is known
/// only after its bytes went out; zip64 records only once sizes or offsets pass 4 GiB or the
/// entry count passes 65535. Memory stays at one read buffer whatever the archive's size.
struct ZipStream {
    struct Entry: Sendable {
        let path: String
        /// Blob file to read, nil for a directory.
        let source: String?
        let size: Int64
        let modified: Int64
    }

    let entries: [Entry]
    /// Seconds added to UTC for the DOS timestamps (`timeoffset`).
    let timeOffset: Int64
    let pacer: Pacer

    private struct Written {
        let name: [UInt8]
        let crc: UInt32
        let size: Int64
        let offset: Int64
        let dosTime: UInt16
        let dosDate: UInt16
        let isDirectory: Bool
        let zip64: Bool
    }

    /// Payload bytes of all entries (what `savezipprogress` calls `totalbytes`).
    var totalBytes: Int64 { entries.reduce(0) { $0 + $1.size } }

    /// As a response body, paced to the connection.
    var body: ResponseBody {
        let stream = self
        return ResponseBody { writer in
            var pacer = stream.pacer
            try await stream.write { buffer in
                try await writer.write(buffer)
                try await pacer.wrote(buffer.readableBytes)
            }
            try await writer.finish(nil)
        }
    }

    /// Produces the archive into `sink`; `progress` hears (entries done, payload bytes done).
    func write(to sink: (ByteBuffer) async throws -> Void,
               progress: (_ files: Int, _ bytes: Int64) -> Void = { _, _ in }) async throws {
            var offset: Int64 = 0, payload: Int64 = 0
            var written: [Written] = []
            func emit(_ buffer: ByteBuffer) async throws {
                offset += Int64(buffer.readableBytes)
                try await sink(buffer)
            }
            for entry in entries {
                let name = Array(entry.path.utf8)
                let (time, date) = ZipStream.dos(entry.modified + timeOffset)
                let start = offset
                // zip64 only where needed, as pCloud does: sizes are known up front, so only the
                // CRC is deferred to the data descriptor.
                let zip64 = entry.size >= 0xFFFF_FFFF || start >= 0xFFFF_FFFF
                var header = ByteBuffer()
                header.writeLE(UInt32(0x0403_4b50))
                header.writeLE(UInt16(zip64 ? 45 : 20))
                header.writeLE(UInt16(1 << 3 | 1 << 11))        // data descriptor, UTF-8 names
                header.writeLE(UInt16(0))                       // stored
                header.writeLE(time); header.writeLE(date)
                header.writeLE(UInt32(0))
                let size32 = zip64 ? UInt32(0xFFFF_FFFF) : UInt32(entry.size)
                header.writeLE(size32); header.writeLE(size32)
                header.writeLE(UInt16(name.count)); header.writeLE(UInt16(zip64 ? 20 : 0))
                header.writeBytes(name)
                if zip64 {
                    header.writeLE(UInt16(0x0001)); header.writeLE(UInt16(16))
                    header.writeLE(UInt64(entry.size)); header.writeLE(UInt64(entry.size))
                }
                try await emit(header)

                var crc: UInt32 = 0
                var size: Int64 = 0
                if let source = entry.source {
                    let fd = open(source, O_RDONLY | O_CLOEXEC)
                    guard fd >= 0 else { throw APIError(5000) }
                    defer { close(fd) }
                    while size < entry.size {
                        var chunk = ByteBufferAllocator().buffer(capacity: Pacer.chunk)
                        let want = Int(min(Int64(Pacer.chunk), entry.size - size))
                        let n = chunk.writeWithUnsafeMutableBytes(minimumWritableBytes: want) { ptr in
                            max(0, read(fd, ptr.baseAddress!, want))
                        }
                        if n == 0 { throw APIError(5000) }
                        crc = chunk.withUnsafeReadableBytes { Data($0) }.crc32(checksum: crc)
                        size += Int64(n)
                        payload += Int64(n)
                        try await emit(chunk)
                        progress(written.count, payload)
                    }
                }
                var descriptor = ByteBuffer()
                descriptor.writeLE(UInt32(0x0807_4b50))
                descriptor.writeLE(crc)
                if zip64 {
                    descriptor.writeLE(UInt64(size)); descriptor.writeLE(UInt64(size))
                } else {
                    descriptor.writeLE(UInt32(size)); descriptor.writeLE(UInt32(size))
                }
                try await emit(descriptor)
                written.append(Written(name: name, crc: crc, size: size, offset: start, dosTime: time, dosDate: date,
                                       isDirectory: entry.source == nil, zip64: zip64))
                progress(written.count, payload)
            }

            let centralStart = offset
            for w in written {
                var extra = ByteBuffer()
                if w.zip64 {
                    extra.writeLE(UInt16(0x0001)); extra.writeLE(UInt16(24))
                    extra.writeLE(UInt64(w.size)); extra.writeLE(UInt64(w.size)); extra.writeLE(UInt64(w.offset))
                }
                var c = ByteBuffer()
                c.writeLE(UInt32(0x0201_4b50))
                c.writeLE(UInt16(3 << 8 | (w.zip64 ? 45 : 20)))  // made by Unix
                c.writeLE(UInt16(w.zip64 ? 45 : 20))
                c.writeLE(UInt16(1 << 3 | 1 << 11))
                c.writeLE(UInt16(0))
                c.writeLE(w.dosTime); c.writeLE(w.dosDate)
                c.writeLE(w.crc)
                let size32 = w.zip64 ? UInt32(0xFFFF_FFFF) : UInt32(w.size)
                c.writeLE(size32); c.writeLE(size32)
                c.writeLE(UInt16(w.name.count)); c.writeLE(UInt16(extra.readableBytes)); c.writeLE(UInt16(0))
                c.writeLE(UInt16(0)); c.writeLE(UInt16(0))
                let mode: UInt32 = w.isDirectory ? 0o040755 : 0o100644
                c.writeLE(mode << 16 | (w.isDirectory ? 0x10 : 0))
                c.writeLE(w.zip64 ? UInt32(0xFFFF_FFFF) : UInt32(w.offset))
                c.writeBytes(w.name)
                c.writeImmutableBuffer(extra)
                try await emit(c)
            }
            let centralSize = offset - centralStart
            var end = ByteBuffer()
            let archive64 = written.count >= 0xFFFF || centralStart >= 0xFFFF_FFFF || centralSize >= 0xFFFF_FFFF
            if archive64 {
                let zip64EndStart = offset
                end.writeLE(UInt32(0x0606_4b50)); end.writeLE(UInt64(44))
                end.writeLE(UInt16(3 << 8 | 45)); end.writeLE(UInt16(45))
                end.writeLE(UInt32(0)); end.writeLE(UInt32(0))
                end.writeLE(UInt64(written.count)); end.writeLE(UInt64(written.count))
                end.writeLE(UInt64(centralSize)); end.writeLE(UInt64(centralStart))
                end.writeLE(UInt32(0x0706_4b50)); end.writeLE(UInt32(0)); end.writeLE(UInt64(zip64EndStart)); end.writeLE(UInt32(1))
            }
            end.writeLE(UInt32(0x0605_4b50)); end.writeLE(UInt16(0)); end.writeLE(UInt16(0))
            let count16 = UInt16(min(written.count, 0xFFFF))
            end.writeLE(count16); end.writeLE(count16)
            end.writeLE(UInt32(min(centralSize, 0xFFFF_FFFF)))
            end.writeLE(archive64 ? UInt32(0xFFFF_FFFF) : UInt32(centralStart))
            end.writeLE(UInt16(0))
            try await emit(end)
    }

    /// MS-DOS time and date (2-second resolution, 1980–2107).
    static func dos(_ seconds: Int64) -> (UInt16, UInt16) {
        var t = time_t(max(seconds, 315_532_800))
        var tm = tm()
        gmtime_r(&t, &tm)
        let time = UInt16(tm.tm_hour) << 11 | UInt16(tm.tm_min) << 5 | UInt16(tm.tm_sec / 2)
        let date = UInt16(max(0, min(127, tm.tm_year - 80))) << 9 | UInt16(tm.tm_mon + 1) << 5 | UInt16(tm.tm_mday)
        return (time, date)
    }
}

extension ByteBuffer {
    mutating func writeLE<T: FixedWidthInteger>(_ value: T) { writeInteger(value, endianness: .little) }
}
