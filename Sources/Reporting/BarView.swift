import Budget

/// A horizontal bar made of table cells: the executed fill with a dark marker at the target.
///
/// Built from cells with pixel widths because mail clients drop SVG, positioning and `<style>` blocks;
/// a row of coloured cells survives Outlook, Gmail and Apple Mail alike.
public struct BarView: Sendable {
    public struct Segment: Sendable {
        public let width: Int
        public let color: String
    }

    public let width: Int
    public let segments: [Segment]
    /// Alt-text for readers without colour: "집행 41.3% / 목표 59.3%".
    public let label: String

    static let markerWidth = 2
    static let markerColor = "#1f2933"
    static let restColor = "#e4e7eb"
    static let gapColor = "#f5b7b1"

    /// `executed` and `target` in percent of the budget; both are clamped to 0…100 for drawing.
    public init(executed: Double, target: Double, status: Status, width: Int = 120) {
        self.width = width
        let track = width - Self.markerWidth
        func px(_ value: Double) -> Int { Int((min(100, max(0, value)) / 100 * Double(track)).rounded()) }
        let e = px(executed)
        let t = px(target)
        let fill = BarView.fillColor(status)
        var parts: [Segment] = []
        if e < t {
            parts = [Segment(width: e, color: fill), Segment(width: t - e, color: Self.gapColor),
                     Segment(width: Self.markerWidth, color: Self.markerColor), Segment(width: track - t, color: Self.restColor)]
        } else {
            parts = [Segment(width: t, color: fill), Segment(width: Self.markerWidth, color: Self.markerColor),
                     Segment(width: e - t, color: fill), Segment(width: track - e, color: Self.restColor)]
        }
        segments = parts.filter { $0.width > 0 }
        label = "집행 \(WonFormat.decimal(executed))% / 목표 \(WonFormat.decimal(target))%"
    }

    static func fillColor(_ status: Status) -> String {
        switch status {
        case .onTrack: "#2f855a"
        case .warning: "#d69e2e"
        case .critical: "#c53030"
        }
    }
}
