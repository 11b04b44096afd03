import Budget
import Foundation
import Intake

// Runs a production reader on one file and prints the checks the benchmark compares across engines.
//   spendwatch-bench TRANSACTIONS.csv      the TransactionsReader: (project, week) groups, net total, cumulative sum and maximum
//   spendwatch-bench figures FILE.xlsx|csv  the cumulative FiguresReader (bench/xlsx.sh): rows, executed and budget totals
let arguments = CommandLine.arguments
if arguments.count == 3, arguments[1] == "figures" {
    let path = arguments[2]
    let xlsx = path.hasSuffix(".xlsx")
    let columns = ["week": "주차", "program": "정책사업", "project": "세부사업코드", "executed": "지출액", "budget": "예산현액"]
    let reader = FiguresReader(columns: columns, format: xlsx ? .xlsx : .csv, unit: xlsx ? .auto : .won)
    do {
        let figures = xlsx
            ? try reader.readXLSX(path: path, name: URL(fileURLWithPath: path).lastPathComponent).figures
            : try reader.read(SourceDocument(name: path, data: try Data(contentsOf: URL(fileURLWithPath: path))))
        let executed = figures.reduce(Int64(0)) { $0 &+ $1.executed }
        let budget = figures.reduce(Int64(0)) { $0 &+ ($1.budget ?? 0) }
        print("rows=\(figures.count) executed=\(executed) budget=\(budget)")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("spendwatch-bench: \(error)\n".utf8))
        exit(65)
    }
}
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: spendwatch-bench TRANSACTIONS.csv | spendwatch-bench figures FILE.xlsx|FILE.csv\n".utf8))
    exit(64)
}
do {
    let figures = try TransactionsReader(showsProgress: false).read(path: arguments[1])
    var lastByProject: [String: Won] = [:]
    var sumCumulative: Int64 = 0
    var maxCumulative = Int64.min
    for figure in figures {
        lastByProject[figure.project] = figure.executed
        sumCumulative &+= figure.executed
        maxCumulative = max(maxCumulative, figure.executed)
    }
    let total = lastByProject.values.reduce(0, &+)
    print("groups=\(figures.count) total=\(total) sum_cumulative=\(sumCumulative) max_cumulative=\(maxCumulative)")
} catch {
    FileHandle.standardError.write(Data("spendwatch-bench: \(error)\n".utf8))
    exit(65)
}
