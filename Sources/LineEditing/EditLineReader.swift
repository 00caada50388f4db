internal import CEditLine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ``LineReader`` that edits lines on a terminal with libedit: emacs keys, history, Tab completion.
///
/// History holds at most 1000 lines (consecutive duplicates dropped). When a history file is given
/// it is loaded at init and rewritten after every ``addHistory(_:)``, so nothing is lost if the
/// process dies. Ctrl-C while a line is edited discards it and returns ``LineInput/interrupted``;
/// SIGINT is only handled while ``readLine(prompt:)`` waits, and the previous handler is restored.
///
/// Non-ASCII input needs a UTF-8 `LC_CTYPE` locale (`setlocale(LC_CTYPE, "")` at startup), as for
/// any libedit program. All stdio buffers (Swift `print` included) are flushed before each prompt.
public final class EditLineReader: LineReader {
    /// The character that brackets invisible prompt text, such as ANSI colour codes.
    ///
    /// libedit counts every prompt character as one column; escape sequences must be wrapped so it
    /// skips them when placing the cursor: `"\u{1}\u{1B}[1;34m\u{1}gotriage\u{1}\u{1B}[0m\u{1}> "`.
    /// Each escape sequence sits between two `promptEscape` characters, which are never printed.
    /// ``PlainLineReader`` drops the wrapped text entirely, so a prompt built this way is safe for both.
    public static let promptEscape: Character = "\u{1}"

    public var completer: ((_ lineBeforeCursor: String) -> [String])?

    /// Always true: this reader edits lines on a terminal.
    public var isInteractive: Bool { true }

    /// Why the last history save failed, or nil when it succeeded (or there is no history file).
    public private(set) var lastHistoryError: LineEditingError?

    /// Whether libedit restores the terminal when a signal (SIGTSTP, SIGTERM, ...) arrives mid-edit.
    ///
    /// On (EL_SIGNAL) by default. libedit re-raises those signals to the whole process group, so
    /// in-process tests that send SIGINT turn it off.
    var handlesTerminalSignals = true {
        didSet { _ = gt_el_set_signal(editLine, handlesTerminalSignals ? 1 : 0) }
    }

    private let editLine: OpaquePointer
    private let historyList: OpaquePointer
    private let historyFile: String?
    private let inputFD: Int32
    private let input: UnsafeMutablePointer<FILE>
    private let output: UnsafeMutablePointer<FILE>
    private let relay: InterruptRelay
    private var promptText: UnsafeMutablePointer<CChar>
    private var wasInterrupted = false

    /// Sets up libedit on the given terminal descriptors (they are duplicated, not taken over).
    ///
    /// - Parameters:
    ///   - programName: the name libedit uses for `~/.editrc` sections (the file is not read).
    ///   - historyFile: where history is persisted; nil keeps it in memory only.
    ///   - inputFD: the terminal to read keys from.
    ///   - outputFD: the terminal to draw the prompt and line on.
    public init(
        programName: String = "gotriage",
        historyFile: String?,
        inputFD: Int32 = STDIN_FILENO,
        outputFD: Int32 = STDOUT_FILENO
    ) throws(LineEditingError) {
        let relay = try InterruptRelay()
        let (input, output) = try Self.openStreams(inputFD: inputFD, outputFD: outputFD)
        guard let editLine = el_init(programName, input, output, output) else {
            fclose(input)
            fclose(output)
            throw .editorUnavailable(operation: "el_init")
        }
        guard let historyList = gt_history_init(1000), let promptText = strdup("") else {
            el_end(editLine)
            fclose(input)
            fclose(output)
            throw .editorUnavailable(operation: "history_init")
        }
        self.relay = relay
        self.input = input
        self.output = output
        self.inputFD = fileno(input)
        self.editLine = editLine
        self.historyList = historyList
        self.promptText = promptText
        self.historyFile = historyFile
        try configure()
        if let historyFile {
            _ = gt_history_load(historyList, historyFile)  // a missing file is an empty history
        }
    }

    deinit {
        el_end(editLine)
        history_end(historyList)
        fclose(input)
        fclose(output)
        free(promptText)
    }

    public func readLine(prompt: String) -> LineInput {
        if let copy = strdup(prompt) {
            free(promptText)
            promptText = copy
        }
        fflush(nil)
        wasInterrupted = false
        var count: Int32 = 0
        let text = relay.whileArmed { el_gets(editLine, &count) }
        if let text {
            var line = String(cString: text)
            if line.hasSuffix("\n") { line.removeLast() }
            return .line(line)
        }
        if wasInterrupted {
            el_reset(editLine)
            write("\n")
            return .interrupted
        }
        if count == 0 { write("\n") }  // Ctrl-D on an empty line: leave the prompt's line
        return .endOfFile
    }

    /// Reads with the terminal's echo off, without libedit (no editing, no history): see ``HiddenLine``.
    public func readSecretLine(prompt: String) -> LineInput {
        HiddenLine.read(prompt: prompt, inputFD: inputFD, outputFD: fileno(output), relay: relay)
    }

    public func addHistory(_ line: String) {
        guard !line.isEmpty else { return }
        _ = gt_history_enter(historyList, line)
        guard let historyFile else { return }
        do {
            try Self.createParentDirectory(of: historyFile)
            lastHistoryError =
                gt_history_save(historyList, historyFile) < 0
                ? .historyNotSaved(path: historyFile) : nil
        } catch {
            lastHistoryError = error
        }
    }

