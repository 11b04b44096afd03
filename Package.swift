// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "spendwatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "spendwatch", targets: ["spendwatch"]),
        .library(name: "SpendwatchKit", targets: ["SpendwatchKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CPostgres",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // Pure domain: plan, weeks, money, comparison, findings. No I/O, no clock.
        .target(name: "Budget"),
        // HTTP(S) and SMTP(S) over libcurl.
        .target(name: "Transport", dependencies: [
            "CCurl",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Reading figures: CSV/JSON/XLSX, encodings, transactions; file or URL.
        .target(name: "Intake", dependencies: [
            "Budget", "Transport",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // spendwatch.yml and plan.yml, with file/line/field errors.
        .target(name: "Config", dependencies: [
            "Budget", "Intake",
            .product(name: "Yams", package: "Yams"),
        ]),
        // History, runs, findings and the delivery outbox, in SQLite (GRDB) or PostgreSQL (libpq).
        .target(name: "Ledger", dependencies: [
            "Budget", "CPostgres",
            .product(name: "GRDB", package: "GRDB.swift"),
            // The C API under GRDB, for the bulk snapshot writes and reads (SQLiteStatement.swift).
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // View model, Mustache templates, report.json.
        .target(name: "Reporting", dependencies: [
            "Budget",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        // Channels, the outbox, retries and signatures: report → outbox → deliver.
        .target(name: "Delivery", dependencies: [
            "Budget", "Transport", "Ledger", "Reporting", "Config",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The git commit of the build, from scripts/build-info.sh, for `--version` and the metrics.
        .target(name: "CBuildInfo"),
        // The pipeline as a library that tests call: intake → ledger → compare → render → outbox → deliver.
        .target(name: "SpendwatchKit", dependencies: [
            "Budget", "Transport", "Intake", "Config", "Reporting", "Ledger", "Delivery", "CBuildInfo",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The command line: argument parsing, the log handler, the process's exit code.
        .executableTarget(name: "spendwatch", dependencies: [
            "SpendwatchKit", "Budget", "Ledger", "Transport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // bench/run.sh: the production TransactionsReader alone, timed against DuckDB and pandas.
        .executableTarget(name: "spendwatch-bench", dependencies: ["Intake", "Budget"]),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "BudgetTests", dependencies: ["Budget"]),
        .testTarget(name: "IntakeTests", dependencies: [
            "Intake", "Budget", "Transport", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "ConfigTests", dependencies: [
            "Config", "Budget", "Intake", "TestSupport", .product(name: "Yams", package: "Yams"),
        ]),
        .testTarget(name: "LedgerTests", dependencies: [
            "Ledger", "Budget", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Budget", "TestSupport"]),
        .testTarget(name: "DeliveryTests", dependencies: [
            "Delivery", "Transport", "Ledger", "Reporting", "Config", "Budget", "Intake", "TestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "SpendwatchKitTests", dependencies: [
            "SpendwatchKit", "Budget", "Reporting", "Intake", "Config", "TestSupport",
            "Ledger", .product(name: "Logging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ]
)

for target in package.targets where target.type != .system && target.name != "CBuildInfo" {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
