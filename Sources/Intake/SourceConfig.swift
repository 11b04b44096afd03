import Budget

/// Where the week's figures come from and how to read them.
public struct SourceConfig: Sendable {
    /// The file (resolved against the config's folder) or the http(s) URL; `{week}` is replaced by the week asked for.
    public let location: SourceLocation
    public let format: SourceFormat
    public let kind: SourceKind
    public let encoding: SourceEncoding
    public let headers: [(name: String, value: String)]
    /// Logical field → column name in the source.
    public let columns: [String: String]
    /// KPI id → column name, for sources that also report KPIs (jobs created, people trained).
    public let kpiColumns: [String: String]
    /// The workbook's sheet (`source.sheet`, XLSX): a name or a 1-based index; nil is the first.
    public let sheet: SheetSelector?
    /// The unit of the amounts (`source.unit`, XLSX): converted to whole won exactly.
    public let unit: AmountUnit
    /// A finance system's column names (`source.preset`), for fields `columns` does not map.
    public let preset: SourcePreset?

    public init(location: SourceLocation, format: SourceFormat = .csv, kind: SourceKind = .cumulative, encoding: SourceEncoding = .auto,
                headers: [(name: String, value: String)] = [], columns: [String: String] = [:], kpiColumns: [String: String] = [:],
                sheet: SheetSelector? = nil, unit: AmountUnit = .won, preset: SourcePreset? = nil) {
        self.sheet = sheet
        self.unit = unit
        self.preset = preset
        self.kpiColumns = kpiColumns
        self.location = location
        self.format = format
        self.kind = kind
        self.encoding = encoding
        self.headers = headers
        self.columns = columns
    }

    /// Where `week`'s figures are.
    public func location(for week: ISOWeek) -> SourceLocation { location.resolved(for: week) }

    /// The source column that holds `field`.
    public func column(_ field: String) -> String { columns[field] ?? field }
}
