/// The themes of the repository's `themes/` folder, compiled into the binary (Package.swift
/// embeds `Theme/Shipped`, a link to that folder): they are the defaults a user's theme files
/// override, and a binary copied anywhere needs no file beside it.
enum ShippedThemes {
    static let names = ["default", "light", "mc-classic", "mono", "solarized-dark"]

    /// The TOML text of a shipped theme, nil for any other name.
    static func text(_ name: String) -> String? {
        let bytes: [UInt8]
        switch name {
        case "default": bytes = PackageResources.default_toml
        case "light": bytes = PackageResources.light_toml
        case "mc-classic": bytes = PackageResources.mc_classic_toml
        case "mono": bytes = PackageResources.mono_toml
        case "solarized-dark": bytes = PackageResources.solarized_dark_toml
        default: return nil
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
