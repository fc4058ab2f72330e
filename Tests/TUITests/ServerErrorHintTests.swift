import Commander
import PCloudSandbox
import Testing
@testable import TUI

/// pCloud's own error texts with our hint after them: the advice is given once.
@Suite struct ServerErrorHintTests {
    static func cloudError(_ code: Int) -> CommanderError {
        CommanderError(.cloud, APIError(code).message, code: code, category: .transient, method: "listfolder")
    }

    static func tryAgains(_ s: String) -> Int { s.lowercased().components(separatedBy: "try again").count - 1 }

    /// 5000 says "Try again later." itself; the hint said "try again" a second time.
    @Test func error5000SaysTryAgainOnce() {
        let said = ErrorHint.describe(Self.cloudError(5000))
        #expect(said == "error 5000: Internal error. Try again later.", "\(said)")
    }

    /// 5001's text does not say it: the hint still does.
    @Test func error5001KeepsItsHint() {
        let said = ErrorHint.describe(Self.cloudError(5001))
        #expect(Self.tryAgains(said) == 1 && said.hasSuffix("— the server had a problem — try again"), "\(said)")
    }
}
