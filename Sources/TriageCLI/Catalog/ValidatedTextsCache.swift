import Crypto
import Foundation
import PlaybookSpec

/// The file texts (catalog, playbooks) this build of gotriage loaded without a problem, kept in
/// the user's cache folder as one empty file per text, named by the SHA-256 of the build's
/// identity and the text. A changed file, or a rebuilt or replaced binary, gets another name and
/// is checked again; a folder that cannot be read or written just means the checks run.
struct ValidatedTextsCache: ValidatedTexts {
    let directory: String
    /// What tells this build from another: the executable's path, size and modification time.
    let build: String

    /// `$XDG_CACHE_HOME/gotriage/validated-texts`, else `$HOME/.cache/gotriage/validated-texts`,
    /// for the running executable.
    static func standard(environment: [String: String], executable: String) -> ValidatedTextsCache {
        let attributes = try? FileManager.default.attributesOfItem(atPath: executable)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
        return ValidatedTextsCache(
            directory: StateLocation.cacheFile("validated-texts", environment: environment),
            build: "\(executable)\u{0}\(size)\u{0}\(modified)")
    }

    func hasPassed(_ text: String) -> Bool {
        FileManager.default.fileExists(atPath: path(for: text))
    }

    func recordPassed(_ text: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path(for: text), contents: Data())  // not written: only time is lost
    }

    private func path(for text: String) -> String {
        let digest = SHA256.hash(data: Data((build + "\u{0}" + text).utf8))
        return directory + "/" + digest.map { String(format: "%02x", $0) }.joined()
    }
}
