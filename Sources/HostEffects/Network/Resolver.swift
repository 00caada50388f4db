import Dispatch
import Foundation
import Glibc

/// One address a host name resolved to, ready for `connect(2)`.
struct ResolvedAddress: Sendable {
    /// The `sockaddr` bytes.
    var bytes: [UInt8]
    /// The address family (`AF_INET` or `AF_INET6`).
    var family: Int32
    /// The numeric address: `127.0.0.1` or `::1`.
    var text: String
}

/// Looks host names up with `getaddrinfo(3)`, giving up at a deadline.
enum Resolver {
    /// The outcome of a lookup.
    enum Outcome: Sendable {
        case resolved([ResolvedAddress])
        case failed(String)
        case timedOut
    }

    /// Resolves `host` for a TCP connection to `port`.
    ///
    /// `getaddrinfo` cannot be interrupted, so it runs on a thread of its own (not a shared pool thread); when the
    /// deadline passes first the lookup is abandoned (the thread finishes on its own).
    static func resolve(host: String, port: Int, deadline: Deadline) -> Outcome {
        let box = Locked<Outcome?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let outcome = lookUp(host: host, port: port)
            box.withLock { $0 = outcome }
            done.signal()
        }
        let wait = DispatchTime.now() + .milliseconds(Int(deadline.remainingMilliseconds))
        guard done.wait(timeout: wait) == .success else { return .timedOut }
        return box.withLock { $0 } ?? .timedOut
    }

    private static func lookUp(host: String, port: Int) -> Outcome {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0 else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            return .failed(reason)
        }
        defer { freeaddrinfo(list) }
        var addresses: [ResolvedAddress] = []
        var cursor = list
        while let info = cursor?.pointee {
            cursor = info.ai_next
            guard let address = info.ai_addr else { continue }
            let bytes = Array(UnsafeRawBufferPointer(start: address, count: Int(info.ai_addrlen)))
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let named = getnameinfo(address, info.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST)
            let shown =
                named == 0
                ? String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : host
            // getaddrinfo repeats an address per protocol on some systems; keep one.
            if !addresses.contains(where: { $0.bytes == bytes }) {
                addresses.append(ResolvedAddress(bytes: bytes, family: info.ai_family, text: shown))
            }
        }
        return addresses.isEmpty ? .failed("no addresses") : .resolved(addresses)
    }
}
