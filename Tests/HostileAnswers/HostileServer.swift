import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// One answer as it goes on the wire, lies included: the framing says how the body is sent.
public struct HostileResponse: Sendable {
    public enum Framing: CaseIterable, Sendable {
        /// Content-Length equal to the body.
        case honest
        /// Content-Length half the body; the rest follows anyway.
        case shortLength
        /// Content-Length past the body, then the connection closes.
        case longLength
        /// No Content-Length: the body ends when the connection closes.
        case noLength
        /// The right Content-Length, but the connection closes halfway through the body.
        case closeMidBody
        /// Chunked, with a chunk size that is no number.
        case brokenChunks
        /// Not HTTP at all.
        case garbage
    }

    public var status: Int
    public var contentType: String?
    public var body: [UInt8]
    public var framing: Framing
    /// How long the server says nothing before it answers: a stalled server, which a client
    /// must wait for without freezing (the file manager's keys go on).
    public var delay: TimeAmount

    public init(status: Int = 200, contentType: String? = "application/json; charset=utf-8", body: [UInt8],
                framing: Framing = .honest, delay: TimeAmount = .zero) {
        self.status = status; self.contentType = contentType; self.body = body; self.framing = framing; self.delay = delay
    }

    /// The bytes written before the server closes the connection.
    public var bytes: [UInt8] {
        if framing == .garbage { return Array("HTTP/1.1 2x0 \u{1B}[2J\r\nContent-Length: -5\r\n\r\n".utf8) + body }
        var head = "HTTP/1.1 \(status) Whatever\r\nConnection: close\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        var payload = body
        switch framing {
        case .honest: head += "Content-Length: \(body.count)\r\n"
        case .shortLength: head += "Content-Length: \(body.count / 2)\r\n"
        case .longLength: head += "Content-Length: \(body.count + 1000)\r\n"
        case .noLength, .garbage: break
        case .closeMidBody:
            head += "Content-Length: \(body.count)\r\n"
            payload = Array(body.prefix(body.count / 2))
        case .brokenChunks:
            head += "Transfer-Encoding: chunked\r\n"
            payload = Array("zz\r\n".utf8) + body + Array("\r\n0\r\n\r\n".utf8)
        }
        return Array((head + "\r\n").utf8) + payload
    }
}

/// What the server tells answers apart by: the path (`/listfolder?…`, or a content link's), the
/// bearer token, which a test can make different for each client it runs, and the form body.
public struct HostileRequest: Sendable {
    public var path: String
    public var authorization: String?
    /// The first 64 KiB of the body (a form's parameters; the start of an upload).
    public var body: [UInt8] = []

    /// A parameter from the query or the urlencoded body.
    public func parameter(_ name: String) -> String? {
        let query = path.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        for pair in (query + "&" + String(decoding: body, as: UTF8.self)).split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0] == name { return String(kv[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
        }
        return nil
    }

    /// `listfolder` for `/listfolder?…`; nil for a content link (`/code/name`).
    public var method: String? {
        let name = path.split(separator: "?", maxSplits: 1).first.map { $0.dropFirst() } ?? ""
        return name.isEmpty || name.contains("/") ? nil : String(name)
    }
}

/// A server on loopback that answers every request with whatever `answer` makes of it, written
/// raw so that lies about lengths reach the client as they are, and closes the connection after
/// each answer.
public final class HostileServer: Sendable {
    public let port: Int
    private let channel: any Channel
    private let requests = NIOLockedValueBox<[String]>([])

    public init(answer: @escaping @Sendable (HostileRequest) -> HostileResponse) async throws {
        let requests = requests
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
                    try channel.pipeline.syncOperations.addHandler(Answerer { request in
                        requests.withLockedValue { $0.append(request.path) }
                        return answer(request)
                    })
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw ChannelError.unknownLocalAddress }
        self.port = port
    }

    public var url: String { "http://127.0.0.1:\(port)" }

    /// The paths asked so far, in order.
    public var paths: [String] { requests.withLockedValue { $0 } }

    public func stop() async { try? await channel.close() }
}

private final class Answerer: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = ByteBuffer

    let answer: @Sendable (HostileRequest) -> HostileResponse
    var request = HostileRequest(path: "")

    init(answer: @escaping @Sendable (HostileRequest) -> HostileResponse) { self.answer = answer }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): request = HostileRequest(path: head.uri, authorization: head.headers.first(name: "authorization"))
        case .body(var part):
            let room = max(0, 65_536 - request.body.count)
            request.body += part.readBytes(length: min(room, part.readableBytes)) ?? []
        case .end:
            let response = answer(request)
            let buffer = context.channel.allocator.buffer(bytes: response.bytes)
            let bound = NIOLoopBound((context, self), eventLoop: context.eventLoop)
            // Scheduled, not slept: the event loop serves the other connections meanwhile.
            context.eventLoop.scheduleTask(in: response.delay) {
                let (context, handler) = bound.value
                context.writeAndFlush(handler.wrapOutboundOut(buffer)).whenComplete { _ in bound.value.0.close(promise: nil) }
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }
}
