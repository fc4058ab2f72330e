/// Sums of sizes and counts that pin at the ends instead of trapping: they add up what a server
/// reports (file sizes, a zip's totals, progress), and a hostile answer of sizes near
/// `Int64.max` must not crash the program with an overflow.
extension FixedWidthInteger {
    func saturatingAdd(_ other: Self) -> Self {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}

extension Sequence {
    /// `reduce(0) { $0 + value($1) }`, saturating.
    func saturatingSum<N: FixedWidthInteger>(_ value: (Element) -> N) -> N {
        reduce(0) { $0.saturatingAdd(value($1)) }
    }
}
