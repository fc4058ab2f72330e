// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pcmd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pcmd", targets: ["pcmd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // ncursesw through a system-library target; only the TUI's terminal backend imports it.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // libgd scales the sandbox's thumbnails (PNG, JPEG, GIF, WebP); no hand-written codecs.
        .systemLibrary(name: "CGD", providers: [.apt(["libgd-dev"])]),
        // libqrencode draws `pcmd link --qr` and the TUI's link dialog.
        .systemLibrary(name: "CQRencode", providers: [.apt(["libqrencode-dev"])]),

        // Home and the XDG folders, one reading for every part (the sandbox may not import Commander).
        .target(name: "HomeFolders"),

        // Typed pCloud client (grows with the PCloudAPI issue).
        .target(name: "PCloudAPI", dependencies: [
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOFoundationCompat", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // The local pCloud-compatible server. It must not import PCloudAPI (DESIGN.md, wall 3).
        .target(name: "PCloudSandbox", dependencies: [
            "CGD", "HomeFolders",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            // downloadfile: the server fetches remote files itself.
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),

        // The action layer shared by the TUI and the one-shot commands.
        .target(name: "Commander", dependencies: [
            "PCloudAPI", "CQRencode", "HomeFolders",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "TOMLKit", package: "TOMLKit"),
            // The persistent job queue (issue 20).
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),

        // The two-pane file manager; Terminal/ is the only code that touches CNcursesw.
        .target(name: "TUI", dependencies: ["Commander", "HomeFolders", "CNcursesw", "CGD", .product(name: "TOMLKit", package: "TOMLKit")],
                resources: [
                    // Compiled in as bytes, so a binary copied anywhere starts without files beside
                    // it: themes/*.toml (Theme/Shipped links to that folder) and the default keymap.
                    .embedInCode("Theme/Shipped"),
                    .embedInCode("Keymap/keymap-default.toml"),
                ]),

        .executableTarget(name: "pcmd", dependencies: [
            "PCloudSandbox", "Commander", "TUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], linkerSettings: [
            // Start-up (issue 7): lld, and no dynamic symbol table for the 50,000 Swift symbols
            // that --static-swift-stdlib exports (nothing looks them up; the runtime's dladdr
            // scanned them all before main).
            .unsafeFlags(["-use-ld=lld", "-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux])),
        ], plugins: ["BuildInfo"]),

        // BuildInfo.swift (commit, Swift version) for `pcmd version --json`, written before each build.
        .plugin(name: "BuildInfo", capability: .buildTool()),

        // Drives PCloudAPI for Benchmarks/client-vs-curl-rclone.sh; not a product of pcmd.
        .executableTarget(name: "pcloud-bench", dependencies: ["PCloudAPI", "Commander", .product(name: "Crypto", package: "swift-crypto")],
                          path: "Benchmarks/PCloudBench"),

        // A tiny web server the remote-upload (downloadfile) tests fetch from.
        .target(name: "SourceServer", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], path: "Tests/SourceServer"),

        // Real answers, seeded mutations of them, and a loopback server that sends them with
        // lying lengths: the fuzz tests of the decoders, the CLI and the file manager.
        .target(name: "HostileAnswers", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ], path: "Tests/HostileAnswers"),

        .testTarget(name: "PCloudSandboxTests", dependencies: [
            "PCloudSandbox", "SourceServer",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Canvas snapshots of widgets and screens, and the real binary driven in tmux.
        .testTarget(name: "TUITests", dependencies: [
            "TUI", "Commander", "PCloudAPI", "PCloudSandbox", "SourceServer", "HostileAnswers",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Commander against LocalDrive in temporary folders and CloudDrive on an in-process sandbox.
        .testTarget(name: "CommanderTests", dependencies: [
            "Commander", "PCloudAPI", "HomeFolders", "PCloudSandbox", "SourceServer", "HostileAnswers",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The real `pcmd` binary against an in-process sandbox, each test with its own config folder.
        .testTarget(name: "CLITests", dependencies: [
            "PCloudSandbox", "SourceServer", "HostileAnswers",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // PCloudAPI against an in-process sandbox; the only place the two meet.
        .testTarget(name: "PCloudAPITests", dependencies: [
            "PCloudAPI", "PCloudSandbox", "SourceServer", "HostileAnswers",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
    ]
)
