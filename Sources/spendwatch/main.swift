// The executable owns argv, the log handler and the process's exit; everything else is SpendwatchKit.
import Foundation

// Past `ulimit -f`, the kernel's default for SIGXFSZ ends the process without a word; ignored, the write
// fails with EFBIG instead and the run reports which file it could not write (73).
signal(SIGXFSZ, SIG_IGN)
let stopSignals = StopSignals.install()
SpendwatchCommand.main()
