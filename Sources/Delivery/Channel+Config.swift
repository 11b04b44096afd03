import Budget
import Config
import Foundation

extension Channel {
    /// Every channel of `config`, validated together: all problems are reported at once, each naming the file,
    /// the line, the field and, for a missing secret, the environment variable.
    public static func all(_ config: SpendwatchConfig, environment: [String: String]) throws(ConfigError) -> [Channel] {
        var problems: [ConfigProblem] = []
        var channels: [Channel] = []
        for channel in config.channels {
            var reader = ChannelFieldReader(channel: channel, file: config.file, environment: environment, timeZone: config.timeZone)
            let built = reader.build()
            problems += reader.problems
            if let built, reader.problems.isEmpty { channels.append(built) }
        }
        guard problems.isEmpty else { throw .problems(problems) }
        return channels
    }
}
