import Budget
import Foundation
import Intake

// Runs the production TransactionsReader on one file and prints the checks the benchmark compares
// across engines: (project, week) groups, the net total, and the sum and maximum of the cumulative figures.
let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: spendwatch-bench TRANSACTIONS.csv\n".utf8))
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
