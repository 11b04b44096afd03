import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts `executable` from `directory` with stdin from /dev/null and stdout and stderr into the file
/// `output`, and returns its pid for `waitpid`. `posix_spawn`, not `Foundation.Process`: the child starts
/// with no blocked signals and default handlers, whatever the test thread that starts it has blocked.
func spawnProcess(_ executable: String, _ arguments: [String], output: String, directory: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    // The tools run from `directory` (the postgres user may not read the test's own); there is no
    // portable posix_spawn chdir, so a shell changes into it first.
    let shell = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory, executable] + arguments
    let argv = shell.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ)
    guard code == 0 else { throw PostgresServer.ServerError.failed(tool: executable, output: String(cString: strerror(code))) }
    return pid
}
