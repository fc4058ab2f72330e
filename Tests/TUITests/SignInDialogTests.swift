import Testing
@testable import TUI

/// Enter on the last field signs in only when every field is filled: an empty email or password
/// goes back to that field instead of spending one of pCloud's few login tries on it.
@MainActor @Suite struct SignInDialogTests {
    @Test func enterWithAnEmptyFieldGoesToItInsteadOfSigningIn() async throws {
        let h = try await Harness()
        var sent: [[String]] = []
        let dialog = SignInDialog(title: "Sign in", lines: ["why"], fields: [.init("Email"), .init("Password", hidden: true)]) { fields, _ in
            sent.append(fields)
        }
        h.app.push(dialog)
        h.keys(.enter, .enter)
        #expect(sent.isEmpty && h.app.overlays.last === dialog && dialog.focus == 0)
        h.type("a@b.c")
        h.keys(.enter, .enter)
        #expect(sent.isEmpty && dialog.focus == 1, "no password yet")
        h.type("secret")
        h.keys(.enter)
        #expect(sent == [["a@b.c", "secret"]] && !(h.app.overlays.last === dialog))
        h.app.stop()
    }
}
