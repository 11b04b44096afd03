import SpendwatchKit

SpendwatchCommand.main()
