import Foundation

/// A walk as one JSON document (`report --json`, `run --json --report FILE`): the context, the
/// record, and whether it was redacted. Every string in it passes the redactor.
struct JSONReport: Encodable {
    var gotriage: String
    var context: ReportContext
    var redacted: Bool
    var walk: WalkRecord

    init(record: WalkRecord, context: ReportContext, redactor: Redactor) {
        gotriage = "report/1"
        self.context = context
        redacted = redactor.isEnabled
        walk = record.prepared(with: redactor)
    }

    /// Pretty-printed JSON with sorted keys, redacted once more as a whole (every string, and any
    /// value under a secret-looking key).
    func render(with redactor: Redactor) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        let data = redactor.redact(json: try encoder.encode(self))
        // Re-indent: the redacting pass writes compact JSON.
        let object = try JSONSerialization.jsonObject(with: data)
        let pretty = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted])
        return String(decoding: pretty, as: UTF8.self) + "\n"
    }
}
