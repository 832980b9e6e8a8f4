import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads what a person types at the terminal: a login as typed, a password without echo.
///
/// Prompts go to the terminal itself (`/dev/tty`), not to standard output, so that output piped
/// elsewhere stays clean. When standard input is not a terminal (a script), each answer is the
/// next line of standard input instead, and nothing is prompted.
enum PasswordPrompt {
    /// Why no answer could be read.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Whether answers come from a script rather than a person.
    static var readsStandardInput: Bool { isatty(STDIN_FILENO) == 0 }

    /// The next answer, typed with echo: a login.
    static func line(_ prompt: String) throws -> String {
        try answer(prompt, echo: true)
    }

    /// The next answer, typed without echo: a password.
    static func secret(_ prompt: String) throws -> String {
        try answer(prompt, echo: false)
    }

    private static func answer(_ prompt: String, echo: Bool) throws -> String {
        if readsStandardInput {
            guard let line = readLine(strippingNewline: true) else {
                throw Failure(description: "standard input ended before the answer to \"\(prompt)\"")
            }
            return line
        }
        let terminal = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard terminal >= 0 else {
            throw Failure(
                description: "cannot open the terminal to ask for \(prompt): \(String(cString: strerror(errno)))")
        }
        defer { close(terminal) }
        show(terminal, prompt)
        guard !echo else { return try terminalLine(terminal) }
        var original = termios()
        guard tcgetattr(terminal, &original) == 0 else {
            throw Failure(description: "cannot read the terminal's settings")
        }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        // Ctrl-C while echo is off would leave the terminal silent: restore it before the process goes.
        SilencedTerminal.enter(descriptor: terminal, original: original)
        defer { SilencedTerminal.leave() }
        guard tcsetattr(terminal, TCSAFLUSH, &silent) == 0 else {
            throw Failure(description: "cannot turn the terminal's echo off")
        }
        defer {
            tcsetattr(terminal, TCSAFLUSH, &original)
            show(terminal, "\n")
        }
        return try terminalLine(terminal)
    }

    /// Bytes up to the end of the line, without it.
    private static func terminalLine(_ descriptor: Int32) throws -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
            guard bytes.count <= 4096 else { throw Failure(description: "the answer is too long") }
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func show(_ descriptor: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }
}

/// The terminal whose echo is off, so that an interrupt can turn it back on.
///
/// A signal handler cannot capture context, so what it restores lives in process globals, written
/// only while one prompt is open (subanctl asks one question at a time) and read by the handler.
private enum SilencedTerminal {
    nonisolated(unsafe) static var descriptor: Int32 = -1
    nonisolated(unsafe) static var original = termios()

    static func enter(descriptor: Int32, original: termios) {
        Self.original = original
        Self.descriptor = descriptor
        signal(SIGINT) { _ in
            if SilencedTerminal.descriptor >= 0 {
                tcsetattr(SilencedTerminal.descriptor, TCSAFLUSH, &SilencedTerminal.original)
            }
            _exit(130)
        }
    }

    static func leave() {
        signal(SIGINT, SIG_DFL)
        descriptor = -1
    }
}