    /// Creates the directories above `path` that are missing, each with mode 0700.
    static func createParentDirectory(of path: String) throws(LineEditingError) {
        var components = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        var prefix = ""
        if components.first == "" {
            prefix = "/"
            components = components.dropFirst()
        }
        for component in components where !component.isEmpty {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw .systemCall(name: "mkdir '\(prefix)'", errno: errno)
            }
        }
    }

    public var history: [String] {
        var lines: [String] = []
        var entry = gt_history_oldest(historyList)
        while let current = entry {
            lines.append(String(cString: current))
            entry = gt_history_newer(historyList)
        }
        return lines
    }

    // MARK: libedit callbacks (see EditLineCallbacks.swift)

    /// The reader installed on `editLine` through EL_CLIENTDATA.
    static func installed(on editLine: OpaquePointer?) -> EditLineReader? {
        guard let editLine, let data = gt_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
    }

    /// The current prompt as a C string that stays valid until the next ``readLine(prompt:)``.
    var currentPrompt: UnsafeMutablePointer<CChar> { promptText }

    /// Reads one character for libedit: 1 = read, 0 = end of input, -1 = error or Ctrl-C.
    func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var state = mbstate_t()
        while true {
            switch relay.readByte(from: inputFD) {
            case var .byte(byte):
                var wide: wchar_t = 0
                let used = withUnsafePointer(to: &byte) { pointer in
                    pointer.withMemoryRebound(to: CChar.self, capacity: 1) { mbrtowc(&wide, $0, 1, &state) }
                }
                if used == -2 { continue }  // more bytes of this character follow
                if used == -1 {  // invalid sequence: drop it
                    state = mbstate_t()
                    continue
                }
                character.pointee = wide
                return 1
            case .endOfFile:
                character.pointee = 0
                return 0
            case .interrupted:
                wasInterrupted = true
                errno = EINTR
                return -1
            case let .failed(error):
                errno = error
                return -1
            }
        }
    }

    /// Handles Tab: asks ``completer`` and edits the line; returns a libedit CC_* code.
    func completeWord() -> UInt8 {
        guard let completer, let info = el_line(editLine) else { return UInt8(CC_ERROR) }
        let before = UnsafeRawBufferPointer(
            start: info.pointee.buffer, count: info.pointee.cursor - info.pointee.buffer)
        let lineBeforeCursor = String(decoding: before, as: UTF8.self)
        switch CompletionAction.forTab(lineBeforeCursor: lineBeforeCursor, candidates: completer(lineBeforeCursor)) {
        case .none:
            return UInt8(CC_ERROR)
        case let .replace(deleting, text):
            if deleting > 0 { el_deletestr(editLine, Int32(deleting)) }
            return el_insertstr(editLine, text) == 0 ? UInt8(CC_REFRESH) : UInt8(CC_ERROR)
        case let .list(candidates):
            let width = Int(gt_el_get_columns(editLine, 80))
            write("\n" + CandidateColumns.layout(candidates, width: width) + "\n")
            return UInt8(CC_REDISPLAY)
        }
    }

    // MARK: set-up

    private static func openStreams(
        inputFD: Int32, outputFD: Int32
    ) throws(LineEditingError) -> (UnsafeMutablePointer<FILE>, UnsafeMutablePointer<FILE>) {
        let inputCopy = dup(inputFD)
        guard inputCopy >= 0, let input = fdopen(inputCopy, "r") else {
            let error = errno
            if inputCopy >= 0 { close(inputCopy) }
            throw .systemCall(name: "dup/fdopen input", errno: error)
        }
        let outputCopy = dup(outputFD)
        guard outputCopy >= 0, let output = fdopen(outputCopy, "w") else {
            let error = errno
            if outputCopy >= 0 { close(outputCopy) }
            fclose(input)
            throw .systemCall(name: "dup/fdopen output", errno: error)
        }
        return (input, output)
    }

    private func configure() throws(LineEditingError) {
        let settings: [(String, () -> Int32)] = [
            ("EL_CLIENTDATA", { gt_el_set_clientdata(self.editLine, Unmanaged.passUnretained(self).toOpaque()) }),
            ("EL_EDITOR emacs", { gt_el_set_editor(self.editLine, "emacs") }),
            ("EL_SIGNAL", { gt_el_set_signal(self.editLine, 1) }),
            (
                "EL_PROMPT_ESC",
                {
                    gt_el_set_prompt_esc(self.editLine, editLinePrompt, CChar(Self.promptEscape.asciiValue ?? 1))
                }
            ),
            ("EL_HIST", { gt_el_set_hist(self.editLine, self.historyList) }),
            ("EL_GETCFN", { gt_el_set_getcfn(self.editLine, editLineReadCharacter) }),
            ("EL_ADDFN", { gt_el_addfn(self.editLine, "gotriage-complete", "Complete the word", editLineComplete) }),
            ("EL_BIND ^I", { gt_el_bind(self.editLine, "^I", "gotriage-complete") })
        ]
        for (name, apply) in settings where apply() != 0 {
            throw .editorUnavailable(operation: name)
        }
    }

    private func write(_ text: String) {
        fputs(text, output)
        fflush(output)
    }
}
