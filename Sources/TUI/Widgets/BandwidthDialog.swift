import Commander

/// Asks for the bandwidth limit all transfers share; it applies at once, to running ones too.
enum BandwidthDialog {
    @MainActor static func make(_ app: App) -> InputDialog {
        InputDialog(title: "Bandwidth limit", prompt: "All transfers together, as rclone's --bwlimit: 10M, 512k, off",
                    text: app.queue.limiter.rate.map { "\($0.bytesPerSecond / 1024)k" } ?? "off") { text, app in
            guard let rate = BandwidthRate.parse(text) else {
                return app.fail("bandwidth limit", CommanderError(.invalidInput, "“\(TextWidth.printable(text))” is not a rate: try 10M, 512k or off"))
            }
            app.queue.limiter.rate = rate
            app.say("bandwidth limit: " + (rate.map { "\($0) for all transfers" } ?? "off"))
        }
    }
}
