import Crypto
import Foundation

/// A fingerprint of the GOENV file at one moment: whether it exists, its SHA-256 and, when it is
/// small, its exact bytes — so undo can prove the file is back to what it was.
public struct GoEnvFileState: Sendable, Codable, Equatable {
    /// Whether the file existed.
    public var exists: Bool
    /// Its size in bytes (0 when it did not exist).
    public var size: Int
    /// The SHA-256 of its bytes, 64 lowercase hex digits; nil when it did not exist or could not be read.
    public var sha256: String?
    /// Its bytes, base64-encoded, when at most ``keptBytesLimit`` bytes long.
    public var bytes: String?

    /// Files up to this many bytes are kept whole in the journal.
    public static let keptBytesLimit = 4_096

    public init(exists: Bool, size: Int, sha256: String?, bytes: String?) {
        self.exists = exists
        self.size = size
        self.sha256 = sha256
        self.bytes = bytes
    }

    /// The state of the file at `path` now.
    public static func capture(path: String) -> GoEnvFileState {
        guard FileManager.default.fileExists(atPath: path) else {
            return GoEnvFileState(exists: false, size: 0, sha256: nil, bytes: nil)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return GoEnvFileState(exists: true, size: 0, sha256: nil, bytes: nil)
        }
        return GoEnvFileState(
            exists: true, size: data.count, sha256: hex(SHA256.hash(data: data)),
            bytes: data.count <= keptBytesLimit ? data.base64EncodedString() : nil)
    }

    /// Whether `other` has the same bytes (or both are absent). False when either could not be read.
    public func sameContent(as other: GoEnvFileState) -> Bool {
        if !exists || !other.exists { return exists == other.exists }
        guard let sha256, let otherHash = other.sha256 else { return false }
        return sha256 == otherHash
    }

    /// A digest as lowercase hex digits, two per byte (64 for SHA-256).
    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
