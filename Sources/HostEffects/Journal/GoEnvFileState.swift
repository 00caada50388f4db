import Crypto
import Foundation

/// A fingerprint of the GOENV file at one moment: whether it exists, its SHA-256 and its exact
/// bytes — so undo can put it back byte for byte and prove that it did.
public struct GoEnvFileState: Sendable, Codable, Equatable {
    /// Whether the file existed.
    public var exists: Bool
    /// Its size in bytes (0 when it did not exist).
    public var size: Int
    /// The SHA-256 of its bytes, 64 lowercase hex digits; nil when it did not exist or could not be read.
    public var sha256: String?
    /// Its bytes, base64-encoded; nil when it did not exist (older journals: when over 4 096 bytes).
    public var bytes: String?

    /// The largest GOENV file gotriage changes, in bytes (1 MiB): every change keeps the file's
    /// bytes whole in the journal. A GOENV file of a few dozen settings is under 4 KiB.
    public static let keptBytesLimit = 1_048_576

    public init(exists: Bool, size: Int, sha256: String?, bytes: String?) {
        self.exists = exists
        self.size = size
        self.sha256 = sha256
        self.bytes = bytes
    }

    /// The state of a file holding `data`; nil `data` is a file that does not exist.
    public init(data: Data?) {
        guard let data else {
            self.init(exists: false, size: 0, sha256: nil, bytes: nil)
            return
        }
        self.init(
            exists: true, size: data.count, sha256: Self.hex(SHA256.hash(data: data)),
            bytes: data.base64EncodedString())
    }

    /// The state of the file at `path` now.
    public static func capture(path: String) -> GoEnvFileState {
        guard FileManager.default.fileExists(atPath: path) else { return GoEnvFileState(data: nil) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return GoEnvFileState(exists: true, size: 0, sha256: nil, bytes: nil)
        }
        return GoEnvFileState(data: data)
    }

    /// The bytes this state kept; nil when the file did not exist or the bytes were not kept.
    public var data: Data? { bytes.flatMap { Data(base64Encoded: $0) } }

    /// Whether `other` has the same bytes (or both are absent). False when either could not be read.
    public func sameContent(as other: GoEnvFileState) -> Bool {
        if !exists || !other.exists { return exists == other.exists }
        guard let sha256, let otherHash = other.sha256 else { return false }
        return sha256 == otherHash
    }

    /// Whether a file holding `data` (nil: absent) is in this state.
    public func matches(_ data: Data?) -> Bool { sameContent(as: GoEnvFileState(data: data)) }

    /// A digest as lowercase hex digits, two per byte (64 for SHA-256).
    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
