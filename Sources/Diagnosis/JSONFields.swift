/// Unfolds the text Go puts inside `-json` output back into plain lines.
///
/// `go mod download -json` writes `{ "Path": …, "Version": …, "Error": "…" }` objects, and
/// `go list -m -json` an `"Error": {"Err": "…"}`; `go test -json` and `go build -json` put the
/// lines in `"Output"`. Each such string is unescaped (`\n`, `\t`, `\"`, `\u0026`, …) into lines
/// of its own; an `Error` is written as `go: PATH@VERSION: …`, as go itself would print it, so the
/// failing module is read the same way. The JSON lines around it are dropped.
enum JSONFields {
    static func unfold(_ lines: [LogLine]) -> [LogLine] {
        guard lines.contains(where: { $0.text.has("\"Error\"") || $0.text.has("\"Output\"") || $0.text.has("\"Err\"") }) else {
            return lines
        }
        var result: [LogLine] = []
        result.reserveCapacity(lines.count)
        var inObject = false
        var path: String?
        var version: String?
        for line in lines {
            let trimmed = line.text.trimmingSpaces
            if trimmed == "{" {
                inObject = true
                path = nil
                version = nil
                continue
            }
            if inObject, trimmed == "}" || trimmed == "}," {
                inObject = false
                continue
            }
            let looksLikeJSON = trimmed.hasPrefix("\"") || trimmed.hasPrefix("{\"") || trimmed.hasPrefix("}")
            guard inObject || trimmed.hasPrefix("{\"") else {
                result.append(line)
                continue
            }
            if let value = stringValue(of: "Path", in: trimmed) { path = value }
            if let value = stringValue(of: "Version", in: trimmed) { version = value }
            var unfolded = false
            for key in ["Error", "Err"] {
                guard let value = stringValue(of: key, in: trimmed) else { continue }
                let prefix: String
                if let path, value.hasPrefix(path + "@") || value.hasPrefix(path + ":") {
                    prefix = "go: "  // newer releases put the module in the error already
                } else if let path {
                    prefix = "go: " + path + (version.map { "@" + $0 } ?? "") + ": "
                } else {
                    prefix = ""
                }
                for (offset, part) in value.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where !(part.isEmpty && offset > 0) {
                    result.append(LogLine(number: line.number, text: offset == 0 ? prefix + part : String(part)))
                }
                unfolded = true
                break
            }
            if let output = stringValue(of: "Output", in: trimmed) {
                for part in output.split(separator: "\n") { result.append(LogLine(number: line.number, text: String(part))) }
                unfolded = true
            }
            if !unfolded, !looksLikeJSON { result.append(line) }
        }
        return result
    }

    /// The unescaped string value of `"key": "…"` in a line of JSON, or nil.
    static func stringValue(of key: String, in line: String) -> String? {
        let bytes = Array(line.utf8)
        let needle = Array("\"\(key)\"".utf8)
        guard bytes.count > needle.count else { return nil }
        var i = 0
        search: while i + needle.count <= bytes.count {
            for j in 0..<needle.count where bytes[i + j] != needle[j] {
                i += 1
                continue search
            }
            var k = i + needle.count
            while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
            guard k < bytes.count, bytes[k] == UInt8(ascii: ":") else {
                i += 1
                continue
            }
            k += 1
            while k < bytes.count, bytes[k] == 0x20 || bytes[k] == 0x09 { k += 1 }
            guard k < bytes.count, bytes[k] == UInt8(ascii: "\"") else {
                i += 1
                continue
            }
            return unescape(bytes, from: k + 1)
        }
        return nil
    }

    /// The JSON string starting after its opening quote at `start`, unescaped; stops at the
    /// closing quote or the end of the line (a string cut off by a truncated log).
    static func unescape(_ bytes: [UInt8], from start: Int) -> String {
        var out: [UInt8] = []
        var i = start
        var pendingHigh: UInt32?
        func append(scalar value: UInt32) {
            if let scalar = Unicode.Scalar(value) { out += Array(String(Character(scalar)).utf8) }
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") { break }
            guard byte == UInt8(ascii: "\\"), i + 1 < bytes.count else {
                out.append(byte)
                i += 1
                continue
            }
            let escaped = bytes[i + 1]
            i += 2
            switch escaped {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): break
            case UInt8(ascii: "b"), UInt8(ascii: "f"): break
            case UInt8(ascii: "u"):
                guard i + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else {
                    continue
                }
                i += 4
                if (0xD800...0xDBFF).contains(value) {
                    pendingHigh = value
                } else if (0xDC00...0xDFFF).contains(value), let high = pendingHigh {
                    append(scalar: 0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00))
                    pendingHigh = nil
                } else {
                    append(scalar: value)
                }
            default: out.append(escaped)  // \" \\ \/
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })!
        return String(scalars[first...last])
    }
}
