import Foundation

/// The spellings of one secret worth remembering: the value as found, its parts, and the ways
/// gotriage and the tools around it write it again.
///
/// A URL's `user:password` is remembered whole and as the password; a Basic header's base64 also
/// decoded; a quoted or JSON-escaped value without its quotes and escapes. Each spelling is then
/// also remembered percent-encoded and -decoded (URLs), JSON-escaped (JSON text), with `'` written
/// `'\''` (shell quoting in shown commands) and `|` written `\|` (Markdown table cells), and line
/// by line (a key's body, cut into excerpts).
enum SecretVariants {
    /// The spellings of `found`, unfiltered (``SecretValues`` drops those too short to mask).
    static func of(_ found: SecretMask.Found) -> [String] {
        let text = found.text
        var bases: [String]
        switch found.form {
        case .plain:
            bases = [text]
        case .quoted:
            bases = [unquoted(text)]
        case .jsonString:
            bases = [text, jsonUnescaped(text) ?? text]
        case .userInfo:
            bases = [text] + password(in: text)
        case .credentials:
            bases = [text]
            if let decoded = basicCredentials(text) { bases += [decoded] + password(in: decoded) }
        }
        return bases.flatMap(spellings)
    }

    /// The spellings of a value that is a secret as a whole (an answer, a secret-named variable).
    static func of(value: String) -> [String] {
        spellings(of: value)
    }

    /// `value` and how it is written again: trimmed, line by line, percent-encoded and -decoded,
    /// JSON-escaped, shell-quoted.
    private static func spellings(of value: String) -> [String] {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        var result = [trimmed]
        if trimmed.contains(where: \.isNewline) {
            result += trimmed.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        }
        for spelling in result {
            if let decoded = spelling.removingPercentEncoding { result.append(decoded) }
            if let encoded = spelling.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) { result.append(encoded) }
            result.append(jsonEscaped(spelling))
            if spelling.contains("'") { result.append(spelling.replacingOccurrences(of: "'", with: #"'\''"#)) }
            if spelling.contains("|") { result.append(spelling.replacingOccurrences(of: "|", with: #"\|"#)) }
        }
        var seen: Set<String> = []
        return result.filter { seen.insert($0).inserted }
    }

    /// The part after the first `:` of `user:password`, when there is one.
    private static func password(in userInfo: String) -> [String] {
        guard let colon = userInfo.firstIndex(of: ":") else { return [] }
        let password = String(userInfo[userInfo.index(after: colon)...])
        return password.isEmpty ? [] : [password]
    }

    /// `text` without one pair of surrounding quotes.
    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// Base64 `user:password` (a Basic header) decoded; nil for anything else.
    private static func basicCredentials(_ text: String) -> String? {
        guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8),
            decoded.contains(":"), decoded.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F })
        else { return nil }
        return decoded
    }

    /// The inside of a JSON string, its escapes undone.
    private static func jsonUnescaped(_ text: String) -> String? {
        guard let data = "\"\(text)\"".data(using: .utf8) else { return nil }
        return try? JSONDecoder().decode(String.self, from: data)
    }

    /// `text` as it stands inside a JSON string (gotriage writes JSON without escaping `/`).
    private static func jsonEscaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
