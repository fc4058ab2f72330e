import Foundation

/// Opens a URL in the user's browser when there is a way to; otherwise the printed address is it.
enum Browser {
    static func open(_ url: URL) {
        let env = ProcessInfo.processInfo.environment
        guard env["DISPLAY"] != nil || env["WAYLAND_DISPLAY"] != nil,
              let opener = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
                .map({ "\($0)/xdg-open" }).first(where: FileManager.default.isExecutableFile(atPath:)) else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: opener)
        p.arguments = [url.absoluteString]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try? p.run()
    }
}

/// Lines from stdin as they are typed, read on a thread of their own so that waiting for them
/// never holds up a task that has finished another way.
enum StandardInput {
    static func lines() -> AsyncStream<String> {
        AsyncStream { continuation in
            Thread.detachNewThread {
                while let line = readLine(strippingNewline: true) {
                    if !line.trimmingCharacters(in: .whitespaces).isEmpty { continuation.yield(line) }
                }
                continuation.finish()
            }
        }
    }
}
