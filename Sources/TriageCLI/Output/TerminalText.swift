/// Shows the control characters of untrusted text as escapes, so text from probes, answers and
/// files cannot drive the terminal (clear it, move the cursor, set the window title, hide a line
/// behind a carriage return).
///
/// ESC becomes `\e`, carriage return `\r`, the other C0 controls and DEL `\xNN`, the C1 controls
/// (U+0080–U+009F, which some terminals read as ESC sequences too) `\u{NN}`; hexadecimal,
/// lower case. Newline and tab stay as they are. `Console` applies it to everything it writes.
enum TerminalText {
    /// `text` with its control characters escaped.
    static func escaped(_ text: some StringProtocol) -> String {
        guard text.utf8.contains(where: needsLook) else { return String(text) }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: result.unicodeScalars.append(scalar)
            case 0x1B: result += "\\e"
            case 0x0D: result += "\\r"
            case 0x00..<0x20, 0x7F: result += "\\x" + hex(scalar.value)
            case 0x80...0x9F: result += "\\u{" + hex(scalar.value) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Whether a UTF-8 byte may start a control character: a C0 byte or DEL, or 0xC2, the lead byte
    /// of U+0080–U+00BF (C1 controls among them).
    private static func needsLook(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x0A && byte != 0x09) || byte == 0x7F || byte == 0xC2
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return digits.count < 2 ? "0" + digits : digits
    }
}
