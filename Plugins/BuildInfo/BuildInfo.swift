import Foundation
import PackagePlugin

/// Writes BuildInfo.swift (the commit and the Swift compiler that built pcmd) before every
/// build, for `pcmd version --json`. A prebuild command runs each time, so the commit is never
/// stale; the script rewrites the file only when its text changes, so nothing recompiles for it.
@main struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let out = context.pluginWorkDirectoryURL.appendingPathComponent("BuildInfo")
        let script = context.package.directoryURL.appendingPathComponent("scripts/build-info.sh")
        return [.prebuildCommand(displayName: "pcmd build info", executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: [script.path, context.package.directoryURL.path, out.path],
                                 environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"],
                                 outputFilesDirectory: out)]
    }
}
