#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ``LineReader`` for piped input or a dumb terminal: no escape codes, no editing.
///
/// Prints the prompt as plain text (flushed), then reads bytes up to "\n"; a "\r\n" ending and a
/// last line without a newline are accepted. Text wrapped in ``EditLineReader/promptEscape`` pairs
/// (colour codes) is left out of the prompt. History is kept in memory only. When the input is a
/// terminal, Ctrl-C returns ``LineInput/interrupted`` as with the libedit reader.
public final class PlainLineReader: LineReader {
    public var completer: ((_ lineBeforeCursor: String) -> [String])?

    /// Always false: no line editing, so the shell should not use colour.
    public var isInteractive: Bool { false }

    public private(set) var history: [String] = []

    private let inputFD: Int32
    private let outputFD: Int32
    private let relay: InterruptRelay?
    private var reachedEnd = false

    /// Reads from `inputFD` and prompts on `outputFD`; both stay owned by the caller.
    public init(inputFD: Int32 = STDIN_FILENO, outputFD: Int32 = STDOUT_FILENO) {
        self.inputFD = inputFD
        self.outputFD = outputFD
        relay = isatty(inputFD) == 1 ? try? InterruptRelay() : nil
    }

    public func readLine(prompt: String) -> LineInput {
        fflush(nil)
        writeAll(Self.visibleText(of: prompt))
        guard !reachedEnd else { return .endOfFile }
        if let relay {
            return relay.whileArmed { readUntilNewline { relay.readByte(from: inputFD) } }
        }
        return readUntilNewline { readByte() }
    }

    /// On a terminal, reads with its echo off (see ``HiddenLine``); from a pipe, as ``readLine(prompt:)``.
    public func readSecretLine(prompt: String) -> LineInput {
        guard let relay, !reachedEnd else { return readLine(prompt: prompt) }
        let input = HiddenLine.read(prompt: Self.visibleText(of: prompt), inputFD: inputFD, outputFD: outputFD, relay: relay)
        if case .endOfFile = input { reachedEnd = true }
        return input
    }

    public func addHistory(_ line: String) {
        guard !line.isEmpty, history.last != line else { return }
        history.append(line)
        if history.count > 1000 { history.removeFirst() }
    }

    /// `prompt` without the text between pairs of ``EditLineReader/promptEscape`` characters.
    static func visibleText(of prompt: String) -> String {
        prompt.split(separator: EditLineReader.promptEscape, omittingEmptySubsequences: false)
            .enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element).joined()
    }

    private func readUntilNewline(_ nextByte: () -> ByteRead) -> LineInput {
        var bytes: [UInt8] = []
        while true {
            switch nextByte() {
            case .byte(UInt8(ascii: "\n")):
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                return .line(String(decoding: bytes, as: UTF8.self))
            case let .byte(byte):
                bytes.append(byte)
            case .interrupted:
                writeAll("\n")
                return .interrupted
            case .endOfFile, .failed:
                reachedEnd = true
                return bytes.isEmpty ? .endOfFile : .line(String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    private func readByte() -> ByteRead {
        var byte: UInt8 = 0
        while true {
            let count = read(inputFD, &byte, 1)
            if count == 1 { return .byte(byte) }
            if count == 0 { return .endOfFile }
            if errno != EINTR { return .failed(errno: errno) }
        }
    }

    private func writeAll(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(outputFD, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}
