import Foundation

/// How the client connects: trust, timeouts, pool size, retries.
public struct TransportConfig: Sendable, Hashable {
    /// A PEM CA file to trust instead of the system roots (the sandbox's `ca.pem`).
    public var caFile: String?
    public var connectTimeout: Duration
    /// Longest silence while reading a response; transfers reset it on every chunk.
    public var readTimeout: Duration
    /// Keep-alive connections per host.
    public var maxConnectionsPerHost: Int
    public var retry: RetryPolicy

    public init(caFile: String? = nil, connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(120),
                maxConnectionsPerHost: Int = 8, retry: RetryPolicy = .default) {
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.retry = retry
    }
}

/// Jittered exponential back-off for calls that are safe to repeat.
public struct RetryPolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The least pause after a rate-limited answer (4000): hammering a limiter only extends it.
    public var rateLimitedDelay: Duration

    public init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration, rateLimitedDelay: Duration = .seconds(2)) {
        self.maxAttempts = maxAttempts; self.baseDelay = baseDelay; self.maxDelay = maxDelay
        self.rateLimitedDelay = rateLimitedDelay
    }

    public static let `default` = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(250), maxDelay: .seconds(8))
    public static let none = RetryPolicy(maxAttempts: 1, baseDelay: .zero, maxDelay: .zero, rateLimitedDelay: .zero)

    /// Whether a failed attempt should be repeated: only transient and rate-limited failures of
    /// idempotent calls. Sign-ins are never idempotent here, so a `4000` on a login is never
    /// repeated (pCloud's own client waits five minutes, REAL-SERVICE §10).
    public func shouldRetry(_ error: PCloudError, attempt: Int, idempotent: Bool) -> Bool {
        guard idempotent, attempt < maxAttempts else { return false }
        return error.category == .transient || error.category == .rateLimited
    }

    /// "Full jitter": a random delay up to the exponential bound, so parallel jobs spread out;
    /// after a rate-limited answer at least `rateLimitedDelay`, plus the jitter.
    public func delay(afterAttempt attempt: Int, for error: PCloudError? = nil) -> Duration {
        let bound = min(maxDelay, baseDelay * (1 << min(attempt - 1, 20)))
        let ms = Int64(bound / .milliseconds(1))
        let jitter = Duration.milliseconds(ms <= 0 ? 0 : Int64.random(in: 0...ms))
        return error?.category == .rateLimited ? rateLimitedDelay + jitter : jitter
    }
}
