// The executable owns argv, the log handler and the process's exit; everything else is SpendwatchKit.
SpendwatchCommand.main()
