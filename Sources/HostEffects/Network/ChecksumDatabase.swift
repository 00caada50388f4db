/// Where Go's checksum database answers, worked out from a `GOSUMDB` value the way go does.
public enum ChecksumDatabase {
    /// The URL go contacts for the `GOSUMDB` setting `value`, or nil when checking is `off`.
    ///
    /// The value is `name[+key] [url]`: an empty value means `sum.golang.org`; without a URL go
    /// contacts `https://<name>`.
    ///
    /// - Example: `url(forGOSUMDB: "")` is `https://sum.golang.org`;
    ///   `url(forGOSUMDB: "sum.golang.org http://127.0.0.1:8080")` is `http://127.0.0.1:8080`.
    public static func url(forGOSUMDB value: String) -> String? {
        let fields = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        guard let first = fields.first else { return "https://sum.golang.org" }
        if first == "off" { return nil }
        if fields.count > 1 { return String(fields[1]) }
        let name = first.split(separator: "+", maxSplits: 1).first ?? first
        return "https://\(name)"
    }
}
