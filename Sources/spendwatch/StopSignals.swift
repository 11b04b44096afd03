import Dispatch
import Foundation
import Logging
import Transport

/// SIGTERM and SIGINT ask the run to stop at its next safe point (`StopRequest`); a second one ends the process
/// at once, for an operator who will not wait.
enum StopSignals {
    static func install() -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let name = number == SIGINT ? "SIGINT" : "SIGTERM"
                if StopRequest.current != nil {
                    FileHandle.standardError.write(Data("\(name) again: stopping now\n".utf8))
                    _exit(128 + number)
                }
                StopRequest.request(number)
                Logger(label: "spendwatch").warning("\(name) received: stopping at the next safe point (a second one stops at once)")
            }
            source.resume()
            return source
        }
    }
}
