#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads one line from a terminal without showing it, as a password prompt does.
///
/// The terminal's echo is turned off (the newline still shows) before the prompt is written, so
/// nothing typed after the prompt appears, and put back afterwards, also after Ctrl-C. Nothing
/// is edited and nothing goes into any history.
enum HiddenLine {
    /// Shows `prompt` on `outputFD` (``EditLineReader/promptEscape`` markers dropped, the codes
    /// between them kept) and reads up to "\n" from the terminal `inputFD`.
    static func read(prompt: String, inputFD: Int32, outputFD: Int32, relay: InterruptRelay) -> LineInput {
        var saved = termios()
        let isTerminal = tcgetattr(inputFD, &saved) == 0
        if isTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            quiet.c_lflag |= tcflag_t(ECHONL) | tcflag_t(ICANON)
            _ = tcsetattr(inputFD, TCSANOW, &quiet)
        }
        defer { if isTerminal { _ = tcsetattr(inputFD, TCSANOW, &saved) } }
        fflush(nil)
        writeAll(prompt.filter { $0 != EditLineReader.promptEscape }, to: outputFD)
        var bytes: [UInt8] = []
        return relay.whileArmed {
            while true {
                switch relay.readByte(from: inputFD) {
                case .byte(UInt8(ascii: "\n")):
                    if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                    return .line(String(decoding: bytes, as: UTF8.self))
                case .byte(let byte):
                    bytes.append(byte)
                case .interrupted:
                    writeAll("\n", to: outputFD)
                    return .interrupted
                case .endOfFile, .failed:
                    writeAll("\n", to: outputFD)
                    return bytes.isEmpty ? .endOfFile : .line(String(decoding: bytes, as: UTF8.self))
                }
            }
        }
    }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
